/*
 * libFuzzer target: Hong Kong company lists (bare-CR rows, two-line
 * name cells).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/hkco.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const struct hkco_company *c, void *ctx)
{
    size_t *n = ctx;

    *n += strlen(c->cr_number) + (c->name_en ? strlen(c->name_en) : 0) +
          (c->name_zh ? strlen(c->name_zh) : 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader *r = NULL;
    struct err e = ERR_INIT;
    size_t n = 0;

    if (csv_open_mem(data, size, "fuzz", NULL, &r, &e) == ERR_OK)
        hkco_read(r, each, &n, &e);
    csv_free(r);
    return 0;
}
