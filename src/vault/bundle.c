/*
 * bundle: writing and checking evidence bundles (zips written with
 * formats/zipw, read with formats/zipr).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "crypto/tsa.h"
#include "formats/zipr.h"
#include "formats/zipw.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "vault/bundle.h"
#include "util/banned.h"

#define TOKEN_MAX (1u << 20)

/* --- export ------------------------------------------------------------ */

/* A file name safe inside the zip and on any recipient's disk. */
static void safe_name(const char *in, struct strbuf *sb)
{
    size_t start = sb->len;

    for (const char *p = in; *p && sb->len - start < 100; p++) {
        unsigned char c = (unsigned char)*p;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')
            strbuf_addch(sb, c);
        else
            strbuf_addch(sb, '_');
    }
    if (sb->len == start || sb->buf[start] == '.')
        strbuf_addstr(sb, "exhibit");
}

/*
 * A zip member stream that decrypts an object while the zip is written,
 * so no plaintext copy of an exhibit touches the disk outside the bundle.
 */
struct xstream {
    struct vault *v;
    char hash[DC_SHA256_HEX];
    struct vault_reader *r;
};

static enum err_code xstream_open(void *ctx, struct err *e)
{
    struct xstream *x = ctx;

    return vault_reader_open(x->v, x->hash, &x->r, NULL, e);
}

static enum err_code xstream_read(void *ctx, void *buf, size_t n, size_t *got,
                                  struct err *e)
{
    struct xstream *x = ctx;

    return vault_reader_read(x->r, buf, n, got, e);
}

static void xstream_close(void *ctx)
{
    struct xstream *x = ctx;

    vault_reader_close(x->r);
    x->r = NULL;
}

static void xstream_release(void *ctx)
{
    struct xstream *x = ctx;

    vault_reader_close(x->r);
    free(x);
}

static const struct zipw_stream xstream_ops = {xstream_open, xstream_read,
                                               xstream_close, xstream_release};

/* Adds object hash as member name (stored: evidence is mostly compressed
 * already), its size read up front. */
static enum err_code add_exhibit(struct zipw *w, struct vault *v,
                                 const char *hash, const char *name,
                                 struct err *e)
{
    struct xstream *x = xcalloc(1, sizeof(*x));
    struct vault_reader *probe = NULL;
    uint64_t size = 0;

    x->v = v;
    snprintf(x->hash, sizeof(x->hash), "%s", hash);
    if (vault_reader_open(v, hash, &probe, &size, e)) {
        free(x);
        return err_set(e, ERR_IO, "cannot add '%s' to the bundle", name);
    }
    vault_reader_close(probe);
    if (zipw_add_stream(w, name, size, false, &xstream_ops, x, NULL))
        return err_set(e, ERR_IO, "cannot add '%s' to the bundle", name);
    return ERR_OK;
}

struct export_ctx {
    struct vault *v;
    struct zipw *w;
    struct strbuf *custody;
    const char *object;
    int ntokens;
    size_t tokens_total;
    struct err *e;
    enum err_code rc;
};

static void add_record_text(struct strbuf *sb,
                            const struct store_custody_rec *r)
{
    vault_custody_canonical(r, sb);
    strbuf_addf(sb, "hash=%s\nsig=%s\n\n", r->hash, r->sig);
}

static int export_rec_cb(const struct store_custody_rec *r, void *ctx)
{
    struct export_ctx *x = ctx;
    const char *p;
    char token[DC_SHA256_HEX];

    add_record_text(x->custody, r);
    if (strcmp(r->action, "timestamp") != 0)
        return 0;
    p = strstr(r->detail, "\"token\":\"");
    if (!p)
        return 0;
    snprintf(token, sizeof(token), "%.64s", p + 9);
    if (vault_is_hash(token)) {
        uint8_t *data;
        size_t n;
        struct strbuf name = STRBUF_INIT;
        enum err_code rc;

        if (vault_read(x->v, token, TOKEN_MAX, &data, &n, x->e)) {
            x->rc = x->e->code;
            return 1;
        }
        strbuf_addf(&name, "timestamps/%.12s-%d.tsr", x->object, ++x->ntokens);
        rc = zipw_add(x->w, name.buf, data, n, true, NULL);
        free(data);
        if (rc) {
            x->rc = err_set(x->e, ERR_IO, "cannot add '%s' to the bundle",
                            name.buf);
            strbuf_release(&name);
            return 1;
        }
        strbuf_release(&name);
    }
    return 0;
}

