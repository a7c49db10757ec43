/*
 * libFuzzer target: the queries reader of `dossier screen --queries`
 * (TSV or CSV, detected from the header line), fed with arbitrary bytes.
 * Every row it returns must have a name and a row number in sequence.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "screen/screen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct screen_queries qs;
    struct err e = ERR_INIT;

    screen_queries_init(&qs);
    if (screen_queries_parse((const char *)data, size, "fuzz", &qs, &e) ==
        ERR_OK) {
        for (size_t i = 0; i < qs.nrows; i++)
            if (!qs.rows[i].name || qs.rows[i].row != i + 1)
                abort();
    }
    screen_queries_release(&qs);
    return 0;
}
