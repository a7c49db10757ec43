/*
 * libFuzzer target: reading a vault object from disk (src/vault/vault.c:
 * header, wrapped object key, XChaCha20-Poly1305 secretstream, content
 * hash) when the file has been damaged or replaced. A real case is made
 * once in a temporary folder and one object stored; each input replaces
 * that object's file. vault_verify, vault_read and the streaming reader
 * must refuse what is not the object, never crash or hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vault/vault.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vault *v;
static char hash[DC_SHA256_HEX];
static char path[4200];

static int setup(void)
{
    static char dir[] = "/tmp/fuzz-vault.XXXXXX";
    struct err e = ERR_INIT;
    bool dup;

    if (!mkdtemp(dir) || vault_case_init(dir, &e) ||
        vault_open(dir, NULL, &v, &e) ||
        vault_add_buf(v, "a witness statement (FICTIONAL)\n", 32, hash, &dup,
                      &e))
        return -1;
    snprintf(path, sizeof(path), "%s/vault/objects/%.2s/%s", dir, hash,
             hash + 2);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;
    struct vault_reader *r = NULL;
    uint8_t *out = NULL, buf[4096];
    size_t n = 0, got = 0;
    FILE *f;

    if (!v && setup() != 0)
        abort();
    unlink(path);
    f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    (void)vault_verify(v, hash, &e);
    err_clear(&e);
    if (vault_read(v, hash, 1u << 20, &out, &n, &e) == ERR_OK)
        free(out);
    err_clear(&e);
    if (vault_reader_open(v, hash, &r, NULL, &e) == ERR_OK) {
        while (vault_reader_read(r, buf, sizeof(buf), &got, &e) == ERR_OK &&
               got)
            ;
        vault_reader_close(r);
    }
    return 0;
}
