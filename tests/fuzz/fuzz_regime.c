/*
 * libFuzzer target: the regime file reader (untrusted JSON), and the
 * lookups a check makes on what parsed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dossier/regime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct regime r;
    struct err e = ERR_INIT;

    if (regime_parse((const char *)data, size, NULL, &a, &r, &e) == ERR_OK) {
        if (!r.id || !r.ncriteria || !r.nroles)
            __builtin_trap();
        for (size_t i = 0; i < r.ncriteria; i++) {
            const struct regime_criterion *c = &r.criteria[i];

            if (!c->nviolations ||
                !regime_criterion_has_violation(c, c->violations[0]))
                __builtin_trap();
            (void)regime_criterion_accepts_role(&r, c, "direct");
        }
    } else if (e.code == ERR_OK || strlen(e.msg) == 0) {
        __builtin_trap();
    }
    arena_release(&a);
    return 0;
}
