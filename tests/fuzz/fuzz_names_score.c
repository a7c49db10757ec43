/*
 * libFuzzer target: the scorer and the candidate index. The input is two
 * names separated by a tab (or split in the middle); the score must be a
 * number in 0..1, symmetric, with an explanation that fits.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_hit(uint32_t ref, void *ctx)
{
    (void)ref;
    (*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    const char *a, *b;
    char *tab;
    struct names_parsed pa, pb;
    struct names_explain ex;
    struct err e = ERR_INIT;
    struct names_index *ix;
    double s1, s2;
    size_t hits = 0;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    tab = strchr(s, '\t');
    if (tab) {
        *tab = '\0';
        a = s;
        b = tab + 1;
    } else {
        a = s + size / 2;
        b = s;
    }
    (void)names_parse(a, &pa, &e);
    err_clear(&e);
    (void)names_parse(b, &pb, &e);
    s1 = names_score(&pa, &pb, &ex);
    s2 = names_score(&pb, &pa, NULL);
    if (!(s1 >= 0.0 && s1 <= 1.0) || isnan(s1) || ex.nparts < 0 ||
        ex.nparts > NAMES_EXPLAIN_MAX || fabs(s1 - s2) > 0.25)
        __builtin_trap();
    ix = names_index_new();
    names_index_add(ix, &pa, 7);
    names_index_build(ix);
    names_index_query(ix, &pb, on_hit, &hits);
    if (hits > 1)
        __builtin_trap();
    names_index_free(ix);
    free(s);
    return 0;
}
