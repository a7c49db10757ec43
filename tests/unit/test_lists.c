/*
 * Unit tests for the list importers, format detection and list diffs
 * (src/screen/, src/formats/), on the real files in tests/data/lists/
 * (see SOURCES.md there) and on fixtures for formats without a real file.
 *
 * Independent counts were made while writing these tests with python3
 * one-offs, not with this code:
 *   OFAC: csv.reader over the file, rows with 12 fields (the trailing
 *     0x1A line has 1); sdn-2024-05-03.csv 14,965 rows (6,854 individual,
 *     6,884 "-0-" entities, 851 vessel, 376 aircraft), 42 with program
 *     HK-EO13936; sdn-2024-04-02.csv 14,560; set difference of ent_num:
 *     417 added, 12 removed (405 net); sdn-2021-07/sdn.csv 8,976;
 *     cons_prim.csv 442.
 *   UN: xml.etree, children of INDIVIDUALS and ENTITIES: 2026-02-27 has
 *     730 + 273 = 1,003, 2024-11-30 has 686 + 193 = 879; REFERENCE_NUMBER
 *     sets: 130 added, 6 removed.
 *   AU: zipfile + xml.etree over sheet1 and sharedStrings: 9,560 data
 *     rows; 3,062 distinct leading-digit References, each with exactly
 *     one all-digit (primary) row.
 *   CA 2020: xml.etree, 1,369 <record>s, (Country, Schedule, Item)
 *     unique; 985 with LastName/GivenName.
 *   UK derived: csv.DictReader over subjects.csv: 6,046 unique_ids
 *     (3,883 individual, 1,531 entity, 632 ship).
 *   OpenSanctions: json per line; zala.ftm.json has 17 Person/Company
 *     entities (6 + 11); replaying delta-t2's four versions in order
 *     (ADD/MOD replace, DEL removes) leaves NK-2T3S8Hu29ktYnKSTgQp2wL
 *     (Organization), NK-2sJaJRaPJcWUfMbHjTtWcL and Q4365364 (Person). (This
 * count caught a bug: the last records after an expanded subtree were being
 * dropped.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "formats/csv.h"
#include "screen/country.h"
#include "screen/importers.h"
#include "screen/list.h"

#define DATA "tests/data/lists/"

static void load_ok(const char *path, struct list *l)
{
    struct err e = ERR_INIT;
    enum err_code rc;

    list_init(l);
    rc = list_load(path, l, &e);
    if (rc)
        fail_msg("loading %s: %s", path, e.msg);
}

static const struct list_ident *find_ident(const struct list_entry *en,
                                           const char *type)
{
    for (size_t i = 0; i < en->nidents; i++)
        if (strcmp(en->idents[i].type, type) == 0)
            return &en->idents[i];
    return NULL;
}

static void test_csv_reader(void **state)
{
    static const char text[] = "\xEF\xBB\xBF"
                               "a,\"b,1\",c\r\n"
                               "\n"
                               "\"multi\nline\",\"say \"\"hi\"\"\",\r\n"
                               "x\n\x1A";
    struct csv_reader *r;
    struct err e = ERR_INIT;
    bool got;

    (void)state;
    assert_int_equal(csv_open_mem(text, sizeof(text) - 1, "t", NULL, &r, &e),
                     ERR_OK);
    assert_int_equal(csv_next(r, &got, &e), ERR_OK);
    assert_true(got);
    assert_int_equal(csv_nfields(r), 3);
    assert_string_equal(csv_field(r, 1), "b,1");
    assert_int_equal(csv_next(r, &got, &e), ERR_OK);
    assert_true(got);
    assert_int_equal(csv_line(r), 3);
    assert_string_equal(csv_field(r, 0), "multi\nline");
    assert_string_equal(csv_field(r, 1), "say \"hi\"");
    assert_string_equal(csv_field(r, 2), "");
    assert_int_equal(csv_next(r, &got, &e), ERR_OK);
    assert_true(got);
    assert_int_equal(csv_line(r), 5);
    assert_string_equal(csv_field(r, 0), "x");
    assert_int_equal(csv_next(r, &got, &e), ERR_OK);
    assert_false(got);
    csv_free(r);

    {
        static const char open_quote[] = "a,\"never closed\n";
        struct csv_limits lim = {4, 100, 10};

        assert_int_equal(
            csv_open_mem(open_quote, strlen(open_quote), "q.csv", NULL, &r, &e),
            ERR_OK);
        assert_int_equal(csv_next(r, &got, &e), ERR_INVALID);
        assert_non_null(strstr(e.msg, "q.csv:1"));
        csv_free(r);
        err_clear(&e);
        assert_int_equal(csv_open_mem("abcdef,1\n", 9, "big.csv", &lim, &r, &e),
                         ERR_OK);
        assert_int_equal(csv_next(r, &got, &e), ERR_TOOBIG);
        csv_free(r);
    }
}

static void test_country(void **state)
{
    (void)state;
    assert_int_equal(list_format_from_name("un-xml"), LIST_FMT_UN_XML);
    assert_int_equal(list_format_from_name("ftm-delta"), LIST_FMT_FTM_DELTA);
    assert_int_equal(list_format_from_name("nope"), LIST_FMT_UNKNOWN);
    assert_string_equal(country_code("Korea, North"), "KP");
    assert_string_equal(country_code("Hong Kong"), "HK");
    assert_string_equal(country_code("Iran (Islamic Republic of)"), "IR");
    assert_string_equal(country_code("cd"), "CD");
    assert_string_equal(country_code("Russian"), "RU");
    assert_string_equal(country_code("North Macedonia, The Republic of"), "MK");
    assert_string_equal(country_code("St. Kitts & Nevis"), "KN");
    assert_null(country_code("Atlantis"));
}

static void test_ofac_sdn_2024(void **state)
{
    struct list l;
    size_t counts[5];
    size_t hk = 0, hk_passport = 0, hk_hkid = 0, hk_dob = 0;
    const struct list_entry *en;
    const struct list_ident *id;

    (void)state;
    load_ok(DATA "ofac/sdn-2024-05-03.csv", &l);
    assert_string_equal(l.format, "ofac-csv");
    assert_string_equal(l.source, "us-ofac-sdn");
    assert_int_equal(l.nentries, 14965);
    list_count_types(&l, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON], 6854);
    assert_int_equal(counts[LIST_TYPE_ENTITY], 6884);
    assert_int_equal(counts[LIST_TYPE_VESSEL], 851);
    assert_int_equal(counts[LIST_TYPE_AIRCRAFT], 376);
    for (size_t i = 0; i < l.nentries; i++) {
        en = &l.entries[i];
        if (!en->program || !strstr(en->program, "HK-EO13936"))
            continue;
        hk++;
        assert_int_equal(en->type, LIST_TYPE_PERSON);
        if (find_ident(en, "passport"))
            hk_passport++;
        if (find_ident(en, "hkid"))
            hk_hkid++;
        if (en->ndobs && en->dobs[0].range.from.prec != DATE_NONE)
            hk_dob++;
    }
    assert_int_equal(hk, 42);
    /* grep over the 42 HK-EO13936 rows: 11 carry "National ID No. ...
     * (Hong Kong)" (an HKID), 9 a "Passport"; all 42 have a DOB. */
    assert_int_equal(hk_hkid, 11);
    assert_int_equal(hk_passport, 9);
    assert_int_equal(hk_dob, 42);

    en = list_find(&l, "29242"); /* TANG, Chris */
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "TANG, Chris");
    assert_int_equal(en->names[0].kind, LIST_NAME_PRIMARY);
    assert_int_equal(en->names[0].script, LIST_SCRIPT_LATIN);
    assert_string_equal(en->gender, "male");
    assert_int_equal(en->ndobs, 1);
    assert_int_equal(en->dobs[0].range.from.year, 1965);
    assert_int_equal(en->dobs[0].range.from.month, 7);
    assert_int_equal(en->dobs[0].range.from.day, 4);
    assert_string_equal(en->pobs[0], "Hong Kong");
    assert_string_equal(en->nationalities[0].iso, "HK");
    id = find_ident(en, "passport");
    assert_non_null(id);
    assert_string_equal(id->number, "KJ0638810");
    assert_string_equal(id->country, "HK");
    assert_string_equal(id->issued, "14 Oct 2017");
    assert_string_equal(id->expires, "14 Oct 2027");
    id = find_ident(en, "hkid");
    assert_non_null(id);
    assert_string_equal(id->number, "D4118015");

    en = list_find(&l, "306"); /* BANCO NACIONAL DE CUBA, a.k.a. 'BNC' */
    assert_non_null(en);
    assert_int_equal(en->type, LIST_TYPE_ENTITY);
    assert_int_equal(en->nnames, 2);
    assert_string_equal(en->names[1].full, "BNC");
    assert_int_equal(en->names[1].kind, LIST_NAME_AKA);
    list_release(&l);
}

