/*
 * crypto: the only module that includes <sodium.h> or OpenSSL headers.
 * SHA-256 (OpenSSL EVP, which uses the CPU's SHA instructions), streaming
 * authenticated encryption (libsodium secretstream XChaCha20-Poly1305),
 * key wrapping (crypto_secretbox, XSalsa20-Poly1305), Ed25519 signatures,
 * Argon2id passphrase keys, secure memory, constant-time compares and hex.
 *
 * Names avoid libsodium's own prefixes (crypto_stream_, crypto_sign_,
 * crypto_pwhash_ ...): ours are crypto_sha256_, crypto_enc_, crypto_sig_,
 * crypto_pass_, crypto_key_.
 *
 * Secrets: keys live in crypto_secure_alloc memory (guarded, locked) or are
 * wiped with crypto_wipe on every path. Every function whose result says
 * whether data is authentic is warn_unused_result.
 */
#ifndef CRYPTO_CRYPTO_H
#define CRYPTO_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define CRYPTO_WUR __attribute__((warn_unused_result))

#define DC_SHA256_BYTES 32
#define DC_SHA256_HEX 65 /* 64 hex digits + NUL */
#define DC_KEY_BYTES 32  /* symmetric keys (case key, object keys) */
#define DC_WRAPPED_BYTES (24 + 16 + 32) /* nonce + MAC + key */
#define DC_SIG_PK_BYTES 32
#define DC_SIG_SK_BYTES 64
#define DC_SIG_BYTES 64
#define DC_ENC_HEADER_BYTES 24 /* secretstream header */
#define DC_ENC_ABYTES 17       /* per-chunk overhead (tag + MAC) */
#define DC_SALT_BYTES 16

/* Initialises libsodium; call once before anything else (idempotent). */
enum err_code crypto_init(struct err *e) CRYPTO_WUR;

/* Fills buf with n bytes from the system CSPRNG. */
void crypto_random(void *buf, size_t n);

/* Writes 2n lowercase hex digits and a NUL to out (2n+1 bytes). */
void crypto_hex(const uint8_t *in, size_t n, char *out);
/* Decodes exactly 2n hex digits from hex into out; ERR_INVALID otherwise. */
enum err_code crypto_unhex(const char *hex, uint8_t *out, size_t n,
                           struct err *e) CRYPTO_WUR;

/* Constant-time equality of two n-byte buffers. */
bool crypto_equal(const void *a, const void *b, size_t n) CRYPTO_WUR;

/*
 * Guarded, mlocked memory for secrets; never NULL (aborts on OOM).
 * Free with crypto_secure_free (wipes it; p may be NULL).
 */
void *crypto_secure_alloc(size_t n);
void crypto_secure_free(void *p);
/* Overwrites n bytes at p with zeros in a way the compiler keeps. */
void crypto_wipe(void *p, size_t n);

/* --- SHA-256 ----------------------------------------------------------- */

struct crypto_sha256;

/* Returns an owned context (free with crypto_sha256_free). */
struct crypto_sha256 *crypto_sha256_new(void);
void crypto_sha256_update(struct crypto_sha256 *h, const void *data, size_t n);
/* Writes the digest; the context can then only be freed. */
void crypto_sha256_final(struct crypto_sha256 *h, uint8_t out[DC_SHA256_BYTES]);
void crypto_sha256_free(struct crypto_sha256 *h);
/* One-shot digest of a buffer. */
void crypto_sha256(const void *data, size_t n, uint8_t out[DC_SHA256_BYTES]);

/* --- streaming encryption (secretstream XChaCha20-Poly1305) ------------ */

struct crypto_enc;

/*
 * Starts encrypting with key (borrowed, DC_KEY_BYTES); writes the stream
 * header to header. Returns owned state (free with crypto_enc_free).
 */
struct crypto_enc *crypto_enc_push_new(const uint8_t *key,
                                       uint8_t header[DC_ENC_HEADER_BYTES]);
