/*
 * cmd_ftm: `dossier import` and `dossier export` of FollowTheMoney JSON
 * lines.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case/ftm_io.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum { OPT_SKIP_BAD = 1000, OPT_SOURCE, OPT_FORMAT, OPT_OUT, OPT_SCHEMA };

static const char import_usage[] =
    "usage: dossier import FILE [--format FMT] [--source ID] [--skip-bad]\n"
    "\n"
    "Imports FollowTheMoney (FtM) JSON lines, as published by\n"
    "OpenSanctions and Aleph, into the case: every entity keeps its id and\n"
    "every value is kept (values our checks do not accept are stored as\n"
    "written). The import is all-or-nothing: on the first bad line nothing\n"
    "is imported and the error names the line.\n"
    "\n"
    "options:\n"
    "  --source ID   cite this Source entity on every imported value\n"
    "  --skip-bad    import what is good, skip bad lines and values, and\n"
    "                list what was skipped\n"
    "  --format FMT  ftm (the default); bods, ch-psc, ch-basic,\n"
    "                hk-companies: see 'dossier import --format bods --help'\n"
    "\n"
    "examples:\n"
    "  dossier import zala.ftm.json\n"
    "  dossier import registry.ftm.json --source SOURCE_ID --skip-bad\n";

static void show_progress(uint64_t done, uint64_t total, void *ctx)
{
    (void)ctx;
    if (total)
        fprintf(stderr, "\rimporting... %3d%%", (int)(done * 100 / total));
}

static void show_skipped(int64_t line, const char *msg, void *ctx)
{
    const char *path = ctx;
    fprintf(stderr, "skipped %s:%lld: %s\n", path, (long long)line, msg);
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
        {"source", required_argument, NULL, OPT_SOURCE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_ftm_stats stats;
    struct case_ftm_hooks hooks = {NULL, show_skipped, NULL};
    const char *source = NULL;
    unsigned flags = 0;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_SKIP_BAD:
            flags |= CASE_FTM_SKIP_BAD;
            break;
        case OPT_SOURCE:
            source = optarg;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "ftm") != 0)
                return cli_import_registry(argc, argv, cli);
            break;
        case 'h':
            fputs(import_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("import", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("import", "expected one FILE");
    if (cli_open_case(cli, false, &st, &e))
        return cli_fail(&e);
    hooks.ctx = argv[optind];
    if (cli_progress_enabled())
        hooks.progress = show_progress;
    if (case_ftm_import(st, argv[optind], source, flags, &hooks, &stats, &e)) {
        if (hooks.progress)
            fputc('\n', stderr);
        rc = cli_fail(&e);
        if (!(flags & CASE_FTM_SKIP_BAD))
            fprintf(stderr, "nothing was imported (use --skip-bad to "
                            "import the good lines)\n");
    } else {
        if (hooks.progress)
            fputc('\r', stderr);
        printf("imported %lld entities, %lld statements from %s",
               (long long)stats.entities, (long long)stats.statements,
               argv[optind]);
        if (stats.skipped)
            printf("; skipped %lld (listed above)", (long long)stats.skipped);
        if (stats.empty)
            printf("; ignored %lld empty values", (long long)stats.empty);
        printf("\n");
    }
    store_close(st);
    return rc;
}

static const char export_usage[] =
    "usage: dossier export [--out FILE] [--schema SCHEMA]\n"
    "\n"
    "Writes the case as FollowTheMoney (FtM) JSON lines (to stdout, or to\n"
    "FILE, written to a temporary file and renamed when complete).\n"
    "Protected values (victims, witnesses, informants) are not exported,\n"
    "unless a reviewer released one for every export ('dossier release\n"
    "ID --scope all'; a release for one jurisdiction only reaches that\n"
    "jurisdiction's dossier). The counts of released and withheld values\n"
    "are printed on stderr. Records marked fictional keep their\n"
    "'fictional' property.\n"
    "\n"
    "options:\n"
    "  --out FILE       write to FILE instead of stdout\n"
    "  --schema SCHEMA  only entities of SCHEMA (and its descendants)\n"
    "\n"
    "examples:\n"
    "  dossier export --out case.ftm.json\n"
    "  dossier export --schema Person | head\n";

int cmd_export(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, OPT_OUT},
        {"schema", required_argument, NULL, OPT_SCHEMA},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_ftm_stats stats;
    struct strbuf tmp = STRBUF_INIT;
    const char *out = NULL, *schema = NULL;
    FILE *f = stdout;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_OUT:
        case 'o':
            out = optarg;
            break;
        case OPT_SCHEMA:
            schema = optarg;
            break;
        case 'h':
            fputs(export_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("export", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("export", "unexpected argument '%s'",
                               argv[optind]);
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (out) {
        strbuf_addf(&tmp, "%s.tmp", out);
        f = fopen(tmp.buf, "wb");
        if (!f) {
            err_set(&e, ERR_IO, "cannot create '%s': %s", tmp.buf,
                    strerror(errno));
            goto fail;
        }
    }
    if (case_ftm_export(st, f, schema, &stats, &e))
        goto fail;
    if (out) {
        if (fflush(f) != 0 || fsync(fileno(f)) != 0 || fclose(f) != 0) {
            f = NULL;
            err_set(&e, ERR_IO, "cannot write '%s': %s", tmp.buf,
                    strerror(errno));
            goto fail;
        }
        f = NULL;
        if (rename(tmp.buf, out) != 0) {
            err_set(&e, ERR_IO, "cannot rename '%s' to '%s': %s", tmp.buf, out,
                    strerror(errno));
            goto fail;
        }
    }
    fprintf(stderr, "exported %lld entities, %lld statements",
            (long long)stats.entities, (long long)stats.statements);
    if (stats.released)
        fprintf(stderr, "; released %lld protected values",
                (long long)stats.released);
    if (stats.withheld)
        fprintf(stderr, "; withheld %lld protected values",
                (long long)stats.withheld);
    fprintf(stderr, "\n");
    goto out;
fail:
    rc = cli_fail(&e);
    if (out && f)
        fclose(f);
    if (out)
        remove(tmp.buf);
out:
    strbuf_release(&tmp);
    store_close(st);
    return rc;
}
