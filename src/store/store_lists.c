/*
 * store_lists: SQL for list versions, screening alerts and decisions
 * (see store_lists.h). Uses the store's own connection (store_int.h), so
 * its writes join store_begin/store_commit transactions.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_lists.h"
#include "util/user.h"
#include "util/date.h"
#include "util/banned.h"

/* The store keeps its default author private; same fallbacks here. */
static enum err_code prepare(struct store *st, const char *sql,
                             sqlite3_stmt **q, struct err *e)
{
    return store_prepare(st, sql, q, "cannot prepare a list query", e);
}

enum err_code store_list_version_add(struct store *st,
                                     const struct store_list_version *v,
                                     int64_t *id_out, struct err *e)
{
    sqlite3_stmt *q = NULL;
    char now[32];
    enum err_code rc;
    int r;

    date_now_iso(now);
    rc = prepare(st,
                 "INSERT INTO list_version(source, jurisdiction, format, "
                 "published, file_hash, path, origin, entries, imported_at, "
                 "author) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                 &q, e);
    if (rc != ERR_OK)
        return rc;
    store_bind_text(q, 1, v->source);
    store_bind_text(q, 2, v->jurisdiction ? v->jurisdiction : "");
    store_bind_text(q, 3, v->format);
    store_bind_text(q, 4, v->published);
    store_bind_text(q, 5, v->file_hash);
    store_bind_text(q, 6, v->path);
    store_bind_text(q, 7, v->origin ? v->origin : v->path);
    sqlite3_bind_int64(q, 8, v->entries);
    store_bind_text(q, 9, now);
    store_bind_text(q, 10, user_or_current(v->author));
    r = sqlite3_step(q);
    sqlite3_finalize(q);
    if ((r & 0xff) == SQLITE_CONSTRAINT)
        return err_set(e, ERR_CONFLICT,
                       "list '%s' with this content (sha256 %.16s...) is "
                       "already held",
                       v->source, v->file_hash);
    if (r != SQLITE_DONE)
        return store_sqlite_fail(st, r, "cannot record the list version", e);
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(store_sqlite(st));
    {
        char detail[512];

        snprintf(detail, sizeof(detail), "%s %s (%lld entries, sha256 %s)",
                 v->source, v->published ? v->published : "undated",
                 (long long)v->entries, v->file_hash);
        return store_audit_add(st, "list.import", NULL, detail, e);
    }
}

#define VERSION_COLS                                                           \
    "id, source, jurisdiction, format, published, file_hash, path, origin, "   \
    "entries, imported_at, author"

static enum err_code version_rows(struct store *st, sqlite3_stmt *q,
                                  store_list_version_cb cb, void *ctx,
                                  bool *any, struct err *e)
{
    int r;

    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_list_version v;

        v.id = sqlite3_column_int64(q, 0);
        v.source = store_col_text(q, 1);
        v.jurisdiction = store_col_text(q, 2);
        v.format = store_col_text(q, 3);
        v.published = store_col_text(q, 4);
        v.file_hash = store_col_text(q, 5);
        v.path = store_col_text(q, 6);
        v.origin = store_col_text(q, 7);
        v.entries = sqlite3_column_int64(q, 8);
        v.imported_at = store_col_text(q, 9);
        v.author = store_col_text(q, 10);
        if (any)
            *any = true;
        if (cb(&v, ctx))
            return ERR_OK;
    }
    if (r != SQLITE_DONE)
        return store_sqlite_fail(st, r, "cannot read list versions", e);
    return ERR_OK;
}

enum err_code store_list_version_each(struct store *st, bool latest_only,
                                      store_list_version_cb cb, void *ctx,
                                      struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    rc = prepare(st,
                 latest_only
                     ? "SELECT " VERSION_COLS " FROM list_version v WHERE id = "
                       "(SELECT max(id) FROM list_version w WHERE w.source = "
                       "v.source) ORDER BY id"
                     : "SELECT " VERSION_COLS " FROM list_version ORDER BY id",
                 &q, e);
    if (rc == ERR_OK)
        rc = version_rows(st, q, cb, ctx, NULL, e);
    sqlite3_finalize(q);
    return rc;
}

enum err_code store_list_version_latest(struct store *st, const char *source,
                                        store_list_version_cb cb, void *ctx,
                                        struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;
    bool any = false;

    rc = prepare(st,
                 "SELECT " VERSION_COLS " FROM list_version WHERE source = ?1 "
                 "ORDER BY id DESC LIMIT 1",
                 &q, e);
    if (rc == ERR_OK) {
        store_bind_text(q, 1, source);
        rc = version_rows(st, q, cb, ctx, &any, e);
    }
    sqlite3_finalize(q);
    if (rc == ERR_OK && !any)
        rc =
            err_set(e, ERR_NOTFOUND, "no version of list '%s' is held", source);
    return rc;
}

