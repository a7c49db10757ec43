/*
 * uk_derived: the UK Sanctions List (FCDO) as normalised CSV tables, a
 * third-party derivative of the official list: subjects.csv (one row per
 * designation: unique_id, subject_type, un_reference_number,
 * ofsi_group_id, date_designated, last_updated), subject_names.csv,
 * subject_dobs.csv, subject_identifiers.csv and subject_countries.csv
 * (each keyed by unique_id). Columns are found by header name.
 */
#include <stdio.h>
#include <string.h>

#include "formats/csv.h"
#include "screen/importers.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define UK_MAX_COLS 16

struct cols {
    const char *names[UK_MAX_COLS];
    int at[UK_MAX_COLS]; /* field index of names[i], -1 when absent */
    size_t n;
};

static enum err_code read_header(struct csv_reader *r, struct cols *c,
                                 const char *const *want, size_t nrequired,
                                 struct err *e)
{
    bool got;
    enum err_code rc = csv_next(r, &got, e);

    if (rc)
        return rc;
    if (!got)
        return err_set(e, ERR_INVALID, "'%s' is empty", csv_name(r));
    c->n = 0;
    for (size_t i = 0; i < UK_MAX_COLS && want[i]; i++) {
        c->names[i] = want[i];
        c->at[i] = -1;
        for (size_t k = 0; k < csv_nfields(r); k++)
            if (strcmp(csv_field(r, k), want[i]) == 0)
                c->at[i] = (int)k;
        if (i < nrequired && c->at[i] < 0)
            return err_set(e, ERR_INVALID, "%s:1: no column '%s'", csv_name(r),
                           want[i]);
        c->n++;
    }
    return ERR_OK;
}

static const char *col(struct csv_reader *r, const struct cols *c, size_t i)
{
    return c->at[i] < 0 ? "" : csv_field(r, (size_t)c->at[i]);
}

/* "RUS0253" -> regime name from the prefix (the tables carry no regime). */
static const char *regime_of(const char *id)
{
    static const struct {
        const char *prefix, *name;
    } map[] = {
        {"AFG", "Afghanistan"},
        {"AQD", "ISIL (Da'esh) and Al-Qaida"},
        {"BEL", "Belarus"},
        {"BOS", "Bosnia and Herzegovina"},
        {"BUR", "Burundi"},
        {"CAF", "Central African Republic"},
        {"CHW", "Chemical Weapons"},
        {"CTE", "Counter-Terrorism"},
        {"CYB", "Cyber"},
        {"DPR", "Democratic People's Republic of Korea"},
        {"DRC", "Democratic Republic of the Congo"},
        {"GAC", "Global Anti-Corruption"},
        {"GHR", "Global Human Rights"},
        {"GUA", "Guatemala"},
        {"GUI", "Republic of Guinea"},
        {"HAI", "Haiti"},
        {"INU", "Iran (Nuclear)"},
        {"IRN", "Iran"},
        {"IRQ", "Iraq"},
        {"LEB", "Lebanon"},
        {"LIB", "Libya"},
        {"MAL", "Mali"},
        {"MYA", "Myanmar"},
        {"NIC", "Nicaragua"},
        {"RUS", "Russia"},
        {"SOM", "Somalia"},
        {"SSU", "South Sudan"},
        {"SUD", "Sudan"},
        {"SYR", "Syria"},
        {"UKR", "Ukraine"},
        {"VEN", "Venezuela"},
        {"YEM", "Yemen"},
        {"ZIM", "Zimbabwe"},
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strncmp(id, map[i].prefix, 3) == 0)
            return map[i].name;
    return NULL;
}

