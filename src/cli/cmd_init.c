/*
 * cmd_init: `dossier init [DIR]` creates a new case folder: case.db, the
 * vault, the case keys and exports/. Never touches an existing case.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "vault/vault.h"
#include "util/banned.h"

static const char init_usage[] =
    "usage: dossier init [DIR] [--title TEXT]\n"
    "\n"
    "Creates a new case in DIR (default: the case selected by -C DIR,\n"
    "$DOSSIER_CASE or the current folder). The folder may exist but must\n"
    "not hold a case already: init never overwrites a case.\n"
    "\n"
    "A case folder holds case.db (the record), vault/ (encrypted evidence),\n"
    "keys/ (the case key; protect it with 'dossier passwd') and exports/.\n"
    "\n"
    "examples:\n"
    "  dossier init ./hk-police-2019\n"
    "  dossier init ./case --title \"Kowloon West, Nov 2019\"\n"
    "  DOSSIER_CASE=./case dossier init\n";

static const struct option init_opts[] = {
    {"title", required_argument, NULL, 't'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Creates dir (one level) unless it exists as a folder. */
static enum err_code make_dir(const char *dir, struct err *e)
{
    struct stat stb;

    if (mkdir(dir, 0700) == 0)
        return ERR_OK;
    if (errno == EEXIST && stat(dir, &stb) == 0 && S_ISDIR(stb.st_mode))
        return ERR_OK;
    return err_set(e, ERR_IO, "cannot create folder '%s': %s", dir,
                   strerror(errno));
}

enum err_code cli_case_create(const char *dir, const char *title, struct err *e)
{
    struct strbuf path = STRBUF_INIT;
    struct store *st = NULL;
    struct stat stb;
    enum err_code rc;

    rc = make_dir(dir, e);
    if (rc)
        return rc;
    strbuf_addf(&path, "%s/case.db", dir);
    if (stat(path.buf, &stb) == 0) {
        rc = err_set(e, ERR_CONFLICT,
                     "'%s' already holds a case; init never overwrites one",
                     dir);
        goto out;
    }
    rc = store_open(path.buf, STORE_CREATE, &st, e);
    if (rc)
        goto out;
    if (title)
        rc = store_meta_set(st, "title", title, e);
    if (!rc)
        rc = store_audit_add(st, "case.init", NULL, title, e);
    store_close(st);
    if (rc)
        goto out;
    strbuf_reset(&path);
    strbuf_addf(&path, "%s/exports", dir);
    rc = make_dir(path.buf, e);
    if (!rc)
        rc = vault_case_init(dir, e);
out:
    strbuf_release(&path);
    return rc;
}

int cmd_init(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    const char *title = NULL;
    const char *dir;
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, "ht:", init_opts, NULL)) != -1) {
        switch (c) {
        case 't':
            title = optarg;
            break;
        case 'h':
            fputs(init_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("init", "unknown option");
        }
    }
    if (optind + 1 < argc)
        return cli_usage_error("init", "expected at most one folder");
    dir = optind < argc ? argv[optind] : cli->case_dir;
    if (cli_case_create(dir, title, &e))
        return cli_fail(&e);
    printf("created case in %s\n", dir);
    return CLI_OK;
}
