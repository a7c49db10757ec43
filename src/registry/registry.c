/*
 * registry: maps BODS, Companies House and Hong Kong registry records
 * onto case entities (Person, Company, Organization, Ownership) and
 * writes them through case_prop_add with the file's Source cited.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/case.h"
#include "formats/bods.h"
#include "formats/ch.h"
#include "formats/csv.h"
#include "formats/hkco.h"
#include "graph/graph.h"
#include "registry/registry.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char *const format_names[] = {NULL, "bods", "ch-psc", "ch-basic",
                                           "hk-companies"};

bool registry_format_parse(const char *name, enum registry_format *out)
{
    for (int i = REGISTRY_BODS; i <= REGISTRY_HK_COMPANIES; i++)
        if (name && strcmp(name, format_names[i]) == 0) {
            *out = (enum registry_format)i;
            return true;
        }
    return false;
}

const char *registry_format_name(enum registry_format f)
{
    return f >= REGISTRY_BODS && f <= REGISTRY_HK_COMPANIES ? format_names[f]
                                                            : "?";
}

/* --- writing ---------------------------------------------------------------*/

struct idmap_pair {
    char *key, *id;
};

struct imp {
    struct store *st;
    const char *name;
    struct registry_stats *stats;
    struct err *e;
    enum err_code rc; /* first fatal error */
    bool publisher_set;
    /* BODS: recordId -> entity id, sorted after pass 1 */
    struct idmap_pair *map;
    size_t nmap, map_alloc;
};

static bool has_han(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9)
            return true;
    return false;
}

static const char *name_lang(const char *s)
{
    bool letters = false;

    if (has_han(s))
        return "Hani";
    for (; *s; s++) {
        if ((unsigned char)*s >= 0x80)
            return NULL;
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            letters = true;
    }
    return letters ? "Latn" : NULL;
}

/* Creates the entity unless it exists; false after a fatal error. */
static bool ent(struct imp *im, const char *schema, const char *id)
{
    struct err le = ERR_INIT;

    if (im->rc)
        return false;
    if (store_entity_exists(im->st, id)) {
        im->stats->reused++;
        return true;
    }
    if (case_entity_add(im->st, schema, id, NULL, NULL, &le)) {
        im->rc = err_set(im->e, le.code, "%s: %s", im->name, le.msg);
        return false;
    }
    im->stats->entities++;
    return true;
}

static void val_lang(struct imp *im, const char *id, const char *prop,
                     const char *value, const char *lang)
{
    struct case_stmt_opts so = {lang,
                                NULL,
                                im->stats->source_id,
                                STORE_CONF_CONFIRMED,
                                NULL,
                                CASE_LENIENT | CASE_SKIP_SAME};
    struct err le = ERR_INIT;
    int64_t sid = 0;

    if (im->rc || !value || !*value)
        return;
    if (case_prop_add(im->st, id, prop, value, &so, &sid, &le)) {
        if (le.code == ERR_DB || le.code == ERR_NOTFOUND) {
            im->rc = err_set(im->e, le.code, "%s: %s", im->name, le.msg);
            return;
        }
        im->stats->skipped++; /* a value no check can keep (not UTF-8 ..) */
        return;
    }
    if (sid)
        im->stats->statements++;
    else
        im->stats->unchanged++; /* the case has it already (re-import) */
}

static void val(struct imp *im, const char *id, const char *prop,
                const char *value)
{
    val_lang(im, id, prop, value, NULL);
}

static void name_val(struct imp *im, const char *id, const char *prop,
                     const char *value)
{
    if (value)
        val_lang(im, id, prop, value, name_lang(value));
}

static enum err_code make_source(struct imp *im, enum registry_format fmt)
{
    struct strbuf sb = STRBUF_INIT;
    char now[32];
    static const char *const titles[] = {
        NULL, "Open Ownership BODS file", "Companies House PSC snapshot",
        "Companies House BasicCompanyData", "Hong Kong company list"};
    struct case_stmt_opts so = {NULL, NULL,        NULL, STORE_CONF_CONFIRMED,
                                NULL, CASE_LENIENT};
    const char *base = strrchr(im->name, '/');
    enum err_code rc;

