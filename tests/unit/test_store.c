/*
 * Unit tests for store/: open/create, migrations and version refusal,
 * entities, append-only statements with retraction and history, reverse
 * lookup, full-text search, audit, metadata, nesting transactions and two
 * processes writing at once. Databases live in a temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/migrate.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "unit_tmp.h"

static int dbno;

/* A fresh database path (not created yet). */
static char *new_path(void)
{
    char buf[4200];

    snprintf(buf, sizeof(buf), "%s/case%d.db", tmpdir, ++dbno);
    return xstrdup(buf);
}

static struct store *create_db(char **path_out)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char *path = new_path();

    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), ERR_OK);
    assert_non_null(st);
    store_set_author(st, "tester");
    if (path_out)
        *path_out = path;
    else
        free(path);
    return st;
}

/* Collects statements as "prop=value" lines. */
struct collect {
    char buf[4096];
    int n;
    int64_t last_id;
};

static int collect_stmt(const struct store_stmt *s, void *ctx)
{
    struct collect *c = ctx;
    size_t len = strlen(c->buf);

    snprintf(c->buf + len, sizeof(c->buf) - len, "%s%s=%s%s", c->n ? ";" : "",
             s->prop, s->value, s->retracted_at ? "(retracted)" : "");
    c->n++;
    c->last_id = s->id;
    return 0;
}

static void test_open_create(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char *path = NULL;

    (void)state;
    st = create_db(&path);
    assert_true(store_schema_version(st) >= 1);
    store_close(st);

    /* Create refuses an existing file. */
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), ERR_CONFLICT);
    assert_null(st);
    assert_non_null(strstr(e.msg, "exists already"));
    err_clear(&e);

    /* Opening again works, read-only too. */
    assert_int_equal(store_open(path, 0, &st, &e), ERR_OK);
    store_close(st);
    assert_int_equal(store_open(path, STORE_READONLY, &st, &e), ERR_OK);
    assert_int_equal(store_entity_add(st, "x", "Person", NULL, &e), ERR_DB);
    assert_non_null(strstr(e.msg, "read-only"));
    err_clear(&e);
    store_close(st);

    /* Missing file. */
    {
        char *missing = new_path();

        assert_int_equal(store_open(missing, 0, &st, &e), ERR_NOTFOUND);
        assert_non_null(strstr(e.msg, "no case database"));
        err_clear(&e);
        free(missing);
    }
    free(path);
}

static void test_not_a_database(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char *path = new_path();
    FILE *f = fopen(path, "w");

    (void)state;
    assert_non_null(f);
    fputs("this is a text file, not a case database\n", f);
    fclose(f);
    assert_int_equal(store_open(path, 0, &st, &e), ERR_DB);
    assert_null(st);
    assert_non_null(strstr(e.msg, "not a dossier case database"));
    free(path);
}

static void test_newer_version_refused(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char *path = NULL;
    sqlite3 *db = NULL;

    (void)state;
    st = create_db(&path);
    store_close(st);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, 0, &st, &e), ERR_DB);
    assert_null(st);
    assert_non_null(strstr(e.msg, "newer than this program knows"));
    free(path);
}

