/*
 * cmd_assets: `dossier holdings` (what a person holds, directly and
 * through chains of ownership, with effective percentages and paths) and
 * `dossier ties` (a person's ties to a country).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "graph/graph.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum { OPT_VIA = 1000, OPT_DEPTH, OPT_JSON, OPT_COUNTRY };

/* Captions by id, looked up once each. */
struct capcache {
    struct store *st;
    char **ids, **caps;
    size_t n, alloc;
};

static const char *cap_of(struct capcache *cc, const char *id)
{
    struct err e = ERR_INIT;
    char *cap = NULL;
    size_t alloc2;

    for (size_t i = 0; i < cc->n; i++)
        if (strcmp(cc->ids[i], id) == 0)
            return cc->caps[i];
    if (case_caption(cc->st, id, &cap, &e))
        cap = xstrdup(id);
    alloc2 = cc->alloc;
    ALLOC_GROW(cc->ids, cc->n + 1, cc->alloc);
    ALLOC_GROW(cc->caps, cc->n + 1, alloc2);
    cc->ids[cc->n] = xstrdup(id);
    cc->caps[cc->n] = cap;
    return cc->caps[cc->n++];
}

static void capcache_release(struct capcache *cc)
{
    for (size_t i = 0; i < cc->n; i++) {
        free(cc->ids[i]);
        free(cc->caps[i]);
    }
    free(cc->ids);
    free(cc->caps);
}

static int is_fictional_cb(const struct store_stmt *s, void *ctx)
{
    if (strcmp(s->prop, "fictional") == 0 && strcmp(s->value, "true") == 0)
        *(bool *)ctx = true;
    return 0;
}

static bool entity_fictional(struct store *st, const char *id)
{
    bool f = false;
    struct err e = ERR_INIT;

    store_stmt_each(st, id, 0, is_fictional_cb, &f, &e);
    return f;
}

static void pct_flags_json(struct strbuf *sb, unsigned flags)
{
    static const char *const names[] = {"missing", "invalid", "range",
                                        "control"};
    bool first = true;

    strbuf_addch(sb, '[');
    for (int i = 0; i < 4; i++) {
        if (!(flags & (1u << i)))
            continue;
        strbuf_addf(sb, "%s\"%s\"", first ? "" : ",", names[i]);
        first = false;
    }
    strbuf_addch(sb, ']');
}

struct holdings_ctx {
    struct capcache cc;
    bool json;
    size_t n;
    bool any_fictional;
};

