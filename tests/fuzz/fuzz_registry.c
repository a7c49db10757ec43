/*
 * libFuzzer target: registry imports into a real case (registry/: BODS,
 * Companies House PSC and BasicCompanyData, HK company lists). The first
 * byte picks the format. Each import is rolled back by an outer
 * transaction, so the case made on the first call stays small.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "registry/registry.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *open_case(void)
{
    static struct store *st;
    char dir[] = "/tmp/fuzz_registry.XXXXXX";
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
    static const enum registry_format fmts[] = {REGISTRY_BODS, REGISTRY_CH_PSC,
                                                REGISTRY_CH_BASIC,
                                                REGISTRY_HK_COMPANIES};
    struct store *st = open_case();
    struct err e = ERR_INIT;
    struct registry_stats stats;

    if (size < 1 || size > 65536)
        return 0;
    if (store_begin(st, NULL) != ERR_OK)
        abort();
    registry_import_mem(st, (const char *)data + 1, size - 1, "fuzz",
                        fmts[data[0] % 4], &stats, &e);
    store_rollback(st);
    return 0;
}
