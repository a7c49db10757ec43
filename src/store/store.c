/*
 * store: the case database on SQLite (WAL). The only file that issues SQL
 * besides migrate.c's scripts. Prepared statements are cached per
 * connection; a statement that is already stepping (a callback calling
 * back into the store) gets a fresh one-off statement instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/migrate.h"
#include "store/store.h"
#include "util/user.h"
#include "store/store_int.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define STORE_APP_ID 1685025651 /* "doss" */
#define STORE_BUSY_MS 10000
#define SEARCH_QUERY_MAX 4096
#define FTS_TEXT_MAX (1u << 20)

/* Cached statements: one enum entry and one SQL text each. */
enum q {
    Q_BEGIN,
    Q_COMMIT,
    Q_ROLLBACK,
    Q_SAVEPOINT,
    Q_RELEASE,
    Q_ROLLBACK_TO,
    Q_META_SET,
    Q_META_GET,
    Q_ENTITY_ADD,
    Q_ENTITY_GET,
    Q_ENTITY_EACH,
    Q_ENTITY_EACH_SCHEMA,
    Q_ENTITY_COUNT,
    Q_ENTITY_COUNT_SCHEMA,
    Q_STMT_ADD,
    Q_STMT_GET,
    Q_STMT_EACH,
    Q_STMT_EACH_ALL,
    Q_STMT_FIND,
    Q_STMT_SAME,
    Q_STMT_FIND_PROP,
    Q_STMT_CITED,
    Q_STMT_CITED_COUNT,
    Q_STMT_RETRACT,
    Q_FTS_ADD,
    Q_FTS_DEL,
    Q_SEARCH,
    Q_AUDIT_ADD,
    Q_AUDIT_EACH,
    Q_AUDIT_EACH_ENTITY,
    Q_COUNT_
};

#define STMT_COLS                                                              \
    "id, entity_id, prop, value, lang, qualifier, source_id, conf, author, "   \
    "recorded_at, retracted_at, retract_reason, retracted_by"
/* stmt.add audit rows take time, author and prop from their statement. */
#define AUDIT_SELECT                                                           \
    "SELECT a.id, coalesce(a.at, s.recorded_at), "                             \
    "coalesce(a.author, s.author), a.action, a.entity_id, a.stmt_id, "         \
    "coalesce(a.detail, s.prop) FROM audit a LEFT JOIN statement s "           \
    "ON a.at IS NULL AND s.id = a.stmt_id "

static const char *const q_sql[Q_COUNT_] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SAVEPOINT] = "SAVEPOINT dossier_sp",
    [Q_RELEASE] = "RELEASE dossier_sp",
    [Q_ROLLBACK_TO] = "ROLLBACK TO dossier_sp",
    [Q_META_SET] = "INSERT INTO meta(key, value) VALUES(?1, ?2) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [Q_ENTITY_ADD] = "INSERT INTO entity(id, schema, created_at, author) "
                     "VALUES(?1, ?2, ?3, ?4)",
    [Q_ENTITY_GET] = "SELECT id, schema, created_at, author FROM entity "
                     "WHERE id = ?1",
    [Q_ENTITY_EACH] = "SELECT id, schema, created_at, author FROM entity "
                      "ORDER BY id",
    [Q_ENTITY_EACH_SCHEMA] = "SELECT id, schema, created_at, author "
                             "FROM entity WHERE schema = ?1 ORDER BY id",
    [Q_ENTITY_COUNT] = "SELECT count(*) FROM entity",
    [Q_ENTITY_COUNT_SCHEMA] = "SELECT count(*) FROM entity WHERE schema = ?1",
    [Q_STMT_ADD] = "INSERT INTO statement(entity_id, prop, value, lang, "
                   "qualifier, source_id, conf, author, recorded_at, fts) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_STMT_GET] = "SELECT " STMT_COLS ", fts FROM statement WHERE id = ?1",
    [Q_STMT_EACH] = "SELECT " STMT_COLS " FROM statement WHERE entity_id = ?1 "
                    "AND retracted_at IS NULL ORDER BY prop, id",
    [Q_STMT_EACH_ALL] = "SELECT " STMT_COLS " FROM statement "
                        "WHERE entity_id = ?1 ORDER BY prop, id",
    [Q_STMT_FIND] = "SELECT " STMT_COLS " FROM statement WHERE value = ?1 "
                    "AND retracted_at IS NULL ORDER BY id",
    [Q_STMT_SAME] = "SELECT id FROM statement WHERE entity_id = ?1 "
                    "AND prop = ?2 AND value = ?3 AND lang IS ?4 "
                    "AND retracted_at IS NULL ORDER BY id LIMIT 1",
    [Q_STMT_CITED] = "SELECT " STMT_COLS " FROM statement "
                     "WHERE source_id = ?1 AND retracted_at IS NULL "
                     "ORDER BY id LIMIT ?2",
    [Q_STMT_CITED_COUNT] = "SELECT count(*) FROM statement "
                           "WHERE source_id = ?1 AND retracted_at IS NULL",
    [Q_STMT_FIND_PROP] = "SELECT " STMT_COLS " FROM statement "
                         "WHERE value = ?1 AND prop = ?2 "
                         "AND retracted_at IS NULL ORDER BY id",
    [Q_STMT_RETRACT] = "UPDATE statement SET retracted_at = ?2, "
                       "retract_reason = ?3, retracted_by = ?4 "
                       "WHERE id = ?1 AND retracted_at IS NULL",
    [Q_FTS_ADD] = "INSERT INTO stmt_fts(rowid, value) VALUES(?1, ?2)",
    [Q_FTS_DEL] = "INSERT INTO stmt_fts(stmt_fts, rowid, value) "
                  "VALUES('delete', ?1, ?2)",
    [Q_SEARCH] = "SELECT s.id, s.entity_id, s.prop, s.value, s.lang, "
                 "s.qualifier, s.source_id, s.conf, s.author, s.recorded_at, "
                 "s.retracted_at, s.retract_reason, s.retracted_by "
                 "FROM stmt_fts JOIN statement s ON s.id = stmt_fts.rowid "
                 "WHERE stmt_fts MATCH ?1 AND s.retracted_at IS NULL "
                 "ORDER BY stmt_fts.rank, s.id LIMIT ?2",
    [Q_AUDIT_ADD] = "INSERT INTO audit(at, author, action, entity_id, "
                    "stmt_id, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_AUDIT_EACH] = AUDIT_SELECT "ORDER BY a.id",
    [Q_AUDIT_EACH_ENTITY] = AUDIT_SELECT "WHERE a.entity_id = ?1 "
                                         "ORDER BY a.id",
};

