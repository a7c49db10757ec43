/*
 * ftm_io: FtM JSON lines import (two phases in one transaction: entities
 * first, so references may point forward, then their values) and export.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case/case.h"
#include "case/disclose.h"
#include "case/ftm_io.h"
#include "formats/ftm.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct parsed {
    int64_t line;
    struct ftm_entity en;
    const char *schema; /* our schema name */
    bool bad;
};

static void skip_report(const struct case_ftm_hooks *h, int64_t line,
                        const char *msg, struct case_ftm_stats *stats)
{
    stats->skipped++;
    if (h && h->skipped)
        h->skipped(line, msg, h->ctx);
}

/* Reads the whole stream into parsed entities held in arena a. */
static enum err_code read_all(FILE *f, const char *path, unsigned flags,
                              const struct case_ftm_hooks *h, struct arena *a,
                              struct parsed **out, size_t *nout,
                              struct case_ftm_stats *stats, struct err *e)
{
    struct strbuf line;
    struct parsed *items = NULL;
    size_t n = 0, alloc = 0;
    uint64_t total = 0, done = 0;
    int64_t lineno = 0;
    struct stat stb;
    enum err_code rc = ERR_OK;
    int c;

    if (fileno(f) >= 0 && fstat(fileno(f), &stb) == 0)
        total = (uint64_t)stb.st_size;
    strbuf_init(&line, FTM_LINE_MAX);
    for (;;) {
        struct err le = ERR_INIT;
        bool toobig = false;

        strbuf_reset(&line);
        while ((c = getc(f)) != EOF && c != '\n')
            if (strbuf_addch(&line, c))
                toobig = true;
        if (c == EOF && line.len == 0 && !toobig)
            break;
        lineno++;
        done += line.len + 1;
        if (h && h->progress && (lineno & 1023) == 0)
            h->progress(done, total, h->ctx);
        strbuf_trim(&line);
        if (!line.len && !toobig)
            continue;
        stats->lines++;
        ALLOC_GROW(items, n + 1, alloc);
        memset(&items[n], 0, sizeof(items[n]));
        items[n].line = lineno;
        if (toobig)
            err_set(&le, ERR_TOOBIG, "line longer than %u bytes", FTM_LINE_MAX);
        else if (!ftm_parse(line.buf, line.len, a, &items[n].en, &le)) {
            const struct schema *s = schema_find(items[n].en.schema);
            if (!s || (s->flags & SCHEMA_ABSTRACT))
                err_set(&le, ERR_INVALID, "unknown schema '%s'",
                        items[n].en.schema);
            else
                items[n].schema = s->name;
        }
        if (le.code) {
            if (!(flags & CASE_FTM_SKIP_BAD)) {
                rc = err_set(e, le.code, "%s:%lld: %s", path, (long long)lineno,
                             le.msg);
                goto out;
            }
            items[n].bad = true;
            skip_report(h, lineno, le.msg, stats);
        }
        n++;
    }
    if (ferror(f))
        rc = err_set(e, ERR_IO, "cannot read '%s': %s", path, strerror(errno));
out:
    strbuf_release(&line);
    if (rc) {
        free(items);
        return rc;
    }
    *out = items;
    *nout = n;
    return ERR_OK;
}

enum err_code case_ftm_import(struct store *st, const char *path,
                              const char *source_id, unsigned flags,
                              const struct case_ftm_hooks *hooks,
                              struct case_ftm_stats *stats, struct err *e)
{
    FILE *f = fopen(path, "rb");
    enum err_code rc;

    if (!f) {
        memset(stats, 0, sizeof(*stats));
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    }
    rc = case_ftm_import_stream(st, f, path, source_id, flags, hooks, stats, e);
    fclose(f);
    return rc;
}

enum err_code case_ftm_import_stream(struct store *st, FILE *f,
                                     const char *path, const char *source_id,
                                     unsigned flags,
                                     const struct case_ftm_hooks *hooks,
                                     struct case_ftm_stats *stats,
                                     struct err *e)
{
    struct arena a = ARENA_INIT;
    struct parsed *items = NULL;
    size_t n = 0;
    enum err_code rc;
    struct case_stmt_opts so = {0};

