/*
 * cmd_dossier: `dossier check` (completeness of a target under a regime)
 * and `dossier build` (the submission in HTML, DOCX and PDF plus the
 * exhibit bundle). The work is in src/dossier/; this file parses options
 * and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/vault_cli.h"
#include "dossier/dossier.h"
#include "store/store_custody.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char check_usage[] =
    "usage: dossier check PERSON --regime R [--json] [--regimes DIR]\n"
    "\n"
    "Checks whether the case holds what a submission on PERSON under\n"
    "regime R needs. For each of the regime's criteria it lists the\n"
    "supporting incidents and exhibits, then what is missing or weak:\n"
    "fewer than two independent identifiers, an allegation resting on one\n"
    "unverified source, no link from the person to the conduct, no\n"
    "exculpatory information, unreviewed screening alerts, unverified\n"
    "points of the regime itself.\n"
    "\n"
    "Exit status: 0 when nothing blocks the submission, 1 while blocking\n"
    "gaps remain (or on error), 2 on a usage error.\n"
    "\n"
    "options:\n"
    "  --regime R      one regime id (uk-ghr, us-glomag, ...)\n"
    "  --json          machine-readable output\n"
    "  --regimes DIR   regime files (default: $DOSSIER_REGIMES, else the\n"
    "                  regimes/ folder of the installation)\n"
    "\n"
    "examples:\n"
    "  dossier check demo-officer-chan-tai-man --regime uk-ghr\n"
    "  dossier check demo-officer-wong-chi-keung --regime us-glomag --json\n";

static const char build_usage[] =
    "usage: dossier build PERSON... --regime R[,R...] --out DIR\n"
    "                     [--format html,docx,pdf] [--org NAME]\n"
    "                     [--contact TEXT] [--date YYYY-MM-DD] [--no-bundle]\n"
    "                     [--regimes DIR]\n"
    "\n"
    "Builds the submission on the PERSONs under each regime R: one document\n"
    "per regime and format (DIR/dossier-R.html, .docx, .pdf) with cover,\n"
    "submitting organisation, executive summary, identification sheets,\n"
    "context and chain of command, conduct chronology, evidence by\n"
    "incident, link to the conduct, legal analysis per criterion,\n"
    "exculpatory information, assets and ties, existing designations and\n"
    "the gap between jurisdictions, recommended action, confidentiality and\n"
    "annexes (exhibit register with SHA-256 and timestamps, custody log,\n"
    "completeness check, the regime). DIR/exhibits.zip is the evidence\n"
    "bundle from the vault ('dossier verify-bundle' checks it).\n"
    "\n"
    "Missing data is written as [missing: ...]; records marked fictional\n"
    "are labelled FICTIONAL; victims appear by pseudonym only and no\n"
    "protected value is written unless a reviewer released it for all or\n"
    "for the regime's jurisdiction ('dossier release --help'); those are\n"
    "listed in an annex 'Disclosures'. Existing files in DIR are replaced.\n"
    "\n"
    "options:\n"
    "  --regime R,R    regime ids (uk-ghr, us-glomag, ...)\n"
    "  --format F,F    html, docx, pdf (default: all three)\n"
    "  --out DIR       output folder (created if missing)\n"
    "  --org NAME      the submitting organisation, for the cover\n"
    "  --contact TEXT  point of contact, for the cover\n"
    "  --date D        date on the cover (default: today, UTC)\n"
    "  --no-bundle     do not open the vault or write exhibits.zip\n"
    "  --regimes DIR   regime files (default as for 'dossier check')\n"
    "  --json          print what was written as JSON\n"
    "\n"
    "examples:\n"
    "  dossier build demo-officer-chan-tai-man demo-officer-wong-chi-keung \\\n"
    "      --regime uk-ghr,us-glomag --out ./submission\n"
    "  dossier build k3x9qa... --regime eu-ghrsr --format pdf --out out/\n";

enum {
    OPT_REGIME = 256,
    OPT_JSON,
    OPT_REGIMES,
    OPT_FORMAT,
    OPT_OUT,
    OPT_ORG,
    OPT_CONTACT,
    OPT_DATE,
    OPT_NO_BUNDLE,
};

static const struct option long_opts[] = {
    {"regime", required_argument, NULL, OPT_REGIME},
    {"json", no_argument, NULL, OPT_JSON},
    {"regimes", required_argument, NULL, OPT_REGIMES},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"out", required_argument, NULL, OPT_OUT},
    {"org", required_argument, NULL, OPT_ORG},
    {"contact", required_argument, NULL, OPT_CONTACT},
    {"date", required_argument, NULL, OPT_DATE},
    {"no-bundle", no_argument, NULL, OPT_NO_BUNDLE},
    {NULL, 0, NULL, 0},
};

struct opts {
    const char *regime, *regimes, *format, *out, *org, *contact, *date;
    bool json, no_bundle;
};

static int parse(const char *cmd, int argc, char **argv, struct opts *o)
{
    int c;

    memset(o, 0, sizeof(*o));
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+", long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_REGIME:
            o->regime = optarg;
            break;
        case OPT_JSON:
            o->json = true;
            break;
        case OPT_REGIMES:
            o->regimes = optarg;
            break;
        case OPT_FORMAT:
            o->format = optarg;
            break;
        case OPT_OUT:
            o->out = optarg;
            break;
        case OPT_ORG:
            o->org = optarg;
            break;
        case OPT_CONTACT:
            o->contact = optarg;
            break;
        case OPT_DATE:
            o->date = optarg;
            break;
        case OPT_NO_BUNDLE:
            o->no_bundle = true;
            break;
        default:
            return cli_usage_error(cmd,
                                   "unknown option or missing value "
                                   "'%s'",
                                   argv[optind - 1]);
        }
    }
    return -1;
}

/* getopt "+" stops at the first operand: collect operands and options in
 * any order by parsing in rounds. */
