/*
 * au_xlsx: the Australian DFAT Consolidated List workbook. One row per
 * name: "1122" is the primary row of entry 1122 and "1122a", "1122b" ...
 * (or "34c1") its aliases and original-script names. Columns: Reference,
 * Name of Individual or Entity, Type, Name Type, Date of Birth, Place of
 * Birth, Citizenship, Address, Additional Information, Listing
 * Information, Committees, Control Date. Multi-valued cells use
 * "a) ... b) ..." lists; dates are text or Excel serials.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/xlsx.h"
#include "screen/importers.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum {
    AU_REF,
    AU_NAME,
    AU_TYPE,
    AU_NAME_TYPE,
    AU_DOB,
    AU_POB,
    AU_CITIZENSHIP,
    AU_ADDRESS,
    AU_INFO,
    AU_LISTING,
    AU_COMMITTEES,
    AU_CONTROL_DATE,
};

/* Copies s trimmed of blanks (no-break spaces too) and trailing ";,". */
static void trim_copy(const char *s, char *out, size_t n)
{
    size_t len = 0;

    if (n == 0)
        return;
    for (const char *p = s; *p && len + 1 < n; p++) {
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            out[len++] = ' '; /* U+00A0 no-break space */
            p++;
        } else {
            out[len++] = *p;
        }
    }
    out[len] = '\0';
    while (len > 0 && (isspace((unsigned char)out[len - 1]) ||
                       out[len - 1] == ';' || out[len - 1] == ','))
        out[--len] = '\0';
    {
        size_t lead = 0;

        while (isspace((unsigned char)out[lead]))
            lead++;
        memmove(out, out + lead, len - lead + 1);
    }
}

/* True when p starts an "a) " list marker (at the start or after a space). */
static bool is_marker(const char *start, const char *p)
{
    return p[0] >= 'a' && p[0] <= 'z' && p[1] == ')' &&
           (p == start || p[-1] == ' ' || p[-1] == '\n');
}

/* Calls fn for each part of an "a) X b) Y" list, or once for plain text. */
static void each_part(const char *s,
                      void (*fn)(struct list *, struct list_entry *,
                                 const char *),
                      struct list *l, struct list_entry *en)
{
    char part[1024];
    const char *p = s, *start = NULL;

    if (!is_marker(s, s)) {
        trim_copy(s, part, sizeof(part));
        if (*part && strcmp(part, "NA") != 0)
            fn(l, en, part);
        return;
    }
    for (;; p++) {
        if (*p == '\0' || is_marker(s, p)) {
            if (start) {
                size_t n = (size_t)(p - start);
                char tmp[1024];

                if (n >= sizeof(tmp))
                    n = sizeof(tmp) - 1;
                memcpy(tmp, start, n);
                tmp[n] = '\0';
                trim_copy(tmp, part, sizeof(part));
                if (*part)
                    fn(l, en, part);
            }
            if (*p == '\0')
                break;
            start = p + 2;
        }
    }
}

/* "Approximately 1955- 1958" -> "circa 1955 to 1958"; serials -> ISO. */
static void add_dob(struct list *l, struct list_entry *en, const char *s)
{
    char iso[16], buf[256];
    struct strbuf sb = STRBUF_INIT;
    const char *p = s;

    if (xlsx_serial_to_iso(s, iso)) {
        list_add_dob(l, en, iso);
        return;
    }
    if (strncasecmp(p, "approximately ", 14) == 0) {
        strbuf_addstr(&sb, "circa ");
        p += 14;
    } else if (strncasecmp(p, "circa ", 6) == 0) {
        strbuf_addstr(&sb, "circa ");
        p += 6;
    }
    if (strncasecmp(p, "between ", 8) == 0)
        p += 8;
    /* Rewrite "A and B", "A- B", "A-B" between two years as "A to B". */
    {
        size_t i = 0, n = strlen(p);

        while (i < n && i < sizeof(buf) - 8) {
            if (isdigit((unsigned char)p[i]) && i + 4 < n && p[i + 4] &&
                (strncmp(p + i + 4, " and ", 5) == 0 ||
                 strncmp(p + i + 4, "- ", 2) == 0 ||
                 strncmp(p + i + 4, " - ", 3) == 0 || p[i + 4] == '-') &&
                isdigit((unsigned char)p[i + 3]) && i + 4 + 1 < n) {
                const char *q = p + i + 4;

                strbuf_add(&sb, p + i, 4);
                strbuf_addstr(&sb, " to ");
                while (*q && !isdigit((unsigned char)*q))
                    q++;
                strbuf_addstr(&sb, q);
                break;
            }
            strbuf_addch(&sb, p[i]);
            i++;
        }
    }
    list_add_dob(l, en, sb.buf);
    strbuf_release(&sb);
}

/* "Russian and Ukrainian", "Malian / Mauritanian": one country each. */
static void add_citizenships(struct list *l, struct list_entry *en,
                             const char *s)
{
    char buf[256], part[256];
    char *p = buf;

    snprintf(buf, sizeof(buf), "%s", s);
    while (p && *p) {
        char *cut = NULL, *q;
        size_t skip = 0;

        for (q = p; *q && !cut; q++) {
            if (*q == '/' || *q == ',' || *q == ';') {
                cut = q;
                skip = 1;
            } else if (strncmp(q, " and ", 5) == 0) {
                cut = q;
                skip = 5;
            }
        }
        if (cut)
            *cut = '\0';
        trim_copy(p, part, sizeof(part));
        list_add_citizenship(l, en, part);
        p = cut ? cut + skip : NULL;
    }
}

static void add_address(struct list *l, struct list_entry *en, const char *s)
{
    const char *comma = strrchr(s, ',');

    list_add_address(l, en, s, comma ? comma + 1 : s);
}

