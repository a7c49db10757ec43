/*
 * cmd_history: read-only views of the record's provenance: `history`
 * (every statement of an entity, retracted ones included), `log` (the
 * audit log) and `search` (full-text over names and text values).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "case/disclose.h"
#include "cli/output.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const struct option json_opts[] = {
    {"json", no_argument, NULL, 'j'},
    {"limit", required_argument, NULL, 'n'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* --- history --------------------------------------------------------- */

static const char history_usage[] =
    "usage: dossier history ID [--json]\n"
    "\n"
    "Shows every statement ever recorded about an entity, in order,\n"
    "including retracted ones with who retracted them, when and why.\n"
    "Protected values (victims, witnesses, informants) are masked; one a\n"
    "reviewer has released is marked [released: SCOPE] ('dossier release').\n"
    "\n"
    "examples:\n"
    "  dossier history k3x9qa...          # full history of one entity\n"
    "  dossier history k3x9qa... --json   # the same as JSON lines\n";

/* A statement of the entity released now, with its scopes ("all, uk"). */
struct released_stmt {
    int64_t id;
    char *scopes;
};

struct history_ctx {
    bool json;
    struct store *st;
    const char *schema;
    const char *entity_id;
    struct released_stmt *rel;
    size_t nrel, allocrel;
};

/* Collects what is released now of this entity (by statement, then scope). */
static int collect_released(const struct case_disclosure *d, void *vctx)
{
    struct history_ctx *ctx = vctx;
    struct released_stmt *r;
    struct strbuf sb = STRBUF_INIT;

    if (strcmp(d->entity_id, ctx->entity_id) != 0)
        return 0;
    if (ctx->nrel && ctx->rel[ctx->nrel - 1].id == d->stmt_id) {
        r = &ctx->rel[ctx->nrel - 1];
        strbuf_addf(&sb, "%s, %s", r->scopes, d->scope);
        free(r->scopes);
        r->scopes = strbuf_detach(&sb, NULL);
        return 0;
    }
    ALLOC_GROW(ctx->rel, ctx->nrel + 1, ctx->allocrel);
    r = &ctx->rel[ctx->nrel++];
    r->id = d->stmt_id;
    r->scopes = xstrdup(d->scope);
    return 0;
}

static int print_history(const struct store_stmt *s, void *vctx)
{
    struct history_ctx *ctx = vctx;
    const char *released = NULL;

    for (size_t i = 0; i < ctx->nrel; i++)
        if (ctx->rel[i].id == s->id && !s->retracted_at)
            released = ctx->rel[i].scopes;
    out_stmt(stdout, ctx->st, ctx->schema, s, released, ctx->json,
             OUT_STMT_HISTORY);
    return 0;
}

static int keep_schema(const struct store_entity *en, void *ctx)
{
    snprintf(ctx, 64, "%s", en->schema);
    return 0;
}

