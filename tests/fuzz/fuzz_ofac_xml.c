/*
 * libFuzzer target: the OFAC advanced XML importer (reference values,
 * locations, documents, parties, sanctions entries).
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
    (void)list_parse_ofac_xml_mem(data, size, "fuzz.xml", &l, &e);
    list_release(&l);
    return 0;
}
