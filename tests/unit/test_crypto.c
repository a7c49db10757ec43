/*
 * Unit tests for crypto/: known SHA-256 vectors, secretstream round trip
 * and tamper detection, key wrapping, Ed25519, Argon2id, hex.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/crypto.h"

static void test_sha256(void **state)
{
    uint8_t d[DC_SHA256_BYTES];
    char hex[DC_SHA256_HEX];
    struct crypto_sha256 *h;

    (void)state;
    crypto_sha256("abc", 3, d);
    crypto_hex(d, sizeof(d), hex);
    assert_string_equal(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    h = crypto_sha256_new();
    crypto_sha256_update(h, "a", 1);
    crypto_sha256_update(h, "bc", 2);
    crypto_sha256_final(h, d);
    crypto_sha256_free(h);
    crypto_hex(d, sizeof(d), hex);
    assert_string_equal(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    crypto_sha256("", 0, d);
    crypto_hex(d, sizeof(d), hex);
    assert_string_equal(
        hex,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_hex(void **state)
{
    uint8_t b[3];
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(crypto_unhex("00ff7a", b, 3, &e), ERR_OK);
    assert_int_equal(b[1], 0xff);
    assert_int_equal(crypto_unhex("00ff7", b, 3, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(crypto_unhex("00fg7a", b, 3, &e), ERR_INVALID);
    assert_true(crypto_equal("abc", "abc", 3));
    assert_false(crypto_equal("abc", "abd", 3));
}

static void test_stream(void **state)
{
    uint8_t key[DC_KEY_BYTES], hdr[DC_ENC_HEADER_BYTES];
    uint8_t c1[5 + DC_ENC_ABYTES], c2[3 + DC_ENC_ABYTES], p[8];
    struct crypto_enc *st;
    struct err e = ERR_INIT;
    bool final;

    (void)state;
    assert_int_equal(crypto_init(&e), ERR_OK);
    crypto_key_new(key);
    st = crypto_enc_push_new(key, hdr);
    crypto_enc_push(st, (const uint8_t *)"hello", 5, NULL, 0, false, c1);
    crypto_enc_push(st, (const uint8_t *)"end", 3, (const uint8_t *)"ad", 2,
                    true, c2);
    crypto_enc_free(st);

    assert_int_equal(crypto_enc_pull_new(key, hdr, &st, &e), ERR_OK);
    assert_int_equal(
        crypto_enc_pull(st, c1, sizeof(c1), NULL, 0, p, &final, &e), ERR_OK);
    assert_false(final);
    assert_memory_equal(p, "hello", 5);
    /* Wrong associated data fails. */
    assert_int_equal(crypto_enc_pull(st, c2, sizeof(c2), (const uint8_t *)"AD",
                                     2, p, &final, &e),
                     ERR_CRYPTO);
    crypto_enc_free(st);

    /* A flipped bit fails. */
    err_clear(&e);
    assert_int_equal(crypto_enc_pull_new(key, hdr, &st, &e), ERR_OK);
    c1[3] ^= 1;
    assert_int_equal(
        crypto_enc_pull(st, c1, sizeof(c1), NULL, 0, p, &final, &e),
        ERR_CRYPTO);
    crypto_enc_free(st);
}

static void test_wrap(void **state)
{
    uint8_t kek[DC_KEY_BYTES], key[DC_KEY_BYTES], out[DC_KEY_BYTES];
    uint8_t w[DC_WRAPPED_BYTES];
    struct err e = ERR_INIT;

    (void)state;
    crypto_key_new(kek);
    crypto_key_new(key);
    crypto_key_wrap(kek, key, w);
    assert_int_equal(crypto_key_unwrap(kek, w, out, &e), ERR_OK);
    assert_memory_equal(key, out, DC_KEY_BYTES);
    w[30] ^= 0x80;
    assert_int_equal(crypto_key_unwrap(kek, w, out, &e), ERR_AUTH);
}

static void test_sig(void **state)
{
    uint8_t pk[DC_SIG_PK_BYTES], pk2[DC_SIG_PK_BYTES], sk[DC_SIG_SK_BYTES];
    uint8_t sig[DC_SIG_BYTES];

    (void)state;
    crypto_sig_keypair(pk, sk);
    crypto_sig_public_from_seed(sk, pk2);
    assert_memory_equal(pk, pk2, DC_SIG_PK_BYTES);
    crypto_sig_sign(sk, "record", 6, sig);
    assert_true(crypto_sig_verify(pk, "record", 6, sig));
    assert_false(crypto_sig_verify(pk, "recorD", 6, sig));
    sig[0] ^= 1;
    assert_false(crypto_sig_verify(pk, "record", 6, sig));
}

