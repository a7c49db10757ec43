/*
 * libFuzzer target: Companies House BasicCompanyData CSV rows.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/ch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const struct ch_company *c, void *ctx)
{
    size_t *n = ctx;

    *n += strlen(c->number) + (c->name ? strlen(c->name) : 0);
    for (int i = 0; i < CH_PREV_NAMES; i++)
        *n += c->prev_names[i] ? strlen(c->prev_names[i]) : 0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader *r = NULL;
    struct err e = ERR_INIT;
    size_t n = 0;

    if (csv_open_mem(data, size, "fuzz", NULL, &r, &e) == ERR_OK)
        ch_basic_read(r, each, &n, &e);
    csv_free(r);
    return 0;
}
