/*
 * Unit tests for case/: the schemata table (FtM properties present,
 * inheritance, protection), every validation rule with real-looking
 * values, HKID check digits, the entity loader with sources and reverse
 * links, captions, and holders_on / chain_on on a small FICTIONAL command
 * chain with dates. Databases live in a temporary folder.
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
#include "case/schema.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "unit_tmp.h"

static int dbno;

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

static void add_entity(struct store *st, const char *schema, const char *id)
{
    struct err e = ERR_INIT;

    if (case_entity_add(st, schema, id, NULL, NULL, &e) != ERR_OK)
        fail_msg("add %s %s: %s", schema, id, e.msg);
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

/* Adds and returns the stored (normalised) value in buf. */
struct one {
    char value[512];
};

static int one_cb(const struct store_stmt *s, void *ctx)
{
    struct one *o = ctx;

    snprintf(o->value, sizeof(o->value), "%s", s->value);
    return 0;
}

static enum err_code try_prop(struct store *st, const char *id,
                              const char *prop, const char *value,
                              unsigned flags, char *stored, struct err *e)
{
    struct case_stmt_opts opts = {0};
    struct one o = {{0}};
    int64_t sid = 0;
    enum err_code rc;

    opts.flags = flags;
    rc = case_prop_add(st, id, prop, value, &opts, &sid, e);
    if (rc == ERR_OK) {
        struct err ge = ERR_INIT;

        assert_int_equal(store_stmt_get(st, sid, one_cb, &o, &ge), ERR_OK);
        snprintf(stored, 512, "%s", o.value);
    }
    return rc;
}

#define CHECK_STORED(st, id, prop, in, want)                                   \
    do {                                                                       \
        struct err e_ = ERR_INIT;                                              \
        char got_[512] = {0};                                                  \
        if (try_prop((st), (id), (prop), (in), 0, got_, &e_) != ERR_OK)        \
            fail_msg("%s=%s: %s", (prop), (in), e_.msg);                       \
        assert_string_equal(got_, (want));                                     \
    } while (0)

#define CHECK_REFUSED(st, id, prop, in, code, needle)                          \
    do {                                                                       \
        struct err e_ = ERR_INIT;                                              \
        char got_[512] = {0};                                                  \
        assert_int_equal(try_prop((st), (id), (prop), (in), 0, got_, &e_),     \
                         (code));                                              \
        if (!strstr(e_.msg, (needle)))                                         \
            fail_msg("message '%s' lacks '%s'", e_.msg, (needle));             \
    } while (0)

/* --- schema table --------------------------------------------------------*/

/* Every (schema, property) found in the FtM test and demo files. */
static const char *const ftm_props[][2] = {
    {"Address", "city"},
    {"Address", "country"},
    {"Address", "full"},
    {"Address", "postOfficeBox"},
    {"Address", "postalCode"},
    {"Address", "region"},
    {"Address", "street"},
    {"Company", "abbreviation"},
    {"Company", "address"},
    {"Company", "addressEntity"},
    {"Company", "alias"},
    {"Company", "country"},
    {"Company", "createdAt"},
    {"Company", "dissolutionDate"},
    {"Company", "email"},
    {"Company", "incorporationDate"},
    {"Company", "innCode"},
    {"Company", "jurisdiction"},
    {"Company", "kppCode"},
    {"Company", "legalForm"},
    {"Company", "modifiedAt"},
    {"Company", "name"},
    {"Company", "notes"},
    {"Company", "ogrnCode"},
    {"Company", "permId"},
    {"Company", "phone"},
    {"Company", "programId"},
    {"Company", "registrationNumber"},
    {"Company", "sourceUrl"},
    {"Company", "status"},
    {"Company", "summary"},
    {"Company", "taxNumber"},
    {"Company", "topics"},
    {"Company", "uniqueEntityId"},
    {"Company", "weakAlias"},
    {"Company", "website"},
    {"Directorship", "director"},
    {"Directorship", "organization"},
    {"Directorship", "role"},
    {"Directorship", "startDate"},
    {"Directorship", "summary"},
    {"Family", "person"},
    {"Family", "relationship"},
    {"Family", "relative"},
    {"Organization", "addressEntity"},
    {"Organization", "alias"},
    {"Organization", "country"},
    {"Organization", "createdAt"},
    {"Organization", "description"},
    {"Organization", "modifiedAt"},
    {"Organization", "name"},
    {"Organization", "notes"},
    {"Organization", "registrationNumber"},
    {"Organization", "sourceUrl"},
    {"Organization", "topics"},
    {"Organization", "weakAlias"},
    {"Ownership", "asset"},
    {"Ownership", "endDate"},
    {"Ownership", "owner"},
    {"Ownership", "percentage"},
    {"Ownership", "role"},
    {"Ownership", "sharesCount"},
    {"Ownership", "startDate"},
    {"Passport", "holder"},
    {"Payment", "amountEur"},
    {"Payment", "beneficiary"},
    {"Payment", "date"},
    {"Payment", "namesMentioned"},
    {"Payment", "payer"},
    {"Person", "address"},
    {"Person", "addressEntity"},
    {"Person", "alias"},
    {"Person", "birthCountry"},
    {"Person", "birthDate"},
    {"Person", "birthPlace"},
    {"Person", "citizenship"},
    {"Person", "country"},
    {"Person", "createdAt"},
    {"Person", "description"},
    {"Person", "fatherName"},
    {"Person", "firstName"},
    {"Person", "gender"},
    {"Person", "idNumber"},
    {"Person", "innCode"},
    {"Person", "lastName"},
    {"Person", "middleName"},
    {"Person", "modifiedAt"},
    {"Person", "name"},
    {"Person", "nationality"},
    {"Person", "notes"},
    {"Person", "passportNumber"},
    {"Person", "position"},
    {"Person", "previousName"},
    {"Person", "programId"},
    {"Person", "secondName"},
    {"Person", "sourceUrl"},
    {"Person", "taxNumber"},
    {"Person", "title"},
    {"Person", "topics"},
    {"Person", "uniqueEntityId"},
    {"Person", "weakAlias"},
    {"Sanction", "authority"},
    {"Sanction", "authorityId"},
    {"Sanction", "country"},
    {"Sanction", "duration"},
    {"Sanction", "endDate"},
    {"Sanction", "entity"},
    {"Sanction", "listingDate"},
    {"Sanction", "modifiedAt"},
    {"Sanction", "program"},
    {"Sanction", "programId"},
    {"Sanction", "programUrl"},
    {"Sanction", "provisions"},
    {"Sanction", "reason"},
    {"Sanction", "recordId"},
    {"Sanction", "sourceUrl"},
    {"Sanction", "startDate"},
    {"Sanction", "status"},
    {"Sanction", "summary"},
    {"Source", "name"},
    {"Source", "publisher"},
    {"Source", "reliability"},
    {"Source", "sourceUrl"},
};