    base = base ? base + 1 : im->name;
    rc = case_entity_add(im->st, "Source", NULL, NULL, im->stats->source_id,
                         im->e);
    if (rc)
        return rc;
    strbuf_addf(&sb, "%s %s", titles[fmt], base);
    rc = case_prop_add(im->st, im->stats->source_id, "name", sb.buf, &so, NULL,
                       im->e);
    if (!rc)
        rc = case_prop_add(im->st, im->stats->source_id, "kind",
                           fmt == REGISTRY_BODS ? "dataset" : "registry", &so,
                           NULL, im->e);
    date_now_iso(now);
    now[10] = '\0';
    if (!rc)
        rc = case_prop_add(im->st, im->stats->source_id, "accessedAt", now, &so,
                           NULL, im->e);
    strbuf_reset(&sb);
    strbuf_addf(&sb, "imported by 'dossier import --format %s' from %s",
                registry_format_name(fmt), im->name);
    if (!rc)
        rc = case_prop_add(im->st, im->stats->source_id, "description", sb.buf,
                           &so, NULL, im->e);
    strbuf_release(&sb);
    return rc;
}

/* --- countries as registers write them
 * ---------------------------------------*/

static const char *const demonyms[][2] = {
    {"british", "gb"},
    {"english", "gb"},
    {"welsh", "gb"},
    {"scottish", "gb"},
    {"northern irish", "gb"},
    {"england", "gb"},
    {"wales", "gb"},
    {"scotland", "gb"},
    {"northern ireland", "gb"},
    {"united kingdom", "gb"},
    {"england and wales", "gb"},
    {"great britain", "gb"},
    {"uk", "gb"},
    {"irish", "ie"},
    {"american", "us"},
    {"chinese", "cn"},
    {"hong kong", "hk"},
    {"hongkonger", "hk"},
    {"hong konger", "hk"},
    {"hong kong chinese", "hk"},
    {"macanese", "mo"},
    {"taiwanese", "tw"},
    {"indian", "in"},
    {"canadian", "ca"},
    {"australian", "au"},
    {"new zealander", "nz"},
    {"french", "fr"},
    {"german", "de"},
    {"italian", "it"},
    {"spanish", "es"},
    {"portuguese", "pt"},
    {"dutch", "nl"},
    {"polish", "pl"},
    {"romanian", "ro"},
    {"russian", "ru"},
    {"swiss", "ch"},
    {"swedish", "se"},
    {"japanese", "jp"},
    {"singaporean", "sg"},
    {"malaysian", "my"},
    {"pakistani", "pk"},
    {"nigerian", "ng"},
    {"south african", "za"},
    {"bulgarian", "bg"},
    {"lithuanian", "lt"},
    {"greek", "gr"},
};

/* A country as registers write it, as alpha-2; the text itself if unknown
 * (kept as written by the lenient import). */
static const char *country_text(const char *s)
{
    const char *code;

    if (!s)
        return NULL;
    for (size_t i = 0; i < sizeof(demonyms) / sizeof(demonyms[0]); i++)
        if (strcasecmp(s, demonyms[i][0]) == 0)
            return demonyms[i][1];
    code = schema_country_code(s);
    return code ? code : s;
}

/* --- BODS
 * --------------------------------------------------------------------*/

static int pair_cmp(const void *a, const void *b)
{
    return strcmp(((const struct idmap_pair *)a)->key,
                  ((const struct idmap_pair *)b)->key);
}

static const char *map_find(struct imp *im, const char *key)
{
    struct idmap_pair k = {(char *)key, NULL}, *p;

    if (!im->nmap)
        return NULL;
    p = bsearch(&k, im->map, im->nmap, sizeof(*im->map), pair_cmp);
    return p ? p->id : NULL;
}

