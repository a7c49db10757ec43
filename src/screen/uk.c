/*
 * uk: the UK Sanctions List (FCDO) in its official CSV and XML layouts.
 * CSV: an optional "Report Date: ..." line, then a header row and one row
 * per name (rows of one designation share the Unique ID); columns are
 * found by header name. XML: Designations / Designation, one element per
 * designation with its Names, IndividualDetails, EntityDetails or
 * ShipDetails; fields are found by element name anywhere below the
 * Designation, so nesting changes do not lose data. The entry id is the
 * Unique ID ("RUS0253").
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/csv.h"
#include "formats/xml.h"
#include "screen/importers.h"
#include "screen/list_xml.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* "09/11/1952" -> "1952-11-09"; "dd/mm/1953" -> "1953"; "dd/11/1953" ->
 * "1953-11"; ISO text ("2022-03-15T00:00:00") -> "2022-03-15". */
static void uk_date(const char *s, char *out, size_t n)
{
    bool day_ok, mon_ok;

    while (isspace((unsigned char)*s))
        s++;
    if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
        snprintf(out, n, "%.10s", s);
        return;
    }
    if (strlen(s) < 10 || s[2] != '/' || s[5] != '/') {
        snprintf(out, n, "%s", s);
        return;
    }
    day_ok = isdigit((unsigned char)s[0]) && strncmp(s, "00", 2) != 0;
    mon_ok = isdigit((unsigned char)s[3]) && strncmp(s + 3, "00", 2) != 0;
    if (day_ok && mon_ok)
        snprintf(out, n, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
    else if (mon_ok)
        snprintf(out, n, "%.4s-%.2s", s + 6, s + 3);
    else
        snprintf(out, n, "%.4s", s + 6);
}

static enum list_type uk_type(const char *t)
{
    if (!t)
        return LIST_TYPE_UNKNOWN;
    if (strcasecmp(t, "Individual") == 0)
        return LIST_TYPE_PERSON;
    if (strcasecmp(t, "Ship") == 0)
        return LIST_TYPE_VESSEL;
    if (strcasecmp(t, "Entity") == 0)
        return LIST_TYPE_ENTITY;
    return LIST_TYPE_UNKNOWN;
}

/* Adds the name made of parts[0..4] (Name 1-5) then parts[5] (Name 6). */
static void uk_name(struct list *l, struct list_entry *en,
                    const char *const parts[6], const char *type,
                    const char *strength)
{
    struct strbuf sb = STRBUF_INIT;
    enum list_name_kind k = LIST_NAME_AKA;

    for (int i = 0; i < 6; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        if (sb.len)
            strbuf_addch(&sb, ' ');
        strbuf_addstr(&sb, parts[i]);
    }
    strbuf_trim(&sb);
    if (type && strncasecmp(type, "Primary", 7) == 0 && !en->nnames)
        k = LIST_NAME_PRIMARY;
    else if (strength && strncasecmp(strength, "Low", 3) == 0)
        k = LIST_NAME_LOW_QUALITY;
    list_add_name(l, en, sb.buf, k);
    strbuf_release(&sb);
}

static void uk_dob(struct list *l, struct list_entry *en, const char *s)
{
    char buf[64];

    if (!s || !*s)
        return;
    uk_date(s, buf, sizeof(buf));
    list_add_dob(l, en, buf);
}

static void uk_gender(struct list_entry *en, const char *g)
{
    if (g && strcasecmp(g, "Male") == 0)
        en->gender = "male";
    else if (g && strcasecmp(g, "Female") == 0)
        en->gender = "female";
}

static void uk_ident(struct list *l, struct list_entry *en, const char *type,
                     const char *number, const char *note)
{
    struct list_ident d = {type, number, NULL, NULL, NULL, note};

    list_add_ident(l, en, &d);
}

/* --- CSV --- */

