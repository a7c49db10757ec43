/*
 * libFuzzer target: BODS 0.4 statements (JSON array or JSON lines), and
 * the share figures they carry through graph_pct_parse.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/bods.h"
#include "graph/graph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const struct bods_statement *s, void *ctx)
{
    struct graph_pct p;
    char buf[48];

    (void)ctx;
    for (size_t i = 0; i < s->ninterests; i++) {
        graph_pct_parse(s->interests[i].share.exact, &p);
        graph_pct_format(&p, buf);
        graph_pct_parse(s->interests[i].share.min, &p);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;

    bods_parse((const char *)data, size, "fuzz", each, NULL, &e);
    return 0;
}