enum err_code store_alert_add(struct store *st, const struct store_alert *a,
                              bool *created, int64_t *id_out, struct err *e)
{
    sqlite3_stmt *q = NULL;
    char now[32];
    enum err_code rc;
    int r;

    if (created)
        *created = false;
    date_now_iso(now);
    rc = prepare(st,
                 "INSERT OR IGNORE INTO screen_alert(person_id, version_id, "
                 "source, jurisdiction, entry_id, score, query_name, "
                 "matched_name, program, listed, explain, created_at) VALUES "
                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                 &q, e);
    if (rc != ERR_OK)
        return rc;
    store_bind_text(q, 1, a->person_id);
    sqlite3_bind_int64(q, 2, a->version_id);
    store_bind_text(q, 3, a->source);
    store_bind_text(q, 4, a->jurisdiction ? a->jurisdiction : "");
    store_bind_text(q, 5, a->entry_id);
    sqlite3_bind_double(q, 6, a->score);
    store_bind_text(q, 7, a->query_name ? a->query_name : "");
    store_bind_text(q, 8, a->matched_name ? a->matched_name : "");
    store_bind_text(q, 9, a->program);
    store_bind_text(q, 10, a->listed);
    store_bind_text(q, 11, a->explain ? a->explain : "");
    store_bind_text(q, 12, now);
    r = sqlite3_step(q);
    sqlite3_finalize(q);
    if (r != SQLITE_DONE)
        return store_sqlite_fail(st, r, "cannot record an alert", e);
    if (sqlite3_changes(store_sqlite(st)) > 0) {
        if (created)
            *created = true;
        if (id_out)
            *id_out = sqlite3_last_insert_rowid(store_sqlite(st));
        return ERR_OK;
    }
    if (!id_out)
        return ERR_OK;
    rc = prepare(st,
                 "SELECT id FROM screen_alert WHERE person_id = ?1 AND "
                 "source = ?2 AND entry_id = ?3",
                 &q, e);
    if (rc != ERR_OK)
        return rc;
    store_bind_text(q, 1, a->person_id);
    store_bind_text(q, 2, a->source);
    store_bind_text(q, 3, a->entry_id);
    r = sqlite3_step(q);
    if (r == SQLITE_ROW)
        *id_out = sqlite3_column_int64(q, 0);
    else
        rc = store_sqlite_fail(st, r, "cannot read an alert", e);
    sqlite3_finalize(q);
    return rc;
}

#define ALERT_SELECT                                                           \
    "SELECT a.id, a.person_id, a.version_id, a.source, a.jurisdiction, "       \
    "a.entry_id, a.score, a.query_name, a.matched_name, a.program, a.listed, " \
    "a.explain, a.created_at, d.decision, d.reason, d.reviewer, "              \
    "d.decided_at FROM screen_alert a LEFT JOIN screen_decision d ON d.id = "  \
    "(SELECT max(id) FROM screen_decision x WHERE x.alert_id = a.id) "

static enum err_code alert_rows(struct store *st, sqlite3_stmt *q,
                                store_alert_cb cb, void *ctx, bool *any,
                                struct err *e)
{
    int r;

    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_alert a;

        a.id = sqlite3_column_int64(q, 0);
        a.person_id = store_col_text(q, 1);
        a.version_id = sqlite3_column_int64(q, 2);
        a.source = store_col_text(q, 3);
        a.jurisdiction = store_col_text(q, 4);
        a.entry_id = store_col_text(q, 5);
        a.score = sqlite3_column_double(q, 6);
        a.query_name = store_col_text(q, 7);
        a.matched_name = store_col_text(q, 8);
        a.program = store_col_text(q, 9);
        a.listed = store_col_text(q, 10);
        a.explain = store_col_text(q, 11);
        a.created_at = store_col_text(q, 12);
        a.decision = store_col_text(q, 13);
        a.reason = store_col_text(q, 14);
        a.reviewer = store_col_text(q, 15);
        a.decided_at = store_col_text(q, 16);
        if (any)
            *any = true;
        if (cb(&a, ctx))
            return ERR_OK;
    }
    if (r != SQLITE_DONE)
        return store_sqlite_fail(st, r, "cannot read alerts", e);
    return ERR_OK;
}

