/*
 * vault: case keys and the encrypted object store. Object format
 * (docs/internals/keys.md):
 *
 *   "DSVAULT1"                 8 bytes magic
 *   wrapped object key         DC_WRAPPED_BYTES (secretbox under case key)
 *   secretstream header        DC_ENC_HEADER_BYTES
 *   chunks                     VAULT_CHUNK plaintext bytes each + 17; the
 *                              last (shorter, maybe empty) is tagged FINAL
 *                              and authenticates the plaintext SHA-256 as
 *                              associated data, binding object to name.
 *
 * Adding runs a two-stage pipeline: a producer thread reads and hashes
 * (and sniffs) the file while the calling thread encrypts and writes, so
 * SHA-256 and XChaCha20 run on both cores at once. Memory is
 * VAULT_SLOTS chunks whatever the file size.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "vault/meta.h"
#include "vault/vault.h"
#include "util/banned.h"

#define VAULT_MAGIC "DSVAULT1"
#define VAULT_MAGIC_LEN 8
#define VAULT_CHUNK (1024 * 1024)
#define VAULT_SLOTS 6
#define VAULT_HDR_LEN (VAULT_MAGIC_LEN + DC_WRAPPED_BYTES + DC_ENC_HEADER_BYTES)
#define KEYFILE_MAX 4096
#define SYNC_EVERY (32u << 20) /* start writeback every 32 MiB */

struct vault {
    char *case_dir;
    uint8_t *case_key; /* secure memory, DC_KEY_BYTES */
    uint8_t *sign_sk;  /* secure memory, DC_SIG_SK_BYTES */
    uint8_t sign_pk[DC_SIG_PK_BYTES];
    uint64_t cap;
};

/* --- small file helpers ------------------------------------------------ */

static char *path_join(const char *a, const char *b)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addf(&sb, "%s/%s", a, b);
    return strbuf_detach(&sb, NULL);
}

static enum err_code fsync_dir(const char *dir, struct err *e)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return err_set(e, ERR_IO, "cannot open folder '%s': %s", dir,
                       strerror(errno));
    if (fsync(fd) != 0 && errno != EINVAL) {
        close(fd);
        return err_set(e, ERR_IO, "cannot sync folder '%s': %s", dir,
                       strerror(errno));
    }
    close(fd);
    return ERR_OK;
}

static enum err_code mkdir_p1(const char *dir, mode_t mode, struct err *e)
{
    if (mkdir(dir, mode) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "cannot create folder '%s': %s", dir,
                       strerror(errno));
    return ERR_OK;
}

static enum err_code write_all(int fd, const void *buf, size_t n,
                               const char *what, struct err *e)
{
    const uint8_t *p = buf;

    while (n) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return err_set(e, ERR_IO, "cannot write '%s': %s", what,
                           w < 0 ? strerror(errno) : "no space");
        p += w;
        n -= (size_t)w;
    }
    return ERR_OK;
}

/* Reads up to n bytes, retrying short reads; *got < n only at end. */
static enum err_code read_full(int fd, void *buf, size_t n, size_t *got,
                               const char *what, struct err *e)
{
    uint8_t *p = buf;

    *got = 0;
    while (*got < n) {
        ssize_t r = read(fd, p + *got, n - *got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return err_set(e, ERR_IO, "cannot read '%s': %s", what,
                           strerror(errno));
        if (r == 0)
            break;
        *got += (size_t)r;
    }
    return ERR_OK;
}

/* Writes data to dir/name via a temp file, fsync and rename. */
static enum err_code write_file_atomic(const char *dir, const char *name,
                                       const void *data, size_t n, mode_t mode,
                                       struct err *e)
{
    char *path = path_join(dir, name);
    struct strbuf tmp = STRBUF_INIT;
    enum err_code rc;
    int fd;

    strbuf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
    fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        rc = err_set(e, ERR_IO, "cannot create '%s': %s", tmp.buf,
                     strerror(errno));
        goto out;
    }
    rc = write_all(fd, data, n, tmp.buf, e);
    if (!rc && fsync(fd) != 0)
        rc = err_set(e, ERR_IO, "cannot sync '%s': %s", tmp.buf,
                     strerror(errno));
    close(fd);
    if (!rc && rename(tmp.buf, path) != 0)
        rc = err_set(e, ERR_IO, "cannot rename '%s': %s", tmp.buf,
                     strerror(errno));
    if (rc)
        unlink(tmp.buf);
    else
        rc = fsync_dir(dir, e);
out:
    strbuf_release(&tmp);
    free(path);
    return rc;
}

/* --- key file ---------------------------------------------------------- */

/*
 * keys/case.key is text, one "name value" per line:
 *   dossier-case-key 1
 *   kdf none|argon2id
 *   salt HEX, ops N, mem N          (argon2id only)
 *   key HEX                         (kdf none: the case key)
 *   wrapped HEX                     (argon2id: case key wrapped)
 *   sign-seed HEX                   (Ed25519 seed wrapped by the case key)
 *   sign-pk HEX
 */
struct keyfile {
    bool pass;
    uint8_t salt[DC_SALT_BYTES];
    uint64_t ops;
    size_t mem;
    uint8_t key_or_wrapped[DC_WRAPPED_BYTES]; /* key: first 32 bytes */
    uint8_t seed_wrapped[DC_WRAPPED_BYTES];
    uint8_t pk[DC_SIG_PK_BYTES];
};

static bool argon2_fast(void)
{
    const char *s = getenv("DOSSIER_ARGON2_FAST");

    return s && *s && strcmp(s, "0") != 0;
}

static void hexline(struct strbuf *sb, const char *name, const uint8_t *b,
                    size_t n)
{
    char hex[2 * DC_WRAPPED_BYTES + 1];

    crypto_hex(b, n, hex);
    strbuf_addf(sb, "%s %s\n", name, hex);
}

