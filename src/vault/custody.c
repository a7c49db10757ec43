/*
 * custody: canonical records, sealing (hash + Ed25519) and chain checks.
 */
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "vault/custody.h"
#include "util/user.h"
#include "util/banned.h"

struct vault_chain_obj {
    char object[DC_SHA256_HEX];
    char last[DC_SHA256_HEX];
};

static void add_field(struct strbuf *sb, const char *key, const char *val)
{
    strbuf_addstr(sb, key);
    strbuf_addch(sb, '=');
    for (const char *p = val ? val : ""; *p; p++)
        strbuf_addch(sb, *p == '\n' || *p == '\r' ? ' ' : *p);
    strbuf_addch(sb, '\n');
}

void vault_custody_canonical(const struct store_custody_rec *r,
                             struct strbuf *sb)
{
    char seq[32];

    snprintf(seq, sizeof(seq), "%lld", (long long)r->seq);
    add_field(sb, "dossier-custody", "1");
    add_field(sb, "seq", seq);
    add_field(sb, "at", r->at);
    add_field(sb, "actor", r->actor);
    add_field(sb, "action", r->action);
    add_field(sb, "object", r->object);
    add_field(sb, "exhibit", r->exhibit);
    add_field(sb, "detail", r->detail);
    add_field(sb, "prev", r->prev);
    add_field(sb, "obj_prev", r->obj_prev);
}

struct seal_ctx {
    struct vault *v;
    char hash[DC_SHA256_HEX];
    char sig[2 * DC_SIG_BYTES + 1];
};

static enum err_code seal(struct store_custody_rec *r, void *ctx, struct err *e)
{
    struct seal_ctx *sc = ctx;
    struct strbuf sb = STRBUF_INIT;
    uint8_t d[DC_SHA256_BYTES], sig[DC_SIG_BYTES];

    (void)e;
    vault_custody_canonical(r, &sb);
    crypto_sha256(sb.buf, sb.len, d);
    vault_sign(sc->v, sb.buf, sb.len, sig);
    crypto_hex(d, sizeof(d), sc->hash);
    crypto_hex(sig, sizeof(sig), sc->sig);
    r->hash = sc->hash;
    r->sig = sc->sig;
    strbuf_release(&sb);
    return ERR_OK;
}

/* --- head file ---------------------------------------------------------- */

#define HEAD_MAX 1024

static void head_text(int64_t seq, const char *hash, struct strbuf *sb)
{
    strbuf_addf(sb, "dossier-custody-head=1\nseq=%lld\nhash=%s\n",
                (long long)seq, hash);
}

/*
 * Rewrites CASE/vault/custody.head naming the newest record, signed.
 * Best effort after a committed append: the log itself is the record, the
 * head only lets verify notice a log cut back below it.
 */
static void head_write(struct vault *v, int64_t seq, const char *hash)
{
    struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT, tmp = STRBUF_INIT;
    uint8_t sig[DC_SIG_BYTES];
    char sighex[2 * DC_SIG_BYTES + 1];
    ssize_t w;
    int fd;

    head_text(seq, hash, &sb);
    vault_sign(v, sb.buf, sb.len, sig);
    crypto_hex(sig, sizeof(sig), sighex);
    strbuf_addf(&sb, "sig=%s\n", sighex);
    strbuf_addf(&path, "%s/vault/custody.head", vault_case_dir(v));
    strbuf_addf(&tmp, "%s.tmp%ld", path.buf, (long)getpid());
    fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        w = write(fd, sb.buf, sb.len);
        if (w == (ssize_t)sb.len && fsync(fd) == 0) {
            close(fd);
            if (rename(tmp.buf, path.buf) != 0)
                unlink(tmp.buf);
        } else {
            close(fd);
            unlink(tmp.buf);
        }
    }
    strbuf_release(&sb);
    strbuf_release(&path);
    strbuf_release(&tmp);
}

