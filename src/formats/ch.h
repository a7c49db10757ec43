/*
 * formats/ch: UK Companies House "BasicCompanyData" CSV (the free bulk
 * company snapshot): one row per company, columns found by their header
 * names (which carry stray leading spaces in the official files). Parses
 * only; see registry/registry.h for the import. Uses formats/csv.
 *
 * Ownership: the struct and strings handed to the callback are borrowed,
 * valid only during the callback; a callback returning non-zero stops
 * (ERR_OK then).
 */
#ifndef FORMATS_CH_H
#define FORMATS_CH_H

#include <stddef.h>

#include "formats/csv.h"
#include "util/err.h"

#define CH_PREV_NAMES 10

/* One company; absent or empty cells are NULL. */
struct ch_company {
    size_t line; /* line of the row in the file */
    const char *name, *number;
    const char *care_of, *po_box, *address1, *address2, *post_town, *county,
        *country, *postcode;
    const char *category, *status, *country_of_origin;
    const char *dissolution_date, *incorporation_date; /* dd/mm/yyyy */
    const char *sic[4];
    const char *uri;
    const char *prev_names[CH_PREV_NAMES], *prev_dates[CH_PREV_NAMES];
};

typedef int (*ch_company_cb)(const struct ch_company *c, void *ctx);

/*
 * Reads the header row and then every company row of r (borrowed).
 * A header without CompanyName and CompanyNumber columns is refused
 * (ERR_INVALID: not a BasicCompanyData file); so is a row without a
 * company number. CSV errors pass through.
 */
enum err_code ch_basic_read(struct csv_reader *r, ch_company_cb cb, void *ctx,
                            struct err *e);

#endif
