/*
 * ofac_xml: OFAC's Advanced Sanctions Data Model XML (sdn_advanced.xml,
 * cons_advanced.xml). The file is relational: ReferenceValueSets give
 * the meaning of every *TypeID, Locations and IDRegDocuments are keyed
 * by id and referenced from the DistinctParty profiles, and
 * SanctionsEntries (after the parties) give programs and listing dates.
 * Each top-level record is read as one subtree; the lookup tables kept
 * meanwhile are small (reference values, locations, documents).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xml.h"
#include "screen/importers.h"
#include "screen/list_xml.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct kv {
    char *key;
    char *val;
    char *extra; /* ISO2 for countries, PartyTypeID for sub types ... */
};

struct kvmap {
    struct kv *items;
    size_t n, alloc;
    bool sorted;
};

static void kv_put(struct kvmap *m, const char *set, const char *id,
                   const char *val, const char *extra)
{
    struct strbuf k = STRBUF_INIT;

    strbuf_addf(&k, "%s:%s", set, id);
    ALLOC_GROW(m->items, m->n + 1, m->alloc);
    m->items[m->n].key = strbuf_detach(&k, NULL);
    m->items[m->n].val = xstrdup(val ? val : "");
    m->items[m->n].extra = extra ? xstrdup(extra) : NULL;
    m->n++;
    m->sorted = false;
}

static int kv_cmp(const void *a, const void *b)
{
    return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static const struct kv *kv_get(struct kvmap *m, const char *set, const char *id)
{
    char key[256];
    struct kv probe = {NULL, NULL, NULL};

    if (!id || !m->n) /* qsort and bsearch need a non-NULL array */
        return NULL;
    if (!m->sorted) {
        qsort(m->items, m->n, sizeof(*m->items), kv_cmp);
        m->sorted = true;
    }
    snprintf(key, sizeof(key), "%s:%s", set, id);
    probe.key = key;
    return bsearch(&probe, m->items, m->n, sizeof(*m->items), kv_cmp);
}

static const char *kv_val(struct kvmap *m, const char *set, const char *id)
{
    const struct kv *h = kv_get(m, set, id);

    return h ? h->val : NULL;
}

static void kv_free(struct kvmap *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->items[i].key);
        free(m->items[i].val);
        free(m->items[i].extra);
    }
    free(m->items);
}

struct doc {
    char *identity, *type, *number, *country, *issued, *expires;
};

struct ctx {
    struct list *l;
    const char *file;
    struct kvmap ref;   /* "AliasType:1400" -> "A.K.A." ... and locations */
    struct kvmap ident; /* "Identity:9242" -> entry id */
    struct doc *docs;
    size_t ndocs, docs_alloc;
};

static const char *attr(const struct xml_node *n, const char *name)
{
    const char *v = xml_node_attr(n, name);

    return v && *v ? v : NULL;
}

static void read_refs(struct ctx *c, const struct xml_node *sets)
{
    for (size_t i = 0; i < sets->nchildren; i++) {
        const struct xml_node *set = &sets->children[i];

        for (size_t k = 0; k < set->nchildren; k++) {
            const struct xml_node *v = &set->children[k];
            const char *extra = attr(v, "ISO2");

            if (!extra)
                extra = attr(v, "PartyTypeID");
            if (attr(v, "ID"))
                kv_put(&c->ref, v->name, attr(v, "ID"), v->text, extra);
        }
    }
}

/* Collects every <Value> text below n, in document order. */
static void values(const struct xml_node *n, struct strbuf *sb)
{
    for (size_t i = 0; i < n->nchildren; i++) {
        const struct xml_node *ch = &n->children[i];

        if (strcmp(ch->name, "Value") == 0 && *ch->text) {
            if (sb->len)
                strbuf_addstr(sb, ", ");
            strbuf_addstr(sb, ch->text);
        } else {
            values(ch, sb);
        }
    }
}