enum uk_col {
    C_ID,
    C_N6,
    C_N1,
    C_N2,
    C_N3,
    C_N4,
    C_N5,
    C_NAME_TYPE,
    C_STRENGTH,
    C_NONLATIN,
    C_REGIME,
    C_TYPE,
    C_DESIGNATED,
    C_DOB,
    C_NATIONALITY,
    C_NATID,
    C_NATID_INFO,
    C_PASSPORT,
    C_PASSPORT_INFO,
    C_POSITION,
    C_GENDER,
    C_TOWN,
    C_COUNTRY_BIRTH,
    C_BRN,
    C_IMO,
    C_FLAG,
    C_A1,
    C_A2,
    C_A3,
    C_A4,
    C_A5,
    C_A6,
    C_POSTCODE,
    C_ADDR_COUNTRY,
    C_UNREF,
    C_OTHER,
    C_COUNT
};

static const char *const uk_headers[C_COUNT] = {
    "Unique ID",
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Name type",
    "Alias strength",
    "Name non-latin script",
    "Regime Name",
    "Designation Type",
    "Date Designated",
    "D.O.B",
    "Nationality(/ies)",
    "National Identifier number",
    "National Identifier additional information",
    "Passport number",
    "Passport additional information",
    "Position",
    "Gender",
    "Town of birth",
    "Country of birth",
    "Business registration number (s)",
    "IMO number",
    "Current believed flag of ship",
    "Address Line 1",
    "Address Line 2",
    "Address Line 3",
    "Address Line 4",
    "Address Line 5",
    "Address Line 6",
    "Address Postal Code",
    "Address Country",
    "UN Reference Number",
    "Other Information",
};

static const char *cell(struct csv_reader *r, const int *at, enum uk_col c)
{
    return at[c] < 0 ? "" : csv_field(r, (size_t)at[c]);
}

static void csv_row(struct csv_reader *r, const int *at, struct list *l,
                    struct list_entry *en)
{
    const char *parts[6] = {cell(r, at, C_N1), cell(r, at, C_N2),
                            cell(r, at, C_N3), cell(r, at, C_N4),
                            cell(r, at, C_N5), cell(r, at, C_N6)};
    struct strbuf sb = STRBUF_INIT;
    char date[64];

    uk_name(l, en, parts, cell(r, at, C_NAME_TYPE), cell(r, at, C_STRENGTH));
    list_add_name(l, en, cell(r, at, C_NONLATIN), LIST_NAME_AKA);
    if (en->type == LIST_TYPE_UNKNOWN)
        en->type = uk_type(cell(r, at, C_TYPE));
    list_add_program(l, en, cell(r, at, C_REGIME));
    if (!en->listed && *cell(r, at, C_DESIGNATED)) {
        uk_date(cell(r, at, C_DESIGNATED), date, sizeof(date));
        en->listed = list_strdup(l, date);
    }
    uk_dob(l, en, cell(r, at, C_DOB));
    list_add_nationality(l, en, cell(r, at, C_NATIONALITY));
    uk_ident(l, en, "national id", cell(r, at, C_NATID),
             cell(r, at, C_NATID_INFO));
    uk_ident(l, en, "passport", cell(r, at, C_PASSPORT),
             cell(r, at, C_PASSPORT_INFO));
    uk_ident(l, en, "registration number", cell(r, at, C_BRN), NULL);
    uk_ident(l, en, "imo", cell(r, at, C_IMO), NULL);
    uk_ident(l, en, "un reference", cell(r, at, C_UNREF), NULL);
    if (en->type == LIST_TYPE_VESSEL)
        list_add_nationality(l, en, cell(r, at, C_FLAG));
    if (!en->title && *cell(r, at, C_POSITION))
        en->title = list_strdup(l, cell(r, at, C_POSITION));
    uk_gender(en, cell(r, at, C_GENDER));
    if (*cell(r, at, C_TOWN) || *cell(r, at, C_COUNTRY_BIRTH)) {
        strbuf_addstr(&sb, cell(r, at, C_TOWN));
        if (sb.len && *cell(r, at, C_COUNTRY_BIRTH))
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, cell(r, at, C_COUNTRY_BIRTH));
        list_add_pob(l, en, sb.buf);
    }
    strbuf_reset(&sb);
    for (int c = C_A1; c <= C_POSTCODE; c++) {
        if (!*cell(r, at, (enum uk_col)c))
            continue;
        if (sb.len)
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, cell(r, at, (enum uk_col)c));
    }
    list_add_address(l, en, sb.buf, cell(r, at, C_ADDR_COUNTRY));
    if (!en->remarks)
        list_add_remark(l, en, cell(r, at, C_OTHER));
    strbuf_release(&sb);
}

