/*
 * cmd_evidence: `dossier evidence add|open|log|verify|export|capture|
 * timestamp`: the CLI over vault/ (objects, custody chain, bundles,
 * timestamps, web capture). Every action is appended to the signed
 * custody log by the library calls made here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "case/case.h"
#include "cli/vault_cli.h"
#include "util/date.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "vault/bundle.h"
#include "vault/capture.h"
#include "vault/custody.h"
#include "vault/timestamp.h"
#include "util/banned.h"

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: dossier evidence add FILE... [--source ID] [--note TEXT]\n"
        "                        [--captured-at DATE] [--max-size BYTES] "
        "[--json]\n"
        "       dossier evidence list [--json]\n"
        "       dossier evidence open ID --to PATH\n"
        "       dossier evidence log ID [--json]\n"
        "       dossier evidence verify [ID... | --all] [--json]\n"
        "       dossier evidence export ID... --out FILE.zip\n"
        "       dossier evidence capture URL [--timeout SECONDS] "
        "[--cacert FILE]\n"
        "       dossier evidence timestamp ID [--tsa URL]... [--tsa-cert "
        "FILE]\n"
        "       dossier evidence annotate ID --note TEXT\n"
        "       dossier evidence release ID --to WHO [--note TEXT]\n"
        "\n"
        "Keeps evidence in the case vault: each file is read once, hashed\n"
        "(SHA-256) and encrypted under its own key into vault/objects/,\n"
        "named by its hash; the same content is stored once. Every action\n"
        "is appended to the custody log, a hash chain signed with the\n"
        "case's Ed25519 key. ID is an object hash (or a unique prefix of at\n"
        "least 8 hex digits) or an exhibit id.\n"
        "\n"
        "  add        store files (size, media type, EXIF time/GPS/device,\n"
        "             original name and file time are recorded)\n"
        "  list       every object added or captured, with its exhibit\n"
        "  open       write a decrypted working copy; the original is "
        "never\n"
        "             changed\n"
        "  log        the object's custody records\n"
        "  verify     re-hash objects by decrypting them and check the\n"
        "             custody chain and signatures; exit 1 on any problem\n"
        "  export     a zip bundle a recipient can check with sha256sum or\n"
        "             'dossier verify-bundle'\n"
        "  capture    fetch a web page and store request, response, headers\n"
        "             and the TLS certificate chain as a WARC 1.1 record\n"
        "  timestamp  get an RFC 3161 timestamp token for the object's hash\n"
        "  annotate   add a note to the exhibit and its custody log\n"
        "  release    record that the evidence was handed to someone\n"
        "\n"
        "examples:\n"
        "  dossier evidence add photo.jpg statement.pdf --note 'from "
        "witness 4'\n"
        "  dossier evidence log 3fa9c1d2\n"
        "  dossier evidence open 3fa9c1d2 --to /tmp/copy.jpg\n"
        "  dossier evidence verify --all\n"
        "  dossier evidence export 3fa9c1d2 77be01aa --out bundle.zip\n"
        "  dossier evidence capture https://example.org/report\n"
        "  dossier evidence timestamp 3fa9c1d2 --tsa https://tsa.example/\n");
}

/* --- ID resolution ----------------------------------------------------- */

struct find_ctx {
    char object[DC_SHA256_HEX];
    char exhibit[128];
    char name[256];
    int n; /* distinct objects */
};

static void detail_field(const char *detail, const char *key, char *out,
                         size_t max)
{
    /* Reads "key":"value" from our own compact JSON (no escapes needed for
     * display; an escaped quote ends the value early, which is harmless). */
    char pat[64];
    const char *p, *q;

    out[0] = '\0';
    snprintf(pat, sizeof(pat), "\"%s\":\"", key);
    p = strstr(detail, pat);
    if (!p)
        return;
    p += strlen(pat);
    q = strchr(p, '"');
    if (!q)
        return;
    snprintf(out, max, "%.*s", (int)(q - p), p);
}

static int find_cb(const struct store_custody_rec *r, void *ctx)
{
    struct find_ctx *f = ctx;

    if (f->n == 0 || strcmp(f->object, r->object) != 0) {
        if (f->n == 0 || strcmp(f->object, r->object) != 0)
            f->n++;
        snprintf(f->object, sizeof(f->object), "%s", r->object);
    }
    if (r->exhibit[0])
        snprintf(f->exhibit, sizeof(f->exhibit), "%s", r->exhibit);
    if (!f->name[0])
        detail_field(r->detail, "name", f->name, sizeof(f->name));
    return 0;
}

static enum err_code resolve(struct vault_cli *vc, const char *id,
                             struct find_ctx *f, struct err *e)
{
    enum err_code rc;

