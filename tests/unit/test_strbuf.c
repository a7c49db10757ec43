/*
 * Unit tests for util/strbuf: growth, caps (nothing lost), escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static void test_basic(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;
    size_t len;

    (void)state;
    assert_string_equal(sb.buf, "");
    assert_int_equal(strbuf_addstr(&sb, "hello"), ERR_OK);
    assert_int_equal(strbuf_addch(&sb, ' '), ERR_OK);
    assert_int_equal(strbuf_addf(&sb, "%d-%s", 42, "x"), ERR_OK);
    assert_string_equal(sb.buf, "hello 42-x");
    for (int i = 0; i < 1000; i++)
        strbuf_addstr(&sb, "abc");
    assert_int_equal(sb.len, 10 + 3000);
    strbuf_setlen(&sb, 5);
    assert_string_equal(sb.buf, "hello");
    s = strbuf_detach(&sb, &len);
    assert_int_equal(len, 5);
    assert_string_equal(s, "hello");
    assert_string_equal(sb.buf, "");
    free(s);
    strbuf_release(&sb);
}

static void test_cap(void **state)
{
    struct strbuf sb;

    (void)state;
    strbuf_init(&sb, 8);
    assert_int_equal(strbuf_addstr(&sb, "12345"), ERR_OK);
    assert_int_equal(strbuf_addstr(&sb, "6789"), ERR_TOOBIG);
    assert_string_equal(sb.buf, "12345");
    assert_int_equal(strbuf_addf(&sb, "%s", "abcd"), ERR_TOOBIG);
    assert_int_equal(strbuf_add_html(&sb, "<<<"), ERR_TOOBIG);
    assert_string_equal(sb.buf, "12345");
    assert_int_equal(strbuf_addstr(&sb, "678"), ERR_OK);
    assert_string_equal(sb.buf, "12345678");
    strbuf_release(&sb);
}

static void test_escapes(void **state)
{
    struct strbuf sb = STRBUF_INIT;

    (void)state;
    strbuf_add_html(&sb, "<a href=\"x\">&'</a>");
    assert_string_equal(sb.buf,
                        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    strbuf_reset(&sb);
    strbuf_add_csv_field(&sb, "plain");
    strbuf_addch(&sb, ',');
    strbuf_add_csv_field(&sb, "a,\"b\"");
    assert_string_equal(sb.buf, "plain,\"a,\"\"b\"\"\"");
    strbuf_reset(&sb);
    strbuf_add_json_str(&sb, "陳\"\\\n\x01");
    assert_string_equal(sb.buf, "\"陳\\\"\\\\\\n\\u0001\"");
    strbuf_reset(&sb);
    strbuf_add_tsv_field(&sb, "a\tb\nc");
    assert_string_equal(sb.buf, "a b c");
    strbuf_reset(&sb);
    strbuf_addstr(&sb, "  \t trim me \n");
    strbuf_trim(&sb);
    assert_string_equal(sb.buf, "trim me");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_escapes),
    };
    return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
