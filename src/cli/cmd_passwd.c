/*
 * cmd_passwd: `dossier passwd`: set, change or remove the passphrase that
 * wraps the case key (Argon2id). The case key itself does not change, so
 * the vault is not re-encrypted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/vault_cli.h"
#include "crypto/crypto.h"
#include "vault/vault.h"
#include "util/banned.h"

#define PASS_MAX 1024

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier passwd [--remove]\n"
            "\n"
            "Sets or changes the passphrase that protects the case key\n"
            "(keys/case.key). Without a passphrase the key is stored in\n"
            "clear; with one it is stored only wrapped by a key derived\n"
            "from the passphrase with Argon2id. --remove stores it in clear\n"
            "again.\n"
            "\n"
            "The passphrases are read from the terminal without echo. For\n"
            "automation, $DOSSIER_PASSPHRASE gives the current one and\n"
            "$DOSSIER_NEW_PASSPHRASE the new one.\n"
            "\n"
            "examples:\n"
            "  dossier -C mycase passwd\n"
            "  DOSSIER_PASSPHRASE=old DOSSIER_NEW_PASSPHRASE=new dossier "
            "passwd\n");
}

static enum err_code read_new(char *buf, struct err *e)
{
    const char *env = getenv("DOSSIER_NEW_PASSPHRASE");
    char *again;
    enum err_code rc;

    if (env) {
        if (strlen(env) >= PASS_MAX)
            return err_set(e, ERR_TOOBIG, "passphrase is too long");
        snprintf(buf, PASS_MAX, "%s", env);
        return ERR_OK;
    }
    /* vault_cli_passphrase prefers $DOSSIER_PASSPHRASE: hide it here so
     * the new passphrase comes from the terminal. */
    unsetenv("DOSSIER_PASSPHRASE");
    rc = vault_cli_passphrase("new passphrase: ", buf, PASS_MAX, e);
    if (rc)
        return rc;
    again = crypto_secure_alloc(PASS_MAX);
    rc = vault_cli_passphrase("again: ", again, PASS_MAX, e);
    if (!rc && strcmp(buf, again) != 0)
        rc = err_set(e, ERR_USAGE, "the passphrases differ");
    crypto_secure_free(again);
    return rc;
}

int cmd_passwd(int argc, char **argv, struct cli *cli)
{
    char *old = crypto_secure_alloc(PASS_MAX);
    char *new = crypto_secure_alloc(PASS_MAX);
    bool remove = false;
    struct err e = ERR_INIT;
    int ret = CLI_OK;

    old[0] = new[0] = '\0';
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        goto out;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--remove") == 0)
            remove = true;
        else {
            ret = cli_usage_error("passwd", "unknown argument '%s'", argv[i]);
            goto out;
        }
    }
    if (vault_needs_passphrase(cli->case_dir) &&
        vault_cli_passphrase("current passphrase: ", old, PASS_MAX, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    if (!remove) {
        if (read_new(new, &e)) {
            ret = cli_fail(&e);
            goto out;
        }
        if (!new[0]) {
            ret = cli_usage_error("passwd", "empty passphrase (use --remove "
                                            "to store the key in clear)");
            goto out;
        }
    }
    if (vault_passwd(cli->case_dir, old, remove ? NULL : new, &e)) {
        ret = cli_fail(&e);
        goto out;
    }
    printf(remove ? "passphrase removed: the case key is stored in clear\n"
                  : "passphrase set\n");
out:
    crypto_secure_free(old);
    crypto_secure_free(new);
    return ret;
}