    memset(f, 0, sizeof(*f));
    if (strlen(id) < 8)
        return err_set(e, ERR_USAGE,
                       "id '%s' is too short: give at least 8 hex digits of "
                       "the hash",
                       id);
    rc = store_custody_find(vc->cs, id, find_cb, f, e);
    if (rc)
        return rc;
    if (f->n == 0 && vault_is_hash(id) && vault_has(vc->v, id)) {
        /* Stored but never logged (a crash between storing and logging). */
        snprintf(f->object, sizeof(f->object), "%s", id);
        f->n = 1;
    }
    if (f->n == 0)
        return err_set(e, ERR_NOTFOUND, "no evidence '%s' in this case", id);
    if (f->n > 1)
        return err_set(e, ERR_USAGE,
                       "'%s' is ambiguous: give more digits of the hash", id);
    return ERR_OK;
}

/* --- add --------------------------------------------------------------- */

static void json_kv(struct strbuf *sb, const char *k, const char *v)
{
    if (!v || !*v)
        return;
    if (sb->len > 1)
        strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, k);
    strbuf_addch(sb, ':');
    strbuf_add_json_str(sb, v);
}

/* Facts about a new object, for its Exhibit entity. */
struct exhibit_facts {
    const char *hash;
    const char *title;
    const char *media_type;
    uint64_t size;
    const char *captured_at; /* normalised date, or "" */
    const char *gps;         /* "lat,lon", or "" */
    const char *device;      /* or "" */
    const char *source;      /* Source entity id, or NULL */
    const char *note;        /* or NULL */
    const char *url;         /* or NULL */
};

static int first_stmt_cb(const struct store_stmt *s, void *ctx)
{
    snprintf(ctx, ID_MAX_LEN + 1, "%s", s->entity_id);
    return 1;
}

static enum err_code prop(struct store *st, const char *id, const char *name,
                          const char *value, struct err *e)
{
    if (!value || !*value)
        return ERR_OK;
    return case_prop_add(st, id, name, value, NULL, NULL, e);
}

/*
 * Finds the Exhibit entity of an object, or makes one from what is known
 * about it. id receives its id. Call inside a store transaction (see
 * exhibit_logged), so the Exhibit and its custody record are one write.
 */
static enum err_code exhibit_for(struct store *st,
                                 const struct exhibit_facts *f,
                                 char id[ID_MAX_LEN + 1], struct err *e)
{
    char size[32], lat[48] = "", lon[48] = "";
    struct strbuf desc = STRBUF_INIT;
    enum err_code rc;
    const char *comma;

    id[0] = '\0';
    rc = store_stmt_find(st, "hash", f->hash, first_stmt_cb, id, e);
    if (rc || id[0])
        return rc;
    snprintf(size, sizeof(size), "%llu", (unsigned long long)f->size);
    comma = f->gps ? strchr(f->gps, ',') : NULL;
    if (comma) {
        snprintf(lat, sizeof(lat), "%.*s", (int)(comma - f->gps), f->gps);
        snprintf(lon, sizeof(lon), "%s", comma + 1);
    }
    if (f->device && *f->device)
        strbuf_addf(&desc, "Recorded with %s.", f->device);
    rc = case_entity_add(st, "Exhibit", NULL, NULL, id, e);
    if (!rc)
        rc = prop(st, id, "hash", f->hash, e);
    if (!rc)
        rc = prop(st, id, "title", f->title, e);
    if (!rc && !f->url)
        rc = prop(st, id, "fileName", f->title, e);
    if (!rc)
        rc = prop(st, id, "mediaType", f->media_type, e);
    if (!rc)
        rc = prop(st, id, "fileSize", size, e);
    if (!rc)
        rc = prop(st, id, "capturedAt", f->captured_at, e);
    if (!rc)
        rc = prop(st, id, "latitude", lat, e);
    if (!rc)
        rc = prop(st, id, "longitude", lon, e);
    if (!rc)
        rc = prop(st, id, "description", desc.buf, e);
    if (!rc)
        rc = prop(st, id, "notes", f->note, e);
    if (!rc)
        rc = prop(st, id, "sourceUrl", f->url, e);
    if (!rc)
        rc = prop(st, id, "source", f->source, e);
    if (!rc)
        rc = prop(st, id, "verification", "unverified", e);
    strbuf_release(&desc);
    if (rc)
        id[0] = '\0';
    return rc;
}

/* What exhibit_logged appends to the custody log once the Exhibit is
 * known: an "add" or a "capture" record. */
struct logged {
    const char *action; /* "add" or "capture" */
    const char *detail; /* add: JSON detail */
    const char *url;    /* capture */
    const struct vault_capture *cr;
};

/*
 * The Exhibit of an object (found or made) and its custody record, in one
 * store transaction: both are written or neither. The signed head file
 * follows the commit.
 */
