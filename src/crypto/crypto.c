/*
 * crypto: thin, checked wrappers over libsodium and OpenSSL libcrypto.
 * Must not do I/O beyond the CSPRNG, and must not know about cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "crypto/crypto.h"
#include "util/banned.h"

struct crypto_sha256 {
    EVP_MD_CTX *ctx;
};

/*
 * Secretstream state. libsodium makes the state (HChaCha20 subkey and
 * nonce at init); the bulk work of each message, ChaCha20 and Poly1305,
 * runs through OpenSSL, whose AVX-512 code is two to three times faster
 * here than libsodium's. The construction is libsodium's secretstream
 * exactly (test_crypto checks both directions against libsodium).
 */
struct crypto_enc {
    crypto_secretstream_xchacha20poly1305_state st; /* k[32], nonce[12] */
    EVP_CIPHER_CTX *cc;
    EVP_MAC *mac;
    EVP_MAC_CTX *mc;
};

#define SS_COUNTER(s) ((s)->st.nonce)
#define SS_INONCE(s) ((s)->st.nonce + 4)
#define SS_TAG_REKEY crypto_secretstream_xchacha20poly1305_TAG_REKEY

static const unsigned char pad0[16];

static void ossl_fatal(const char *what)
{
    fprintf(stderr, "dossier: fatal: %s failed in libcrypto\n", what);
    abort();
}

static void enc_ossl_new(struct crypto_enc *st)
{
    st->cc = EVP_CIPHER_CTX_new();
    st->mac = EVP_MAC_fetch(NULL, "POLY1305", NULL);
    st->mc = st->mac ? EVP_MAC_CTX_new(st->mac) : NULL;
    if (!st->cc || !st->mc)
        ossl_fatal("chacha20/poly1305 setup");
}

/* out = in XOR ChaCha20(k, nonce) keystream from block counter ic. */
static void chacha_xor(struct crypto_enc *s, uint32_t ic,
                       const unsigned char *in, unsigned char *out, size_t n)
{
    unsigned char iv[16];
    int ol;

    iv[0] = (unsigned char)ic;
    iv[1] = (unsigned char)(ic >> 8);
    iv[2] = (unsigned char)(ic >> 16);
    iv[3] = (unsigned char)(ic >> 24);
    memcpy(iv + 4, s->st.nonce, 12);
    if (EVP_EncryptInit_ex(s->cc, EVP_chacha20(), NULL, s->st.k, iv) != 1)
        ossl_fatal("chacha20 init");
    while (n) {
        int k = n > (1u << 30) ? 1 << 30 : (int)n;

        if (EVP_EncryptUpdate(s->cc, out, &ol, in, k) != 1 || ol != k)
            ossl_fatal("chacha20");
        in += k;
        out += k;
        n -= (size_t)k;
    }
}

static void poly(struct crypto_enc *s, const void *p, size_t n)
{
    if (n && EVP_MAC_update(s->mc, p, n) != 1)
        ossl_fatal("poly1305");
}

static void store64_le(unsigned char out[8], uint64_t v)
{
    for (int i = 0; i < 8; i++)
        out[i] = (unsigned char)(v >> (8 * i));
}

/*
 * The MAC of one secretstream message: Poly1305 keyed by keystream block
 * 0 over ad, pad, the 64-byte tag block (encrypted), c, pad, lengths.
 */
static void ss_mac(struct crypto_enc *s, const unsigned char *ad, size_t adlen,
                   const unsigned char tagblock[64], const unsigned char *c,
                   size_t mlen, unsigned char mac[16])
{
    unsigned char block[64], slen[8];
    size_t outl = 0;

    memset(block, 0, sizeof(block));
    chacha_xor(s, 0, block, block, sizeof(block));
    if (EVP_MAC_init(s->mc, block, 32, NULL) != 1)
        ossl_fatal("poly1305 init");
    sodium_memzero(block, sizeof(block));
    poly(s, ad, adlen);
    poly(s, pad0, (0x10 - adlen) & 0xf);
    poly(s, tagblock, 64);
    poly(s, c, mlen);
    /* Exactly libsodium's padding expression, (0x10 - 64 + mlen) & 0xf,
     * which is not the usual AEAD pad; keep it for compatibility. */
    poly(s, pad0, (0x10 - (size_t)64 + mlen) & 0xf);
    store64_le(slen, adlen);
    poly(s, slen, 8);
    store64_le(slen, 64 + mlen);
    poly(s, slen, 8);
    if (EVP_MAC_final(s->mc, mac, &outl, 16) != 1 || outl != 16)
        ossl_fatal("poly1305 final");
}

