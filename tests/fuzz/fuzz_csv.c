/*
 * libFuzzer target: the CSV reader (formats/csv) with small caps, so the
 * size limits and every state of the machine are exercised.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formats/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_limits lim = {256, 1024, 32};
    struct csv_reader *r;
    struct err e = ERR_INIT;
    bool got;
    size_t total = 0;

    if (csv_open_mem(data, size, "fuzz.csv", &lim, &r, &e) != ERR_OK)
        return 0;
    /* Half the inputs skip the UTF-8 check so the state machine is
     * reached with any bytes. */
    if (size > 0 && (data[0] & 1))
        csv_allow_any_bytes(r);
    while (csv_next(r, &got, &e) == ERR_OK && got) {
        for (size_t i = 0; i < csv_nfields(r); i++) {
            /* Field lengths must agree with the NUL-terminated text. */
            if (strlen(csv_field(r, i)) > csv_field_len(r, i))
                __builtin_trap();
            total += csv_field_len(r, i);
        }
        if (csv_nfields(r) > lim.max_fields)
            __builtin_trap();
    }
    csv_free(r);
    return total == (size_t)-1;
}