struct store {
    sqlite3 *db;
    char *path;
    char *author; /* set by store_set_author, or NULL */
    int version;  /* PRAGMA user_version after migrations */
    int depth;    /* transaction nesting: 0 = none */
    bool readonly;
    time_t now_t;     /* second of now_iso */
    char now_iso[32]; /* "YYYY-MM-DDTHH:MM:SSZ" of now_t */
    /*
     * The last entity added or looked up. Entities never change and are
     * never deleted, so this only goes stale when this connection rolls
     * back its own entity.add (store_rollback clears it). Saves a lookup
     * per value when an import adds an entity and then its values.
     */
    struct entity_cache {
        bool valid;
        char id[ID_MAX_LEN + 1];
        char schema[64];
        char created_at[32];
        char author[128];
    } ec;
    sqlite3_stmt *cache[Q_COUNT_];
    bool busy[Q_COUNT_]; /* cache[i] is between prepare and release */
};

/* --- errors --- */

/*
 * Records the connection's error (copied now: SQLite keeps only the last
 * one). A lock that outlasted the busy timeout becomes ERR_CONFLICT.
 */
static enum err_code db_fail(struct store *st, int rc, struct err *e,
                             const char *what)
{
    int prim = rc & 0xff;

    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        return err_set(e, ERR_CONFLICT,
                       "case is locked by another process (%s)", what);
    if (prim == SQLITE_READONLY)
        return err_set(e, ERR_DB, "%s: case is open read-only", what);
    return err_set(e, ERR_DB, "%s: %s", what, sqlite3_errmsg(st->db));
}

static bool is_busy(int rc)
{
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* --- statement cache --- */

static enum err_code q_get(struct store *st, enum q which, sqlite3_stmt **out,
                           struct err *e)
{
    int rc;

    if (st->cache[which] && !st->busy[which]) {
        st->busy[which] = true;
        *out = st->cache[which];
        return ERR_OK;
    }
    if (!st->cache[which]) {
        rc = sqlite3_prepare_v3(st->db, q_sql[which], -1,
                                SQLITE_PREPARE_PERSISTENT, &st->cache[which],
                                NULL);
        if (rc != SQLITE_OK)
            return db_fail(st, rc, e, "cannot prepare query");
        st->busy[which] = true;
        *out = st->cache[which];
        return ERR_OK;
    }
    /* Re-entered from a callback: a one-off statement. */
    rc = sqlite3_prepare_v2(st->db, q_sql[which], -1, out, NULL);
    if (rc != SQLITE_OK)
        return db_fail(st, rc, e, "cannot prepare query");
    return ERR_OK;
}

static void q_put(struct store *st, enum q which, sqlite3_stmt *s)
{
    if (!s)
        return;
    if (s == st->cache[which]) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        st->busy[which] = false;
    } else {
        sqlite3_finalize(s);
    }
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

void store_bind_text(sqlite3_stmt *q, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

const char *store_col_text(sqlite3_stmt *q, int i)
{
    return col_text(q, i);
}

enum err_code store_prepare(struct store *st, const char *sql, sqlite3_stmt **q,
                            const char *what, struct err *e)
{
    int rc = sqlite3_prepare_v2(store_sqlite(st), sql, -1, q, NULL);

    if (rc != SQLITE_OK)
        return store_sqlite_fail(st, rc, what, e);
    return ERR_OK;
}

/* Runs a cached statement without results (BEGIN, COMMIT, ...). */
static enum err_code q_exec(struct store *st, enum q which, struct err *e,
                            const char *what)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, which, &s, e);
    int src;

    if (rc)
        return rc;
    src = sqlite3_step(s);
    if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, src, e, what);
    q_put(st, which, s);
    return rc;
}

/* --- misc --- */

const char *store_conf_name(enum store_conf c)
{
    switch (c) {
    case STORE_CONF_CONFIRMED:
        return "confirmed";
    case STORE_CONF_PROBABLE:
        return "probable";
    case STORE_CONF_POSSIBLE:
        return "possible";
    case STORE_CONF_DISPUTED:
        return "disputed";
    }
    return "unknown";
}

enum err_code store_conf_parse(const char *s, enum store_conf *out,
                               struct err *e)
{
    static const enum store_conf all[] = {
        STORE_CONF_CONFIRMED, STORE_CONF_PROBABLE, STORE_CONF_POSSIBLE,
        STORE_CONF_DISPUTED};

    for (size_t i = 0; s && i < sizeof(all) / sizeof(all[0]); i++) {
        if (strcasecmp(s, store_conf_name(all[i])) == 0) {
            *out = all[i];
            return ERR_OK;
        }
    }
    return err_set(e, ERR_INVALID,
                   "unknown confidence '%s' (use confirmed, probable, "
                   "possible or disputed)",
                   s ? s : "");
}

static const char *author_of(struct store *st, const char *author)
{
    if (author && *author)
        return author;
    return user_or_current(st->author);
}

void store_set_author(struct store *st, const char *author)
{
    free(st->author);
    st->author = author && *author ? xstrdup(author) : NULL;
}