static void test_ftm_props_exist(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(ftm_props) / sizeof(ftm_props[0]); i++) {
        const struct schema *s = schema_find(ftm_props[i][0]);

        if (!s)
            fail_msg("no schema for FtM '%s'", ftm_props[i][0]);
        if (!schema_prop_find(s, ftm_props[i][1], NULL))
            fail_msg("schema %s lacks FtM property '%s'", s->name,
                     ftm_props[i][1]);
    }
}

static void test_schema_table(void **state)
{
    const struct schema *s;
    const struct schema *owner = NULL;

    (void)state;
    s = schema_find("Sanction");
    assert_non_null(s);
    assert_string_equal(s->name, "Designation");
    assert_string_equal(s->ftm, "Sanction");
    assert_true(schema_is_a(schema_find("Company"), "LegalEntity"));
    assert_true(schema_is_a(schema_find("Company"), "Organization"));
    assert_true(schema_is_a(schema_find("Person"), "Thing"));
    assert_false(schema_is_a(schema_find("Person"), "Organization"));
    assert_false(schema_is_a(schema_find("Occupancy"), "Thing"));
    assert_non_null(schema_prop_find(schema_find("Company"), "name", &owner));
    assert_string_equal(owner->name, "Thing");
    assert_null(schema_prop_find(schema_find("Person"), "nope", NULL));
    assert_null(schema_find("Persn"));
    /* Names unique; every schema's props resolvable; parents exist. */
    for (size_t i = 0; i < schema_count(); i++) {
        const struct schema *a = schema_at(i);
        size_t n = schema_prop_count(a);

        assert_true(a->parent == NULL || schema_parent(a) != NULL);
        for (size_t j = i + 1; j < schema_count(); j++)
            assert_string_not_equal(a->name, schema_at(j)->name);
        for (size_t j = 0; j < n; j++) {
            const struct schema_prop *p = schema_prop_at(a, j);

            assert_non_null(p);
            if (p->type == SCHEMA_ENTITY)
                assert_non_null(schema_find(p->range));
            if (p->type == SCHEMA_ENUM)
                assert_non_null(p->range);
        }
        assert_null(schema_prop_at(a, n));
    }
}

static void test_protected(void **state)
{
    (void)state;
    assert_true(schema_value_is_protected("Victim", "realName"));
    assert_true(schema_value_is_protected("Victim", "name"));
    assert_true(schema_value_is_protected("Victim", "hkid"));
    assert_false(schema_value_is_protected("Victim", "pseudonym"));
    assert_false(schema_value_is_protected("Victim", "incident"));
    assert_true(schema_value_is_protected("Source", "informantName"));
    assert_true(schema_value_is_protected("Source", "informant"));
    assert_false(schema_value_is_protected("Source", "publisher"));
    assert_false(schema_value_is_protected("Person", "name"));
    assert_true(schema_value_is_protected("Person", "nope"));
    assert_true(schema_value_is_protected("Nope", "name"));
    assert_true(case_value_is_protected("Victim", "contact"));
}

