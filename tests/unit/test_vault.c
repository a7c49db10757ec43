/*
 * Unit tests for vault/: keys (plain and passphrase), add / verify / open
 * round trips at chunk boundaries, dedup, tamper detection, size cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "vault/vault.h"

static char tmpdir[256];

static char *tpath(const char *name)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addf(&sb, "%s/%s", tmpdir, name);
    return strbuf_detach(&sb, NULL);
}

static void write_file(const char *path, size_t n, unsigned seed)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    for (size_t i = 0; i < n; i++)
        fputc((int)((i * 31 + seed * 7 + (i >> 10)) & 0xff), f);
    fclose(f);
}

static int files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, eq = 1;

    if (!fa || !fb)
        return 0;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        if (ca != cb)
            eq = 0;
    } while (eq && ca != EOF);
    fclose(fa);
    fclose(fb);
    return eq;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/test_vault.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("DOSSIER_ARGON2_FAST", "1", 1);
    return 0;
}

static int teardown(void **state)
{
    char cmd[400];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_roundtrip(void **state)
{
    static const size_t sizes[] = {0, 1, 1024 * 1024, 1024 * 1024 + 1,
                                   3 * 1024 * 1024 + 777};
    char *casedir = tpath("c1");
    struct vault *v = NULL;
    struct err e = ERR_INIT;

    (void)state;
    mkdir(casedir, 0700);
    assert_int_equal(vault_case_init_pass(casedir, NULL, &e), ERR_OK);
    assert_int_equal(vault_case_init_pass(casedir, NULL, &e), ERR_CONFLICT);
    err_clear(&e);
    assert_false(vault_needs_passphrase(casedir));
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_OK);
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        char name[32], oname[32];
        struct vault_meta m;
        char *in, *out;

        snprintf(name, sizeof(name), "in%zu.bin", i);
        snprintf(oname, sizeof(oname), "out%zu.bin", i);
        in = tpath(name);
        out = tpath(oname);
        write_file(in, sizes[i], (unsigned)i);
        assert_int_equal(vault_add_file(v, in, &m, &e), ERR_OK);
        assert_int_equal(m.size, sizes[i]);
        assert_false(m.duplicate);
        assert_string_equal(m.orig_name, name);
        assert_true(vault_has(v, m.hash));
        assert_int_equal(vault_verify(v, m.hash, &e), ERR_OK);
        assert_int_equal(vault_open_to(v, m.hash, out, &e), ERR_OK);
        assert_true(files_equal(in, out));
        assert_int_equal(vault_open_to(v, m.hash, out, &e), ERR_CONFLICT);
        err_clear(&e);
        vault_meta_release(&m);
        /* Stored once. */
        assert_int_equal(vault_add_file(v, in, &m, &e), ERR_OK);
        assert_true(m.duplicate);
        vault_meta_release(&m);
        free(in);
        free(out);
    }
    vault_close(v);
    free(casedir);
}

static void test_tamper(void **state)
{
    char *casedir = tpath("c2");
    char *in = tpath("t.bin");
    struct vault *v = NULL;
    struct err e = ERR_INIT;
    struct vault_meta m;
    char *obj;
    FILE *f;

    (void)state;
    mkdir(casedir, 0700);
    assert_int_equal(vault_case_init_pass(casedir, NULL, &e), ERR_OK);
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_OK);
    write_file(in, 2 * 1024 * 1024 + 5, 9);
    assert_int_equal(vault_add_file(v, in, &m, &e), ERR_OK);
    obj = vault_object_path(v, m.hash);
    f = fopen(obj, "r+b");
    assert_non_null(f);
    fseek(f, 1024 * 1024 + 300, SEEK_SET);
    fputc(0x5a, f);
    fclose(f);
    assert_int_equal(vault_verify(v, m.hash, &e), ERR_CRYPTO);
    assert_non_null(strstr(e.msg, "authentication"));
    err_clear(&e);
    unlink(obj);
    assert_int_equal(vault_verify(v, m.hash, &e), ERR_NOTFOUND);
    err_clear(&e);
    /* Size cap. */
    vault_set_size_cap(v, 1000);
    vault_meta_release(&m);
    assert_int_equal(vault_add_file(v, in, &m, &e), ERR_TOOBIG);
    err_clear(&e);
    /* Unreadable. */
    assert_int_equal(vault_add_file(v, "/nonexistent/x", &m, &e), ERR_IO);
    vault_close(v);
    free(obj);
    free(in);
    free(casedir);
}

static void test_passphrase(void **state)
{
    char *casedir = tpath("c3");
    struct vault *v = NULL;
    struct err e = ERR_INIT;
    char hash[DC_SHA256_HEX];
    bool dup;
    uint8_t *data;
    size_t n;

    (void)state;
    mkdir(casedir, 0700);
    assert_int_equal(vault_case_init_pass(casedir, "secret", &e), ERR_OK);
    assert_true(vault_needs_passphrase(casedir));
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(vault_open(casedir, "wrong", &v, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(vault_open(casedir, "secret", &v, &e), ERR_OK);
    assert_int_equal(vault_add_buf(v, "hello", 5, hash, &dup, &e), ERR_OK);
    vault_close(v);
    assert_int_equal(vault_passwd(casedir, "secret", "new", &e), ERR_OK);
    assert_int_equal(vault_open(casedir, "secret", &v, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(vault_open(casedir, "new", &v, &e), ERR_OK);
    assert_int_equal(vault_read(v, hash, 100, &data, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    assert_memory_equal(data, "hello", 5);
    free(data);
    vault_close(v);
    assert_int_equal(vault_passwd(casedir, "new", NULL, &e), ERR_OK);
    assert_false(vault_needs_passphrase(casedir));
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_OK);
    assert_int_equal(vault_verify(v, hash, &e), ERR_OK);
    vault_close(v);
    free(casedir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_passphrase),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
