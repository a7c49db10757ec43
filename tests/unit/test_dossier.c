/*
 * Unit tests for dossier/: the regime file reader (valid files, every
 * kind of bad file, the repository's regimes), the completeness check on
 * a small FICTIONAL case (gaps found, gaps closed, command responsibility
 * through the chain of command), the document model's span splitting,
 * HTML escaping and the format list parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "dossier/doc.h"
#include "dossier/dossier.h"
#include "dossier/regime.h"
#include "store/store.h"
#include "unit_tmp.h"

static int dbno;

/* --- regime files ---------------------------------------------------------*/

/* A valid regime file (every field, two criteria). */
static const char good[] =
    "{\"format\":\"dossier-regime/1\",\"id\":\"xx-test\",\"name\":\"Test\","
    "\"short\":\"T\",\"jurisdiction\":\"gb\",\"authority\":\"A\","
    "\"legal_basis\":{\"text\":\"basis\",\"verified\":true,\"source\":\"s\"},"
    "\"who_can_be_listed\":{\"text\":\"who\",\"verified\":true,"
    "\"source\":\"s\"},"
    "\"standard_of_proof\":{\"text\":\"proof\",\"verified\":false,"
    "\"source\":\"s\"},"
    "\"submission_route\":{\"text\":\"route\",\"verified\":true,"
    "\"source\":\"s\"},"
    "\"caveats\":[{\"text\":\"open\",\"verified\":false,\"source\":\"s\"}],"
    "\"identifiers\":{\"required\":[\"name-latin\",\"birth-date\"],"
    "\"helpful\":[\"hkid\"]},"
    "\"roles\":{\"direct\":\"did it\",\"commanded\":\"commanded it\"},"
    "\"criteria\":[{\"id\":\"c1\",\"text\":\"torture\",\"verified\":true,"
    "\"source\":\"s\",\"violations\":[\"torture\",\"excessive-force\"]},"
    "{\"id\":\"c2\",\"text\":\"life\",\"verified\":false,\"source\":\"s\","
    "\"violations\":[\"killing\"],\"roles\":[\"direct\"],"
    "\"elements\":[\"victim status\"]}],"
    "\"sources\":[\"src\"]}";

static void test_regime_parse(void **state)
{
    struct arena a;
    struct regime r;
    struct err e = ERR_INIT;

    (void)state;
    arena_init(&a, 0);
    assert_int_equal(regime_parse(good, strlen(good), "xx-test", &a, &r, &e),
                     ERR_OK);
    assert_string_equal(r.id, "xx-test");
    assert_int_equal(r.ncriteria, 2);
    assert_int_equal(r.criteria[1].nelements, 1);
    assert_false(r.proof.verified);
    assert_true(r.legal_basis.verified);
    assert_int_equal(r.ncaveats, 1);
    assert_int_equal(r.nrequired_ids, 2);
    assert_string_equal(regime_role_limb(&r, "commanded"), "commanded it");
    assert_null(regime_role_limb(&r, "present"));
    assert_true(regime_criterion_accepts_role(&r, &r.criteria[0], "commanded"));
    assert_false(
        regime_criterion_accepts_role(&r, &r.criteria[1], "commanded"));
    assert_true(regime_criterion_has_violation(&r.criteria[0], "torture"));
    assert_false(regime_criterion_has_violation(&r.criteria[0], "killing"));
    /* The id must match the file name. */
    assert_int_equal(regime_parse(good, strlen(good), "other", &a, &r, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "differs from the file name"));
    arena_release(&a);
}

/* Replaces the first occurrence of from in good by to and parses. */
static enum err_code parse_edit(const char *from, const char *to, struct err *e)
{
    char buf[8192];
    const char *p = strstr(good, from);
    struct arena a;
    struct regime r;
    enum err_code rc;

    assert_non_null(p);
    snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(p - good), good, to,
             p + strlen(from));
    arena_init(&a, 0);
    err_clear(e);
    rc = regime_parse(buf, strlen(buf), NULL, &a, &r, e);
    arena_release(&a);
    return rc;
}

