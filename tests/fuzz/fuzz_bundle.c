/*
 * libFuzzer target: the evidence bundle reader (zip, SHA256SUMS,
 * custody.txt, case-key.pub) on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "vault/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void problem(int64_t seq, const char *object, const char *what,
                    void *ctx)
{
    (void)seq;
    (void)object;
    (void)what;
    (void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vault_bundle_result res;
    struct err e = ERR_INIT;

    (void)vault_bundle_verify_mem(data, size, problem, NULL, &res, &e);
    return 0;
}