enum err_code list_load_uk_csv(const char *path, struct list *l, struct err *e)
{
    struct csv_reader *r;
    enum err_code rc = csv_open_file(path, NULL, &r, e);
    int at[C_COUNT];
    bool got, header = false;

    if (rc)
        return rc;
    l->source = "uk-fcdo";
    l->jurisdiction = "uk";
    l->format = "uk-csv";
    l->path = list_strdup(l, path);
    while (!(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en;
        const char *id;

        if (!header) {
            const char *f0 = csv_field(r, 0);

            if (strncmp(f0, "Report Date", 11) == 0) {
                const char *colon = strchr(f0, ':');

                if (colon) {
                    colon++;
                    while (*colon == ' ')
                        colon++;
                    if (*colon)
                        l->published = list_strdup(l, colon);
                }
                continue;
            }
            for (int c = 0; c < C_COUNT; c++) {
                at[c] = -1;
                for (size_t k = 0; k < csv_nfields(r); k++)
                    if (strcasecmp(csv_field(r, k), uk_headers[c]) == 0)
                        at[c] = (int)k;
            }
            if (at[C_ID] < 0 || at[C_N6] < 0) {
                rc = err_set(e, ERR_INVALID,
                             "%s:%zu: not a UK Sanctions List header (no "
                             "'Unique ID' and 'Name 6' columns)",
                             path, csv_line(r));
                break;
            }
            header = true;
            continue;
        }
        id = cell(r, at, C_ID);
        if (!*id) {
            rc = err_set(e, ERR_INVALID, "%s:%zu: row without a Unique ID",
                         path, csv_line(r));
            break;
        }
        en = list_find(l, id);
        if (!en && (rc = list_add_entry(l, id, &en, e)) != ERR_OK)
            break;
        csv_row(r, at, l, en);
    }
    csv_free(r);
    if (!rc && !header)
        rc = err_set(e, ERR_INVALID, "%s: no header row", path);
    if (!rc)
        list_finish(l);
    return rc;
}

/* --- XML --- */

/* Calls fn for every element named name at any depth below n. */
static void each(const struct xml_node *n, const char *name,
                 void (*fn)(const struct xml_node *, void *), void *ctx)
{
    for (size_t i = 0; i < n->nchildren; i++) {
        const struct xml_node *c = &n->children[i];

        if (strcmp(c->name, name) == 0)
            fn(c, ctx);
        else
            each(c, name, fn, ctx);
    }
}

struct xctx {
    struct list *l;
    struct list_entry *en;
};

static void x_name(const struct xml_node *n, void *p)
{
    struct xctx *x = p;
    const char *parts[6] = {
        xml_child_text(n, "Name1"), xml_child_text(n, "Name2"),
        xml_child_text(n, "Name3"), xml_child_text(n, "Name4"),
        xml_child_text(n, "Name5"), xml_child_text(n, "Name6")};

    uk_name(x->l, x->en, parts, xml_child_text(n, "NameType"),
            xml_child_text(n, "AliasStrength"));
}

static void x_nonlatin(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    list_add_name(x->l, x->en, n->text, LIST_NAME_AKA);
}

static void x_dob(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_dob(x->l, x->en, n->text);
}

static void x_nationality(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    list_add_nationality(x->l, x->en, n->text);
}

static void x_gender(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_gender(x->en, n->text);
}

static void x_position(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    if (!x->en->title && *n->text)
        x->en->title = list_strdup(x->l, n->text);
}

static void x_birth(const struct xml_node *n, void *p)
{
    struct xctx *x = p;
    const char *town = xml_child_text(n, "TownOfBirth");
    const char *country = xml_child_text(n, "CountryOfBirth");
    struct strbuf sb = STRBUF_INIT;

    if (town)
        strbuf_addstr(&sb, town);
    if (town && country)
        strbuf_addstr(&sb, ", ");
    if (country)
        strbuf_addstr(&sb, country);
    list_add_pob(x->l, x->en, sb.buf);
    strbuf_release(&sb);
}

static void x_passport(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_ident(x->l, x->en, "passport", xml_child_text(n, "PassportNumber"),
             xml_child_text(n, "PassportAdditionalInformation"));
}

static void x_natid(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_ident(x->l, x->en, "national id",
             xml_child_text(n, "NationalIdentifierNumber"),
             xml_child_text(n, "NationalIdentifierAdditionalInformation"));
}

static void x_brn(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_ident(x->l, x->en, "registration number", n->text, NULL);
}

static void x_imo(const struct xml_node *n, void *p)
{
    struct xctx *x = p;

    uk_ident(x->l, x->en, "imo", n->text, NULL);
}

static void x_address(const struct xml_node *n, void *p)
{
    static const char *const lines[] = {
        "AddressLine1", "AddressLine2", "AddressLine3",      "AddressLine4",
        "AddressLine5", "AddressLine6", "AddressPostalCode", NULL};
    struct xctx *x = p;
    struct strbuf sb = STRBUF_INIT;

    for (size_t i = 0; lines[i]; i++) {
        const char *t = xml_child_text(n, lines[i]);

        if (!t)
            continue;
        if (sb.len)
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, t);
    }
    list_add_address(x->l, x->en, sb.buf, xml_child_text(n, "AddressCountry"));
    strbuf_release(&sb);
}

