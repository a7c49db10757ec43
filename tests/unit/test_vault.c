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
#include "store/store.h"
#include "store/store_custody.h"
#include "vault/custody.h"
#include "vault/vault.h"
#include "vault/warc.h"

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
        {
            /* The streaming reader gives the same bytes and size. */
            struct vault_reader *r = NULL;
            uint64_t size = 0, total = 0;
            static uint8_t buf[7777];
            size_t got;
            FILE *f = fopen(in, "rb");

            assert_int_equal(vault_reader_open(v, m.hash, &r, &size, &e),
                             ERR_OK);
            assert_int_equal(size, sizes[i]);
            do {
                uint8_t want[7777];

                assert_int_equal(
                    vault_reader_read(r, buf, sizeof(buf), &got, &e), ERR_OK);
                assert_int_equal(fread(want, 1, got, f), got);
                assert_memory_equal(buf, want, got);
                total += got;
            } while (got);
            assert_int_equal(total, sizes[i]);
            vault_reader_close(r);
            fclose(f);
        }
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
    int byte;

    (void)state;
    mkdir(casedir, 0700);
    assert_int_equal(vault_case_init_pass(casedir, NULL, &e), ERR_OK);
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_OK);
    write_file(in, 2 * 1024 * 1024 + 5, 9);
    assert_int_equal(vault_add_file(v, in, &m, &e), ERR_OK);
    obj = vault_object_path(v, m.hash);
    f = fopen(obj, "r+b");
    assert_non_null(f);
    /* Flip bits (setting a value would be a no-op 1 time in 256). */
    fseek(f, 1024 * 1024 + 300, SEEK_SET);
    byte = fgetc(f);
    fseek(f, 1024 * 1024 + 300, SEEK_SET);
    fputc(byte ^ 0x5a, f);
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

struct recs {
    struct store_custody_rec r[8];
    char *own[8][10]; /* the copies, freed by recs_free */
    size_t n;
};

static int copy_cb(const struct store_custody_rec *r, void *ctx)
{
    struct recs *rs = ctx;
    size_t i = rs->n++;

    const char *src[10] = {r->at,      r->actor,  r->action, r->object,
                           r->exhibit, r->detail, r->prev,   r->obj_prev,
                           r->hash,    r->sig};

    for (int k = 0; k < 10; k++)
        rs->own[i][k] = xstrdup(src[k]);
    rs->r[i] = *r;
    rs->r[i].at = rs->own[i][0];
    rs->r[i].actor = rs->own[i][1];
    rs->r[i].action = rs->own[i][2];
    rs->r[i].object = rs->own[i][3];
    rs->r[i].exhibit = rs->own[i][4];
    rs->r[i].detail = rs->own[i][5];
    rs->r[i].prev = rs->own[i][6];
    rs->r[i].obj_prev = rs->own[i][7];
    rs->r[i].hash = rs->own[i][8];
    rs->r[i].sig = rs->own[i][9];
    return 0;
}

static void recs_free(struct recs *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        for (int k = 0; k < 10; k++)
            free(rs->own[i][k]);
    memset(rs, 0, sizeof(*rs));
}

static size_t nprob;
static void count_problem(int64_t seq, const char *object, const char *what,
                          void *ctx)
{
    (void)seq;
    (void)object;
    (void)what;
    (void)ctx;
    nprob++;
}

static size_t check(const uint8_t *pk, struct store_custody_rec *r, size_t n,
                    bool global)
{
    struct vault_chain c;

    nprob = 0;
    vault_chain_init(&c, pk, global, count_problem, NULL);
    for (size_t i = 0; i < n; i++)
        vault_chain_feed(&c, &r[i]);
    vault_chain_release(&c);
    return nprob;
}