static int print_holding(const struct graph_own *g,
                         const struct graph_holding *h, void *vctx)
{
    struct holdings_ctx *ctx = vctx;
    struct strbuf sb = STRBUF_INIT;
    char eff[48], share[48];

    graph_pct_format(&h->eff, eff);
    if (ctx->json) {
        strbuf_addstr(&sb, "{\"asset\":");
        strbuf_add_json_str(&sb, h->asset_id);
        strbuf_addstr(&sb, ",\"asset_caption\":");
        strbuf_add_json_str(&sb, cap_of(&ctx->cc, h->asset_id));
        strbuf_addf(&sb, ",\"depth\":%d,\"effective\":", h->depth);
        strbuf_add_json_str(&sb, eff);
        if (!(h->eff.flags &
              (GRAPH_PCT_MISSING | GRAPH_PCT_INVALID | GRAPH_PCT_CONTROL)))
            strbuf_addf(&sb, ",\"effective_min\":%.6g,\"effective_max\":%.6g",
                        h->eff.lo * 100, h->eff.hi * 100);
        else
            strbuf_addstr(&sb,
                          ",\"effective_min\":null,\"effective_max\":null");
        strbuf_addstr(&sb, ",\"flags\":");
        pct_flags_json(&sb, h->eff.flags);
        strbuf_addstr(&sb, ",\"path\":[");
        for (int i = 0; i <= h->depth; i++) {
            const char *id = graph_own_id(g, h->nodes[i]);
            strbuf_addstr(&sb, i ? ",{\"entity\":" : "{\"entity\":");
            strbuf_add_json_str(&sb, id);
            strbuf_addstr(&sb, ",\"caption\":");
            strbuf_add_json_str(&sb, cap_of(&ctx->cc, id));
            if (i) {
                graph_pct_format(&h->shares[i - 1], share);
                strbuf_addstr(&sb, ",\"record\":");
                if (h->links[i - 1])
                    strbuf_add_json_str(&sb, h->links[i - 1]);
                else
                    strbuf_addstr(&sb, "null");
                strbuf_addstr(&sb, ",\"share\":");
                strbuf_add_json_str(&sb, share);
            }
            strbuf_addch(&sb, '}');
        }
        strbuf_addstr(&sb, "]}\n");
    } else {
        strbuf_addf(&sb, "  %-9s %s  %s%s\n", eff,
                    cap_of(&ctx->cc, h->asset_id), h->asset_id,
                    h->depth == 1 ? "  (one link)" : "");
        if (h->eff.flags & GRAPH_PCT_MISSING)
            strbuf_addstr(&sb, "            share not recorded on a link: "
                               "effective share unknown\n");
        if (h->eff.flags & GRAPH_PCT_INVALID)
            strbuf_addstr(&sb, "            a recorded share is not a "
                               "percentage in 0..100: check the record\n");
        if (h->depth > 1) {
            strbuf_addstr(&sb, "            path: ");
            for (int i = 0; i <= h->depth; i++) {
                if (i) {
                    graph_pct_format(&h->shares[i - 1], share);
                    strbuf_addf(&sb, " -(%s)-> ", share);
                }
                strbuf_addstr(&sb,
                              cap_of(&ctx->cc, graph_own_id(g, h->nodes[i])));
            }
            strbuf_addch(&sb, '\n');
        }
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    ctx->n++;
    return 0;
}

static const char holdings_usage[] =
    "usage: dossier holdings PERSON [--via-ownership [--depth N]] [--json]\n"
    "\n"
    "What a person (or company) holds, from the case's Ownership records.\n"
    "Without --via-ownership: direct holdings only. With it: also what is\n"
    "held through chains of companies, each path listed with its\n"
    "effective share (the product of the shares along it; ranges such as\n"
    "25-50% stay ranges). A link without a recorded share makes the\n"
    "effective share 'missing', an impossible share 'invalid': nothing is\n"
    "guessed. Ownership cycles are cut (reported on stderr).\n"
    "\n"
    "options:\n"
    "  --via-ownership  follow chains of ownership (default depth 10)\n"
    "  --depth N        longest chain followed (1..32)\n"
    "  --json           one JSON object per path\n"
    "\n"
    "examples:\n"
    "  dossier holdings PERSON_ID\n"
    "  dossier holdings PERSON_ID --via-ownership\n"
    "  dossier holdings PERSON_ID --via-ownership --depth 3 --json\n";

int cmd_holdings(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"via-ownership", no_argument, NULL, OPT_VIA},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct graph_own *g = NULL;
    struct holdings_ctx ctx;
    struct graph_holdings_stats stats;
    struct graph_holdings_opts ho = {1, 0};
    bool via = false;
    int64_t depth = 0;
    int c, rc = CLI_OK;
    const char *who;

    memset(&ctx, 0, sizeof(ctx));
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_VIA:
            via = true;
            break;
        case OPT_DEPTH:
            if (parse_int64(optarg, &depth, &e) || depth < 1 ||
                depth > GRAPH_DEPTH_MAX)
                return cli_usage_error("holdings", "--depth needs 1..%d",
                                       GRAPH_DEPTH_MAX);
            break;
        case OPT_JSON:
            ctx.json = true;
            break;
        case 'h':
            fputs(holdings_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("holdings", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("holdings", "expected one PERSON id");
    who = argv[optind];
    if (depth && !via)
        return cli_usage_error("holdings", "--depth needs --via-ownership");
    ho.max_depth = via ? (depth ? (int)depth : 10) : 1;
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    ctx.cc.st = st;
    if (!store_entity_exists(st, who)) {
        err_set(&e, ERR_NOTFOUND, "no entity '%s'", who);
        rc = cli_fail(&e);
        goto out;
    }
    if (graph_own_load_from(st, who, ho.max_depth, &g, &e)) {
        rc = cli_fail(&e);
        goto out;
    }
    if (!ctx.json) {
        printf("Holdings of %s%s%s:\n", cap_of(&ctx.cc, who),
               entity_fictional(st, who) ? " [FICTIONAL]" : "",
               via ? " (direct and through ownership chains)" : " (direct)");
    }
    if (graph_holdings(g, who, &ho, print_holding, &ctx, &stats, &e)) {
        if (e.code != ERR_NOTFOUND) {
            rc = cli_fail(&e);
            goto out;
        }
        err_clear(&e);
    }
    if (!ctx.n)
        fprintf(stderr, "no holdings recorded for %s\n", who);
    if (stats.cycles_cut)
        fprintf(stderr,
                "note: %zu ownership link(s) not followed because they "
                "close a cycle\n",
                stats.cycles_cut);
    if (stats.truncated && !via)
        fprintf(stderr, "note: direct holdings only; --via-ownership "
                        "follows chains of companies\n");
    else if (stats.truncated)
        fprintf(stderr,
                "note: stopped at depth %d or %zu paths; more "
                "holdings may lie further out\n",
                ho.max_depth, ho.max_paths ? ho.max_paths : (size_t)100000);
out:
    graph_own_free(g);
    capcache_release(&ctx.cc);
    store_close(st);
    return rc;
}

/* --- ties ------------------------------------------------------------------*/

struct tie_row {
    char *country, *kind, *what, *what_id, *record, *via, *source;
    enum store_conf conf;
};

struct ties_ctx {
    struct tie_row *v;
    size_t n, alloc;
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int collect_tie(const struct graph_tie *t, void *vctx)
{
    struct ties_ctx *ctx = vctx;
    struct tie_row *r;

    ALLOC_GROW(ctx->v, ctx->n + 1, ctx->alloc);
    r = &ctx->v[ctx->n++];
    r->country = dup_or_null(t->country);
    r->kind = xstrdup(t->kind);
    r->what = dup_or_null(t->what);
    r->what_id = dup_or_null(t->what_id);
    r->record = dup_or_null(t->record_id);
    r->via = dup_or_null(t->via);
    r->source = dup_or_null(t->source_id);
    r->conf = t->conf;
    return 0;
}

static int nullcmp(const char *a, const char *b)
{
    if (!a || !b)
        return a ? -1 : (b ? 1 : 0);
    return strcmp(a, b);
}

static int tie_cmp(const void *pa, const void *pb)
{
    const struct tie_row *a = pa, *b = pb;
    int c = nullcmp(a->country, b->country);

    if (!c)
        c = (a->via != NULL) - (b->via != NULL);
    if (!c)
        c = strcmp(a->kind, b->kind);
    return c;
}

static void json_kv(struct strbuf *sb, const char *k, const char *v)
{
    strbuf_addf(sb, ",\"%s\":", k);
    if (v)
        strbuf_add_json_str(sb, v);
    else
        strbuf_addstr(sb, "null");
}

static const char ties_usage[] =
    "usage: dossier ties PERSON [--country CC] [--json]\n"
    "\n"
    "A person's ties to countries, the leverage of targeted sanctions:\n"
    "nationality and citizenship, residence, property, companies,\n"
    "directorships, bank accounts, vehicles, children's education, and\n"
    "family members with their own ties (marked 'via'). Each tie names\n"
    "the record it comes from and its confidence.\n"
    "\n"
    "options:\n"
    "  --country CC  only ties to this country (gb, GBR, \"United "
    "Kingdom\")\n"
    "  --json        one JSON object per tie\n"
    "\n"
    "examples:\n"
    "  dossier ties PERSON_ID\n"
    "  dossier ties PERSON_ID --country gb\n"
    "  dossier ties PERSON_ID --country ca --json\n";

int cmd_ties(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, OPT_COUNTRY},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct ties_ctx ctx = {NULL, 0, 0};
    const char *country = NULL, *who;
    bool json = false;
    int c, rc = CLI_OK;
    char *cap = NULL;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_COUNTRY:
            country = optarg;
            break;
        case OPT_JSON:
            json = true;
            break;
        case 'h':
            fputs(ties_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("ties", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("ties", "expected one PERSON id");
    who = argv[optind];
    if (country && !schema_country_code(country))
        return cli_usage_error("ties", "unknown country '%s'", country);
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (graph_ties(st, who, country, collect_tie, &ctx, &e)) {
        rc = cli_fail(&e);
        goto out;
    }
    if (ctx.n)
        qsort(ctx.v, ctx.n, sizeof(*ctx.v), tie_cmp);
    if (!json && !case_caption(st, who, &cap, &e))
        printf("Ties of %s%s%s%s:\n", cap,
               entity_fictional(st, who) ? " [FICTIONAL]" : "",
               country ? " to " : "",
               country ? schema_country_code(country) : "");
    for (size_t i = 0; i < ctx.n; i++) {
        const struct tie_row *r = &ctx.v[i];
        struct strbuf sb = STRBUF_INIT;
        const char *cn = r->country ? schema_country_name(r->country) : NULL;

        if (json) {
            strbuf_addstr(&sb, "{\"country\":");
            if (r->country)
                strbuf_add_json_str(&sb, r->country);
            else
                strbuf_addstr(&sb, "null");
            json_kv(&sb, "kind", r->kind);
            json_kv(&sb, "what", r->what);
            json_kv(&sb, "entity", r->what_id);
            json_kv(&sb, "record", r->record);
            json_kv(&sb, "via", r->via);
            json_kv(&sb, "confidence", store_conf_name(r->conf));
            json_kv(&sb, "source", r->source);
            strbuf_addstr(&sb, "}\n");
        } else {
            if (i == 0 || nullcmp(r->country, ctx.v[i - 1].country) != 0)
                strbuf_addf(&sb, "%s %s\n", r->country ? r->country : "--",
                            cn ? cn : (r->country ? "" : "(no country)"));
            strbuf_addf(&sb, "  %-22s %s", r->kind, r->what ? r->what : "");
            if (r->via)
                strbuf_addf(&sb, "  [via %s]", r->via);
            strbuf_addf(&sb, "  (%s; record %s", store_conf_name(r->conf),
                        r->record ? r->record : "?");
            if (r->source)
                strbuf_addf(&sb, "; source %s", r->source);
            strbuf_addstr(&sb, ")\n");
        }
        fwrite(sb.buf, 1, sb.len, stdout);
        strbuf_release(&sb);
    }
    if (!ctx.n)
        fprintf(stderr, "no ties recorded for %s%s%s\n", who,
                country ? " to " : "", country ? country : "");
out:
    for (size_t i = 0; i < ctx.n; i++) {
        struct tie_row *r = &ctx.v[i];
        free(r->country);
        free(r->kind);
        free(r->what);
        free(r->what_id);
        free(r->record);
        free(r->via);
        free(r->source);
    }
    free(ctx.v);
    free(cap);
    store_close(st);
    return rc;
}
