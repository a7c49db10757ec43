/*
 * crypto: thin, checked wrappers over libsodium and OpenSSL libcrypto.
 * Must not do I/O beyond the CSPRNG, and must not know about cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "crypto/crypto.h"
#include "util/banned.h"

struct crypto_sha256 {
    EVP_MD_CTX *ctx;
};

struct crypto_enc {
    crypto_secretstream_xchacha20poly1305_state st;
};

_Static_assert(DC_ENC_HEADER_BYTES ==
                   crypto_secretstream_xchacha20poly1305_HEADERBYTES,
               "secretstream header size");
_Static_assert(DC_ENC_ABYTES == crypto_secretstream_xchacha20poly1305_ABYTES,
               "secretstream overhead");
_Static_assert(DC_KEY_BYTES == crypto_secretstream_xchacha20poly1305_KEYBYTES,
               "secretstream key size");
_Static_assert(DC_WRAPPED_BYTES == crypto_secretbox_NONCEBYTES +
                                       crypto_secretbox_MACBYTES +
                                       crypto_secretbox_KEYBYTES,
               "wrapped key size");
_Static_assert(DC_SIG_PK_BYTES == crypto_sign_PUBLICKEYBYTES, "pk size");
_Static_assert(DC_SIG_SK_BYTES == crypto_sign_SECRETKEYBYTES, "sk size");
_Static_assert(DC_SIG_BYTES == crypto_sign_BYTES, "sig size");
_Static_assert(DC_SALT_BYTES == crypto_pwhash_SALTBYTES, "salt size");

enum err_code crypto_init(struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_CRYPTO, "cannot initialise libsodium");
    return ERR_OK;
}

static void ensure_init(void)
{
    /* sodium_init is idempotent and thread-safe; a failure is fatal. */
    if (sodium_init() < 0) {
        fprintf(stderr, "dossier: fatal: cannot initialise libsodium\n");
        abort();
    }
}

void crypto_random(void *buf, size_t n)
{
    ensure_init();
    randombytes_buf(buf, n);
}

void crypto_hex(const uint8_t *in, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, in, n);
}

enum err_code crypto_unhex(const char *hex, uint8_t *out, size_t n,
                           struct err *e)
{
    size_t got = 0;

    if (strlen(hex) != 2 * n ||
        sodium_hex2bin(out, n, hex, 2 * n, NULL, &got, NULL) != 0 || got != n)
        return err_set(e, ERR_INVALID, "bad hex value '%.80s'", hex);
    return ERR_OK;
}

bool crypto_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}

void *crypto_secure_alloc(size_t n)
{
    void *p;

    ensure_init();
    p = sodium_malloc(n);
    if (!p) {
        fprintf(stderr, "dossier: fatal: out of secure memory\n");
        abort();
    }
    return p;
}

void crypto_secure_free(void *p)
{
    if (p)
        sodium_free(p);
}

void crypto_wipe(void *p, size_t n)
{
    sodium_memzero(p, n);
}

/* --- SHA-256 ----------------------------------------------------------- */

struct crypto_sha256 *crypto_sha256_new(void)
{
    struct crypto_sha256 *h = malloc(sizeof(*h));

    if (!h)
        abort();
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        fprintf(stderr, "dossier: fatal: cannot start SHA-256\n");
        abort();
    }
    return h;
}

void crypto_sha256_update(struct crypto_sha256 *h, const void *data, size_t n)
{
    if (n && EVP_DigestUpdate(h->ctx, data, n) != 1)
        abort();
}

void crypto_sha256_final(struct crypto_sha256 *h, uint8_t out[DC_SHA256_BYTES])
{
    unsigned int len = 0;

    if (EVP_DigestFinal_ex(h->ctx, out, &len) != 1 || len != DC_SHA256_BYTES)
        abort();
}

void crypto_sha256_free(struct crypto_sha256 *h)
{
    if (!h)
        return;
    EVP_MD_CTX_free(h->ctx);
    free(h);
}

void crypto_sha256(const void *data, size_t n, uint8_t out[DC_SHA256_BYTES])
{
    struct crypto_sha256 *h = crypto_sha256_new();

    crypto_sha256_update(h, data, n);
    crypto_sha256_final(h, out);
    crypto_sha256_free(h);
}

/* --- secretstream ------------------------------------------------------ */

struct crypto_enc *crypto_enc_push_new(const uint8_t *key,
                                       uint8_t header[DC_ENC_HEADER_BYTES])
{
    struct crypto_enc *st = crypto_secure_alloc(sizeof(*st));

    crypto_secretstream_xchacha20poly1305_init_push(&st->st, header, key);
    return st;
}

