/*
 * Unit tests for case/disclose.c and store/store_disclosure.c: every
 * refusal of case_disclose, the latest record of a (statement, scope)
 * winning, scope matching ("all" covers every jurisdiction, one
 * jurisdiction covers only itself), the append-only log and its audit
 * entries, the [released] marking of case_entity_load, the FtM export
 * (scope "all" only) and the dossier's per-regime rule. All records are
 * FICTIONAL. Databases live in a temporary folder.
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

#include "case/case.h"
#include "case/disclose.h"
#include "case/ftm_io.h"
#include "dossier/dossier.h"
#include "store/store.h"
#include "store/store_disclosure.h"
#include "unit_tmp.h"

static int dbno;
static char last_path[4200];

static struct store *new_case(void)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;

    snprintf(last_path, sizeof(last_path), "%s/case%d.db", tmpdir, ++dbno);
    assert_int_equal(store_open(last_path, STORE_CREATE, &st, &e), ERR_OK);
    store_set_author(st, "reviewer");
    return st;
}

static int64_t add_prop(struct store *st, const char *id, const char *prop,
                        const char *value)
{
    struct err e = ERR_INIT;
    int64_t sid = 0;

    if (case_prop_add(st, id, prop, value, NULL, &sid, &e) != ERR_OK)
        fail_msg("set %s %s=%s: %s", id, prop, value, e.msg);
    return sid;
}

/* A FICTIONAL victim: *pseudonym and *name get the statement ids. */
static void add_victim(struct store *st, const char *id, int64_t *pseudonym,
                       int64_t *name)
{
    struct err e = ERR_INIT;

    assert_int_equal(case_entity_add(st, "Victim", id, NULL, NULL, &e), ERR_OK);
    *pseudonym = add_prop(st, id, "pseudonym", "V-77");
    *name = add_prop(st, id, "realName", "FICTIONAL Test-victim");
    add_prop(st, id, "fictional", "true");
}

static enum err_code disclose(struct store *st, int64_t sid, const char *scope,
                              const char *reason, bool withdraw, struct err *e)
{
    err_clear(e);
    return case_disclose(st, sid, scope, reason, NULL, withdraw, e);
}

static bool released_for(struct store *st, const char *scope, int64_t sid)
{
    struct case_release_set rs = CASE_RELEASE_SET_INIT;
    struct err e = ERR_INIT;
    bool has;

    assert_int_equal(case_release_set_load(st, scope, &rs, &e), ERR_OK);
    has = case_release_set_has(&rs, sid);
    case_release_set_clear(&rs);
    return has;
}

static void test_scopes(void **state)
{
    (void)state;
    assert_string_equal(case_disclose_scope("all"), "all");
    assert_string_equal(case_disclose_scope("UK"), "uk");
    assert_string_equal(case_disclose_scope("gb"), "uk");
    assert_string_equal(case_disclose_scope("au"), "au");
    assert_null(case_disclose_scope("fr"));
    assert_null(case_disclose_scope(""));
    assert_null(case_disclose_scope(NULL));
    assert_string_equal(case_disclose_scope_of_jurisdiction("gb"), "uk");
    assert_string_equal(case_disclose_scope_of_jurisdiction("us"), "us");
    assert_null(case_disclose_scope_of_jurisdiction("all"));
    assert_null(case_disclose_scope_of_jurisdiction("un"));
    assert_true(case_disclose_scope_covers("all", "uk"));
    assert_true(case_disclose_scope_covers("uk", "uk"));
    assert_false(case_disclose_scope_covers("uk", "us"));
}

static void test_refusals(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    int64_t pseudo, name, other, retracted;

    (void)state;
    add_victim(st, "victim-a", &pseudo, &name);
    other = add_prop(st, "victim-a", "age", "34");
    retracted = add_prop(st, "victim-a", "gender", "female");
    assert_int_equal(
        case_prop_retract(st, retracted, "entered by mistake", NULL, &e),
        ERR_OK);

    assert_int_equal(disclose(st, 9999, "uk", "asked", false, &e),
                     ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "no statement #9999"));
    assert_int_equal(disclose(st, retracted, "uk", "asked", false, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "retracted"));
    assert_int_equal(disclose(st, pseudo, "uk", "asked", false, &e),
                     ERR_INVALID);
    assert_string_equal(e.msg, "nothing to release: pseudonym of Victim is "
                               "not protected");
    assert_int_equal(disclose(st, name, "uk", "", false, &e), ERR_INVALID);
    assert_int_equal(disclose(st, name, "uk", "  \n", false, &e), ERR_INVALID);
    assert_int_equal(disclose(st, name, "uk", NULL, false, &e), ERR_INVALID);
    assert_int_equal(disclose(st, name, "fr", "asked", false, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "unknown scope 'fr'"));
    assert_int_equal(disclose(st, name, "uk", "asked", true, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "nothing to withdraw"));
    {
        char big[CASE_DISCLOSE_REASON_MAX + 2];

        memset(big, 'x', sizeof(big) - 1);
        big[sizeof(big) - 1] = '\0';
        assert_int_equal(disclose(st, name, "uk", big, false, &e), ERR_TOOBIG);
    }
    /* None of the refusals left a record. */
    assert_false(released_for(st, "uk", name));

    /* Released once per scope; a withdraw needs the exact scope. */
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "uk", "again", false, &e),
                     ERR_CONFLICT);
    assert_int_equal(disclose(st, other, "all", "hearing", false, &e), ERR_OK);
    assert_int_equal(disclose(st, other, "uk", "narrower", true, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "but for all"));
    store_close(st);
}