static void read_location(struct ctx *c, const struct xml_node *loc)
{
    struct strbuf sb = STRBUF_INIT;
    const struct xml_node *lc = xml_child(loc, "LocationCountry");
    const struct kv *country =
        lc ? kv_get(&c->ref, "Country", attr(lc, "CountryID")) : NULL;

    values(loc, &sb);
    if (country) {
        if (sb.len)
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, country->val);
    }
    if (attr(loc, "ID"))
        kv_put(&c->ref, "Location", attr(loc, "ID"), sb.buf,
               country ? (country->extra ? country->extra : country->val)
                       : NULL);
    strbuf_release(&sb);
}

/* One <From>/<To>: "1965-07-04"; fills y/m/d. */
static bool ymd(const struct xml_node *n, int *y, int *m, int *d)
{
    const char *ys = xml_child_text(n, "Year");

    if (!ys)
        return false;
    *y = (int)strtol(ys, NULL, 10);
    *m = xml_child_text(n, "Month")
             ? (int)strtol(xml_child_text(n, "Month"), NULL, 10)
             : 0;
    *d = xml_child_text(n, "Day")
             ? (int)strtol(xml_child_text(n, "Day"), NULL, 10)
             : 0;
    return true;
}

static int dim(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return m >= 1 && m <= 12 ? days[m - 1] : 31;
}