static void test_custody(void **state)
{
    char *casedir = tpath("c4");
    char *db = tpath("c4/case.db");
    static const char a[] =
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const char b[] =
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    struct store *st = NULL;
    struct store_custody *cs = NULL;
    struct vault *v = NULL;
    struct err e = ERR_INIT;
    struct recs rs;
    struct store_custody_rec tmp;
    size_t np = 99;

    (void)state;
    memset(&rs, 0, sizeof(rs));
    mkdir(casedir, 0700);
    assert_int_equal(store_open(db, STORE_CREATE, &st, &e), ERR_OK);
    assert_int_equal(vault_case_init_pass(casedir, NULL, &e), ERR_OK);
    assert_int_equal(vault_open(casedir, NULL, &v, &e), ERR_OK);
    assert_int_equal(store_custody_open(db, false, &cs, &e), ERR_OK);
    assert_int_equal(vault_custody_log(v, cs, "add", a, NULL, "{}", &e),
                     ERR_OK);
    assert_int_equal(vault_custody_log(v, cs, "add", b, "ex1", NULL, &e),
                     ERR_OK);
    assert_int_equal(
        vault_custody_log(v, cs, "open", a, NULL, "{\"to\":1}", &e), ERR_OK);
    assert_int_equal(vault_custody_verify(v, cs, NULL, NULL, NULL, &np, &e),
                     ERR_OK);
    assert_int_equal(np, 0);
    assert_int_equal(vault_custody_verify(v, cs, a, NULL, NULL, &np, &e),
                     ERR_OK);
    assert_int_equal(np, 0);
    assert_int_equal(store_custody_each(cs, NULL, copy_cb, &rs, &e), ERR_OK);
    assert_int_equal(rs.n, 3);
    assert_string_equal(rs.r[0].prev, STORE_CUSTODY_GENESIS);
    assert_string_equal(rs.r[1].prev, rs.r[0].hash);
    assert_string_equal(rs.r[2].obj_prev, rs.r[0].hash);
    assert_string_equal(rs.r[1].obj_prev, STORE_CUSTODY_GENESIS);
    assert_int_equal(check(vault_public_key(v), rs.r, 3, true), 0);
    /* Edited. */
    tmp = rs.r[1];
    rs.r[1].actor = "mallory";
    assert_true(check(vault_public_key(v), rs.r, 3, true) >= 2);
    rs.r[1] = tmp;
    /* Deleted. */
    assert_true(check(vault_public_key(v),
                      (struct store_custody_rec[]){rs.r[0], rs.r[2]}, 2,
                      true) >= 2);
    /* Reordered. */
    assert_true(check(vault_public_key(v),
                      (struct store_custody_rec[]){rs.r[1], rs.r[0], rs.r[2]},
                      3, true) >= 2);
    /* Signature replaced. */
    rs.r[2].sig = rs.r[0].sig;
    assert_int_equal(check(vault_public_key(v), rs.r, 3, true), 1);
    /* Find by exhibit id and by hash prefix. */
    recs_free(&rs);
    assert_int_equal(store_custody_find(cs, "ex1", copy_cb, &rs, &e), ERR_OK);
    assert_int_equal(rs.n, 1);
    assert_string_equal(rs.r[0].object, b);
    recs_free(&rs);
    assert_int_equal(store_custody_find(cs, "aaaaaaaa", copy_cb, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.n, 1);
    recs_free(&rs);
    store_custody_close(cs);
    store_close(st);
    vault_close(v);
    free(db);
    free(casedir);
}

static int count_cb(const struct warc_rec *r, void *ctx)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static void test_warc(void **state)
{
    static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain"
                               "\r\n\r\nhello body";
    struct strbuf sb = STRBUF_INIT;
    struct warc_out w;
    struct err e = ERR_INIT;
    char id[48], pd[80];
    uint8_t d[DC_SHA256_BYTES];
    char hex[DC_SHA256_HEX];
    size_t n = 0;
    int count = 0;

    (void)state;
    crypto_sha256("hello body", 10, d);
    crypto_hex(d, sizeof(d), hex);
    snprintf(pd, sizeof(pd), "sha256:%s", hex);
    memset(&w, 0, sizeof(w));
    w.type = "request";
    w.target_uri = "http://x/";
    w.date = "2026-01-01T00:00:00Z";
    w.block = "GET / HTTP/1.1\r\n\r\n";
    w.blocklen = 18;
    warc_record_id(id);
    assert_int_equal(warc_write(&sb, id, &w, &e), ERR_OK);
    w.type = "response";
    w.payload_digest = pd;
    w.block = resp;
    w.blocklen = sizeof(resp) - 1;
    warc_record_id(id);
    assert_int_equal(warc_write(&sb, id, &w, &e), ERR_OK);
    assert_int_equal(warc_read(sb.buf, sb.len, count_cb, &count, &n, &e),
                     ERR_OK);
    assert_int_equal(count, 2);
    /* One changed byte in the body breaks the digests. */
    sb.buf[sb.len - 6] ^= 1;
    assert_int_equal(warc_read(sb.buf, sb.len, NULL, NULL, &n, &e),
                     ERR_INVALID);
    err_clear(&e);
    /* Truncation is caught. */
    assert_int_equal(warc_read(sb.buf, sb.len - 3, NULL, NULL, &n, &e),
                     ERR_INVALID);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),  cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_passphrase), cmocka_unit_test(test_custody),
        cmocka_unit_test(test_warc),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
