/*
 * ofac_csv: OFAC's legacy CSV files. The main file (sdn.csv, or
 * cons_prim.csv for the non-SDN consolidated list) has 12 columns:
 * ent_num, name, type, program, title, call sign, vessel type, tonnage,
 * GRT, vessel flag, vessel owner, remarks; "-0-" means empty. add.csv
 * holds addresses, alt.csv aliases, sdn_comments.csv the overflow of
 * truncated remarks (a continuation, joined without a separator).
 * Everything else (DOB, POB, nationality, passports, IDs, a.k.a.s, gender)
 * is parsed out of the remarks.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/csv.h"
#include "screen/importers.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define OFAC_MAIN_COLS 12

/* A field's value with "-0-" and surrounding blanks removed. */
static const char *val(struct csv_reader *r, size_t i, char *buf, size_t n)
{
    const char *s = csv_field(r, i);
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 3 && memcmp(s, "-0-", 3) == 0)
        len = 0;
    if (len >= n)
        len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* --- remarks --- */

struct id_prefix {
    const char *prefix; /* as printed, followed by a space */
    const char *type;
};

static const struct id_prefix id_prefixes[] = {
    {"Diplomatic Passport", "diplomatic passport"},
    {"Passport", "passport"},
    {"National ID No.", "national id"},
    {"Identification Number", "id number"},
    {"Personal ID Card", "national id"},
    {"Tax ID No.", "tax id"},
    {"Registration Number", "registration number"},
    {"Registration ID", "registration number"},
    {"Business Registration Number", "registration number"},
    {"Company Number", "registration number"},
    {"Commercial Registry Number", "registration number"},
    {"Cedula No.", "cedula"},
    {"C.U.R.P.", "curp"},
    {"R.F.C.", "rfc"},
    {"RFC", "rfc"},
    {"SSN", "ssn"},
    {"D.N.I.", "dni"},
    {"NIT #", "nit"},
    {"Driver's License No.", "driver license"},
    {"Vessel Registration Identification IMO", "imo"},
    {"IMO", "imo"},
    {"MMSI", "mmsi"},
    {"Legal Entity Number", "lei"},
    {"V.A.T. Number", "vat"},
    {"Unified Social Credit Code (USCC)", "uscc"},
    {"Residency Number", "residency number"},
    {"Birth Certificate Number", "birth certificate"},
    {"Electoral Registry No.", "electoral registry"},
    {"Aircraft Manufacturer's Serial Number (MSN)", "aircraft msn"},
    {"Aircraft Tail Number", "aircraft tail number"},
    {"Trade License No.", "trade license"},
    {"Government Gazette Number", "government gazette number"},
    {"Matricula Mercantil No", "matricula mercantil"},
    {"Folio Mercantil No.", "folio mercantil"},
    {"Public Security and Immigration No.", "public security number"},
    {"Kenyan ID No.", "national id"},
    {"Italian Fiscal Code", "tax id"},
    {"UK Company Number", "registration number"},
    {"US FEIN", "tax id"},
    {"Stateless Person ID Card", "national id"},
    {"Refugee ID Card", "refugee id"},
    {"Turkish Identification Number", "national id"},
    {"Afghan Money Service Provider License Number", "license"},
    {"Chinese Commercial Code", "chinese commercial code"},
    {"BIK (RU)", "bik"},
    {"SWIFT/BIC", "swift"},
};

static bool starts(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);

    if (strncmp(s, prefix, n) != 0)
        return false;
    if (rest)
        *rest = s + n;
    return true;
}

/* Copies the part of s up to the first of the stop strings (trimmed). */
static void copy_until(const char *s, const char *const *stops, char *out,
                       size_t n)
{
    size_t len = strlen(s);

    for (size_t i = 0; stops[i]; i++) {
        const char *hit = strstr(s, stops[i]);

        if (hit && (size_t)(hit - s) < len)
            len = (size_t)(hit - s);
    }
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len >= n)
        len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static void parse_ident(struct list *l, struct list_entry *en, const char *type,
                        const char *rest)
{
    static const char *const num_stops[] = {" (", " issued ", " expires ",
                                            NULL};
    static const char *const date_stops[] = {" expires ", " (", NULL};
    char number[128], country[96] = "", issued[64] = "", expires[64] = "";
    const char *p;
    struct list_ident id = {0};

    copy_until(rest, num_stops, number, sizeof(number));
    p = strstr(rest, " (");
    if (p) {
        const char *q = strchr(p + 2, ')');
        size_t n = q ? (size_t)(q - (p + 2)) : strlen(p + 2);

        if (n >= sizeof(country))
            n = sizeof(country) - 1;
        memcpy(country, p + 2, n);
        country[n] = '\0';
    }
    p = strstr(rest, " issued ");
    if (p)
        copy_until(p + 8, date_stops, issued, sizeof(issued));
    p = strstr(rest, " expires ");
    if (p)
        copy_until(p + 9, date_stops, expires, sizeof(expires));
    id.type = type;
    if (strcmp(type, "national id") == 0 && strcmp(country, "Hong Kong") == 0)
        id.type = "hkid";
    id.number = number;
    id.country = country;
    id.issued = issued;
    id.expires = expires;
    list_add_ident(l, en, &id);
}