/* Current UTC time as ISO text, formatted at most once per second. */
static const char *now_text(struct store *st)
{
    time_t t = time(NULL);

    if (t != st->now_t || !st->now_iso[0]) {
        struct tm tm;

        gmtime_r(&t, &tm);
        strftime(st->now_iso, sizeof(st->now_iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
        st->now_t = t;
    }
    return st->now_iso;
}

sqlite3 *store_sqlite(struct store *st)
{
    return st->db;
}

bool store_in_transaction(const struct store *st)
{
    return st->depth > 0;
}

enum err_code store_sqlite_fail(struct store *st, int rc, const char *what,
                                struct err *e)
{
    return db_fail(st, rc, e, what);
}

void store_set_busy_timeout(struct store *st, int ms)
{
    sqlite3_busy_timeout(st->db, ms < 0 ? 0 : ms);
}

int store_schema_version(struct store *st)
{
    return st->version;
}

/* --- transactions --- */

enum err_code store_begin(struct store *st, struct err *e)
{
    enum err_code rc;

    if (st->readonly)
        return err_set(e, ERR_DB, "cannot write: case is open read-only");
    if (st->depth > 0) {
        rc = q_exec(st, Q_SAVEPOINT, e, "cannot begin nested transaction");
    } else {
        rc = q_exec(st, Q_BEGIN, e, "cannot begin transaction");
    }
    if (rc == ERR_OK)
        st->depth++;
    return rc;
}

enum err_code store_commit(struct store *st, struct err *e)
{
    enum err_code rc;

    if (st->depth <= 0)
        return err_set(e, ERR_DB, "commit without a transaction");
    if (st->depth > 1) {
        rc = q_exec(st, Q_RELEASE, e, "cannot commit nested transaction");
        st->depth--;
        return rc;
    }
    rc = q_exec(st, Q_COMMIT, e, "cannot commit");
    if (rc) {
        st->ec.valid = false;
        /* A failed COMMIT leaves the transaction open: undo it. */
        if (!sqlite3_get_autocommit(st->db))
            q_exec(st, Q_ROLLBACK, NULL, "rollback");
    }
    st->depth = 0;
    return rc;
}

void store_rollback(struct store *st)
{
    st->ec.valid = false;
    if (st->depth <= 0)
        return;
    if (st->depth > 1) {
        q_exec(st, Q_ROLLBACK_TO, NULL, "rollback");
        q_exec(st, Q_RELEASE, NULL, "rollback");
        st->depth--;
        return;
    }
    /* SQLite may have rolled back already after an I/O or full error. */
    if (!sqlite3_get_autocommit(st->db))
        q_exec(st, Q_ROLLBACK, NULL, "rollback");
    st->depth = 0;
}

/*
 * Every write runs between wbegin and wend: inside a caller's transaction
 * they do nothing; outside one the write is its own transaction.
 */
static enum err_code wbegin(struct store *st, bool *own, struct err *e)
{
    *own = false;
    if (st->readonly)
        return err_set(e, ERR_DB, "cannot write: case is open read-only");
    if (st->depth > 0)
        return ERR_OK;
    *own = true;
    return store_begin(st, e);
}

static enum err_code wend(struct store *st, bool own, enum err_code rc,
                          struct err *e)
{
    if (!own)
        return rc;
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, e);
}

/* --- audit --- */

static enum err_code audit_write(struct store *st, const char *at,
                                 const char *author, const char *action,
                                 const char *entity_id, int64_t stmt_id,
                                 const char *detail, struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, Q_AUDIT_ADD, &s, e);
    int src;

    if (rc)
        return rc;
    bind_text(s, 1, at);
    bind_text(s, 2, author);
    bind_text(s, 3, action);
    bind_text(s, 4, entity_id);
    if (stmt_id)
        sqlite3_bind_int64(s, 5, stmt_id);
    else
        sqlite3_bind_null(s, 5);
    bind_text(s, 6, detail);
    src = sqlite3_step(s);
    if (src != SQLITE_DONE)
        rc = db_fail(st, src, e, "cannot write audit record");
    q_put(st, Q_AUDIT_ADD, s);
    return rc;
}

enum err_code store_audit_add(struct store *st, const char *action,
                              const char *entity_id, const char *detail,
                              struct err *e)
{
    return store_audit_write(st, NULL, action, entity_id, 0, detail, e);
}

const char *store_author(struct store *st, const char *author)
{
    return author_of(st, author);
}

enum err_code store_audit_write(struct store *st, const char *author,
                                const char *action, const char *entity_id,
                                int64_t stmt_id, const char *detail,
                                struct err *e)
{
    char now[32];
    bool own;
    enum err_code rc;

    if (!action || !*action)
        return err_set(e, ERR_INVALID, "audit record without an action");
    rc = wbegin(st, &own, e);
    if (rc)
        return rc;
    memcpy(now, now_text(st), sizeof(now));
    rc = audit_write(st, now, author_of(st, author), action, entity_id, stmt_id,
                     detail, e);
    return wend(st, own, rc, e);
}

enum err_code store_audit_each(struct store *st, const char *entity_id,
                               store_audit_cb cb, void *ctx, struct err *e)
{
    enum q which = entity_id ? Q_AUDIT_EACH_ENTITY : Q_AUDIT_EACH;
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, which, &s, e);
    int src;

    if (rc)
        return rc;
    if (entity_id)
        bind_text(s, 1, entity_id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_audit a;

        a.id = sqlite3_column_int64(s, 0);
        a.at = col_text(s, 1);
        a.author = col_text(s, 2);
        a.action = col_text(s, 3);
        a.entity_id = col_text(s, 4);
        a.stmt_id = sqlite3_column_int64(s, 5);
        a.detail = col_text(s, 6);
        if (cb(&a, ctx))
            break;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = db_fail(st, src, e, "cannot read audit log");
    q_put(st, which, s);
    return rc;
}

/* --- open / close --- */

static enum err_code pragma_int(struct store *st, const char *sql, int *out,
                                struct err *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(s, 0);
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        enum err_code ec;

        if ((rc & 0xff) == SQLITE_NOTADB)
            ec = err_set(e, ERR_DB, "'%s' is not a dossier case database",
                         st->path);
        else
            ec = db_fail(st, rc, e, "cannot read database header");
        sqlite3_finalize(s);
        return ec;
    }
    sqlite3_finalize(s);
    return ERR_OK;
}