void crypto_enc_push(struct crypto_enc *st, const uint8_t *in, size_t n,
                     const uint8_t *ad, size_t adlen, bool final, uint8_t *out)
{
    unsigned char tag = final
                            ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;

    crypto_secretstream_xchacha20poly1305_push(&st->st, out, NULL, in, n, ad,
                                               adlen, tag);
}

enum err_code crypto_enc_pull_new(const uint8_t *key,
                                  const uint8_t header[DC_ENC_HEADER_BYTES],
                                  struct crypto_enc **out, struct err *e)
{
    struct crypto_enc *st = crypto_secure_alloc(sizeof(*st));

    *out = NULL;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st->st, header, key) !=
        0) {
        crypto_secure_free(st);
        return err_set(e, ERR_CRYPTO, "bad encrypted stream header");
    }
    *out = st;
    return ERR_OK;
}

enum err_code crypto_enc_pull(struct crypto_enc *st, const uint8_t *in,
                              size_t n, const uint8_t *ad, size_t adlen,
                              uint8_t *out, bool *final, struct err *e)
{
    unsigned char tag = 0;

    if (n < DC_ENC_ABYTES)
        return err_set(e, ERR_CRYPTO, "truncated encrypted chunk");
    if (crypto_secretstream_xchacha20poly1305_pull(&st->st, out, NULL, &tag, in,
                                                   n, ad, adlen) != 0)
        return err_set(e, ERR_CRYPTO,
                       "encrypted chunk failed authentication (altered or "
                       "wrong key)");
    *final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return ERR_OK;
}

void crypto_enc_free(struct crypto_enc *st)
{
    crypto_secure_free(st);
}

/* --- key wrapping ------------------------------------------------------ */

void crypto_key_new(uint8_t *key)
{
    crypto_random(key, DC_KEY_BYTES);
}

void crypto_key_wrap(const uint8_t *kek, const uint8_t *key, uint8_t *out)
{
    crypto_random(out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, key, DC_KEY_BYTES,
                          out, kek);
}

enum err_code crypto_key_unwrap(const uint8_t *kek, const uint8_t *wrapped,
                                uint8_t *key, struct err *e)
{
    ensure_init();
    if (crypto_secretbox_open_easy(
            key, wrapped + crypto_secretbox_NONCEBYTES,
            DC_WRAPPED_BYTES - crypto_secretbox_NONCEBYTES, wrapped, kek) != 0)
        return err_set(e, ERR_AUTH,
                       "cannot unwrap key (wrong key or altered key file)");
    return ERR_OK;
}

/* --- Ed25519 ----------------------------------------------------------- */

void crypto_sig_keypair(uint8_t pk[DC_SIG_PK_BYTES],
                        uint8_t sk[DC_SIG_SK_BYTES])
{
    ensure_init();
    crypto_sign_keypair(pk, sk);
}

void crypto_sig_public_from_seed(const uint8_t *seed,
                                 uint8_t pk[DC_SIG_PK_BYTES])
{
    uint8_t *sk = crypto_secure_alloc(DC_SIG_SK_BYTES);

    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_secure_free(sk);
}

void crypto_sig_sign(const uint8_t sk[DC_SIG_SK_BYTES], const void *msg,
                     size_t n, uint8_t sig[DC_SIG_BYTES])
{
    ensure_init();
    crypto_sign_detached(sig, NULL, msg, n, sk);
}

bool crypto_sig_verify(const uint8_t pk[DC_SIG_PK_BYTES], const void *msg,
                       size_t n, const uint8_t sig[DC_SIG_BYTES])
{
    ensure_init();
    return crypto_sign_verify_detached(sig, msg, n, pk) == 0;
}

/* --- Argon2id ---------------------------------------------------------- */

void crypto_pass_cost(enum crypto_pass_cost c, uint64_t *opslimit,
                      size_t *memlimit)
{
    if (c == CRYPTO_PASS_INTERACTIVE) {
        *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    } else {
        *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
        *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
    }
}

enum err_code crypto_pass_derive(const char *pass, size_t passlen,
                                 const uint8_t salt[DC_SALT_BYTES],
                                 uint64_t opslimit, size_t memlimit,
                                 uint8_t *key, struct err *e)
{
    ensure_init();
    if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > 64 ||
        memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > ((size_t)4 << 30))
        return err_set(e, ERR_INVALID, "bad argon2id parameters");
    if (crypto_pwhash(key, DC_KEY_BYTES, pass, passlen, salt, opslimit,
                      memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ERR_NOMEM,
                       "argon2id needs more memory than is available");
    return ERR_OK;
}