static int parse_all(const char *cmd, int argc, char **argv, struct opts *o,
                     const char ***ids, size_t *nids)
{
    char **args = xcalloc((size_t)argc + 1, sizeof(*args));
    int nargs = 1, rc;

    *ids = xcalloc((size_t)argc + 1, sizeof(**ids));
    *nids = 0;
    args[0] = argv[0];
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            args[nargs++] = argv[i];
            if (strchr(argv[i], '=') == NULL && i + 1 < argc &&
                strcmp(argv[i], "--json") != 0 &&
                strcmp(argv[i], "--no-bundle") != 0)
                args[nargs++] = argv[++i];
        } else
            (*ids)[(*nids)++] = argv[i];
    }
    rc = parse(cmd, nargs, args, o);
    free(args);
    return rc;
}

static enum err_code load_regimes(const struct opts *o, struct regime_set *rs,
                                  struct err *e)
{
    char dir[4096];

    if (o->regimes)
        snprintf(dir, sizeof(dir), "%s", o->regimes);
    else
        regime_default_dir(dir, sizeof(dir));
    return regime_set_load(dir, rs, e);
}

/* --- check ---------------------------------------------------------------*/

static void print_text(const struct dossier_snapshot *s,
                       const struct dossier_check *c)
{
    const struct regime *r = c->regime;

    printf("Check of %s under %s (%s)\n\n", c->target->caption, r->short_name,
           r->id);
    printf("Criteria:\n");
    for (size_t i = 0; i < c->ncrits; i++) {
        const struct dossier_crit_result *cr = &c->crits[i];

        printf("  %-28s %s%s\n", cr->crit->id, cr->met ? "met" : "not shown",
               cr->crit->verified ? "" : "  [unverified wording]");
        for (size_t k = 0; k < cr->incidents.n; k++) {
            const struct dossier_incident *in =
                &s->incidents[cr->incidents.v[k]];
            printf("      incident %s%s (%s)\n",
                   in->fictional ? "[FICTIONAL] " : "", in->caption,
                   in->start ? in->start : "[missing: date]");
        }
        for (size_t k = 0; k < cr->links.n; k++) {
            const struct dossier_link *l = &c->target->links[cr->links.v[k]];
            if (l->via_chain)
                printf("      role %s through the chain of command: %s of "
                       "%s (date match %s)\n",
                       l->role, l->cmd->post ? l->cmd->post : "command post",
                       l->cmd->unit_caption ? l->cmd->unit_caption : "?",
                       case_certainty_name(l->certainty));
            else
                printf("      role %s (%s)\n", l->role,
                       store_conf_name(l->conf));
        }
        for (size_t k = 0; k < cr->exhibits.n; k++) {
            const struct dossier_exhibit *x = &s->exhibits[cr->exhibits.v[k]];
            printf("      exhibit %s %.16s %s\n", x->id,
                   x->hash ? x->hash : "[missing: hash]",
                   x->verification ? x->verification : "unverified");
        }
        if (cr->met && !cr->exhibits.n)
            printf("      exhibit [missing: exhibit]\n");
    }
    printf("\nFindings:\n");
    for (size_t i = 0; i < c->nissues; i++) {
        const struct dossier_issue *x = &c->issues[i];
        printf("  %-9s %s\n",
               x->severity == DOSSIER_BLOCKING ? "BLOCKING"
               : x->severity == DOSSIER_WEAK   ? "weak"
                                               : "info",
               x->text);
    }
    printf("\n%zu blocking gap%s, %zu weak point%s: %s\n", c->nblocking,
           c->nblocking == 1 ? "" : "s", c->nweak, c->nweak == 1 ? "" : "s",
           c->nblocking ? "not ready to submit" : "ready to submit");
}