static enum err_code exec_sql(struct store *st, const char *sql,
                              const char *what, struct err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        enum err_code ec;

        if (is_busy(rc))
            ec = err_set(e, ERR_CONFLICT,
                         "case is locked by another process "
                         "(%s)",
                         what);
        else
            ec = err_set(e, ERR_DB, "%s: %s", what,
                         msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return ec;
    }
    return ERR_OK;
}

/* Brings the schema to the newest version in one write transaction. */
#define NEEDS_UPGRADE "needs an upgrade from schema version"

/* True when e is migrate's "open it for writing once" refusal. */
static bool needs_upgrade(const struct err *e)
{
    return e && strstr(e->msg, NEEDS_UPGRADE) != NULL;
}

static enum err_code migrate(struct store *st, bool created, struct err *e)
{
    int known = store_migration_count();
    int version = 0, app_id = 0;
    enum err_code rc;

    rc = pragma_int(st, "PRAGMA user_version", &version, e);
    if (rc == ERR_OK)
        rc = pragma_int(st, "PRAGMA application_id", &app_id, e);
    if (rc)
        return rc;
    if (version > known)
        return err_set(e, ERR_DB,
                       "case database '%s' has schema version %d, newer than "
                       "this program knows (%d): upgrade dossier",
                       st->path, version, known);
    if (version > 0 && app_id != STORE_APP_ID)
        return err_set(e, ERR_DB, "'%s' is not a dossier case database",
                       st->path);
    if (version == 0 && !created)
        return err_set(e, ERR_DB,
                       "'%s' is not a dossier case database (no schema)",
                       st->path);
    if (version == known) {
        st->version = version;
        return ERR_OK;
    }
    if (st->readonly)
        return err_set(e, ERR_DB,
                       "case database '%s' " NEEDS_UPGRADE
                       " %d to %d: open it for writing once",
                       st->path, version, known);
    rc = store_begin(st, e);
    if (rc)
        return rc;
    /* Another process may have migrated while we waited for the lock. */
    rc = pragma_int(st, "PRAGMA user_version", &version, e);
    for (int i = version; rc == ERR_OK && i < known; i++) {
        char what[64];

        snprintf(what, sizeof(what), "migration to schema version %d", i + 1);
        rc = exec_sql(st, store_migration_sql(i), what, e);
    }
    if (rc == ERR_OK && version < known) {
        char sql[64];

        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", known);
        rc = exec_sql(st, sql, "cannot set schema version", e);
        if (rc == ERR_OK) {
            char now[32], detail[96];

            memcpy(now, now_text(st), sizeof(now));
            snprintf(detail, sizeof(detail), "schema version %d to %d", version,
                     known);
            rc = audit_write(st, now, author_of(st, NULL), "store.migrate",
                             NULL, 0, detail, e);
        }
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st, e);
    if (rc == ERR_OK)
        st->version = known;
    return rc;
}

/*
 * Opens one connection to file (messages name shown_path). created: the
 * file was just made empty by us, so it gets its page size and schema.
 */
static enum err_code open_conn(const char *file, const char *shown_path,
                               unsigned flags, bool created, struct store **out,
                               struct err *e)
{
    struct store *st;
    int oflags, src;
    enum err_code rc;

    /*
     * Before SQLite's first use only (else a harmless SQLITE_MISUSE): no
     * global allocation statistics, whose mutex costs every insert.
     */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(shown_path);
    st->readonly = (flags & STORE_READONLY) && !created;
    oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    src = sqlite3_open_v2(file, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc =
            err_set(e, ERR_DB, "cannot open case database '%s': %s", shown_path,
                    st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto out_close;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
    rc = exec_sql(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys",
                  e);
    if (rc)
        goto out_close;
    if (!st->readonly) {
        int v = 0;

        /* Checks the header first: WAL setup on a non-database fails. */
        rc = pragma_int(st, "PRAGMA user_version", &v, e);
        /*
         * 16 KiB pages: about 15% less CPU per bulk-inserted statement
         * than 4 KiB (bench_store); fixed once the file has content.
         */
        if (rc == ERR_OK && created)
            rc = exec_sql(st, "PRAGMA page_size = 16384",
                          "cannot set page size", e);
        if (rc == ERR_OK)
            rc = exec_sql(st,
                          "PRAGMA journal_mode = WAL; "
                          "PRAGMA synchronous = NORMAL; "
                          "PRAGMA cache_size = -65536; "
                          "PRAGMA temp_store = MEMORY",
                          "cannot set up the write-ahead log", e);
        if (rc)
            goto out_close;
    }
    rc = migrate(st, created, e);
    if (rc)
        goto out_close;
    *out = st;
    return ERR_OK;

out_close:
    store_close(st);
    return rc;
}

static void unlink_db(const char *file)
{
    char p[PATH_MAX + 8];

    unlink(file);
    snprintf(p, sizeof(p), "%s-wal", file);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", file);
    unlink(p);
}

/*
 * Builds a complete new database beside path and moves it into place
 * without replacing anything, so no process ever sees a case.db without
 * its schema (another command opening it mid-creation would otherwise
 * call it "not a dossier case database").
 */
static enum err_code create_db(const char *path, struct err *e)
{
    char tmp[PATH_MAX];
    struct store *st = NULL;
    struct stat sb;
    enum err_code rc;
    int fd, n;

    if (lstat(path, &sb) == 0)
        return err_set(e, ERR_CONFLICT, "case database '%s' exists already",
                       path);
    n = snprintf(tmp, sizeof(tmp), "%s.new-%ld-%ld", path, (long)getpid(),
                 (long)time(NULL));
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return err_set(e, ERR_INVALID, "path too long: '%s'", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "cannot create '%s': %s", tmp,
                       strerror(errno));
    close(fd);
    rc = open_conn(tmp, path, 0, true, &st, e);
    /* Closing the only connection checkpoints and removes the WAL. */
    store_close(st);
    if (rc) {
        unlink_db(tmp);
        return rc;
    }
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) != 0) {
        int err = errno;

        /* File systems without RENAME_NOREPLACE: a hard link is as safe. */
        if ((err == EINVAL || err == ENOSYS) && link(tmp, path) == 0) {
            unlink(tmp);
        } else {
            if (err == EINVAL || err == ENOSYS)
                err = errno;
            unlink_db(tmp);
            if (err == EEXIST)
                return err_set(e, ERR_CONFLICT,
                               "case database '%s' exists already", path);
            return err_set(e, ERR_IO, "cannot create '%s': %s", path,
                           strerror(err));
        }
    }
    unlink_db(tmp); /* only leftovers remain, if any */
    return ERR_OK;
}

