/*
 * libFuzzer target: FtM JSON lines imported into a real case (case/ftm_io:
 * two phases, lenient values, references) — not just parsed. One case is
 * made on the first call; each import runs inside an outer transaction
 * that is rolled back, so the case stays small.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "case/ftm_io.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *open_case(void)
{
    static struct store *st;
    char dir[] = "/tmp/fuzz_ftm_io.XXXXXX";
    char path[64];

    if (st || !mkdtemp(dir))
        return st;
    snprintf(path, sizeof(path), "%s/case.db", dir);
    if (store_open(path, STORE_CREATE, &st, NULL) != ERR_OK)
        abort();
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store *st = open_case();
    struct err e = ERR_INIT;
    struct case_ftm_stats stats;
    FILE *f;

    if (!size || size > 65536)
        return 0;
    f = fmemopen((void *)(uintptr_t)data, size, "r");
    if (!f)
        return 0;
    if (store_begin(st, NULL) != ERR_OK)
        abort();
    case_ftm_import_stream(st, f, "fuzz", NULL, CASE_FTM_SKIP_BAD, NULL, &stats,
                           &e);
    store_rollback(st);
    fclose(f);
    return 0;
}