static void test_regime_bad(void **state)
{
    struct err e = ERR_INIT;
    struct arena a;
    struct regime r;
    static const struct {
        const char *from, *to, *msg;
    } cases[] = {
        {"\"format\":\"dossier-regime/1\"", "\"format\":\"v2\"", "format"},
        {"\"id\":\"xx-test\",", "", "id is missing"},
        {"\"torture\",\"excessive-force\"", "\"torture\",\"beating\"",
         "unknown violation category 'beating'"},
        {"\"roles\":[\"direct\"]", "\"roles\":[\"bystander\"]",
         "unknown role 'bystander'"},
        {"[\"hkid\"]", "[\"shoe-size\"]", "unknown identifier 'shoe-size'"},
        {"\"verified\":true,\"source\":\"s\",\"violations\"",
         "\"verified\":\"yes\",\"source\":\"s\",\"violations\"",
         "true or false"},
        {"{\"id\":\"c2\"", "{\"id\":\"c1\"", "appears twice"},
        {"\"roles\":[\"direct\"]", "\"roles\":[\"ordered\"]",
         "do not describe"},
        {"\"criteria\":[", "\"criteria\":7,\"x\":[", "criteria"},
        {"\"legal_basis\":{\"text\":\"basis\"", "\"legal_basis\":{\"text\":1",
         "text must be a string"},
        {"\"sources\":[\"src\"]}", "\"sources\":[\"src\"]", "not valid JSON"},
        {"\"short\":\"T\",", "\"short\":\"T\",\"short\":\"U\",",
         "not valid JSON"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum err_code rc = parse_edit(cases[i].from, cases[i].to, &e);

        if (rc == ERR_OK || !strstr(e.msg, cases[i].msg))
            fail_msg("case %zu: rc %d msg '%s' (wanted '%s')", i, rc, e.msg,
                     cases[i].msg);
    }
    /* Not an object, and too big. */
    arena_init(&a, 0);
    err_clear(&e);
    assert_int_equal(regime_parse("[1]", 3, "x", &a, &r, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(regime_parse(good, REGIME_FILE_MAX + 1, "x", &a, &r, &e),
                     ERR_TOOBIG);
    arena_release(&a);
}

static void test_regime_set(void **state)
{
    struct regime_set rs;
    const struct regime *r;
    struct err e = ERR_INIT;
    char dir[4096];
    static const char *const ids[] = {
        "au-thematic", "ca-jvcfoa-sema",  "eu-ghrsr", "uk-gac",
        "uk-ghr",      "us-eo13936-hkaa", "us-glomag"};

    (void)state;
    regime_default_dir(dir, sizeof(dir));
    assert_int_equal(regime_set_load(dir, &rs, &e), ERR_OK);
    assert_int_equal(rs.n, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(rs.items[i].id, ids[i]);
        assert_true(rs.items[i].ncriteria > 0);
        assert_true(rs.items[i].nsources > 0);
    }
    r = regime_set_find(&rs, "uk-ghr");
    assert_non_null(r);
    assert_string_equal(r->jurisdiction, "gb");
    /* domain.md marks the FCDO route and the SAMLA amendments [K]. */
    assert_false(r->route.verified);
    assert_true(r->ncaveats >= 1 && !r->caveats[0].verified);
    r = regime_set_find(&rs, "eu-ghrsr");
    assert_false(r->route.verified);
    assert_int_equal(regime_set_get(&rs, "fr-nope", &r, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "unknown regime 'fr-nope'"));
    assert_non_null(strstr(e.msg, "us-glomag"));
    regime_set_release(&rs);
    err_clear(&e);
    assert_int_equal(regime_set_load("/nonexistent/regimes", &rs, &e),
                     ERR_NOTFOUND);
}

/* --- the check on a small FICTIONAL case
 * ------------------------------------*/

static struct store *new_case(void)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char path[4200];

    snprintf(path, sizeof(path), "%s/case%d.db", tmpdir, ++dbno);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), ERR_OK);
    store_set_author(st, "tester");
    return st;
}

static void ent(struct store *st, const char *schema, const char *id)
{
    struct err e = ERR_INIT;

    if (case_entity_add(st, schema, id, NULL, NULL, &e) != ERR_OK)
        fail_msg("add %s: %s", id, e.msg);
}

static void val(struct store *st, const char *id, const char *prop,
                const char *value, const char *source, const char *qual)
{
    struct err e = ERR_INIT;
    struct case_stmt_opts so = {NULL, qual, source, STORE_CONF_CONFIRMED,
                                NULL, 0};

    if (case_prop_add(st, id, prop, value, &so, NULL, &e) != ERR_OK)
        fail_msg("%s %s=%s: %s", id, prop, value, e.msg);
}

