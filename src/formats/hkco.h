/*
 * formats/hkco: Hong Kong company lists in the layout of the Companies
 * Registry's public search exports: a CSV whose rows end with a bare CR,
 * columns ",Reg no.,Name,Incorporated,Dissolved,Type", and a name cell
 * holding "ENGLISH NAME\nCHINESE NAME" (either may be absent). Parses
 * only; see registry/registry.h for the import. Uses formats/csv.
 *
 * Ownership: the struct and strings handed to the callback are borrowed,
 * valid only during the callback; a callback returning non-zero stops
 * (ERR_OK then).
 */
#ifndef FORMATS_HKCO_H
#define FORMATS_HKCO_H

#include <stddef.h>

#include "formats/csv.h"
#include "util/err.h"

struct hkco_company {
    size_t line;
    const char *cr_number;    /* Companies Registry number */
    const char *name_en;      /* or NULL */
    const char *name_zh;      /* or NULL */
    const char *incorporated; /* as written (ISO in the known exports) */
    const char *dissolved;    /* or NULL */
    const char *type;         /* "Private, ltd by shares" ... or NULL */
};

typedef int (*hkco_cb)(const struct hkco_company *c, void *ctx);

/*
 * Reads the header row and every company row of r (borrowed). A header
 * without "Reg no." and "Name" columns is refused (ERR_INVALID: not a
 * Hong Kong company list), as is a row without a CR number. The name
 * cell is split at its first line break; a part with Han characters is
 * the Chinese name.
 */
enum err_code hkco_read(struct csv_reader *r, hkco_cb cb, void *ctx,
                        struct err *e);

#endif
