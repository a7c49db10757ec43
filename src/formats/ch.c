/*
 * formats/ch: Companies House BasicCompanyData rows by header name.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/ch.h"
#include "util/banned.h"

/* Column index by trimmed, case-insensitive header name; -1 if absent. */
struct colmap {
    long name, number, care_of, po_box, address1, address2, post_town, county,
        country, postcode, category, status, origin, dissolution, incorporation,
        sic[4], uri, prev_names[CH_PREV_NAMES], prev_dates[CH_PREV_NAMES];
};

static bool header_is(const char *cell, const char *want)
{
    size_t n;

    while (*cell == ' ' || *cell == '\t')
        cell++;
    n = strlen(want);
    if (strncasecmp(cell, want, n) != 0)
        return false;
    for (cell += n; *cell; cell++)
        if (*cell != ' ' && *cell != '\t')
            return false;
    return true;
}

static long find_col(struct csv_reader *r, const char *want)
{
    for (size_t i = 0; i < csv_nfields(r); i++)
        if (header_is(csv_field(r, i), want))
            return (long)i;
    return -1;
}

static const char *cell(struct csv_reader *r, long i)
{
    const char *s;

    if (i < 0)
        return NULL;
    s = csv_field(r, (size_t)i);
    while (*s == ' ')
        s++;
    return *s ? s : NULL;
}

enum err_code ch_basic_read(struct csv_reader *r, ch_company_cb cb, void *ctx,
                            struct err *e)
{
    struct colmap m;
    struct ch_company c;
    bool got;
    enum err_code rc;
    char key[64];

    rc = csv_next(r, &got, e);
    if (rc)
        return rc;
    if (!got)
        return err_set(e, ERR_INVALID, "'%s' is empty", csv_name(r));
    m.name = find_col(r, "CompanyName");
    m.number = find_col(r, "CompanyNumber");
    if (m.name < 0 || m.number < 0)
        return err_set(e, ERR_INVALID,
                       "'%s' is not a Companies House BasicCompanyData CSV "
                       "(no CompanyName and CompanyNumber columns)",
                       csv_name(r));
    m.care_of = find_col(r, "RegAddress.CareOf");
    m.po_box = find_col(r, "RegAddress.POBox");
    m.address1 = find_col(r, "RegAddress.AddressLine1");
    m.address2 = find_col(r, "RegAddress.AddressLine2");
    m.post_town = find_col(r, "RegAddress.PostTown");
    m.county = find_col(r, "RegAddress.County");
    m.country = find_col(r, "RegAddress.Country");
    m.postcode = find_col(r, "RegAddress.PostCode");
    m.category = find_col(r, "CompanyCategory");
    m.status = find_col(r, "CompanyStatus");
    m.origin = find_col(r, "CountryOfOrigin");
    m.dissolution = find_col(r, "DissolutionDate");
    m.incorporation = find_col(r, "IncorporationDate");
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof(key), "SICCode.SicText_%d", i + 1);
        m.sic[i] = find_col(r, key);
    }
    m.uri = find_col(r, "URI");
    for (int i = 0; i < CH_PREV_NAMES; i++) {
        snprintf(key, sizeof(key), "PreviousName_%d.CompanyName", i + 1);
        m.prev_names[i] = find_col(r, key);
        snprintf(key, sizeof(key), "PreviousName_%d.CONDATE", i + 1);
        m.prev_dates[i] = find_col(r, key);
    }
    for (;;) {
        rc = csv_next(r, &got, e);
        if (rc || !got)
            return rc;
        memset(&c, 0, sizeof(c));
        c.line = csv_line(r);
        c.name = cell(r, m.name);
        c.number = cell(r, m.number);
        if (!c.number)
            return err_set(e, ERR_INVALID, "%s:%zu: no company number",
                           csv_name(r), c.line);
        c.care_of = cell(r, m.care_of);
        c.po_box = cell(r, m.po_box);
        c.address1 = cell(r, m.address1);
        c.address2 = cell(r, m.address2);
        c.post_town = cell(r, m.post_town);
        c.county = cell(r, m.county);
        c.country = cell(r, m.country);
        c.postcode = cell(r, m.postcode);
        c.category = cell(r, m.category);
        c.status = cell(r, m.status);
        c.country_of_origin = cell(r, m.origin);
        c.dissolution_date = cell(r, m.dissolution);
        c.incorporation_date = cell(r, m.incorporation);
        for (int i = 0; i < 4; i++)
            c.sic[i] = cell(r, m.sic[i]);
        c.uri = cell(r, m.uri);
        for (int i = 0; i < CH_PREV_NAMES; i++) {
            c.prev_names[i] = cell(r, m.prev_names[i]);
            c.prev_dates[i] = cell(r, m.prev_dates[i]);
        }
        if (cb(&c, ctx))
            return ERR_OK;
    }
}
