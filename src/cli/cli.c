/*
 * cli: case selection, errors and exit codes shared by all commands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

char *cli_case_path(const struct cli *cli, const char *rel)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addf(&sb, "%s/%s", cli->case_dir, rel);
    return strbuf_detach(&sb, NULL);
}

enum err_code cli_open_case(struct cli *cli, bool readonly, struct store **out,
                            struct err *e)
{
    char *db = cli_case_path(cli, "case.db");
    struct stat stb;
    enum err_code rc;

    if (stat(db, &stb) != 0) {
        rc = err_set(e, ERR_NOTFOUND,
                     "'%s' is not a dossier case (no case.db there); create "
                     "one with 'dossier init DIR' or select one with -C DIR "
                     "or $DOSSIER_CASE",
                     cli->case_dir);
        free(db);
        return rc;
    }
    rc = store_open(db, readonly ? STORE_READONLY : 0, out, e);
    if (rc)
        err_prefix(e, "case '%s'", cli->case_dir);
    free(db);
    return rc;
}

int cli_fail(const struct err *e)
{
    fprintf(stderr, "dossier: error: %s\n",
            e->msg[0] ? e->msg : err_code_name(e->code));
    return e->code == ERR_USAGE ? CLI_USAGE : CLI_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "dossier %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'dossier %s --help')\n", cmd);
    return CLI_USAGE;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

bool cli_progress_enabled(void)
{
    return isatty(STDERR_FILENO);
}
