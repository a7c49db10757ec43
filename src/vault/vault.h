/*
 * vault: the case's content-addressed, encrypted evidence store and its
 * keys. Objects live in CASE/vault/objects/ab/cdef... named by the SHA-256
 * of their plaintext; each is encrypted (secretstream XChaCha20-Poly1305)
 * under its own random key, which is wrapped by the case key. Objects are
 * written to a temporary file, fsynced and linked into place only when
 * complete, so a crash leaves an object wholly present or absent.
 * Originals never change: opening writes a decrypted working copy.
 *
 * Keys (CASE/keys/): the case key (32 bytes) and the seed of the case's
 * Ed25519 signing key. With a passphrase set, the case key is stored only
 * wrapped by an Argon2id-derived key; see docs/internals/keys.md.
 *
 * Features never print: every function reports through struct err.
 */
#ifndef VAULT_VAULT_H
#define VAULT_VAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"
#include "util/err.h"

struct vault;

/* Default cap on one object's plaintext size (64 GiB). */
#define VAULT_DEFAULT_CAP ((uint64_t)64 << 30)

/*
 * Creates CASE/keys/ (mode 0700) with a new case key and Ed25519 keypair,
 * and CASE/vault/objects/. When $DOSSIER_PASSPHRASE is set and non-empty
 * the case key is written only wrapped by it (Argon2id); otherwise in
 * clear until `dossier passwd` sets one. ERR_CONFLICT if keys exist.
 * Called by `dossier init`.
 */
enum err_code vault_case_init(const char *case_dir, struct err *e);
/* Same with an explicit passphrase (NULL or "" = none). Borrows all. */
enum err_code vault_case_init_pass(const char *case_dir, const char *pass,
                                   struct err *e);

/* True when the case key is protected by a passphrase. */
bool vault_needs_passphrase(const char *case_dir);

/*
 * Opens the vault of a case, unwrapping the keys (pass is needed only when
 * vault_needs_passphrase; else ignored, may be NULL). ERR_AUTH on a wrong
 * passphrase, ERR_NOTFOUND when the case has no keys. On success *out is
 * owned (free with vault_close, which wipes the keys).
 */
enum err_code vault_open(const char *case_dir, const char *pass,
                         struct vault **out, struct err *e);
void vault_close(struct vault *v);

/* Sets the plaintext size cap for vault_add_file (0 = default). */
void vault_set_size_cap(struct vault *v, uint64_t cap);

/*
 * Changes the passphrase: old_pass unlocks (ignored when none is set);
 * new_pass NULL or "" removes the passphrase (the key is then stored in
 * clear). The key file is replaced atomically. Test and automation use
 * pass cost CRYPTO_PASS_INTERACTIVE when $DOSSIER_ARGON2_FAST is set.
 */
enum err_code vault_passwd(const char *case_dir, const char *old_pass,
                           const char *new_pass, struct err *e);

/* The case's Ed25519 public key (borrowed, DC_SIG_PK_BYTES). */
const uint8_t *vault_public_key(const struct vault *v);
/* Signs msg with the case key into sig (DC_SIG_BYTES). */
void vault_sign(const struct vault *v, const void *msg, size_t n,
                uint8_t sig[DC_SIG_BYTES]);
/* Case folder (borrowed). */
const char *vault_case_dir(const struct vault *v);

/* --- objects ------------------------------------------------------------*/

/* What vault_add_file learnt about a file. Release with vault_meta_release */
struct vault_meta {
    char hash[DC_SHA256_HEX]; /* hex SHA-256 of the plaintext */
    uint64_t size;            /* bytes */
    char media_type[128];     /* libmagic MIME type */
    char *orig_name;          /* base name of the source (owned) */
    char mtime[32];           /* file modification time, ISO UTC */
    char exif_time[32];       /* EXIF DateTimeOriginal, "" if none */
    char exif_gps[96];        /* "lat,lon" in decimal degrees, "" if none */
    char exif_device[160];    /* EXIF Make + Model, "" if none */
    bool duplicate;           /* the object was already in the vault */
};

void vault_meta_release(struct vault_meta *m);

/*
 * Adds the file at path: reads it once, hashing and encrypting in a
 * two-thread pipeline, and links the object into place. A file already
 * present is stored once (meta->duplicate set). Fills *meta (release with
 * vault_meta_release). Errors: ERR_IO (unreadable, disk full: nothing is
 * left behind), ERR_TOOBIG (over the size cap), ERR_INVALID (not a
 * regular file).
 */
enum err_code vault_add_file(struct vault *v, const char *path,
                             struct vault_meta *meta, struct err *e);

/*
 * Adds a memory buffer (e.g. a WARC capture) as an object; writes the hex
 * hash into hash and sets *duplicate.
 */
enum err_code vault_add_buf(struct vault *v, const void *data, size_t n,
                            char hash[DC_SHA256_HEX], bool *duplicate,
                            struct err *e);

/* True when an object with this hex hash is in the vault. */
bool vault_has(const struct vault *v, const char *hash);

/*
 * Decrypts object hash into a new file at path (temp file then rename;
 * ERR_CONFLICT if path exists). The object is read only.
 * The plaintext is re-hashed on the way: ERR_CRYPTO if it does not match.
 */
enum err_code vault_open_to(struct vault *v, const char *hash, const char *path,
                            struct err *e);

/*
 * Decrypts object hash into memory (at most max bytes: ERR_TOOBIG past
 * that). *out is owned (free()), *n its size. Checked like vault_open_to.
 */
enum err_code vault_read(struct vault *v, const char *hash, size_t max,
                         uint8_t **out, size_t *n, struct err *e);

/*
 * Streaming, single-threaded decryption of one object (for writers that
 * pull, such as the zip bundle). vault_reader_open sets *size (may be
 * NULL) to the plaintext size; *out owned (free with
 * vault_reader_close). vault_reader_read fills up to n bytes, *got 0 at
 * the end; the read that reaches the end checks the content hash
 * (ERR_CRYPTO if it does not match: discard what was read).
 */
struct vault_reader;
enum err_code vault_reader_open(struct vault *v, const char *hash,
                                struct vault_reader **out, uint64_t *size,
                                struct err *e);
enum err_code vault_reader_read(struct vault_reader *r, void *buf, size_t n,
                                size_t *got, struct err *e);
void vault_reader_close(struct vault_reader *r);

/*
 * Re-hashes object hash by decrypting it. ERR_NOTFOUND (missing),
 * ERR_CRYPTO (altered: failed authentication or hash mismatch), with the
 * message naming the object and what is wrong.
 */
enum err_code vault_verify(struct vault *v, const char *hash, struct err *e);

typedef int (*vault_object_cb)(const char *hash, void *ctx);
/* Calls cb for each object file in the vault (unordered). */
enum err_code vault_each_object(struct vault *v, vault_object_cb cb, void *ctx,
                                struct err *e);

/* Path of object hash's file (owned; free()). */
char *vault_object_path(const struct vault *v, const char *hash);

/* True when s is 64 lowercase hex digits. */
bool vault_is_hash(const char *s);

#endif