static void map_add(struct imp *im, const char *key, const char *id)
{
    ALLOC_GROW(im->map, im->nmap + 1, im->map_alloc);
    im->map[im->nmap].key = xstrdup(key);
    im->map[im->nmap].id = xstrdup(id);
    im->nmap++;
}

static const char *bods_schema(const struct bods_statement *s)
{
    if (s->kind == BODS_PERSON)
        return "Person";
    if (s->entity_type && (strcmp(s->entity_type, "state") == 0 ||
                           strcmp(s->entity_type, "stateBody") == 0 ||
                           strcmp(s->entity_type, "arrangement") == 0))
        return "Organization";
    return "Company";
}

static int bods_party(const struct bods_statement *s, void *ctx)
{
    struct imp *im = ctx;
    char id[ID_MAX_LEN + 1];

    if (s->kind == BODS_RELATIONSHIP)
        return 0;
    im->stats->records++;
    if (!im->publisher_set && s->publisher) {
        val(im, im->stats->source_id, "publisher", s->publisher);
        im->publisher_set = true;
    }
    /*
     * Several statements of one record (new, updated) derive the same id
     * and so make one entity; a UK company is keyed by its number.
     */
    ids_derive("bods", s->record_id, id);
    for (size_t i = 0; i < s->nidents; i++)
        if (s->idents[i].scheme && strcmp(s->idents[i].scheme, "GB-COH") == 0)
            ids_derive("gb-coh", s->idents[i].id, id);
    if (!ent(im, bods_schema(s), id))
        return 1;
    map_add(im, s->record_id, id);
    for (size_t i = 0; i < s->nnames; i++) {
        const char *t = s->names[i].type;
        name_val(im, id,
                 !t || strcmp(t, "legal") == 0 ? "name"
                 : strcmp(t, "birth") == 0     ? "previousName"
                                               : "alias",
                 s->names[i].full);
    }
    if (!s->nnames)
        val(im, id, "name",
            s->kind == BODS_PERSON ? "(unknown or anonymous person)"
                                   : "(unknown or anonymous entity)");
    for (size_t i = 0; i < s->nidents; i++) {
        const struct bods_ident *d = &s->idents[i];
        if (d->scheme && strcmp(d->scheme, "GB-COH") == 0)
            val(im, id, "registrationNumber", d->id);
        else if (d->scheme && strcmp(d->scheme, "XI-LEI") == 0)
            val(im, id, "leiCode", d->id);
        else if (s->kind == BODS_PERSON && d->scheme &&
                 strstr(d->scheme, "PASSPORT"))
            val(im, id, "passportNumber", d->id);
        else
            val(im, id, "idNumber", d->id);
    }
    if (s->kind == BODS_PERSON) {
        for (size_t i = 0; i < s->ncountries; i++)
            val(im, id, "nationality", country_text(s->countries[i]));
        for (size_t i = 0; i < s->ntax; i++)
            val(im, id, "country", country_text(s->tax_residencies[i]));
        val(im, id, "birthDate", s->birth_date);
        val(im, id, "deathDate", s->death_date);
        if (s->pep)
            val(im, id, "topics", "role.pep");
    } else {
        val(im, id, "jurisdiction", country_text(s->jurisdiction));
        val(im, id, "incorporationDate", s->founding_date);
        val(im, id, "dissolutionDate", s->dissolution_date);
        if (s->entity_type && strcmp(s->entity_type, "registeredEntity") != 0)
            val(im, id, "legalForm",
                s->entity_subtype ? s->entity_subtype : s->entity_type);
    }
    for (size_t i = 0; i < s->naddresses; i++) {
        val(im, id, "address", s->addresses[i]);
        val(im, id, "country", country_text(s->address_countries[i]));
    }
    return im->rc ? 1 : 0;
}