static void test_latest_wins(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    int64_t pseudo, name;

    (void)state;
    add_victim(st, "victim-b", &pseudo, &name);
    assert_false(released_for(st, "uk", name));
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    assert_true(released_for(st, "uk", name));
    assert_int_equal(disclose(st, name, "uk", "consent withdrawn", true, &e),
                     ERR_OK);
    assert_false(released_for(st, "uk", name));
    assert_int_equal(disclose(st, name, "uk", "consent renewed", false, &e),
                     ERR_OK);
    assert_true(released_for(st, "uk", name));
    /* A withdrawal of one scope leaves another standing. */
    assert_int_equal(disclose(st, name, "all", "hearing", false, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "uk", "done", true, &e), ERR_OK);
    assert_true(released_for(st, "uk", name));
    assert_true(released_for(st, "us", name));
    assert_int_equal(disclose(st, name, "all", "done", true, &e), ERR_OK);
    assert_false(released_for(st, "uk", name));
    assert_false(released_for(st, "all", name));
    store_close(st);
}

static void test_scope_matching(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    int64_t pseudo, name, pseudo2, name2;

    (void)state;
    add_victim(st, "victim-c", &pseudo, &name);
    add_victim(st, "victim-d", &pseudo2, &name2);
    assert_int_equal(disclose(st, name, "gb", "asked", false, &e), ERR_OK);
    assert_true(released_for(st, "uk", name));
    assert_true(released_for(st, "gb", name));
    assert_false(released_for(st, "us", name));
    assert_false(released_for(st, "all", name));
    assert_false(released_for(st, "uk", name2));
    assert_int_equal(disclose(st, name2, "all", "hearing", false, &e), ERR_OK);
    assert_true(released_for(st, "all", name2));
    assert_true(released_for(st, "us", name2));
    assert_true(released_for(st, "eu", name2));
    {
        struct case_release_set rs = CASE_RELEASE_SET_INIT;

        assert_int_equal(case_release_set_load(st, "xx", &rs, &e), ERR_INVALID);
        case_release_set_clear(&rs);
    }
    store_close(st);
}

struct count_ctx {
    int n;
    int audit;
    char last_action[32];
};

static int count_cb(const struct store_disclosure_rec *r, void *ctx)
{
    struct count_ctx *c = ctx;

    c->n++;
    snprintf(c->last_action, sizeof(c->last_action), "%s", r->action);
    assert_string_equal(r->author, "reviewer");
    assert_string_equal(r->entity_id, "victim-e");
    return 0;
}

static int audit_cb(const struct store_audit *a, void *ctx)
{
    struct count_ctx *c = ctx;

    if (strncmp(a->action, "disclosure.", 11) == 0) {
        c->audit++;
        assert_true(a->stmt_id > 0);
        assert_non_null(strstr(a->detail, "scope uk"));
    }
    return 0;
}

