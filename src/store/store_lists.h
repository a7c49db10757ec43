/*
 * store_lists: sanctions list versions held by a case, screening alerts
 * and the decisions taken on them (the SQL side of screen/). The list
 * files themselves are kept in the case folder (lists/<hash>/) and
 * re-parsed on demand; the database holds what was imported when, with
 * which hash and entry count, the alerts raised and the decisions, as an
 * append-only audit trail (decisions are never changed: a new decision
 * supersedes the previous one).
 *
 * Ownership: strings passed in are borrowed (copied by SQLite); structs
 * given to callbacks and their strings are borrowed for the call. A
 * callback returning non-zero stops the iteration (ERR_OK then).
 */
#ifndef STORE_STORE_LISTS_H
#define STORE_STORE_LISTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Migration appended to migrate.c's list. */
#define STORE_LISTS_MIGRATION                                                  \
    "CREATE TABLE list_version(\n"                                             \
    "  id INTEGER PRIMARY KEY,\n"                                              \
    "  source TEXT NOT NULL,\n"                                                \
    "  jurisdiction TEXT NOT NULL,\n"                                          \
    "  format TEXT NOT NULL,\n"                                                \
    "  published TEXT,\n"                                                      \
    "  file_hash TEXT NOT NULL,\n"                                             \
    "  path TEXT NOT NULL,\n"                                                  \
    "  origin TEXT NOT NULL,\n"                                                \
    "  entries INTEGER NOT NULL,\n"                                            \
    "  imported_at TEXT NOT NULL,\n"                                           \
    "  author TEXT NOT NULL,\n"                                                \
    "  UNIQUE(source, file_hash)\n"                                            \
    ");\n"                                                                     \
    "CREATE TABLE screen_alert(\n"                                             \
    "  id INTEGER PRIMARY KEY,\n"                                              \
    "  person_id TEXT NOT NULL,\n"                                             \
    "  version_id INTEGER NOT NULL REFERENCES list_version(id),\n"             \
    "  source TEXT NOT NULL,\n"                                                \
    "  jurisdiction TEXT NOT NULL,\n"                                          \
    "  entry_id TEXT NOT NULL,\n"                                              \
    "  score REAL NOT NULL,\n"                                                 \
    "  query_name TEXT NOT NULL,\n"                                            \
    "  matched_name TEXT NOT NULL,\n"                                          \
    "  program TEXT,\n"                                                        \
    "  listed TEXT,\n"                                                         \
    "  explain TEXT NOT NULL,\n"                                               \
    "  created_at TEXT NOT NULL,\n"                                            \
    "  UNIQUE(person_id, source, entry_id)\n"                                  \
    ");\n"                                                                     \
    "CREATE TABLE screen_decision(\n"                                          \
    "  id INTEGER PRIMARY KEY,\n"                                              \
    "  alert_id INTEGER NOT NULL REFERENCES screen_alert(id),\n"               \
    "  decision TEXT NOT NULL\n"                                               \
    "    CHECK (decision IN ('match', 'no-match', 'unsure')),\n"               \
    "  reason TEXT NOT NULL,\n"                                                \
    "  reviewer TEXT NOT NULL,\n"                                              \
    "  version_id INTEGER NOT NULL REFERENCES list_version(id),\n"             \
    "  score REAL NOT NULL,\n"                                                 \
    "  decided_at TEXT NOT NULL\n"                                             \
    ");\n"                                                                     \
    "CREATE INDEX screen_decision_alert ON screen_decision(alert_id, id);\n"   \
    "CREATE TRIGGER screen_decision_no_delete BEFORE DELETE ON\n"              \
    "  screen_decision\n"                                                      \
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"           \
    "CREATE TRIGGER screen_decision_no_update BEFORE UPDATE ON\n"              \
    "  screen_decision\n"                                                      \
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"

struct store_list_version {
    int64_t id;               /* assigned on add */
    const char *source;       /* "us-ofac-sdn", "un-sc", ... */
    const char *jurisdiction; /* "us", "uk", "eu", "ca", "au", "un", "" */
    const char *format;       /* "ofac-csv", ... */
    const char *published;    /* or NULL */
    const char *file_hash;    /* SHA-256 hex of the file(s) */
    const char *path;         /* copy inside the case folder (relative) */
    const char *origin;       /* the path it was imported from */
    int64_t entries;
    const char *imported_at; /* set on add */
    const char *author;      /* NULL = the store's default */
};

struct store_alert {
    int64_t id; /* assigned on add */
    const char *person_id;
    int64_t version_id; /* list version that raised it */
    const char *source;
    const char *jurisdiction;
    const char *entry_id;
    double score;
    const char *query_name;
    const char *matched_name;
    const char *program; /* or NULL */
    const char *listed;  /* or NULL */
    const char *explain;
    const char *created_at; /* set on add */
    /* Latest decision (filled when reading; NULL/0 when undecided). */
    const char *decision; /* "match", "no-match", "unsure" */
    const char *reason;
    const char *reviewer;
    const char *decided_at;
};

struct store_decision {
    int64_t id;
    int64_t alert_id;
    const char *decision;
    const char *reason;
    const char *reviewer; /* NULL = the store's default author on add */
    int64_t version_id;
    double score;
    const char *decided_at; /* set on add */
};

typedef int (*store_list_version_cb)(const struct store_list_version *v,
                                     void *ctx);
typedef int (*store_alert_cb)(const struct store_alert *a, void *ctx);
typedef int (*store_decision_cb)(const struct store_decision *d, void *ctx);

/*
 * Records a list version; *id_out (may be NULL) receives its id.
 * ERR_CONFLICT when the same source with the same hash is held already.
 * Audited ("list.import").
 */
enum err_code store_list_version_add(struct store *st,
                                     const struct store_list_version *v,
                                     int64_t *id_out, struct err *e);

/*
 * Every list version, oldest first; with latest_only, only the newest
 * version of each source (by import order).
 */
enum err_code store_list_version_each(struct store *st, bool latest_only,
                                      store_list_version_cb cb, void *ctx,
                                      struct err *e);

/* The newest version of source; ERR_NOTFOUND when none. */
enum err_code store_list_version_latest(struct store *st, const char *source,
                                        store_list_version_cb cb, void *ctx,
                                        struct err *e);

/*
 * Adds an alert unless one exists for the same person, source and entry
 * (*created tells which; may be NULL). *id_out (may be NULL) receives the
 * id of the new or existing alert.
 */
enum err_code store_alert_add(struct store *st, const struct store_alert *a,
                              bool *created, int64_t *id_out, struct err *e);

/* Every alert with its latest decision, by id; person_id NULL = all. */
enum err_code store_alert_each(struct store *st, const char *person_id,
                               store_alert_cb cb, void *ctx, struct err *e);
/* One alert; ERR_NOTFOUND when absent. */
enum err_code store_alert_get(struct store *st, int64_t id, store_alert_cb cb,
                              void *ctx, struct err *e);

/*
 * Appends a decision on an alert (reason required). ERR_NOTFOUND when the
 * alert does not exist, ERR_INVALID for an unknown decision or an empty
 * reason. Audited ("screen.decide").
 */
enum err_code store_decision_add(struct store *st,
                                 const struct store_decision *d,
                                 int64_t *id_out, struct err *e);
/* Decisions on one alert (0 = all), oldest first. */
enum err_code store_decision_each(struct store *st, int64_t alert_id,
                                  store_decision_cb cb, void *ctx,
                                  struct err *e);

#endif