static void test_pass(void **state)
{
    uint8_t salt[DC_SALT_BYTES] = {1, 2, 3};
    uint8_t *k1 = crypto_secure_alloc(DC_KEY_BYTES);
    uint8_t *k2 = crypto_secure_alloc(DC_KEY_BYTES);
    struct err e = ERR_INIT;
    uint64_t ops;
    size_t mem;

    (void)state;
    crypto_pass_cost(CRYPTO_PASS_INTERACTIVE, &ops, &mem);
    assert_int_equal(crypto_pass_derive("pw", 2, salt, ops, mem, k1, &e),
                     ERR_OK);
    assert_int_equal(crypto_pass_derive("pw", 2, salt, ops, mem, k2, &e),
                     ERR_OK);
    assert_memory_equal(k1, k2, DC_KEY_BYTES);
    assert_int_equal(crypto_pass_derive("px", 2, salt, ops, mem, k2, &e),
                     ERR_OK);
    assert_memory_not_equal(k1, k2, DC_KEY_BYTES);
    assert_int_equal(crypto_pass_derive("pw", 2, salt, 0, mem, k2, &e),
                     ERR_INVALID);
    crypto_secure_free(k1);
    crypto_secure_free(k2);
}

/*
 * crypto_enc runs secretstream's per-message work through OpenSSL: check
 * it against libsodium itself, both ways, over message sizes around the
 * 64-byte block and with associated data, across many messages (the
 * nonce evolves with every MAC) and the final tag (which rekeys).
 */
static void test_stream_vs_libsodium(void **state)
{
    static const size_t sizes[] = {0,  1,    15,   16,    17, 63, 64,
                                   65, 1000, 4096, 70000, 0,  3};
    const size_t nmsg = sizeof(sizes) / sizeof(sizes[0]);
    uint8_t key[DC_KEY_BYTES], hdr[DC_ENC_HEADER_BYTES];
    uint8_t *m = malloc(70000), *c = malloc(70000 + DC_ENC_ABYTES),
            *p = malloc(70000);
    crypto_secretstream_xchacha20poly1305_state ref;
    struct crypto_enc *st;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(crypto_init(&e), ERR_OK);
    crypto_random(m, 70000);
    for (int round = 0; round < 3; round++) {
        crypto_key_new(key);
        /* Ours -> libsodium. */
        st = crypto_enc_push_new(key, hdr);
        assert_int_equal(
            crypto_secretstream_xchacha20poly1305_init_pull(&ref, hdr, key), 0);
        for (size_t i = 0; i < nmsg; i++) {
            bool fin = i + 1 == nmsg;
            const uint8_t *ad = (i % 3 == 1) ? m + 5 : NULL;
            size_t adlen = ad ? i + 1 : 0;
            unsigned long long mlen = 0;
            unsigned char tag = 0xff;

            crypto_enc_push(st, m, sizes[i], ad, adlen, fin, c);
            assert_int_equal(crypto_secretstream_xchacha20poly1305_pull(
                                 &ref, p, &mlen, &tag, c,
                                 sizes[i] + DC_ENC_ABYTES, ad, adlen),
                             0);
            assert_int_equal(mlen, sizes[i]);
            if (sizes[i])
                assert_memory_equal(p, m, sizes[i]);
            assert_int_equal(
                tag, fin ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        }
        crypto_enc_free(st);
        /* libsodium -> ours. */
        assert_int_equal(
            crypto_secretstream_xchacha20poly1305_init_push(&ref, hdr, key), 0);
        assert_int_equal(crypto_enc_pull_new(key, hdr, &st, &e), ERR_OK);
        for (size_t i = 0; i < nmsg; i++) {
            bool fin = i + 1 == nmsg, got_final = !fin;
            const uint8_t *ad = (i % 4 == 2) ? m + 9 : NULL;
            size_t adlen = ad ? 2 * i : 0;

            assert_int_equal(
                crypto_secretstream_xchacha20poly1305_push(
                    &ref, c, NULL, m + i, sizes[i], ad, adlen,
                    fin ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0),
                0);
            assert_int_equal(crypto_enc_pull(st, c, sizes[i] + DC_ENC_ABYTES,
                                             ad, adlen, p, &got_final, &e),
                             ERR_OK);
            assert_int_equal(got_final, fin);
            if (sizes[i])
                assert_memory_equal(p, m + i, sizes[i]);
        }
        crypto_enc_free(st);
    }
    free(m);
    free(c);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_stream_vs_libsodium),
        cmocka_unit_test(test_sig),
        cmocka_unit_test(test_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
