/*
 * ties: what a person has to lose in a country: nationality and
 * citizenship, residence, property, companies, directorships, bank
 * accounts, vehicles, family members and their ties, children's
 * education. Reads the case through case_entity_load; prints nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "graph/graph.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct ties_ctx {
    struct store *st;
    const char *country; /* alpha-2 filter, or NULL */
    graph_tie_cb cb;
    void *ctx;
    bool stop;
};

static const char *first_value(const struct case_entity *en, const char *prop)
{
    for (size_t i = 0; i < en->nstmts; i++)
        if (!en->stmts[i].is_protected && strcmp(en->stmts[i].prop, prop) == 0)
            return en->stmts[i].value;
    return NULL;
}

static const struct case_stmt *first_stmt(const struct case_entity *en,
                                          const char *prop)
{
    for (size_t i = 0; i < en->nstmts; i++)
        if (!en->stmts[i].is_protected && strcmp(en->stmts[i].prop, prop) == 0)
            return &en->stmts[i];
    return NULL;
}

static enum store_conf worst(enum store_conf a, enum store_conf b)
{
    return a > b ? a : b;
}

static void emit(struct ties_ctx *c, const char *country, const char *kind,
                 const char *what, const char *what_id, const char *record_id,
                 const char *via, enum store_conf conf, const char *source_id)
{
    struct graph_tie t;
    const char *code = country ? schema_country_code(country) : NULL;

    if (c->stop)
        return;
    if (c->country && (!code || strcmp(code, c->country) != 0))
        return;
    t.country = code ? code : country;
    t.kind = kind;
    t.what = what;
    t.what_id = what_id;
    t.record_id = record_id;
    t.via = via;
    t.conf = conf;
    t.source_id = source_id;
    if (c->cb(&t, c->ctx))
        c->stop = true;
}

/* Countries of a thing: its country, jurisdiction, or its address's. */
static void thing_countries(struct ties_ctx *c, const struct case_entity *asset,
                            const char *kind, const char *record_id,
                            const char *via, enum store_conf conf,
                            const char *source_id)
{
    static const char *const props[] = {"country", "jurisdiction",
                                        "mainCountry"};
    bool any = false;

    for (size_t i = 0; i < asset->nstmts && !c->stop; i++) {
        const struct case_stmt *s = &asset->stmts[i];
        for (size_t k = 0; k < sizeof(props) / sizeof(props[0]); k++) {
            if (s->is_protected || strcmp(s->prop, props[k]) != 0)
                continue;
            emit(c, s->value, kind, asset->caption, asset->id, record_id, via,
                 worst(conf, s->conf), source_id ? source_id : s->source_id);
            any = true;
        }
    }
    if (!any) {
        const char *addr = first_value(asset, "addressEntity");
        struct case_entity *ad = NULL;
        struct err e = ERR_INIT;

        if (addr &&
            !case_entity_load(c->st, addr, CASE_LOAD_NO_REFS, &ad, &e)) {
            const struct case_stmt *s = first_stmt(ad, "country");
            if (s) {
                emit(c, s->value, kind, asset->caption, asset->id, record_id,
                     via, worst(conf, s->conf), source_id);
                any = true;
            }
        }
        case_entity_free(ad);
    }
    if (!any)
        emit(c, NULL, kind, asset->caption, asset->id, record_id, via, conf,
             source_id);
}

static const char *asset_kind(const char *schema)
{
    if (strcmp(schema, "RealEstate") == 0)
        return "property";
    if (strcmp(schema, "BankAccount") == 0)
        return "bank-account";
    if (strcmp(schema, "Vehicle") == 0)
        return "vehicle";
    if (strcmp(schema, "Company") == 0 || strcmp(schema, "Organization") == 0)
        return "company";
    return "other";
}

/* The far end of a link record (loaded), or NULL. */
static struct case_entity *
load_end(struct store *st, const struct case_entity *link, const char *prop)
{
    const char *id = first_value(link, prop);
    struct case_entity *en = NULL;
    struct err e = ERR_INIT;

    if (!id || case_entity_load(st, id, CASE_LOAD_NO_REFS, &en, &e))
        return NULL;
    if (strcmp(en->schema, "Victim") == 0) {
        case_entity_free(en);
        return NULL;
    }
    return en;
}

static void person_ties(struct ties_ctx *c, const char *person_id,
                        const char *via, int depth);

static void own_props(struct ties_ctx *c, const struct case_entity *p,
                      const char *via)
{
    for (size_t i = 0; i < p->nstmts && !c->stop; i++) {
        const struct case_stmt *s = &p->stmts[i];
        const char *kind = NULL;

        if (s->is_protected)
            continue;
        if (strcmp(s->prop, "nationality") == 0)
            kind = "nationality";
        else if (strcmp(s->prop, "citizenship") == 0)
            kind = "citizenship";
        else if (strcmp(s->prop, "country") == 0)
            kind = "residence";
        if (kind) {
            emit(c, s->value, kind, p->caption, p->id, p->id, via, s->conf,
                 s->source_id);
        } else if (strcmp(s->prop, "addressEntity") == 0) {
            struct case_entity *ad = NULL;
            struct err e = ERR_INIT;
            if (!case_entity_load(c->st, s->value, CASE_LOAD_NO_REFS, &ad,
                                  &e)) {
                const struct case_stmt *cs = first_stmt(ad, "country");
                emit(c, cs ? cs->value : NULL, "residence", ad->caption, ad->id,
                     p->id, via, cs ? worst(s->conf, cs->conf) : s->conf,
                     s->source_id);
            }
            case_entity_free(ad);
        }
    }
}

