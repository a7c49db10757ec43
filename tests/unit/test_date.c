/*
 * Unit tests for util/date: parsing with precision, ranges, arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/date.h"

static void check_fmt(const char *in, const char *want)
{
    struct date_range r;
    struct err e = ERR_INIT;
    char out[DATE_FMT_MAX];

    assert_int_equal(date_parse(in, &r, &e), ERR_OK);
    date_format(&r, out);
    assert_string_equal(out, want);
}

static void check_bad(const char *in)
{
    struct date_range r;
    struct err e = ERR_INIT;

    assert_int_equal(date_parse(in, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, in));
}

static void test_iso(void **state)
{
    (void)state;
    check_fmt("1952", "1952");
    check_fmt("1952-12", "1952-12");
    check_fmt("1952-12-01", "1952-12-01");
    check_fmt(" 2000-02-29", "2000-02-29");
}

static void test_words(void **state)
{
    (void)state;
    check_fmt("Dec 1952", "1952-12");
    check_fmt("December 1952", "1952-12");
    check_fmt("01 Dec 1952", "1952-12-01");
    check_fmt("1 December 1952", "1952-12-01");
    check_fmt("Sept 1960", "1960-09");
    check_fmt("December 1, 1952", "1952-12-01");
    check_fmt("01.12.1952", "1952-12-01");
    check_fmt("01/12/1952", "1952-12-01");
    check_fmt("circa 1952", "circa 1952");
}

static void test_ranges(void **state)
{
    struct date_range r;
    struct err e = ERR_INIT;

    (void)state;
    check_fmt("1952-12-01 to 1952-12-31", "1952-12-01 to 1952-12-31");
    check_fmt("1952 to 1955", "1952 to 1955");
    check_fmt("1952-1955", "1952 to 1955");
    check_fmt("1952-12-01/1953-01-05", "1952-12-01 to 1953-01-05");
    assert_int_equal(date_parse("1955 to 1952", &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "ends before"));
}

static void test_bad(void **state)
{
    (void)state;
    check_bad("");
    check_bad("1952-02-30");
    check_bad("1953-02-29");
    check_bad("1952-13");
    check_bad("Decembre 1952");
    check_bad("12345");
    check_bad("1952-12-01 junk");
    check_bad("0000");
}

static void test_bounds(void **state)
{
    struct date_range month, day, year, other;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(date_days(1970, 1, 1), 0);
    assert_int_equal(date_days(2000, 3, 1), 11017);
    date_parse("Dec 1952", &month, &e);
    date_parse("1952-12-15", &day, &e);
    date_parse("1952", &year, &e);
    date_parse("1953-01-01", &other, &e);
    assert_int_equal(date_last_day(&month) - date_first_day(&month), 30);
    assert_int_equal(date_last_day(&year) - date_first_day(&year), 365);
    assert_true(date_contains(&month, &day));
    assert_true(date_contains(&year, &month));
    assert_false(date_contains(&day, &month));
    assert_true(date_overlaps(&day, &year));
    assert_false(date_overlaps(&other, &year));
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
}

static void test_now(void **state)
{
    char buf[32];

    (void)state;
    date_now_iso(buf);
    assert_int_equal(strlen(buf), 20);
    assert_int_equal(buf[10], 'T');
    assert_int_equal(buf[19], 'Z');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso),    cmocka_unit_test(test_words),
        cmocka_unit_test(test_ranges), cmocka_unit_test(test_bad),
        cmocka_unit_test(test_bounds), cmocka_unit_test(test_now),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
