/*
 * Unit tests for formats/json: parsing, typed getters, errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "formats/json.h"

static void test_walk(void **state)
{
    const char *text = "{\"s\": \"a\\u00e9b\", \"n\": 2.5, \"t\": true, "
                       "\"z\": null, \"a\": [1, \"x\"], \"o\": {\"k\": false}}";
    struct json_doc *d = NULL;
    const struct json_val *root, *a, *val;
    struct err e = ERR_INIT;
    const char *keys[6], *key;
    void *it = NULL;
    size_t len = 0, n = 0;

    (void)state;
    assert_int_equal(json_doc_parse(text, strlen(text), 4096, &d, &e), ERR_OK);
    root = json_doc_root(d);
    assert_true(json_val_is_object(root));
    assert_int_equal(json_val_size(root), 6);
    assert_non_null(json_val_string(json_val_member(root, "s"), &len));
    assert_int_equal(len, 4);
    assert_true(json_val_number(json_val_member(root, "n")) == 2.5);
    assert_true(json_val_is_number(json_val_member(root, "n")));
    assert_true(json_val_bool(json_val_member(root, "t")));
    assert_true(json_val_is_bool(json_val_member(root, "t")));
    assert_true(json_val_is_null(json_val_member(root, "z")));
    a = json_val_member(root, "a");
    assert_true(json_val_is_array(a));
    assert_int_equal(json_val_size(a), 2);
    assert_string_equal(json_val_string(json_val_at(a, 1), NULL), "x");
    assert_null(json_val_at(a, 2));
    assert_null(json_val_string(json_val_at(a, 0), NULL));
    assert_null(json_val_member(a, "k"));
    assert_null(json_val_member(root, "missing"));
    assert_false(
        json_val_bool(json_val_member(json_val_member(root, "o"), "k")));
    while ((key = json_val_member_next(root, &it, &val)) != NULL) {
        assert_non_null(val);
        keys[n++] = key;
    }
    assert_int_equal(n, 6);
    assert_string_equal(keys[0], "s");
    assert_string_equal(keys[5], "o");
    assert_false(json_val_is_object(NULL));
    assert_int_equal(json_val_size(NULL), 0);
    json_doc_free(d);
    json_doc_free(NULL);
}

static void test_errors(void **state)
{
    struct json_doc *d = (struct json_doc *)&d;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(json_doc_parse("{\"a\": 1,}", 9, 4096, &d, &e),
                     ERR_INVALID);
    assert_null(d);
    assert_non_null(strstr(e.msg, "not valid JSON at line 1"));
    err_clear(&e);
    assert_int_equal(json_doc_parse("{\"a\": 1, \"a\": 2}", 16, 4096, &d, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "duplicate"));
    err_clear(&e);
    assert_int_equal(json_doc_parse("[1, 2, 3]", 9, 4, &d, &e), ERR_TOOBIG);
    assert_string_equal(e.msg, "JSON text is larger than 4 bytes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
