/*
 * vault_cli: CLI plumbing shared by the evidence commands: reading a
 * passphrase ($DOSSIER_PASSPHRASE, else a no-echo prompt on the
 * terminal) and opening a case's store, custody log and vault together.
 */
#ifndef CLI_VAULT_CLI_H
#define CLI_VAULT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "store/store.h"
#include "store/store_custody.h"
#include "vault/vault.h"

/* An open case for the evidence commands; release with vault_cli_close. */
struct vault_cli {
    struct store *st;
    struct store_custody *cs;
    struct vault *v;
};

/*
 * Reads a passphrase into buf (max bytes, NUL-terminated): from
 * $DOSSIER_PASSPHRASE when set, else prompts on /dev/tty without echo.
 * ERR_AUTH when neither is possible.
 */
enum err_code vault_cli_passphrase(const char *prompt, char *buf, size_t max,
                                   struct err *e);

/* Opens store, custody log and (unlocking if needed) the vault. */
enum err_code vault_cli_open(struct cli *cli, struct vault_cli *vc,
                             struct err *e);
void vault_cli_close(struct vault_cli *vc);

#endif
