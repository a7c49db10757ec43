/*
 * stubs: importers not written yet. Each says so clearly instead of
 * failing to link. NEEDSWORK: remove as the importers land.
 */
#include "screen/importers.h"
#include "util/banned.h"

#define STUB(fn, what)                                                         \
    enum err_code fn(const char *path, struct list *l, struct err *e)          \
    {                                                                          \
        (void)l;                                                               \
        return err_set(e, ERR_INVALID,                                         \
                       "'%s': the " what " importer is not implemented yet",   \
                       path);                                                  \
    }

STUB(list_load_uk_xml, "UK XML")
STUB(list_load_uk_csv, "UK CSV")
