/*
 * store_custody: SQL for the custody log (see store_custody.h).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_custody.h"
#include "store/store_int.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define CUSTODY_BUSY_MS 10000

struct store_custody {
    sqlite3 *db;
    struct store *st; /* attached to (borrowed), or NULL: db is ours */
    bool joined;      /* last append joined st's transaction */
};

static enum err_code db_err(struct store_custody *cs, const char *what,
                            struct err *e)
{
    int code = sqlite3_extended_errcode(cs->db) & 0xff;

    return err_set(e, code == SQLITE_BUSY ? ERR_CONFLICT : ERR_DB, "%s: %s",
                   what, sqlite3_errmsg(cs->db));
}

static enum err_code check_table(struct store_custody *cs, const char *what,
                                 struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc = ERR_OK;

    if (sqlite3_prepare_v2(cs->db,
                           "SELECT 1 FROM sqlite_master WHERE type='table' "
                           "AND name='custody'",
                           -1, &q, NULL) != SQLITE_OK)
        rc = db_err(cs, "cannot read the case database", e);
    else if (sqlite3_step(q) != SQLITE_ROW)
        rc = err_set(e, ERR_DB, "case database '%s' has no custody log", what);
    sqlite3_finalize(q);
    return rc;
}

enum err_code store_custody_attach(struct store *st, struct store_custody **out,
                                   struct err *e)
{
    struct store_custody *cs = xcalloc(1, sizeof(*cs));
    enum err_code rc;

    *out = NULL;
    cs->db = store_sqlite(st);
    cs->st = st;
    rc = check_table(cs, sqlite3_db_filename(cs->db, "main"), e);
    if (rc) {
        free(cs);
        return rc;
    }
    *out = cs;
    return ERR_OK;
}

bool store_custody_joined(const struct store_custody *cs)
{
    return cs->joined;
}

enum err_code store_custody_open(const char *db_path, bool readonly,
                                 struct store_custody **out, struct err *e)
{
    struct store_custody *cs = xcalloc(1, sizeof(*cs));
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    enum err_code rc = ERR_OK;

