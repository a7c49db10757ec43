/*
 * store: the case database (SQLite, WAL). The only module that includes
 * <sqlite3.h> or issues SQL. Holds entities and their statements
 * (append-only: a correction retracts and adds), the audit log and case
 * metadata; later modules add their tables here through migrations.
 *
 * Ownership: every `const char *` in a struct passed to a callback is
 * borrowed and valid only during that callback. Strings passed in are
 * borrowed (copied by SQLite). A callback returning non-zero stops the
 * iteration; the function then returns ERR_OK.
 *
 * Concurrency: WAL, foreign keys on, busy timeout 10 s; writers take the
 * write lock at store_begin (BEGIN IMMEDIATE), so two processes writing
 * at once serialise instead of failing or losing a write.
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct store;

enum store_open_flags {
    STORE_CREATE = 1 << 0, /* create the file; ERR_CONFLICT if it exists */
    /* open read-only; a case made by an older dossier is first upgraded
     * (one audited write) when the file is writable, else refused */
    STORE_READONLY = 1 << 1,
};

/* Confidence of a statement (design.md). */
enum store_conf {
    STORE_CONF_CONFIRMED = 0,
    STORE_CONF_PROBABLE,
    STORE_CONF_POSSIBLE,
    STORE_CONF_DISPUTED,
};

/* "confirmed", "probable", "possible", "disputed". */
const char *store_conf_name(enum store_conf c);
enum err_code store_conf_parse(const char *s, enum store_conf *out,
                               struct err *e);

enum store_stmt_flags {
    STORE_STMT_FTS = 1 << 0, /* add the value to the full-text index */
};

/* One property value of one entity. */
struct store_stmt {
    int64_t id; /* assigned by store_stmt_add */
    const char *entity_id;
    const char *prop;
    const char *value;
    const char *lang;      /* script or language tag ("Hani", "Latn",
                              "zh-Hant"), or NULL */
    const char *qualifier; /* sub-kind, e.g. a romanisation system
                              ("hk-gov", "pinyin") or "english", or NULL */
    const char *source_id; /* entity id of a Source or Exhibit, or NULL */
    enum store_conf conf;
    const char *author;         /* who recorded it; NULL = current user */
    const char *recorded_at;    /* ISO UTC; set by the store on add */
    const char *retracted_at;   /* NULL while live */
    const char *retract_reason; /* NULL while live */
    const char *retracted_by;   /* NULL while live */
};

struct store_entity {
    const char *id;
    const char *schema;
    const char *created_at;
    const char *author;
};

struct store_audit {
    int64_t id;
    const char *at; /* ISO UTC */
    const char *author;
    const char *action;    /* "entity.add", "stmt.add", "stmt.retract",
                              "import", ... */
    const char *entity_id; /* or NULL */
    int64_t stmt_id;       /* or 0 */
    const char *detail;    /* free text, or NULL */
};

typedef int (*store_stmt_cb)(const struct store_stmt *s, void *ctx);
typedef int (*store_entity_cb)(const struct store_entity *en, void *ctx);
typedef int (*store_audit_cb)(const struct store_audit *a, void *ctx);

/* --- lifecycle --------------------------------------------------------- */

/*
 * Opens (or with STORE_CREATE creates) the database at path and brings
 * its schema to the current version (migrations run in one transaction).
 * On success *out is owned by the caller (free with store_close).
 * Errors: ERR_NOTFOUND (no such file, without STORE_CREATE), ERR_CONFLICT
 * (exists, with STORE_CREATE), ERR_DB (not a dossier database, or a newer
 * schema version than this program knows).
 */
enum err_code store_open(const char *path, unsigned flags, struct store **out,
                         struct err *e);
/* Closes and frees; st may be NULL. */
void store_close(struct store *st);
/* Schema version of the open database. */
int store_schema_version(struct store *st);

/* Default author for writes whose author is NULL (borrowed, copied). */
void store_set_author(struct store *st, const char *author);

/*
 * How long a write waits for another process's write lock before failing
 * with ERR_CONFLICT ("case is locked by another process"); default 10 s.
 */
void store_set_busy_timeout(struct store *st, int ms);

/*
 * Transactions. store_begin takes the write lock (BEGIN IMMEDIATE) and
 * nests: only the outermost commit/rollback acts. Every write function
 * also works outside a transaction (it then commits by itself).
 */
enum err_code store_begin(struct store *st, struct err *e);
enum err_code store_commit(struct store *st, struct err *e);
void store_rollback(struct store *st);

/* --- metadata (key/value, e.g. case title) -------------------------------*/