/* BODS share as our percentage text: "60", "25-50", ">25"; NULL if none. */
static void share_text(const struct bods_share *sh, char *out, size_t n)
{
    out[0] = '\0';
    if (sh->exact)
        snprintf(out, n, "%s", sh->exact);
    else if (sh->min && sh->max)
        snprintf(out, n, "%s-%s", sh->min, sh->max);
    else if (sh->min)
        snprintf(out, n, ">%s", sh->min);
    else if (sh->max)
        snprintf(out, n, "<%s", sh->max);
}

static const char *party_id(struct imp *im, const char *record_id,
                            char buf[ID_MAX_LEN + 1])
{
    const char *id = map_find(im, record_id);

    if (id)
        return id;
    ids_derive("bods", record_id, buf);
    return store_entity_exists(im->st, buf) ? buf : NULL;
}

static int bods_link(const struct bods_statement *s, void *ctx)
{
    struct imp *im = ctx;
    char b1[ID_MAX_LEN + 1], b2[ID_MAX_LEN + 1], id[ID_MAX_LEN + 1];
    const char *owner, *asset;
    struct strbuf key = STRBUF_INIT, comp = STRBUF_INIT;
    size_t n = s->ninterests ? s->ninterests : 1;

    if (s->kind != BODS_RELATIONSHIP)
        return 0;
    im->stats->records++;
    owner = s->interested_party ? party_id(im, s->interested_party, b1) : NULL;
    asset = s->subject ? party_id(im, s->subject, b2) : NULL;
    if (!owner || !asset) {
        im->stats->skipped++; /* unspecified or unknown party */
        return 0;
    }
    for (size_t i = 0; i < s->ncomponents; i++)
        strbuf_addf(&comp, "%s%s", i ? ", " : "indirect, through records ",
                    s->components[i]);
    for (size_t i = 0; i < n && !im->rc; i++) {
        const struct bods_interest *in =
            s->ninterests ? &s->interests[i] : NULL;
        char pct[96];
        struct graph_pct p;

        strbuf_reset(&key);
        strbuf_addf(&key, "%s#%zu", s->record_id, i);
        ids_derive("bods-own", key.buf, id);
        if (store_entity_exists(im->st, id))
            continue; /* a later statement of the same record */
        if (!ent(im, "Ownership", id))
            break;
        im->stats->links++;
        val(im, id, "owner", owner);
        val(im, id, "asset", asset);
        val(im, id, "recordId", s->record_id);
        val(im, id, "status", s->record_status);
        if (comp.len)
            val(im, id, "description", comp.buf);
        if (!in)
            continue;
        share_text(&in->share, pct, sizeof(pct));
        val(im, id, "percentage", pct[0] ? pct : NULL);
        graph_pct_parse(pct, &p);
        if ((p.flags & GRAPH_PCT_INVALID) ||
            ((p.flags & GRAPH_PCT_MISSING) && in->type &&
             strcmp(in->type, "shareholding") == 0))
            im->stats->flagged++;
        val(im, id, "ownershipType", in->type);
        val(im, id, "role", in->direct);
        if (in->beneficial == 1)
            val(im, id, "summary", "beneficial ownership or control");
        val(im, id, "startDate", in->start_date);
        val(im, id, "endDate", in->end_date);
        val(im, id, "notes", in->details);
    }
    strbuf_release(&key);
    strbuf_release(&comp);
    return im->rc ? 1 : 0;
}

static enum err_code import_bods(struct imp *im, const char *data, size_t len)
{
    enum err_code rc = bods_parse(data, len, im->name, bods_party, im, im->e);

    if (!rc)
        rc = im->rc;
    if (rc)
        return rc;
    if (im->nmap)
        qsort(im->map, im->nmap, sizeof(*im->map), pair_cmp);
    rc = bods_parse(data, len, im->name, bods_link, im, im->e);
    return rc ? rc : im->rc;
}

/* --- Companies House
 * ---------------------------------------------------------*/

static void company_number_id(const char *number, char out[ID_MAX_LEN + 1])
{
    ids_derive("gb-coh", number, out);
}