    *out = NULL;
    if (sqlite3_open_v2(db_path, &cs->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = err_set(e, ERR_DB, "cannot open case database '%s': %s", db_path,
                     cs->db ? sqlite3_errmsg(cs->db) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(cs->db, 1);
    sqlite3_busy_timeout(cs->db, CUSTODY_BUSY_MS);
    rc = check_table(cs, db_path, e);
out:
    if (rc) {
        store_custody_close(cs);
        return rc;
    }
    *out = cs;
    return ERR_OK;
}

void store_custody_close(struct store_custody *cs)
{
    if (!cs)
        return;
    if (!cs->st)
        sqlite3_close(cs->db);
    free(cs);
}

/* Hash of the last record (of one object when object != NULL), or the
 * genesis hash; *seq gets its seq (0 when none). Owned result. */
static enum err_code tail(struct store_custody *cs, const char *object,
                          char **hash, int64_t *seq, struct err *e)
{
    sqlite3_stmt *q = NULL;
    const char *sql =
        object ? "SELECT seq, hash FROM custody WHERE object = ?1 "
                 "ORDER BY seq DESC LIMIT 1"
               : "SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1";
    int r;

    *hash = NULL;
    *seq = 0;
    if (sqlite3_prepare_v2(cs->db, sql, -1, &q, NULL) != SQLITE_OK)
        return db_err(cs, "cannot read the custody log", e);
    if (object)
        sqlite3_bind_text(q, 1, object, -1, SQLITE_STATIC);
    r = sqlite3_step(q);
    if (r == SQLITE_ROW) {
        *seq = sqlite3_column_int64(q, 0);
        *hash = xstrdup((const char *)sqlite3_column_text(q, 1));
    } else if (r == SQLITE_DONE) {
        *hash = xstrdup(STORE_CUSTODY_GENESIS);
    } else {
        sqlite3_finalize(q);
        return db_err(cs, "cannot read the custody log", e);
    }
    sqlite3_finalize(q);
    return ERR_OK;
}

enum err_code store_custody_tail(struct store_custody *cs, int64_t *seq,
                                 char hash[65], struct err *e)
{
    char *h = NULL;
    enum err_code rc = tail(cs, NULL, &h, seq, e);

    if (rc == ERR_OK)
        snprintf(hash, 65, "%s", h);
    free(h);
    return rc;
}

enum err_code store_custody_append(struct store_custody *cs,
                                   struct store_custody_rec *r,
                                   store_custody_seal_fn seal, void *ctx,
                                   struct err *e)
{
    sqlite3_stmt *q = NULL;
    char *prev = NULL, *obj_prev = NULL;
    int64_t seq, oseq;
    enum err_code rc;

    bool join = cs->st && store_in_transaction(cs->st);

    cs->joined = join;
    if (!join &&
        sqlite3_exec(cs->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_err(cs, "cannot lock the custody log", e);
    rc = tail(cs, NULL, &prev, &seq, e);
    if (!rc)
        rc = tail(cs, r->object, &obj_prev, &oseq, e);
    if (rc)
        goto out;
    r->seq = seq + 1;
    r->prev = prev;
    r->obj_prev = obj_prev;
    rc = seal(r, ctx, e);
    if (rc)
        goto out;
    if (sqlite3_prepare_v2(
            cs->db,
            "INSERT INTO custody(seq, at, actor, action, object, exhibit, "
            "detail, prev, obj_prev, hash, sig) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            -1, &q, NULL) != SQLITE_OK) {
        rc = db_err(cs, "cannot append to the custody log", e);
        goto out;
    }
    sqlite3_bind_int64(q, 1, r->seq);
    sqlite3_bind_text(q, 2, r->at, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, r->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, r->action, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, r->object, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, r->exhibit ? r->exhibit : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, r->detail ? r->detail : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, r->prev, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 9, r->obj_prev, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 10, r->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, r->sig, -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = db_err(cs, "cannot append to the custody log", e);
out:
    sqlite3_finalize(q);
    /* joined: the caller commits or rolls back with its other writes */
    if (!join && !rc &&
        sqlite3_exec(cs->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_err(cs, "cannot commit the custody log", e);
    if (!join && rc)
        sqlite3_exec(cs->db, "ROLLBACK", NULL, NULL, NULL);
    r->prev = r->obj_prev = NULL;
    free(prev);
    free(obj_prev);
    return rc;
}

static const char *col(sqlite3_stmt *q, int i)
{
    const char *s = (const char *)sqlite3_column_text(q, i);

    return s ? s : "";
}

static enum err_code run_each(struct store_custody *cs, sqlite3_stmt *q,
                              store_custody_cb cb, void *ctx, struct err *e)
{
    int r;

    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_custody_rec rec;

        rec.seq = sqlite3_column_int64(q, 0);
        rec.at = col(q, 1);
        rec.actor = col(q, 2);
        rec.action = col(q, 3);
        rec.object = col(q, 4);
        rec.exhibit = col(q, 5);
        rec.detail = col(q, 6);
        rec.prev = col(q, 7);
        rec.obj_prev = col(q, 8);
        rec.hash = col(q, 9);
        rec.sig = col(q, 10);
        if (cb(&rec, ctx))
            break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return db_err(cs, "cannot read the custody log", e);
    return ERR_OK;
}

#define CUSTODY_COLS                                                           \
    "SELECT seq, at, actor, action, object, exhibit, detail, prev, "           \
    "obj_prev, hash, sig FROM custody "

enum err_code store_custody_each(struct store_custody *cs, const char *object,
                                 store_custody_cb cb, void *ctx, struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    if (sqlite3_prepare_v2(cs->db,
                           object ? CUSTODY_COLS "WHERE object = ?1 ORDER BY "
                                                 "seq"
                                  : CUSTODY_COLS "ORDER BY seq",
                           -1, &q, NULL) != SQLITE_OK)
        return db_err(cs, "cannot read the custody log", e);
    if (object)
        sqlite3_bind_text(q, 1, object, -1, SQLITE_STATIC);
    rc = run_each(cs, q, cb, ctx, e);
    sqlite3_finalize(q);
    return rc;
}

enum err_code store_custody_find(struct store_custody *cs, const char *id,
                                 store_custody_cb cb, void *ctx, struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    /* substr() rather than LIKE: the id is user text, and LIKE would give
     * '%' and '_' meaning. */
    if (sqlite3_prepare_v2(cs->db,
                           CUSTODY_COLS
                           "WHERE action = 'add' AND (exhibit = ?1 OR "
                           "substr(object, 1, length(?1)) = ?1) ORDER BY seq",
                           -1, &q, NULL) != SQLITE_OK)
        return db_err(cs, "cannot read the custody log", e);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    rc = run_each(cs, q, cb, ctx, e);
    sqlite3_finalize(q);
    return rc;
}