static void print_json(const struct dossier_snapshot *s,
                       const struct dossier_check *c)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addstr(&sb, "{\"target\":");
    strbuf_add_json_str(&sb, c->target->id);
    strbuf_addstr(&sb, ",\"caption\":");
    strbuf_add_json_str(&sb, c->target->caption);
    strbuf_addf(&sb, ",\"fictional\":%s,\"regime\":",
                c->target->fictional ? "true" : "false");
    strbuf_add_json_str(&sb, c->regime->id);
    strbuf_addstr(&sb, ",\"criteria\":[");
    for (size_t i = 0; i < c->ncrits; i++) {
        const struct dossier_crit_result *cr = &c->crits[i];

        strbuf_addf(&sb, "%s{\"id\":", i ? "," : "");
        strbuf_add_json_str(&sb, cr->crit->id);
        strbuf_addf(&sb, ",\"met\":%s,\"verified\":%s,\"incidents\":[",
                    cr->met ? "true" : "false",
                    cr->crit->verified ? "true" : "false");
        for (size_t k = 0; k < cr->incidents.n; k++) {
            const struct dossier_incident *in =
                &s->incidents[cr->incidents.v[k]];
            strbuf_addf(&sb, "%s{\"id\":", k ? "," : "");
            strbuf_add_json_str(&sb, in->id);
            strbuf_addstr(&sb, ",\"caption\":");
            strbuf_add_json_str(&sb, in->caption);
            strbuf_addstr(&sb, ",\"date\":");
            if (in->start)
                strbuf_add_json_str(&sb, in->start);
            else
                strbuf_addstr(&sb, "null");
            strbuf_addch(&sb, '}');
        }
        strbuf_addstr(&sb, "],\"roles\":[");
        for (size_t k = 0; k < cr->links.n; k++) {
            const struct dossier_link *l = &c->target->links[cr->links.v[k]];
            strbuf_addf(&sb, "%s{\"role\":", k ? "," : "");
            strbuf_add_json_str(&sb, l->role);
            strbuf_addf(&sb, ",\"via_chain\":%s,\"confidence\":\"%s\"}",
                        l->via_chain ? "true" : "false",
                        store_conf_name(l->conf));
        }
        strbuf_addstr(&sb, "],\"exhibits\":[");
        for (size_t k = 0; k < cr->exhibits.n; k++) {
            const struct dossier_exhibit *x = &s->exhibits[cr->exhibits.v[k]];
            strbuf_addf(&sb, "%s{\"id\":", k ? "," : "");
            strbuf_add_json_str(&sb, x->id);
            strbuf_addstr(&sb, ",\"hash\":");
            if (x->hash)
                strbuf_add_json_str(&sb, x->hash);
            else
                strbuf_addstr(&sb, "null");
            strbuf_addstr(&sb, ",\"verification\":");
            strbuf_add_json_str(&sb, x->verification ? x->verification
                                                     : "unverified");
            strbuf_addch(&sb, '}');
        }
        strbuf_addstr(&sb, "]}");
    }
    strbuf_addstr(&sb, "],\"issues\":[");
    for (size_t i = 0; i < c->nissues; i++) {
        const struct dossier_issue *x = &c->issues[i];
        strbuf_addf(&sb,
                    "%s{\"severity\":\"%s\",\"code\":\"%s\",\"criterion\":",
                    i ? "," : "", dossier_severity_name(x->severity), x->code);
        if (x->criterion)
            strbuf_add_json_str(&sb, x->criterion);
        else
            strbuf_addstr(&sb, "null");
        strbuf_addstr(&sb, ",\"text\":");
        strbuf_add_json_str(&sb, x->text);
        strbuf_addch(&sb, '}');
    }
    strbuf_addf(&sb, "],\"blocking\":%zu,\"weak\":%zu,\"ready\":%s}\n",
                c->nblocking, c->nweak, c->nblocking ? "false" : "true");
    fputs(sb.buf, stdout);
    strbuf_release(&sb);
}