/* "29/06/2012" -> "2012-06-29" (kept as is when it is not that shape). */
static void uk_date(const char *s, char *out, size_t n)
{
    if (strlen(s) == 10 && s[2] == '/' && s[5] == '/')
        snprintf(out, n, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
    else
        snprintf(out, n, "%s", s);
}

static enum err_code open_table(const char *dir, const char *name,
                                struct csv_reader **r, struct err *e)
{
    struct strbuf p = STRBUF_INIT;
    enum err_code rc;

    strbuf_addf(&p, "%s/%s", dir, name);
    rc = csv_open_file(p.buf, NULL, r, e);
    strbuf_release(&p);
    return rc;
}

static struct list_entry *owner(struct csv_reader *r, struct list *l,
                                const char *id, struct err *e,
                                enum err_code *rc)
{
    struct list_entry *en = list_find(l, id);

    if (!en)
        *rc = err_set(e, ERR_INVALID, "%s:%zu: unknown unique_id '%s'",
                      csv_name(r), csv_line(r), id);
    return en;
}

static enum err_code read_subjects(const char *dir, struct list *l,
                                   struct err *e)
{
    static const char *const want[] = {"unique_id", "subject_type",
                                       "un_reference_number", "date_designated",
                                       NULL};
    struct csv_reader *r;
    struct cols c;
    enum err_code rc = open_table(dir, "subjects.csv", &r, e);
    bool got;

    if (rc)
        return rc;
    rc = read_header(r, &c, want, 2, e);
    while (!rc && !(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en;
        const char *type = col(r, &c, 1);
        char date[32];

        rc = list_add_entry(l, col(r, &c, 0), &en, e);
        if (rc) {
            err_prefix(e, "%s:%zu", csv_name(r), csv_line(r));
            break;
        }
        en->type = strcmp(type, "individual") == 0 ? LIST_TYPE_PERSON
                   : strcmp(type, "entity") == 0   ? LIST_TYPE_ENTITY
                   : strcmp(type, "ship") == 0     ? LIST_TYPE_VESSEL
                                                   : LIST_TYPE_UNKNOWN;
        list_add_program(l, en, regime_of(en->id));
        uk_date(col(r, &c, 3), date, sizeof(date));
        if (*date)
            en->listed = list_strdup(l, date);
        if (*col(r, &c, 2)) {
            struct list_ident d = {"un reference", col(r, &c, 2), NULL,
                                   NULL,           NULL,          NULL};

            list_add_ident(l, en, &d);
        }
    }
    csv_free(r);
    return rc;
}

static enum err_code read_names(const char *dir, struct list *l, struct err *e)
{
    static const char *const want[] = {"unique_id", "name_type",
                                       "alias_strength", "full_name", NULL};
    struct csv_reader *r;
    struct cols c;
    enum err_code rc = open_table(dir, "subject_names.csv", &r, e);
    bool got;

    if (rc)
        return rc;
    rc = read_header(r, &c, want, 4, e);
    while (!rc && !(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en = owner(r, l, col(r, &c, 0), e, &rc);
        const char *type = col(r, &c, 1), *strength = col(r, &c, 2);
        enum list_name_kind k = LIST_NAME_AKA;

        if (!en)
            break;
        if (strcmp(type, "primary") == 0)
            k = en->nnames ? LIST_NAME_AKA : LIST_NAME_PRIMARY;
        else if (strcmp(strength, "low_quality_aka") == 0)
            k = LIST_NAME_LOW_QUALITY;
        list_add_name(l, en, col(r, &c, 3), k);
    }
    csv_free(r);
    return rc;
}

static enum err_code read_dobs(const char *dir, struct list *l, struct err *e)
{
    static const char *const want[] = {"unique_id", "year",      "month",
                                       "day",       "precision", NULL};
    struct csv_reader *r;
    struct cols c;
    enum err_code rc = open_table(dir, "subject_dobs.csv", &r, e);
    bool got;

    if (rc)
        return rc;
    rc = read_header(r, &c, want, 5, e);
    while (!rc && !(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en = owner(r, l, col(r, &c, 0), e, &rc);
        const char *prec = col(r, &c, 4);
        char buf[32];

        if (!en)
            break;
        if (strcmp(prec, "exact") == 0)
            snprintf(buf, sizeof(buf), "%s-%s-%s", col(r, &c, 1), col(r, &c, 2),
                     col(r, &c, 3));
        else if (strcmp(prec, "month_year") == 0)
            snprintf(buf, sizeof(buf), "%s-%s", col(r, &c, 1), col(r, &c, 2));
        else
            snprintf(buf, sizeof(buf), "%s", col(r, &c, 1));
        list_add_dob(l, en, buf);
    }
    csv_free(r);
    return rc;
}

static enum err_code read_idents(const char *dir, struct list *l, struct err *e)
{
    static const char *const want[] = {
        "unique_id", "raw_value", "identifier_type", "additional_info", NULL};
    struct csv_reader *r;
    struct cols c;
    enum err_code rc = open_table(dir, "subject_identifiers.csv", &r, e);
    bool got;

    if (rc)
        return rc;
    rc = read_header(r, &c, want, 3, e);
    while (!rc && !(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en = owner(r, l, col(r, &c, 0), e, &rc);
        const char *t = col(r, &c, 2);
        struct list_ident d = {0};

        if (!en)
            break;
        d.type = strcmp(t, "passport") == 0   ? "passport"
                 : strcmp(t, "national") == 0 ? "national id"
                 : strcmp(t, "imo") == 0      ? "imo"
                 : strcmp(t, "business_registration_numbers") == 0
                     ? "registration number"
                     : t;
        d.number = col(r, &c, 1);
        d.note = col(r, &c, 3);
        list_add_ident(l, en, &d);
    }
    csv_free(r);
    return rc;
}

static enum err_code read_countries(const char *dir, struct list *l,
                                    struct err *e)
{
    static const char *const want[] = {"unique_id", "raw_value", "country_type",
                                       "iso", NULL};
    struct csv_reader *r;
    struct cols c;
    enum err_code rc = open_table(dir, "subject_countries.csv", &r, e);
    bool got;

    if (rc)
        return rc;
    rc = read_header(r, &c, want, 3, e);
    while (!rc && !(rc = csv_next(r, &got, e)) && got) {
        struct list_entry *en = owner(r, l, col(r, &c, 0), e, &rc);
        const char *t = col(r, &c, 2), *v = col(r, &c, 1);
        const char *iso = col(r, &c, 3);

        if (!en)
            break;
        if (strcmp(t, "nationality") == 0)
            list_add_nationality(l, en, *iso ? iso : v);
        else if (strcmp(t, "birth") == 0)
            list_add_pob(l, en, v);
        else if (strcmp(t, "address") == 0)
            list_add_address(l, en, "", *iso ? iso : v);
    }
    csv_free(r);
    return rc;
}

enum err_code list_load_uk_derived(const char *dir, struct list *l,
                                   struct err *e)
{
    enum err_code rc;

    l->source = "uk-fcdo";
    l->jurisdiction = "uk";
    l->format = "uk-derived";
    l->path = list_strdup(l, dir);
    rc = read_subjects(dir, l, e);
    if (!rc)
        rc = read_names(dir, l, e);
    if (!rc)
        rc = read_dobs(dir, l, e);
    if (!rc)
        rc = read_idents(dir, l, e);
    if (!rc)
        rc = read_countries(dir, l, e);
    if (!rc)
        list_finish(l);
    return rc;
}
