/*
 * Unit tests for formats/zipw and formats/zipr: members from memory and
 * from a stream callback, read back whole, in pieces, with caps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/zipr.h"
#include "formats/zipw.h"
#include "util/strbuf.h"

/* A stream of n bytes 'a'..'z' repeating, failing at fail_at if set. */
struct gen {
    size_t n, pos, fail_at;
    int opens, closes, releases;
};

static enum err_code gen_open(void *ctx, struct err *e)
{
    struct gen *g = ctx;

    (void)e;
    g->pos = 0;
    g->opens++;
    return ERR_OK;
}

static enum err_code gen_read(void *ctx, void *buf, size_t n, size_t *got,
                              struct err *e)
{
    struct gen *g = ctx;
    char *p = buf;

    *got = 0;
    if (g->fail_at && g->pos >= g->fail_at)
        return err_set(e, ERR_CRYPTO, "generator failed at %zu", g->pos);
    while (*got < n && g->pos < g->n)
        p[(*got)++] = (char)('a' + g->pos++ % 26);
    return ERR_OK;
}

static void gen_close(void *ctx)
{
    ((struct gen *)ctx)->closes++;
}

static void gen_release(void *ctx)
{
    ((struct gen *)ctx)->releases++;
}

static const struct zipw_stream gen_ops = {gen_open, gen_read, gen_close,
                                           gen_release};

static void tmp_path(char *out, size_t n, const char *leaf)
{
    snprintf(out, n, "%s/dossier-test-zip-%ld-%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(),
             leaf);
}

static void test_round_trip(void **state)
{
    char path[512], tmp[600], buf[1000];
    struct gen g = {200000, 0, 0, 0, 0, 0};
    struct zipw *w;
    struct zipr *z;
    struct zipr_entry *f;
    struct strbuf sb = STRBUF_INIT;
    struct err e = ERR_INIT;
    uint64_t size = 0;
    size_t idx = 0, got, total = 0;

    (void)state;
    tmp_path(path, sizeof(path), "a.zip");
    unlink(path);
    assert_int_equal(zipw_open_tmp(path, ".partial", &w, &e), ERR_OK);
    snprintf(tmp, sizeof(tmp), "%s.partial", path);
    assert_int_equal(zipw_add(w, "hello.txt", "hello\n", 6, true, &e), ERR_OK);
    assert_int_equal(
        zipw_add_stream(w, "dir/big.bin", g.n, false, &gen_ops, &g, &e),
        ERR_OK);
    /* A second stream of the same name is refused (and released). */
    assert_int_not_equal(
        zipw_add_stream(w, "dir/big.bin", 1, false, &gen_ops, &g, &e), ERR_OK);
    assert_int_equal(g.releases, 1);
    err_clear(&e);
    assert_int_equal(zipw_close(w, &e), ERR_OK);
    assert_int_equal(g.releases, 2);
    assert_true(g.opens >= 1);
    assert_int_equal(g.opens, g.closes);
    assert_int_equal(access(tmp, F_OK), -1);

    assert_int_equal(zipr_open_file(path, ZIPR_CHECKCONS, &z, &e), ERR_OK);
    assert_int_equal(zipr_count(z), 2);
    assert_string_equal(zipr_name(z, 0), "hello.txt");
    assert_string_equal(zipr_name(z, 1), "dir/big.bin");
    assert_null(zipr_name(z, 2));
    assert_true(zipr_locate(z, "dir/big.bin", &idx));
    assert_int_equal(idx, 1);
    assert_false(zipr_locate(z, "nope", NULL));
    assert_int_equal(zipr_size(z, "dir/big.bin", &size, &e), ERR_OK);
    assert_int_equal(size, 200000);
    assert_int_equal(zipr_read(z, "hello.txt", 100, &sb, &e), ERR_OK);
    assert_string_equal(sb.buf, "hello\n");
    strbuf_reset(&sb);
    assert_int_equal(zipr_read(z, "dir/big.bin", 1000, &sb, &e), ERR_TOOBIG);
    assert_string_equal(e.msg, "entry 'dir/big.bin' is larger than 1000 bytes");
    err_clear(&e);
    strbuf_reset(&sb);
    assert_int_equal(zipr_read(z, "nope", 1000, &sb, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "no entry 'nope'");
    err_clear(&e);
    assert_int_equal(zipr_entry_open(z, "dir/big.bin", &f, &e), ERR_OK);
    while (!zipr_entry_read(f, buf, sizeof(buf), &got, &e) && got > 0) {
        for (size_t i = 0; i < got; i++)
            assert_int_equal(buf[i], 'a' + (total + i) % 26);
        total += got;
    }
    assert_int_equal(total, 200000);
    zipr_entry_close(f);
    zipr_close(z);
    strbuf_release(&sb);
    unlink(path);
}

static void test_stream_failure(void **state)
{
    char path[512], tmp[600];
    struct gen g = {100000, 0, 50000, 0, 0, 0};
    struct zipw *w;
    struct err e = ERR_INIT;

    (void)state;
    tmp_path(path, sizeof(path), "b.zip");
    unlink(path);
    assert_int_equal(zipw_open(path, &w, &e), ERR_OK);
    assert_int_equal(zipw_add_stream(w, "x.bin", g.n, true, &gen_ops, &g, &e),
                     ERR_OK);
    /* The stream's own error is what close reports; nothing is left. */
    assert_int_equal(zipw_close(w, &e), ERR_CRYPTO);
    assert_non_null(strstr(e.msg, "generator failed at "));
    assert_int_equal(g.releases, 1);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
}

static void test_bad_archives(void **state)
{
    struct zipr *z = NULL;
    struct err e = ERR_INIT;
    char garbage[300];

    (void)state;
    memset(garbage, 'x', sizeof(garbage));
    assert_int_equal(zipr_open_mem(garbage, sizeof(garbage), 0, &z, &e),
                     ERR_INVALID);
    assert_null(z);
    assert_string_equal(e.msg, "not a readable zip archive");
    err_clear(&e);
    assert_int_equal(zipr_open_file("/nonexistent/x.zip", 0, &z, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "is not a readable zip archive"));
    zipr_close(NULL);
    zipr_entry_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_stream_failure),
        cmocka_unit_test(test_bad_archives),
    };
    return cmocka_run_group_tests_name("zip", tests, NULL, NULL);
}
