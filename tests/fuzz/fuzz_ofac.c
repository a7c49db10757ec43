/*
 * libFuzzer target: the OFAC legacy CSV importer (sdn.csv rows and the
 * remarks parser: DOB, POB, a.k.a., passports, IDs) on arbitrary bytes.
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
    if (list_parse_ofac_csv_mem(data, size, "fuzz.csv", &l, &e) == ERR_OK) {
        /* Every entry is found again by its id. */
        for (size_t i = 0; i < l.nentries; i++)
            if (!l.entries[i].id || list_find(&l, l.entries[i].id) == NULL)
                __builtin_trap();
    }
    list_release(&l);
    return 0;
}