/* A quoted alias: the text between the first and the last single quote. */
static void parse_alias(struct list *l, struct list_entry *en, const char *rest,
                        enum list_name_kind kind)
{
    const char *a = strchr(rest, '\'');
    const char *b = strrchr(rest, '\'');
    char name[512];
    size_t n;

    if (!a || b <= a)
        return;
    n = (size_t)(b - a - 1);
    if (n >= sizeof(name))
        n = sizeof(name) - 1;
    memcpy(name, a + 1, n);
    name[n] = '\0';
    list_add_name(l, en, name, kind);
}

static void parse_part(struct list *l, struct list_entry *en, char *part)
{
    const char *rest;

    if (starts(part, "alt. ", &rest))
        part += 5;
    if (starts(part, "a.k.a. ", &rest) || starts(part, "n.k.a. ", &rest)) {
        parse_alias(l, en, rest, LIST_NAME_AKA);
    } else if (starts(part, "f.k.a. ", &rest)) {
        parse_alias(l, en, rest, LIST_NAME_FKA);
    } else if (starts(part, "DOB ", &rest)) {
        list_add_dob(l, en, rest);
    } else if (starts(part, "POB ", &rest)) {
        list_add_pob(l, en, rest);
    } else if (starts(part, "nationality ", &rest)) {
        list_add_nationality(l, en, rest);
    } else if (starts(part, "citizen ", &rest)) {
        list_add_citizenship(l, en, rest);
    } else if (starts(part, "Gender ", &rest)) {
        if (strcmp(rest, "Male") == 0)
            en->gender = "male";
        else if (strcmp(rest, "Female") == 0)
            en->gender = "female";
    } else {
        for (size_t i = 0; i < sizeof(id_prefixes) / sizeof(id_prefixes[0]);
             i++) {
            if (starts(part, id_prefixes[i].prefix, &rest) && *rest == ' ' &&
                rest[1]) {
                parse_ident(l, en, id_prefixes[i].type, rest + 1);
                return;
            }
        }
    }
}