static enum list_name_kind kind_of(const char *t)
{
    if (strncasecmp(t, "primary", 7) == 0)
        return LIST_NAME_PRIMARY;
    if (strncasecmp(t, "formerly", 8) == 0 ||
        strncasecmp(t, "previously", 10) == 0)
        return LIST_NAME_FKA;
    return LIST_NAME_AKA;
}

static enum err_code add_row(struct xlsx_reader *r, struct list *l,
                             struct err *e)
{
    char ref[64], base[64], name[2048], type[64], ntype[64];
    struct list_entry *en;
    enum list_name_kind kind;
    size_t k = 0;

    trim_copy(xlsx_cell(r, AU_REF), ref, sizeof(ref));
    trim_copy(xlsx_cell(r, AU_NAME), name, sizeof(name));
    if (!*ref && !*name)
        return ERR_OK; /* empty row */
    if (!*ref)
        return err_set(e, ERR_INVALID, "%s: row %zu: name without a Reference",
                       xlsx_name(r), xlsx_row_number(r));
    while (isdigit((unsigned char)ref[k]) && k + 1 < sizeof(base)) {
        base[k] = ref[k];
        k++;
    }
    base[k] = '\0';
    if (!*base)
        snprintf(base, sizeof(base), "%s", ref);
    trim_copy(xlsx_cell(r, AU_TYPE), type, sizeof(type));
    trim_copy(xlsx_cell(r, AU_NAME_TYPE), ntype, sizeof(ntype));
    kind = kind_of(ntype);
    en = list_find(l, base);
    if (en && kind == LIST_NAME_PRIMARY && strcmp(ref, base) == 0 &&
        en->nnames && en->names[0].kind == LIST_NAME_PRIMARY)
        return err_set(e, ERR_CONFLICT, "%s: row %zu: duplicate entry id '%s'",
                       xlsx_name(r), xlsx_row_number(r), base);
    if (!en) {
        enum err_code rc = list_add_entry(l, base, &en, e);

        if (rc)
            return rc;
    }
    if (kind == LIST_NAME_PRIMARY && strcmp(ref, base) != 0)
        kind = LIST_NAME_AKA; /* "primary name" on an alias row */
    list_add_name(l, en, name, kind);
    if (kind == LIST_NAME_PRIMARY && en->nnames > 1 &&
        strcmp(en->names[en->nnames - 1].full, name) == 0) {
        /* Keep the primary name first even when aliases came earlier. */
        struct list_name tmp = en->names[en->nnames - 1];

        memmove(&en->names[1], &en->names[0],
                (en->nnames - 1) * sizeof(en->names[0]));
        en->names[0] = tmp;
    }
    if (en->type == LIST_TYPE_UNKNOWN) {
        if (strncasecmp(type, "individual", 10) == 0)
            en->type = LIST_TYPE_PERSON;
        else if (strncasecmp(type, "entity", 6) == 0)
            en->type = LIST_TYPE_ENTITY;
    }
    each_part(xlsx_cell(r, AU_DOB), add_dob, l, en);
    each_part(xlsx_cell(r, AU_POB), list_add_pob, l, en);
    each_part(xlsx_cell(r, AU_CITIZENSHIP), add_citizenships, l, en);
    each_part(xlsx_cell(r, AU_ADDRESS), add_address, l, en);
    each_part(xlsx_cell(r, AU_COMMITTEES), list_add_program, l, en);
    if (!en->remarks) {
        list_add_remark(l, en, xlsx_cell(r, AU_INFO));
        list_add_remark(l, en, xlsx_cell(r, AU_LISTING));
    }
    if (!en->listed) {
        char iso[16];

        if (xlsx_serial_to_iso(xlsx_cell(r, AU_CONTROL_DATE), iso))
            en->listed = list_strdup(l, iso);
    }
    return ERR_OK;
}

static enum err_code parse(struct xlsx_reader *r, struct list *l, struct err *e)
{
    enum err_code rc;
    bool got, header = false;

    while (!(rc = xlsx_next_row(r, &got, e)) && got) {
        if (!header) {
            if (strcmp(xlsx_cell(r, AU_REF), "Reference") != 0 ||
                strncmp(xlsx_cell(r, AU_NAME), "Name of Individual", 18) != 0)
                return err_set(e, ERR_INVALID,
                               "%s: row %zu: not the DFAT consolidated list "
                               "header (Reference, Name of Individual or "
                               "Entity, ...)",
                               xlsx_name(r), xlsx_row_number(r));
            header = true;
            continue;
        }
        rc = add_row(r, l, e);
        if (rc)
            return rc;
    }
    if (!rc && !header)
        rc = err_set(e, ERR_INVALID, "%s: the workbook has no rows",
                     xlsx_name(r));
    if (!rc)
        list_finish(l);
    return rc;
}

static void set_meta(struct list *l, const char *path)
{
    l->source = "au-dfat";
    l->jurisdiction = "au";
    l->format = "au-xlsx";
    l->path = list_strdup(l, path);
}

enum err_code list_load_au_xlsx(const char *path, struct list *l, struct err *e)
{
    struct xlsx_reader *r;
    enum err_code rc = xlsx_open_file(path, &r, e);

    if (rc)
        return rc;
    set_meta(l, path);
    rc = parse(r, l, e);
    xlsx_free(r);
    return rc;
}

enum err_code list_parse_au_xlsx_mem(const void *data, size_t len,
                                     const char *name, struct list *l,
                                     struct err *e)
{
    struct xlsx_reader *r;
    enum err_code rc = xlsx_open_mem(data, len, name, &r, e);

    if (rc)
        return rc;
    set_meta(l, name);
    rc = parse(r, l, e);
    xlsx_free(r);
    return rc;
}
