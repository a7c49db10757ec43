/*
 * test_screen: the screening engine on real lists (tests/data/lists/, see
 * SOURCES.md there): the Hong Kong officials of OFAC HK-EO13936 found from
 * Chinese characters, HK romanisation, pinyin and English names, and
 * namesakes differing in one given-name syllable not found; qualifiers
 * (identifier decisive, DOB and gender contradictions); the queries
 * reader (TSV, CSV, bad input). Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "screen/list.h"
#include "screen/screen.h"
#include "util/banned.h"

#define SDN_SET "tests/data/lists/ofac/sdn-2021-07"
#define UN_2026 "tests/data/lists/un/consolidated-2026-02-27.xml"

static struct list sdn;
static struct screen_index *sdn_ix;

static int setup(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    list_init(&sdn);
    if (list_load(SDN_SET, &sdn, &e) != ERR_OK) {
        fprintf(stderr, "cannot load %s: %s\n", SDN_SET, e.msg);
        return -1;
    }
    sdn_ix = screen_index_new();
    if (screen_index_add(sdn_ix, &sdn, NULL, &e) != ERR_OK)
        return -1;
    screen_index_build(sdn_ix);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    screen_index_free(sdn_ix);
    list_release(&sdn);
    return 0;
}

/* Best score of entry id among the alerts for one name (0 when absent). */
static double score_of(const char *name, const char *dob, const char *gender,
                       const char *id)
{
    struct screen_query q;
    struct screen_result r = SCREEN_RESULT_INIT;
    struct err e = ERR_INIT;
    double best = 0;

    memset(&q, 0, sizeof(q));
    q.names = &name;
    q.nnames = 1;
    if (dob) {
        q.birth_dates = &dob;
        q.nbirth_dates = 1;
    }
    q.gender = gender;
    assert_int_equal(screen_query(sdn_ix, &q, SCREEN_THRESHOLD, &r, &e),
                     ERR_OK);
    for (size_t i = 0; i < r.nalerts; i++) {
        assert_true(r.alerts[i].score >= SCREEN_THRESHOLD);
        if (i)
            assert_true(r.alerts[i - 1].score >= r.alerts[i].score);
        if (strcmp(r.alerts[i].entry->id, id) == 0 && r.alerts[i].score > best)
            best = r.alerts[i].score;
    }
    screen_result_release(&r);
    return best;
}

static void test_hk_officials_found(void **state)
{
    static const char *const chan[] = {"陳國基", "CHAN Kwok-ki", "Chen Guoji",
                                       "Eric Chan", "CHAN Kwok-ki, Eric"};
    static const char *const lee[] = {"李家超", "LEE Ka-chiu", "Li Jiachao",
                                      "John Lee Ka-chiu", "LEE, John"};

    (void)state;
    for (size_t i = 0; i < sizeof(chan) / sizeof(chan[0]); i++)
        if (score_of(chan[i], NULL, NULL, "29260") < SCREEN_THRESHOLD)
            fail_msg("'%s' does not find OFAC 29260", chan[i]);
    for (size_t i = 0; i < sizeof(lee) / sizeof(lee[0]); i++)
        if (score_of(lee[i], NULL, NULL, "29250") < SCREEN_THRESHOLD)
            fail_msg("'%s' does not find OFAC 29250", lee[i]);
}

static void test_namesakes_not_found(void **state)
{
    (void)state;
    assert_true(score_of("CHAN Kwok-keung", NULL, NULL, "29260") == 0);
    assert_true(score_of("陳國強", NULL, NULL, "29260") == 0);
    assert_true(score_of("李家傑", NULL, NULL, "29250") == 0);
    assert_true(score_of("LEE Ka-kit", NULL, NULL, "29250") == 0);
}

