/*
 * store_disclosure: the disclosure log of the case database. A reviewer
 * who releases a protected value (a victim's name, an informant's
 * contact) for a scope ("all" or a jurisdiction such as "uk"), or
 * withdraws that release, adds one record; nothing is ever changed or
 * deleted (triggers refuse UPDATE and DELETE). What is released now is
 * the latest record of each (statement, scope): a "release" still stands
 * until a later "withdraw" of the same scope.
 *
 * This module only stores: the rules (which statements may be released,
 * which scopes exist) are case/disclose.c's.
 *
 * Ownership: strings passed in are borrowed (copied by SQLite); records
 * given to callbacks and their strings are borrowed for the call. A
 * callback returning non-zero stops the iteration (ERR_OK then).
 */
#ifndef STORE_STORE_DISCLOSURE_H
#define STORE_STORE_DISCLOSURE_H

#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Migration appended to migrate.c's list. */
#define STORE_DISCLOSURE_MIGRATION                                             \
    "CREATE TABLE disclosure(\n"                                               \
    "  id INTEGER PRIMARY KEY,\n"                                              \
    "  stmt_id INTEGER NOT NULL REFERENCES statement(id),\n"                   \
    "  action TEXT NOT NULL CHECK(action IN ('release','withdraw')),\n"        \
    "  scope TEXT NOT NULL,\n"                                                 \
    "  reason TEXT NOT NULL,\n"                                                \
    "  author TEXT NOT NULL,\n"                                                \
    "  at TEXT NOT NULL\n"                                                     \
    ");\n"                                                                     \
    "CREATE INDEX disclosure_stmt ON disclosure(stmt_id, scope, id);\n"        \
    "CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure\n"        \
    "BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;\n"   \
    "CREATE TRIGGER disclosure_no_update BEFORE UPDATE ON disclosure\n"        \
    "BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;\n"

struct store_disclosure_rec {
    int64_t id;            /* assigned by store_disclosure_add */
    int64_t stmt_id;       /* the protected statement */
    const char *entity_id; /* its entity (filled on reading; ignored on add) */
    const char *action;    /* "release" or "withdraw" */
    const char *scope;     /* "all" or a jurisdiction id ("uk") */
    const char *reason;    /* why (required) */
    const char *author;    /* who; NULL on add = the store's default */
    const char *at;        /* ISO UTC; set by the store on add */
};

typedef int (*store_disclosure_cb)(const struct store_disclosure_rec *r,
                                   void *ctx);

/*
 * Appends r (stmt_id, action, scope, reason, author) and an audit record
 * ("disclosure.release" or "disclosure.withdraw", naming the entity and
 * statement) in one transaction (or the caller's open one). *id_out (may
 * be NULL) receives the record id. Errors: ERR_INVALID (bad action, empty
 * scope or reason), ERR_NOTFOUND (no such statement), store errors.
 */
enum err_code store_disclosure_add(struct store *st,
                                   const struct store_disclosure_rec *r,
                                   int64_t *id_out, struct err *e);

/* Records in id order: all (stmt_id 0) or one statement's. */
enum err_code store_disclosure_each(struct store *st, int64_t stmt_id,
                                    store_disclosure_cb cb, void *ctx,
                                    struct err *e);

/*
 * What is released now: for each (statement, scope) whose latest record
 * is a "release", that record, ordered by statement id then scope.
 * scope NULL: every scope; else only records of scope "all" or of that
 * scope. entity_id NULL: every entity; else only its statements.
 */
enum err_code store_disclosure_current(struct store *st, const char *scope,
                                       const char *entity_id,
                                       store_disclosure_cb cb, void *ctx,
                                       struct err *e);

#endif
