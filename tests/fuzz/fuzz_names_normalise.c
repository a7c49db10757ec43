/*
 * libFuzzer target: names normaliser and parser on arbitrary bytes
 * (invalid UTF-8, control characters, mixed scripts, very long input).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    struct strbuf sb = STRBUF_INIT;
    struct names_parsed p;
    struct err e = ERR_INIT;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    (void)names_normalise(s, &sb, &e);
    strbuf_release(&sb);
    err_clear(&e);
    (void)names_parse(s, &p, &e);
    if (p.nunits > NAMES_MAX_UNITS || p.nseq > p.nunits)
        __builtin_trap();
    if (names_score(&p, &p, NULL) > 1.0)
        __builtin_trap();
    free(s);
    return 0;
}