enum err_code store_open(const char *path, unsigned flags, struct store **out,
                         struct err *e)
{
    struct stat sb;
    enum err_code rc;

    *out = NULL;
    if (!path || !*path)
        return err_set(e, ERR_INVALID, "no case database path given");
    if (flags & STORE_CREATE) {
        rc = create_db(path, e);
        if (rc)
            return rc;
        flags &= ~(unsigned)(STORE_CREATE | STORE_READONLY);
    }
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT)
            return err_set(e, ERR_NOTFOUND, "no case database at '%s'", path);
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    }
    if (!S_ISREG(sb.st_mode))
        return err_set(e, ERR_DB, "'%s' is not a dossier case database", path);
    rc = open_conn(path, path, flags, false, out, e);
    /*
     * A read-only open of a case made by an older dossier: upgrade it
     * (one write transaction) when we may write it, then open it read-only
     * again, so `show` works on an old case right away.
     */
    if (rc == ERR_DB && (flags & STORE_READONLY) && needs_upgrade(e) &&
        access(path, W_OK) == 0) {
        struct store *rw = NULL;
        struct err we = ERR_INIT;

        if (open_conn(path, path, flags & ~(unsigned)STORE_READONLY, false, &rw,
                      &we) == ERR_OK) {
            store_close(rw);
            err_clear(e);
            rc = open_conn(path, path, flags, false, out, e);
        }
    }
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    if (st->depth > 0) {
        st->depth = 1;
        store_rollback(st);
    }
    for (int i = 0; i < Q_COUNT_; i++)
        sqlite3_finalize(st->cache[i]);
    sqlite3_close_v2(st->db);
    free(st->author);
    free(st->path);
    free(st);
}

/* --- metadata --- */

enum err_code store_meta_set(struct store *st, const char *key,
                             const char *value, struct err *e)
{
    sqlite3_stmt *s = NULL;
    char now[32];
    bool own;
    enum err_code rc;
    int src;

    if (!key || !*key || !value)
        return err_set(e, ERR_INVALID, "metadata needs a key and a value");
    rc = wbegin(st, &own, e);
    if (rc)
        return rc;
    rc = q_get(st, Q_META_SET, &s, e);
    if (rc == ERR_OK) {
        bind_text(s, 1, key);
        bind_text(s, 2, value);
        src = sqlite3_step(s);
        if (src != SQLITE_DONE)
            rc = db_fail(st, src, e, "cannot set metadata");
        q_put(st, Q_META_SET, s);
    }
    if (rc == ERR_OK) {
        memcpy(now, now_text(st), sizeof(now));
        rc = audit_write(st, now, author_of(st, NULL), "meta.set", NULL, 0, key,
                         e);
    }
    return wend(st, own, rc, e);
}

enum err_code store_meta_get(struct store *st, const char *key, char **value,
                             struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, Q_META_GET, &s, e);
    int src;

    *value = NULL;
    if (rc)
        return rc;
    bind_text(s, 1, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *value = xstrdup(col_text(s, 0) ? col_text(s, 0) : "");
    else if (src == SQLITE_DONE)
        rc = err_set(e, ERR_NOTFOUND, "no metadata '%s'", key);
    else
        rc = db_fail(st, src, e, "cannot read metadata");
    q_put(st, Q_META_GET, s);
    return rc;
}

/* --- entities --- */

/* Remembers an entity when every field fits (else forgets the last). */
static void ec_set(struct store *st, const char *id, const char *schema,
                   const char *created_at, const char *author)
{
    struct entity_cache *c = &st->ec;

    c->valid = false;
    if (!id || !schema || !created_at || !author ||
        strlen(id) >= sizeof(c->id) || strlen(schema) >= sizeof(c->schema) ||
        strlen(created_at) >= sizeof(c->created_at) ||
        strlen(author) >= sizeof(c->author))
        return;
    memcpy(c->id, id, strlen(id) + 1);
    memcpy(c->schema, schema, strlen(schema) + 1);
    memcpy(c->created_at, created_at, strlen(created_at) + 1);
    memcpy(c->author, author, strlen(author) + 1);
    c->valid = true;
}

enum err_code store_entity_add(struct store *st, const char *id,
                               const char *schema, const char *author,
                               struct err *e)
{
    sqlite3_stmt *s = NULL;
    char now[32];
    const char *who = author_of(st, author);
    bool own;
    enum err_code rc;
    int src;

    if (!id || !*id || !schema || !*schema)
        return err_set(e, ERR_INVALID, "entity needs an id and a schema");
    rc = wbegin(st, &own, e);
    if (rc)
        return rc;
    memcpy(now, now_text(st), sizeof(now));
    rc = q_get(st, Q_ENTITY_ADD, &s, e);
    if (rc == ERR_OK) {
        bind_text(s, 1, id);
        bind_text(s, 2, schema);
        bind_text(s, 3, now);
        bind_text(s, 4, who);
        src = sqlite3_step(s);
        if (src == SQLITE_CONSTRAINT_PRIMARYKEY)
            rc = err_set(e, ERR_CONFLICT, "entity '%s' exists already", id);
        else if (src != SQLITE_DONE)
            rc = db_fail(st, src, e, "cannot add entity");
        q_put(st, Q_ENTITY_ADD, s);
    }
    if (rc == ERR_OK)
        rc = audit_write(st, now, who, "entity.add", id, 0, schema, e);
    rc = wend(st, own, rc, e);
    if (rc == ERR_OK)
        ec_set(st, id, schema, now, who);
    return rc;
}

