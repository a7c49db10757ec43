/*
 * store_custody: the evidence custody log in the case database. Each
 * record says who did what to which vault object when; it carries the
 * hash of the previous record of the whole log (prev) and of the previous
 * record of the same object (obj_prev), and an Ed25519 signature by the
 * case key (made by vault/custody.c through the seal callback: this module
 * only stores). The table is append-only (triggers refuse UPDATE/DELETE).
 *
 * store_custody_attach shares an open store's connection: an append made
 * inside store_begin .. store_commit joins that transaction, so an
 * Exhibit's statements and its "add" record are written together or not
 * at all. store_custody_open opens a connection of its own (readers).
 *
 * Ownership: strings in records given to callbacks are borrowed for the
 * call. A callback returning non-zero stops the iteration (ERR_OK).
 */
#ifndef STORE_STORE_CUSTODY_H
#define STORE_STORE_CUSTODY_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Migration appended to migrate.c's list (kept here so the SQL lives with
 * the code that uses it). */
#define STORE_CUSTODY_MIGRATION                                                \
    "CREATE TABLE custody(\n"                                                  \
    "  seq INTEGER PRIMARY KEY,\n"                                             \
    "  at TEXT NOT NULL,\n"                                                    \
    "  actor TEXT NOT NULL,\n"                                                 \
    "  action TEXT NOT NULL,\n"                                                \
    "  object TEXT NOT NULL,\n"                                                \
    "  exhibit TEXT NOT NULL DEFAULT '',\n"                                    \
    "  detail TEXT NOT NULL DEFAULT '',\n"                                     \
    "  prev TEXT NOT NULL,\n"                                                  \
    "  obj_prev TEXT NOT NULL,\n"                                              \
    "  hash TEXT NOT NULL,\n"                                                  \
    "  sig TEXT NOT NULL\n"                                                    \
    ");\n"                                                                     \
    "CREATE INDEX custody_object ON custody(object, seq);\n"                   \
    "CREATE INDEX custody_exhibit ON custody(exhibit);\n"                      \
    "CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody\n"              \
    "BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;\n"      \
    "CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody\n"              \
    "BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;\n"

/* Hash of the record before the first: 64 zeros. */
#define STORE_CUSTODY_GENESIS                                                  \
    "0000000000000000000000000000000000000000000000000000000000000000"

struct store_custody;

struct store_custody_rec {
    int64_t seq;          /* position in the log, from 1 */
    const char *at;       /* ISO UTC */
    const char *actor;    /* user name */
    const char *action;   /* add, open, export, verify, annotate, release,
                             timestamp, capture */
    const char *object;   /* hex SHA-256 of the vault object */
    const char *exhibit;  /* Exhibit entity id, or "" */
    const char *detail;   /* JSON object text, or "" */
    const char *prev;     /* hash of record seq-1 (or genesis) */
    const char *obj_prev; /* hash of the object's previous record */
    const char *hash;     /* hex SHA-256 of the canonical record */
    const char *sig;      /* hex Ed25519 signature of the canonical record */
};

/*
 * Fills r->hash and r->sig (pointing at memory the callee keeps alive
 * until store_custody_append returns) once the store has set r->seq,
 * r->prev and r->obj_prev.
 */
typedef enum err_code (*store_custody_seal_fn)(struct store_custody_rec *r,
                                               void *ctx, struct err *e);
typedef int (*store_custody_cb)(const struct store_custody_rec *r, void *ctx);

/*
 * Opens the custody log of the case database at db_path (which store_open
 * must have created and migrated). *out owned: free with
 * store_custody_close. ERR_DB if the database has no custody table.
 */
enum err_code store_custody_open(const char *db_path, bool readonly,
                                 struct store_custody **out, struct err *e);
/*
 * Opens the custody log on st's connection (borrowed: st must outlive
 * *out). Appends join st's transaction when one is open (see
 * store_custody_joined). *out owned: free with store_custody_close (which
 * leaves st open). ERR_DB if the case has no custody table.
 */
enum err_code store_custody_attach(struct store *st, struct store_custody **out,
                                   struct err *e);
void store_custody_close(struct store_custody *cs);

/*
 * True when the last store_custody_append joined a transaction of the
 * store the log is attached to: it is durable only once the caller
 * commits (and gone if the caller rolls back).
 */
bool store_custody_joined(const struct store_custody *cs);

/* seq (0 when empty) and hash (genesis when empty) of the last record. */
enum err_code store_custody_tail(struct store_custody *cs, int64_t *seq,
                                 char hash[65], struct err *e);

/*
 * Appends r (at, actor, action, object, exhibit, detail set by the
 * caller) in one write transaction (or the attached store's open one):
 * assigns seq, prev and obj_prev from the current tail, calls seal,
 * inserts. ERR_CONFLICT if the database stays locked past the busy
 * timeout.
 */
enum err_code store_custody_append(struct store_custody *cs,
                                   struct store_custody_rec *r,
                                   store_custody_seal_fn seal, void *ctx,
                                   struct err *e);

/* Records in seq order: all (object NULL) or one object's. */
enum err_code store_custody_each(struct store_custody *cs, const char *object,
                                 store_custody_cb cb, void *ctx, struct err *e);

/*
 * "add" records whose object starts with prefix or whose exhibit equals
 * it, in seq order (to resolve an ID a user typed).
 */
enum err_code store_custody_find(struct store_custody *cs, const char *id,
                                 store_custody_cb cb, void *ctx, struct err *e);

#endif