static void test_log_append_only(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    struct count_ctx c = {0, 0, ""};
    int64_t pseudo, name;
    sqlite3 *db = NULL;
    char *msg = NULL;

    (void)state;
    add_victim(st, "victim-e", &pseudo, &name);
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "uk", "done", true, &e), ERR_OK);
    assert_int_equal(store_disclosure_each(st, name, count_cb, &c, &e), ERR_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.last_action, "withdraw");
    assert_int_equal(store_audit_each(st, "victim-e", audit_cb, &c, &e),
                     ERR_OK);
    assert_int_equal(c.audit, 2);
    store_close(st);

    assert_int_equal(sqlite3_open(last_path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE disclosure SET scope = 'all'",
                                      NULL, NULL, &msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "append-only"));
    sqlite3_free(msg);
    msg = NULL;
    assert_int_not_equal(
        sqlite3_exec(db, "DELETE FROM disclosure", NULL, NULL, &msg),
        SQLITE_OK);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static void test_entity_load_marks(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    struct case_entity *en = NULL;
    int64_t pseudo, name;

    (void)state;
    add_victim(st, "victim-f", &pseudo, &name);
    assert_int_equal(disclose(st, name, "us", "asked", false, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    assert_int_equal(case_entity_load(st, "victim-f", 0, &en, &e), ERR_OK);
    for (size_t i = 0; i < en->nstmts; i++) {
        if (en->stmts[i].id == name)
            assert_string_equal(en->stmts[i].released, "uk, us");
        else
            assert_null(en->stmts[i].released);
    }
    case_entity_free(en);
    store_close(st);
}

struct list_ctx {
    int n;
    char value[64];
};

static int list_cb(const struct case_disclosure *d, void *ctx)
{
    struct list_ctx *l = ctx;

    l->n++;
    snprintf(l->value, sizeof(l->value), "%s", d->value);
    assert_string_equal(d->schema, "Victim");
    assert_string_equal(d->caption, "V-77");
    assert_string_equal(d->label, "Real name");
    return 0;
}

static void test_each(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    struct list_ctx l = {0, ""};
    int64_t pseudo, name;

    (void)state;
    add_victim(st, "victim-g", &pseudo, &name);
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "uk", "done", true, &e), ERR_OK);
    assert_int_equal(disclose(st, name, "all", "hearing", false, &e), ERR_OK);
    assert_int_equal(case_disclose_each(st, 0, list_cb, &l, &e), ERR_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.value, "FICTIONAL Test-victim");
    l.n = 0;
    assert_int_equal(case_disclose_each(st, CASE_DISCLOSE_LOG, list_cb, &l, &e),
                     ERR_OK);
    assert_int_equal(l.n, 3);
    /* A retracted statement is no longer listed as released. */
    assert_int_equal(case_prop_retract(st, name, "wrong name", NULL, &e),
                     ERR_OK);
    l.n = 0;
    assert_int_equal(case_disclose_each(st, 0, list_cb, &l, &e), ERR_OK);
    assert_int_equal(l.n, 0);
    store_close(st);
}

/* Exports the case to a string (malloc'd) and returns the stats. */
static char *export_all(struct store *st, struct case_ftm_stats *stats)
{
    struct err e = ERR_INIT;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(case_ftm_export(st, f, NULL, stats, &e), ERR_OK);
    fclose(f);
    return buf;
}

static void test_ftm_export(void **state)
{
    struct store *st = new_case();
    struct err e = ERR_INIT;
    struct case_ftm_stats stats;
    int64_t pseudo, name;
    char *out;

    (void)state;
    add_victim(st, "victim-h", &pseudo, &name);
    out = export_all(st, &stats);
    assert_null(strstr(out, "Test-victim"));
    assert_int_equal(stats.withheld, 1);
    assert_int_equal(stats.released, 0);
    free(out);
    /* One jurisdiction's release does not reach the FtM export. */
    assert_int_equal(disclose(st, name, "uk", "asked", false, &e), ERR_OK);
    out = export_all(st, &stats);
    assert_null(strstr(out, "Test-victim"));
    assert_int_equal(stats.withheld, 1);
    free(out);
    assert_int_equal(disclose(st, name, "all", "hearing", false, &e), ERR_OK);
    out = export_all(st, &stats);
    assert_non_null(strstr(out, "\"realName\":[\"FICTIONAL Test-victim\"]"));
    assert_int_equal(stats.withheld, 0);
    assert_int_equal(stats.released, 1);
    free(out);
    assert_int_equal(disclose(st, name, "all", "done", true, &e), ERR_OK);
    out = export_all(st, &stats);
    assert_null(strstr(out, "Test-victim"));
    assert_int_equal(stats.withheld, 1);
    free(out);
    store_close(st);
}

static void test_dossier_applies(void **state)
{
    struct regime uk, us;
    struct dossier_release x;

    (void)state;
    memset(&uk, 0, sizeof(uk));
    memset(&us, 0, sizeof(us));
    memset(&x, 0, sizeof(x));
    uk.jurisdiction = "gb";
    us.jurisdiction = "us";
    x.scope = "uk";
    assert_true(dossier_release_applies(&x, &uk));
    assert_false(dossier_release_applies(&x, &us));
    x.scope = "all";
    assert_true(dossier_release_applies(&x, &uk));
    assert_true(dossier_release_applies(&x, &us));
    x.scope = "us";
    assert_false(dossier_release_applies(&x, &uk));
    assert_true(dossier_release_applies(&x, &us));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_latest_wins),
        cmocka_unit_test(test_scope_matching),
        cmocka_unit_test(test_log_append_only),
        cmocka_unit_test(test_entity_load_marks),
        cmocka_unit_test(test_each),
        cmocka_unit_test(test_ftm_export),
        cmocka_unit_test(test_dossier_applies),
    };

    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