static void entity_from_row(sqlite3_stmt *s, struct store_entity *en)
{
    en->id = col_text(s, 0);
    en->schema = col_text(s, 1);
    en->created_at = col_text(s, 2);
    en->author = col_text(s, 3);
}

enum err_code store_entity_get(struct store *st, const char *id,
                               store_entity_cb cb, void *ctx, struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc;
    int src;

    if (id && st->ec.valid && strcmp(id, st->ec.id) == 0) {
        /* A copy: the callback may look up others (and so the cache). */
        struct entity_cache c = st->ec;
        struct store_entity en = {c.id, c.schema, c.created_at, c.author};

        if (cb)
            cb(&en, ctx);
        return ERR_OK;
    }
    rc = q_get(st, Q_ENTITY_GET, &s, e);
    if (rc)
        return rc;
    bind_text(s, 1, id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        struct store_entity en;

        entity_from_row(s, &en);
        ec_set(st, en.id, en.schema, en.created_at, en.author);
        if (cb)
            cb(&en, ctx);
    } else if (src == SQLITE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "no entity '%s'", id ? id : "");
    } else {
        rc = db_fail(st, src, e, "cannot read entity");
    }
    q_put(st, Q_ENTITY_GET, s);
    return rc;
}

bool store_entity_exists(struct store *st, const char *id)
{
    struct err e = ERR_INIT;

    return id && store_entity_get(st, id, NULL, NULL, &e) == ERR_OK;
}

enum err_code store_entity_each(struct store *st, const char *schema,
                                store_entity_cb cb, void *ctx, struct err *e)
{
    enum q which = schema ? Q_ENTITY_EACH_SCHEMA : Q_ENTITY_EACH;
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, which, &s, e);
    int src;

    if (rc)
        return rc;
    if (schema)
        bind_text(s, 1, schema);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_entity en;

        entity_from_row(s, &en);
        if (cb(&en, ctx))
            break;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = db_fail(st, src, e, "cannot list entities");
    q_put(st, which, s);
    return rc;
}

enum err_code store_entity_count(struct store *st, const char *schema,
                                 int64_t *out, struct err *e)
{
    enum q which = schema ? Q_ENTITY_COUNT_SCHEMA : Q_ENTITY_COUNT;
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, which, &s, e);
    int src;

    *out = 0;
    if (rc)
        return rc;
    if (schema)
        bind_text(s, 1, schema);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        rc = db_fail(st, src, e, "cannot count entities");
    q_put(st, which, s);
    return rc;
}

/* --- full-text helpers --- */

/* Decodes one UTF-8 sequence at s (len >= 1); returns its length. */
static size_t utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned c = s[0];
    size_t n;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0) {
        n = 2;
        c &= 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        c &= 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4;
        c &= 0x07;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    if (n > len) {
        *cp = 0xfffd;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3f);
    }
    *cp = c;
    return n;
}