enum err_code store_alert_each(struct store *st, const char *person_id,
                               store_alert_cb cb, void *ctx, struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;

    rc = prepare(st,
                 person_id ? ALERT_SELECT "WHERE a.person_id = ?1 ORDER BY a.id"
                           : ALERT_SELECT "ORDER BY a.id",
                 &q, e);
    if (rc == ERR_OK) {
        if (person_id)
            store_bind_text(q, 1, person_id);
        rc = alert_rows(st, q, cb, ctx, NULL, e);
    }
    sqlite3_finalize(q);
    return rc;
}

enum err_code store_alert_get(struct store *st, int64_t id, store_alert_cb cb,
                              void *ctx, struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;
    bool any = false;

    rc = prepare(st, ALERT_SELECT "WHERE a.id = ?1", &q, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(q, 1, id);
        rc = alert_rows(st, q, cb, ctx, &any, e);
    }
    sqlite3_finalize(q);
    if (rc == ERR_OK && !any)
        rc = err_set(e, ERR_NOTFOUND, "no alert %lld", (long long)id);
    return rc;
}

static int count_cb(const struct store_alert *a, void *ctx)
{
    (void)a;
    (*(int *)ctx)++;
    return 1;
}

enum err_code store_decision_add(struct store *st,
                                 const struct store_decision *d,
                                 int64_t *id_out, struct err *e)
{
    sqlite3_stmt *q = NULL;
    char now[32], detail[600];
    enum err_code rc;
    int r, found = 0;

    if (!d->decision || (strcmp(d->decision, "match") != 0 &&
                         strcmp(d->decision, "no-match") != 0 &&
                         strcmp(d->decision, "unsure") != 0))
        return err_set(e, ERR_INVALID,
                       "decision '%s' is not match, no-match or unsure",
                       d->decision ? d->decision : "");
    if (!d->reason || !*d->reason)
        return err_set(e, ERR_INVALID, "a decision needs a reason");
    rc = store_alert_get(st, d->alert_id, count_cb, &found, e);
    if (rc != ERR_OK)
        return rc;
    date_now_iso(now);
    rc = prepare(st,
                 "INSERT INTO screen_decision(alert_id, decision, reason, "
                 "reviewer, version_id, score, decided_at) VALUES (?1, ?2, "
                 "?3, ?4, ?5, ?6, ?7)",
                 &q, e);
    if (rc != ERR_OK)
        return rc;
    sqlite3_bind_int64(q, 1, d->alert_id);
    store_bind_text(q, 2, d->decision);
    store_bind_text(q, 3, d->reason);
    store_bind_text(q, 4, user_or_current(d->reviewer));
    sqlite3_bind_int64(q, 5, d->version_id);
    sqlite3_bind_double(q, 6, d->score);
    store_bind_text(q, 7, now);
    r = sqlite3_step(q);
    sqlite3_finalize(q);
    if (r != SQLITE_DONE)
        return store_sqlite_fail(st, r, "cannot record the decision", e);
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(store_sqlite(st));
    snprintf(detail, sizeof(detail), "alert %lld: %s (%s)",
             (long long)d->alert_id, d->decision, d->reason);
    return store_audit_add(st, "screen.decide", NULL, detail, e);
}

enum err_code store_decision_each(struct store *st, int64_t alert_id,
                                  store_decision_cb cb, void *ctx,
                                  struct err *e)
{
    sqlite3_stmt *q = NULL;
    enum err_code rc;
    int r;

    rc = prepare(st,
                 alert_id ? "SELECT id, alert_id, decision, reason, reviewer, "
                            "version_id, score, decided_at FROM "
                            "screen_decision WHERE alert_id = ?1 ORDER BY id"
                          : "SELECT id, alert_id, decision, reason, reviewer, "
                            "version_id, score, decided_at FROM "
                            "screen_decision ORDER BY id",
                 &q, e);
    if (rc != ERR_OK)
        return rc;
    if (alert_id)
        sqlite3_bind_int64(q, 1, alert_id);
    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_decision d;

        d.id = sqlite3_column_int64(q, 0);
        d.alert_id = sqlite3_column_int64(q, 1);
        d.decision = store_col_text(q, 2);
        d.reason = store_col_text(q, 3);
        d.reviewer = store_col_text(q, 4);
        d.version_id = sqlite3_column_int64(q, 5);
        d.score = sqlite3_column_double(q, 6);
        d.decided_at = store_col_text(q, 7);
        if (cb(&d, ctx))
            break;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = store_sqlite_fail(st, r, "cannot read decisions", e);
    sqlite3_finalize(q);
    return rc;
}
