/*
 * cmd_demo: `dossier demo DIR` creates the demo case and prints a tour.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "case/demo.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "screen/screen_case.h"
#include "dossier/dossier.h"
#include "store/store.h"
#include "util/banned.h"

static const char demo_usage[] =
    "usage: dossier demo DIR\n"
    "\n"
    "Creates a demo case in DIR (which must not hold a case) and prints\n"
    "what to look at. The demo holds a FICTIONAL Hong Kong police command\n"
    "structure (units, posts, officers, incidents, pseudonymised victims,\n"
    "sources: every such record is marked FICTIONAL in every output) and\n"
    "the REAL designations of program HK-EO13936 from the US Treasury's\n"
    "OFAC SDN list of 2024-05-03, as OFAC published them.\n"
    "\n"
    "example:\n"
    "  dossier demo ./demo-case && dossier -C ./demo-case list Person\n";

int cmd_demo(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_demo_stats stats;
    struct cli sub = *cli;
    const char *dir;
    size_t nlists = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(demo_usage, stdout);
        return CLI_OK;
    }
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("demo", "expected one folder, e.g. "
                                       "'dossier demo ./demo-case'");
    dir = argv[1];
    if (cli_case_create(dir,
                        "Demo case: fictional incidents and officers; real "
                        "OFAC HK-EO13936 designations",
                        &e))
        return cli_fail(&e);
    sub.case_dir = dir;
    if (cli_open_case(&sub, false, &st, &e))
        return cli_fail(&e);
    if (case_demo_build(st, &stats, &e) || cli_graph_demo(st, dir, &e) ||
        screen_demo_extend(st, dir, &nlists, &e)) {
        store_close(st);
        return cli_fail(&e);
    }
    store_close(st);
    printf("Created the demo case in %s\n"
           "  %d FICTIONAL records (units, posts, officers, incidents, "
           "victims, sources)\n"
           "  %d real records: OFAC SDN program HK-EO13936 (people, "
           "designations, source)\n"
           "  %d statements, each with its source and confidence\n\n",
           dir, stats.fictional_entities, stats.real_entities,
           stats.statements);
    printf("What to look at:\n"
           "  dossier -C %s list Person                 # officers "
           "(FICTIONAL) and designated officials (real)\n"
           "  dossier -C %s show %s   # a fictional officer: names in both "
           "scripts, sources, posts\n"
           "  dossier -C %s chain %s --on 2019-11-18\n"
           "                                  # who commanded the unit "
           "on the day of the incident\n"
           "  dossier -C %s chain %s --on 2020-08-01\n"
           "                                  # ... and after it was "
           "moved under the region\n"
           "  dossier -C %s holders %s --on 2019-11\n"
           "  dossier -C %s show %s      # a victim: identity [protected]\n"
           "  dossier -C %s show %s                   # a real designation "
           "(OFAC, HK-EO13936)\n"
           "  dossier -C %s search Kwok-ki\n"
           "  dossier -C %s export --out demo.ftm.json  # protected values "
           "withheld\n",
           dir, dir, DEMO_OFFICER_ID, dir, DEMO_UNIT_ID, dir, DEMO_UNIT_ID, dir,
           DEMO_UNIT_ID, dir, DEMO_VICTIM_ID, dir, DEMO_REAL_ID, dir, dir);
    if (nlists)
        printf("  dossier -C %s gaps          # %zu sanctions lists imported: "
               "who is designated where, and where not yet\n",
               dir, nlists);
    cli_graph_demo_tour(dir);
    {
        struct dossier_build_result res;
        struct err de = ERR_INIT;

        if (dossier_demo_build(dir, &res, &de)) {
            fprintf(stderr, "dossier: warning: demo dossiers not built: %s\n",
                    de.msg);
            return CLI_OK;
        }
        printf("\nDossiers on two FICTIONAL officers under UK GHR and US "
               "Global Magnitsky:\n");
        for (size_t i = 0; i < res.nfiles; i++)
            printf("  %s\n", res.files[i]);
        printf("  dossier -C %s check %s --regime uk-ghr  # what they lack\n",
               dir, DEMO_OFFICER_ID);
        dossier_build_result_release(&res);
    }
    return CLI_OK;
}