static enum err_code keyfile_write(const char *case_dir,
                                   const struct keyfile *kf, struct err *e)
{
    char *dir = path_join(case_dir, "keys");
    struct strbuf sb = STRBUF_INIT;
    char pkhex[2 * DC_SIG_PK_BYTES + 2];
    enum err_code rc;

    strbuf_addstr(&sb, "dossier-case-key 1\n");
    if (kf->pass) {
        strbuf_addstr(&sb, "kdf argon2id\n");
        hexline(&sb, "salt", kf->salt, DC_SALT_BYTES);
        strbuf_addf(&sb, "ops %llu\nmem %zu\n", (unsigned long long)kf->ops,
                    kf->mem);
        hexline(&sb, "wrapped", kf->key_or_wrapped, DC_WRAPPED_BYTES);
    } else {
        strbuf_addstr(&sb, "kdf none\n");
        hexline(&sb, "key", kf->key_or_wrapped, DC_KEY_BYTES);
    }
    hexline(&sb, "sign-seed", kf->seed_wrapped, DC_WRAPPED_BYTES);
    hexline(&sb, "sign-pk", kf->pk, DC_SIG_PK_BYTES);
    rc = write_file_atomic(dir, "case.key", sb.buf, sb.len, 0600, e);
    crypto_wipe(sb.buf, sb.len);
    if (!rc) {
        crypto_hex(kf->pk, DC_SIG_PK_BYTES, pkhex);
        pkhex[2 * DC_SIG_PK_BYTES] = '\n';
        pkhex[2 * DC_SIG_PK_BYTES + 1] = '\0';
        rc = write_file_atomic(dir, "sign.pub", pkhex, strlen(pkhex), 0644, e);
    }
    strbuf_release(&sb);
    free(dir);
    return rc;
}

static enum err_code keyfile_read(const char *case_dir, struct keyfile *kf,
                                  struct err *e)
{
    char *path = path_join(case_dir, "keys/case.key");
    char buf[KEYFILE_MAX + 1];
    enum err_code rc = ERR_OK;
    size_t got = 0;
    bool have_key = false, have_seed = false, have_pk = false, v1 = false;
    char *line, *save = NULL;
    int fd;

    memset(kf, 0, sizeof(*kf));
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
                     "cannot open key file '%s': %s", path, strerror(errno));
        goto out;
    }
    rc = read_full(fd, buf, KEYFILE_MAX, &got, path, e);
    close(fd);
    if (rc)
        goto out;
    buf[got] = '\0';
    for (line = strtok_r(buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *val = strchr(line, ' ');

        if (!val)
            continue;
        *val++ = '\0';
        if (strcmp(line, "dossier-case-key") == 0)
            v1 = strcmp(val, "1") == 0;
        else if (strcmp(line, "kdf") == 0)
            kf->pass = strcmp(val, "argon2id") == 0;
        else if (strcmp(line, "salt") == 0)
            rc = crypto_unhex(val, kf->salt, DC_SALT_BYTES, e);
        else if (strcmp(line, "ops") == 0)
            kf->ops = strtoull(val, NULL, 10);
        else if (strcmp(line, "mem") == 0)
            kf->mem = (size_t)strtoull(val, NULL, 10);
        else if (strcmp(line, "key") == 0 || strcmp(line, "wrapped") == 0) {
            rc = crypto_unhex(val, kf->key_or_wrapped,
                              line[0] == 'k' ? DC_KEY_BYTES : DC_WRAPPED_BYTES,
                              e);
            have_key = true;
        } else if (strcmp(line, "sign-seed") == 0) {
            rc = crypto_unhex(val, kf->seed_wrapped, DC_WRAPPED_BYTES, e);
            have_seed = true;
        } else if (strcmp(line, "sign-pk") == 0) {
            rc = crypto_unhex(val, kf->pk, DC_SIG_PK_BYTES, e);
            have_pk = true;
        }
        if (rc)
            break;
    }
    crypto_wipe(buf, sizeof(buf));
    if (!rc && (!v1 || !have_key || !have_seed || !have_pk))
        rc = err_set(e, ERR_INVALID, "key file '%s' is damaged", path);
out:
    free(path);
    return rc;
}

bool vault_needs_passphrase(const char *case_dir)
{
    struct keyfile kf;
    bool r = keyfile_read(case_dir, &kf, NULL) == ERR_OK && kf.pass;

    crypto_wipe(&kf, sizeof(kf));
    return r;
}

/* Puts the case key into kf, wrapped by pass when pass is non-empty. */
static enum err_code keyfile_set_key(struct keyfile *kf, const uint8_t *key,
                                     const char *pass, struct err *e)
{
    enum err_code rc = ERR_OK;

    kf->pass = pass && *pass;
    if (kf->pass) {
        uint8_t *kek = crypto_secure_alloc(DC_KEY_BYTES);

        crypto_random(kf->salt, DC_SALT_BYTES);
        crypto_pass_cost(argon2_fast() ? CRYPTO_PASS_INTERACTIVE
                                       : CRYPTO_PASS_MODERATE,
                         &kf->ops, &kf->mem);
        rc = crypto_pass_derive(pass, strlen(pass), kf->salt, kf->ops, kf->mem,
                                kek, e);
        if (!rc)
            crypto_key_wrap(kek, key, kf->key_or_wrapped);
        crypto_secure_free(kek);
    } else {
        memcpy(kf->key_or_wrapped, key, DC_KEY_BYTES);
    }
    return rc;
}

enum err_code vault_case_init(const char *case_dir, struct err *e)
{
    return vault_case_init_pass(case_dir, getenv("DOSSIER_PASSPHRASE"), e);
}

enum err_code vault_case_init_pass(const char *case_dir, const char *pass,
                                   struct err *e)
{
    char *keys = path_join(case_dir, "keys");
    char *kpath = path_join(case_dir, "keys/case.key");
    char *vdir = path_join(case_dir, "vault");
    char *odir = path_join(case_dir, "vault/objects");
    uint8_t *key = crypto_secure_alloc(DC_KEY_BYTES);
    uint8_t *sk = crypto_secure_alloc(DC_SIG_SK_BYTES);
    struct keyfile kf;
    struct stat stb;
    enum err_code rc;

