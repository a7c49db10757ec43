/*
 * libFuzzer target: FtM JSON line parser, and writing back what parsed.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/ftm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct strbuf sb = STRBUF_INIT;
    struct ftm_entity en;
    struct err e = ERR_INIT;

    if (ftm_parse((const char *)data, size, &a, &en, &e) == ERR_OK) {
        if (ftm_write(&sb, &en) != ERR_OK)
            __builtin_trap();
        strbuf_release(&sb);
    }
    arena_release(&a);
    return 0;
}