static void test_dob_and_gender(void **state)
{
    double same, far, near;

    (void)state;
    /* 29260: DOB 05 Apr 1959, male */
    same = score_of("CHAN Kwok-ki", "1959", NULL, "29260");
    far = score_of("CHAN Kwok-ki", "1988-01-01", NULL, "29260");
    near = score_of("CHAN Kwok-ki", "1960-01-10", NULL, "29260");
    assert_true(same >= 0.99);
    assert_true(far == 0); /* 1.0 - 0.25 < threshold */
    assert_true(near > 0 && near < same);
    /* a gender contradiction lowers the score (by 0.15), no more */
    assert_true(score_of("CHAN Kwok-ki", "1959-04", "female", "29260") < 0.9);
    assert_true(score_of("CHAN Kwok-ki", "1959-04", "male", "29260") >= 0.99);
}

static void test_identifier_decisive(void **state)
{
    struct screen_query q;
    struct screen_ident id = {"hkid", "g142458(a)"};
    const char *name = "Somebody Else";
    struct screen_result r = SCREEN_RESULT_INIT;
    struct err e = ERR_INIT;
    char norm[32];

    (void)state;
    assert_int_equal(screen_ident_norm("G142458(A)", norm, sizeof(norm)), 8);
    assert_string_equal(norm, "G142458A");
    memset(&q, 0, sizeof(q));
    q.names = &name;
    q.nnames = 1;
    q.idents = &id;
    q.nidents = 1;
    assert_int_equal(screen_query(sdn_ix, &q, SCREEN_THRESHOLD, &r, &e),
                     ERR_OK);
    assert_int_equal(r.nalerts, 1);
    assert_string_equal(r.alerts[0].entry->id, "29260");
    assert_true(r.alerts[0].flags & SCREEN_IDENT_MATCH);
    assert_true(r.alerts[0].score == 1.0);
    screen_result_release(&r);
    /* a passport number does not match a national id of the same digits */
    id.type = "passport";
    assert_int_equal(screen_query(sdn_ix, &q, SCREEN_THRESHOLD, &r, &e),
                     ERR_OK);
    assert_int_equal(r.nalerts, 0);
    screen_result_release(&r);
}

static bool has_entry(const struct screen_result *r, const char *id)
{
    for (size_t i = 0; i < r->nalerts; i++)
        if (strcmp(r->alerts[i].entry->id, id) == 0)
            return true;
    return false;
}

static void test_batch_matches_single(void **state)
{
    static const char *names[] = {"陳國基", "Li Jiachao", "Nobody Atall",
                                  "CHAN Kwok-keung"};
    struct screen_query qs[4];
    struct screen_result res[4];
    struct err e = ERR_INIT;

    (void)state;
    memset(qs, 0, sizeof(qs));
    for (int i = 0; i < 4; i++) {
        qs[i].names = &names[i];
        qs[i].nnames = 1;
        screen_result_init(&res[i]);
    }
    assert_int_equal(screen_batch(sdn_ix, qs, 4, SCREEN_THRESHOLD, 2, res, &e),
                     ERR_OK);
    assert_true(has_entry(&res[0], "29260"));
    assert_true(has_entry(&res[1], "29250"));
    assert_int_equal(res[2].nalerts, 0);
    assert_false(has_entry(&res[3], "29260"));
    for (int i = 0; i < 4; i++)
        screen_result_release(&res[i]);
}