/* Reads and checks the head file: 1 ok (seq, hash set), 0 absent, -1 bad. */
static int head_read(struct vault *v, int64_t *seq, char hash[DC_SHA256_HEX])
{
    struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
    char buf[HEAD_MAX + 1], sighex[2 * DC_SIG_BYTES + 2];
    uint8_t sig[DC_SIG_BYTES];
    long long s = 0;
    ssize_t n;
    int fd, r = -1;
    struct err e = ERR_INIT;

    strbuf_addf(&path, "%s/vault/custody.head", vault_case_dir(v));
    fd = open(path.buf, O_RDONLY | O_CLOEXEC);
    strbuf_release(&path);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    n = read(fd, buf, HEAD_MAX);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    if (sscanf(buf,
               "dossier-custody-head=1\nseq=%lld\nhash=%64[0-9a-f]\nsig=%128["
               "0-9a-f]\n",
               &s, hash, sighex) != 3 ||
        s <= 0 || !vault_is_hash(hash))
        return -1;
    head_text(s, hash, &text);
    if (crypto_unhex(sighex, sig, sizeof(sig), &e) == ERR_OK &&
        crypto_sig_verify(vault_public_key(v), text.buf, text.len, sig)) {
        *seq = s;
        r = 1;
    }
    strbuf_release(&text);
    return r;
}

enum err_code vault_custody_log(struct vault *v, struct store_custody *cs,
                                const char *action, const char *object,
                                const char *exhibit, const char *detail,
                                struct err *e)
{
    struct store_custody_rec r;
    struct seal_ctx sc;
    const char *actor = user_current();
    char at[32];

    date_now_iso(at);
    memset(&r, 0, sizeof(r));
    r.at = at;
    r.actor = actor;
    r.action = action;
    r.object = object;
    r.exhibit = exhibit ? exhibit : "";
    r.detail = detail ? detail : "";
    sc.v = v;
    if (store_custody_append(cs, &r, seal, &sc, e))
        return e ? e->code : ERR_DB;
    /* a record inside the caller's transaction is not durable yet: the
     * head follows with vault_custody_head_update after the commit */
    if (!store_custody_joined(cs))
        head_write(v, r.seq, sc.hash);
    return ERR_OK;
}

enum err_code vault_custody_head_update(struct vault *v,
                                        struct store_custody *cs, struct err *e)
{
    int64_t seq;
    char hash[DC_SHA256_HEX];
    enum err_code rc = store_custody_tail(cs, &seq, hash, e);

    if (rc == ERR_OK && seq > 0)
        head_write(v, seq, hash);
    return rc;
}

/* --- checking ---------------------------------------------------------- */

void vault_chain_init(struct vault_chain *c, const uint8_t *pk, bool global,
                      vault_problem_fn problem, void *ctx)
{
    memset(c, 0, sizeof(*c));
    memcpy(c->pk, pk, DC_SIG_PK_BYTES);
    c->global = global;
    snprintf(c->last_hash, sizeof(c->last_hash), "%s", STORE_CUSTODY_GENESIS);
    c->problem = problem;
    c->ctx = ctx;
}

void vault_chain_release(struct vault_chain *c)
{
    free(c->objs);
    c->objs = NULL;
    c->nobjs = c->allocobjs = 0;
}