/* A person who commanded a unit involved in one incident. */
static void base_case(struct store *st)
{
    ent(st, "Source", "s1");
    val(st, "s1", "name", "Live video (fictional)", NULL, NULL);
    val(st, "s1", "reliability", "B", NULL, NULL);
    ent(st, "Source", "s2");
    val(st, "s2", "name", "Gazette (fictional)", NULL, NULL);
    ent(st, "Person", "p1");
    val(st, "p1", "name", "CHAN Tai-man", "s2", NULL);
    val(st, "p1", "name", "陳大文", "s2", NULL);
    val(st, "p1", "fictional", "true", NULL, NULL);
    val(st, "p1", "birthDate", "1970-01-02", "s2", NULL);
    val(st, "p1", "nationality", "hk", "s2", NULL);
    ent(st, "Organization", "u1");
    val(st, "u1", "name", "Company 7 (fictional)", NULL, NULL);
    ent(st, "Position", "post1");
    val(st, "post1", "name", "Company Commander", NULL, NULL);
    val(st, "post1", "organization", "u1", NULL, NULL);
    val(st, "post1", "isCommand", "true", NULL, NULL);
    ent(st, "Occupancy", "occ1");
    val(st, "occ1", "holder", "p1", "s2", NULL);
    val(st, "occ1", "post", "post1", "s2", NULL);
    val(st, "occ1", "startDate", "2019-01-01", "s2", NULL);
    val(st, "occ1", "endDate", "2019-12-31", "s2", NULL);
    ent(st, "Incident", "i1");
    val(st, "i1", "name", "Beating at the station (fictional)", "s1", NULL);
    val(st, "i1", "startDate", "2019-11-18", "s1", NULL);
    val(st, "i1", "violation", "torture", "s1", NULL);
    ent(st, "Involvement", "inv1");
    val(st, "inv1", "person", "u1", "s1", NULL);
    val(st, "inv1", "incident", "i1", "s1", NULL);
    val(st, "inv1", "role", "direct", "s1", NULL);
    ent(st, "Victim", "v1");
    val(st, "v1", "pseudonym", "V-01", NULL, NULL);
    val(st, "v1", "incident", "i1", NULL, NULL);
    val(st, "v1", "realName", "SECRET Name", NULL, NULL);
}

static bool has_code(const struct dossier_check *c, const char *code)
{
    for (size_t i = 0; i < c->nissues; i++)
        if (strcmp(c->issues[i].code, code) == 0 &&
            c->issues[i].severity == DOSSIER_BLOCKING)
            return true;
    return false;
}

static void run_check(struct store *st, const char *regime,
                      struct regime_set *rs, struct dossier_snapshot *snap,
                      struct dossier_target *t, struct dossier_check *c)
{
    struct err e = ERR_INIT;
    char dir[4096];
    const struct regime *r;

    regime_default_dir(dir, sizeof(dir));
    assert_int_equal(regime_set_load(dir, rs, &e), ERR_OK);
    assert_int_equal(regime_set_get(rs, regime, &r, &e), ERR_OK);
    assert_int_equal(dossier_snapshot_load(st, snap, &e), ERR_OK);
    assert_int_equal(dossier_target_load(snap, "p1", t, &e), ERR_OK);
    dossier_check_run(snap, t, r, c);
}

static void done(struct regime_set *rs, struct dossier_snapshot *snap,
                 struct dossier_target *t, struct dossier_check *c)
{
    dossier_check_release(c);
    dossier_target_release(t);
    dossier_snapshot_release(snap);
    regime_set_release(rs);
}

static void test_check_gaps(void **state)
{
    struct store *st = new_case();
    struct regime_set rs;
    struct dossier_snapshot snap;
    struct dossier_target t;
    struct dossier_check c;

    (void)state;
    base_case(st);
    run_check(st, "uk-ghr", &rs, &snap, &t, &c);
    assert_true(t.fictional);
    assert_non_null(strstr(t.caption, "[FICTIONAL]"));
    assert_string_equal(t.name_han, "陳大文");
    /* Command responsibility: the unit's commander on the date. */
    assert_int_equal(t.nlinks, 1);
    assert_true(t.links[0].via_chain);
    assert_int_equal(t.links[0].certainty, CASE_CERTAIN);
    assert_int_equal(c.ncrits, 3);
    assert_true(c.crits[1].met); /* uk-ghr-torture */
    assert_false(c.crits[0].met);
    assert_true(has_code(&c, "identifiers"));   /* one identifier */
    assert_true(has_code(&c, "no-exhibit"));    /* no exhibit */
    assert_true(has_code(&c, "exculpatory"));   /* no exculpatory note */
    assert_true(has_code(&c, "single-source")); /* incident on s1 only */
    assert_true(c.nblocking >= 4);
    /* The victim's real name is protected: never loaded. */
    assert_true(snap.nwithheld >= 1);
    assert_string_equal(snap.incidents[0].victims.v[0], "V-01");
    done(&rs, &snap, &t, &c);
    store_close(st);
}

