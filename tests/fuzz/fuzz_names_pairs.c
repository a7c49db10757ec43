/*
 * libFuzzer target: the TSV pairs reader of `dossier match --pairs`
 * (header line, then rows), fed with arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *line, *next;
    int ca = -1, cb = -1, first = 1;
    struct err e = ERR_INIT;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    for (line = s; line; line = next) {
        const char *a, *b;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        err_clear(&e);
        if (first) {
            first = 0;
            if (names_pairs_header(line, &ca, &cb, &e))
                break;
            continue;
        }
        if (names_pairs_fields(line, ca, cb, &a, &b, &e) == ERR_OK &&
            (!a || !b))
            __builtin_trap();
    }
    free(s);
    return 0;
}
