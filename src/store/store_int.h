/*
 * store_int: internal to src/store/ only. Lets the store's other files
 * (store_custody.c, later tables) use the connection of an open struct
 * store, so their writes join store_begin/store_commit transactions and
 * share the busy timeout and cached pragmas. Nothing outside src/store/
 * may include this header (no SQL outside the store).
 */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/store.h"

/* The SQLite connection of st (borrowed; closed by store_close). */
sqlite3 *store_sqlite(struct store *st);

/* True inside store_begin .. store_commit/rollback. */
bool store_in_transaction(const struct store *st);

/*
 * Records the connection's error for rc in e the store's way (copied at
 * once; SQLITE_BUSY after the timeout becomes ERR_CONFLICT "case is
 * locked by another process"); returns the code set.
 */
enum err_code store_sqlite_fail(struct store *st, int rc, const char *what,
                                struct err *e);

/*
 * The author a write records: author when non-empty, else the store's
 * default (store_set_author, then user_current(): $DOSSIER_USER,
 * $DOSSIER_AUTHOR, $USER, "unknown").
 * Borrowed: valid until the next store_set_author.
 */
const char *store_author(struct store *st, const char *author);

/*
 * Appends an audit record at the current time by store_author(st,
 * author), naming a statement (stmt_id 0 = none). Joins the open
 * transaction, if any, so a change and its audit entry commit together.
 */
enum err_code store_audit_write(struct store *st, const char *author,
                                const char *action, const char *entity_id,
                                int64_t stmt_id, const char *detail,
                                struct err *e);

/* Binds s (copied) or NULL as parameter i of q. */
void store_bind_text(sqlite3_stmt *q, int i, const char *s);
/* Column i of the current row of q as text (borrowed until the next step). */
const char *store_col_text(sqlite3_stmt *q, int i);
/*
 * Prepares sql on st's connection into *q (caller finalizes); on failure
 * the error is recorded the store's way, prefixed by what.
 */
enum err_code store_prepare(struct store *st, const char *sql, sqlite3_stmt **q,
                            const char *what, struct err *e);

#endif
