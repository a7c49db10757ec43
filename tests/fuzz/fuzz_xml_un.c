/*
 * libFuzzer target: the UN consolidated list importer, and with it the
 * XML reader (formats/xml: libxml2 with entities and DTDs refused).
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
    if (list_parse_un_xml_mem(data, size, "fuzz.xml", &l, &e) == ERR_OK)
        for (size_t i = 0; i < l.nentries; i++)
            if (list_find(&l, l.entries[i].id) != &l.entries[i])
                __builtin_trap();
    list_release(&l);
    return 0;
}