static void test_check_ready(void **state)
{
    struct store *st = new_case();
    struct regime_set rs;
    struct dossier_snapshot snap;
    struct dossier_target t;
    struct dossier_check c;

    (void)state;
    base_case(st);
    val(st, "p1", "passportNumber", "K0000000", "s1", NULL);
    val(st, "p1", "notes", "Looked for a contrary account: none", NULL,
        "exculpatory");
    ent(st, "Exhibit", "x1");
    val(st, "x1", "title", "still frame (fictional)", NULL, NULL);
    val(st, "x1", "hash",
        "0000000000000000000000000000000000000000000000000000000000000001",
        NULL, NULL);
    val(st, "x1", "incident", "i1", NULL, NULL);
    val(st, "x1", "source", "s1", NULL, NULL);
    val(st, "x1", "verification", "verified", NULL, NULL);
    ent(st, "ScreeningDecision", "sd1");
    val(st, "sd1", "subject", "p1", NULL, NULL);
    val(st, "sd1", "decision", "no-match", NULL, NULL);
    run_check(st, "uk-ghr", &rs, &snap, &t, &c);
    for (size_t i = 0; i < c.nissues; i++)
        if (c.issues[i].severity == DOSSIER_BLOCKING)
            fail_msg("unexpected gap: %s", c.issues[i].text);
    assert_int_equal(c.nblocking, 0);
    assert_int_equal(c.crits[1].exhibits.n, 1);
    done(&rs, &snap, &t, &c);
    /* A category no criterion of the regime covers: no link to conduct. */
    run_check(st, "uk-gac", &rs, &snap, &t, &c);
    assert_true(has_code(&c, "no-criterion"));
    done(&rs, &snap, &t, &c);
    store_close(st);
}

static void test_target_errors(void **state)
{
    struct store *st = new_case();
    struct dossier_snapshot snap;
    struct dossier_target t;
    struct err e = ERR_INIT;

    (void)state;
    base_case(st);
    assert_int_equal(dossier_snapshot_load(st, &snap, &e), ERR_OK);
    assert_int_equal(dossier_target_load(&snap, "nobody", &t, &e),
                     ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "p1"));
    err_clear(&e);
    assert_int_equal(dossier_target_load(&snap, "u1", &t, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "not a Person"));
    dossier_snapshot_release(&snap);
    store_close(st);
}

/* --- document model -----------------------------------------------------*/

static void test_spans(void **state)
{
    const char *s = "a [missing: date] b [unverified] c [FICTIONAL] d";
    size_t len;
    int kinds[16], n = 0;

    (void)state;
    for (const char *p = s; n < 16;) {
        int k = doc_next_span(p, &len);
        if (k < 0)
            break;
        kinds[n++] = k;
        p += len;
    }
    assert_int_equal(n, 7);
    assert_int_equal(kinds[1], DOC_SPAN_MISSING);
    assert_int_equal(kinds[3], DOC_SPAN_UNVERIFIED);
    assert_int_equal(kinds[5], DOC_SPAN_FICTIONAL);
    assert_int_equal(doc_next_span("", &len), -1);
    /* An unterminated marker runs to the end. */
    assert_int_equal(doc_next_span("[missing: x", &len), DOC_SPAN_MISSING);
    assert_int_equal(len, 11);
}

static void test_html(void **state)
{
    struct doc d;
    struct strbuf sb = STRBUF_INIT;
    struct err e = ERR_INIT;
    static const char *const head[] = {"A", "B"};
    static const char *const row[] = {"<script>x</script>", NULL};

    (void)state;
    doc_init(&d, "T & <t>", NULL, "CONFIDENTIAL", NULL);
    doc_heading(&d, 1, "One");
    doc_para(&d, "x [missing: y] z");
    doc_table(&d, 2, head);
    doc_row(&d, row);
    assert_int_equal(doc_render_html(&d, &sb, &e), ERR_OK);
    assert_non_null(strstr(sb.buf, "T &amp; &lt;t&gt;"));
    assert_null(strstr(sb.buf, "<script>"));
    assert_non_null(strstr(sb.buf, "<span class=\"missing\">[missing: y]"));
    assert_non_null(strstr(sb.buf, "href=\"#s1\""));
    assert_non_null(strstr(sb.buf, "CONFIDENTIAL"));
    strbuf_release(&sb);
    doc_release(&d);
}

static void test_formats(void **state)
{
    unsigned f;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(dossier_formats_parse("pdf,html", &f, &e), ERR_OK);
    assert_int_equal(f, DOSSIER_PDF | DOSSIER_HTML);
    assert_int_equal(dossier_formats_parse("docx,rtf", &f, &e), ERR_USAGE);
    assert_non_null(strstr(e.msg, "'rtf'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regime_parse),
        cmocka_unit_test(test_regime_bad),
        cmocka_unit_test(test_regime_set),
        cmocka_unit_test(test_check_gaps),
        cmocka_unit_test(test_check_ready),
        cmocka_unit_test(test_target_errors),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
