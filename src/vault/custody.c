/*
 * custody: canonical records, sealing (hash + Ed25519) and chain checks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "vault/custody.h"
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

enum err_code vault_custody_log(struct vault *v, struct store_custody *cs,
                                const char *action, const char *object,
                                const char *exhibit, const char *detail,
                                struct err *e)
{
    struct store_custody_rec r;
    struct seal_ctx sc;
    const char *actor = getenv("DOSSIER_USER");
    char at[32];

    if (!actor || !*actor)
        actor = getenv("USER");
    if (!actor || !*actor)
        actor = "unknown";
    date_now_iso(at);
    memset(&r, 0, sizeof(r));
    r.at = at;
    r.actor = actor;
    r.action = action;
    r.object = object;
    r.exhibit = exhibit ? exhibit : "";
    r.detail = detail ? detail : "";
    sc.v = v;
    return store_custody_append(cs, &r, seal, &sc, e);
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
    rc = store_custody_each(cs, object, feed_cb, &c, e);
    *nproblems = c.nproblems;
    vault_chain_release(&c);
    return rc;
}
