/*
 * vault_cli: passphrase input and case opening for the evidence commands.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/vault_cli.h"
#include "crypto/crypto.h"
#include "util/banned.h"

enum err_code vault_cli_passphrase(const char *prompt, char *buf, size_t max,
                                   struct err *e)
{
    const char *env = getenv("DOSSIER_PASSPHRASE");
    struct termios old, quiet;
    size_t n = 0;
    int fd;
    char c;

    if (env) {
        if (strlen(env) >= max)
            return err_set(e, ERR_TOOBIG, "passphrase is too long");
        snprintf(buf, max, "%s", env);
        return ERR_OK;
    }
    fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0 || tcgetattr(fd, &old) != 0) {
        if (fd >= 0)
            close(fd);
        return err_set(e, ERR_AUTH,
                       "a passphrase is needed: set $DOSSIER_PASSPHRASE or "
                       "run on a terminal");
    }
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    /* Echo goes off before the prompt shows, so nothing typed after it is
     * ever echoed; TCSAFLUSH drops anything typed before the prompt. */
    tcsetattr(fd, TCSAFLUSH, &quiet);
    if (write(fd, prompt, strlen(prompt)) < 0)
        n = 0;
    while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
        if (n + 1 < max)
            buf[n++] = c;
    buf[n] = '\0';
    tcsetattr(fd, TCSANOW, &old);
    if (write(fd, "\n", 1) < 0)
        n = n + 0;
    close(fd);
    return ERR_OK;
}

enum err_code vault_cli_open(struct cli *cli, struct vault_cli *vc,
                             struct err *e)
{
    char *pass = NULL;
    enum err_code rc;

    memset(vc, 0, sizeof(*vc));
    rc = cli_open_case(cli, false, &vc->st, e);
    if (rc)
        return rc;
    rc = store_custody_attach(vc->st, &vc->cs, e);
    if (rc)
        goto out;
    if (vault_needs_passphrase(cli->case_dir)) {
        pass = crypto_secure_alloc(1024);
        rc = vault_cli_passphrase("case passphrase: ", pass, 1024, e);
        if (rc)
            goto out;
    }
    rc = vault_open(cli->case_dir, pass, &vc->v, e);
    if (rc == ERR_NOTFOUND)
        err_prefix(e, "case '%s' has no vault keys (made by 'dossier init')",
                   cli->case_dir);
out:
    crypto_secure_free(pass);
    if (rc)
        vault_cli_close(vc);
    return rc;
}

void vault_cli_close(struct vault_cli *vc)
{
    vault_close(vc->v);
    store_custody_close(vc->cs);
    store_close(vc->st);
    memset(vc, 0, sizeof(*vc));
}
