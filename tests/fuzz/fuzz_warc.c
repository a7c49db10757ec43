/*
 * libFuzzer target: the WARC 1.1 reader (vault/warc.c) on arbitrary
 * bytes; every record it accepts must lie inside the input.
 */
#include <stddef.h>
#include <stdint.h>

#include "vault/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bounds {
    const uint8_t *lo, *hi;
};

static int check(const struct warc_rec *r, void *ctx)
{
    const struct bounds *b = ctx;

    if (r->block < b->lo || r->block + r->blocklen > b->hi)
        __builtin_trap();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bounds b = {data, data + size};
    struct err e = ERR_INIT;
    size_t n;

    (void)warc_read(data, size, check, &b, &n, &e);
    return 0;
}