/*
 * Encrypts one chunk of n bytes into out (n + DC_ENC_ABYTES bytes). final
 * marks the last chunk of the stream. ad (may be NULL, adlen 0) is
 * authenticated but not stored.
 */
void crypto_enc_push(struct crypto_enc *st, const uint8_t *in, size_t n,
                     const uint8_t *ad, size_t adlen, bool final, uint8_t *out);
/*
 * Starts decrypting; ERR_CRYPTO if the header is invalid. On success *out
 * is owned (free with crypto_enc_free).
 */
enum err_code crypto_enc_pull_new(const uint8_t *key,
                                  const uint8_t header[DC_ENC_HEADER_BYTES],
                                  struct crypto_enc **out,
                                  struct err *e) CRYPTO_WUR;
/*
 * Decrypts one chunk of n bytes (n >= DC_ENC_ABYTES) into out
 * (n - DC_ENC_ABYTES bytes); *final tells whether it was the last chunk.
 * ERR_CRYPTO when the chunk is forged, altered, truncated or out of order.
 */
enum err_code crypto_enc_pull(struct crypto_enc *st, const uint8_t *in,
                              size_t n, const uint8_t *ad, size_t adlen,
                              uint8_t *out, bool *final,
                              struct err *e) CRYPTO_WUR;
/* Wipes and frees; st may be NULL. */
void crypto_enc_free(struct crypto_enc *st);

/* --- key wrapping --------------------------------------------------------*/

/* Makes a random key into key (DC_KEY_BYTES). */
void crypto_key_new(uint8_t *key);
/* Encrypts key under kek (both DC_KEY_BYTES) into out (DC_WRAPPED_BYTES). */
void crypto_key_wrap(const uint8_t *kek, const uint8_t *key, uint8_t *out);
/* Reverses crypto_key_wrap; ERR_AUTH if kek is wrong or out was altered. */
enum err_code crypto_key_unwrap(const uint8_t *kek, const uint8_t *wrapped,
                                uint8_t *key, struct err *e) CRYPTO_WUR;

/* --- Ed25519 -------------------------------------------------------------*/

void crypto_sig_keypair(uint8_t pk[DC_SIG_PK_BYTES],
                        uint8_t sk[DC_SIG_SK_BYTES]);
/* Derives the public key from a secret key's 32-byte seed (the first
 * half of sk). */
void crypto_sig_public_from_seed(const uint8_t *seed,
                                 uint8_t pk[DC_SIG_PK_BYTES]);
void crypto_sig_sign(const uint8_t sk[DC_SIG_SK_BYTES], const void *msg,
                     size_t n, uint8_t sig[DC_SIG_BYTES]);
/* True when sig is pk's signature over msg. */
bool crypto_sig_verify(const uint8_t pk[DC_SIG_PK_BYTES], const void *msg,
                       size_t n, const uint8_t sig[DC_SIG_BYTES]) CRYPTO_WUR;

/* --- passphrases (Argon2id) ----------------------------------------------*/

/* Argon2id cost: "interactive" for tests, "moderate" by default. */
enum crypto_pass_cost {
    CRYPTO_PASS_INTERACTIVE = 0,
    CRYPTO_PASS_MODERATE,
};

/*
 * Derives a DC_KEY_BYTES key from a passphrase and salt with Argon2id at
 * the given (opslimit, memlimit). ERR_NOMEM if the memory limit cannot be
 * met. key should be secure memory.
 */
enum err_code crypto_pass_derive(const char *pass, size_t passlen,
                                 const uint8_t salt[DC_SALT_BYTES],
                                 uint64_t opslimit, size_t memlimit,
                                 uint8_t *key, struct err *e) CRYPTO_WUR;
/* The (opslimit, memlimit) pair for a cost level. */
void crypto_pass_cost(enum crypto_pass_cost c, uint64_t *opslimit,
                      size_t *memlimit);

#endif