    memset(stats, 0, sizeof(*stats));
    so.source_id = source_id;
    so.flags = CASE_LENIENT;
    arena_init(&a, 1 << 20);
    rc = read_all(f, path, flags, hooks, &a, &items, &n, stats, e);
    if (rc)
        goto out;
    rc = store_begin(st, e);
    if (rc)
        goto out;
    /* Phase 1: entities, so that references may point forward. */
    for (size_t i = 0; i < n; i++) {
        struct err le = ERR_INIT;
        if (items[i].bad)
            continue;
        if (!case_entity_add(st, items[i].schema, items[i].en.id, NULL, NULL,
                             &le)) {
            stats->entities++;
            continue;
        }
        if (!(flags & CASE_FTM_SKIP_BAD) || le.code == ERR_DB) {
            rc = err_set(e, le.code, "%s:%lld: %s", path,
                         (long long)items[i].line, le.msg);
            goto rollback;
        }
        items[i].bad = true;
        skip_report(hooks, items[i].line, le.msg, stats);
    }
    /* Phase 2: the values. */
    for (size_t i = 0; i < n; i++) {
        const struct ftm_entity *en = &items[i].en;
        if (items[i].bad)
            continue;
        for (size_t k = 0; k < en->nvalues; k++) {
            struct err le = ERR_INIT;
            struct strbuf msg = STRBUF_INIT;
            /* An empty value says nothing; FtM files do hold a few. */
            if (!en->values[k].value[strspn(en->values[k].value, " \t\r\n")]) {
                stats->empty++;
                continue;
            }
            if (!case_prop_add(st, en->id, en->values[k].prop,
                               en->values[k].value, &so, NULL, &le)) {
                stats->statements++;
                continue;
            }
            if (!(flags & CASE_FTM_SKIP_BAD) || le.code == ERR_DB) {
                rc = err_set(e, le.code, "%s:%lld: entity '%s': %s", path,
                             (long long)items[i].line, en->id, le.msg);
                goto rollback;
            }
            strbuf_addf(&msg, "entity '%s': %s", en->id, le.msg);
            skip_report(hooks, items[i].line, msg.buf, stats);
            strbuf_release(&msg);
        }
    }
    {
        struct strbuf detail = STRBUF_INIT;
        strbuf_addf(&detail, "ftm %s: %lld entities, %lld statements", path,
                    (long long)stats->entities, (long long)stats->statements);
        if (stats->skipped)
            strbuf_addf(&detail, ", %lld skipped", (long long)stats->skipped);
        rc = store_audit_add(st, "import", NULL, detail.buf, e);
        strbuf_release(&detail);
    }
    if (!rc)
        rc = store_commit(st, e);
    if (!rc)
        goto out;
rollback:
    store_rollback(st);
out:
    free(items);
    arena_release(&a);
    return rc;
}

/* --- export ------------------------------------------------------------ */

struct export_ctx {
    struct store *st;
    FILE *out;
    const struct schema *filter;
    struct case_ftm_stats *stats;
    struct ftm_value *vals;
    size_t nvals, alloc;
    const char *schema;
    struct case_release_set released; /* scope "all" */
    struct arena arena;
    struct err *e;
    enum err_code rc;
};

static int collect_stmt(const struct store_stmt *s, void *vctx)
{
    struct export_ctx *ctx = vctx;

    if (case_value_is_protected(ctx->schema, s->prop)) {
        if (!case_release_set_has(&ctx->released, s->id)) {
            ctx->stats->withheld++;
            return 0;
        }
        ctx->stats->released++;
    }
    ALLOC_GROW(ctx->vals, ctx->nvals + 1, ctx->alloc);
    ctx->vals[ctx->nvals].prop = arena_strdup(&ctx->arena, s->prop);
    ctx->vals[ctx->nvals].value = arena_strdup(&ctx->arena, s->value);
    ctx->nvals++;
    return 0;
}

static int export_entity(const struct store_entity *en, void *vctx)
{
    struct export_ctx *ctx = vctx;
    const struct schema *s = schema_find(en->schema);
    struct strbuf sb = STRBUF_INIT;
    struct ftm_entity fe;

    if (ctx->filter && (!s || !schema_is_a(s, ctx->filter->name)))
        return 0;
    ctx->nvals = 0;
    ctx->schema = en->schema;
    ctx->rc = store_stmt_each(ctx->st, en->id, 0, collect_stmt, ctx, ctx->e);
    if (ctx->rc)
        return 1;
    fe.id = en->id;
    fe.schema = s && s->ftm ? s->ftm : en->schema;
    fe.values = ctx->vals;
    fe.nvalues = ctx->nvals;
    ftm_write(&sb, &fe);
    if (fwrite(sb.buf, 1, sb.len, ctx->out) != sb.len) {
        ctx->rc =
            err_set(ctx->e, ERR_IO, "cannot write export: %s", strerror(errno));
        strbuf_release(&sb);
        return 1;
    }
    strbuf_release(&sb);
    ctx->stats->entities++;
    ctx->stats->statements += (int64_t)ctx->nvals;
    arena_release(&ctx->arena);
    return 0;
}

enum err_code case_ftm_export(struct store *st, FILE *out, const char *schema,
                              struct case_ftm_stats *stats, struct err *e)
{
    struct export_ctx ctx;
    enum err_code rc;

    memset(stats, 0, sizeof(*stats));
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ctx.out = out;
    ctx.stats = stats;
    ctx.e = e;
    arena_init(&ctx.arena, 0);
    if (schema) {
        ctx.filter = schema_find(schema);
        if (!ctx.filter)
            return err_set(e, ERR_INVALID, "unknown schema '%s'", schema);
    }
    rc = case_release_set_load(st, CASE_SCOPE_ALL, &ctx.released, e);
    if (!rc)
        rc = store_entity_each(st, NULL, export_entity, &ctx, e);
    if (!rc)
        rc = ctx.rc;
    case_release_set_clear(&ctx.released);
    free(ctx.vals);
    arena_release(&ctx.arena);
    return rc;
}
