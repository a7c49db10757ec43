/*
 * cmd_query: the command-structure questions: `holders` (who held posts
 * in a unit on a date) and `chain` (the chain of command above a unit on
 * a date, with who commanded each level).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "case/case.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum { OPT_ON = 1000, OPT_JSON };

static const struct option query_opts[] = {
    {"on", required_argument, NULL, OPT_ON},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parses UNIT --on DATE [--json]; returns -1 to go on, else exit code. */
static int parse_query(int argc, char **argv, const char *cmd,
                       const char *usage, const char **unit, const char **date,
                       bool *json)
{
    int c;

    *date = NULL;
    *json = false;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", query_opts, NULL)) != -1) {
        switch (c) {
        case OPT_ON:
            *date = optarg;
            break;
        case OPT_JSON:
            *json = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(cmd, "expected one UNIT id");
    if (!*date)
        return cli_usage_error(cmd, "--on DATE is required (e.g. --on "
                                    "2019-11-18)");
    *unit = argv[optind];
    return -1;
}

static void holder_json(struct strbuf *sb, struct store *st,
                        const struct case_holder *h)
{
    const char *keys[] = {"occupancy", "holder",         "holder_caption",
                          "post",      "post_caption",   "rank",
                          "call_sign", "warrant_number", "start_date",
                          "end_date"};
    const char *vals[] = {h->occupancy_id, h->holder_id,      h->holder_caption,
                          h->post_id,      h->post_caption,   h->rank,
                          h->call_sign,    h->warrant_number, h->start_date,
                          h->end_date};

    strbuf_addch(sb, '{');
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        strbuf_addf(sb, "%s\"%s\":", i ? "," : "", keys[i]);
        if (vals[i])
            strbuf_add_json_str(sb, vals[i]);
        else
            strbuf_addstr(sb, "null");
    }
    strbuf_addf(sb, ",\"fictional\":%s,\"command\":%s,\"certainty\":\"%s\"}",
                out_id_is_fictional(st, h->holder_id) ? "true" : "false",
                h->is_command ? "true" : "false",
                case_certainty_name(h->certainty));
}

static void holder_text(struct strbuf *sb, struct store *st, const char *indent,
                        const struct case_holder *h)
{
    strbuf_addf(sb, "%s%s%s", indent, out_fictional_tag(st, h->holder_id),
                h->holder_caption ? h->holder_caption : "(holder unknown)");
    if (h->rank)
        strbuf_addf(sb, ", %s", h->rank);
    strbuf_addf(sb, "  post: %s%s", h->post_caption ? h->post_caption : "?",
                h->is_command ? " (command)" : "");
    if (h->call_sign)
        strbuf_addf(sb, "  call sign %s", h->call_sign);
    if (h->warrant_number)
        strbuf_addf(sb, "  warrant %s", h->warrant_number);
    strbuf_addf(sb, "  [%s .. %s]", h->start_date ? h->start_date : "",
                h->end_date ? h->end_date : "");
    if (h->certainty != CASE_CERTAIN)
        strbuf_addf(sb, "  %s", case_certainty_name(h->certainty));
    strbuf_addch(sb, '\n');
}

struct holders_ctx {
    struct store *st;
    bool json;
    int n;
};