static void test_countries(void **state)
{
    (void)state;
    assert_string_equal(schema_country_code("HK"), "hk");
    assert_string_equal(schema_country_code("hkg"), "hk");
    assert_string_equal(schema_country_code("Hong Kong"), "hk");
    assert_string_equal(schema_country_code("united kingdom"), "gb");
    assert_string_equal(schema_country_code("UK"), "gb");
    assert_string_equal(schema_country_code("CHN"), "cn");
    assert_string_equal(schema_country_code("eu"), "eu");
    assert_string_equal(schema_country_code("xk"), "xk");
    assert_string_equal(schema_country_code(" de "), "de");
    assert_null(schema_country_code("xx"));
    assert_null(schema_country_code("Atlantis"));
    assert_null(schema_country_code(""));
    assert_string_equal(schema_country_name("hk"), "Hong Kong");
}

static void test_hkid(void **state)
{
    struct err e = ERR_INIT;
    char out[CASE_HKID_MAX];

    (void)state;
    assert_int_equal(case_hkid_normalize("A123456(3)", out, &e), ERR_OK);
    assert_string_equal(out, "A123456(3)");
    assert_int_equal(case_hkid_normalize("a1234563", out, &e), ERR_OK);
    assert_string_equal(out, "A123456(3)");
    /* From the OFAC HK-EO13936 entries (check digit in the last place). */
    assert_int_equal(case_hkid_normalize("G142458A", out, &e), ERR_OK);
    assert_string_equal(out, "G142458(A)");
    assert_int_equal(case_hkid_normalize("D4118015", out, &e), ERR_OK);
    assert_string_equal(out, "D411801(5)");
    assert_int_equal(case_hkid_normalize("XA123456(8)", out, &e), ERR_OK);
    assert_string_equal(out, "XA123456(8)");
    assert_int_equal(case_hkid_normalize("AB 987654 (3)", out, &e), ERR_OK);
    assert_string_equal(out, "AB987654(3)");
    assert_int_equal(case_hkid_normalize("Z683365(A)", out, &e), ERR_OK);

    assert_int_equal(case_hkid_normalize("A123456(4)", out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "expected 3"));
    err_clear(&e);
    assert_int_equal(case_hkid_normalize("123456(7)", out, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_hkid_normalize("A12345(6)", out, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_hkid_normalize("ABC123456(7)", out, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_hkid_normalize("A123456(B)", out, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_hkid_normalize("", out, &e), ERR_INVALID);
}

/* --- writes and validation ------------------------------------------------*/

static void test_entity_add(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    char id[ID_MAX_LEN + 1];

    (void)state;
    assert_int_equal(case_entity_add(st, "Persn", NULL, NULL, id, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "'Persn'"));
    assert_non_null(strstr(e.msg, "did you mean 'Person'?"));
    assert_non_null(strstr(e.msg, "Person"));
    assert_non_null(strstr(e.msg, "CommandLink"));
    err_clear(&e);
    assert_int_equal(case_entity_add(st, "Thing", NULL, NULL, id, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_entity_add(st, "Person", "bad id!", NULL, id, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_entity_add(st, "Person", NULL, NULL, id, &e), ERR_OK);
    assert_int_equal(strlen(id), ID_RANDOM_LEN);
    assert_int_equal(case_entity_add(st, "Person", "ofac-29242", NULL, id, &e),
                     ERR_OK);
    assert_string_equal(id, "ofac-29242");
    assert_int_equal(case_entity_add(st, "Person", "ofac-29242", NULL, id, &e),
                     ERR_CONFLICT);
    err_clear(&e);
    /* FtM name: stored under ours. */
    assert_int_equal(case_entity_add(st, "Sanction", "s1", NULL, NULL, &e),
                     ERR_OK);
    {
        int64_t n = 0;

        assert_int_equal(store_entity_count(st, "Designation", &n, &e), ERR_OK);
        assert_int_equal(n, 1);
    }
    store_close(st);
}

static void test_values(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    char got[512];

    (void)state;
    add_entity(st, "Person", "p1");
    add_entity(st, "Organization", "o1");
    add_entity(st, "Position", "post1");

    /* Unknown property: named, with the allowed ones listed. */
    CHECK_REFUSED(st, "p1", "birthdate", "1952", ERR_INVALID, "'birthdate'");
    CHECK_REFUSED(st, "p1", "birthdate", "1952", ERR_INVALID,
                  "did you mean 'birthDate'?");
    CHECK_REFUSED(st, "p1", "favouriteColour", "blue", ERR_INVALID,
                  "(use one of: title, firstName");
    CHECK_REFUSED(st, "nobody", "name", "X", ERR_NOTFOUND, "nobody");

    /* Names: trimmed, whitespace runs collapsed. */
    CHECK_STORED(st, "p1", "name", "  CHAN   Tai-man ", "CHAN Tai-man");
    CHECK_STORED(st, "p1", "alias", "陳大文", "陳大文");
    CHECK_REFUSED(st, "p1", "alias", "   ", ERR_INVALID, "empty");
    CHECK_REFUSED(st, "p1", "alias", "bad\001ctrl", ERR_INVALID, "UTF-8");
    CHECK_REFUSED(st, "p1", "alias", "\xff\xfe", ERR_INVALID, "UTF-8");
    /* Text keeps its inner layout. */
    CHECK_STORED(st, "p1", "notes", "line one\n  line two ",
                 "line one\n  line two");

    /* Dates with precision. */
    CHECK_STORED(st, "p1", "birthDate", "Dec 1952", "1952-12");
    CHECK_STORED(st, "p1", "birthDate", "04 Jul 1965", "1965-07-04");
    CHECK_STORED(st, "p1", "birthDate", "1952-12-01 to 1952-12-31",
                 "1952-12-01 to 1952-12-31");
    CHECK_STORED(st, "p1", "birthDate", "circa 1960", "circa 1960");
    CHECK_STORED(st, "p1", "createdAt", "2024-05-27T19:47:02",
                 "2024-05-27T19:47:02");
    CHECK_REFUSED(st, "p1", "birthDate", "1952-02-30", ERR_INVALID,
                  "1952-02-30");
    CHECK_REFUSED(st, "p1", "birthDate", "sometime in 1952", ERR_INVALID,
                  "birthDate");
    CHECK_REFUSED(st, "p1", "createdAt", "2024-05-27T25:00", ERR_INVALID,
                  "createdAt");

    /* Countries. */
    CHECK_STORED(st, "p1", "nationality", "HKG", "hk");
    CHECK_STORED(st, "p1", "nationality", "China", "cn");
    CHECK_STORED(st, "p1", "birthCountry", "GB", "gb");
    CHECK_REFUSED(st, "p1", "nationality", "Hongkongland", ERR_INVALID,
                  "unknown country 'Hongkongland'");

    /* HKID. */
    CHECK_STORED(st, "p1", "hkid", "a123456(3)", "A123456(3)");
    CHECK_REFUSED(st, "p1", "hkid", "A123456(7)", ERR_INVALID, "check digit");

    /* Enums, booleans, numbers, URLs, e-mail, phones, coordinates. */
    CHECK_STORED(st, "p1", "gender", "Male", "male");
    CHECK_REFUSED(st, "p1", "gender", "m", ERR_INVALID, "male|female|other");
    CHECK_STORED(st, "post1", "isCommand", "yes", "true");
    CHECK_REFUSED(st, "post1", "rank", "", ERR_INVALID, "empty");
    CHECK_STORED(st, "p1", "sourceUrl", "https://www.gov.hk/x?a=1",
                 "https://www.gov.hk/x?a=1");
    CHECK_REFUSED(st, "p1", "sourceUrl", "www.gov.hk", ERR_INVALID, "URL");
    CHECK_REFUSED(st, "p1", "sourceUrl", "https://a b", ERR_INVALID, "URL");
    CHECK_STORED(st, "o1", "email", "info@example.org", "info@example.org");
    CHECK_REFUSED(st, "o1", "email", "info@", ERR_INVALID, "e-mail");
    CHECK_STORED(st, "o1", "phone", "+852 2860 2860", "+852 2860 2860");
    CHECK_REFUSED(st, "o1", "phone", "n/a", ERR_INVALID, "phone");
    add_entity(st, "Incident", "inc1");
    CHECK_STORED(st, "inc1", "latitude", "22.3193", "22.3193");
    CHECK_REFUSED(st, "inc1", "longitude", "181", ERR_INVALID, "longitude");
    add_entity(st, "Ownership", "own1");
    CHECK_STORED(st, "own1", "percentage", "49.5", "49.5");
    CHECK_REFUSED(st, "own1", "percentage", "half", ERR_INVALID, "number");

    /* Lenient imports keep what strict mode refuses, verbatim. */
    assert_int_equal(try_prop(st, "p1", "birthDate", "sometime in 1952",
                              CASE_LENIENT, got, &e),
                     ERR_OK);
    assert_string_equal(got, "sometime in 1952");
    assert_int_equal(
        try_prop(st, "p1", "country", "Atlantis", CASE_LENIENT, got, &e),
        ERR_OK);
    assert_string_equal(got, "Atlantis");
    /* Text is kept byte for byte (FtM round trip). */
    assert_int_equal(try_prop(st, "p1", "birthPlace",
                              "Tirin Kot City, Uruzgan Province\nAfghanistan",
                              CASE_LENIENT, got, &e),
                     ERR_OK);
    assert_string_equal(got, "Tirin Kot City, Uruzgan Province\nAfghanistan");
    assert_int_equal(
        try_prop(st, "p1", "firstName", "Молла ", CASE_LENIENT, got, &e),
        ERR_OK);
    assert_string_equal(got, "Молла ");
    /* ... but not unknown properties or empty values. */
    assert_int_equal(try_prop(st, "p1", "nope", "x", CASE_LENIENT, got, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(try_prop(st, "p1", "name", " ", CASE_LENIENT, got, &e),
                     ERR_INVALID);
    err_clear(&e);
    store_close(st);
}

static void test_references(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    char got[512];
    int64_t sid = 0;

    (void)state;
    add_entity(st, "Person", "p1");
    add_entity(st, "Organization", "o1");
    add_entity(st, "Company", "c1");
    add_entity(st, "Position", "post1");
    add_entity(st, "Occupancy", "occ1");
    add_entity(st, "Directorship", "dir1");
    add_entity(st, "Source", "src1");
    add_entity(st, "Exhibit", "ex1");

    /* Range checks through the parent chain. */
    CHECK_STORED(st, "occ1", "post", "post1", "post1");
    CHECK_REFUSED(st, "occ1", "holder", "o1", ERR_INVALID, "must be a Person");
    CHECK_REFUSED(st, "occ1", "holder", "ghost", ERR_NOTFOUND, "'ghost'");
    CHECK_STORED(st, "dir1", "director", "c1", "c1");     /* a LegalEntity */
    CHECK_STORED(st, "dir1", "organization", "c1", "c1"); /* Company is one */
    CHECK_REFUSED(st, "dir1", "director", "post1", ERR_INVALID, "LegalEntity");

    /* Single-valued: one live value; retract, then replace. */
    sid = add_prop(st, "occ1", "holder", "p1");
    add_entity(st, "Person", "p2");
    CHECK_REFUSED(st, "occ1", "holder", "p2", ERR_CONFLICT, "retract");
    assert_int_equal(case_prop_retract(st, sid, "wrong officer", NULL, &e),
                     ERR_OK);
    add_prop(st, "occ1", "holder", "p2");
    assert_int_equal(case_prop_retract(st, sid, "again", NULL, &e),
                     ERR_CONFLICT);
    err_clear(&e);

    /* Lenient keeps a dangling reference (FtM data refers outside). */
    assert_int_equal(try_prop(st, "dir1", "organization", "NK-missing",
                              CASE_LENIENT, got, &e),
                     ERR_OK);

    /* Sources must be a Source or an Exhibit. */
    {
        struct case_stmt_opts o = {0};

        o.source_id = "src1";
        o.conf = STORE_CONF_PROBABLE;
        o.lang = "Latn";
        assert_int_equal(
            case_prop_add(st, "p1", "name", "CHAN Tai-man", &o, NULL, &e),
            ERR_OK);
        o.source_id = "ex1";
        assert_int_equal(
            case_prop_add(st, "p1", "alias", "Tai-man", &o, NULL, &e), ERR_OK);
        o.source_id = "p2";
        assert_int_equal(
            case_prop_add(st, "p1", "alias", "Big Man", &o, NULL, &e),
            ERR_INVALID);
        assert_non_null(strstr(e.msg, "not a Source or Exhibit"));
        err_clear(&e);
        o.source_id = "nosource";
        assert_int_equal(
            case_prop_add(st, "p1", "alias", "Big Man", &o, NULL, &e),
            ERR_NOTFOUND);
        err_clear(&e);
    }
    store_close(st);
}

static int count_cb(const struct store_stmt *s, void *ctx)
{
    (void)s;
    (*(int *)ctx)++;
    return 0;
}

static void test_protected_not_searchable(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    int n = 0;

    (void)state;
    add_entity(st, "Victim", "v1");
    add_prop(st, "v1", "pseudonym", "Witness K");
    add_prop(st, "v1", "realName", "WONG Siu-ming");
    add_prop(st, "v1", "hkid", "A123456(3)");
    assert_int_equal(store_search(st, "witness", 10, count_cb, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(store_search(st, "wong", 10, count_cb, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    store_close(st);
}

/* --- loader and captions --------------------------------------------------*/

static void test_entity_load(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    struct case_entity *en = NULL;
    struct case_stmt_opts o = {0};
    char *cap = NULL;
    int64_t sid;

    (void)state;
    add_entity(st, "Source", "src1");
    add_prop(st, "src1", "name", "Fictional Daily, 2020-01-05");
    add_prop(st, "src1", "reliability", "b");
    add_entity(st, "Person", "p1");
    add_entity(st, "Organization", "o1");
    add_prop(st, "o1", "name", "Fictional District Unit");
    add_entity(st, "Position", "post1");
    add_prop(st, "post1", "name", "District Commander");
    add_prop(st, "post1", "organization", "o1");
    o.source_id = "src1";
    assert_int_equal(
        case_prop_add(st, "p1", "name", "CHAN Tai-man", &o, NULL, &e), ERR_OK);
    o.lang = "Hani";
    assert_int_equal(case_prop_add(st, "p1", "name", "陳大文", &o, NULL, &e),
                     ERR_OK);
    sid = add_prop(st, "p1", "birthDate", "1970");
    case_prop_retract(st, sid, "wrong year", NULL, &e);
    add_prop(st, "p1", "birthDate", "1971");
    add_entity(st, "Occupancy", "occ1");
    add_prop(st, "occ1", "holder", "p1");
    add_prop(st, "occ1", "post", "post1");
    add_entity(st, "Victim", "v1");
    add_prop(st, "v1", "pseudonym", "Victim A");
    add_prop(st, "v1", "name", "REAL Name");

    assert_int_equal(case_entity_load(st, "p1", 0, &en, &e), ERR_OK);
    assert_string_equal(en->schema, "Person");
    assert_string_equal(en->caption, "CHAN Tai-man 陳大文");
    assert_int_equal(en->nstmts, 3);
    assert_string_equal(en->stmts[0].prop, "birthDate");
    assert_string_equal(en->stmts[0].value, "1971");
    assert_string_equal(en->stmts[1].source_caption,
                        "Fictional Daily, 2020-01-05");
    assert_string_equal(en->stmts[2].source_caption,
                        "Fictional Daily, 2020-01-05");
    assert_false(en->stmts[1].is_protected);
    assert_int_equal(en->nrefs, 1);
    assert_int_equal(en->nrefs_total, 1);
    assert_string_equal(en->refs[0].entity_id, "occ1");
    assert_string_equal(en->refs[0].schema, "Occupancy");
    assert_string_equal(en->refs[0].stmt.prop, "holder");
    assert_string_equal(en->refs[0].caption,
                        "CHAN Tai-man 陳大文 -> District Commander");
    case_entity_free(en);

    /* A source lists what rests on it. */
    assert_int_equal(case_entity_load(st, "src1", 0, &en, &e), ERR_OK);
    assert_int_equal(en->ncited_total, 2);
    assert_int_equal(en->ncited, 2);
    assert_string_equal(en->cited[0].entity_id, "p1");
    assert_string_equal(en->cited[0].schema, "Person");
    assert_string_equal(en->cited[0].caption, "CHAN Tai-man 陳大文");
    assert_string_equal(en->cited[0].stmt.prop, "name");
    assert_string_equal(en->cited[1].stmt.value, "陳大文");
    assert_string_equal(en->cited[1].stmt.source_caption,
                        "Fictional Daily, 2020-01-05");
    case_entity_free(en);

    assert_int_equal(case_entity_load(st, "p1", CASE_LOAD_HISTORY, &en, &e),
                     ERR_OK);
    assert_int_equal(en->nstmts, 4);
    assert_non_null(en->stmts[0].retracted_at);
    assert_string_equal(en->stmts[0].retract_reason, "wrong year");
    case_entity_free(en);

    /* Victim: pseudonym caption, other values flagged protected. */
    assert_int_equal(case_entity_load(st, "v1", 0, &en, &e), ERR_OK);
    assert_string_equal(en->caption, "Victim A");
    for (size_t i = 0; i < en->nstmts; i++)
        assert_int_equal(en->stmts[i].is_protected,
                         strcmp(en->stmts[i].prop, "pseudonym") != 0);
    case_entity_free(en);

    assert_int_equal(case_caption(st, "o1", &cap, &e), ERR_OK);
    assert_string_equal(cap, "Fictional District Unit");
    free(cap);
    add_entity(st, "Person", "p9");
    assert_int_equal(case_caption(st, "p9", &cap, &e), ERR_OK);
    assert_string_equal(cap, "Person p9");
    free(cap);
    assert_int_equal(case_entity_load(st, "nope", 0, &en, &e), ERR_NOTFOUND);
    assert_null(en);
    store_close(st);
}

static void note_missing(const struct schema_prop *p, void *ctx)
{
    char *buf = ctx;
    size_t len = strlen(buf);

    snprintf(buf + len, 256 - len, "%s%s", len ? "," : "", p->name);
}

static void test_missing(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = new_case();
    char buf[256] = {0};
    size_t n = 9;

    (void)state;
    add_entity(st, "Person", "p1");
    add_entity(st, "Occupancy", "occ1");
    assert_int_equal(case_entity_missing(st, "occ1", note_missing, buf, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(buf, "holder");
    add_prop(st, "occ1", "holder", "p1");
    assert_int_equal(case_entity_missing(st, "occ1", NULL, NULL, &n, &e),
                     ERR_OK);
    assert_int_equal(n, 0);
    add_entity(st, "Victim", "v1");
    buf[0] = '\0';
    case_entity_missing(st, "v1", note_missing, buf, &n, &e);
    assert_string_equal(buf, "pseudonym");
    assert_int_equal(case_entity_missing(st, "nope", NULL, NULL, &n, &e),
                     ERR_NOTFOUND);
    store_close(st);
}

/* --- holders and chain of command (all FICTIONAL) ------------------------*/

static void add_named(struct store *st, const char *schema, const char *id,
                      const char *name)
{
    add_entity(st, schema, id);
    add_prop(st, id, "name", name);
}

static void add_post(struct store *st, const char *id, const char *name,
                     const char *org, bool command)
{
    add_named(st, "Position", id, name);
    add_prop(st, id, "organization", org);
    add_prop(st, id, "isCommand", command ? "true" : "false");
}

static void add_occ(struct store *st, const char *id, const char *holder,
                    const char *post, const char *start, const char *end)
{
    add_entity(st, "Occupancy", id);
    add_prop(st, id, "holder", holder);
    if (post)
        add_prop(st, id, "post", post);
    if (start)
        add_prop(st, id, "startDate", start);
    if (end)
        add_prop(st, id, "endDate", end);
}

static void add_link(struct store *st, const char *id, const char *sup,
                     const char *sub, const char *start, const char *end)
{
    add_entity(st, "CommandLink", id);
    add_prop(st, id, "superior", sup);
    add_prop(st, id, "subordinate", sub);
    if (start)
        add_prop(st, id, "startDate", start);
    if (end)
        add_prop(st, id, "endDate", end);
}

static struct store *chain_case(void)
{
    struct store *st = new_case();

    add_named(st, "Organization", "hq", "FICTIONAL Police HQ");
    add_named(st, "Organization", "rw", "FICTIONAL West Region");
    add_named(st, "Organization", "re", "FICTIONAL East Region");
    add_named(st, "Organization", "dm", "FICTIONAL Harbour District");
    add_link(st, "l-hq-rw", "hq", "rw", "2010-01-01", NULL);
    add_link(st, "l-hq-re", "hq", "re", "2010-01-01", NULL);
    /* The district moved from West to East region in mid-2021. */
    add_link(st, "l-rw-dm", "rw", "dm", "2015-01-01", "2021-06-30");
    add_link(st, "l-re-dm", "re", "dm", "2021-07-01", NULL);

    add_post(st, "post-cp", "Commissioner", "hq", true);
    add_post(st, "post-rcw", "Regional Commander West", "rw", true);
    add_post(st, "post-rce", "Regional Commander East", "re", true);
    add_post(st, "post-dc", "District Commander", "dm", true);
    add_post(st, "post-ddc", "Deputy District Commander", "dm", false);

    add_named(st, "Person", "p-chan", "CHAN Officer-one (FICTIONAL)");
    add_named(st, "Person", "p-lee", "LEE Officer-two (FICTIONAL)");
    add_named(st, "Person", "p-wong", "WONG Officer-three (FICTIONAL)");
    add_named(st, "Person", "p-ho", "HO Officer-four (FICTIONAL)");
    add_named(st, "Person", "p-ng", "NG Officer-five (FICTIONAL)");
    add_named(st, "Person", "p-lam", "LAM Officer-six (FICTIONAL)");
    add_named(st, "Person", "p-yip", "YIP Officer-seven (FICTIONAL)");

    add_occ(st, "o1", "p-chan", "post-dc", "2018-03", "2020-12-31");
    add_occ(st, "o2", "p-lee", "post-dc", "2021-01-01", NULL);
    add_occ(st, "o3", "p-wong", "post-rcw", "2019", "2022-12-31");
    add_occ(st, "o4", "p-ho", "post-cp", "2015-01-01", "2020-12-31");
    add_occ(st, "o5", "p-ng", "post-cp", "2021-01-01", NULL);
    add_occ(st, "o6", "p-lam", "post-ddc", "2019-01-01", "2019-12-31");
    add_occ(st, "o8", "p-ho", "post-rce", "2021-01-01", NULL);
    /* A sergeant attached to the district itself, month precision. */
    add_occ(st, "o7", "p-yip", NULL, "2019-06", "2019-12");
    add_prop(st, "o7", "organization", "dm");
    add_prop(st, "o7", "rank", "Sergeant");
    return st;
}

struct seen {
    char buf[2048];
};

static int holder_cb(const struct case_holder *h, void *ctx)
{
    struct seen *s = ctx;
    size_t len = strlen(s->buf);

    snprintf(s->buf + len, sizeof(s->buf) - len, "%s%s:%s%s", len ? ";" : "",
             h->holder_id, case_certainty_name(h->certainty),
             h->is_command ? ":cmd" : "");
    return 0;
}

static int chain_cb(const struct case_chain_level *lv, void *ctx)
{
    struct seen *s = ctx;
    size_t len = strlen(s->buf);

    len += (size_t)snprintf(s->buf + len, sizeof(s->buf) - len, "%s%d:%s:%s[",
                            len ? " " : "", lv->level, lv->unit_id,
                            case_certainty_name(lv->link_certainty));
    for (size_t i = 0; i < lv->ncommanders; i++)
        len +=
            (size_t)snprintf(s->buf + len, sizeof(s->buf) - len, "%s%s/%s",
                             i ? "," : "", lv->commanders[i].holder_id,
                             case_certainty_name(lv->commanders[i].certainty));
    snprintf(s->buf + len, sizeof(s->buf) - len, "]");
    return 0;
}

static void test_holders_on(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = chain_case();
    struct seen s;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_holders_on(st, "dm", "2019-06-12", holder_cb, &s, &e),
                     ERR_OK);
    /* Certain first (by holder caption), then possible: the sergeant's
     * start "2019-06" may be after the 12th. */
    assert_string_equal(s.buf, "p-chan:certain:cmd;p-lam:certain;"
                               "p-yip:possible");

    memset(&s, 0, sizeof(s));
    assert_int_equal(case_holders_on(st, "rw", "2019-06-12", holder_cb, &s, &e),
                     ERR_OK);
    assert_string_equal(s.buf, "p-wong:possible:cmd");
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_holders_on(st, "rw", "2020-01-01", holder_cb, &s, &e),
                     ERR_OK);
    assert_string_equal(s.buf, "p-wong:certain:cmd");

    /* Open end; a whole month asked about spans a change of holder. */
    memset(&s, 0, sizeof(s));
    case_holders_on(st, "dm", "2030-01-01", holder_cb, &s, &e);
    assert_string_equal(s.buf, "p-lee:certain:cmd");
    memset(&s, 0, sizeof(s));
    case_holders_on(st, "dm", "2021-01", holder_cb, &s, &e);
    assert_string_equal(s.buf, "p-lee:certain:cmd");
    memset(&s, 0, sizeof(s));
    case_holders_on(st, "dm", "2020-12 to 2021-01", holder_cb, &s, &e);
    assert_string_equal(s.buf, "p-chan:possible:cmd;p-lee:possible:cmd");
    memset(&s, 0, sizeof(s));
    case_holders_on(st, "dm", "2017-05-01", holder_cb, &s, &e);
    assert_string_equal(s.buf, "");

    assert_int_equal(case_holders_on(st, "dm", "someday", holder_cb, &s, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_holders_on(st, "nope", "2019", holder_cb, &s, &e),
                     ERR_NOTFOUND);
    store_close(st);
}

static void test_chain_on(void **state)
{
    struct err e = ERR_INIT;
    struct store *st = chain_case();
    struct seen s;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_chain_on(st, "dm", "2019-06-12", chain_cb, &s, &e),
                     ERR_OK);
    assert_string_equal(s.buf, "0:dm:certain[p-chan/certain] "
                               "1:rw:certain[p-wong/possible] "
                               "2:hq:certain[p-ho/certain]");

    /* After the reorganisation the district reports to the East region. */
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_chain_on(st, "dm", "2022-03-01", chain_cb, &s, &e),
                     ERR_OK);
    assert_string_equal(s.buf, "0:dm:certain[p-lee/certain] "
                               "1:re:certain[p-ho/certain] "
                               "2:hq:certain[p-ng/certain]");

    /* A cycle in the data (HQ under the district) is cut. */
    add_link(st, "l-bad", "dm", "hq", "2000-01-01", NULL);
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_chain_on(st, "dm", "2019-06-12", chain_cb, &s, &e),
                     ERR_OK);
    assert_string_equal(s.buf, "0:dm:certain[p-chan/certain] "
                               "1:rw:certain[p-wong/possible] "
                               "2:hq:certain[p-ho/certain]");
    /* Asked for a year: links and holders become possible. */
    memset(&s, 0, sizeof(s));
    assert_int_equal(case_chain_on(st, "dm", "2021", chain_cb, &s, &e), ERR_OK);
    assert_non_null(strstr(s.buf, "1:rw:possible"));
    assert_non_null(strstr(s.buf, "1:re:possible"));
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ftm_props_exist),
        cmocka_unit_test(test_schema_table),
        cmocka_unit_test(test_protected),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_hkid),
        cmocka_unit_test(test_entity_add),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_protected_not_searchable),
        cmocka_unit_test(test_entity_load),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_holders_on),
        cmocka_unit_test(test_chain_on),
    };
    return cmocka_run_group_tests_name("case", tests, setup_dir, teardown_dir);
}