/* A database at schema version 1 is brought up to date at open. */
static void test_migrate_old(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char *path = new_path();
    sqlite3 *db = NULL;
    int64_t n = -1;

    (void)state;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, store_migration_sql(0), NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO entity VALUES('old', 'Person', "
                                  "'2020-01-01T00:00:00Z', 'someone')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    /* A read-only open of a file we cannot write cannot migrate: a clear
     * refusal (not checkable as root, who may write anything). */
    if (geteuid() != 0) {
        assert_int_equal(chmod(path, 0444), 0);
        assert_int_equal(store_open(path, STORE_READONLY, &st, &e), ERR_DB);
        assert_non_null(strstr(e.msg, "needs an upgrade"));
        err_clear(&e);
        assert_int_equal(chmod(path, 0644), 0);
    }
    /* A read-only open of a writable old case upgrades it first, so
     * `show` works on it right away. */
    assert_int_equal(store_open(path, STORE_READONLY, &st, &e), ERR_OK);
    assert_int_equal(store_schema_version(st), store_migration_count());
    store_close(st);
    st = NULL;
    assert_int_equal(store_open(path, 0, &st, &e), ERR_OK);
    assert_int_equal(store_schema_version(st), store_migration_count());
    assert_int_equal(store_entity_count(st, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    store_close(st);
    free(path);
}

static void test_entities(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    int64_t n = 0;

    (void)state;
    assert_int_equal(store_entity_add(st, "p1", "Person", NULL, &e), ERR_OK);
    assert_int_equal(store_entity_add(st, "o1", "Organization", "alice", &e),
                     ERR_OK);
    assert_int_equal(store_entity_add(st, "p2", "Person", NULL, &e), ERR_OK);
    assert_int_equal(store_entity_add(st, "p1", "Person", NULL, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "'p1'"));
    err_clear(&e);
    assert_true(store_entity_exists(st, "p1"));
    assert_false(store_entity_exists(st, "nope"));
    assert_int_equal(store_entity_get(st, "nope", NULL, NULL, &e),
                     ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(store_entity_count(st, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(store_entity_count(st, "Person", &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    store_close(st);
}

static void test_statements_history(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct store_stmt s = {0};
    struct collect c = {{0}, 0, 0};
    int64_t id1 = 0, id2 = 0;

    (void)state;
    assert_int_equal(store_entity_add(st, "p1", "Person", NULL, &e), ERR_OK);
    assert_int_equal(store_entity_add(st, "src1", "Source", NULL, &e), ERR_OK);
    s.entity_id = "p1";
    s.prop = "name";
    s.value = "CHAN Tai-man";
    s.lang = "Latn";
    s.source_id = "src1";
    s.conf = STORE_CONF_PROBABLE;
    assert_int_equal(store_stmt_add(st, &s, STORE_STMT_FTS, &id1, &e), ERR_OK);
    assert_true(id1 > 0);
    s.prop = "birthDate";
    s.value = "1952-12";
    s.lang = NULL;
    assert_int_equal(store_stmt_add(st, &s, 0, &id2, &e), ERR_OK);

    /* Unknown entity and unknown source. */
    s.entity_id = "ghost";
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "'ghost'"));
    err_clear(&e);
    s.entity_id = "p1";
    s.source_id = "nosuchsource";
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "source"));
    err_clear(&e);

    /* Retraction: once, with a reason. */
    assert_int_equal(store_stmt_retract(st, id2, "", NULL, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(store_stmt_retract(st, id2, "wrong month", NULL, &e),
                     ERR_OK);
    assert_int_equal(store_stmt_retract(st, id2, "again", NULL, &e),
                     ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(store_stmt_retract(st, 99999, "x", NULL, &e),
                     ERR_NOTFOUND);
    err_clear(&e);
    s.value = "1952-11";
    s.source_id = NULL;
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_OK);

    /* Current view vs history (ordered by prop then id). */
    assert_int_equal(store_stmt_each(st, "p1", 0, collect_stmt, &c, &e),
                     ERR_OK);
    assert_string_equal(c.buf, "birthDate=1952-11;name=CHAN Tai-man");
    memset(&c, 0, sizeof(c));
    assert_int_equal(
        store_stmt_each(st, "p1", STORE_WITH_RETRACTED, collect_stmt, &c, &e),
        ERR_OK);
    assert_string_equal(
        c.buf,
        "birthDate=1952-12(retracted);birthDate=1952-11;name=CHAN Tai-man");

    /* What rests on src1: only the live name (the birthDate is retracted). */
    {
        struct collect cc = {{0}, 0, 0};
        int64_t total = -1;

        assert_int_equal(
            store_stmt_each_cited(st, "src1", 0, collect_stmt, &cc, &total, &e),
            ERR_OK);
        assert_int_equal(total, 1);
        assert_string_equal(cc.buf, "name=CHAN Tai-man");
        assert_int_equal(
            store_stmt_each_cited(st, "p1", 5, NULL, NULL, &total, &e), ERR_OK);
        assert_int_equal(total, 0);
    }

    /* One statement, with its provenance. */
    {
        struct collect one = {{0}, 0, 0};

        assert_int_equal(store_stmt_get(st, id2, collect_stmt, &one, &e),
                         ERR_OK);
        assert_string_equal(one.buf, "birthDate=1952-12(retracted)");
    }
    store_close(st);
}

static int count_stmt(const struct store_stmt *s, void *ctx)
{
    (void)s;
    (*(int *)ctx)++;
    return 0;
}

static int stop_at_first(const struct store_stmt *s, void *ctx)
{
    (void)s;
    (*(int *)ctx)++;
    return 1;
}

static void test_reverse_lookup(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct store_stmt s = {0};
    struct collect c = {{0}, 0, 0};
    int n = 0;

    (void)state;
    store_entity_add(st, "p1", "Person", NULL, &e);
    store_entity_add(st, "occ1", "Occupancy", NULL, &e);
    store_entity_add(st, "occ2", "Occupancy", NULL, &e);
    s.prop = "holder";
    s.value = "p1";
    s.entity_id = "occ1";
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_OK);
    s.entity_id = "occ2";
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_OK);
    s.prop = "notes";
    assert_int_equal(store_stmt_add(st, &s, 0, NULL, &e), ERR_OK);
    assert_int_equal(store_stmt_find(st, "holder", "p1", collect_stmt, &c, &e),
                     ERR_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(store_stmt_find(st, NULL, "p1", count_stmt, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 3);
    n = 0;
    assert_int_equal(store_stmt_find(st, NULL, "p1", stop_at_first, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 1);
    /* Retracted ones disappear from reverse lookups. */
    assert_int_equal(store_stmt_retract(st, c.last_id, "mistake", NULL, &e),
                     ERR_OK);
    n = 0;
    store_stmt_find(st, "holder", "p1", count_stmt, &n, &e);
    assert_int_equal(n, 1);
    store_close(st);
}

/* Nested use of the same cached query from inside a callback. */
struct nest {
    struct store *st;
    int inner;
};

static int nested_find(const struct store_stmt *s, void *ctx)
{
    struct nest *n = ctx;
    struct err e = ERR_INIT;

    (void)s;
    assert_int_equal(
        store_stmt_find(n->st, "holder", "p1", count_stmt, &n->inner, &e),
        ERR_OK);
    return 0;
}

static void test_reentrant_callbacks(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct store_stmt s = {0};
    struct nest n = {st, 0};

    (void)state;
    store_entity_add(st, "p1", "Person", NULL, &e);
    store_entity_add(st, "occ1", "Occupancy", NULL, &e);
    s.entity_id = "occ1";
    s.prop = "holder";
    s.value = "p1";
    store_stmt_add(st, &s, 0, NULL, &e);
    store_stmt_add(st, &s, 0, NULL, &e);
    assert_int_equal(store_stmt_find(st, "holder", "p1", nested_find, &n, &e),
                     ERR_OK);
    assert_int_equal(n.inner, 4);
    store_close(st);
}

static void add_name(struct store *st, const char *id, const char *name)
{
    struct err e = ERR_INIT;
    struct store_stmt s = {0};

    s.entity_id = id;
    s.prop = "name";
    s.value = name;
    assert_int_equal(store_stmt_add(st, &s, STORE_STMT_FTS, NULL, &e), ERR_OK);
}

static void test_search(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct collect c = {{0}, 0, 0};
    int n = 0;
    int64_t id = 0;
    struct store_stmt s = {0};

    (void)state;
    store_entity_add(st, "p1", "Person", NULL, &e);
    store_entity_add(st, "p2", "Person", NULL, &e);
    add_name(st, "p1", "CHAN Kwok-keung");
    add_name(st, "p1", "陳國強");
    add_name(st, "p2", "LEE Ka-chiu John");
    add_name(st, "p2", "José Müller");
    /* Not indexed: no FTS flag. */
    s.entity_id = "p2";
    s.prop = "notes";
    s.value = "kwok unindexed";
    store_stmt_add(st, &s, 0, NULL, &e);

    assert_int_equal(store_search(st, "kwok", 10, collect_stmt, &c, &e),
                     ERR_OK);
    assert_string_equal(c.buf, "name=CHAN Kwok-keung");
    memset(&c, 0, sizeof(c));
    assert_int_equal(store_search(st, "keung CHAN", 10, collect_stmt, &c, &e),
                     ERR_OK);
    assert_int_equal(c.n, 1);
    memset(&c, 0, sizeof(c));
    /* Han: one character finds the unspaced name; order matters in a word. */
    assert_int_equal(store_search(st, "國", 10, collect_stmt, &c, &e), ERR_OK);
    assert_string_equal(c.buf, "name=陳國強");
    memset(&c, 0, sizeof(c));
    assert_int_equal(store_search(st, "陳國", 10, collect_stmt, &c, &e),
                     ERR_OK);
    assert_int_equal(c.n, 1);
    n = 0;
    assert_int_equal(store_search(st, "國陳", 10, count_stmt, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    /* Diacritics fold. */
    n = 0;
    assert_int_equal(store_search(st, "jose muller", 10, count_stmt, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 1);
    /* FTS syntax from users is inert. */
    n = 0;
    assert_int_equal(store_search(st, "chan OR lee", 10, count_stmt, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_search(st, "\"chan* NEAR(", 10, count_stmt, &n, &e),
                     ERR_OK);
    assert_int_equal(
        store_search(st, "name:chan -lee ^x", 10, count_stmt, &n, &e), ERR_OK);
    assert_int_equal(store_search(st, "  - ( ) ", 10, count_stmt, &n, &e),
                     ERR_INVALID);
    err_clear(&e);
    /* Limit. */
    add_name(st, "p2", "CHAN Siu-ming");
    n = 0;
    assert_int_equal(store_search(st, "chan", 1, count_stmt, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    /* Retracted values leave the index. */
    memset(&c, 0, sizeof(c));
    store_search(st, "siu", 10, collect_stmt, &c, &e);
    assert_int_equal(c.n, 1);
    id = c.last_id;
    assert_int_equal(store_stmt_retract(st, id, "wrong person", NULL, &e),
                     ERR_OK);
    n = 0;
    assert_int_equal(store_search(st, "siu", 10, count_stmt, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    store_close(st);
}

struct audit_collect {
    char buf[2048];
    int n;
};

static int collect_audit(const struct store_audit *a, void *ctx)
{
    struct audit_collect *c = ctx;
    size_t len = strlen(c->buf);

    snprintf(c->buf + len, sizeof(c->buf) - len, "%s%s:%s:%s", c->n ? ";" : "",
             a->action, a->author, a->entity_id ? a->entity_id : "-");
    c->n++;
    return 0;
}

static void test_audit_meta(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct audit_collect c = {{0}, 0};
    struct store_stmt s = {0};
    int64_t id = 0;
    char *v = NULL;

    (void)state;
    assert_int_equal(store_meta_get(st, "title", &v, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(store_meta_set(st, "title", "Case A", &e), ERR_OK);
    assert_int_equal(store_meta_set(st, "title", "Case B", &e), ERR_OK);
    assert_int_equal(store_meta_get(st, "title", &v, &e), ERR_OK);
    assert_string_equal(v, "Case B");
    free(v);

    store_entity_add(st, "p1", "Person", NULL, &e);
    s.entity_id = "p1";
    s.prop = "name";
    s.value = "X";
    s.author = "bob";
    store_stmt_add(st, &s, 0, &id, &e);
    store_stmt_retract(st, id, "typo", "carol", &e);
    assert_int_equal(store_audit_add(st, "import", NULL, "file.json", &e),
                     ERR_OK);
    assert_int_equal(store_audit_each(st, "p1", collect_audit, &c, &e), ERR_OK);
    assert_string_equal(c.buf, "entity.add:tester:p1;stmt.add:bob:p1;"
                               "stmt.retract:carol:p1");
    memset(&c, 0, sizeof(c));
    assert_int_equal(store_audit_each(st, NULL, collect_audit, &c, &e), ERR_OK);
    assert_int_equal(c.n, 1 + 2 + 3 + 1); /* migrate, meta x2, 3, import */
    store_close(st);
}

static void test_author_default(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    struct audit_collect c = {{0}, 0};

    (void)state;
    store_set_author(st, NULL);
    setenv("DOSSIER_AUTHOR", "envauthor", 1);
    store_entity_add(st, "p1", "Person", NULL, &e);
    unsetenv("DOSSIER_AUTHOR");
    setenv("USER", "unixuser", 1);
    store_entity_add(st, "p2", "Person", NULL, &e);
    unsetenv("USER");
    store_entity_add(st, "p3", "Person", NULL, &e);
    store_audit_each(st, "p1", collect_audit, &c, &e);
    store_audit_each(st, "p2", collect_audit, &c, &e);
    store_audit_each(st, "p3", collect_audit, &c, &e);
    assert_string_equal(c.buf, "entity.add:envauthor:p1;"
                               "entity.add:unixuser:p2;entity.add:unknown:p3");
    store_close(st);
}

static void test_transactions(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = create_db(NULL);
    int64_t n = 0;

    (void)state;
    /* Outer rollback undoes everything. */
    assert_int_equal(store_begin(st, &e), ERR_OK);
    store_entity_add(st, "a", "Person", NULL, &e);
    store_rollback(st);
    assert_false(store_entity_exists(st, "a"));

    /* Inner rollback undoes only the inner part. */
    assert_int_equal(store_begin(st, &e), ERR_OK);
    store_entity_add(st, "b", "Person", NULL, &e);
    assert_int_equal(store_begin(st, &e), ERR_OK);
    store_entity_add(st, "c", "Person", NULL, &e);
    store_rollback(st);
    assert_int_equal(store_begin(st, &e), ERR_OK);
    store_entity_add(st, "d", "Person", NULL, &e);
    assert_int_equal(store_commit(st, &e), ERR_OK);
    assert_int_equal(store_commit(st, &e), ERR_OK);
    assert_int_equal(store_entity_count(st, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_true(store_entity_exists(st, "b"));
    assert_false(store_entity_exists(st, "c"));
    assert_true(store_entity_exists(st, "d"));
    assert_int_equal(store_commit(st, &e), ERR_DB);
    store_close(st);
}

/* Two processes writing at once: both succeed, nothing is lost. */
static void test_two_writers(void **state)
{
    struct err e = ERR_INIT;
    char *path = NULL;
    struct store *st = create_db(&path);
    int fds[2];
    pid_t pid;
    int status = 0;
    int64_t n = 0;
    char c;

    (void)state;
    store_close(st);
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct store *cst = NULL;
        char id[32];
        int ok = 1;

        close(fds[0]);
        if (store_open(path, 0, &cst, &e) || store_begin(cst, &e))
            _exit(2);
        /* Holds the write lock while the parent tries to write. */
        if (write(fds[1], "x", 1) != 1)
            _exit(3);
        for (int i = 0; i < 50; i++) {
            snprintf(id, sizeof(id), "child%d", i);
            if (store_entity_add(cst, id, "Person", NULL, &e))
                ok = 0;
        }
        usleep(300 * 1000);
        if (store_commit(cst, &e))
            ok = 0;
        for (int i = 50; i < 100; i++) {
            snprintf(id, sizeof(id), "child%d", i);
            if (store_entity_add(cst, id, "Person", NULL, &e))
                ok = 0;
        }
        store_close(cst);
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &c, 1), 1);
    close(fds[0]);
    assert_int_equal(store_open(path, 0, &st, &e), ERR_OK);
    for (int i = 0; i < 100; i++) {
        char id[32];

        snprintf(id, sizeof(id), "parent%d", i);
        assert_int_equal(store_entity_add(st, id, "Person", NULL, &e), ERR_OK);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(store_entity_count(st, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 200);
    store_close(st);
    free(path);
}

/* Several processes creating the same case: exactly one wins, and a
 * process opening it meanwhile sees either no file or a whole case. */
static void test_create_race(void **state)
{
    char *path = new_path();
    pid_t pids[6];
    int created = 0, conflicts = 0, opened_bad = 0;

    (void)state;
    for (int i = 0; i < 6; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            struct err e = ERR_INIT;
            struct store *st = NULL;
            enum err_code rc;

            if (i % 2 == 0) {
                rc = store_open(path, STORE_CREATE, &st, &e);
                store_close(st);
                _exit(rc == ERR_OK ? 10 : rc == ERR_CONFLICT ? 11 : 12);
            }
            /* Openers: retry until the file exists. */
            for (int k = 0; k < 2000; k++) {
                rc = store_open(path, 0, &st, &e);
                if (rc != ERR_NOTFOUND)
                    break;
                err_clear(&e);
                usleep(500);
            }
            store_close(st);
            _exit(rc == ERR_OK ? 20 : 21);
        }
    }
    for (int i = 0; i < 6; i++) {
        int status = 0;

        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        switch (WEXITSTATUS(status)) {
        case 10:
            created++;
            break;
        case 11:
            conflicts++;
            break;
        case 20:
            break;
        default:
            opened_bad++;
        }
    }
    assert_int_equal(created, 1);
    assert_int_equal(conflicts, 2);
    assert_int_equal(opened_bad, 0);
    free(path);
}

/* A lock held longer than the busy timeout: a clear ERR_CONFLICT. */
static void test_lock_timeout(void **state)
{
    struct err e = ERR_INIT;
    char *path = NULL;
    struct store *a = create_db(&path), *b = NULL;

    (void)state;
    assert_int_equal(store_open(path, 0, &b, &e), ERR_OK);
    store_set_busy_timeout(b, 100);
    assert_int_equal(store_begin(a, &e), ERR_OK);
    assert_int_equal(store_entity_add(a, "x", "Person", NULL, &e), ERR_OK);
    assert_int_equal(store_entity_add(b, "y", "Person", NULL, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "case is locked by another process"));
    err_clear(&e);
    /* Readers are not blocked by the writer (WAL). */
    assert_false(store_entity_exists(b, "x"));
    assert_int_equal(store_commit(a, &e), ERR_OK);
    assert_true(store_entity_exists(b, "x"));
    assert_int_equal(store_entity_add(b, "y", "Person", NULL, &e), ERR_OK);
    store_close(a);
    store_close(b);
    free(path);
}

static void test_conf(void **state)
{
    struct err e = ERR_INIT;
    enum store_conf c;

    (void)state;
    assert_int_equal(store_conf_parse("Probable", &c, &e), ERR_OK);
    assert_int_equal(c, STORE_CONF_PROBABLE);
    assert_string_equal(store_conf_name(STORE_CONF_DISPUTED), "disputed");
    assert_int_equal(store_conf_parse("sure", &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'sure'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_create),
        cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_newer_version_refused),
        cmocka_unit_test(test_migrate_old),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_statements_history),
        cmocka_unit_test(test_reverse_lookup),
        cmocka_unit_test(test_reentrant_callbacks),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_audit_meta),
        cmocka_unit_test(test_author_default),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_two_writers),
        cmocka_unit_test(test_create_race),
        cmocka_unit_test(test_lock_timeout),
        cmocka_unit_test(test_conf),
    };
    return cmocka_run_group_tests_name("store", tests, setup_dir, teardown_dir);
}
