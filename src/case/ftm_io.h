/*
 * ftm_io: import and export of a case as FollowTheMoney JSON lines.
 * Import is all-or-nothing (one transaction) unless CASE_FTM_SKIP_BAD;
 * export writes the live statements of every entity, never a protected
 * value unless a reviewer released it for every export (disclose.h). Round trip
 * FtM -> case -> FtM keeps every id, schema (our Designation is FtM Sanction)
 * and property value. Prints nothing: progress and skipped lines go to
 * callbacks.
 */
#ifndef CASE_FTM_IO_H
#define CASE_FTM_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"
#include "util/err.h"

enum case_ftm_flags {
    CASE_FTM_SKIP_BAD = 1 << 0, /* skip bad lines/values and report them */
};

struct case_ftm_stats {
    int64_t lines;      /* non-empty lines read */
    int64_t entities;   /* entities added / written */
    int64_t statements; /* values added / written */
    int64_t skipped;    /* lines or values skipped (SKIP_BAD) */
    int64_t withheld;   /* export: protected values left out */
    int64_t released;   /* export: protected values written because a
                           reviewer released them for scope "all" */
    int64_t empty;      /* import: empty values ignored */
};

struct case_ftm_hooks {
    /* Called now and then with bytes done of total (may be NULL). */
    void (*progress)(uint64_t done, uint64_t total, void *ctx);
    /* Called for each skipped line or value with its reason (may be NULL);
     * line is 1-based, msg is borrowed. */
    void (*skipped)(int64_t line, const char *msg, void *ctx);
    void *ctx;
};

/*
 * Imports the FtM JSON lines file at path into the case: every entity
 * (id kept) with its property values, stored through case_prop_add in
 * lenient mode (values that fail our stricter checks are kept verbatim,
 * so nothing is lost), each citing source_id when given. References may
 * point forward in the file. Errors name the file and line: malformed
 * JSON, unknown schema or property (listing the allowed ones), an id
 * already in the case or twice in the file. Without CASE_FTM_SKIP_BAD the
 * first error aborts and the case is unchanged. hooks may be NULL.
 */
enum err_code case_ftm_import(struct store *st, const char *path,
                              const char *source_id, unsigned flags,
                              const struct case_ftm_hooks *hooks,
                              struct case_ftm_stats *stats, struct err *e);

/* The same from an open stream; path only names it in messages. */
enum err_code case_ftm_import_stream(struct store *st, FILE *f,
                                     const char *path, const char *source_id,
                                     unsigned flags,
                                     const struct case_ftm_hooks *hooks,
                                     struct case_ftm_stats *stats,
                                     struct err *e);

/*
 * Writes every entity (of schema and its descendants, or all when schema
 * is NULL) as FtM JSON lines to out, ordered by id, values grouped by
 * property. Protected values are left out (counted in withheld), except
 * those a reviewer released for scope "all" (case/disclose.h; counted in
 * released); entities of wholly protected schemata keep only their
 * public and released values. A release for one jurisdiction does not
 * reach this export.
 */
enum err_code case_ftm_export(struct store *st, FILE *out, const char *schema,
                              struct case_ftm_stats *stats, struct err *e);

#endif