static enum err_code x_designation(struct list *l, const struct xml_node *d,
                                   const char *file, struct err *e)
{
    const char *id = xml_child_text(d, "UniqueID");
    struct xctx x = {l, NULL};
    enum err_code rc;
    char date[64];

    if (!id)
        return err_set(e, ERR_INVALID, "%s:%d: <Designation> without UniqueID",
                       file, d->line);
    rc = list_add_entry(l, id, &x.en, e);
    if (rc) {
        err_prefix(e, "%s:%d", file, d->line);
        return rc;
    }
    x.en->type = uk_type(xml_child_text(d, "IndividualEntityShip"));
    list_add_program(l, x.en, xml_child_text(d, "RegimeName"));
    if (xml_child_text(d, "DateDesignated")) {
        uk_date(xml_child_text(d, "DateDesignated"), date, sizeof(date));
        x.en->listed = list_strdup(l, date);
    }
    uk_ident(l, x.en, "un reference", xml_child_text(d, "UNReferenceNumber"),
             NULL);
    list_add_remark(l, x.en, xml_child_text(d, "OtherInformation"));
    each(d, "Name", x_name, &x);
    each(d, "NameNonLatinScript", x_nonlatin, &x);
    each(d, "DOB", x_dob, &x);
    each(d, "Nationality", x_nationality, &x);
    each(d, "Gender", x_gender, &x);
    each(d, "Position", x_position, &x);
    each(d, "Location", x_birth, &x);
    each(d, "Passport", x_passport, &x);
    each(d, "NationalIdentifier", x_natid, &x);
    each(d, "BusinessRegistrationNumber", x_brn, &x);
    each(d, "IMONumber", x_imo, &x);
    each(d, "Address", x_address, &x);
    if (x.en->type == LIST_TYPE_VESSEL)
        each(d, "CurrentBelievedFlagOfShip", x_nationality, &x);
    return ERR_OK;
}

/* A <Designation>, or <DateGenerated> (the publication date). */
static enum err_code uk_record(struct list *l, const struct xml_node *n,
                               const char *file, void *ctx, struct err *e)
{
    (void)ctx;
    if (strcmp(n->name, "DateGenerated") == 0) {
        l->published = list_strndup(l, n->text, 10);
        return ERR_OK;
    }
    return x_designation(l, n, file, e);
}

static const char *const uk_records[] = {"DateGenerated", "Designation", NULL};

static const struct list_xml uk_xml = {
    "uk-fcdo", "uk",       "uk-xml", "Designations", "a UK Sanctions List",
    NULL,      uk_records, 100000,   16384,          uk_record,
};

enum err_code list_load_uk_xml(const char *path, struct list *l, struct err *e)
{
    enum err_code rc = list_xml_load(path, l, &uk_xml, NULL, e);

    if (!rc)
        list_finish(l);
    return rc;
}