    memset(&kf, 0, sizeof(kf));
    rc = crypto_init(e);
    if (rc)
        goto out;
    if (stat(kpath, &stb) == 0) {
        rc = err_set(e, ERR_CONFLICT, "case '%s' already has keys", case_dir);
        goto out;
    }
    rc = mkdir_p1(keys, 0700, e);
    if (!rc)
        rc = mkdir_p1(vdir, 0700, e);
    if (!rc)
        rc = mkdir_p1(odir, 0700, e);
    if (rc)
        goto out;
    crypto_key_new(key);
    /* The signing key is kept as its 32-byte seed, wrapped by the case key;
     * the seed is the first half of libsodium's secret key. */
    crypto_sig_keypair(kf.pk, sk);
    crypto_key_wrap(key, sk, kf.seed_wrapped);
    rc = keyfile_set_key(&kf, key, pass, e);
    if (!rc)
        rc = keyfile_write(case_dir, &kf, e);
out:
    crypto_wipe(&kf, sizeof(kf));
    crypto_secure_free(key);
    crypto_secure_free(sk);
    free(keys);
    free(kpath);
    free(vdir);
    free(odir);
    return rc;
}

/* Unlocks the case key of kf into key (secure memory). */
static enum err_code keyfile_unlock(const struct keyfile *kf, const char *pass,
                                    uint8_t *key, struct err *e)
{
    enum err_code rc;
    uint8_t *kek;

    if (!kf->pass) {
        memcpy(key, kf->key_or_wrapped, DC_KEY_BYTES);
        return ERR_OK;
    }
    if (!pass || !*pass)
        return err_set(e, ERR_AUTH,
                       "the case key is protected by a passphrase; set "
                       "$DOSSIER_PASSPHRASE or run on a terminal");
    kek = crypto_secure_alloc(DC_KEY_BYTES);
    rc = crypto_pass_derive(pass, strlen(pass), kf->salt, kf->ops, kf->mem, kek,
                            e);
    if (!rc && crypto_key_unwrap(kek, kf->key_or_wrapped, key, NULL) != ERR_OK)
        rc = err_set(e, ERR_AUTH, "wrong passphrase");
    crypto_secure_free(kek);
    return rc;
}

enum err_code vault_open(const char *case_dir, const char *pass,
                         struct vault **out, struct err *e)
{
    struct vault *v = xcalloc(1, sizeof(*v));
    struct keyfile kf;
    uint8_t *seed = NULL;
    uint8_t pk[DC_SIG_PK_BYTES];
    enum err_code rc;

    *out = NULL;
    v->case_dir = xstrdup(case_dir);
    v->cap = VAULT_DEFAULT_CAP;
    v->case_key = crypto_secure_alloc(DC_KEY_BYTES);
    v->sign_sk = crypto_secure_alloc(DC_SIG_SK_BYTES);
    rc = crypto_init(e);
    if (!rc)
        rc = keyfile_read(case_dir, &kf, e);
    if (rc)
        goto out;
    rc = keyfile_unlock(&kf, pass, v->case_key, e);
    if (rc)
        goto out;
    seed = crypto_secure_alloc(DC_KEY_BYTES);
    rc = crypto_key_unwrap(v->case_key, kf.seed_wrapped, seed, e);
    if (rc)
        goto out;
    /* Rebuild the secret key from its seed: libsodium's sk is seed || pk. */
    memcpy(v->sign_sk, seed, DC_KEY_BYTES);
    crypto_sig_public_from_seed(seed, pk);
    memcpy(v->sign_sk + DC_KEY_BYTES, pk, DC_SIG_PK_BYTES);
    if (!crypto_equal(pk, kf.pk, DC_SIG_PK_BYTES)) {
        rc = err_set(e, ERR_AUTH, "signing key does not match its public key");
        goto out;
    }
    memcpy(v->sign_pk, pk, DC_SIG_PK_BYTES);
out:
    crypto_wipe(&kf, sizeof(kf));
    crypto_secure_free(seed);
    if (rc) {
        vault_close(v);
        return rc;
    }
    *out = v;
    return ERR_OK;
}

void vault_close(struct vault *v)
{
    if (!v)
        return;
    crypto_secure_free(v->case_key);
    crypto_secure_free(v->sign_sk);
    free(v->case_dir);
    free(v);
}

void vault_set_size_cap(struct vault *v, uint64_t cap)
{
    v->cap = cap ? cap : VAULT_DEFAULT_CAP;
}

enum err_code vault_passwd(const char *case_dir, const char *old_pass,
                           const char *new_pass, struct err *e)
{
    uint8_t *key = crypto_secure_alloc(DC_KEY_BYTES);
    struct keyfile kf;
    enum err_code rc;

    rc = crypto_init(e);
    if (!rc)
        rc = keyfile_read(case_dir, &kf, e);
    if (!rc)
        rc = keyfile_unlock(&kf, old_pass, key, e);
    if (!rc)
        rc = keyfile_set_key(&kf, key, new_pass, e);
    if (!rc)
        rc = keyfile_write(case_dir, &kf, e);
    crypto_wipe(&kf, sizeof(kf));
    crypto_secure_free(key);
    return rc;
}

const uint8_t *vault_public_key(const struct vault *v)
{
    return v->sign_pk;
}

void vault_sign(const struct vault *v, const void *msg, size_t n,
                uint8_t sig[DC_SIG_BYTES])
{
    crypto_sig_sign(v->sign_sk, msg, n, sig);
}

const char *vault_case_dir(const struct vault *v)
{
    return v->case_dir;
}

/* --- object paths ------------------------------------------------------ */

bool vault_is_hash(const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return i == 64;
}

char *vault_object_path(const struct vault *v, const char *hash)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addf(&sb, "%s/vault/objects/%.2s/%s", v->case_dir, hash, hash + 2);
    return strbuf_detach(&sb, NULL);
}

bool vault_has(const struct vault *v, const char *hash)
{
    char *p;
    struct stat stb;
    bool r;

    if (!vault_is_hash(hash))
        return false;
    p = vault_object_path(v, hash);
    r = stat(p, &stb) == 0 && S_ISREG(stb.st_mode);
    free(p);
    return r;
}

void vault_meta_release(struct vault_meta *m)
{
    free(m->orig_name);
    m->orig_name = NULL;
}

/* --- the two-stage pipeline -------------------------------------------- */

struct slot {
    uint8_t *buf;
    size_t len;
    bool last;
};

struct pipe;
typedef enum err_code (*stage_fn)(struct pipe *p, struct slot *s,
                                  struct err *e);

struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct slot slots[VAULT_SLOTS];
    uint64_t produced, consumed; /* counts; slot index is count % SLOTS */
    bool stop;                   /* a stage failed: both stop */
    stage_fn produce, consume;
    struct err perr; /* producer's error */
    void *ctx;
};

static void *producer_main(void *arg)
{
    struct pipe *p = arg;

    for (;;) {
        struct slot *s;
        enum err_code rc;
        bool last;

        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->produced - p->consumed == VAULT_SLOTS)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        s = &p->slots[p->produced % VAULT_SLOTS];
        pthread_mutex_unlock(&p->mu);

        rc = p->produce(p, s, &p->perr);
        last = s->last;
        pthread_mutex_lock(&p->mu);
        if (rc)
            p->stop = true;
        else
            p->produced++;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (rc || last)
            break;
    }
    return NULL;
}

/* Runs producer on a thread and consumer here; returns the first error. */
static enum err_code pipe_run(stage_fn produce, stage_fn consume, void *ctx,
                              size_t slot_size, struct err *e)
{
    struct pipe *p = xcalloc(1, sizeof(*p));
    enum err_code rc = ERR_OK;
    pthread_t th;

    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->produce = produce;
    p->consume = consume;
    p->ctx = ctx;
    for (int i = 0; i < VAULT_SLOTS; i++)
        p->slots[i].buf = xmalloc(slot_size);
    if (pthread_create(&th, NULL, producer_main, p) != 0) {
        rc = err_set(e, ERR_IO, "cannot start a thread");
        goto out;
    }
    for (;;) {
        struct slot *s;
        bool last;

        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->consumed == p->produced)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->consumed == p->produced) { /* stopped, nothing left */
            pthread_mutex_unlock(&p->mu);
            break;
        }
        s = &p->slots[p->consumed % VAULT_SLOTS];
        pthread_mutex_unlock(&p->mu);

        rc = consume(p, s, e);
        last = s->last;
        pthread_mutex_lock(&p->mu);
        p->consumed++;
        if (rc)
            p->stop = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (rc || last)
            break;
    }
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(th, NULL);
    if (!rc && p->perr.code)
        rc = err_set(e, p->perr.code, "%s", p->perr.msg);
out:
    for (int i = 0; i < VAULT_SLOTS; i++) {
        crypto_wipe(p->slots[i].buf, slot_size);
        free(p->slots[i].buf);
    }
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return rc;
}

/* --- the writer thread --------------------------------------------------- */

/*
 * Objects are written by a third thread with O_DIRECT where the
 * filesystem allows it: the ciphertext goes from our buffers to the disk
 * without a page-cache copy, without dirty-page throttling and without
 * CPU cost, which keeps ingest steady on a busy machine (buffered writes
 * here swing between 0.3 and 4 s per 512 MiB when other processes write;
 * O_DIRECT stays at ~0.5 s). The encrypting thread fills 4 KiB-aligned
 * staging buffers; whole aligned blocks are handed over, the unaligned
 * rest moves to the next buffer, and the final tail is written buffered.
 */
#define DW_ALIGN 4096
#define DW_FLUSH (4u << 20)
#define DW_BUFSZ (DW_FLUSH + VAULT_CHUNK + DC_ENC_ABYTES + 2 * DW_ALIGN)
#define DW_NBUF 3

struct dwriter {
    int fd;
    const char *name;
    bool direct; /* O_DIRECT in effect (writer thread only) */
    pthread_t th;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint8_t *bufs[DW_NBUF];
    size_t lens[DW_NBUF];
    uint64_t offs[DW_NBUF];
    uint64_t submitted, written; /* counts; buffer of seq k is k % NBUF */
    bool done, failed;
    struct err err;
    /* encrypting thread */
    size_t fill;     /* bytes staged in the current buffer */
    uint64_t off;    /* file offset of the current buffer's first byte */
    uint64_t synced; /* buffered mode: writeback started up to here */
};

static void *dw_main(void *arg)
{
    struct dwriter *w = arg;

    for (;;) {
        size_t idx, len, done = 0;
        uint64_t off;
        struct err e = ERR_INIT;

        pthread_mutex_lock(&w->mu);
        while (!w->failed && w->written == w->submitted && !w->done)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->failed || w->written == w->submitted) {
            pthread_mutex_unlock(&w->mu);
            break;
        }
        idx = w->written % DW_NBUF;
        len = w->lens[idx];
        off = w->offs[idx];
        pthread_mutex_unlock(&w->mu);

        while (done < len) {
            ssize_t r = pwrite(w->fd, w->bufs[idx] + done, len - done,
                               (off_t)(off + done));

            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && errno == EINVAL && w->direct) {
                /* The filesystem took the flag but not the I/O. */
                int fl = fcntl(w->fd, F_GETFL);

                if (fl >= 0 && fcntl(w->fd, F_SETFL, fl & ~O_DIRECT) == 0) {
                    w->direct = false;
                    continue;
                }
            }
            if (r <= 0) {
                err_set(&e, ERR_IO, "cannot write '%s': %s", w->name,
                        r < 0 ? strerror(errno) : "no space");
                break;
            }
            done += (size_t)r;
        }
        if (!e.code && !w->direct && off + len - w->synced >= SYNC_EVERY) {
            /* Buffered fallback: start writeback early so the final
             * fsync is short. */
            sync_file_range(w->fd, (off64_t)w->synced,
                            (off64_t)(off + len - w->synced),
                            SYNC_FILE_RANGE_WRITE);
            w->synced = off + len;
        }
        pthread_mutex_lock(&w->mu);
        if (e.code) {
            w->failed = true;
            w->err = e;
        } else {
            w->written++;
        }
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
    }
    return NULL;
}

static enum err_code dw_fail(struct dwriter *w, struct err *e)
{
    return err_set(e, w->err.code ? w->err.code : ERR_IO, "%s",
                   w->err.msg[0] ? w->err.msg : "write failed");
}

static enum err_code dw_start(struct dwriter *w, int fd, const char *name,
                              struct err *e)
{
    int fl = fcntl(fd, F_GETFL);