static int count_cb(enum list_change what, const struct list_entry *o,
                    const struct list_entry *n, void *ctx)
{
    size_t *c = ctx;

    assert_true(what != LIST_ADDED || (!o && n));
    assert_true(what != LIST_REMOVED || (o && !n));
    c[what]++;
    return 0;
}

static void test_ofac_diff(void **state)
{
    struct list a, b;
    struct list_diff_stats st;
    size_t c[3] = {0, 0, 0};

    (void)state;
    load_ok(DATA "ofac/sdn-2024-04-02.csv", &a);
    load_ok(DATA "ofac/sdn-2024-05-03.csv", &b);
    assert_int_equal(a.nentries, 14560);
    list_diff(&a, &b, count_cb, c, &st);
    assert_int_equal(st.added, 417);
    assert_int_equal(st.removed, 12);
    assert_int_equal(st.added - st.removed, 405);
    assert_int_equal(c[LIST_ADDED], 417);
    assert_int_equal(c[LIST_REMOVED], 12);
    assert_int_equal(c[LIST_CHANGED], st.changed);
    assert_true(st.changed > 0);
    assert_int_equal(st.changed + st.unchanged + st.removed, a.nentries);
    /* A list compared with itself has no differences. */
    list_diff(&b, &b, NULL, NULL, &st);
    assert_int_equal(st.added + st.removed + st.changed, 0);
    list_release(&a);
    list_release(&b);
}

