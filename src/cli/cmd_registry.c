/*
 * cmd_registry: `dossier import FILE --format bods|ch-psc|ch-basic|
 * hk-companies`, company registers and beneficial-ownership data
 * (registry/registry.h). Reached from cmd_import when --format is not
 * ftm.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "registry/registry.h"
#include "store/store.h"
#include "util/banned.h"

enum { OPT_FORMAT = 1000 };

static const char registry_usage[] =
    "usage: dossier import FILE --format bods|ch-psc|ch-basic|hk-companies\n"
    "\n"
    "Imports company registers and beneficial-ownership data into the\n"
    "case, all or nothing. A Source entity is recorded for the file and\n"
    "cited on every statement. Companies and people get stable ids from\n"
    "their register numbers, so files of different formats meet on the\n"
    "same company, and an import adds to entities already in the case.\n"
    "Shares are kept as written (\"25-50\", even an impossible \"150\"):\n"
    "'dossier holdings' flags missing and impossible ones.\n"
    "\n"
    "formats:\n"
    "  bods          Open Ownership BODS 0.4 JSON (array or JSON lines):\n"
    "                people, entities (companies, states, trusts and\n"
    "                other arrangements), ownership-or-control\n"
    "                relationships, direct and indirect, joint, nominees\n"
    "  ch-psc        UK Companies House PSC snapshot (JSON lines, or a\n"
    "                JSON array of the same records)\n"
    "  ch-basic      UK Companies House BasicCompanyData CSV\n"
    "  hk-companies  Hong Kong company list: CR number, English and\n"
    "                Chinese names (Companies Registry export layout)\n"
    "\n"
    "examples:\n"
    "  dossier import ownership.json --format bods\n"
    "  dossier import psc-snapshot.txt --format ch-psc\n"
    "  dossier import BasicCompanyData.csv --format ch-basic\n"
    "  dossier import hk-2022-01.csv --format hk-companies\n";

int cli_import_registry(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct registry_stats stats;
    enum registry_format fmt = 0;
    const char *fmt_name = NULL;
    bool help = false;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            fmt_name = optarg;
            break;
        case 'h':
            help = true;
            break;
        default:
            return cli_usage_error("import",
                                   "option not available with --format %s",
                                   fmt_name ? fmt_name : "?");
        }
    }
    if (!fmt_name || !registry_format_parse(fmt_name, &fmt))
        return cli_usage_error("import", "unknown format '%s' (known: ftm, %s)",
                               fmt_name ? fmt_name : "", REGISTRY_FORMAT_NAMES);
    if (help) {
        fputs(registry_usage, stdout);
        return CLI_OK;
    }
    if (optind + 1 != argc)
        return cli_usage_error("import", "expected one FILE");
    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    if (registry_import(st, argv[optind], fmt, &stats, &e)) {
        rc = cli_fail(&e);
        fprintf(stderr, "nothing was imported\n");
    } else {
        printf("imported %lld records from %s (%s): %lld new entities, %lld "
               "existing, %lld statements, %lld ownership links; source %s\n",
               (long long)stats.records, argv[optind], fmt_name,
               (long long)stats.entities, (long long)stats.reused,
               (long long)stats.statements, (long long)stats.links,
               stats.source_id);
        if (stats.unchanged)
            printf("unchanged: %lld value(s) the case already had, not added "
                   "again\n",
                   (long long)stats.unchanged);
        if (stats.flagged)
            printf("flagged: %lld share(s) missing or outside 0..100, kept as "
                   "written\n",
                   (long long)stats.flagged);
        if (stats.skipped)
            printf("skipped: %lld record(s) or value(s) that could not be "
                   "kept (unspecified party, unknown kind, bad text)\n",
                   (long long)stats.skipped);
    }
    store_close(st);
    return rc;
}