/* Han, kana and CJK compatibility ideographs: one token per character. */
static bool is_cjk(unsigned cp)
{
    return (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x3040 && cp <= 0x30ff) ||
           (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/*
 * The text indexed for a value: the value with a space around every Han
 * character, because unicode61 would make a whole unspaced Chinese name
 * one token and "陳" could not find "陳國基". Deterministic, so the same
 * text can be given again to delete the row.
 */
static enum err_code fts_text(const char *value, struct strbuf *sb)
{
    const unsigned char *p = (const unsigned char *)value;
    size_t len = strlen(value), i = 0;
    enum err_code rc = ERR_OK;

    while (i < len && rc == ERR_OK) {
        unsigned cp;
        size_t n = utf8_next(p + i, len - i, &cp);

        if (is_cjk(cp)) {
            rc = strbuf_addch(sb, ' ');
            if (rc == ERR_OK)
                rc = strbuf_add(sb, p + i, n);
            if (rc == ERR_OK)
                rc = strbuf_addch(sb, ' ');
        } else {
            rc = strbuf_add(sb, p + i, n);
        }
        i += n;
    }
    return rc;
}

static enum err_code fts_write(struct store *st, enum q which, int64_t rowid,
                               const char *value, struct err *e)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *s = NULL;
    enum err_code rc;
    int src;

    strbuf_init(&sb, FTS_TEXT_MAX);
    if (fts_text(value, &sb)) {
        strbuf_release(&sb);
        return err_set(e, ERR_TOOBIG, "value too long for the search index");
    }
    rc = q_get(st, which, &s, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(s, 1, rowid);
        sqlite3_bind_text(s, 2, sb.buf, (int)sb.len, SQLITE_STATIC);
        src = sqlite3_step(s);
        if (src != SQLITE_DONE)
            rc = db_fail(st, src, e, "cannot update search index");
        q_put(st, which, s);
    }
    strbuf_release(&sb);
    return rc;
}

/* --- statements --- */

static void stmt_from_row(sqlite3_stmt *s, struct store_stmt *out)
{
    out->id = sqlite3_column_int64(s, 0);
    out->entity_id = col_text(s, 1);
    out->prop = col_text(s, 2);
    out->value = col_text(s, 3);
    out->lang = col_text(s, 4);
    out->qualifier = col_text(s, 5);
    out->source_id = col_text(s, 6);
    out->conf = (enum store_conf)sqlite3_column_int(s, 7);
    out->author = col_text(s, 8);
    out->recorded_at = col_text(s, 9);
    out->retracted_at = col_text(s, 10);
    out->retract_reason = col_text(s, 11);
    out->retracted_by = col_text(s, 12);
}

enum err_code store_stmt_add(struct store *st, const struct store_stmt *in,
                             unsigned flags, int64_t *id_out, struct err *e)
{
    sqlite3_stmt *s = NULL;
    char now[32];
    const char *who;
    int64_t id = 0;
    bool own;
    enum err_code rc;
    int src;

    if (id_out)
        *id_out = 0;
    if (!in || !in->entity_id || !in->prop || !*in->prop || !in->value)
        return err_set(e, ERR_INVALID,
                       "statement needs an entity, a property and a value");
    if ((unsigned)in->conf > STORE_CONF_DISPUTED)
        return err_set(e, ERR_INVALID, "invalid confidence %d", (int)in->conf);
    who = author_of(st, in->author);
    rc = wbegin(st, &own, e);
    if (rc)
        return rc;
    memcpy(now, now_text(st), sizeof(now));
    rc = q_get(st, Q_STMT_ADD, &s, e);
    if (rc == ERR_OK) {
        bind_text(s, 1, in->entity_id);
        bind_text(s, 2, in->prop);
        bind_text(s, 3, in->value);
        bind_text(s, 4, in->lang && *in->lang ? in->lang : NULL);
        bind_text(s, 5, in->qualifier && *in->qualifier ? in->qualifier : NULL);
        bind_text(s, 6, in->source_id && *in->source_id ? in->source_id : NULL);
        sqlite3_bind_int(s, 7, (int)in->conf);
        bind_text(s, 8, who);
        bind_text(s, 9, now);
        sqlite3_bind_int(s, 10, (flags & STORE_STMT_FTS) ? 1 : 0);
        src = sqlite3_step(s);
        if (src == SQLITE_DONE) {
            id = sqlite3_last_insert_rowid(st->db);
        } else if (src == SQLITE_CONSTRAINT_FOREIGNKEY) {
            q_put(st, Q_STMT_ADD, s);
            s = NULL;
            if (!store_entity_exists(st, in->entity_id))
                rc = err_set(e, ERR_NOTFOUND, "no entity '%s'", in->entity_id);
            else
                rc = err_set(e, ERR_NOTFOUND, "no source entity '%s'",
                             in->source_id);
        } else {
            rc = db_fail(st, src, e, "cannot add statement");
        }
        q_put(st, Q_STMT_ADD, s);
    }
    if (rc == ERR_OK && (flags & STORE_STMT_FTS))
        rc = fts_write(st, Q_FTS_ADD, id, in->value, e);
    if (rc == ERR_OK)
        rc =
            audit_write(st, NULL, NULL, "stmt.add", in->entity_id, id, NULL, e);
    rc = wend(st, own, rc, e);
    if (rc == ERR_OK && id_out)
        *id_out = id;
    return rc;
}

enum err_code store_stmt_retract(struct store *st, int64_t stmt_id,
                                 const char *reason, const char *author,
                                 struct err *e)
{
    sqlite3_stmt *s = NULL;
    char now[32];
    const char *who = author_of(st, author);
    char *value = NULL, *entity_id = NULL;
    bool own, in_fts = false;
    enum err_code rc;
    int src;

    if (!reason || !*reason)
        return err_set(e, ERR_INVALID,
                       "retracting statement %lld needs a reason",
                       (long long)stmt_id);
    rc = wbegin(st, &own, e);
    if (rc)
        return rc;
    rc = q_get(st, Q_STMT_GET, &s, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(s, 1, stmt_id);
        src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            if (sqlite3_column_type(s, 10) != SQLITE_NULL) {
                rc = err_set(e, ERR_CONFLICT,
                             "statement %lld is already retracted",
                             (long long)stmt_id);
            } else {
                entity_id = xstrdup(col_text(s, 1));
                value = xstrdup(col_text(s, 3));
                in_fts = sqlite3_column_int(s, 13) != 0;
            }
        } else if (src == SQLITE_DONE) {
            rc = err_set(e, ERR_NOTFOUND, "no statement %lld",
                         (long long)stmt_id);
        } else {
            rc = db_fail(st, src, e, "cannot read statement");
        }
        q_put(st, Q_STMT_GET, s);
        s = NULL;
    }
    memcpy(now, now_text(st), sizeof(now));
    if (rc == ERR_OK)
        rc = q_get(st, Q_STMT_RETRACT, &s, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(s, 1, stmt_id);
        bind_text(s, 2, now);
        bind_text(s, 3, reason);
        bind_text(s, 4, who);
        src = sqlite3_step(s);
        if (src != SQLITE_DONE)
            rc = db_fail(st, src, e, "cannot retract statement");
        else if (sqlite3_changes(st->db) != 1)
            rc = err_set(e, ERR_CONFLICT, "statement %lld is already retracted",
                         (long long)stmt_id);
        q_put(st, Q_STMT_RETRACT, s);
    }
    if (rc == ERR_OK && in_fts)
        rc = fts_write(st, Q_FTS_DEL, stmt_id, value, e);
    if (rc == ERR_OK)
        rc = audit_write(st, now, who, "stmt.retract", entity_id, stmt_id,
                         reason, e);
    free(value);
    free(entity_id);
    return wend(st, own, rc, e);
}

enum err_code store_stmt_get(struct store *st, int64_t stmt_id,
                             store_stmt_cb cb, void *ctx, struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, Q_STMT_GET, &s, e);
    int src;

    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, stmt_id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        struct store_stmt out;

        stmt_from_row(s, &out);
        if (cb)
            cb(&out, ctx);
    } else if (src == SQLITE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "no statement %lld", (long long)stmt_id);
    } else {
        rc = db_fail(st, src, e, "cannot read statement");
    }
    q_put(st, Q_STMT_GET, s);
    return rc;
}

/* Steps a bound statement query, calling cb per row. */
static enum err_code stmt_rows(struct store *st, enum q which, sqlite3_stmt *s,
                               store_stmt_cb cb, void *ctx, struct err *e,
                               const char *what)
{
    enum err_code rc = ERR_OK;
    int src;

    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_stmt out;

        stmt_from_row(s, &out);
        if (cb(&out, ctx))
            break;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = db_fail(st, src, e, what);
    q_put(st, which, s);
    return rc;
}

enum err_code store_stmt_each(struct store *st, const char *entity_id,
                              unsigned flags, store_stmt_cb cb, void *ctx,
                              struct err *e)
{
    enum q which =
        (flags & STORE_WITH_RETRACTED) ? Q_STMT_EACH_ALL : Q_STMT_EACH;
    sqlite3_stmt *s = NULL;
    enum err_code rc = q_get(st, which, &s, e);

