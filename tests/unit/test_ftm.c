/*
 * Unit tests for formats/ftm: parsing FtM JSON lines and writing them back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "formats/ftm.h"

static void parse_ok(const char *line, struct arena *a, struct ftm_entity *en)
{
    struct err e = ERR_INIT;
    assert_int_equal(ftm_parse(line, strlen(line), a, en, &e), ERR_OK);
}

static void parse_bad(const char *line, const char *want)
{
    struct arena a = ARENA_INIT;
    struct ftm_entity en;
    struct err e = ERR_INIT;

    assert_int_not_equal(ftm_parse(line, strlen(line), &a, &en, &e), ERR_OK);
    assert_non_null(strstr(e.msg, want));
    arena_release(&a);
}

static void test_parse(void **state)
{
    struct arena a = ARENA_INIT;
    struct ftm_entity en;

    (void)state;
    parse_ok("{\"id\": \"NK-1\", \"caption\": \"x\", \"schema\": \"Person\", "
             "\"properties\": {\"name\": [\"陳大文\", \"CHAN Tai-man\"], "
             "\"birthDate\": [\"1960\"], \"n\": [3]}, \"datasets\": [\"a\"]}",
             &a, &en);
    assert_string_equal(en.id, "NK-1");
    assert_string_equal(en.schema, "Person");
    assert_int_equal(en.nvalues, 4);
    assert_string_equal(en.values[0].prop, "name");
    assert_string_equal(en.values[0].value, "陳大文");
    assert_string_equal(en.values[1].value, "CHAN Tai-man");
    assert_string_equal(en.values[2].prop, "birthDate");
    assert_string_equal(en.values[3].value, "3");
    parse_ok("{\"id\":\"x\",\"schema\":\"Company\"}", &a, &en);
    assert_int_equal(en.nvalues, 0);
    arena_release(&a);
}

static void test_bad(void **state)
{
    (void)state;
    parse_bad("", "not valid JSON");
    parse_bad("{\"id\": \"x\", ", "not valid JSON");
    parse_bad("[1,2]", "not a JSON object");
    parse_bad("{\"schema\": \"Person\"}", "\"id\"");
    parse_bad("{\"id\": 3, \"schema\": \"Person\"}", "\"id\"");
    parse_bad("{\"id\": \"x\"}", "\"schema\"");
    parse_bad("{\"id\": \"x\", \"schema\": \"P\", \"properties\": []}",
              "not an object");
    parse_bad("{\"id\": \"x\", \"schema\": \"P\", \"properties\": "
              "{\"name\": \"a\"}}",
              "not an array");
    parse_bad("{\"id\": \"x\", \"schema\": \"P\", \"properties\": "
              "{\"name\": [{\"a\": 1}]}}",
              "non-scalar");
    parse_bad("{\"id\": \"x\", \"id\": \"y\", \"schema\": \"P\"}",
              "not valid JSON");
    parse_bad("{\"id\": \"x\", \"schema\": \"P\", \"properties\": "
              "{\"name\": [\"a\\u0000b\"]}}",
              "not valid JSON");
}

static void test_round_trip(void **state)
{
    struct arena a = ARENA_INIT;
    struct strbuf sb = STRBUF_INIT;
    struct ftm_entity en, back;
    const char *line = "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":"
                       "{\"name\":[\"A \\\"B\\\"\",\"陳\"],\"notes\":"
                       "[\"line\\nbreak\"]}}\n";

    (void)state;
    parse_ok(line, &a, &en);
    assert_int_equal(ftm_write(&sb, &en), ERR_OK);
    assert_string_equal(sb.buf, line);
    parse_ok(sb.buf, &a, &back);
    assert_int_equal(back.nvalues, 3);
    assert_string_equal(back.values[2].value, "line\nbreak");
    strbuf_release(&sb);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests_name("ftm", tests, NULL, NULL);
}