static void test_ofac_sets(void **state)
{
    struct list l;
    const struct list_entry *en;
    struct err e = ERR_INIT;

    (void)state;
    load_ok(DATA "ofac/sdn-2021-07", &l);
    assert_int_equal(l.nentries, 8976);
    en = list_find(&l, "36"); /* AEROCARIBBEAN: alt.csv + add.csv */
    assert_non_null(en);
    assert_string_equal(en->names[1].full, "AERO-CARIBBEAN");
    assert_int_equal(en->naddresses, 1);
    assert_string_equal(en->addresses[0].text, "Havana");
    assert_string_equal(en->addresses[0].country, "CU");
    list_release(&l);

    load_ok(DATA "ofac/consolidated-2025-12", &l);
    assert_string_equal(l.source, "us-ofac-cons");
    assert_int_equal(l.nentries, 442);
    en = list_find(&l, "9639");
    assert_non_null(en);
    assert_string_equal(en->program, "NS-PLC");
    assert_true(en->nnames >= 3);
    list_release(&l);

    /* The re-saved variant holds ent_num 2677 twice (line 9044). */
    list_init(&l);
    assert_int_equal(list_load(DATA "ofac/sdn-2022-01-resaved", &l, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "sdn.csv:9044"));
    assert_non_null(strstr(e.msg, "duplicate entry id '2677'"));
    list_release(&l);
}