    if (rc)
        return rc;
    bind_text(s, 1, entity_id);
    return stmt_rows(st, which, s, cb, ctx, e, "cannot read statements");
}

enum err_code store_stmt_find(struct store *st, const char *prop,
                              const char *value, store_stmt_cb cb, void *ctx,
                              struct err *e)
{
    enum q which = prop ? Q_STMT_FIND_PROP : Q_STMT_FIND;
    sqlite3_stmt *s = NULL;
    enum err_code rc;

    if (!value)
        return err_set(e, ERR_INVALID, "find needs a value");
    rc = q_get(st, which, &s, e);
    if (rc)
        return rc;
    bind_text(s, 1, value);
    if (prop)
        bind_text(s, 2, prop);
    return stmt_rows(st, which, s, cb, ctx, e, "cannot find statements");
}

enum err_code store_stmt_same(struct store *st, const struct store_stmt *in,
                              int64_t *id, struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc;
    int src;

    *id = 0;
    if (!in || !in->entity_id || !in->prop || !in->value)
        return err_set(e, ERR_INVALID,
                       "statement needs an entity, a property and a value");
    rc = q_get(st, Q_STMT_SAME, &s, e);
    if (rc)
        return rc;
    bind_text(s, 1, in->entity_id);
    bind_text(s, 2, in->prop);
    bind_text(s, 3, in->value);
    bind_text(s, 4, in->lang && *in->lang ? in->lang : NULL);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = db_fail(st, src, e, "cannot look up statements");
    q_put(st, Q_STMT_SAME, s);
    return rc;
}

enum err_code store_stmt_each_cited(struct store *st, const char *source_id,
                                    size_t limit, store_stmt_cb cb, void *ctx,
                                    int64_t *total, struct err *e)
{
    sqlite3_stmt *s = NULL;
    enum err_code rc;
    int src;

    if (total)
        *total = 0;
    if (!source_id)
        return err_set(e, ERR_INVALID, "no source given");
    if (total) {
        rc = q_get(st, Q_STMT_CITED_COUNT, &s, e);
        if (rc)
            return rc;
        bind_text(s, 1, source_id);
        src = sqlite3_step(s);
        if (src == SQLITE_ROW)
            *total = sqlite3_column_int64(s, 0);
        else
            rc = db_fail(st, src, e, "cannot count citing statements");
        q_put(st, Q_STMT_CITED_COUNT, s);
        if (rc)
            return rc;
    }
    if (!cb)
        return ERR_OK;
    rc = q_get(st, Q_STMT_CITED, &s, e);
    if (rc)
        return rc;
    bind_text(s, 1, source_id);
    sqlite3_bind_int64(
        s, 2, limit == 0 || limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    return stmt_rows(st, Q_STMT_CITED, s, cb, ctx, e,
                     "cannot read citing statements");
}

/* True when the token holds at least one letter or digit (or non-ASCII). */
static bool token_has_word(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];

        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
            (c >= 'A' && c <= 'Z'))
            return true;
    }
    return false;
}

/*
 * Builds the FTS5 query: every whitespace-separated user word becomes a
 * quoted phrase (quotes doubled; Han characters spaced as in fts_text),
 * phrases joined with AND. No FTS syntax from the user survives.
 */
static enum err_code build_match(const char *query, struct strbuf *out,
                                 size_t *nwords)
{
    const char *p = query;
    enum err_code rc = ERR_OK;

    *nwords = 0;
    while (*p && rc == ERR_OK) {
        const char *start;
        size_t n;

        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
               *p == '\f' || *p == '\v')
            p++;
        start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
               *p != '\f' && *p != '\v')
            p++;
        n = (size_t)(p - start);
        if (n == 0 || !token_has_word(start, n))
            continue;
        {
            struct strbuf tok = STRBUF_INIT;
            char *word = xstrndup(start, n);

            strbuf_init(&tok, SEARCH_QUERY_MAX * 3);
            rc = fts_text(word, &tok);
            free(word);
            if (*nwords > 0 && rc == ERR_OK)
                rc = strbuf_addstr(out, " AND ");
            if (rc == ERR_OK)
                rc = strbuf_addch(out, '"');
            for (size_t i = 0; rc == ERR_OK && i < tok.len; i++) {
                if (tok.buf[i] == '"')
                    rc = strbuf_addch(out, '"');
                if (rc == ERR_OK)
                    rc = strbuf_addch(out, tok.buf[i]);
            }
            if (rc == ERR_OK)
                rc = strbuf_addch(out, '"');
            strbuf_release(&tok);
            (*nwords)++;
        }
    }
    return rc;
}

enum err_code store_search(struct store *st, const char *query, size_t limit,
                           store_stmt_cb cb, void *ctx, struct err *e)
{
    struct strbuf match = STRBUF_INIT;
    sqlite3_stmt *s = NULL;
    size_t nwords = 0;
    enum err_code rc;

    if (!query)
        return err_set(e, ERR_INVALID, "empty search");
    if (strlen(query) > SEARCH_QUERY_MAX)
        return err_set(e, ERR_TOOBIG, "search text longer than %d bytes",
                       SEARCH_QUERY_MAX);
    strbuf_init(&match, SEARCH_QUERY_MAX * 8);
    if (build_match(query, &match, &nwords)) {
        strbuf_release(&match);
        return err_set(e, ERR_TOOBIG, "search text too long");
    }
    if (nwords == 0) {
        strbuf_release(&match);
        return err_set(e, ERR_INVALID, "search '%s' has no words", query);
    }
    if (limit == 0 || limit > INT64_MAX)
        limit = INT64_MAX;
    rc = q_get(st, Q_SEARCH, &s, e);
    if (rc == ERR_OK) {
        sqlite3_bind_text(s, 1, match.buf, (int)match.len, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, (int64_t)limit);
        rc = stmt_rows(st, Q_SEARCH, s, cb, ctx, e, "cannot search");
    }
    strbuf_release(&match);
    return rc;
}