int cmd_check(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    const char **ids = NULL;
    size_t nids = 0;
    struct err e = ERR_INIT;
    struct regime_set rs;
    const struct regime *r;
    struct store *st = NULL;
    struct dossier_snapshot snap;
    struct dossier_target t;
    struct dossier_check c;
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(check_usage, stdout);
        return CLI_OK;
    }
    rc = parse_all("check", argc, argv, &o, &ids, &nids);
    if (rc >= 0) {
        free(ids);
        return rc;
    }
    if (nids != 1 || !o.regime) {
        free(ids);
        return cli_usage_error("check", "expected one PERSON and --regime R");
    }
    if (load_regimes(&o, &rs, &e)) {
        free(ids);
        return cli_fail(&e);
    }
    if (regime_set_get(&rs, o.regime, &r, &e) ||
        cli_open_case(cli, true, &st, &e)) {
        regime_set_release(&rs);
        free(ids);
        return cli_fail(&e);
    }
    if (dossier_snapshot_load(st, &snap, &e)) {
        store_close(st);
        regime_set_release(&rs);
        free(ids);
        return cli_fail(&e);
    }
    if (dossier_target_load(&snap, ids[0], &t, &e)) {
        dossier_snapshot_release(&snap);
        store_close(st);
        regime_set_release(&rs);
        free(ids);
        return cli_fail(&e);
    }
    dossier_check_run(&snap, &t, r, &c);
    if (o.json)
        print_json(&snap, &c);
    else
        print_text(&snap, &c);
    rc = c.nblocking ? CLI_FAIL : CLI_OK;
    dossier_check_release(&c);
    dossier_target_release(&t);
    dossier_snapshot_release(&snap);
    store_close(st);
    regime_set_release(&rs);
    free(ids);
    return rc;
}

/* --- build ----------------------------------------------------------------*/

