/*
 * libFuzzer target: the XLSX reader (formats/zipr + formats/xml) through the
 * Australian DFAT importer.
 */
#include <stddef.h>
#include <stdint.h>

#include "screen/importers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct list l;
    struct err e = ERR_INIT;

    list_init(&l);
    (void)list_parse_au_xlsx_mem(data, size, "fuzz.xlsx", &l, &e);
    list_release(&l);
    return 0;
}
