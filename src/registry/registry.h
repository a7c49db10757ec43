/*
 * registry: imports of company registers and beneficial-ownership data
 * into a case: Open Ownership BODS 0.4 JSON, UK Companies House PSC
 * snapshots (JSON lines) and BasicCompanyData (CSV), and Hong Kong
 * company lists (CR number, English and Chinese names). Every import
 * records one Source entity for the file and cites it on every
 * statement; values are kept as written where our checks do not accept
 * them (CASE_LENIENT), so a share such as "25-50" or "150" is kept and
 * later flagged by the holdings query, never corrected or guessed.
 *
 * Entities get derived ids (util/ids ids_derive), stable across files:
 * a UK company is "gb-coh-..." of its company number in every UK
 * format, so a PSC import and a BasicCompanyData import meet on the same
 * company. An entity already in the case is reused and gains the new
 * statements. Issues no SQL (goes through case.h), prints nothing.
 */
#ifndef REGISTRY_REGISTRY_H
#define REGISTRY_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"
#include "util/ids.h"

enum registry_format {
    REGISTRY_BODS = 1,     /* "bods" */
    REGISTRY_CH_PSC,       /* "ch-psc" */
    REGISTRY_CH_BASIC,     /* "ch-basic" */
    REGISTRY_HK_COMPANIES, /* "hk-companies" */
};

#define REGISTRY_FORMAT_NAMES "bods, ch-psc, ch-basic, hk-companies"

/* Largest JSON file read (bytes); CSV files are streamed, uncapped. */
#define REGISTRY_JSON_MAX ((size_t)4 << 30)

/* Parses a format name; false when unknown. */
bool registry_format_parse(const char *name, enum registry_format *out);
const char *registry_format_name(enum registry_format f);

struct registry_stats {
    int64_t records;    /* records read from the file */
    int64_t entities;   /* entities created */
    int64_t reused;     /* entities already in the case */
    int64_t statements; /* statements added */
    int64_t unchanged;  /* values the case already had (not added again) */
    int64_t links;      /* Ownership records created */
    int64_t flagged;    /* shares missing where one was expected, or out
                           of 0..100: kept as written, flagged */
    int64_t skipped;    /* records or values not imported (unusable) */
    char source_id[ID_MAX_LEN + 1]; /* the Source entity of the file */
};

/*
 * Imports the file at path in format fmt, all or nothing (one
 * transaction). A file that is not of the format is refused with
 * ERR_INVALID naming what is missing; ERR_IO when it cannot be read;
 * ERR_TOOBIG above REGISTRY_JSON_MAX; store errors. stats is filled.
 */
enum err_code registry_import(struct store *st, const char *path,
                              enum registry_format fmt,
                              struct registry_stats *stats, struct err *e);

/* The same from memory (borrowed); name is used in messages and the
 * Source's name. */
enum err_code registry_import_mem(struct store *st, const char *data,
                                  size_t len, const char *name,
                                  enum registry_format fmt,
                                  struct registry_stats *stats, struct err *e);

#endif