    memset(w, 0, sizeof(*w));
    w->fd = fd;
    w->name = name;
    w->direct = fl >= 0 && fcntl(fd, F_SETFL, fl | O_DIRECT) == 0;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    for (int i = 0; i < DW_NBUF; i++)
        if (posix_memalign((void **)&w->bufs[i], DW_ALIGN, DW_BUFSZ) != 0) {
            fprintf(stderr, "dossier: fatal: out of memory\n");
            abort();
        }
    if (pthread_create(&w->th, NULL, dw_main, w) != 0)
        return err_set(e, ERR_IO, "cannot start a thread");
    w->started = true;
    return ERR_OK;
}

/* Where the next n bytes go (n <= VAULT_CHUNK + DC_ENC_ABYTES). */
static uint8_t *dw_reserve(struct dwriter *w)
{
    return w->bufs[w->submitted % DW_NBUF] + w->fill;
}

/* Accounts n reserved bytes; hands over whole aligned blocks past
 * DW_FLUSH, waiting for a free buffer. */
static enum err_code dw_commit(struct dwriter *w, size_t n, struct err *e)
{
    size_t aligned, tail, cur, next;

    w->fill += n;
    if (w->fill < DW_FLUSH)
        return ERR_OK;
    aligned = w->fill & ~(size_t)(DW_ALIGN - 1);
    tail = w->fill - aligned;
    cur = w->submitted % DW_NBUF;
    next = (w->submitted + 1) % DW_NBUF;
    pthread_mutex_lock(&w->mu);
    /* The next buffer is free once its previous write (seq + 1 - NBUF)
     * is done. */
    while (!w->failed && w->submitted + 1 - w->written >= DW_NBUF)
        pthread_cond_wait(&w->cv, &w->mu);
    if (w->failed) {
        pthread_mutex_unlock(&w->mu);
        return dw_fail(w, e);
    }
    memcpy(w->bufs[next], w->bufs[cur] + aligned, tail);
    w->lens[cur] = aligned;
    w->offs[cur] = w->off;
    w->submitted++;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    w->off += aligned;
    w->fill = tail;
    return ERR_OK;
}

/* Waits for every handed-over block, stops the thread, writes the tail
 * (buffered). Call exactly once after dw_start; frees everything. */
static enum err_code dw_finish(struct dwriter *w, bool write_tail,
                               struct err *e)
{
    enum err_code rc = ERR_OK;

    pthread_mutex_lock(&w->mu);
    w->done = true;
    if (!write_tail)
        w->failed = true; /* abandon queued writes */
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (w->started)
        pthread_join(w->th, NULL);
    if (write_tail && w->failed)
        rc = dw_fail(w, e);
    if (!rc && write_tail && w->fill) {
        int fl = fcntl(w->fd, F_GETFL);

        if (fl >= 0 && (fl & O_DIRECT))
            fcntl(w->fd, F_SETFL, fl & ~O_DIRECT);
        for (size_t done = 0; !rc && done < w->fill;) {
            ssize_t r = pwrite(w->fd, w->bufs[w->submitted % DW_NBUF] + done,
                               w->fill - done, (off_t)(w->off + done));

            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                rc = err_set(e, ERR_IO, "cannot write '%s': %s", w->name,
                             r < 0 ? strerror(errno) : "no space");
            else
                done += (size_t)r;
        }
    }
    for (int i = 0; i < DW_NBUF; i++)
        free(w->bufs[i]);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    return rc;
}

/* --- adding ------------------------------------------------------------ */

struct add_ctx {
    /* producer side */
    int in_fd;          /* -1 when reading from mem */
    const uint8_t *mem; /* or a memory buffer */
    size_t memlen, mempos;
    const char *in_name;
    struct crypto_sha256 *sha;
    struct vault_sniff *sniff; /* may be NULL */
    uint64_t total, cap;
    uint8_t digest[DC_SHA256_BYTES]; /* valid once the last slot is made */
    /* consumer side */
    struct crypto_enc *enc;
    struct dwriter *dw;
};

static enum err_code add_produce(struct pipe *p, struct slot *s, struct err *e)
{
    struct add_ctx *c = p->ctx;
    enum err_code rc;
    size_t got;

    if (c->in_fd >= 0) {
        rc = read_full(c->in_fd, s->buf, VAULT_CHUNK, &got, c->in_name, e);
        if (rc)
            return rc;
    } else {
        got = c->memlen - c->mempos;
        if (got > VAULT_CHUNK)
            got = VAULT_CHUNK;
        memcpy(s->buf, c->mem + c->mempos, got);
        c->mempos += got;
    }
    c->total += got;
    if (c->total > c->cap)
        return err_set(e, ERR_TOOBIG,
                       "'%s' is larger than the vault's size cap of %llu "
                       "bytes",
                       c->in_name, (unsigned long long)c->cap);
    s->len = got;
    s->last = got < VAULT_CHUNK;
    crypto_sha256_update(c->sha, s->buf, got);
    if (c->sniff)
        vault_sniff_feed(c->sniff, s->buf, got);
    if (s->last)
        crypto_sha256_final(c->sha, c->digest);
    return ERR_OK;
}

static enum err_code add_consume(struct pipe *p, struct slot *s, struct err *e)
{
    struct add_ctx *c = p->ctx;

    /* The final chunk authenticates the plaintext hash (the object's name):
     * the producer wrote c->digest before publishing the last slot. */
    crypto_enc_push(c->enc, s->buf, s->len, s->last ? c->digest : NULL,
                    s->last ? DC_SHA256_BYTES : 0, s->last, dw_reserve(c->dw));
    return dw_commit(c->dw, s->len + DC_ENC_ABYTES, e);
}

/*
 * Opens an anonymous temp file in the vault (O_TMPFILE, so a crash leaves
 * nothing); falls back to a named one (*tmpname set, owned) elsewhere.
 */
static enum err_code tmp_open(const struct vault *v, int *fd, char **tmpname,
                              struct err *e)
{
    char *dir = path_join(v->case_dir, "vault");
    struct strbuf sb = STRBUF_INIT;
    uint8_t rnd[8];
    char hex[17];
    enum err_code rc = ERR_OK;

    *tmpname = NULL;
    *fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (*fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR)) {
        crypto_random(rnd, sizeof(rnd));
        crypto_hex(rnd, sizeof(rnd), hex);
        strbuf_addf(&sb, "%s/tmp-%s", dir, hex);
        *fd = open(sb.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (*fd >= 0)
            *tmpname = strbuf_detach(&sb, NULL);
    }
    if (*fd < 0)
        rc = err_set(e, ERR_IO, "cannot create a temporary file in '%s': %s",
                     dir, strerror(errno));
    strbuf_release(&sb);
    free(dir);
    return rc;
}