static bool uk_registered(const struct bods_psc *p)
{
    const char *c = p->country_registered, *pl = p->place_registered;

    return (pl && strcasestr(pl, "companies house")) ||
           (c &&
            (strcasestr(c, "england") || strcasestr(c, "wales") ||
             strcasestr(c, "scotland") || strcasestr(c, "united kingdom")));
}

/* "ownership-of-shares-25-to-50-percent..." -> "25-50"; else "". */
static void nature_pct(const char *nature, char *out, size_t n)
{
    const char *p = strstr(nature, "-percent");
    const char *q;

    out[0] = '\0';
    if (!p)
        return;
    if ((q = strstr(nature, "more-than-")) && q < p) {
        snprintf(out, n, ">%.*s", (int)(p - q - 10), q + 10);
        return;
    }
    for (q = p; q > nature && q[-1] != '-'; q--)
        ;
    /* q: start of the upper figure; look for "-to-" before it. */
    if (q - nature >= 5 && strncmp(q - 4, "-to-", 4) == 0) {
        const char *lo = q - 4;
        const char *ls = lo;
        while (ls > nature && ls[-1] != '-')
            ls--;
        snprintf(out, n, "%.*s-%.*s", (int)(lo - ls), ls, (int)(p - q), q);
    }
}

static const char *psc_schema(const char *kind)
{
    if (strstr(kind, "individual") || strstr(kind, "super-secure"))
        return "Person";
    if (strstr(kind, "corporate-entity"))
        return "Company";
    if (strstr(kind, "legal-person"))
        return "Organization";
    return NULL;
}

static int psc_record(const struct bods_psc *p, void *ctx)
{
    struct imp *im = ctx;
    char cid[ID_MAX_LEN + 1], pid[ID_MAX_LEN + 1], oid[ID_MAX_LEN + 1];
    struct strbuf sb = STRBUF_INIT;
    const char *schema;

    im->stats->records++;
    company_number_id(p->company_number, cid);
    if (!ent(im, "Company", cid))
        return 1;
    if (strstr(p->kind, "statement") || strstr(p->kind, "exemption")) {
        strbuf_addf(&sb, "PSC %s: %s",
                    strstr(p->kind, "exemption") ? "exemption" : "statement",
                    p->statement ? p->statement : p->kind);
        if (p->notified_on || p->ceased_on)
            strbuf_addf(&sb, " (%s..%s)", p->notified_on ? p->notified_on : "",
                        p->ceased_on ? p->ceased_on : "");
        val(im, cid, "notes", sb.buf);
        strbuf_release(&sb);
        return im->rc ? 1 : 0;
    }
    schema = psc_schema(p->kind);
    if (!schema) {
        im->stats->skipped++;
        return 0;
    }
    if (strcmp(schema, "Company") == 0 && p->reg_number && uk_registered(p))
        company_number_id(p->reg_number, pid);
    else {
        strbuf_addf(&sb, "%s|%s|%s", p->company_number,
                    p->self_link ? p->self_link : "", p->name ? p->name : "");
        ids_derive("gb-psc", sb.buf, pid);
    }
    if (!ent(im, schema, pid))
        goto out;
    if (strstr(p->kind, "super-secure"))
        val(im, pid, "name",
            "(super-secure PSC: details withheld by Companies House)");
    name_val(im, pid, "name", p->name);
    if (strcmp(schema, "Person") == 0) {
        val(im, pid, "title", p->title);
        name_val(im, pid, "firstName", p->forename);
        name_val(im, pid, "middleName", p->middle_name);
        name_val(im, pid, "lastName", p->surname);
        val(im, pid, "nationality", country_text(p->nationality));
        val(im, pid, "country", country_text(p->country_of_residence));
        if (p->birth_year > 0) {
            char dob[32];
            if (p->birth_month > 0)
                snprintf(dob, sizeof(dob), "%04d-%02d", p->birth_year,
                         p->birth_month);
            else
                snprintf(dob, sizeof(dob), "%04d", p->birth_year);
            val(im, pid, "birthDate", dob);
        }
    } else {
        val(im, pid, "registrationNumber", p->reg_number);
        val(im, pid, "legalForm", p->legal_form);
        val(im, pid, "jurisdiction", country_text(p->country_registered));
    }
    val(im, pid, "address", p->address);
    for (size_t i = 0; i < p->nnatures && !im->rc; i++) {
        const char *nat = p->natures[i];
        char pct[64];

        strbuf_reset(&sb);
        strbuf_addf(&sb, "%s|%s|%s", pid, cid, nat);
        ids_derive("gb-psc-noc", sb.buf, oid);
        if (store_entity_exists(im->st, oid) || !ent(im, "Ownership", oid))
            continue;
        im->stats->links++;
        val(im, oid, "owner", pid);
        val(im, oid, "asset", cid);
        val(im, oid, "ownershipType", nat);
        /* Only shares are a percentage held; votes are control. */
        nature_pct(nat, pct, sizeof(pct));
        if (strncmp(nat, "ownership-of-shares", 19) == 0) {
            if (pct[0])
                val(im, oid, "percentage", pct);
            else
                im->stats->flagged++;
        }
        val(im, oid, "startDate", p->notified_on);
        val(im, oid, "endDate", p->ceased_on);
    }
out:
    strbuf_release(&sb);
    return im->rc ? 1 : 0;
}