static int print_holder(const struct case_holder *h, void *vctx)
{
    struct holders_ctx *ctx = vctx;
    struct strbuf sb = STRBUF_INIT;

    if (ctx->json) {
        holder_json(&sb, ctx->st, h);
        strbuf_addch(&sb, '\n');
    } else {
        holder_text(&sb, ctx->st, "  ", h);
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    ctx->n++;
    return 0;
}

static const char holders_usage[] =
    "usage: dossier holders UNIT --on DATE [--json]\n"
    "\n"
    "Who held posts in a unit on a date, from the Occupancy records: the\n"
    "holder, rank, post, call sign or warrant number and dates. DATE may\n"
    "be a day, a month or a year; a post whose recorded dates only\n"
    "partly cover DATE (e.g. started \"2019\") is marked 'possible'.\n"
    "\n"
    "examples:\n"
    "  dossier holders UNIT_ID --on 2019-11-18\n"
    "  dossier holders UNIT_ID --on 2019-11 --json\n";

int cmd_holders(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct holders_ctx ctx = {NULL, false, 0};
    const char *unit, *date;
    int rc = parse_query(argc, argv, "holders", holders_usage, &unit, &date,
                         &ctx.json);

    if (rc >= 0)
        return rc;
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    ctx.st = st;
    if (case_holders_on(st, unit, date, print_holder, &ctx, &e))
        rc = cli_fail(&e);
    else {
        rc = CLI_OK;
        if (!ctx.json && !ctx.n)
            fprintf(stderr, "no post holder recorded for %s on %s\n", unit,
                    date);
    }
    store_close(st);
    return rc;
}

struct chain_ctx {
    struct store *st;
    bool json;
    int n;
};

static int print_level(const struct case_chain_level *lv, void *vctx)
{
    struct chain_ctx *ctx = vctx;
    struct strbuf sb = STRBUF_INIT;

    if (ctx->json) {
        strbuf_addf(&sb, "{\"level\":%d,\"unit\":", lv->level);
        strbuf_add_json_str(&sb, lv->unit_id);
        strbuf_addstr(&sb, ",\"unit_caption\":");
        strbuf_add_json_str(&sb, lv->unit_caption ? lv->unit_caption : "");
        strbuf_addf(&sb, ",\"fictional\":%s",
                    out_id_is_fictional(ctx->st, lv->unit_id) ? "true"
                                                              : "false");
        strbuf_addstr(&sb, ",\"subordinate\":");
        if (lv->subordinate_id)
            strbuf_add_json_str(&sb, lv->subordinate_id);
        else
            strbuf_addstr(&sb, "null");
        strbuf_addf(&sb, ",\"link_certainty\":\"%s\",\"commanders\":[",
                    case_certainty_name(lv->link_certainty));
        for (size_t i = 0; i < lv->ncommanders; i++) {
            if (i)
                strbuf_addch(&sb, ',');
            holder_json(&sb, ctx->st, &lv->commanders[i]);
        }
        strbuf_addstr(&sb, "]}\n");
    } else {
        strbuf_addf(
            &sb, "%*s%s%s%s  %s%s\n", lv->level * 2, "", lv->level ? "^ " : "",
            out_fictional_tag(ctx->st, lv->unit_id), lv->unit_caption,
            lv->unit_id,
            lv->link_certainty != CASE_CERTAIN ? "  (link possible)" : "");
        if (!lv->ncommanders)
            strbuf_addf(&sb,
                        "%*s  commander: [missing: no command post "
                        "holder recorded]\n",
                        lv->level * 2, "");
        for (size_t i = 0; i < lv->ncommanders; i++) {
            strbuf_addf(&sb, "%*s  commander: ", lv->level * 2, "");
            holder_text(&sb, ctx->st, "", &lv->commanders[i]);
        }
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    ctx->n++;
    return 0;
}

static const char chain_usage[] =
    "usage: dossier chain UNIT --on DATE [--json]\n"
    "\n"
    "The chain of command above a unit on a date: the unit, then each\n"
    "superior unit through the CommandLinks valid that day, up to the top,\n"
    "each with who held its command post that day. This is the basis of\n"
    "command responsibility: who commanded the unit at that place, then.\n"
    "\n"
    "examples:\n"
    "  dossier chain UNIT_ID --on 2019-11-18\n"
    "  dossier chain UNIT_ID --on 2019-11-18 --json\n";

int cmd_chain(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct chain_ctx ctx = {NULL, false, 0};
    const char *unit, *date;
    int rc =
        parse_query(argc, argv, "chain", chain_usage, &unit, &date, &ctx.json);

    if (rc >= 0)
        return rc;
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    ctx.st = st;
    rc = case_chain_on(st, unit, date, print_level, &ctx, &e) ? cli_fail(&e)
                                                              : CLI_OK;
    store_close(st);
    return rc;
}