static enum err_code exhibit_logged(struct vault_cli *vc,
                                    const struct exhibit_facts *f,
                                    const struct logged *lg,
                                    char id[ID_MAX_LEN + 1], struct err *e)
{
    enum err_code rc = store_begin(vc->st, e);

    if (rc)
        return rc;
    rc = exhibit_for(vc->st, f, id, e);
    if (!rc && strcmp(lg->action, "capture") == 0)
        rc = vault_capture_log(vc->v, vc->cs, lg->url, lg->cr, id, e);
    else if (!rc)
        rc = vault_custody_log(vc->v, vc->cs, lg->action, f->hash, id,
                               lg->detail, e);
    if (!rc)
        rc = store_commit(vc->st, e);
    if (rc) {
        store_rollback(vc->st);
        id[0] = '\0';
        return rc;
    }
    return vault_custody_head_update(vc->v, vc->cs, e);
}

/* EXIF "2024:03:01 10:22:33" -> "2024-03-01" (day precision), or "". */
static void exif_date(const char *exif, char out[DATE_FMT_MAX])
{
    out[0] = '\0';
    if (strlen(exif) >= 10 && exif[4] == ':' && exif[7] == ':')
        snprintf(out, DATE_FMT_MAX, "%.4s-%.2s-%.2s", exif, exif + 5, exif + 8);
}

static int ev_add(int argc, char **argv, struct cli *cli)
{
    const char *source = NULL, *note = NULL, *captured = NULL;
    struct vault_cli vc;
    struct err e = ERR_INIT;
    struct strbuf out = STRBUF_INIT;
    char captured_norm[DATE_FMT_MAX] = "";
    int64_t max_size = 0;
    bool json = false;
    int nfiles = 0, failed = 0;
    enum err_code rc;
    char **files = xcalloc((size_t)argc, sizeof(*files));

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--source") == 0 && i + 1 < argc)
            source = argv[++i];
        else if (strcmp(argv[i], "--note") == 0 && i + 1 < argc)
            note = argv[++i];
        else if (strcmp(argv[i], "--captured-at") == 0 && i + 1 < argc)
            captured = argv[++i];
        else if (strcmp(argv[i], "--max-size") == 0 && i + 1 < argc) {
            if (parse_int64(argv[++i], &max_size, &e) || max_size <= 0) {
                free(files);
                return cli_usage_error("evidence add",
                                       "--max-size needs a positive number "
                                       "of bytes");
            }
        } else if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(files);
            return cli_usage_error("evidence add", "unknown option '%s'",
                                   argv[i]);
        } else
            files[nfiles++] = argv[i];
    }
    if (!nfiles) {
        free(files);
        return cli_usage_error("evidence add", "no FILE given");
    }
    if (captured) {
        struct date_range dr;

        if (date_parse(captured, &dr, &e)) {
            free(files);
            return cli_usage_error("evidence add", "bad --captured-at: %s",
                                   e.msg);
        }
        date_format(&dr, captured_norm);
    }
    if (vault_cli_open(cli, &vc, &e)) {
        free(files);
        return cli_fail(&e);
    }
    if (max_size)
        vault_set_size_cap(vc.v, (uint64_t)max_size);
    if (json)
        strbuf_addch(&out, '[');
    for (int i = 0; i < nfiles; i++) {
        struct vault_meta m;
        struct strbuf d = STRBUF_INIT;
        char size[32], exhibit[ID_MAX_LEN + 1];
        struct err fe = ERR_INIT;

        if (vault_add_file(vc.v, files[i], &m, &fe)) {
            fprintf(stderr, "dossier: error: %s\n", fe.msg);
            failed++;
            continue;
        }
        snprintf(size, sizeof(size), "%llu", (unsigned long long)m.size);
        strbuf_addch(&d, '{');
        json_kv(&d, "name", m.orig_name);
        json_kv(&d, "size", size);
        json_kv(&d, "mediaType", m.media_type);
        json_kv(&d, "fileTime", m.mtime);
        json_kv(&d, "exifTime", m.exif_time);
        json_kv(&d, "gps", m.exif_gps);
        json_kv(&d, "device", m.exif_device);
        json_kv(&d, "source", source);
        json_kv(&d, "note", note);
        json_kv(&d, "capturedAt", captured_norm);
        json_kv(&d, "duplicate", m.duplicate ? "yes" : NULL);
        strbuf_addch(&d, '}');
        {
            struct exhibit_facts xf;
            struct logged lg = {"add", d.buf, NULL, NULL};
            char exd[DATE_FMT_MAX];

            exif_date(m.exif_time, exd);
            memset(&xf, 0, sizeof(xf));
            xf.hash = m.hash;
            xf.title = m.orig_name;
            xf.media_type = m.media_type;
            xf.size = m.size;
            xf.captured_at = captured_norm[0] ? captured_norm : exd;
            xf.gps = m.exif_gps;
            xf.device = m.exif_device;
            xf.source = source;
            xf.note = note;
            rc = exhibit_logged(&vc, &xf, &lg, exhibit, &fe);
        }
        if (rc) {
            fprintf(stderr, "dossier: error: '%s': %s\n", files[i], fe.msg);
            failed++;
        } else if (json) {
            if (out.len > 1)
                strbuf_addch(&out, ',');
            strbuf_addf(&out,
                        "{\"hash\":\"%s\",\"exhibit\":\"%s\",\"duplicate\":%s,"
                        "\"meta\":%s}",
                        m.hash, exhibit, m.duplicate ? "true" : "false", d.buf);
        } else {
            strbuf_addf(&out, "%s  %s  %s  %s  exhibit %s%s\n", m.hash, size,
                        m.media_type, m.orig_name, exhibit,
                        m.duplicate ? "  (already in the vault)" : "");
        }
        strbuf_release(&d);
        vault_meta_release(&m);
    }
    if (json)
        strbuf_addstr(&out, "]\n");
    fputs(out.buf, stdout);
    strbuf_release(&out);
    vault_cli_close(&vc);
    free(files);
    return failed ? CLI_FAIL : CLI_OK;
}