enum err_code store_meta_set(struct store *st, const char *key,
                             const char *value, struct err *e);
/* *value is owned by the caller (free()); ERR_NOTFOUND when unset. */
enum err_code store_meta_get(struct store *st, const char *key, char **value,
                             struct err *e);

/* --- entities ------------------------------------------------------------*/

/* Adds an entity; ERR_CONFLICT if the id is taken. Audited. */
enum err_code store_entity_add(struct store *st, const char *id,
                               const char *schema, const char *author,
                               struct err *e);
/* Looks an entity up; ERR_NOTFOUND when absent. */
enum err_code store_entity_get(struct store *st, const char *id,
                               store_entity_cb cb, void *ctx, struct err *e);
bool store_entity_exists(struct store *st, const char *id);
/* Every entity of a schema (NULL = all), ordered by id. */
enum err_code store_entity_each(struct store *st, const char *schema,
                                store_entity_cb cb, void *ctx, struct err *e);
/* Number of entities of a schema (NULL = all). */
enum err_code store_entity_count(struct store *st, const char *schema,
                                 int64_t *out, struct err *e);

/* --- statements ----------------------------------------------------------*/

/*
 * Appends a statement (s->id, recorded_at and retraction fields are
 * ignored); the entity must exist (ERR_NOTFOUND). flags: store_stmt_flags.
 * *id_out (may be NULL) receives the new statement id. Audited.
 */
enum err_code store_stmt_add(struct store *st, const struct store_stmt *s,
                             unsigned flags, int64_t *id_out, struct err *e);
/*
 * Retracts a live statement with a reason (required, non-empty).
 * ERR_NOTFOUND if no such statement, ERR_CONFLICT if already retracted.
 * The statement stays in the history. Audited.
 */
enum err_code store_stmt_retract(struct store *st, int64_t stmt_id,
                                 const char *reason, const char *author,
                                 struct err *e);
/* One statement by id (live or retracted); ERR_NOTFOUND when absent. */
enum err_code store_stmt_get(struct store *st, int64_t stmt_id,
                             store_stmt_cb cb, void *ctx, struct err *e);

enum store_each_flags {
    STORE_WITH_RETRACTED = 1 << 0, /* history: include retracted ones */
};

/* Statements of one entity ordered by prop then id (the current view
 * without STORE_WITH_RETRACTED, the full history with it). */
enum err_code store_stmt_each(struct store *st, const char *entity_id,
                              unsigned flags, store_stmt_cb cb, void *ctx,
                              struct err *e);
/*
 * The id of a live statement of in->entity_id with the same prop, value
 * and lang (NULL and "" alike) as in, or 0 in *id when there is none.
 */
enum err_code store_stmt_same(struct store *st, const struct store_stmt *in,
                              int64_t *id, struct err *e);
/*
 * Live statements whose value equals value exactly, optionally limited to
 * one prop (NULL = any), ordered by id. Used for reverse references
 * ("which Occupancy names this person as holder").
 */
enum err_code store_stmt_find(struct store *st, const char *prop,
                              const char *value, store_stmt_cb cb, void *ctx,
                              struct err *e);

/*
 * Live statements citing source_id (a Source or Exhibit) as their source,
 * ordered by id: what rests on a source. *total (may be NULL) receives
 * how many there are; cb is called for at most limit of them (0 = all).
 */
enum err_code store_stmt_each_cited(struct store *st, const char *source_id,
                                    size_t limit, store_stmt_cb cb, void *ctx,
                                    int64_t *total, struct err *e);

/*
 * Full-text search (FTS5) over live values added with STORE_STMT_FTS.
 * query is plain words (quoted internally; no FTS syntax from users).
 * Calls cb once per matching statement, best first, at most limit times
 * (0 = no limit). Each word matches a whole token ("kwok" finds
 * "Kwok-keung"); a Han word matches its characters in sequence, so "陳"
 * finds "陳國強". ERR_INVALID when the query has no words.
 */
enum err_code store_search(struct store *st, const char *query, size_t limit,
                           store_stmt_cb cb, void *ctx, struct err *e);

/* --- audit log -----------------------------------------------------------*/

/* Appends an audit record for an action outside the statement API
 * (e.g. "import" with a file name in detail). */
enum err_code store_audit_add(struct store *st, const char *action,
                              const char *entity_id, const char *detail,
                              struct err *e);
/* Audit records in order, optionally only for one entity (NULL = all). */
enum err_code store_audit_each(struct store *st, const char *entity_id,
                               store_audit_cb cb, void *ctx, struct err *e);

#endif