static void test_ofac_remarks(void **state)
{
    struct list l;
    struct list_entry *en;
    struct err e = ERR_INIT;

    (void)state;
    list_init(&l);
    assert_int_equal(list_add_entry(&l, "1", &en, &e), ERR_OK);
    list_add_name(&l, en, "DOE, John", LIST_NAME_PRIMARY);
    list_parse_ofac_remarks(
        &l, en,
        "DOB circa 1952; alt. DOB 1952 to 1955; alt. DOB Dec 1952; POB "
        "Kabul, Afghanistan; nationality Iran; citizen Korea, North; "
        "Gender Female; a.k.a. 'DOE, Jon'; f.k.a. 'ROE, Jane'; Passport "
        "X123 (Iran) issued 01 Jan 2001; Identification Number 99 (China); "
        "Tax ID No. 7707 (Russia); Website www.example.com.");
    assert_int_equal(en->ndobs, 3);
    assert_true(en->dobs[0].range.approx);
    assert_int_equal(en->dobs[1].range.to.year, 1955);
    assert_int_equal(en->dobs[2].range.from.prec, DATE_MONTH);
    assert_string_equal(en->pobs[0], "Kabul, Afghanistan");
    assert_string_equal(en->nationalities[0].iso, "IR");
    assert_string_equal(en->citizenships[0].iso, "KP");
    assert_string_equal(en->gender, "female");
    assert_int_equal(en->nnames, 3);
    assert_int_equal(en->names[2].kind, LIST_NAME_FKA);
    assert_int_equal(en->nidents, 3);
    assert_string_equal(en->idents[0].number, "X123");
    assert_string_equal(en->idents[0].issued, "01 Jan 2001");
    assert_string_equal(en->idents[1].type, "id number");
    assert_string_equal(en->idents[2].type, "tax id");
    list_release(&l);
}

static void test_un(void **state)
{
    struct list a, b;
    struct list_diff_stats st;
    size_t counts[5];
    const struct list_entry *en;

    (void)state;
    load_ok(DATA "un/consolidated-2024-11-30.xml", &a);
    load_ok(DATA "un/consolidated-2026-02-27.xml", &b);
    assert_string_equal(b.format, "un-xml");
    assert_string_equal(b.published, "2026-02-27");
    assert_int_equal(a.nentries, 879);
    assert_int_equal(b.nentries, 1003);
    list_count_types(&b, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON], 730);
    assert_int_equal(counts[LIST_TYPE_ENTITY], 273);
    en = list_find(&b, "CDi.001");
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "ERIC BADEGE");
    assert_string_equal(en->program, "DRC");
    assert_string_equal(en->listed, "2012-12-31");
    assert_string_equal(en->gender, "male");
    assert_int_equal(en->ndobs, 1);
    assert_int_equal(en->dobs[0].range.from.year, 1971);
    list_diff(&a, &b, NULL, NULL, &st);
    assert_int_equal(st.added, 130);
    assert_int_equal(st.removed, 6);
    list_release(&a);
    list_release(&b);
}

static void test_au(void **state)
{
    struct list l;
    size_t counts[5];
    const struct list_entry *en;

    (void)state;
    load_ok(DATA "au/regulation8_consolidated-2024-11.xlsx", &l);
    assert_string_equal(l.format, "au-xlsx");
    assert_string_equal(l.source, "au-dfat");
    assert_int_equal(l.nentries, 3062);
    list_count_types(&l, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON] + counts[LIST_TYPE_ENTITY], 3062);
    en = list_find(&l, "2"); /* rows "2" and "2a" (original script) */
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "MOHAMMAD HASSAN AKHUND");
    assert_int_equal(en->names[0].kind, LIST_NAME_PRIMARY);
    assert_int_equal(en->nnames, 2);
    assert_int_equal(en->names[1].script, LIST_SCRIPT_ARABIC);
    assert_int_equal(en->type, LIST_TYPE_PERSON);
    assert_int_equal(en->ndobs, 2); /* a) Approximately 1955- 1958 b) ... */
    assert_true(en->dobs[0].range.approx);
    assert_int_equal(en->dobs[0].range.from.year, 1955);
    assert_int_equal(en->dobs[0].range.to.year, 1958);
    en = list_find(&l, "3");
    assert_non_null(en);
    assert_int_equal(en->nnames, 3); /* 3, 3a aka, 3b original script */
    list_release(&l);
}

static void test_ca(void **state)
{
    struct list l;
    size_t counts[5];
    const struct list_entry *en;

    (void)state;
    load_ok(DATA "ca/sema-lmes-2020-04.xml", &l);
    assert_string_equal(l.format, "ca-xml");
    assert_int_equal(l.nentries, 1369);
    list_count_types(&l, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON], 985);
    en = list_find(&l, "Burma/1/1");
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "Air Bagan");
    /* "Air Bagan Holdings Pte. Ltd., Air Bagan Limited": two aliases. */
    assert_int_equal(en->nnames, 3);
    assert_string_equal(en->names[1].full, "Air Bagan Holdings Pte. Ltd.");
    en = list_find(&l, "Zimbabwe/N/A/181"); /* the last record */
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "Beauty Lily Zhuwao");
    assert_int_equal(en->dobs[0].range.from.year, 1965);
    list_release(&l);
}