/* Links the finished temp file into place as object hash. */
static enum err_code tmp_commit(const struct vault *v, int fd,
                                const char *tmpname, const char *hash,
                                bool *duplicate, struct err *e)
{
    char *path = vault_object_path(v, hash);
    char *objects = path_join(v->case_dir, "vault/objects");
    struct strbuf sub = STRBUF_INIT;
    char procpath[64];
    enum err_code rc;
    int r;

    strbuf_addf(&sub, "%s/%.2s", objects, hash);
    rc = mkdir_p1(sub.buf, 0700, e);
    if (!rc)
        rc = fsync_dir(objects, e);
    if (rc)
        goto out;
    if (tmpname) {
        r = link(tmpname, path);
    } else {
        snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", fd);
        r = linkat(AT_FDCWD, procpath, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
    }
    if (r != 0 && errno == EEXIST) {
        *duplicate = true; /* added concurrently: same content */
    } else if (r != 0) {
        rc = err_set(e, ERR_IO, "cannot link object '%s': %s", path,
                     strerror(errno));
        goto out;
    }
    rc = fsync_dir(sub.buf, e);
out:
    strbuf_release(&sub);
    free(objects);
    free(path);
    return rc;
}

static enum err_code add_stream(struct vault *v, struct add_ctx *c,
                                char hash[DC_SHA256_HEX], bool *duplicate,
                                struct err *e)
{
    uint8_t *okey = crypto_secure_alloc(DC_KEY_BYTES);
    struct dwriter dw;
    bool dw_on = false;
    char *tmpname = NULL;
    uint8_t *hdr;
    enum err_code rc;
    int fd = -1;

    *duplicate = false;
    c->sha = crypto_sha256_new();
    c->cap = v->cap;
    rc = tmp_open(v, &fd, &tmpname, e);
    if (rc)
        goto out;
    rc = dw_start(&dw, fd, "vault temporary file", e);
    dw_on = true;
    if (rc)
        goto out;
    c->dw = &dw;
    crypto_key_new(okey);
    hdr = dw_reserve(&dw);
    memcpy(hdr, VAULT_MAGIC, VAULT_MAGIC_LEN);
    crypto_key_wrap(v->case_key, okey, hdr + VAULT_MAGIC_LEN);
    c->enc =
        crypto_enc_push_new(okey, hdr + VAULT_MAGIC_LEN + DC_WRAPPED_BYTES);
    crypto_secure_free(okey);
    okey = NULL;
    rc = dw_commit(&dw, VAULT_HDR_LEN, e);
    if (!rc)
        rc = pipe_run(add_produce, add_consume, c, VAULT_CHUNK, e);
    dw_on = false;
    if (dw_finish(&dw, rc == ERR_OK, e) && !rc)
        rc = e->code;
    if (rc)
        goto out;
    if (fsync(fd) != 0) {
        rc =
            err_set(e, ERR_IO, "cannot sync vault object: %s", strerror(errno));
        goto out;
    }
    crypto_hex(c->digest, DC_SHA256_BYTES, hash);
    if (vault_has(v, hash))
        *duplicate = true;
    else
        rc = tmp_commit(v, fd, tmpname, hash, duplicate, e);
out:
    if (dw_on)
        dw_finish(&dw, false, e);
    c->dw = NULL; /* dw lives on this stack frame only */
    if (fd >= 0)
        close(fd);
    if (tmpname)
        unlink(tmpname);
    free(tmpname);
    crypto_secure_free(okey);
    crypto_enc_free(c->enc);
    crypto_sha256_free(c->sha);
    return rc;
}

static void iso_time(time_t t, char out[32])
{
    struct tm tm;

    if (!gmtime_r(&t, &tm)) {
        out[0] = '\0';
        return;
    }
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum err_code vault_add_file(struct vault *v, const char *path,
                             struct vault_meta *meta, struct err *e)
{
    struct add_ctx c;
    struct stat stb;
    const char *base;
    enum err_code rc;

    memset(meta, 0, sizeof(*meta));
    memset(&c, 0, sizeof(c));
    c.in_fd = open(path, O_RDONLY | O_CLOEXEC);
    if (c.in_fd < 0)
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    if (fstat(c.in_fd, &stb) != 0 || !S_ISREG(stb.st_mode)) {
        close(c.in_fd);
        return err_set(e, ERR_INVALID, "'%s' is not a regular file", path);
    }
    if ((uint64_t)stb.st_size > v->cap) {
        close(c.in_fd);
        return err_set(e, ERR_TOOBIG,
                       "'%s' is larger than the vault's size cap of %llu "
                       "bytes",
                       path, (unsigned long long)v->cap);
    }
    posix_fadvise(c.in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    c.in_name = path;
    c.sniff = vault_sniff_new();
    rc = add_stream(v, &c, meta->hash, &meta->duplicate, e);
    close(c.in_fd);
    if (!rc) {
        meta->size = c.total;
        vault_sniff_finish(c.sniff, meta);
        base = strrchr(path, '/');
        meta->orig_name = xstrdup(base ? base + 1 : path);
        iso_time(stb.st_mtime, meta->mtime);
    }
    vault_sniff_free(c.sniff);
    return rc;
}

enum err_code vault_add_buf(struct vault *v, const void *data, size_t n,
                            char hash[DC_SHA256_HEX], bool *duplicate,
                            struct err *e)
{
    struct add_ctx c;

    memset(&c, 0, sizeof(c));
    c.in_fd = -1;
    c.mem = data;
    c.memlen = n;
    c.in_name = "buffer";
    return add_stream(v, &c, hash, duplicate, e);
}

/* --- reading ----------------------------------------------------------- */

struct read_ctx {
    /* producer: read + decrypt */
    int fd;
    const char *name; /* object path, for messages */
    struct crypto_enc *dec;
    uint8_t expect[DC_SHA256_BYTES];
    uint8_t *cbuf;
    bool done;
    /* consumer: hash (+ write or collect) */
    struct crypto_sha256 *sha;
    int out_fd; /* -1: none */
    const char *out_name;
    struct strbuf *mem; /* or NULL */
};

/*
 * Reads and decrypts the next chunk of an object into out (VAULT_CHUNK
 * bytes): *outlen plaintext bytes, *final on the last one (which must be
 * followed by end of file).
 */
static enum err_code pull_chunk(int fd, const char *name,
                                struct crypto_enc *dec, const uint8_t *expect,
                                uint8_t *cbuf, uint8_t *out, size_t *outlen,
                                bool *final, struct err *e)
{
    size_t got, probe = 0;
    bool short_chunk;
    enum err_code rc;
    uint8_t extra;

    *final = false;
    rc = read_full(fd, cbuf, VAULT_CHUNK + DC_ENC_ABYTES, &got, name, e);
    if (rc)
        return rc;
    if (got < DC_ENC_ABYTES)
        return err_set(e, ERR_CRYPTO, "object '%s' is truncated", name);
    /* Only the final chunk carries the hash as associated data; a chunk
     * that fills the buffer is never final in objects we write. */
    short_chunk = got < VAULT_CHUNK + DC_ENC_ABYTES;
    rc = crypto_enc_pull(dec, cbuf, got, short_chunk ? expect : NULL,
                         short_chunk ? DC_SHA256_BYTES : 0, out, final, e);
    if (rc) {
        err_prefix(e, "object '%s'", name);
        return rc;
    }
    if (short_chunk != *final)
        return err_set(e, ERR_CRYPTO, "object '%s' is truncated or reordered",
                       name);
    if (*final) {
        rc = read_full(fd, &extra, 1, &probe, name, e);
        if (rc)
            return rc;
        if (probe)
            return err_set(e, ERR_CRYPTO, "object '%s' has data after its end",
                           name);
    }
    *outlen = got - DC_ENC_ABYTES;
    return ERR_OK;
}

static enum err_code read_produce(struct pipe *p, struct slot *s, struct err *e)
{
    struct read_ctx *c = p->ctx;

    return pull_chunk(c->fd, c->name, c->dec, c->expect, c->cbuf, s->buf,
                      &s->len, &s->last, e);
}

static enum err_code read_consume(struct pipe *p, struct slot *s, struct err *e)
{
    struct read_ctx *c = p->ctx;
    enum err_code rc = ERR_OK;

    crypto_sha256_update(c->sha, s->buf, s->len);
    if (c->out_fd >= 0)
        rc = write_all(c->out_fd, s->buf, s->len, c->out_name, e);
    else if (c->mem)
        rc = strbuf_add(c->mem, s->buf, s->len);
    if (rc == ERR_TOOBIG)
        err_set(e, rc, "object is larger than the memory cap");
    return rc;
}

/* Decrypts object hash through the pipeline into out_fd / mem (or nowhere)
 * and checks its hash. */
/*
 * Opens object hash for decryption: *fd positioned after the header,
 * *dec the stream state (free with crypto_enc_free), expect the digest,
 * *size (may be NULL) the plaintext size computed from the file size.
 */
static enum err_code object_open(struct vault *v, const char *hash,
                                 const char *path, int *fd,
                                 uint8_t expect[DC_SHA256_BYTES],
                                 struct crypto_enc **dec, uint64_t *size,
                                 struct err *e)
{
    uint8_t hdr[VAULT_HDR_LEN];
    uint8_t *okey = NULL;
    struct stat stb;
    enum err_code rc;
    size_t got;

    *fd = -1;
    *dec = NULL;
    if (!vault_is_hash(hash))
        return err_set(e, ERR_INVALID, "'%s' is not an object hash", hash);
    rc = crypto_unhex(hash, expect, DC_SHA256_BYTES, e);
    if (rc)
        return rc;
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
                       "object %s is missing from the vault ('%s': %s)", hash,
                       path, strerror(errno));
    posix_fadvise(*fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    rc = read_full(*fd, hdr, sizeof(hdr), &got, path, e);
    if (rc)
        return rc;
    if (got != sizeof(hdr) || memcmp(hdr, VAULT_MAGIC, VAULT_MAGIC_LEN) != 0)
        return err_set(e, ERR_CRYPTO, "object '%s' has a damaged header", path);
    if (size && fstat(*fd, &stb) == 0) {
        uint64_t body = (uint64_t)stb.st_size - VAULT_HDR_LEN;
        uint64_t per = VAULT_CHUNK + DC_ENC_ABYTES;
        uint64_t chunks = body / per + 1; /* the final chunk is short */

        *size = body - chunks * DC_ENC_ABYTES;
    }
    okey = crypto_secure_alloc(DC_KEY_BYTES);
    if (crypto_key_unwrap(v->case_key, hdr + VAULT_MAGIC_LEN, okey, NULL))
        rc = err_set(e, ERR_CRYPTO,
                     "object '%s': its key does not unwrap (altered)", path);
    else
        rc = crypto_enc_pull_new(okey, hdr + VAULT_MAGIC_LEN + DC_WRAPPED_BYTES,
                                 dec, e);
    crypto_secure_free(okey);
    return rc;
}

/* Decrypts object hash through the pipeline into out_fd / mem (or nowhere)
 * and checks its hash. */
static enum err_code read_object(struct vault *v, const char *hash, int out_fd,
                                 const char *out_name, struct strbuf *mem,
                                 struct err *e)
{
    struct read_ctx c;
    uint8_t got_digest[DC_SHA256_BYTES];
    char *path = NULL;
    enum err_code rc;

    memset(&c, 0, sizeof(c));
    c.fd = -1;
    if (!vault_is_hash(hash)) {
        rc = err_set(e, ERR_INVALID, "'%s' is not an object hash", hash);
        goto out;
    }
    path = vault_object_path(v, hash);
    c.name = path;
    c.out_fd = out_fd;
    c.out_name = out_name;
    c.mem = mem;
    rc = object_open(v, hash, path, &c.fd, c.expect, &c.dec, NULL, e);
    if (rc)
        goto out;
    c.cbuf = xmalloc(VAULT_CHUNK + DC_ENC_ABYTES);
    c.sha = crypto_sha256_new();
    rc = pipe_run(read_produce, read_consume, &c, VAULT_CHUNK, e);
    if (rc)
        goto out;
    crypto_sha256_final(c.sha, got_digest);
    if (!crypto_equal(got_digest, c.expect, DC_SHA256_BYTES))
        rc = err_set(e, ERR_CRYPTO,
                     "object %s: content hash does not match its name", hash);
out:
    if (c.fd >= 0)
        close(c.fd);
    crypto_enc_free(c.dec);
    crypto_sha256_free(c.sha);
    free(c.cbuf);
    free(path);
    return rc;
}

/* --- streaming reader -------------------------------------------------- */

struct vault_reader {
    int fd;
    char *path;
    struct crypto_enc *dec;
    struct crypto_sha256 *sha;
    uint8_t expect[DC_SHA256_BYTES];
    uint8_t *cbuf, *pbuf; /* ciphertext chunk, plaintext chunk */
    size_t pos, len;      /* unread plaintext is pbuf[pos..len) */
    bool final, checked;
};

enum err_code vault_reader_open(struct vault *v, const char *hash,
                                struct vault_reader **out, uint64_t *size,
                                struct err *e)
{
    struct vault_reader *r = xcalloc(1, sizeof(*r));
    enum err_code rc;

    *out = NULL;
    r->path = vault_is_hash(hash) ? vault_object_path(v, hash) : NULL;
    rc = object_open(v, hash, r->path ? r->path : "", &r->fd, r->expect,
                     &r->dec, size, e);
    if (rc) {
        vault_reader_close(r);
        return rc;
    }
    r->cbuf = xmalloc(VAULT_CHUNK + DC_ENC_ABYTES);
    r->pbuf = xmalloc(VAULT_CHUNK);
    r->sha = crypto_sha256_new();
    *out = r;
    return ERR_OK;
}

enum err_code vault_reader_read(struct vault_reader *r, void *buf, size_t n,
                                size_t *got, struct err *e)
{
    uint8_t *p = buf;
    enum err_code rc;

    *got = 0;
    while (*got < n) {
        size_t k;

        if (r->pos == r->len) {
            if (r->final)
                break;
            rc = pull_chunk(r->fd, r->path, r->dec, r->expect, r->cbuf, r->pbuf,
                            &r->len, &r->final, e);
            if (rc)
                return rc;
            r->pos = 0;
            crypto_sha256_update(r->sha, r->pbuf, r->len);
            continue;
        }
        k = r->len - r->pos < n - *got ? r->len - r->pos : n - *got;
        memcpy(p + *got, r->pbuf + r->pos, k);
        r->pos += k;
        *got += k;
    }
    if (r->final && r->pos == r->len && !r->checked) {
        uint8_t d[DC_SHA256_BYTES];

        r->checked = true;
        crypto_sha256_final(r->sha, d);
        if (!crypto_equal(d, r->expect, DC_SHA256_BYTES))
            return err_set(e, ERR_CRYPTO,
                           "object '%s': content hash does not match its name",
                           r->path);
    }
    return ERR_OK;
}

void vault_reader_close(struct vault_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    crypto_enc_free(r->dec);
    crypto_sha256_free(r->sha);
    if (r->pbuf)
        crypto_wipe(r->pbuf, VAULT_CHUNK);
    free(r->pbuf);
    free(r->cbuf);
    free(r->path);
    free(r);
}

enum err_code vault_verify(struct vault *v, const char *hash, struct err *e)
{
    return read_object(v, hash, -1, NULL, NULL, e);
}

enum err_code vault_read(struct vault *v, const char *hash, size_t max,
                         uint8_t **out, size_t *n, struct err *e)
{
    struct strbuf sb = STRBUF_INIT;
    enum err_code rc;

    *out = NULL;
    *n = 0;
    sb.max = max;
    rc = read_object(v, hash, -1, NULL, &sb, e);
    if (rc) {
        strbuf_release(&sb);
        return rc;
    }
    *out = (uint8_t *)strbuf_detach(&sb, n);
    return ERR_OK;
}

enum err_code vault_open_to(struct vault *v, const char *hash, const char *path,
                            struct err *e)
{
    struct strbuf tmp = STRBUF_INIT;
    struct stat stb;
    enum err_code rc;
    int fd;

    if (lstat(path, &stb) == 0)
        return err_set(e, ERR_CONFLICT, "'%s' exists already", path);
    strbuf_addf(&tmp, "%s.partial", path);
    fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        rc = err_set(e, ERR_IO, "cannot create '%s': %s", tmp.buf,
                     strerror(errno));
        goto out;
    }
    rc = read_object(v, hash, fd, path, NULL, e);
    if (!rc && fsync(fd) != 0)
        rc = err_set(e, ERR_IO, "cannot sync '%s': %s", tmp.buf,
                     strerror(errno));
    close(fd);
    if (!rc && rename(tmp.buf, path) != 0)
        rc = err_set(e, ERR_IO, "cannot rename '%s': %s", tmp.buf,
                     strerror(errno));
    if (rc)
        unlink(tmp.buf);
out:
    strbuf_release(&tmp);
    return rc;
}

enum err_code vault_each_object(struct vault *v, vault_object_cb cb, void *ctx,
                                struct err *e)
{
    char *objects = path_join(v->case_dir, "vault/objects");
    DIR *d = opendir(objects);
    struct dirent *de;
    enum err_code rc = ERR_OK;
    int stop = 0;

    if (!d) {
        rc = err_set(e, ERR_IO, "cannot open '%s': %s", objects,
                     strerror(errno));
        goto out;
    }
    while (!stop && (de = readdir(d))) {
        struct strbuf sub = STRBUF_INIT;
        struct dirent *fe;
        DIR *sd;

        if (strlen(de->d_name) != 2 || de->d_name[0] == '.')
            continue;
        strbuf_addf(&sub, "%s/%s", objects, de->d_name);
        sd = opendir(sub.buf);
        while (sd && !stop && (fe = readdir(sd))) {
            char hash[DC_SHA256_HEX];

            if (strlen(fe->d_name) != 62)
                continue;
            snprintf(hash, sizeof(hash), "%.2s%.62s", de->d_name, fe->d_name);
            if (vault_is_hash(hash))
                stop = cb(hash, ctx);
        }
        if (sd)
            closedir(sd);
        strbuf_release(&sub);
    }
    closedir(d);
out:
    free(objects);
    return rc;
}