static enum err_code zip_add_buf(struct zipw *w, const char *name,
                                 const struct strbuf *sb, struct err *e)
{
    if (zipw_add(w, name, sb->buf, sb->len, true, NULL))
        return err_set(e, ERR_IO, "cannot add '%s' to the bundle", name);
    return ERR_OK;
}

enum err_code vault_bundle_export(struct vault *v, struct store_custody *cs,
                                  const struct vault_bundle_item *items,
                                  size_t n, const char *out_path, struct err *e)
{
    struct strbuf sums = STRBUF_INIT, manifest = STRBUF_INIT;
    struct strbuf json = STRBUF_INIT, custody = STRBUF_INIT;
    struct strbuf pub = STRBUF_INIT;
    struct export_ctx x;
    char now[32], pkhex[2 * DC_SIG_PK_BYTES + 1];
    struct stat stb;
    enum err_code rc = ERR_OK;
    struct zipw *w = NULL;

    memset(&x, 0, sizeof(x));
    if (lstat(out_path, &stb) == 0)
        return err_set(e, ERR_CONFLICT, "'%s' exists already", out_path);
    date_now_iso(now);
    crypto_hex(vault_public_key(v), DC_SIG_PK_BYTES, pkhex);
    rc = zipw_open_tmp(out_path, ".partial", &w, e);
    if (rc)
        goto out;
    strbuf_addf(&manifest,
                "Evidence bundle made by dossier on %s\n"
                "\n"
                "Each exhibit is listed with its SHA-256 hash. To check them\n"
                "with standard tools only, unzip the bundle and run, in the\n"
                "unzipped folder:\n"
                "\n"
                "    sha256sum -c SHA256SUMS\n"
                "\n"
                "Every line must end in OK. Or check one file by hand:\n"
                "'sha256sum exhibits/FILE' must print the hash listed below.\n"
                "\n"
                "custody.txt holds the chain of custody of each exhibit: each\n"
                "record's hash=, the SHA-256 of the lines above it, is named\n"
                "by the next record's obj_prev=, and sig= is an Ed25519\n"
                "signature by the case key in case-key.pub. Compare that key\n"
                "with the fingerprint the sender gave you by another channel:\n"
                "  %s\n"
                "'dossier verify-bundle BUNDLE.zip' checks all of this.\n"
                "timestamps/ holds RFC 3161 tokens over exhibit hashes\n"
                "('openssl ts -reply -in FILE.tsr -token_in -text').\n"
                "\n"
                "Exhibits:\n",
                now, pkhex);
    strbuf_addf(&json,
                "{\"format\":\"dossier-bundle-1\",\"created\":\"%s\","
                "\"caseKey\":\"%s\",\"exhibits\":[",
                now, pkhex);
    x.v = v;
    x.w = w;
    x.custody = &custody;
    x.e = e;
    for (size_t i = 0; i < n; i++) {
        struct strbuf zname = STRBUF_INIT;

        strbuf_addf(&zname, "exhibits/%.12s-", items[i].object);
        safe_name(items[i].name && *items[i].name ? items[i].name : "exhibit",
                  &zname);
        /* Most evidence (JPEG, MP4, PDF) is compressed already. */
        rc = add_exhibit(w, v, items[i].object, zname.buf, e);
        if (rc) {
            strbuf_release(&zname);
            goto out;
        }
        strbuf_addf(&sums, "%s  %s\n", items[i].object, zname.buf);
        strbuf_addf(&manifest, "  %s  %s\n", items[i].object, zname.buf);
        strbuf_addf(&json, "%s{\"hash\":\"%s\",\"path\":", i ? "," : "",
                    items[i].object);
        strbuf_add_json_str(&json, zname.buf);
        strbuf_addstr(&json, ",\"name\":");
        strbuf_add_json_str(&json, items[i].name ? items[i].name : "");
        strbuf_addch(&json, '}');
        strbuf_release(&zname);
        x.object = items[i].object;
        x.ntokens = 0;
        rc = store_custody_each(cs, items[i].object, export_rec_cb, &x, e);
        if (!rc)
            rc = x.rc;
        if (rc)
            goto out;
    }
    strbuf_addstr(&json, "],\"sums\":\"SHA256SUMS\",\"custody\":"
                         "\"custody.txt\",\"key\":\"case-key.pub\"}\n");
    strbuf_addf(&pub, "%s\n", pkhex);
    rc = zip_add_buf(w, "SHA256SUMS", &sums, e);
    if (!rc)
        rc = zip_add_buf(w, "MANIFEST.txt", &manifest, e);
    if (!rc)
        rc = zip_add_buf(w, "manifest.json", &json, e);
    if (!rc)
        rc = zip_add_buf(w, "custody.txt", &custody, e);
    if (!rc)
        rc = zip_add_buf(w, "case-key.pub", &pub, e);
    if (rc)
        goto out;
    /* Writes (decrypting each exhibit into place) and renames. */
    rc = zipw_close(w, e);
    w = NULL;
    if (rc)
        goto out;
    for (size_t i = 0; i < n && !rc; i++) {
        struct strbuf d = STRBUF_INIT;

        strbuf_addstr(&d, "{\"bundle\":");
        strbuf_add_json_str(&d, out_path);
        strbuf_addch(&d, '}');
        rc =
            vault_custody_log(v, cs, "export", items[i].object, NULL, d.buf, e);
        strbuf_release(&d);
    }
out:
    zipw_discard(w);
    strbuf_release(&sums);
    strbuf_release(&manifest);
    strbuf_release(&json);
    strbuf_release(&custody);
    strbuf_release(&pub);
    return rc;
}