/* A DatePeriod as date text: a day, a month, a year or "A to B". */
static bool date_period(const struct xml_node *dp, char *out, size_t n)
{
    const struct xml_node *st = xml_child(dp, "Start");
    const struct xml_node *en = xml_child(dp, "End");
    const struct xml_node *from = st ? xml_child(st, "From") : NULL;
    const struct xml_node *to = en ? xml_child(en, "To") : NULL;
    const char *approx = st ? attr(st, "Approximate") : NULL;
    const char *pre = approx && strcmp(approx, "true") == 0 ? "circa " : "";
    int y1, m1, d1, y2, m2, d2;

    if (!from || !ymd(from, &y1, &m1, &d1))
        return false;
    if (!to || !ymd(to, &y2, &m2, &d2)) {
        y2 = y1;
        m2 = m1;
        d2 = d1;
    }
    if (y1 == y2 && m1 == m2 && d1 == d2)
        snprintf(out, n, "%s%04d-%02d-%02d", pre, y1, m1, d1);
    else if (y1 == y2 && m1 == m2 && d1 == 1 && d2 == dim(y2, m2))
        snprintf(out, n, "%s%04d-%02d", pre, y1, m1);
    else if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
        snprintf(out, n, "%s%04d", pre, y1);
    else if (m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
        snprintf(out, n, "%s%04d to %04d", pre, y1, y2);
    else
        snprintf(out, n, "%s%04d-%02d-%02d to %04d-%02d-%02d", pre, y1, m1, d1,
                 y2, m2, d2);
    return true;
}

static void read_doc(struct ctx *c, const struct xml_node *d)
{
    struct doc *o;
    const struct kv *country =
        kv_get(&c->ref, "Country", attr(d, "IssuedBy-CountryID"));
    const char *type =
        kv_val(&c->ref, "IDRegDocType", attr(d, "IDRegDocTypeID"));
    char date[64];

    ALLOC_GROW(c->docs, c->ndocs + 1, c->docs_alloc);
    o = &c->docs[c->ndocs++];
    memset(o, 0, sizeof(*o));
    o->identity = xstrdup(attr(d, "IdentityID") ? attr(d, "IdentityID") : "");
    o->type = xstrdup(type ? type : "id");
    o->number = xstrdup(xml_child_text(d, "IDRegistrationNo")
                            ? xml_child_text(d, "IDRegistrationNo")
                            : "");
    if (country)
        o->country = xstrdup(country->extra ? country->extra : country->val);
    for (size_t i = 0; i < d->nchildren; i++) {
        const struct xml_node *dd = &d->children[i];
        const struct xml_node *dp = xml_child(dd, "DatePeriod");
        const char *dt;

        if (strcmp(dd->name, "DocumentDate") != 0 || !dp ||
            !date_period(dp, date, sizeof(date)))
            continue;
        dt =
            kv_val(&c->ref, "IDRegDocDateType", attr(dd, "IDRegDocDateTypeID"));
        if (dt && strstr(dt, "Expir")) {
            free(o->expires);
            o->expires = xstrdup(date);
        } else {
            free(o->issued);
            o->issued = xstrdup(date);
        }
    }
}

static const char *doc_type(const char *t)
{
    if (strcmp(t, "Passport") == 0)
        return "passport";
    if (strncmp(t, "National ID", 11) == 0)
        return "national id";
    if (strncmp(t, "Tax ID", 6) == 0)
        return "tax id";
    if (strncmp(t, "Vessel Registration", 19) == 0)
        return "imo";
    return t;
}

/* The NamePartType text ("Last Name", ...) of a NamePartGroup id. */
static const char *part_type(struct ctx *c, const struct xml_node *identity,
                             const char *group)
{
    const struct xml_node *groups = xml_child(identity, "NamePartGroups");

    if (!groups || !group)
        return NULL;
    for (size_t i = 0; i < groups->nchildren; i++) {
        const struct xml_node *m = &groups->children[i];

        for (size_t k = 0; k < m->nchildren; k++) {
            const char *id = attr(&m->children[k], "ID");

            if (id && strcmp(id, group) == 0)
                return kv_val(&c->ref, "NamePartType",
                              attr(&m->children[k], "NamePartTypeID"));
        }
    }
    return NULL;
}

/*
 * One documented name as sdn.csv prints it: "LAST, First Middle" when a
 * part is typed Last Name, else the parts in order.
 */
static void documented_name(struct ctx *c, const struct xml_node *identity,
                            const struct xml_node *dn, struct strbuf *sb)
{
    struct strbuf rest = STRBUF_INIT;
    bool have_last = false;

    for (size_t p = 0; p < dn->nchildren; p++) {
        const struct xml_node *v = xml_child(&dn->children[p], "NamePartValue");
        const char *t;

        if (!v || !*v->text)
            continue;
        t = part_type(c, identity, attr(v, "NamePartGroupID"));
        if (t && strcmp(t, "Last Name") == 0) {
            if (sb->len)
                strbuf_addch(sb, ' ');
            strbuf_addstr(sb, v->text);
            have_last = true;
        } else {
            if (rest.len)
                strbuf_addch(&rest, ' ');
            strbuf_addstr(&rest, v->text);
        }
    }
    if (have_last && rest.len)
        strbuf_addstr(sb, ", ");
    strbuf_addstr(sb, rest.buf);
    strbuf_release(&rest);
}

static void add_alias(struct ctx *c, struct list_entry *en,
                      const struct xml_node *identity,
                      const struct xml_node *alias)
{
    const char *t = kv_val(&c->ref, "AliasType", attr(alias, "AliasTypeID"));
    const char *prim = attr(alias, "Primary");
    const char *low = attr(alias, "LowQuality");
    enum list_name_kind k = LIST_NAME_AKA;

    if (prim && strcmp(prim, "true") == 0)
        k = LIST_NAME_PRIMARY;
    else if (low && strcmp(low, "true") == 0)
        k = LIST_NAME_WEAK;
    else if (t && strcmp(t, "F.K.A.") == 0)
        k = LIST_NAME_FKA;
    for (size_t i = 0; i < alias->nchildren; i++) {
        const struct xml_node *dn = &alias->children[i];
        struct strbuf sb = STRBUF_INIT;

        if (strcmp(dn->name, "DocumentedName") != 0)
            continue;
        documented_name(c, identity, dn, &sb);
        list_add_name(c->l, en, sb.buf, k);
        /* Only the first documented name of the primary alias is it. */
        if (k == LIST_NAME_PRIMARY)
            k = LIST_NAME_AKA;
        strbuf_release(&sb);
    }
}

static void add_feature(struct ctx *c, struct list_entry *en,
                        const struct xml_node *f)
{
    const char *t = kv_val(&c->ref, "FeatureType", attr(f, "FeatureTypeID"));

    if (!t)
        return;
    for (size_t i = 0; i < f->nchildren; i++) {
        const struct xml_node *fv = &f->children[i];
        const struct xml_node *dp = xml_child(fv, "DatePeriod");
        const struct xml_node *vl = xml_child(fv, "VersionLocation");
        const struct xml_node *vd = xml_child(fv, "VersionDetail");
        const struct kv *loc =
            vl ? kv_get(&c->ref, "Location", attr(vl, "LocationID")) : NULL;
        char date[64];

        if (strcmp(fv->name, "FeatureVersion") != 0)
            continue;
        if (strcmp(t, "Birthdate") == 0 && dp &&
            date_period(dp, date, sizeof(date)))
            list_add_dob(c->l, en, date);
        else if (strcmp(t, "Place of Birth") == 0 && loc)
            list_add_pob(c->l, en, loc->val);
        else if (strcmp(t, "Nationality Country") == 0 && loc)
            list_add_nationality(c->l, en, loc->extra ? loc->extra : loc->val);
        else if (strcmp(t, "Citizenship Country") == 0 && loc)
            list_add_citizenship(c->l, en, loc->extra ? loc->extra : loc->val);
        else if (strcmp(t, "Location") == 0 && loc)
            list_add_address(c->l, en, loc->val, loc->extra);
        else if (strcmp(t, "Gender") == 0 && vd) {
            const char *g = *vd->text ? vd->text
                                      : kv_val(&c->ref, "DetailReference",
                                               attr(vd, "DetailReferenceID"));

            if (g && strcmp(g, "Male") == 0)
                en->gender = "male";
            else if (g && strcmp(g, "Female") == 0)
                en->gender = "female";
        }
    }
}

static enum err_code read_party(struct ctx *c, const struct xml_node *dp,
                                struct err *e)
{
    const struct xml_node *prof = xml_child(dp, "Profile");
    const char *id = attr(dp, "FixedRef");
    struct list_entry *en;
    enum err_code rc;

    if (!id || !prof)
        return err_set(e, ERR_INVALID,
                       "%s:%d: <DistinctParty> without FixedRef or Profile",
                       c->file, dp->line);
    rc = list_add_entry(c->l, id, &en, e);
    if (rc) {
        err_prefix(e, "%s:%d", c->file, dp->line);
        return rc;
    }
    {
        const struct kv *sub =
            kv_get(&c->ref, "PartySubType", attr(prof, "PartySubTypeID"));
        const char *party =
            sub ? kv_val(&c->ref, "PartyType", sub->extra) : NULL;

        if (sub && strcmp(sub->val, "Vessel") == 0)
            en->type = LIST_TYPE_VESSEL;
        else if (sub && strcmp(sub->val, "Aircraft") == 0)
            en->type = LIST_TYPE_AIRCRAFT;
        else if (party && strcmp(party, "Individual") == 0)
            en->type = LIST_TYPE_PERSON;
        else if (party)
            en->type = LIST_TYPE_ENTITY;
    }
    /* Primary aliases first, so names[0] is the primary name. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < prof->nchildren; i++) {
            const struct xml_node *idn = &prof->children[i];

            if (strcmp(idn->name, "Identity") != 0)
                continue;
            if (pass == 0 && attr(idn, "ID"))
                kv_put(&c->ident, "Identity", attr(idn, "ID"), id, NULL);
            for (size_t k = 0; k < idn->nchildren; k++) {
                const struct xml_node *al = &idn->children[k];
                const char *prim = attr(al, "Primary");
                bool is_prim = prim && strcmp(prim, "true") == 0;

                if (strcmp(al->name, "Alias") == 0 && is_prim == (pass == 0))
                    add_alias(c, en, idn, al);
            }
        }
    }
    for (size_t i = 0; i < prof->nchildren; i++)
        if (strcmp(prof->children[i].name, "Feature") == 0)
            add_feature(c, en, &prof->children[i]);
    return ERR_OK;
}

static void read_entry(struct ctx *c, const struct xml_node *se)
{
    struct list_entry *en = list_find(c->l, attr(se, "ProfileID"));

    if (!en)
        return;
    for (size_t i = 0; i < se->nchildren; i++) {
        const struct xml_node *ch = &se->children[i];

        if (strcmp(ch->name, "EntryEvent") == 0 && !en->listed) {
            const struct xml_node *d = xml_child(ch, "Date");
            int y, m, dd;

            if (d && ymd(d, &y, &m, &dd)) {
                char buf[16];

                snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, dd);
                en->listed = list_strdup(c->l, buf);
            }
        } else if (strcmp(ch->name, "SanctionsMeasure") == 0) {
            const char *tid = attr(ch, "SanctionsTypeID");
            const char *t = kv_val(&c->ref, "SanctionsType", tid);

            if ((t && strcmp(t, "Program") == 0) ||
                (!t && tid && strcmp(tid, "1") == 0))
                list_add_program(c->l, en, xml_child_text(ch, "Comment"));
        }
    }
}

static void apply_docs(struct ctx *c)
{
    for (size_t i = 0; i < c->ndocs; i++) {
        struct doc *d = &c->docs[i];
        struct list_entry *en =
            list_find(c->l, kv_val(&c->ident, "Identity", d->identity));
        struct list_ident id = {0};

        if (!en)
            continue;
        id.type = doc_type(d->type);
        id.number = d->number;
        id.country = d->country;
        id.issued = d->issued;
        id.expires = d->expires;
        list_add_ident(c->l, en, &id);
    }
}

static void ctx_free(struct ctx *c)
{
    kv_free(&c->ref);
    kv_free(&c->ident);
    for (size_t i = 0; i < c->ndocs; i++) {
        free(c->docs[i].identity);
        free(c->docs[i].type);
        free(c->docs[i].number);
        free(c->docs[i].country);
        free(c->docs[i].issued);
        free(c->docs[i].expires);
    }
    free(c->docs);
}

/* One top-level element of the file: the date, a reference table, or a
 * party or entry (which may refer to what came before). */
static enum err_code ofac_record(struct list *l, const struct xml_node *n,
                                 const char *file, void *vctx, struct err *e)
{
    struct ctx *c = vctx;

    c->file = file;
    if (strcmp(n->name, "DateOfIssue") == 0) {
        int y, m, d;

        if (ymd(n, &y, &m, &d)) {
            char buf[16];

            snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
            l->published = list_strdup(l, buf);
        }
    } else if (strcmp(n->name, "ReferenceValueSets") == 0) {
        read_refs(c, n);
    } else if (strcmp(n->name, "Location") == 0) {
        read_location(c, n);
    } else if (strcmp(n->name, "IDRegDocument") == 0) {
        read_doc(c, n);
    } else if (strcmp(n->name, "DistinctParty") == 0) {
        return read_party(c, n, e);
    } else {
        read_entry(c, n);
    }
    return ERR_OK;
}

static const char *const ofac_records[] = {
    "DateOfIssue",   "ReferenceValueSets", "Location", "IDRegDocument",
    "DistinctParty", "SanctionsEntry",     NULL};

static const struct list_xml ofac_xml = {
    "us-ofac-sdn", "us",         "ofac-xml", "Sanctions", "OFAC advanced XML",
    NULL,          ofac_records, 2000000,    65536,       ofac_record,
};

/* After the last record: identity documents onto their parties. */
static enum err_code finish(struct list *l, struct ctx *c, enum err_code rc)
{
    if (!rc) {
        apply_docs(c);
        list_finish(l);
    }
    ctx_free(c);
    return rc;
}

enum err_code list_load_ofac_xml(const char *path, struct list *l,
                                 struct err *e)
{
    struct ctx c;

    memset(&c, 0, sizeof(c));
    c.l = l;
    return finish(l, &c, list_xml_load(path, l, &ofac_xml, &c, e));
}

enum err_code list_parse_ofac_xml_mem(const void *data, size_t len,
                                      const char *name, struct list *l,
                                      struct err *e)
{
    struct ctx c;

    memset(&c, 0, sizeof(c));
    c.l = l;
    return finish(l, &c,
                  list_xml_load_mem(data, len, name, l, &ofac_xml, &c, e));
}