/* --- open -------------------------------------------------------------- */

static int ev_open(int argc, char **argv, struct cli *cli)
{
    const char *id = NULL, *to = NULL;
    struct vault_cli vc;
    struct find_ctx f;
    struct err e = ERR_INIT;
    struct strbuf d = STRBUF_INIT;
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (argv[i][0] == '-')
            return cli_usage_error("evidence open", "unknown option '%s'",
                                   argv[i]);
        else if (!id)
            id = argv[i];
        else
            return cli_usage_error("evidence open", "one ID only");
    }
    if (!id || !to)
        return cli_usage_error("evidence open", "need ID and --to PATH");
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    if (resolve(&vc, id, &f, &e) || vault_open_to(vc.v, f.object, to, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    strbuf_addch(&d, '{');
    json_kv(&d, "to", to);
    strbuf_addch(&d, '}');
    if (vault_custody_log(vc.v, vc.cs, "open", f.object, NULL, d.buf, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    printf("%s -> %s\n", f.object, to);
out:
    strbuf_release(&d);
    vault_cli_close(&vc);
    return ret;
}

/* --- log --------------------------------------------------------------- */

struct log_ctx {
    struct strbuf *out;
    bool json;
    size_t n; /* records written */
};

static int log_cb(const struct store_custody_rec *r, void *ctx)
{
    struct log_ctx *l = ctx;

    if (l->json) {
        if (l->n++)
            strbuf_addch(l->out, ',');
        strbuf_addf(l->out, "{\"seq\":%lld,\"at\":", (long long)r->seq);
        strbuf_add_json_str(l->out, r->at);
        strbuf_addstr(l->out, ",\"actor\":");
        strbuf_add_json_str(l->out, r->actor);
        strbuf_addstr(l->out, ",\"action\":");
        strbuf_add_json_str(l->out, r->action);
        strbuf_addstr(l->out, ",\"object\":");
        strbuf_add_json_str(l->out, r->object);
        strbuf_addstr(l->out, ",\"detail\":");
        strbuf_add_json_str(l->out, r->detail);
        strbuf_addstr(l->out, ",\"prev\":");
        strbuf_add_json_str(l->out, r->prev);
        strbuf_addstr(l->out, ",\"obj_prev\":");
        strbuf_add_json_str(l->out, r->obj_prev);
        strbuf_addstr(l->out, ",\"hash\":");
        strbuf_add_json_str(l->out, r->hash);
        strbuf_addstr(l->out, ",\"sig\":");
        strbuf_add_json_str(l->out, r->sig);
        strbuf_addch(l->out, '}');
    } else {
        strbuf_addf(l->out, "%lld\t%s\t%s\t%s\t%s\n", (long long)r->seq, r->at,
                    r->actor, r->action, r->detail);
    }
    return 0;
}

static int ev_log(int argc, char **argv, struct cli *cli)
{
    const char *id = NULL;
    struct vault_cli vc;
    struct find_ctx f;
    struct err e = ERR_INIT;
    struct strbuf out = STRBUF_INIT;
    struct log_ctx l = {&out, false, 0};
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            l.json = true;
        else if (argv[i][0] == '-')
            return cli_usage_error("evidence log", "unknown option '%s'",
                                   argv[i]);
        else if (!id)
            id = argv[i];
        else
            return cli_usage_error("evidence log", "one ID only");
    }
    if (!id)
        return cli_usage_error("evidence log", "no ID given");
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    if (resolve(&vc, id, &f, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    if (l.json)
        strbuf_addf(&out, "{\"object\":\"%s\",\"records\":[", f.object);
    else
        strbuf_addf(&out, "object %s\nseq\tat\tactor\taction\tdetail\n",
                    f.object);
    if (store_custody_each(vc.cs, f.object, log_cb, &l, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    if (l.json)
        strbuf_addstr(&out, "]}\n");
    fputs(out.buf, stdout);
out:
    strbuf_release(&out);
    vault_cli_close(&vc);
    return ret;
}

/* --- verify ------------------------------------------------------------ */

struct verify_ctx {
    struct vault_cli *vc;
    struct strbuf *out;
    bool json;
    size_t problems;
    char **objects; /* distinct objects of the log, in first-seen order */
    size_t nobjects, alloc;
};

static void report(struct verify_ctx *vx, const char *object, int64_t seq,
                   const char *what)
{
    if (vx->json) {
        if (vx->problems)
            strbuf_addch(vx->out, ',');
        strbuf_addstr(vx->out, "{\"object\":");
        strbuf_add_json_str(vx->out, object);
        strbuf_addf(vx->out, ",\"seq\":%lld,\"problem\":", (long long)seq);
        strbuf_add_json_str(vx->out, what);
        strbuf_addch(vx->out, '}');
    } else if (seq) {
        strbuf_addf(vx->out, "FAIL custody record %lld (object %.16s): %s\n",
                    (long long)seq, object, what);
    } else if (*object) {
        strbuf_addf(vx->out, "FAIL object %s: %s\n", object, what);
    } else {
        strbuf_addf(vx->out, "FAIL %s\n", what);
    }
    vx->problems++;
}

static void chain_problem(int64_t seq, const char *object, const char *what,
                          void *ctx)
{
    report(ctx, object, seq, what);
}

static void collect_one(struct verify_ctx *vx, const char *object)
{
    for (size_t i = 0; i < vx->nobjects; i++)
        if (strcmp(vx->objects[i], object) == 0)
            return;
    ALLOC_GROW(vx->objects, vx->nobjects + 1, vx->alloc);
    vx->objects[vx->nobjects++] = xstrdup(object);
}

static int collect_cb(const struct store_custody_rec *r, void *ctx)
{
    struct verify_ctx *vx = ctx;
    char token[DC_SHA256_HEX];

    /* Timestamp tokens are vault objects too, named in the record; each
     * must still cover its object's hash. */
    if (strcmp(r->action, "timestamp") == 0) {
        detail_field(r->detail, "token", token, sizeof(token));
        if (vault_is_hash(token)) {
            struct err te = ERR_INIT;
            char when[64];

            collect_one(vx, token);
            if (vault_timestamp_check(vx->vc->v, r->object, token, NULL, when,
                                      sizeof(when), &te)) {
                char what[ERR_MSG_MAX + 64];

                snprintf(what, sizeof(what), "timestamp token %.16s: %s", token,
                         te.msg);
                report(vx, r->object, r->seq, what);
            }
        }
    }

    for (size_t i = 0; i < vx->nobjects; i++)
        if (strcmp(vx->objects[i], r->object) == 0)
            return 0;
    if (strcmp(r->action, "add") != 0 && strcmp(r->action, "capture") != 0 &&
        strcmp(r->action, "timestamp") != 0)
        return 0;
    ALLOC_GROW(vx->objects, vx->nobjects + 1, vx->alloc);
    vx->objects[vx->nobjects++] = xstrdup(r->object);
    return 0;
}

/* Objects on disk that no custody record names: stored, then interrupted
 * before the add was logged. Checked like the others and noted. */
static int orphan_cb(const char *hash, void *ctx)
{
    struct verify_ctx *vx = ctx;

    for (size_t i = 0; i < vx->nobjects; i++)
        if (strcmp(vx->objects[i], hash) == 0)
            return 0;
    ALLOC_GROW(vx->objects, vx->nobjects + 1, vx->alloc);
    vx->objects[vx->nobjects++] = xstrdup(hash);
    if (!vx->json)
        strbuf_addf(vx->out,
                    "note object %s is not in the custody log (interrupted "
                    "add; add the file again to log it)\n",
                    hash);
    return 0;
}

static enum err_code verify_object(struct verify_ctx *vx, const char *object,
                                   struct err *e)
{
    struct err oe = ERR_INIT;
    enum err_code rc = vault_verify(vx->vc->v, object, &oe);

    if (rc == ERR_NOTFOUND || rc == ERR_CRYPTO) {
        report(vx, object, 0, oe.msg);
        return vault_custody_log(vx->vc->v, vx->vc->cs, "verify", object, NULL,
                                 "{\"result\":\"failed\"}", e);
    }
    if (rc)
        return err_set(e, rc, "%s", oe.msg);
    if (!vx->json)
        strbuf_addf(vx->out, "ok   object %s\n", object);
    return vault_custody_log(vx->vc->v, vx->vc->cs, "verify", object, NULL,
                             "{\"result\":\"ok\"}", e);
}

static int ev_verify(int argc, char **argv, struct cli *cli)
{
    struct vault_cli vc;
    struct err e = ERR_INIT;
    struct strbuf out = STRBUF_INIT;
    struct verify_ctx vx;
    bool all = false;
    int nids = 0, ret = CLI_OK;
    size_t nchain = 0;

    memset(&vx, 0, sizeof(vx));
    vx.out = &out;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (strcmp(argv[i], "--json") == 0)
            vx.json = true;
        else if (argv[i][0] == '-')
            return cli_usage_error("evidence verify", "unknown option '%s'",
                                   argv[i]);
        else
            nids++;
    }
    if (!nids)
        all = true;
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    vx.vc = &vc;
    if (vx.json)
        strbuf_addstr(&out, "{\"problems\":[");
    if (all) {
        /* The whole chain first, before this run appends to it. */
        if (vault_custody_verify(vc.v, vc.cs, NULL, chain_problem, &vx, &nchain,
                                 &e) ||
            store_custody_each(vc.cs, NULL, collect_cb, &vx, &e) ||
            vault_each_object(vc.v, orphan_cb, &vx, &e))
            goto fail;
    } else {
        for (int i = 1; i < argc; i++) {
            struct find_ctx f;

            if (argv[i][0] == '-')
                continue;
            if (resolve(&vc, argv[i], &f, &e))
                goto fail;
            if (vault_custody_verify(vc.v, vc.cs, f.object, chain_problem, &vx,
                                     &nchain, &e))
                goto fail;
            ALLOC_GROW(vx.objects, vx.nobjects + 1, vx.alloc);
            vx.objects[vx.nobjects++] = xstrdup(f.object);
        }
    }
    for (size_t i = 0; i < vx.nobjects; i++)
        if (verify_object(&vx, vx.objects[i], &e))
            goto fail;
    if (vx.json)
        strbuf_addf(&out, "],\"objects\":%zu,\"ok\":%s}\n", vx.nobjects,
                    vx.problems ? "false" : "true");
    else
        strbuf_addf(&out, "%zu object(s) checked, %zu problem(s)\n",
                    vx.nobjects, vx.problems);
    fputs(out.buf, stdout);
    ret = vx.problems ? CLI_FAIL : CLI_OK;
    goto out;
fail:
    fputs(out.buf, stdout);
    ret = cli_fail(&e);
out:
    for (size_t i = 0; i < vx.nobjects; i++)
        free(vx.objects[i]);
    free(vx.objects);
    strbuf_release(&out);
    vault_cli_close(&vc);
    return ret;
}

/* --- export ------------------------------------------------------------ */

static int ev_export(int argc, char **argv, struct cli *cli)
{
    const char *outpath = NULL;
    struct vault_cli vc;
    struct err e = ERR_INIT;
    struct vault_bundle_item *items = xcalloc((size_t)argc, sizeof(*items));
    struct find_ctx *fs = xcalloc((size_t)argc, sizeof(*fs));
    size_t n = 0;
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (argv[i][0] == '-') {
            ret = cli_usage_error("evidence export", "unknown option '%s'",
                                  argv[i]);
            goto out_free;
        } else
            items[n++].object = argv[i];
    }
    if (!n || !outpath) {
        ret = cli_usage_error("evidence export", "need ID... and --out FILE");
        goto out_free;
    }
    if (vault_cli_open(cli, &vc, &e)) {
        ret = cli_fail(&e);
        goto out_free;
    }
    for (size_t i = 0; i < n; i++) {
        if (resolve(&vc, items[i].object, &fs[i], &e))
            goto fail;
        items[i].object = fs[i].object;
        items[i].name = fs[i].name;
    }
    if (vault_bundle_export(vc.v, vc.cs, items, n, outpath, &e))
        goto fail;
    printf("%s: %zu exhibit(s)\n", outpath, n);
    goto out;
fail:
    ret = cli_fail(&e);
out:
    vault_cli_close(&vc);
out_free:
    free(items);
    free(fs);
    return ret;
}

/* --- capture ----------------------------------------------------------- */

static int ev_capture(int argc, char **argv, struct cli *cli)
{
    const char *url = NULL, *cacert = NULL;
    int64_t timeout = 30;
    struct vault_cli vc;
    struct err e = ERR_INIT;
    struct vault_capture cr;
    struct exhibit_facts xf;
    struct logged lg = {"capture", NULL, NULL, NULL};
    char exhibit[ID_MAX_LEN + 1], day[DATE_FMT_MAX];
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
            if (parse_int64(argv[++i], &timeout, &e) || timeout <= 0)
                return cli_usage_error("evidence capture",
                                       "--timeout needs seconds");
        } else if (strcmp(argv[i], "--cacert") == 0 && i + 1 < argc)
            cacert = argv[++i];
        else if (argv[i][0] == '-')
            return cli_usage_error("evidence capture", "unknown option '%s'",
                                   argv[i]);
        else if (!url)
            url = argv[i];
        else
            return cli_usage_error("evidence capture", "one URL only");
    }
    if (!url)
        return cli_usage_error("evidence capture", "no URL given");
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    if (vault_capture_url(vc.v, url, (long)timeout, cacert, &cr, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    memset(&xf, 0, sizeof(xf));
    xf.hash = cr.hash;
    xf.title = url;
    xf.media_type = "application/warc";
    xf.url = url;
    xf.captured_at = day;
    snprintf(day, sizeof(day), "%.10s", cr.at);
    lg.url = url;
    lg.cr = &cr;
    if (exhibit_logged(&vc, &xf, &lg, exhibit, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    printf("%s  %s  HTTP %ld  exhibit %s%s\n", cr.hash, url, cr.status, exhibit,
           cr.duplicate ? "  (already in the vault)" : "");
out:
    vault_cli_close(&vc);
    return ret;
}

/* --- timestamp --------------------------------------------------------- */

#define MAX_TSAS 8

/*
 * Several TSAs may be given (--tsa repeated, or $DOSSIER_TSA or the case
 * setting "evidence.tsa" as a space-separated list): each is asked, so
 * one TSA's key compromise or disappearance does not void the evidence.
 * Succeeds when at least one answered; each failure is printed.
 */
static int ev_timestamp(int argc, char **argv, struct cli *cli)
{
    const char *id = NULL, *tsa_cert = NULL;
    const char *tsas[MAX_TSAS];
    size_t ntsas = 0, ok = 0;
    char *list = NULL, *save = NULL;
    struct vault_cli vc;
    struct find_ctx f;
    struct err e = ERR_INIT;
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tsa") == 0 && i + 1 < argc) {
            if (ntsas == MAX_TSAS)
                return cli_usage_error("evidence timestamp", "at most %d TSAs",
                                       MAX_TSAS);
            tsas[ntsas++] = argv[++i];
        } else if (strcmp(argv[i], "--tsa-cert") == 0 && i + 1 < argc)
            tsa_cert = argv[++i];
        else if (argv[i][0] == '-')
            return cli_usage_error("evidence timestamp", "unknown option '%s'",
                                   argv[i]);
        else if (!id)
            id = argv[i];
        else
            return cli_usage_error("evidence timestamp", "one ID only");
    }
    if (!id)
        return cli_usage_error("evidence timestamp", "no ID given");
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    if (!ntsas) {
        const char *env = getenv("DOSSIER_TSA");

        if (env && *env)
            list = xstrdup(env);
        else if (store_meta_get(vc.st, "evidence.tsa", &list, NULL))
            list = NULL;
        for (char *t = list ? strtok_r(list, " ,", &save) : NULL;
             t && ntsas < MAX_TSAS; t = strtok_r(NULL, " ,", &save))
            tsas[ntsas++] = t;
    }
    if (!ntsas) {
        ret = cli_usage_error("evidence timestamp",
                              "no TSA: give --tsa URL, set $DOSSIER_TSA, or "
                              "the case setting 'evidence.tsa'");
        goto out;
    }
    if (resolve(&vc, id, &f, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    for (size_t i = 0; i < ntsas; i++) {
        struct err te = ERR_INIT;
        char gentime[64];

        if (vault_timestamp_object(vc.v, vc.cs, f.object, tsas[i], tsa_cert,
                                   gentime, sizeof(gentime), &te)) {
            fprintf(stderr, "dossier: error: %s\n", te.msg);
            continue;
        }
        ok++;
        printf("%s  timestamped %s by %s\n", f.object, gentime, tsas[i]);
    }
    ret = ok ? CLI_OK : CLI_FAIL;
out:
    free(list);
    vault_cli_close(&vc);
    return ret;
}

/* --- list -------------------------------------------------------------- */

struct list_ctx {
    struct strbuf *out;
    bool json;
    size_t n;
};

static int list_cb(const struct store_custody_rec *r, void *ctx)
{
    struct list_ctx *l = ctx;
    char name[256], size[32], type[128];

    /* One line per object: its first record (an object chain's first
     * record names the genesis hash as obj_prev). */
    if ((strcmp(r->action, "add") != 0 && strcmp(r->action, "capture") != 0) ||
        strcmp(r->obj_prev, STORE_CUSTODY_GENESIS) != 0)
        return 0;
    detail_field(r->detail, "name", name, sizeof(name));
    detail_field(r->detail, "size", size, sizeof(size));
    detail_field(r->detail, "mediaType", type, sizeof(type));
    if (!strcmp(r->action, "capture"))
        detail_field(r->detail, "url", name, sizeof(name));
    if (l->json) {
        if (l->n)
            strbuf_addch(l->out, ',');
        strbuf_addf(l->out, "{\"hash\":\"%s\",\"exhibit\":", r->object);
        strbuf_add_json_str(l->out, r->exhibit);
        strbuf_addstr(l->out, ",\"action\":");
        strbuf_add_json_str(l->out, r->action);
        strbuf_addstr(l->out, ",\"at\":");
        strbuf_add_json_str(l->out, r->at);
        strbuf_addstr(l->out, ",\"name\":");
        strbuf_add_json_str(l->out, name);
        strbuf_addstr(l->out, ",\"mediaType\":");
        strbuf_add_json_str(l->out, type);
        strbuf_addch(l->out, '}');
    } else {
        strbuf_addf(l->out, "%s\t%s\t%s\t%s\t%s\t%s\n", r->object,
                    r->exhibit[0] ? r->exhibit : "-", r->at,
                    size[0] ? size : "-", type[0] ? type : "-", name);
    }
    l->n++;
    return 0;
}

static int ev_list(int argc, char **argv, struct cli *cli)
{
    struct strbuf out = STRBUF_INIT;
    struct list_ctx l = {&out, false, 0};
    struct store *st = NULL;
    struct store_custody *cs = NULL;
    struct err e = ERR_INIT;
    char *db;
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            l.json = true;
        else
            return cli_usage_error("evidence list", "unknown argument '%s'",
                                   argv[i]);
    }
    /* Read-only and without the keys: listing needs no passphrase. */
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    db = cli_case_path(cli, "case.db");
    if (store_custody_open(db, true, &cs, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    if (l.json)
        strbuf_addch(&out, '[');
    else
        strbuf_addstr(&out, "hash\texhibit\tadded\tsize\tmediaType\tname\n");
    if (store_custody_each(cs, NULL, list_cb, &l, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    if (l.json)
        strbuf_addstr(&out, "]\n");
    fputs(out.buf, stdout);
out:
    free(db);
    store_custody_close(cs);
    store_close(st);
    strbuf_release(&out);
    return ret;
}

/* --- annotate, release ------------------------------------------------- */

/* Shared by annotate (note required) and release (--to required). */
static int ev_note(int argc, char **argv, struct cli *cli, bool release)
{
    const char *name = release ? "evidence release" : "evidence annotate";
    const char *id = NULL, *note = NULL, *to = NULL;
    struct vault_cli vc;
    struct find_ctx f;
    struct err e = ERR_INIT;
    struct strbuf d = STRBUF_INIT;
    int ret = CLI_OK;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--note") == 0 && i + 1 < argc)
            note = argv[++i];
        else if (release && strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (argv[i][0] == '-')
            return cli_usage_error(name, "unknown option '%s'", argv[i]);
        else if (!id)
            id = argv[i];
        else
            return cli_usage_error(name, "one ID only");
    }
    if (!id || (release ? !to || !*to : !note || !*note))
        return cli_usage_error(name, release ? "need ID and --to WHO"
                                             : "need ID and --note TEXT");
    if (vault_cli_open(cli, &vc, &e))
        return cli_fail(&e);
    if (resolve(&vc, id, &f, &e))
        goto fail;
    strbuf_addch(&d, '{');
    json_kv(&d, "to", to);
    json_kv(&d, "note", note);
    strbuf_addch(&d, '}');
    if (!release && f.exhibit[0] &&
        case_prop_add(vc.st, f.exhibit, "notes", note, NULL, NULL, &e))
        goto fail;
    if (vault_custody_log(vc.v, vc.cs, release ? "release" : "annotate",
                          f.object, f.exhibit, d.buf, &e))
        goto fail;
    printf("%s  %s\n", f.object, release ? "release recorded" : "annotated");
    goto out;
fail:
    ret = cli_fail(&e);
out:
    strbuf_release(&d);
    vault_cli_close(&vc);
    return ret;
}

static int ev_annotate(int argc, char **argv, struct cli *cli)
{
    return ev_note(argc, argv, cli, false);
}

static int ev_release(int argc, char **argv, struct cli *cli)
{
    return ev_note(argc, argv, cli, true);
}

int cmd_evidence(int argc, char **argv, struct cli *cli)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **, struct cli *);
    } subs[] = {
        {"add", ev_add},
        {"open", ev_open},
        {"log", ev_log},
        {"verify", ev_verify},
        {"export", ev_export},
        {"capture", ev_capture},
        {"timestamp", ev_timestamp},
        {"annotate", ev_annotate},
        {"release", ev_release},
        {"list", ev_list},
    };

    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].fn(argc - 1, argv + 1, cli);
    return cli_usage_error("evidence", "unknown subcommand '%s'", argv[1]);
}
