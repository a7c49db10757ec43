/*
 * disclose: a reviewer's release of protected values. Protected values
 * (a victim's identity, an informant's name or contact: schema.h) never
 * leave the case unless a reviewer releases one, for every export
 * (scope "all") or for the submissions to one jurisdiction ("uk"), with
 * a reason. Releases are an append-only log (store_disclosure.h): a
 * release is undone by a later "withdraw" of the same scope, and both
 * stay on record, each with an audit entry. The latest record of a
 * (statement, scope) decides.
 *
 * Who honours releases: the FtM export (scope "all" only), the dossier
 * build (scope "all" or the regime's jurisdiction), and `show`, which
 * still masks the value but marks it released.
 *
 * Issues no SQL (store_disclosure.h) and prints nothing. Strings passed
 * in are borrowed; structs given to callbacks and their strings are
 * borrowed for the call.
 */
#ifndef CASE_DISCLOSE_H
#define CASE_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* The scope that covers every export. */
#define CASE_SCOPE_ALL "all"

/* Longest reason accepted (bytes); longer ones fail with ERR_TOOBIG. */
#define CASE_DISCLOSE_REASON_MAX 4096

/*
 * The canonical scope for text s: "all" or a jurisdiction of the
 * regimes the dossier builder knows ("us", "uk", "eu", "ca", "au"; the
 * regime files' "gb" means "uk"), case-insensitive. NULL when unknown.
 * Returns a static string.
 */
const char *case_disclose_scope(const char *s);

/* "all, us, uk, eu, ca, au": the scopes, for messages and help. */
const char *case_disclose_scope_list(void);

/*
 * The scope of a regime's jurisdiction (regime.h: "gb" -> "uk",
 * "us" -> "us"); NULL when the jurisdiction has none.
 */
const char *case_disclose_scope_of_jurisdiction(const char *jurisdiction);

/* True when a release of scope covers want ("all" covers every scope). */
bool case_disclose_scope_covers(const char *scope, const char *want);

/*
 * Releases the protected value of statement stmt_id for scope (or, with
 * withdraw, withdraws its release for exactly that scope), with a
 * reason, by author (NULL = the store's default). Logged with an audit
 * entry in one transaction.
 * Errors: ERR_NOTFOUND (no such statement), ERR_CONFLICT (statement
 * retracted; already released for that scope; withdraw with nothing
 * released for that scope), ERR_INVALID (value not protected: "nothing
 * to release: PROP of SCHEMA is not protected"; empty reason; unknown
 * scope), ERR_TOOBIG (reason over CASE_DISCLOSE_REASON_MAX), store
 * errors.
 */
enum err_code case_disclose(struct store *st, int64_t stmt_id,
                            const char *scope, const char *reason,
                            const char *author, bool withdraw, struct err *e);

/* One disclosure record with the statement it concerns. */
struct case_disclosure {
    int64_t id; /* record id, in log order */
    int64_t stmt_id;
    const char *entity_id;
    const char *schema;  /* of the entity */
    const char *caption; /* entity caption (never a protected value) */
    const char *prop;
    const char *label;  /* the property's label ("Real name") */
    const char *value;  /* the protected value itself: mask it on screen */
    const char *action; /* "release" or "withdraw" */
    const char *scope;
    const char *reason;
    const char *author;
    const char *at; /* ISO UTC */
    bool retracted; /* the statement has been retracted since */
};

typedef int (*case_disclosure_cb)(const struct case_disclosure *d, void *ctx);

enum case_disclose_each_flags {
    CASE_DISCLOSE_LOG = 1 << 0, /* every record (withdrawals, retracted
                                   statements too), not only what is
                                   released now */
};

/*
 * Without CASE_DISCLOSE_LOG: what is released now, one record per
 * (live statement, scope), by statement id then scope. With it: the whole
 * log in order. A callback returning non-zero stops (ERR_OK).
 */
enum err_code case_disclose_each(struct store *st, unsigned flags,
                                 case_disclosure_cb cb, void *ctx,
                                 struct err *e);

/* Statement ids released for one scope (sorted, distinct; heap). */
struct case_release_set {
    int64_t *ids;
    size_t n, alloc;
};

#define CASE_RELEASE_SET_INIT                                                  \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

/*
 * Loads into *out (caller-owned: case_release_set_clear) the statements
 * released now for scope: those whose latest record for scope "all", or
 * for exactly scope, is a release. scope "all" gets only the "all" ones.
 * Errors: ERR_INVALID (unknown scope), store errors.
 */
enum err_code case_release_set_load(struct store *st, const char *scope,
                                    struct case_release_set *out,
                                    struct err *e);
bool case_release_set_has(const struct case_release_set *s, int64_t stmt_id);
void case_release_set_clear(struct case_release_set *s);

#endif