static void test_un_recall_sample(void **state)
{
    struct list un;
    struct screen_index *ix;
    struct err e = ERR_INIT;
    size_t found = 0, tried = 0;

    (void)state;
    list_init(&un);
    assert_int_equal(list_load(UN_2026, &un, &e), ERR_OK);
    ix = screen_index_new();
    assert_int_equal(screen_index_add(ix, &un, NULL, &e), ERR_OK);
    screen_index_build(ix);
    /* every name of every UN person finds its own entry */
    for (size_t i = 0; i < un.nentries; i++) {
        const struct list_entry *en = &un.entries[i];

        if (en->type != LIST_TYPE_PERSON)
            continue;
        for (size_t n = 0; n < en->nnames; n++) {
            struct screen_query q;
            struct screen_result r = SCREEN_RESULT_INIT;
            bool hit = false;

            memset(&q, 0, sizeof(q));
            q.names = &en->names[n].full;
            q.nnames = 1;
            q.person = true;
            assert_int_equal(screen_query(ix, &q, SCREEN_THRESHOLD, &r, &e),
                             ERR_OK);
            for (size_t k = 0; k < r.nalerts; k++)
                hit |= r.alerts[k].entry == en;
            if (!hit)
                fprintf(stderr, "not found: %s '%s'\n", en->id,
                        en->names[n].full);
            /*
             * The pre-filter only removes: every alert with it is also an
             * alert without it (what it drops rests on an initial or a
             * particle alone, e.g. "Mohammed Hijazi" ~ "Raed M. Hijazi").
             */
            if (n == 0) {
                struct screen_result r2 = SCREEN_RESULT_INIT;

                screen_index_set_prefilter(ix, false);
                assert_int_equal(
                    screen_query(ix, &q, SCREEN_THRESHOLD, &r2, &e), ERR_OK);
                screen_index_set_prefilter(ix, true);
                assert_true(r2.nalerts >= r.nalerts);
                for (size_t k = 0; k < r.nalerts; k++) {
                    bool in = false;

                    for (size_t m = 0; m < r2.nalerts; m++)
                        in |= r2.alerts[m].entry == r.alerts[k].entry;
                    assert_true(in);
                }
                screen_result_release(&r2);
            }
            found += hit;
            tried++;
            screen_result_release(&r);
        }
    }
    assert_true(tried > 3000);
    assert_int_equal(found, tried);
    screen_index_free(ix);
    list_release(&un);
}

static void test_queries_reader(void **state)
{
    struct screen_queries qs;
    struct err e = ERR_INIT;
    static const char tsv[] = "id\tquery\tbirth_date\tnationality\n"
                              "1\t陳國基\t1959\tHong Kong\n"
                              "2\tLEE Ka-chiu\t\t\n";
    static const char csv[] = "full_name,gender,date_of_birth,nationality\n"
                              "\"CHAN, Kwok-ki\",male,1959-04-05,hk\n"
                              "Nobody,,,\n";

    (void)state;
    screen_queries_init(&qs);
    assert_int_equal(
        screen_queries_parse(tsv, sizeof(tsv) - 1, "q.tsv", &qs, &e), ERR_OK);
    assert_int_equal(qs.nrows, 2);
    assert_string_equal(qs.rows[0].name, "陳國基");
    assert_string_equal(qs.rows[0].birth_date, "1959");
    assert_string_equal(qs.rows[0].nationality, "Hong Kong");
    assert_null(qs.rows[1].birth_date);
    assert_int_equal(qs.rows[1].row, 2);
    screen_queries_release(&qs);

    screen_queries_init(&qs);
    assert_int_equal(
        screen_queries_parse(csv, sizeof(csv) - 1, "q.csv", &qs, &e), ERR_OK);
    assert_int_equal(qs.nrows, 2);
    assert_string_equal(qs.rows[0].name, "CHAN, Kwok-ki");
    assert_string_equal(qs.rows[0].gender, "male");
    assert_string_equal(qs.rows[0].birth_date, "1959-04-05");
    screen_queries_release(&qs);

    screen_queries_init(&qs);
    assert_int_equal(
        screen_queries_parse("a\tb\nx\ty\n", 8, "bad.tsv", &qs, &e),
        ERR_INVALID);
    assert_non_null(strstr(e.msg, "bad.tsv"));
    screen_queries_release(&qs);
    err_clear(&e);
    screen_queries_init(&qs);
    assert_int_equal(screen_queries_parse("", 0, "empty.tsv", &qs, &e),
                     ERR_INVALID);
    screen_queries_release(&qs);
    err_clear(&e);
    screen_queries_init(&qs);
    assert_int_equal(
        screen_queries_parse("name\n\xff\xfe\n", 8, "enc.tsv", &qs, &e),
        ERR_INVALID);
    assert_non_null(strstr(e.msg, "line 2"));
    screen_queries_release(&qs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hk_officials_found),
        cmocka_unit_test(test_namesakes_not_found),
        cmocka_unit_test(test_dob_and_gender),
        cmocka_unit_test(test_identifier_decisive),
        cmocka_unit_test(test_batch_matches_single),
        cmocka_unit_test(test_un_recall_sample),
        cmocka_unit_test(test_queries_reader),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