void list_parse_ofac_remarks(struct list *l, struct list_entry *en,
                             const char *remarks)
{
    char *buf, *p;
    size_t n;

    if (!remarks || !*remarks)
        return;
    buf = xstrdup(remarks);
    n = strlen(buf);
    /* The remarks end with a period that belongs to the last part. */
    while (n > 0 && (buf[n - 1] == '.' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    p = buf;
    while (p && *p) {
        char *semi = strstr(p, "; ");

        if (semi)
            *semi = '\0';
        while (*p == ' ')
            p++;
        parse_part(l, en, p);
        p = semi ? semi + 2 : NULL;
    }
    free(buf);
}

/* --- files --- */

static enum list_type type_of(const char *s)
{
    if (strcmp(s, "individual") == 0)
        return LIST_TYPE_PERSON;
    if (strcmp(s, "vessel") == 0)
        return LIST_TYPE_VESSEL;
    if (strcmp(s, "aircraft") == 0)
        return LIST_TYPE_AIRCRAFT;
    return LIST_TYPE_ENTITY;
}

static void add_programs(struct list *l, struct list_entry *en, char *s)
{
    /* "SDGT] [IFSR": several programs joined by "] [". */
    while (*s) {
        char *sep = strstr(s, "] [");

        if (sep)
            *sep = '\0';
        while (*s == '[' || *s == ' ')
            s++;
        {
            size_t n = strlen(s);

            while (n > 0 && (s[n - 1] == ']' || s[n - 1] == ' '))
                s[--n] = '\0';
        }
        list_add_program(l, en, s);
        if (!sep)
            break;
        s = sep + 3;
    }
}

static enum err_code bad_cols(struct csv_reader *r, size_t want, struct err *e)
{
    return err_set(e, ERR_INVALID,
                   "%s:%zu: expected %zu fields in an OFAC CSV row, found %zu",
                   csv_name(r), csv_line(r), want, csv_nfields(r));
}

static bool is_ent_num(const char *s)
{
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    while (*s == ' ')
        s++;
    return *s == '\0';
}

static enum err_code read_main(struct csv_reader *r, struct list *l,
                               struct err *e)
{
    enum err_code rc;
    bool got;
    char id[32], buf[4096];

    for (;;) {
        struct list_entry *en;

        rc = csv_next(r, &got, e);
        if (rc || !got)
            return rc;
        if (csv_nfields(r) != OFAC_MAIN_COLS)
            return bad_cols(r, OFAC_MAIN_COLS, e);
        val(r, 0, id, sizeof(id));
        if (!is_ent_num(id))
            return err_set(e, ERR_INVALID,
                           "%s:%zu: entry number '%.20s' is not a number",
                           csv_name(r), csv_line(r), id);
        rc = list_add_entry(l, id, &en, e);
        if (rc) {
            err_prefix(e, "%s:%zu", csv_name(r), csv_line(r));
            return rc;
        }
        list_add_name(l, en, val(r, 1, buf, sizeof(buf)), LIST_NAME_PRIMARY);
        en->type = type_of(val(r, 2, buf, sizeof(buf)));
        add_programs(l, en, (char *)val(r, 3, buf, sizeof(buf)));
        en->title = list_strdup(l, val(r, 4, buf, sizeof(buf)));
        if (!*en->title)
            en->title = NULL;
        {
            struct list_ident cs = {"call sign", buf, NULL, NULL, NULL, NULL};

            val(r, 5, buf, sizeof(buf));
            list_add_ident(l, en, &cs);
        }
        if (en->type == LIST_TYPE_VESSEL)
            list_add_nationality(l, en, val(r, 9, buf, sizeof(buf)));
        /* Raw remarks for now: sdn_comments may continue them. */
        {
            const char *rem = csv_field(r, 11);

            while (*rem == ' ')
                rem++;
            if (strncmp(rem, "-0-", 3) != 0 && *rem)
                en->remarks = list_strdup(l, rem);
        }
    }
}

static enum err_code read_comments(struct csv_reader *r, struct list *l,
                                   struct err *e)
{
    enum err_code rc;
    bool got;
    char id[32];

    for (;;) {
        struct list_entry *en;
        const char *more;

        rc = csv_next(r, &got, e);
        if (rc || !got)
            return rc;
        if (csv_nfields(r) < 2)
            return bad_cols(r, 2, e);
        en = list_find(l, val(r, 0, id, sizeof(id)));
        if (!en)
            continue; /* comments may cover entries of another file */
        more = csv_field(r, 1);
        if (en->remarks) {
            size_t a = strlen(en->remarks), b = strlen(more);
            char *s = arena_alloc(&l->arena, a + b + 1);

            memcpy(s, en->remarks, a);
            memcpy(s + a, more, b + 1);
            en->remarks = s;
        } else {
            en->remarks = list_strdup(l, more);
        }
    }
}

static enum err_code read_alt(struct csv_reader *r, struct list *l,
                              struct err *e)
{
    enum err_code rc;
    bool got;
    char id[32], type[32], name[1024], rem[256];

    for (;;) {
        struct list_entry *en;
        enum list_name_kind kind = LIST_NAME_AKA;

        rc = csv_next(r, &got, e);
        if (rc || !got)
            return rc;
        if (csv_nfields(r) < 4)
            return bad_cols(r, 5, e);
        en = list_find(l, val(r, 0, id, sizeof(id)));
        if (!en)
            continue;
        val(r, 2, type, sizeof(type));
        val(r, 4, rem, sizeof(rem));
        if (strcmp(type, "fka") == 0)
            kind = LIST_NAME_FKA;
        if (strstr(rem, "weak") || strstr(rem, "Weak") ||
            strstr(rem, "low quality") || strstr(rem, "Low quality"))
            kind = LIST_NAME_WEAK;
        list_add_name(l, en, val(r, 3, name, sizeof(name)), kind);
    }
}

static enum err_code read_add(struct csv_reader *r, struct list *l,
                              struct err *e)
{
    enum err_code rc;
    bool got;
    char id[32], street[1024], city[512], country[128];

    for (;;) {
        struct list_entry *en;
        struct strbuf sb = STRBUF_INIT;

        rc = csv_next(r, &got, e);
        if (rc || !got)
            return rc;
        if (csv_nfields(r) < 5)
            return bad_cols(r, 6, e);
        en = list_find(l, val(r, 0, id, sizeof(id)));
        if (!en)
            continue;
        val(r, 2, street, sizeof(street));
        val(r, 3, city, sizeof(city));
        val(r, 4, country, sizeof(country));
        strbuf_addstr(&sb, street);
        if (*street && *city)
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, city);
        list_add_address(l, en, sb.buf, country);
        strbuf_release(&sb);
    }
}

static void parse_all_remarks(struct list *l)
{
    for (size_t i = 0; i < l->nentries; i++)
        list_parse_ofac_remarks(l, &l->entries[i], l->entries[i].remarks);
}

static enum err_code load_side(const char *dir, const char *name,
                               enum err_code (*fn)(struct csv_reader *,
                                                   struct list *, struct err *),
                               struct list *l, struct err *e)
{
    struct strbuf path = STRBUF_INIT;
    struct csv_reader *r = NULL;
    struct stat st;
    enum err_code rc = ERR_OK;

    strbuf_addf(&path, "%s/%s", dir, name);
    if (stat(path.buf, &st) == 0) {
        rc = csv_open_file(path.buf, NULL, &r, e);
        if (!rc)
            rc = fn(r, l, e);
        csv_free(r);
    }
    strbuf_release(&path);
    return rc;
}

static void set_meta(struct list *l, const char *path, bool cons)
{
    l->source = cons ? "us-ofac-cons" : "us-ofac-sdn";
    l->jurisdiction = "us";
    l->format = "ofac-csv";
    l->path = list_strdup(l, path);
}

enum err_code list_load_ofac_csv(const char *path, struct list *l,
                                 struct err *e)
{
    struct stat st;
    struct csv_reader *r = NULL;
    enum err_code rc;

    if (stat(path, &st) != 0)
        return err_set(e, ERR_IO, "cannot open list '%s'", path);
    if (S_ISDIR(st.st_mode)) {
        struct strbuf p = STRBUF_INIT;
        bool cons = false;

        strbuf_addf(&p, "%s/sdn.csv", path);
        if (stat(p.buf, &st) != 0) {
            strbuf_reset(&p);
            strbuf_addf(&p, "%s/cons_prim.csv", path);
            cons = true;
        }
        set_meta(l, path, cons);
        rc = csv_open_file(p.buf, NULL, &r, e);
        strbuf_release(&p);
        if (!rc)
            rc = read_main(r, l, e);
        csv_free(r);
        if (!rc)
            rc =
                load_side(path, cons ? "cons_comments.csv" : "sdn_comments.csv",
                          read_comments, l, e);
        if (!rc)
            parse_all_remarks(l);
        if (!rc)
            rc = load_side(path, cons ? "cons_alt.csv" : "alt.csv", read_alt, l,
                           e);
        if (!rc)
            rc = load_side(path, cons ? "cons_add.csv" : "add.csv", read_add, l,
                           e);
    } else {
        const char *base = strrchr(path, '/');

        base = base ? base + 1 : path;
        set_meta(l, path, strncmp(base, "cons_", 5) == 0);
        rc = csv_open_file(path, NULL, &r, e);
        if (!rc)
            rc = read_main(r, l, e);
        csv_free(r);
        if (!rc)
            parse_all_remarks(l);
    }
    if (!rc && l->nentries == 0)
        rc = err_set(e, ERR_INVALID, "no entries in OFAC list '%s'", path);
    if (!rc)
        list_finish(l);
    return rc;
}

enum err_code list_parse_ofac_csv_mem(const void *data, size_t len,
                                      const char *name, struct list *l,
                                      struct err *e)
{
    struct csv_reader *r = NULL;
    enum err_code rc;

    set_meta(l, name, false);
    rc = csv_open_mem(data, len, name, NULL, &r, e);
    if (!rc)
        rc = read_main(r, l, e);
    csv_free(r);
    if (!rc) {
        parse_all_remarks(l);
        list_finish(l);
    }
    return rc;
}
