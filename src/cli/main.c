/*
 * main: the `dossier` command. Parses global options (-C DIR, --help,
 * --version), selects the case folder and dispatches through the command
 * table, git style.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "util/banned.h"

#define DOSSIER_VERSION "0.1.0"

/* Entries with a NULL function are section headings of the help. */
static const struct cli_command commands[] = {
    {"the case record", NULL, NULL},
    {"init", cmd_init, "create a new case folder"},
    {"demo", cmd_demo, "create the demo case and show what to look at"},
    {"add", cmd_add, "add a person, unit, incident, source... with values"},
    {"set", cmd_set, "add property values to an entity"},
    {"link", cmd_link, "record a relation (post held, command, ownership...)"},
    {"retract", cmd_retract, "withdraw a statement, with a reason"},
    {"release", cmd_release,
     "release a protected value for export, with a reason (logged)"},
    {"show", cmd_show, "everything known about an entity, with sources"},
    {"list", cmd_list, "list entities, optionally of one schema"},
    {"search", cmd_search, "full-text search over names and text"},
    {"history", cmd_history, "every statement about an entity, retracted too"},
    {"log", cmd_log, "the audit log of the case"},
    {"schema", cmd_schema, "the kinds of entity and their properties"},
    {"import", cmd_import,
     "import FtM JSON lines or registry data (BODS, Companies House...)"},
    {"export", cmd_export,
     "export the case as FtM JSON lines (protected data only if released)"},
    {"command structure, assets and ties", NULL, NULL},
    {"holders", cmd_holders, "who held posts in a unit on a date"},
    {"chain", cmd_chain, "the chain of command above a unit on a date"},
    {"holdings", cmd_holdings, "what a person holds, through ownership chains"},
    {"ties", cmd_ties, "a person's ties to a country (property, family...)"},
    {"graph", cmd_graph, "draw a person's network or a unit's chain"},
    {"evidence", NULL, NULL},
    {"evidence", cmd_evidence, "keep, check and export evidence"},
    {"verify-bundle", cmd_verify_bundle, "check an evidence bundle"},
    {"passwd", cmd_passwd, "set the case key passphrase"},
    {"sanctions lists and screening", NULL, NULL},
    {"lists", cmd_lists, "import and compare sanctions lists"},
    {"match", cmd_match, "score two names (or a TSV of pairs)"},
    {"screen", cmd_screen, "screen a file of names against list files"},
    {"alerts", cmd_alerts, "screening alerts of the case and their decisions"},
    {"decide", cmd_decide, "decide a screening alert: match, no match, unsure"},
    {"gaps", cmd_gaps, "who is designated by which jurisdiction, and who not"},
    {"submissions", NULL, NULL},
    {"check", cmd_check, "what a submission on a person still lacks"},
    {"build", cmd_build, "build the submission (HTML, DOCX, PDF, bundle)"},
    {"other", NULL, NULL},
    {"version", cmd_version, "print the program version"},
};

static const size_t ncommands = sizeof(commands) / sizeof(commands[0]);

static void usage(FILE *out)
{
    fprintf(out, "usage: dossier [-C DIR] COMMAND [ARGS...]\n"
                 "\n"
                 "dossier keeps a human-rights case file: people, units, "
                 "incidents,\nevidence, assets and sanctions screening, and "
                 "builds submissions.\n"
                 "\n"
                 "The case is the folder given by -C DIR, else $DOSSIER_CASE, "
                 "else the\ncurrent folder. Commands, by task:\n"
                 "\n");
    for (size_t i = 0; i < ncommands; i++) {
        if (!commands[i].fn)
            fprintf(out, "%s%s:\n", i ? "\n" : "", commands[i].name);
        else
            fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out, "\nRun 'dossier COMMAND --help' for a command's options "
                 "and examples.\n"
                 "Try: dossier demo ./demo-case\n");
}

int cmd_version(int argc, char **argv, struct cli *cli)
{
    (void)cli;
    if (cli_wants_help(argc, argv)) {
        printf("usage: dossier version\n\nPrints the program version.\n");
        return CLI_OK;
    }
    printf("dossier %s\n", DOSSIER_VERSION);
    return CLI_OK;
}

int main(int argc, char **argv)
{
    struct cli cli = {NULL, "dossier"};
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-C") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "dossier: -C needs a folder\n");
                return CLI_USAGE;
            }
            cli.case_dir = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "-C", 2) == 0) {
            cli.case_dir = argv[i] + 2;
            i++;
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            return cmd_version(1, argv, &cli);
        } else {
            fprintf(stderr, "dossier: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (!cli.case_dir)
        cli.case_dir = getenv("DOSSIER_CASE");
    if (!cli.case_dir || !*cli.case_dir)
        cli.case_dir = ".";
    for (size_t k = 0; k < ncommands; k++)
        if (commands[k].fn && strcmp(commands[k].name, argv[i]) == 0)
            return commands[k].fn(argc - i, argv + i, &cli);
    fprintf(stderr, "dossier: '%s' is not a dossier command\n", argv[i]);
    usage(stderr);
    return CLI_USAGE;
}
