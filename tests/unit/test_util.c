/*
 * Unit tests for util: err (first error wins), arena, ids, parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/err.h"
#include "util/ids.h"
#include "util/parse.h"
#include "util/user.h"

static void test_err_first_wins(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(err_set(&e, ERR_IO, "cannot open '%s'", "a"), ERR_IO);
    assert_int_equal(err_set(&e, ERR_DB, "later"), ERR_DB);
    assert_int_equal(e.code, ERR_IO);
    assert_string_equal(e.msg, "cannot open 'a'");
    err_prefix(&e, "file %s", "x.csv");
    assert_string_equal(e.msg, "file x.csv: cannot open 'a'");
    err_clear(&e);
    assert_int_equal(e.code, ERR_OK);
    err_set(&e, ERR_INVALID, "two\nlines");
    assert_string_equal(e.msg, "two lines");
    assert_string_equal(err_code_name(ERR_TOOBIG), "toobig");
    assert_int_equal(err_set(NULL, ERR_IO, "x"), ERR_IO);
}

static void test_arena(void **state)
{
    struct arena a = ARENA_INIT;
    char *s;

    (void)state;
    arena_init(&a, 64);
    for (int i = 0; i < 100; i++) {
        char *p = arena_alloc(&a, 10);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'x', 10);
    }
    s = arena_strdup(&a, "hello");
    assert_string_equal(s, "hello");
    s = arena_alloc(&a, 100000); /* bigger than a block */
    memset(s, 0, 100000);
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_true(a.used >= 100 * 16);
    arena_release(&a);
    assert_null(a.head);
}

static void test_ids(void **state)
{
    char a[ID_RANDOM_LEN + 1], b[ID_RANDOM_LEN + 1];
    char d1[ID_MAX_LEN + 1], d2[ID_MAX_LEN + 1], d3[ID_MAX_LEN + 1];
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(ids_new(a, &e), ERR_OK);
    assert_int_equal(ids_new(b, &e), ERR_OK);
    assert_int_equal(strlen(a), ID_RANDOM_LEN);
    assert_string_not_equal(a, b);
    assert_true(ids_is_valid(a));
    ids_derive("ofac", "12345", d1);
    ids_derive("ofac", "12345", d2);
    ids_derive("ofac", "12346", d3);
    assert_string_equal(d1, d2);
    assert_string_not_equal(d1, d3);
    assert_memory_equal(d1, "ofac-", 5);
    assert_true(ids_is_valid(d1));
    assert_true(ids_is_valid("NK-2Tbri3s6GgNtAwsSXh4qpL"));
    assert_false(ids_is_valid(""));
    assert_false(ids_is_valid("a b"));
    assert_false(ids_is_valid("x/y"));
}

static void test_parse(void **state)
{
    struct err e = ERR_INIT;
    int64_t v;
    double d;

    (void)state;
    assert_int_equal(parse_int64("-42", &v, &e), ERR_OK);
    assert_int_equal(v, -42);
    assert_int_equal(parse_int64("42x", &v, &e), ERR_INVALID);
    assert_int_equal(parse_int64("", &v, NULL), ERR_INVALID);
    assert_int_equal(parse_int64("99999999999999999999", &v, NULL),
                     ERR_INVALID);
    assert_int_equal(parse_double("0.85", &d, NULL), ERR_OK);
    assert_true(d > 0.849 && d < 0.851);
    assert_int_equal(parse_double("nan", &d, NULL), ERR_INVALID);
}

/* The acting user: $DOSSIER_USER, then $DOSSIER_AUTHOR, then $USER. */
static void test_user(void **state)
{
    (void)state;
    setenv("USER", "u", 1);
    setenv("DOSSIER_AUTHOR", "a", 1);
    setenv("DOSSIER_USER", "d", 1);
    assert_string_equal(user_current(), "d");
    assert_string_equal(user_or_current("given"), "given");
    assert_string_equal(user_or_current(""), "d");
    unsetenv("DOSSIER_USER");
    assert_string_equal(user_current(), "a");
    unsetenv("DOSSIER_AUTHOR");
    assert_string_equal(user_current(), "u");
    unsetenv("USER");
    assert_string_equal(user_current(), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_first_wins), cmocka_unit_test(test_user),
        cmocka_unit_test(test_arena),          cmocka_unit_test(test_ids),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
