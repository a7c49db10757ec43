/*
 * cmd_release: `dossier release`, a reviewer's release (or withdrawal)
 * of one protected value for the exports of one scope, and `dossier
 * release --list`, what is released now (or the whole log). The rules
 * are case/disclose.c's; this file parses and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/disclose.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum {
    OPT_REASON = 1000,
    OPT_SCOPE,
    OPT_WITHDRAW,
    OPT_LIST,
    OPT_ALL,
    OPT_REVEAL,
    OPT_JSON,
};

static const char release_usage[] =
    "usage: dossier release STMT_ID --scope SCOPE --reason TEXT [--withdraw]\n"
    "       dossier release --list [--all] [--reveal] [--json]\n"
    "\n"
    "Protected values (a victim's real name, age, ID numbers and contacts,\n"
    "an informant's name) never leave the case: exports and dossiers leave\n"
    "them out and the screen masks them. Sometimes one must go: a\n"
    "government's sanctions unit needs a victim's identity, given with the\n"
    "victim's consent, to assess a submission. A reviewer then releases\n"
    "that one value, for one jurisdiction's submissions or for every\n"
    "export, and says why.\n"
    "\n"
    "Each release and withdrawal is recorded for good: who, when, why, in\n"
    "the case's disclosure log and audit log ('dossier log'). --withdraw\n"
    "takes a release back for every later export (documents already sent\n"
    "stay sent); the withdrawal is recorded too.\n"
    "\n"
    "Where a released value goes:\n"
    "  dossier build   under a regime of the scope's jurisdiction (or any,\n"
    "                  for scope all): next to the victim's pseudonym or the\n"
    "                  source it belongs to, and in the annex 'Disclosures'\n"
    "                  (what, whose, released by, when, why)\n"
    "  dossier export  only values released for scope all\n"
    "  dossier show    still masked (it stays protected in the case), and\n"
    "                  marked [released: uk]\n"
    "\n"
    "STMT_ID is the #number before each value in 'dossier show ID' (the\n"
    "\"id\" of each statement in 'dossier show ID --json').\n"
    "\n"
    "options:\n"
    "  --scope SCOPE  all, us, uk, eu, ca or au (required: release as\n"
    "                 narrowly as the need; 'gb' means uk)\n"
    "  --reason TEXT  why the value may leave the case (required)\n"
    "  --withdraw     withdraw the release of that scope instead\n"
    "  --list         what is released now: statement, record, property,\n"
    "                 scope, who, when, why (value masked)\n"
    "  --all          with --list: the whole log, withdrawals included\n"
    "  --reveal       with --list: show the values (mind your screen)\n"
    "  --json         with --list: JSON lines\n"
    "\n"
    "examples:\n"
    "  dossier show VICTIM_ID                # find the #number of the value\n"
    "  dossier release 42 --scope uk --reason \"FCDO sanctions team asked; "
    "victim consented 2026-11-02\"\n"
    "  dossier release --list\n"
    "  dossier release 42 --scope uk --withdraw --reason \"consent "
    "withdrawn\"\n";

struct list_ctx {
    bool json;
    bool reveal;
    bool log;
    size_t n;
};

static int print_one(const struct case_disclosure *d, void *vctx)
{
    struct list_ctx *ctx = vctx;
    struct strbuf sb = STRBUF_INIT;
    const char *value = ctx->reveal ? d->value : OUT_MASK;

    if (ctx->json) {
        strbuf_addf(&sb, "{\"record\":%lld,\"statement\":%lld,",
                    (long long)d->id, (long long)d->stmt_id);
        strbuf_addstr(&sb, "\"entity\":");
        strbuf_add_json_str(&sb, d->entity_id);
        strbuf_addstr(&sb, ",\"schema\":");
        strbuf_add_json_str(&sb, d->schema);
        strbuf_addstr(&sb, ",\"caption\":");
        strbuf_add_json_str(&sb, d->caption);
        strbuf_addstr(&sb, ",\"prop\":");
        strbuf_add_json_str(&sb, d->prop);
        strbuf_addstr(&sb, ",\"value\":");
        strbuf_add_json_str(&sb, value);
        strbuf_addstr(&sb, ",\"action\":");
        strbuf_add_json_str(&sb, d->action);
        strbuf_addstr(&sb, ",\"scope\":");
        strbuf_add_json_str(&sb, d->scope);
        strbuf_addstr(&sb, ",\"author\":");
        strbuf_add_json_str(&sb, d->author);
        strbuf_addstr(&sb, ",\"at\":");
        strbuf_add_json_str(&sb, d->at);
        strbuf_addstr(&sb, ",\"reason\":");
        strbuf_add_json_str(&sb, d->reason);
        strbuf_addf(&sb, ",\"retracted\":%s}\n",
                    d->retracted ? "true" : "false");
    } else {
        if (ctx->log)
            strbuf_addf(&sb, "%-8s ", d->action);
        strbuf_addf(&sb, "#%-5lld %-4s %s %s (%s)\n", (long long)d->stmt_id,
                    d->scope, d->schema, d->caption, d->entity_id);
        strbuf_addf(&sb, "       %s: %s%s\n", d->prop, value,
                    d->retracted ? "  (statement retracted since)" : "");
        strbuf_addf(&sb, "       by %s at %s: %s\n", d->author, d->at,
                    d->reason);
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    ctx->n++;
    return 0;
}

static int list_releases(struct cli *cli, struct list_ctx *ctx)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    int rc = CLI_OK;

    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (case_disclose_each(st, ctx->log ? CASE_DISCLOSE_LOG : 0, print_one, ctx,
                           &e))
        rc = cli_fail(&e);
    else if (!ctx->json)
        fprintf(stderr, "%zu %s\n", ctx->n,
                ctx->log
                    ? (ctx->n == 1 ? "record" : "records")
                    : (ctx->n == 1 ? "value released" : "values released"));
    store_close(st);
    return rc;
}

int cmd_release(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"reason", required_argument, NULL, OPT_REASON},
        {"scope", required_argument, NULL, OPT_SCOPE},
        {"withdraw", no_argument, NULL, OPT_WITHDRAW},
        {"list", no_argument, NULL, OPT_LIST},
        {"all", no_argument, NULL, OPT_ALL},
        {"reveal", no_argument, NULL, OPT_REVEAL},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct list_ctx lc = {false, false, false, 0};
    const char *reason = NULL, *scope = NULL, *arg;
    bool withdraw = false, list = false;
    int64_t sid;
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_REASON:
            reason = optarg;
            break;
        case OPT_SCOPE:
            scope = optarg;
            break;
        case OPT_WITHDRAW:
            withdraw = true;
            break;
        case OPT_LIST:
            list = true;
            break;
        case OPT_ALL:
            lc.log = true;
            break;
        case OPT_REVEAL:
            lc.reveal = true;
            break;
        case OPT_JSON:
            lc.json = true;
            break;
        case 'h':
            fputs(release_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("release", "unknown option");
        }
    }
    if (list) {
        if (optind != argc || reason || scope || withdraw)
            return cli_usage_error("release", "--list takes only --all, "
                                              "--reveal and --json");
        return list_releases(cli, &lc);
    }
    if (lc.log || lc.reveal || lc.json)
        return cli_usage_error("release",
                               "--all, --reveal and --json go with --list");
    if (optind + 1 != argc)
        return cli_usage_error("release", "expected one STMT_ID (the #number "
                                          "'dossier show ID' prints)");
    arg = argv[optind];
    if (arg[0] == '#')
        arg++;
    if (parse_int64(arg, &sid, &e) || sid < 1)
        return cli_usage_error("release", "'%s' is not a statement id",
                               argv[optind]);
    if (!scope)
        return cli_usage_error("release",
                               "--scope is required (%s): release for the "
                               "jurisdiction that needs the value",
                               case_disclose_scope_list());
    if (!case_disclose_scope(scope))
        return cli_usage_error("release", "unknown scope '%s' (use %s)", scope,
                               case_disclose_scope_list());
    if (!reason || !reason[strspn(reason, " \t\r\n")])
        return cli_usage_error("release", "--reason TEXT is required");
    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    if (case_disclose(st, sid, scope, reason, NULL, withdraw, &e)) {
        store_close(st);
        return cli_fail(&e);
    }
    if (withdraw)
        printf("withdrew the release of #%lld for %s (logged)\n",
               (long long)sid, case_disclose_scope(scope));
    else
        printf("released #%lld for %s (logged; 'dossier release %lld "
               "--scope %s --withdraw --reason TEXT' takes it back)\n",
               (long long)sid, case_disclose_scope(scope), (long long)sid,
               case_disclose_scope(scope));
    store_close(st);
    return CLI_OK;
}