/* --- verify ------------------------------------------------------------ */

struct vctx {
    struct zipr *z;
    vault_problem_fn problem;
    void *ctx;
    struct vault_bundle_result *res;
};

static void vproblem(struct vctx *c, int64_t seq, const char *object,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void vproblem(struct vctx *c, int64_t seq, const char *object,
                     const char *fmt, ...)
{
    char what[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    c->res->problems++;
    if (c->problem)
        c->problem(seq, object, what, c->ctx);
}

/* Reads a whole member (at most max bytes) into sb. */
static enum err_code read_member(struct zipr *z, const char *name, size_t max,
                                 struct strbuf *sb, struct err *e)
{
    struct err ze = ERR_INIT;

    switch (zipr_read(z, name, max, sb, &ze)) {
    case ERR_OK:
        return ERR_OK;
    case ERR_NOTFOUND:
        return err_set(e, ERR_NOTFOUND, "bundle has no '%s'", name);
    case ERR_TOOBIG:
        return err_set(e, ERR_TOOBIG, "'%s' in the bundle is too large", name);
    default:
        return err_set(e, ERR_INVALID, "cannot read '%s' from the bundle",
                       name);
    }
}

static enum err_code hash_member(struct zipr *z, const char *name,
                                 char hex[DC_SHA256_HEX])
{
    struct zipr_entry *f;
    struct crypto_sha256 *h;
    uint8_t d[DC_SHA256_BYTES];
    char buf[1 << 16];
    size_t got;
    enum err_code rc;

    if (zipr_entry_open(z, name, &f, NULL))
        return ERR_NOTFOUND;
    h = crypto_sha256_new();
    while (!(rc = zipr_entry_read(f, buf, sizeof(buf), &got, NULL)) && got > 0)
        crypto_sha256_update(h, buf, got);
    crypto_sha256_final(h, d);
    crypto_sha256_free(h);
    zipr_entry_close(f);
    if (rc)
        return ERR_INVALID;
    crypto_hex(d, sizeof(d), hex);
    return ERR_OK;
}

struct sum {
    char hash[DC_SHA256_HEX];
    char *path;
    bool has_origin; /* an add or capture record was seen */
};

static void check_sums(struct vctx *c, struct strbuf *sums, struct sum **out,
                       size_t *nout)
{
    size_t alloc = 0;
    char *save = NULL;

    *out = NULL;
    *nout = 0;
    for (char *line = strtok_r(sums->buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char hex[DC_SHA256_HEX];
        enum err_code r;

        if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ') {
            vproblem(c, 0, "", "SHA256SUMS line is malformed: '%.80s'", line);
            continue;
        }
        line[64] = '\0';
        if (!vault_is_hash(line)) {
            vproblem(c, 0, "", "SHA256SUMS has a bad hash '%.64s'", line);
            continue;
        }
        if (*nout >= BUNDLE_MAX_ENTRIES)
            break;
        ALLOC_GROW(*out, *nout + 1, alloc);
        snprintf((*out)[*nout].hash, DC_SHA256_HEX, "%s", line);
        (*out)[*nout].path = xstrdup(line + 66);
        (*out)[*nout].has_origin = false;
        (*nout)++;
        if (!zipr_locate(c->z, line + 66, NULL)) {
            vproblem(c, 0, line, "exhibit '%.200s' is missing from the bundle",
                     line + 66);
            continue;
        }
        r = hash_member(c->z, line + 66, hex);
        c->res->exhibits++;
        if (r)
            vproblem(c, 0, line, "exhibit '%.200s' cannot be read", line + 66);
        else if (strcmp(hex, line) != 0)
            vproblem(c, 0, line,
                     "exhibit '%.200s' was changed: its SHA-256 is %s",
                     line + 66, hex);
    }
}

/* Parses custody.txt's records and feeds them to the chain checker. */
static void check_custody(struct vctx *c, struct strbuf *text,
                          const uint8_t *pk, struct sum *sums, size_t nsums)
{
    struct vault_chain chain;
    char *p = text->buf;

    vault_chain_init(&chain, pk, false, c->problem, c->ctx);
    while (*p) {
        struct store_custody_rec r;
        const char *dummy = "";
        bool any = false, header = false;
        char *seqs = NULL;

        memset(&r, 0, sizeof(r));
        r.at = r.actor = r.action = r.object = r.exhibit = r.detail = dummy;
        r.prev = r.obj_prev = r.hash = r.sig = dummy;
        /* One record: lines up to a blank line. */
        while (*p && *p != '\n') {
            char *nl = strchr(p, '\n');
            char *eq;

            if (nl)
                *nl = '\0';
            eq = strchr(p, '=');
            if (eq) {
                *eq = '\0';
                any = true;
                if (strcmp(p, "dossier-custody") == 0)
                    header = strcmp(eq + 1, "1") == 0;
                else if (strcmp(p, "seq") == 0)
                    seqs = eq + 1;
                else if (strcmp(p, "at") == 0)
                    r.at = eq + 1;
                else if (strcmp(p, "actor") == 0)
                    r.actor = eq + 1;
                else if (strcmp(p, "action") == 0)
                    r.action = eq + 1;
                else if (strcmp(p, "object") == 0)
                    r.object = eq + 1;
                else if (strcmp(p, "exhibit") == 0)
                    r.exhibit = eq + 1;
                else if (strcmp(p, "detail") == 0)
                    r.detail = eq + 1;
                else if (strcmp(p, "prev") == 0)
                    r.prev = eq + 1;
                else if (strcmp(p, "obj_prev") == 0)
                    r.obj_prev = eq + 1;
                else if (strcmp(p, "hash") == 0)
                    r.hash = eq + 1;
                else if (strcmp(p, "sig") == 0)
                    r.sig = eq + 1;
            }
            p = nl ? nl + 1 : p + strlen(p);
        }
        while (*p == '\n')
            p++;
        if (!any)
            continue;
        if (!header || !seqs) {
            vproblem(c, 0, r.object, "custody.txt has a malformed record");
            continue;
        }
        r.seq = strtoll(seqs, NULL, 10);
        c->res->records++;
        vault_chain_feed(&chain, &r);
        for (size_t i = 0; i < nsums; i++)
            if (strcmp(sums[i].hash, r.object) == 0 &&
                (strcmp(r.action, "add") == 0 ||
                 strcmp(r.action, "capture") == 0))
                sums[i].has_origin = true;
    }
    c->res->problems += chain.nproblems;
    vault_chain_release(&chain);
    for (size_t i = 0; i < nsums; i++)
        if (!sums[i].has_origin)
            vproblem(c, 0, sums[i].hash,
                     "exhibit has no add or capture record in custody.txt "
                     "(its chain is incomplete)");
}

/* timestamps/<hash12>-N.tsr must cover the exhibit whose hash starts
 * with hash12 (imprint only: the TSA's CA is not in the bundle). */
static void check_token(struct vctx *c, const char *name,
                        const struct sum *list, size_t nlist)
{
    struct strbuf tok = STRBUF_INIT;
    const struct sum *s = NULL;
    uint8_t digest[DC_SHA256_BYTES];
    char when[64];
    struct err e = ERR_INIT;

    for (size_t k = 0; k < nlist && !s; k++)
        if (strncmp(list[k].hash, name + 11, 12) == 0)
            s = &list[k];
    if (!s) {
        vproblem(c, 0, "", "'%.200s' names no exhibit of the bundle", name);
        return;
    }
    if (read_member(c->z, name, 1u << 20, &tok, &e) ||
        crypto_unhex(s->hash, digest, sizeof(digest), &e) ||
        crypto_tsa_token_check((const uint8_t *)tok.buf, tok.len, digest, NULL,
                               when, sizeof(when), &e))
        vproblem(c, 0, s->hash, "timestamp '%.200s': %s", name, e.msg);
    strbuf_release(&tok);
}

static enum err_code verify_zip(struct zipr *z, vault_problem_fn problem,
                                void *ctx, struct vault_bundle_result *res,
                                struct err *e)
{
    struct strbuf sums = STRBUF_INIT, custody = STRBUF_INIT, key = STRBUF_INIT;
    struct vctx c = {z, problem, ctx, res};
    uint8_t pk[DC_SIG_PK_BYTES];
    struct sum *list = NULL;
    size_t nlist = 0, nentries;
    enum err_code rc;

    rc = read_member(z, "SHA256SUMS", BUNDLE_MAX_SUMS, &sums, e);
    if (!rc)
        rc = read_member(z, "custody.txt", BUNDLE_MAX_CUSTODY, &custody, e);
    if (!rc)
        rc = read_member(z, "case-key.pub", 256, &key, e);
    if (rc)
        goto out;
    strbuf_trim(&key);
    if (crypto_unhex(key.buf, pk, DC_SIG_PK_BYTES, e)) {
        rc = err_set(e, ERR_INVALID, "case-key.pub is not a public key");
        goto out;
    }
    snprintf(res->key, sizeof(res->key), "%s", key.buf);
    check_sums(&c, &sums, &list, &nlist);
    check_custody(&c, &custody, pk, list, nlist);
    /* Exhibits present but not listed would go unchecked: report them. */
    nentries = zipr_count(z);
    for (size_t i = 0; i < nentries && i < BUNDLE_MAX_ENTRIES; i++) {
        const char *name = zipr_name(z, i);
        bool listed = false;

        if (!name)
            continue;
        if (strncmp(name, "timestamps/", 11) == 0) {
            res->tokens++;
            check_token(&c, name, list, nlist);
        }
        if (strncmp(name, "exhibits/", 9) != 0)
            continue;
        for (size_t k = 0; k < nlist && !listed; k++)
            listed = strcmp(list[k].path, name) == 0;
        if (!listed)
            vproblem(&c, 0, "",
                     "'%.200s' is in the bundle but not in "
                     "SHA256SUMS",
                     name);
    }
out:
    for (size_t i = 0; i < nlist; i++)
        free(list[i].path);
    free(list);
    strbuf_release(&sums);
    strbuf_release(&custody);
    strbuf_release(&key);
    return rc;
}

enum err_code vault_bundle_verify_file(const char *path,
                                       vault_problem_fn problem, void *ctx,
                                       struct vault_bundle_result *res,
                                       struct err *e)
{
    struct zipr *z;
    enum err_code rc;

    memset(res, 0, sizeof(*res));
    rc = zipr_open_file(path, ZIPR_CHECKCONS, &z, e);
    if (rc)
        return rc;
    rc = verify_zip(z, problem, ctx, res, e);
    zipr_close(z);
    return rc;
}

enum err_code vault_bundle_verify_mem(const void *data, size_t n,
                                      vault_problem_fn problem, void *ctx,
                                      struct vault_bundle_result *res,
                                      struct err *e)
{
    struct zipr *z;
    enum err_code rc;

    memset(res, 0, sizeof(*res));
    if (zipr_open_mem(data, n, ZIPR_CHECKCONS, &z, NULL))
        return err_set(e, ERR_INVALID, "not a readable zip bundle");
    rc = verify_zip(z, problem, ctx, res, e);
    zipr_close(z);
    return rc;
}
