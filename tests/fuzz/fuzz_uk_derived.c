/*
 * libFuzzer target: the UK derived-tables importer (src/screen/
 * uk_derived.c), a folder of five CSV tables. The input is split at
 * form-feed bytes into subjects.csv, subject_names.csv,
 * subject_dobs.csv, subject_identifiers.csv and subject_countries.csv
 * (missing parts are empty files) in a temporary folder made once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/importers.h"
#include "screen/list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const tables[] = {
    "subjects.csv", "subject_names.csv", "subject_dobs.csv",
    "subject_identifiers.csv", "subject_countries.csv"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[] = "/tmp/fuzz-uk-derived.XXXXXX";
    static int made;
    struct list l;
    struct err e = ERR_INIT;
    size_t at = 0;

    if (!made && !(made = mkdtemp(dir) != NULL))
        abort();
    for (size_t t = 0; t < 5; t++) {
        char path[256];
        size_t end = at;
        FILE *f;

        while (end < size && data[end] != '\f')
            end++;
        snprintf(path, sizeof(path), "%s/%s", dir, tables[t]);
        f = fopen(path, "wb");
        if (!f)
            abort();
        if (end > at && fwrite(data + at, 1, end - at, f) != end - at)
            abort();
        fclose(f);
        at = end < size ? end + 1 : size;
    }
    list_init(&l);
    (void)list_load_uk_derived(dir, &l, &e);
    list_release(&l);
    return 0;
}
