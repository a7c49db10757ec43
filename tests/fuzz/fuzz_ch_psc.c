/*
 * libFuzzer target: Companies House PSC snapshot records (JSON lines or
 * a JSON array).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/bods.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const struct bods_psc *p, void *ctx)
{
    size_t *n = ctx;

    /* Touch every string so ASan sees a bad pointer. */
    *n += strlen(p->company_number) + (p->kind ? strlen(p->kind) : 0);
    for (size_t i = 0; i < p->nnatures; i++)
        *n += strlen(p->natures[i]);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;
    size_t n = 0;

    bods_ch_psc_parse((const char *)data, size, "fuzz", each, &n, &e);
    return 0;
}