static void problem(struct vault_chain *c, int64_t seq, const char *object,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct vault_chain *c, int64_t seq, const char *object,
                    const char *fmt, ...)
{
    char what[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    c->nproblems++;
    if (c->problem)
        c->problem(seq, object, what, c->ctx);
}

static struct vault_chain_obj *obj_slot(struct vault_chain *c,
                                        const char *object)
{
    for (size_t i = 0; i < c->nobjs; i++)
        if (strcmp(c->objs[i].object, object) == 0)
            return &c->objs[i];
    ALLOC_GROW(c->objs, c->nobjs + 1, c->allocobjs);
    snprintf(c->objs[c->nobjs].object, DC_SHA256_HEX, "%s", object);
    snprintf(c->objs[c->nobjs].last, DC_SHA256_HEX, "%s",
             STORE_CUSTODY_GENESIS);
    return &c->objs[c->nobjs++];
}

void vault_chain_feed(struct vault_chain *c, const struct store_custody_rec *r)
{
    struct strbuf sb = STRBUF_INIT;
    uint8_t d[DC_SHA256_BYTES], sig[DC_SIG_BYTES];
    char hex[DC_SHA256_HEX];
    struct vault_chain_obj *o;
    struct err e = ERR_INIT;

    c->nrecords++;
    vault_custody_canonical(r, &sb);
    crypto_sha256(sb.buf, sb.len, d);
    crypto_hex(d, sizeof(d), hex);
    if (strcmp(hex, r->hash) != 0)
        problem(c, r->seq, r->object,
                "record was edited (its content does not match its hash)");
    if (strlen(r->sig) != 2 * DC_SIG_BYTES ||
        crypto_unhex(r->sig, sig, DC_SIG_BYTES, &e) != ERR_OK ||
        !crypto_sig_verify(c->pk, sb.buf, sb.len, sig))
        problem(c, r->seq, r->object,
                "signature is not the case key's (forged or replaced)");
    if (c->global) {
        if (r->seq != c->last_seq + 1) {
            char gap[64];

            snprintf(gap, sizeof(gap), "%lld", (long long)c->last_seq + 1);
            problem(c, r->seq, r->object,
                    r->seq > c->last_seq + 1
                        ? "record(s) missing before this one (expected seq %s)"
                        : "record out of order (expected seq %s)",
                    gap);
        }
        if (strcmp(r->prev, c->last_hash) != 0)
            problem(c, r->seq, r->object,
                    "chain broken: prev does not match the previous "
                    "record (deleted, reordered or inserted)");
    }
    o = obj_slot(c, r->object);
    if (strcmp(r->obj_prev, o->last) != 0)
        problem(c, r->seq, r->object,
                "object chain broken: obj_prev does not match the object's "
                "previous record");
    if (c->head_seq && r->seq == c->head_seq) {
        c->head_seen = true;
        if (strcmp(r->hash, c->head_hash) != 0)
            problem(c, r->seq, r->object,
                    "record differs from the one the signed head file names "
                    "(log rewritten)");
    }
    /* Continue from what the record claims, so one bad record is reported
     * once rather than cascading through the rest of the log. */
    snprintf(o->last, DC_SHA256_HEX, "%s", r->hash);
    snprintf(c->last_hash, sizeof(c->last_hash), "%s", r->hash);
    c->last_seq = r->seq;
    strbuf_release(&sb);
}

static int feed_cb(const struct store_custody_rec *r, void *ctx)
{
    vault_chain_feed(ctx, r);
    return 0;
}

enum err_code vault_custody_verify(struct vault *v, struct store_custody *cs,
                                   const char *object, vault_problem_fn prob,
                                   void *ctx, size_t *nproblems, struct err *e)
{
    struct vault_chain c;
    enum err_code rc;

    vault_chain_init(&c, vault_public_key(v), object == NULL, prob, ctx);
    if (!object) {
        int h = head_read(v, &c.head_seq, c.head_hash);

        if (h < 0)
            problem(&c, 0, "",
                    "the custody head file (vault/custody.head) is damaged "
                    "or not signed by the case key");
        if (h <= 0)
            c.head_seq = 0;
    }
    rc = store_custody_each(cs, object, feed_cb, &c, e);
    if (!rc && !object) {
        if (c.head_seq && !c.head_seen)
            problem(&c, c.head_seq, "",
                    "custody log cut back: the signed head file names this "
                    "record, which is gone");
        else if (!c.head_seq && c.nrecords > 1)
            problem(&c, 0, "",
                    "the custody head file (vault/custody.head) is missing");
    }
    *nproblems = c.nproblems;
    vault_chain_release(&c);
    return rc;
}
