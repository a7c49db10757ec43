/*
 * store_disclosure: SQL for the disclosure log (see store_disclosure.h).
 * Uses the store's own connection (store_int.h), so a record and its
 * audit entry are written in one transaction.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_disclosure.h"
#include "store/store_int.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define REC_COLS                                                               \
    "d.id, d.stmt_id, s.entity_id, d.action, d.scope, d.reason, d.author, "    \
    "d.at"

static enum err_code prepare(struct store *st, const char *sql,
                             sqlite3_stmt **q, struct err *e)
{
    return store_prepare(st, sql, q, "cannot prepare a disclosure query", e);
}

static int entity_of_cb(const struct store_stmt *s, void *ctx)
{
    struct strbuf *sb = ctx;

    strbuf_addstr(sb, s->entity_id);
    return 0;
}

static enum err_code insert(struct store *st,
                            const struct store_disclosure_rec *r,
                            const char *author, int64_t *id_out, struct err *e)
{
    sqlite3_stmt *q = NULL;
    char now[32];
    enum err_code rc;
    int src;

    date_now_iso(now);
    rc = prepare(st,
                 "INSERT INTO disclosure(stmt_id, action, scope, reason, "
                 "author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 &q, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(q, 1, r->stmt_id);
    store_bind_text(q, 2, r->action);
    store_bind_text(q, 3, r->scope);
    store_bind_text(q, 4, r->reason);
    store_bind_text(q, 5, author);
    store_bind_text(q, 6, now);
    src = sqlite3_step(q);
    sqlite3_finalize(q);
    if (src != SQLITE_DONE)
        return store_sqlite_fail(st, src, "cannot record the disclosure", e);
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(store_sqlite(st));
    return ERR_OK;
}

enum err_code store_disclosure_add(struct store *st,
                                   const struct store_disclosure_rec *r,
                                   int64_t *id_out, struct err *e)
{
    struct strbuf entity = STRBUF_INIT, detail = STRBUF_INIT;
    struct strbuf action = STRBUF_INIT;
    const char *author;
    enum err_code rc;

    if (!r->action || (strcmp(r->action, "release") != 0 &&
                       strcmp(r->action, "withdraw") != 0))
        return err_set(e, ERR_INVALID,
                       "unknown disclosure action '%s' (release or withdraw)",
                       r->action ? r->action : "");
    if (!r->scope || !*r->scope)
        return err_set(e, ERR_INVALID, "a disclosure needs a scope");
    if (!r->reason || !*r->reason)
        return err_set(e, ERR_INVALID, "a disclosure needs a reason");
    rc = store_stmt_get(st, r->stmt_id, entity_of_cb, &entity, e);
    if (rc)
        return rc;
    rc = store_begin(st, e);
    if (rc)
        goto out;
    author = store_author(st, r->author);
    rc = insert(st, r, author, id_out, e);
    if (!rc) {
        strbuf_addf(&action, "disclosure.%s", r->action);
        strbuf_addf(&detail, "scope %s: %s", r->scope, r->reason);
        rc = store_audit_write(st, author, action.buf, entity.buf, r->stmt_id,
                               detail.buf, e);
    }
    if (rc)
        store_rollback(st);
    else
        rc = store_commit(st, e);
out:
    strbuf_release(&entity);
    strbuf_release(&detail);
    strbuf_release(&action);
    return rc;
}

static enum err_code rows(struct store *st, sqlite3_stmt *q,
                          store_disclosure_cb cb, void *ctx, struct err *e)
{
    int src;

    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_disclosure_rec r;

        r.id = sqlite3_column_int64(q, 0);
        r.stmt_id = sqlite3_column_int64(q, 1);
        r.entity_id = store_col_text(q, 2);
        r.action = store_col_text(q, 3);
        r.scope = store_col_text(q, 4);
        r.reason = store_col_text(q, 5);
        r.author = store_col_text(q, 6);
        r.at = store_col_text(q, 7);
        if (cb(&r, ctx))
            return ERR_OK;
    }
    if (src != SQLITE_DONE)
        return store_sqlite_fail(st, src, "cannot read the disclosure log", e);
    return ERR_OK;
}

enum err_code store_disclosure_each(struct store *st, int64_t stmt_id,
                                    store_disclosure_cb cb, void *ctx,
                                    struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    rc = prepare(st,
                 "SELECT " REC_COLS " FROM disclosure d "
                 "JOIN statement s ON s.id = d.stmt_id "
                 "WHERE ?1 = 0 OR d.stmt_id = ?1 ORDER BY d.id",
                 &q, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(q, 1, stmt_id);
    rc = rows(st, q, cb, ctx, e);
    sqlite3_finalize(q);
    return rc;
}

enum err_code store_disclosure_current(struct store *st, const char *scope,
                                       const char *entity_id,
                                       store_disclosure_cb cb, void *ctx,
                                       struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    /* The latest record of each (statement, scope) decides. */
    rc = prepare(st,
                 "SELECT " REC_COLS " FROM disclosure d "
                 "JOIN statement s ON s.id = d.stmt_id "
                 "WHERE d.action = 'release' "
                 "AND d.id = (SELECT max(x.id) FROM disclosure x "
                 "WHERE x.stmt_id = d.stmt_id AND x.scope = d.scope) "
                 "AND (?1 IS NULL OR d.scope = 'all' OR d.scope = ?1) "
                 "AND (?2 IS NULL OR s.entity_id = ?2) "
                 "ORDER BY d.stmt_id, d.scope",
                 &q, e);
    if (rc)
        return rc;
    store_bind_text(q, 1, scope);
    store_bind_text(q, 2, entity_id);
    rc = rows(st, q, cb, ctx, e);
    sqlite3_finalize(q);
    return rc;
}