static void test_uk_derived(void **state)
{
    struct list l;
    size_t counts[5];
    const struct list_entry *en;

    (void)state;
    load_ok(DATA "uk/derived-2026-04", &l);
    assert_string_equal(l.format, "uk-derived");
    assert_string_equal(l.jurisdiction, "uk");
    assert_int_equal(l.nentries, 6046);
    list_count_types(&l, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON], 3883);
    assert_int_equal(counts[LIST_TYPE_ENTITY], 1531);
    assert_int_equal(counts[LIST_TYPE_VESSEL], 632);
    en = list_find(&l, "AFG0001");
    assert_non_null(en);
    assert_string_equal(en->names[0].full,
                        "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE");
    assert_string_equal(en->listed, "2012-06-29");
    assert_string_equal(en->program, "Afghanistan");
    list_release(&l);
}

static void test_ftm(void **state)
{
    struct list l;
    size_t counts[5];

    (void)state;
    load_ok(DATA "opensanctions/zala.ftm.json", &l);
    assert_string_equal(l.format, "ftm-json");
    assert_int_equal(l.nentries, 17);
    list_count_types(&l, counts);
    assert_int_equal(counts[LIST_TYPE_PERSON], 6);
    assert_int_equal(counts[LIST_TYPE_ENTITY], 11);
    list_release(&l);

    load_ok(DATA "opensanctions/delta-t2", &l);
    assert_string_equal(l.format, "ftm-delta");
    assert_int_equal(l.nentries, 3);
    assert_non_null(list_find(&l, "NK-2T3S8Hu29ktYnKSTgQp2wL"));
    assert_non_null(list_find(&l, "NK-2sJaJRaPJcWUfMbHjTtWcL"));
    assert_non_null(list_find(&l, "Q4365364"));
    assert_null(list_find(&l, "NK-500Poltergeist"));
    assert_string_equal(l.published, "20240528134729-3iv");
    list_release(&l);
}

/*
 * Formats with no real file here: fixtures written by hand to the
 * published schemas (see the comment at the top of each fixture and
 * tests/data/lists/SOURCES.md). They check that the importers read the
 * documented structure; they cannot prove agreement with a real file.
 */