int cmd_history(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct history_ctx ctx = {false, NULL, NULL, NULL, NULL, 0, 0};
    char schema[64] = "";
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", json_opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            ctx.json = true;
            break;
        case 'h':
            fputs(history_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("history", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("history", "expected one entity ID");
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (store_entity_get(st, argv[optind], keep_schema, schema, &e)) {
        rc = cli_fail(&e);
        goto out;
    }
    ctx.st = st;
    ctx.schema = schema;
    ctx.entity_id = argv[optind];
    if (case_disclose_each(st, 0, collect_released, &ctx, &e) ||
        store_stmt_each(st, argv[optind], STORE_WITH_RETRACTED, print_history,
                        &ctx, &e))
        rc = cli_fail(&e);
out:
    for (size_t i = 0; i < ctx.nrel; i++)
        free(ctx.rel[i].scopes);
    free(ctx.rel);
    store_close(st);
    return rc;
}

/* --- log ------------------------------------------------------------- */

static const char log_usage[] =
    "usage: dossier log [ID] [--json]\n"
    "\n"
    "Shows the audit log: every change to the case (entities added,\n"
    "statements added and retracted, imports), who made it and when.\n"
    "With ID, only the records about that entity.\n"
    "\n"
    "examples:\n"
    "  dossier log\n"
    "  dossier log k3x9qa... --json\n";

static int print_audit(const struct store_audit *a, void *vctx)
{
    bool json = *(bool *)vctx;
    struct strbuf sb = STRBUF_INIT;

    if (json) {
        strbuf_addf(&sb, "{\"id\":%lld,\"at\":", (long long)a->id);
        strbuf_add_json_str(&sb, a->at);
        strbuf_addstr(&sb, ",\"author\":");
        strbuf_add_json_str(&sb, a->author ? a->author : "");
        strbuf_addstr(&sb, ",\"action\":");
        strbuf_add_json_str(&sb, a->action);
        strbuf_addstr(&sb, ",\"entity\":");
        if (a->entity_id)
            strbuf_add_json_str(&sb, a->entity_id);
        else
            strbuf_addstr(&sb, "null");
        strbuf_addf(&sb,
                    ",\"statement\":%lld,\"detail\":", (long long)a->stmt_id);
        strbuf_add_json_str(&sb, a->detail ? a->detail : "");
        strbuf_addstr(&sb, "}\n");
    } else {
        strbuf_addf(&sb, "%-6lld %s  %-12s %-14s", (long long)a->id, a->at,
                    a->author ? a->author : "", a->action);
        if (a->entity_id)
            strbuf_addf(&sb, " %s", a->entity_id);
        if (a->stmt_id)
            strbuf_addf(&sb, " #%lld", (long long)a->stmt_id);
        if (a->detail && *a->detail)
            strbuf_addf(&sb, "  %s", a->detail);
        strbuf_addch(&sb, '\n');
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    return 0;
}

int cmd_log(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    bool json = false;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", json_opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 'h':
            fputs(log_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("log", "unknown option");
        }
    }
    if (optind + 1 < argc)
        return cli_usage_error("log", "expected at most one entity ID");
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (store_audit_each(st, optind < argc ? argv[optind] : NULL, print_audit,
                         &json, &e))
        rc = cli_fail(&e);
    store_close(st);
    return rc;
}

/* --- search ---------------------------------------------------------- */

static const char search_usage[] =
    "usage: dossier search WORDS... [--limit N] [--json]\n"
    "\n"
    "Full-text search over names and text values of the case (words are\n"
    "matched as words; every word must occur). Prints one line per\n"
    "matching statement: entity, schema, property and value.\n"
    "\n"
    "options:\n"
    "  --limit N   at most N results (default 50)\n"
    "  --json      JSON lines\n"
    "\n"
    "examples:\n"
    "  dossier search Tai-man\n"
    "  dossier search 陳大文 --json\n"
    "  dossier search tear gas --limit 10\n";

struct search_ctx {
    struct store *st;
    bool json;
    int64_t hits;
};

static int print_hit(const struct store_stmt *s, void *vctx)
{
    struct search_ctx *ctx = vctx;
    char schema[64] = "";

    store_entity_get(ctx->st, s->entity_id, keep_schema, schema, NULL);
    out_stmt(stdout, ctx->st, schema, s, NULL, ctx->json, OUT_STMT_WITH_ENTITY);
    ctx->hits++;
    return 0;
}

int cmd_search(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct search_ctx ctx = {NULL, false, 0};
    struct strbuf q = STRBUF_INIT;
    int64_t limit = 50;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "hn:", json_opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            ctx.json = true;
            break;
        case 'n':
            if (parse_int64(optarg, &limit, &e) || limit < 1)
                return cli_usage_error("search", "--limit needs a number "
                                                 "above 0");
            break;
        case 'h':
            fputs(search_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("search", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("search", "expected words to search for");
    for (int i = optind; i < argc; i++) {
        if (q.len)
            strbuf_addch(&q, ' ');
        strbuf_addstr(&q, argv[i]);
    }
    if (cli_open_case(cli, true, &st, &e)) {
        strbuf_release(&q);
        return cli_fail(&e);
    }
    ctx.st = st;
    if (store_search(st, q.buf, (size_t)limit, print_hit, &ctx, &e))
        rc = cli_fail(&e);
    else if (!ctx.json && ctx.hits == 0)
        fprintf(stderr, "no match for '%s'\n", q.buf);
    strbuf_release(&q);
    store_close(st);
    return rc;
}