/* After each message: fold the MAC into the nonce, count, maybe rekey. */
static void ss_advance(struct crypto_enc *s, const unsigned char mac[16],
                       unsigned char tag)
{
    for (int i = 0; i < 8; i++)
        SS_INONCE(s)[i] ^= mac[i];
    sodium_increment(SS_COUNTER(s), 4);
    if ((tag & SS_TAG_REKEY) || sodium_is_zero(SS_COUNTER(s), 4)) {
        unsigned char nk[32 + 8];

        memcpy(nk, s->st.k, 32);
        memcpy(nk + 32, SS_INONCE(s), 8);
        chacha_xor(s, 0, nk, nk, sizeof(nk));
        memcpy(s->st.k, nk, 32);
        memcpy(SS_INONCE(s), nk + 32, 8);
        sodium_memzero(nk, sizeof(nk));
        memset(SS_COUNTER(s), 0, 4);
        SS_COUNTER(s)[0] = 1;
    }
}

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

    memset(st, 0, sizeof(*st));
    crypto_secretstream_xchacha20poly1305_init_push(&st->st, header, key);
    enc_ossl_new(st);
    return st;
}

void crypto_enc_push(struct crypto_enc *st, const uint8_t *in, size_t n,
                     const uint8_t *ad, size_t adlen, bool final, uint8_t *out)
{
    unsigned char tag = final
                            ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    unsigned char block[64];

    memset(block, 0, sizeof(block));
    block[0] = tag;
    chacha_xor(st, 1, block, block, sizeof(block));
    out[0] = block[0];
    chacha_xor(st, 2, in, out + 1, n);
    ss_mac(st, ad, adlen, block, out + 1, n, out + 1 + n);
    ss_advance(st, out + 1 + n, tag);
    sodium_memzero(block, sizeof(block));
}

enum err_code crypto_enc_pull_new(const uint8_t *key,
                                  const uint8_t header[DC_ENC_HEADER_BYTES],
                                  struct crypto_enc **out, struct err *e)
{
    struct crypto_enc *st = crypto_secure_alloc(sizeof(*st));

    memset(st, 0, sizeof(*st));
    *out = NULL;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st->st, header, key) !=
        0) {
        crypto_secure_free(st);
        return err_set(e, ERR_CRYPTO, "bad encrypted stream header");
    }
    enc_ossl_new(st);
    *out = st;
    return ERR_OK;
}

enum err_code crypto_enc_pull(struct crypto_enc *st, const uint8_t *in,
                              size_t n, const uint8_t *ad, size_t adlen,
                              uint8_t *out, bool *final, struct err *e)
{
    unsigned char block[64], mac[16], tag;
    size_t mlen;

    if (n < DC_ENC_ABYTES)
        return err_set(e, ERR_CRYPTO, "truncated encrypted chunk");
    mlen = n - DC_ENC_ABYTES;
    memset(block, 0, sizeof(block));
    block[0] = in[0];
    chacha_xor(st, 1, block, block, sizeof(block));
    tag = block[0];
    block[0] = in[0];
    ss_mac(st, ad, adlen, block, in + 1, mlen, mac);
    sodium_memzero(block, sizeof(block));
    /* Check before decrypting anything (as libsodium does). */
    if (sodium_memcmp(mac, in + 1 + mlen, 16) != 0) {
        sodium_memzero(mac, sizeof(mac));
        return err_set(e, ERR_CRYPTO,
                       "encrypted chunk failed authentication (altered or "
                       "wrong key)");
    }
    chacha_xor(st, 2, in + 1, out, mlen);
    ss_advance(st, mac, tag);
    *final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return ERR_OK;
}

void crypto_enc_free(struct crypto_enc *st)
{
    if (!st)
        return;
    EVP_CIPHER_CTX_free(st->cc);
    EVP_MAC_CTX_free(st->mc);
    EVP_MAC_free(st->mac);
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