static int ch_company(const struct ch_company *c, void *ctx)
{
    struct imp *im = ctx;
    char id[ID_MAX_LEN + 1];
    struct strbuf sb = STRBUF_INIT;
    const char *parts[] = {c->care_of,   c->po_box, c->address1, c->address2,
                           c->post_town, c->county, c->postcode};

    im->stats->records++;
    company_number_id(c->number, id);
    if (!ent(im, "Company", id))
        return 1;
    name_val(im, id, "name", c->name);
    val(im, id, "registrationNumber", c->number);
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        if (parts[i])
            strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", parts[i]);
    if (c->country)
        strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", c->country);
    val(im, id, "address", sb.len ? sb.buf : NULL);
    val(im, id, "country", country_text(c->country));
    val(im, id, "jurisdiction", country_text(c->country_of_origin));
    val(im, id, "legalForm", c->category);
    val(im, id, "status", c->status);
    val(im, id, "incorporationDate", c->incorporation_date);
    val(im, id, "dissolutionDate", c->dissolution_date);
    for (int i = 0; i < 4; i++)
        val(im, id, "sector", c->sic[i]);
    val(im, id, "sourceUrl", c->uri);
    for (int i = 0; i < CH_PREV_NAMES; i++)
        name_val(im, id, "previousName", c->prev_names[i]);
    strbuf_release(&sb);
    return im->rc ? 1 : 0;
}

/* --- Hong Kong
 * -----------------------------------------------------------------*/

static int hk_company(const struct hkco_company *c, void *ctx)
{
    struct imp *im = ctx;
    char id[ID_MAX_LEN + 1];

    im->stats->records++;
    ids_derive("hk-cr", c->cr_number, id);
    if (!ent(im, "Company", id))
        return 1;
    if (c->name_en)
        val_lang(im, id, "name", c->name_en, "Latn");
    if (c->name_zh)
        val_lang(im, id, "name", c->name_zh, "Hani");
    val(im, id, "registrationNumber", c->cr_number);
    val(im, id, "jurisdiction", "hk");
    val(im, id, "incorporationDate", c->incorporated);
    val(im, id, "dissolutionDate", c->dissolved);
    val(im, id, "legalForm", c->type);
    return im->rc ? 1 : 0;
}

/* --- entry points
 * ------------------------------------------------------------*/

