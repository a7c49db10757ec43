/*
 * cmd_case: the commands that write and read entities: add, set, link,
 * retract, show, list.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum {
    OPT_SOURCE = 1000,
    OPT_CONF,
    OPT_LANG,
    OPT_QUAL,
    OPT_ID,
    OPT_JSON,
    OPT_REASON,
    OPT_REVEAL,
    OPT_HISTORY
};

static const struct option stmt_opts[] = {
    {"source", required_argument, NULL, OPT_SOURCE},
    {"confidence", required_argument, NULL, OPT_CONF},
    {"lang", required_argument, NULL, OPT_LANG},
    {"qualifier", required_argument, NULL, OPT_QUAL},
    {"id", required_argument, NULL, OPT_ID},
    {"json", no_argument, NULL, OPT_JSON},
    {"reason", required_argument, NULL, OPT_REASON},
    {"reveal", no_argument, NULL, OPT_REVEAL},
    {"history", no_argument, NULL, OPT_HISTORY},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct opts {
    struct case_stmt_opts so;
    const char *id;
    const char *reason;
    bool json;
    bool reveal;
    bool history;
};

/*
 * Parses the shared options; returns -1 to go on, else an exit code
 * (help printed, or a usage error).
 */
static int parse_opts(int argc, char **argv, const char *cmd, const char *usage,
                      struct opts *o)
{
    struct err e = ERR_INIT;
    int c;