int cmd_build(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    const char **ids = NULL;
    size_t nids = 0;
    struct err e = ERR_INIT;
    struct regime_set rs;
    const struct regime **regs = NULL;
    size_t nregs = 0;
    struct dossier_build_opts bo;
    struct dossier_build_result res;
    struct vault_cli vc;
    unsigned formats = DOSSIER_HTML | DOSSIER_DOCX | DOSSIER_PDF;
    bool have_vc = false;
    struct store *st = NULL;
    struct store_custody *cs = NULL;
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(build_usage, stdout);
        return CLI_OK;
    }
    memset(&vc, 0, sizeof(vc));
    rc = parse_all("build", argc, argv, &o, &ids, &nids);
    if (rc >= 0) {
        free(ids);
        return rc;
    }
    if (!nids || !o.regime || !o.out) {
        free(ids);
        return cli_usage_error("build", "expected PERSON..., --regime R and "
                                        "--out DIR");
    }
    if (o.format && dossier_formats_parse(o.format, &formats, &e)) {
        free(ids);
        return cli_usage_error("build", "%s", e.msg);
    }
    if (o.date) {
        struct date_range dr;
        if (date_parse(o.date, &dr, &e) || dr.from.prec != DATE_DAY) {
            free(ids);
            return cli_usage_error("build", "--date needs a day, e.g. "
                                            "2026-11-27");
        }
    }
    if (load_regimes(&o, &rs, &e)) {
        free(ids);
        return cli_fail(&e);
    }
    regs = xcalloc(strlen(o.regime) + 1, sizeof(*regs));
    for (const char *p = o.regime; *p;) {
        size_t n = strcspn(p, ",");
        char *id = xstrndup(p, n);

        if (regime_set_get(&rs, id, &regs[nregs], &e)) {
            free(id);
            rc = cli_fail(&e);
            goto out;
        }
        nregs++;
        free(id);
        p += n;
        if (*p == ',')
            p++;
    }
    if (!o.no_bundle) {
        if (vault_cli_open(cli, &vc, &e)) {
            rc = cli_fail(&e);
            goto out;
        }
        have_vc = true;
        st = vc.st;
        cs = vc.cs;
    } else {
        char *db;

        if (cli_open_case(cli, false, &st, &e)) {
            rc = cli_fail(&e);
            goto out;
        }
        db = cli_case_path(cli, "case.db");
        if (store_custody_open(db, true, &cs, &e)) {
            err_clear(&e);
            cs = NULL;
        }
        free(db);
    }
    memset(&bo, 0, sizeof(bo));
    bo.targets = ids;
    bo.ntargets = nids;
    bo.regimes = regs;
    bo.nregimes = nregs;
    bo.all_regimes = &rs;
    bo.formats = formats;
    bo.out_dir = o.out;
    bo.date = o.date;
    bo.organization = o.org;
    bo.contact = o.contact;
    bo.vault = have_vc ? vc.v : NULL;
    bo.custody = cs;
    if (dossier_build(st, &bo, &res, &e)) {
        rc = cli_fail(&e);
        goto out_close;
    }
    /* the case keeps a record of every document that let a released
     * protected value out: which statements, under which regime, where */
    if (res.disclosed) {
        struct strbuf d = STRBUF_INIT;

        strbuf_addstr(&d, "{\"disclosed\":");
        strbuf_addstr(&d, res.disclosed);
        strbuf_addstr(&d, ",\"files\":[");
        for (size_t i = 0; i < res.nfiles; i++) {
            if (i)
                strbuf_addch(&d, ',');
            strbuf_add_json_str(&d, res.files[i]);
        }
        strbuf_addstr(&d, "]}");
        if (store_audit_add(st, "dossier.disclose", NULL, d.buf, &e)) {
            strbuf_release(&d);
            dossier_build_result_release(&res);
            rc = cli_fail(&e);
            goto out_close;
        }
        strbuf_release(&d);
    }
    if (o.json) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "{\"files\":[");
        for (size_t i = 0; i < res.nfiles; i++) {
            if (i)
                strbuf_addch(&sb, ',');
            strbuf_add_json_str(&sb, res.files[i]);
        }
        strbuf_addf(&sb,
                    "],\"exhibits\":%zu,\"blocking\":%zu,\"weak\":%zu,"
                    "\"released\":%zu}\n",
                    res.nexhibits, res.nblocking, res.nweak, res.nreleased);
        fputs(sb.buf, stdout);
        strbuf_release(&sb);
    } else {
        for (size_t i = 0; i < res.nfiles; i++)
            printf("wrote %s\n", res.files[i]);
        if (res.nreleased)
            printf("disclosed: %zu released protected value%s written (listed "
                   "in each document's Annex F; 'dossier release --list')\n",
                   res.nreleased, res.nreleased == 1 ? "" : "s");
        if (res.nblocking)
            printf("completeness: %zu blocking gap%s and %zu weak point%s "
                   "remain, marked [missing: ...] in the documents; see "
                   "'dossier check PERSON --regime R'\n",
                   res.nblocking, res.nblocking == 1 ? "" : "s", res.nweak,
                   res.nweak == 1 ? "" : "s");
    }
    dossier_build_result_release(&res);
    rc = CLI_OK;
out_close:
    if (have_vc)
        vault_cli_close(&vc);
    else {
        if (cs)
            store_custody_close(cs);
        store_close(st);
    }
out:
    free(regs);
    free(ids);
    regime_set_release(&rs);
    return rc;
}