static enum err_code run(struct imp *im, enum registry_format fmt,
                         const char *data, size_t len, const char *path)
{
    struct csv_reader *r = NULL;
    enum err_code rc;

    switch (fmt) {
    case REGISTRY_BODS:
        return import_bods(im, data, len);
    case REGISTRY_CH_PSC:
        rc = bods_ch_psc_parse(data, len, im->name, psc_record, im, im->e);
        return rc ? rc : im->rc;
    case REGISTRY_CH_BASIC:
    case REGISTRY_HK_COMPANIES:
        rc = path ? csv_open_file(path, NULL, &r, im->e)
                  : csv_open_mem(data, len, im->name, NULL, &r, im->e);
        if (rc)
            return rc;
        if (fmt == REGISTRY_CH_BASIC)
            rc = ch_basic_read(r, ch_company, im, im->e);
        else
            rc = hkco_read(r, hk_company, im, im->e);
        csv_free(r);
        return rc ? rc : im->rc;
    }
    return err_set(im->e, ERR_INVALID, "unknown import format");
}

static enum err_code import_any(struct store *st, const char *data, size_t len,
                                const char *path, const char *name,
                                enum registry_format fmt,
                                struct registry_stats *stats, struct err *e)
{
    struct imp im;
    enum err_code rc;

    memset(stats, 0, sizeof(*stats));
    memset(&im, 0, sizeof(im));
    im.st = st;
    im.name = name;
    im.stats = stats;
    im.e = e;
    rc = store_begin(st, e);
    if (rc)
        return rc;
    rc = make_source(&im, fmt);
    if (!rc)
        rc = run(&im, fmt, data, len, path);
    if (!rc) {
        struct strbuf d = STRBUF_INIT;
        strbuf_addf(&d,
                    "%s %s: %lld records, %lld entities (%lld existing), "
                    "%lld statements, %lld ownership links, %lld flagged, "
                    "%lld skipped; source %s",
                    registry_format_name(fmt), name, (long long)stats->records,
                    (long long)stats->entities, (long long)stats->reused,
                    (long long)stats->statements, (long long)stats->links,
                    (long long)stats->flagged, (long long)stats->skipped,
                    stats->source_id);
        rc = store_audit_add(st, "import", NULL, d.buf, e);
        strbuf_release(&d);
    }
    if (!rc)
        rc = store_commit(st, e);
    if (rc)
        store_rollback(st);
    for (size_t i = 0; i < im.nmap; i++) {
        free(im.map[i].key);
        free(im.map[i].id);
    }
    free(im.map);
    return rc;
}

enum err_code registry_import_mem(struct store *st, const char *data,
                                  size_t len, const char *name,
                                  enum registry_format fmt,
                                  struct registry_stats *stats, struct err *e)
{
    return import_any(st, data, len, NULL, name, fmt, stats, e);
}

enum err_code registry_import(struct store *st, const char *path,
                              enum registry_format fmt,
                              struct registry_stats *stats, struct err *e)
{
    struct stat sb;
    void *map = NULL;
    int fd;
    enum err_code rc;

    memset(stats, 0, sizeof(*stats));
    if (fmt == REGISTRY_CH_BASIC || fmt == REGISTRY_HK_COMPANIES)
        return import_any(st, NULL, 0, path, path, fmt, stats, e);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return err_set(e, ERR_IO, "cannot read '%s': not a regular file", path);
    }
    if ((uint64_t)sb.st_size > REGISTRY_JSON_MAX) {
        close(fd);
        return err_set(e, ERR_TOOBIG, "'%s' is larger than %zu bytes", path,
                       REGISTRY_JSON_MAX);
    }
    if (sb.st_size > 0) {
        map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            close(fd);
            return err_set(e, ERR_IO, "cannot read '%s': %s", path,
                           strerror(errno));
        }
    }
    close(fd);
    rc = import_any(st, map ? map : "", (size_t)sb.st_size, NULL, path, fmt,
                    stats, e);
    if (map)
        munmap(map, (size_t)sb.st_size);
    return rc;
}