    memset(o, 0, sizeof(*o));
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", stmt_opts, NULL)) != -1) {
        switch (c) {
        case OPT_SOURCE:
            o->so.source_id = optarg;
            break;
        case OPT_CONF:
            if (store_conf_parse(optarg, &o->so.conf, &e))
                return cli_usage_error(cmd, "%s", e.msg);
            break;
        case OPT_LANG:
            o->so.lang = optarg;
            break;
        case OPT_QUAL:
            o->so.qualifier = optarg;
            break;
        case OPT_ID:
            o->id = optarg;
            break;
        case OPT_JSON:
            o->json = true;
            break;
        case OPT_REASON:
            o->reason = optarg;
            break;
        case OPT_REVEAL:
            o->reveal = true;
            break;
        case OPT_HISTORY:
            o->history = true;
            break;
        case 'h':
            fputs(usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    return -1;
}

/*
 * Adds prop=value pairs argv[from..argc) to entity id. Name values get
 * their script as lang when --lang was not given.
 */
static enum err_code add_pairs(struct store *st, const char *id, int argc,
                               char **argv, int from, const struct opts *o,
                               struct err *e)
{
    for (int i = from; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        struct case_stmt_opts so = o->so;
        char prop[128];
        enum err_code rc;

        if (!eq || eq == argv[i] || (size_t)(eq - argv[i]) >= sizeof(prop))
            return err_set(e, ERR_USAGE,
                           "expected PROP=VALUE, got '%s' (e.g. "
                           "name=\"CHAN Tai-man\")",
                           argv[i]);
        memcpy(prop, argv[i], (size_t)(eq - argv[i]));
        prop[eq - argv[i]] = '\0';
        if (!so.lang &&
            (strcmp(prop, "name") == 0 || strcmp(prop, "alias") == 0 ||
             strcmp(prop, "previousName") == 0))
            so.lang = out_guess_script(eq + 1);
        rc = case_prop_add(st, id, prop, eq + 1, &so, NULL, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/*
 * Adds an entity of schema with the PROP=VALUE pairs argv[from..argc) in
 * one transaction and prints its id. For a link schema (link not NULL),
 * ends[0] and ends[1] are the ids it links (its edge properties).
 */
static int add_entity(struct cli *cli, const char *schema,
                      const struct schema *link, char **ends, int argc,
                      char **argv, int from, const struct opts *o)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char id[ID_MAX_LEN + 1];

    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    if (store_begin(st, &e) ||
        case_entity_add(st, schema, o->id, o->so.author, id, &e) ||
        (link &&
         (case_prop_add(st, id, link->edge_source, ends[0], &o->so, NULL, &e) ||
          case_prop_add(st, id, link->edge_target, ends[1], &o->so, NULL,
                        &e))) ||
        add_pairs(st, id, argc, argv, from, o, &e) || store_commit(st, &e)) {
        store_rollback(st);
        store_close(st);
        return cli_fail(&e);
    }
    if (o->json)
        printf("{\"id\":\"%s\"}\n", id);
    else
        printf("%s\n", id);
    store_close(st);
    return CLI_OK;
}

/* --- add ------------------------------------------------------------- */

static const char add_usage[] =
    "usage: dossier add SCHEMA [PROP=VALUE...] [options]\n"
    "\n"
    "Adds an entity (a person, unit, incident, source, ...) with its first\n"
    "property values, and prints its id. Values are validated by type:\n"
    "dates keep their precision (\"Dec 1960\" is a month), countries\n"
    "become ISO codes, HKIDs are checked, references must name an entity\n"
    "of the right kind. Run 'dossier schema SCHEMA' for the properties.\n"
    "\n"
    "options (apply to every value given here):\n"
    "  --source ID        the Source or Exhibit the values come from\n"
    "  --confidence C     confirmed (default), probable, possible, disputed\n"
    "  --lang TAG         script or language (Hani, Latn, zh-Hant...);\n"
    "                     names get their script automatically\n"
    "  --qualifier Q      e.g. the romanisation system: hk-gov, pinyin\n"
    "  --id ID            use this id instead of a random one\n"
    "  --json             print {\"id\": ...}\n"
    "\n"
    "examples:\n"
    "  dossier add Source name=\"Stand News live video\" reliability=B\n"
    "  dossier add Person name=陳大文 name=\"CHAN Tai-man\" gender=male \\\n"
    "      birthDate=\"Dec 1960\" --source SOURCE_ID --confidence probable\n"
    "  dossier add Organization name=\"Tactical Unit, Company 7\"\n"
    "  dossier add Incident name=\"Clearance of Nathan Road\" \\\n"
    "      startDate=2019-11-18 country=hk\n";

int cmd_add(int argc, char **argv, struct cli *cli)
{
    struct opts o;
    int rc = parse_opts(argc, argv, "add", add_usage, &o);

    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return cli_usage_error("add", "expected a SCHEMA (e.g. Person)");
    return add_entity(cli, argv[optind], NULL, NULL, argc, argv, optind + 1,
                      &o);
}

/* --- set ------------------------------------------------------------- */

static const char set_usage[] =
    "usage: dossier set ID PROP VALUE [options]\n"
    "       dossier set ID PROP=VALUE... [options]\n"
    "\n"
    "Adds property values to an existing entity and prints each new\n"
    "statement id. Nothing is overwritten: to correct a value, retract the\n"
    "old statement ('dossier retract') and set the new one.\n"
    "\n"
    "options: --source ID, --confidence C, --lang TAG, --qualifier Q,\n"
    "         --json (as for 'dossier add')\n"
    "\n"
    "examples:\n"
    "  dossier set k3x9qa... birthDate \"Dec 1960\" --source SRC "
    "--confidence probable\n"
    "  dossier set k3x9qa... hkid \"A123456(3)\"\n"
    "  dossier set k3x9qa... alias=\"Chen Dawen\" --qualifier pinyin\n";

int cmd_set(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct opts o;
    struct strbuf pair = STRBUF_INIT;
    int rc = parse_opts(argc, argv, "set", set_usage, &o);
    char *one[1];

    if (rc >= 0)
        return rc;
    if (argc - optind < 2)
        return cli_usage_error("set", "expected ID PROP VALUE");
    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    rc = CLI_OK;
    if (store_begin(st, &e))
        goto fail;
    if (argc - optind == 3 && !strchr(argv[optind + 1], '=')) {
        strbuf_addf(&pair, "%s=%s", argv[optind + 1], argv[optind + 2]);
        one[0] = pair.buf;
        if (add_pairs(st, argv[optind], 1, one, 0, &o, &e))
            goto fail;
    } else if (add_pairs(st, argv[optind], argc, argv, optind + 1, &o, &e)) {
        goto fail;
    }
    if (store_commit(st, &e))
        goto fail;
    printf("ok\n");
    goto out;
fail:
    store_rollback(st);
    rc = cli_fail(&e);
out:
    strbuf_release(&pair);
    store_close(st);
    return rc;
}

/* --- link ------------------------------------------------------------ */

static const char link_usage[] =
    "usage: dossier link SCHEMA FROM_ID TO_ID [PROP=VALUE...] [options]\n"
    "\n"
    "Records a relation as an entity of a link schema and prints its id:\n"
    "  Occupancy     holder (Person) -> post (Position)\n"
    "  CommandLink   superior unit -> subordinate unit\n"
    "  Involvement   person or unit -> incident (role=direct|commanded|...)\n"
    "  Ownership     owner -> asset;  Directorship  director -> company\n"
    "  Family        person -> relative;  Associate  person -> associate\n"
    "(run 'dossier schema' for all link schemata and their properties).\n"
    "Dates on links (startDate, endDate) keep their precision.\n"
    "\n"
    "options: --source ID, --confidence C, --id ID, --json\n"
    "\n"
    "examples:\n"
    "  dossier link Occupancy PERSON POST startDate=2019-06 "
    "endDate=2020-03\n"
    "  dossier link CommandLink REGION_ID DISTRICT_ID startDate=2015\n"
    "  dossier link Involvement PERSON INCIDENT role=commanded "
    "--source SRC\n";

int cmd_link(int argc, char **argv, struct cli *cli)
{
    const struct schema *s;
    struct opts o;
    int rc = parse_opts(argc, argv, "link", link_usage, &o);

    if (rc >= 0)
        return rc;
    if (argc - optind < 3)
        return cli_usage_error("link", "expected SCHEMA FROM_ID TO_ID");
    s = schema_find(argv[optind]);
    if (!s || !s->edge_source || !s->edge_target)
        return cli_usage_error("link",
                               "'%s' is not a link schema (try Occupancy, "
                               "CommandLink, Involvement, Ownership, "
                               "Directorship, Family, Associate)",
                               argv[optind]);
    return add_entity(cli, s->name, s, argv + optind + 1, argc, argv,
                      optind + 3, &o);
}

/* --- retract --------------------------------------------------------- */

static const char retract_usage[] =
    "usage: dossier retract STATEMENT_ID --reason TEXT\n"
    "\n"
    "Withdraws a statement (a property value) with a reason. The statement\n"
    "stays in the history ('dossier history ID') and the audit log; it\n"
    "no longer counts in the current view. Statement ids are the #numbers\n"
    "that 'dossier show' prints.\n"
    "\n"
    "examples:\n"
    "  dossier retract 42 --reason \"wrong person: HKID differs\"\n";

int cmd_retract(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct opts o;
    int64_t sid;
    const char *arg;
    int rc = parse_opts(argc, argv, "retract", retract_usage, &o);

    if (rc >= 0)
        return rc;
    if (optind + 1 != argc)
        return cli_usage_error("retract", "expected one STATEMENT_ID");
    arg = argv[optind];
    if (arg[0] == '#')
        arg++;
    if (parse_int64(arg, &sid, &e) || sid < 1)
        return cli_usage_error("retract", "'%s' is not a statement id",
                               argv[optind]);
    if (!o.reason || !*o.reason)
        return cli_usage_error("retract", "--reason TEXT is required");
    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    if (case_prop_retract(st, sid, o.reason, o.so.author, &e)) {
        store_close(st);
        return cli_fail(&e);
    }
    printf("retracted #%lld\n", (long long)sid);
    store_close(st);
    return CLI_OK;
}

/* --- show ------------------------------------------------------------ */

static const char show_usage[] =
    "usage: dossier show ID [--history] [--reveal] [--json]\n"
    "\n"
    "Shows everything known about an entity: each property value with its\n"
    "statement #id, confidence, script and source, then the entities that\n"
    "refer to it (posts held, designations, incidents, relatives...).\n"
    "Protected values (victims, witnesses, informants) print as\n"
    "[protected] unless --reveal is given; one a reviewer released for\n"
    "export ('dossier release') is marked, e.g. [released: uk].\n"
    "\n"
    "options:\n"
    "  --history   include retracted statements, with who and why\n"
    "  --reveal    show protected values (mind who can see your screen)\n"
    "  --json      one JSON object\n"
    "\n"
    "examples:\n"
    "  dossier show k3x9qa...\n"
    "  dossier show ofac-29242 --json\n";

int cmd_show(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_entity *en = NULL;
    struct opts o;
    int rc = parse_opts(argc, argv, "show", show_usage, &o);

    if (rc >= 0)
        return rc;
    if (optind + 1 != argc)
        return cli_usage_error("show", "expected one entity ID");
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (case_entity_load(st, argv[optind], o.history ? CASE_LOAD_HISTORY : 0,
                         &en, &e)) {
        store_close(st);
        return cli_fail(&e);
    }
    out_entity(stdout, en, o.json,
               (o.reveal ? OUT_REVEAL : 0) |
                   (o.history ? OUT_STMT_HISTORY : 0));
    case_entity_free(en);
    store_close(st);
    return CLI_OK;
}

/* --- list ------------------------------------------------------------ */

static const char list_usage[] =
    "usage: dossier list [SCHEMA] [--json]\n"
    "\n"
    "Lists the entities of the case, or only those of one schema (Person,\n"
    "Organization, Incident, Source, Designation, ...; a parent schema\n"
    "such as LegalEntity lists its descendants too): id, schema and\n"
    "display name, FICTIONAL where marked.\n"
    "\n"
    "examples:\n"
    "  dossier list Person\n"
    "  dossier list --json\n";

struct list_ctx {
    struct store *st;
    const struct schema *filter;
    bool json;
    int64_t n;
};

static int list_one(const struct store_entity *en, void *vctx)
{
    struct list_ctx *ctx = vctx;
    const struct schema *s = schema_find(en->schema);
    struct strbuf sb = STRBUF_INIT;
    struct case_entity *full = NULL;
    bool fictional;

    if (ctx->filter && (!s || !schema_is_a(s, ctx->filter->name)))
        return 0;
    if (case_entity_load(ctx->st, en->id, CASE_LOAD_NO_REFS, &full, NULL))
        return 0;
    fictional = out_entity_is_fictional(full);
    if (ctx->json) {
        strbuf_addstr(&sb, "{\"id\":");
        strbuf_add_json_str(&sb, en->id);
        strbuf_addstr(&sb, ",\"schema\":");
        strbuf_add_json_str(&sb, en->schema);
        strbuf_addstr(&sb, ",\"caption\":");
        strbuf_add_json_str(&sb, full->caption ? full->caption : "");
        strbuf_addf(&sb, ",\"fictional\":%s}\n", fictional ? "true" : "false");
    } else {
        strbuf_addf(&sb, "%-28s %-13s %s%s\n", en->id, en->schema,
                    fictional ? "[FICTIONAL] " : "",
                    full->caption ? full->caption : "");
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    case_entity_free(full);
    ctx->n++;
    return 0;
}

/*
 * The schema name to filter on in the store: only a schema without
 * descendants can be matched by name there; parents are filtered here.
 */
static const char *sql_filter(const struct schema *filter)
{
    if (!filter)
        return NULL;
    for (size_t i = 0; i < schema_count(); i++) {
        const struct schema *s = schema_at(i);
        if (s->parent && strcmp(s->parent, filter->name) == 0)
            return NULL;
    }
    return filter->name;
}

int cmd_list(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct list_ctx ctx = {NULL, NULL, false, 0};
    struct opts o;
    int rc = parse_opts(argc, argv, "list", list_usage, &o);

    if (rc >= 0)
        return rc;
    ctx.json = o.json;
    if (optind + 1 < argc)
        return cli_usage_error("list", "expected at most one SCHEMA");
    if (optind < argc) {
        ctx.filter = schema_find(argv[optind]);
        if (!ctx.filter)
            return cli_usage_error("list",
                                   "unknown schema '%s' (run 'dossier "
                                   "schema' for the list)",
                                   argv[optind]);
    }
    if (cli_open_case(cli, true, &ctx.st, &e))
        return cli_fail(&e);
    rc = CLI_OK;
    if (store_entity_each(ctx.st, sql_filter(ctx.filter), list_one, &ctx, &e))
        rc = cli_fail(&e);
    else if (!ctx.json)
        fprintf(stderr, "%lld entities\n", (long long)ctx.n);
    store_close(ctx.st);
    return rc;
}

/* --- schema ---------------------------------------------------------- */

static const char schema_usage[] =
    "usage: dossier schema [SCHEMA] [--json]\n"
    "\n"
    "Without SCHEMA: lists the kinds of entity a case holds. With SCHEMA:\n"
    "its properties with their types; 'protected' marks values kept out\n"
    "of exports and masked on screen (victims, witnesses, informants).\n"
    "\n"
    "examples:\n"
    "  dossier schema\n"
    "  dossier schema Occupancy\n";

int cmd_schema(int argc, char **argv, struct cli *cli)
{
    const struct schema *s;
    struct opts o;
    int rc = parse_opts(argc, argv, "schema", schema_usage, &o);

    (void)cli;
    if (rc >= 0)
        return rc;
    if (optind >= argc) {
        for (size_t i = 0; i < schema_count(); i++) {
            s = schema_at(i);
            if (s->flags & SCHEMA_ABSTRACT)
                continue;
            if (o.json)
                printf("{\"schema\":\"%s\",\"label\":\"%s\"}\n", s->name,
                       s->label);
            else
                printf("%-16s %s%s%s%s\n", s->name, s->label,
                       s->edge_source ? "  (link: " : "",
                       s->edge_source ? s->edge_source : "",
                       s->edge_source ? " -> ...)" : "");
        }
        return CLI_OK;
    }
    s = schema_find(argv[optind]);
    if (!s)
        return cli_usage_error("schema",
                               "unknown schema '%s' (run 'dossier schema')",
                               argv[optind]);
    if (!o.json)
        printf("%s: %s%s%s\n", s->name, s->label, s->ftm ? "  (FtM " : "",
               s->ftm ? s->ftm : "");
    if (!o.json && s->ftm)
        printf(")\n");
    else if (!o.json)
        printf("\n");
    for (size_t i = 0; i < schema_prop_count(s); i++) {
        const struct schema_prop *p = schema_prop_at(s, i);
        bool prot = schema_prop_is_protected(s, p);
        if (o.json)
            printf("{\"prop\":\"%s\",\"type\":\"%s\",\"range\":%s%s%s,"
                   "\"protected\":%s}\n",
                   p->name, schema_type_name(p->type), p->range ? "\"" : "",
                   p->range ? p->range : "null", p->range ? "\"" : "",
                   prot ? "true" : "false");
        else
            printf("  %-20s %-10s %s%s%s\n", p->name, schema_type_name(p->type),
                   p->range ? p->range : "", prot ? " protected" : "",
                   (p->flags & SCHEMA_MULTI) ? "" : " single");
    }
    return CLI_OK;
}