static void test_fixtures(void **state)
{
    struct list l;
    const struct list_entry *en;
    const struct list_ident *id;

    (void)state;
    load_ok(DATA "fixtures/ofac-advanced.xml", &l);
    assert_string_equal(l.format, "ofac-xml");
    assert_string_equal(l.published, "2024-05-03");
    assert_int_equal(l.nentries, 3);
    en = list_find(&l, "29242");
    assert_non_null(en);
    assert_int_equal(en->type, LIST_TYPE_PERSON);
    assert_int_equal(en->names[0].kind, LIST_NAME_PRIMARY);
    /* Written as sdn.csv prints it: "LAST, First" from the part types. */
    assert_string_equal(en->names[0].full, "TANG, Chris");
    assert_string_equal(en->names[1].full, "TANG, Ping-keung");
    assert_string_equal(en->program, "HK-EO13936");
    assert_string_equal(en->listed, "2020-08-07");
    assert_string_equal(en->gender, "male");
    assert_string_equal(en->dobs[0].text, "1965-07-04");
    assert_string_equal(en->nationalities[0].iso, "HK");
    id = find_ident(en, "passport");
    assert_non_null(id);
    assert_string_equal(id->number, "KJ0638810");
    assert_string_equal(id->issued, "2017-10-14");
    assert_non_null(find_ident(en, "national id"));
    en = list_find(&l, "306");
    assert_int_equal(en->names[1].kind, LIST_NAME_WEAK);
    assert_string_equal(en->addresses[0].country, "CU");
    assert_int_equal(list_find(&l, "99999")->type, LIST_TYPE_VESSEL);
    list_release(&l);

    load_ok(DATA "fixtures/eu-fsf.xml", &l);
    assert_string_equal(l.format, "eu-xml");
    assert_int_equal(l.nentries, 3);
    en = list_find(&l, "900001");
    assert_non_null(en);
    assert_string_equal(en->names[0].full, "Chris TANG");
    assert_int_equal(en->names[2].script, LIST_SCRIPT_HAN);
    assert_int_equal(en->names[3].kind, LIST_NAME_WEAK);
    assert_string_equal(en->program, "CHN");
    assert_string_equal(en->citizenships[0].iso, "HK");
    assert_string_equal(find_ident(en, "passport")->expires, "2027-10-14");
    en = list_find(&l, "900003");
    assert_true(en->dobs[0].range.approx);
    assert_int_equal(en->names[1].script, LIST_SCRIPT_CYRILLIC);
    assert_int_equal(list_find(&l, "900002")->type, LIST_TYPE_ENTITY);
    list_release(&l);

    for (int k = 0; k < 2; k++) {
        load_ok(k ? DATA "fixtures/uk-sanctions-list.csv"
                  : DATA "fixtures/uk-sanctions-list.xml",
                &l);
        assert_string_equal(l.format, k ? "uk-csv" : "uk-xml");
        assert_int_equal(l.nentries, 3);
        en = list_find(&l, "RUS9001");
        assert_non_null(en);
        assert_string_equal(en->names[0].full, "Ivan Ivanovich IVANOV");
        assert_int_equal(en->nnames, 4);
        assert_int_equal(en->ndobs, 2);
        assert_int_equal(en->dobs[1].range.from.prec, DATE_YEAR);
        assert_string_equal(en->listed, "2022-03-15");
        assert_string_equal(find_ident(en, "passport")->number, "753123456");
        assert_int_equal(list_find(&l, "RUS9002")->type, LIST_TYPE_VESSEL);
        assert_string_equal(list_find(&l, "GHR9003")->program,
                            "Global Human Rights");
        list_release(&l);
    }

    load_ok(DATA "fixtures/ca-sema-current.xml", &l);
    assert_int_equal(l.nentries, 3);
    en = list_find(&l, "Russia/1, Part 1/1501");
    assert_non_null(en);
    assert_int_equal(en->nnames, 3);
    assert_string_equal(en->listed, "2022-02-24");
    assert_int_equal(list_find(&l, "Russia/1, Part 2/12")->type,
                     LIST_TYPE_VESSEL);
    list_release(&l);
}

static void expect_fail(const char *path, enum err_code code,
                        const char *needle)
{
    struct list l;
    struct err e = ERR_INIT;

    list_init(&l);
    assert_int_equal(list_load(path, &l, &e), code);
    if (!strstr(e.msg, needle))
        fail_msg("'%s' not in error '%s'", needle, e.msg);
    list_release(&l);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_fail(DATA "fixtures/empty.csv", ERR_INVALID, "is empty");
    expect_fail(DATA "fixtures/ofac-dup.csv", ERR_CONFLICT,
                "ofac-dup.csv:2: duplicate entry id '36'");
    expect_fail(DATA "fixtures/un-truncated.xml", ERR_INVALID,
                "un-truncated.xml:");
    expect_fail(DATA "fixtures/un-latin1.xml", ERR_INVALID, "un-latin1.xml:4");
    expect_fail(DATA "fixtures/ofac-latin1.csv", ERR_INVALID,
                "ofac-latin1.csv:1: invalid UTF-8 (byte 0xC9) in field 2");
    expect_fail(DATA "fixtures/un-xxe.xml", ERR_INVALID,
                "document type declarations are not allowed");
    expect_fail(DATA "SOURCES.md", ERR_INVALID, "is not a sanctions list");
    expect_fail(DATA "no-such-file", ERR_IO, "no-such-file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_ofac_sdn_2024),
        cmocka_unit_test(test_ofac_diff),
        cmocka_unit_test(test_ofac_sets),
        cmocka_unit_test(test_ofac_remarks),
        cmocka_unit_test(test_un),
        cmocka_unit_test(test_au),
        cmocka_unit_test(test_ca),
        cmocka_unit_test(test_uk_derived),
        cmocka_unit_test(test_ftm),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests_name("lists", tests, NULL, NULL);
}