static void foreign_tie(struct ties_ctx *c, const struct case_entity *ft,
                        const char *via)
{
    const char *kinds[16];
    size_t nk = 0;
    struct case_entity *asset = load_end(c->st, ft, "asset");
    const char *what = asset ? asset->caption : NULL;

    for (size_t i = 0; i < ft->nstmts && nk < 16; i++)
        if (strcmp(ft->stmts[i].prop, "kind") == 0)
            kinds[nk++] = ft->stmts[i].value;
    if (!nk)
        kinds[nk++] = "other";
    if (!what)
        what = first_value(ft, "summary");
    if (!what)
        what = first_value(ft, "description");
    for (size_t i = 0; i < ft->nstmts && !c->stop; i++) {
        const struct case_stmt *s = &ft->stmts[i];
        if (strcmp(s->prop, "country") != 0)
            continue;
        for (size_t k = 0; k < nk; k++)
            emit(c, s->value, kinds[k], what, asset ? asset->id : NULL, ft->id,
                 via, s->conf, s->source_id);
    }
    case_entity_free(asset);
}

static void link_record(struct ties_ctx *c, const struct case_entity *p,
                        const struct case_ref *r, const char *via, int depth)
{
    struct case_entity *rec = NULL, *end = NULL;
    struct err e = ERR_INIT;
    const char *sch = r->schema;

    if (case_entity_load(c->st, r->entity_id, CASE_LOAD_NO_REFS, &rec, &e))
        return;
    if (strcmp(sch, "ForeignTie") == 0 && strcmp(r->stmt.prop, "person") == 0) {
        foreign_tie(c, rec, via);
    } else if (strcmp(sch, "Ownership") == 0 &&
               strcmp(r->stmt.prop, "owner") == 0) {
        end = load_end(c->st, rec, "asset");
        if (end)
            thing_countries(c, end, asset_kind(end->schema), rec->id, via,
                            r->stmt.conf, r->stmt.source_id);
    } else if (strcmp(sch, "Directorship") == 0 &&
               strcmp(r->stmt.prop, "director") == 0) {
        end = load_end(c->st, rec, "organization");
        if (end)
            thing_countries(c, end, "directorship", rec->id, via, r->stmt.conf,
                            r->stmt.source_id);
    } else if (strcmp(sch, "Vehicle") == 0 &&
               strcmp(r->stmt.prop, "owner") == 0) {
        thing_countries(c, rec, "vehicle", rec->id, via, r->stmt.conf,
                        r->stmt.source_id);
    } else if (strcmp(sch, "Passport") == 0) {
        const struct case_stmt *s = first_stmt(rec, "country");
        if (s)
            emit(c, s->value, "citizenship", rec->caption, rec->id, rec->id,
                 via, worst(r->stmt.conf, s->conf), s->source_id);
    } else if (strcmp(sch, "Family") == 0 && depth == 0) {
        const char *other =
            strcmp(r->stmt.prop, "person") == 0 ? "relative" : "person";
        const char *rel = first_value(rec, "relationship");
        struct strbuf v = STRBUF_INIT;

        end = load_end(c->st, rec, other);
        if (end) {
            strbuf_addf(&v, "%s: %s", rel ? rel : "relative", end->caption);
            emit(c, NULL, "family", end->caption, end->id, rec->id, NULL,
                 r->stmt.conf, r->stmt.source_id);
            person_ties(c, end->id, v.buf, depth + 1);
        }
        strbuf_release(&v);
    }
    (void)p;
    case_entity_free(end);
    case_entity_free(rec);
}

/*
 * A family tie with no country of its own is reported once (country
 * NULL) and only without a filter; the relative's own ties follow.
 */
static void person_ties(struct ties_ctx *c, const char *person_id,
                        const char *via, int depth)
{
    struct case_entity *p = NULL;
    struct err e = ERR_INIT;

    if (case_entity_load(c->st, person_id, 0, &p, &e))
        return;
    if (strcmp(p->schema, "Victim") != 0) {
        own_props(c, p, via);
        for (size_t i = 0; i < p->nrefs && !c->stop; i++)
            if (!p->refs[i].stmt.is_protected)
                link_record(c, p, &p->refs[i], via, depth);
    }
    case_entity_free(p);
}

enum err_code graph_ties(struct store *st, const char *person_id,
                         const char *country, graph_tie_cb cb, void *ctx,
                         struct err *e)
{
    struct ties_ctx c;

    memset(&c, 0, sizeof(c));
    c.st = st;
    c.cb = cb;
    c.ctx = ctx;
    if (country) {
        c.country = schema_country_code(country);
        if (!c.country)
            return err_set(e, ERR_INVALID, "unknown country '%s'", country);
    }
    if (!store_entity_exists(st, person_id))
        return err_set(e, ERR_NOTFOUND, "no entity '%s'", person_id);
    person_ties(&c, person_id, NULL, 0);
    return ERR_OK;
}
