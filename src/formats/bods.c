/*
 * formats/bods: BODS 0.4 statements and Companies House PSC records
 * through jansson. One JSON value at a time: a top-level array is loaded
 * whole, JSON lines are read value by value (JSON_DISABLE_EOF_CHECK).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/bods.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Called per top-level value: 0 go on, 1 stop, -1 error (e is set). */
typedef int (*value_fn)(json_t *v, size_t index, struct arena *a, void *ctx,
                        struct err *e);

static size_t skip_space(const char *d, size_t len, size_t i)
{
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' ||
                       d[i] == '\r' || d[i] == ','))
        i++;
    return i;
}

static enum err_code each_value(const char *data, size_t len, const char *name,
                                value_fn fn, void *ctx, struct err *e)
{
    struct arena a = ARENA_INIT;
    json_error_t jerr;
    size_t i = 0, index = 0;
    enum err_code rc = ERR_OK;
    int r;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    i = skip_space(data, len, i);
    if (i >= len)
        return err_set(e, ERR_INVALID, "'%s' is empty", name);
    arena_init(&a, 0);
    if (data[i] == '[') {
        json_t *root = json_loadb(data + i, len - i, 0, &jerr);
        size_t k;
        json_t *v;

        if (!root) {
            rc = err_set(e, ERR_INVALID, "'%s': not valid JSON at line %d: %s",
                         name, jerr.line, jerr.text);
            goto out;
        }
        json_array_foreach(root, k, v)
        {
            r = fn(v, k + 1, &a, ctx, e);
            arena_release(&a);
            if (r < 0)
                rc = e->code ? e->code : ERR_INVALID;
            if (r)
                break;
        }
        json_decref(root);
        goto out;
    }
    while (i < len) {
        json_t *v = json_loadb(data + i, len - i,
                               JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &jerr);

        index++;
        if (!v) {
            rc = err_set(e, ERR_INVALID,
                         "'%s': value %zu is not valid JSON (at byte %zu): %s",
                         name, index, i + (size_t)jerr.position, jerr.text);
            goto out;
        }
        i += (size_t)jerr.position;
        r = fn(v, index, &a, ctx, e);
        json_decref(v);
        arena_release(&a);
        if (r < 0) {
            rc = e->code ? e->code : ERR_INVALID;
            goto out;
        }
        if (r)
            break;
        i = skip_space(data, len, i);
    }
out:
    arena_release(&a);
    return rc;
}

/* A string or number member as text in the arena, else NULL. */
static const char *text(json_t *obj, const char *key, struct arena *a)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    char num[64];

    if (json_is_string(v))
        return json_string_length(v) ? arena_strndup(a, json_string_value(v),
                                                     json_string_length(v))
                                     : NULL;
    if (json_is_integer(v)) {
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        return arena_strdup(a, num);
    }
    if (json_is_real(v)) {
        snprintf(num, sizeof(num), "%.15g", json_real_value(v));
        return arena_strdup(a, num);
    }
    return NULL;
}

static json_t *member(json_t *obj, const char *key)
{
    return json_is_object(obj) ? json_object_get(obj, key) : NULL;
}

/* "street, city, postcode" from an address object's text members. */
static const char *address_text(json_t *addr, const char *const *keys,
                                struct arena *a)
{
    struct strbuf sb = STRBUF_INIT;
    const char *out = NULL;

    for (size_t i = 0; keys[i]; i++) {
        const char *t = text(addr, keys[i], a);
        if (!t)
            continue;
        if (sb.len)
            strbuf_addstr(&sb, ", ");
        strbuf_addstr(&sb, t);
    }
    if (sb.len)
        out = arena_strdup(a, sb.buf);
    strbuf_release(&sb);
    return out;
}

/* --- BODS
 * -------------------------------------------------------------------*/

static const char *country_of(json_t *c, struct arena *a)
{
    const char *code = text(c, "code", a);

    if (code)
        return code;
    if (json_is_string(c))
        return arena_strdup(a, json_string_value(c));
    return text(c, "name", a);
}

static void bods_entity_or_person(json_t *rd, struct bods_statement *s,
                                  struct arena *a)
{
    static const char *const addr_keys[] = {"address", "postCode", NULL};
    json_t *et = member(rd, "entityType"), *arr, *v;
    size_t k;

    s->entity_type = text(et, "type", a);
    s->entity_subtype = text(et, "subtype", a);
    s->person_type = text(rd, "personType", a);
    if (s->kind == BODS_ENTITY) {
        const char *n = text(rd, "name", a);
        if (n)
            s->names[s->nnames++] = (struct bods_name){n, NULL};
        json_array_foreach(member(rd, "alternateNames"), k, v)
        {
            if (json_is_string(v) && s->nnames < BODS_LIST_MAX)
                s->names[s->nnames++] = (struct bods_name){
                    arena_strdup(a, json_string_value(v)), "alternative"};
        }
    }
    json_array_foreach(member(rd, "names"), k, v)
    {
        const char *full = text(v, "fullName", a);
        if (!full) {
            const char *g = text(v, "givenName", a);
            const char *f = text(v, "familyName", a);
            struct strbuf sb = STRBUF_INIT;
            if (g)
                strbuf_addstr(&sb, g);
            if (f)
                strbuf_addf(&sb, "%s%s", g ? " " : "", f);
            full = sb.len ? arena_strdup(a, sb.buf) : NULL;
            strbuf_release(&sb);
        }
        if (full && s->nnames < BODS_LIST_MAX)
            s->names[s->nnames++] =
                (struct bods_name){full, text(v, "type", a)};
    }
    json_array_foreach(member(rd, "identifiers"), k, v)
    {
        const char *id = text(v, "id", a);
        if (id && s->nidents < BODS_LIST_MAX)
            s->idents[s->nidents++] = (struct bods_ident){
                id, text(v, "scheme", a), text(v, "schemeName", a)};
    }
    json_array_foreach(member(rd, "nationalities"), k, v)
    {
        const char *c = country_of(v, a);
        if (c && s->ncountries < BODS_LIST_MAX)
            s->countries[s->ncountries++] = c;
    }
    json_array_foreach(member(rd, "taxResidencies"), k, v)
    {
        const char *c = country_of(v, a);
        if (c && s->ntax < BODS_LIST_MAX)
            s->tax_residencies[s->ntax++] = c;
    }
    json_array_foreach(member(rd, "addresses"), k, v)
    {
        const char *t = address_text(v, addr_keys, a);
        if (t && s->naddresses < BODS_LIST_MAX) {
            s->address_countries[s->naddresses] =
                country_of(member(v, "country"), a);
            s->addresses[s->naddresses++] = t;
        }
    }
    arr = member(rd, "jurisdiction");
    s->jurisdiction = arr ? country_of(arr, a) : NULL;
    s->founding_date = text(rd, "foundingDate", a);
    s->dissolution_date = text(rd, "dissolutionDate", a);
    s->birth_date = text(rd, "birthDate", a);
    s->death_date = text(rd, "deathDate", a);
    {
        json_t *pe = member(rd, "politicalExposure");
        const char *st = text(pe, "status", a);
        s->pep = st && strcmp(st, "isPep") == 0;
    }
}

static void bods_relationship(json_t *rd, struct bods_statement *s,
                              struct arena *a)
{
    json_t *ip = member(rd, "interestedParty"), *v;
    size_t k;

    s->subject = text(rd, "subject", a);
    if (json_is_string(ip))
        s->interested_party = text(rd, "interestedParty", a);
    else
        s->unspecified_reason = text(ip, "reason", a);
    json_array_foreach(member(rd, "interests"), k, v)
    {
        struct bods_interest *in;
        json_t *sh = member(v, "share"), *b;

        if (s->ninterests >= BODS_LIST_MAX)
            break;
        in = &s->interests[s->ninterests++];
        memset(in, 0, sizeof(*in));
        in->type = text(v, "type", a);
        in->direct = text(v, "directOrIndirect", a);
        b = member(v, "beneficialOwnershipOrControl");
        in->beneficial = json_is_boolean(b) ? json_is_true(b) : -1;
        in->share.exact = text(sh, "exact", a);
        in->share.min = text(sh, "minimum", a);
        in->share.max = text(sh, "maximum", a);
        if (!in->share.min && (in->share.min = text(sh, "exclusiveMinimum", a)))
            in->share.excl_min = true;
        if (!in->share.max && (in->share.max = text(sh, "exclusiveMaximum", a)))
            in->share.excl_max = true;
        in->start_date = text(v, "startDate", a);
        in->end_date = text(v, "endDate", a);
        in->details = text(v, "details", a);
    }
    json_array_foreach(member(rd, "componentRecords"), k, v)
    {
        if (json_is_string(v) && s->ncomponents < BODS_LIST_MAX)
            s->components[s->ncomponents++] =
                arena_strdup(a, json_string_value(v));
    }
}

struct bods_run {
    const char *name;
    bods_cb cb;
    void *ctx;
    struct bods_statement *s;
};

static int bods_value(json_t *v, size_t index, struct arena *a, void *vctx,
                      struct err *e)
{
    struct bods_run *run = vctx;
    struct bods_statement *s = run->s;
    const char *type;
    json_t *rd, *b;

    if (!json_is_object(v)) {
        err_set(e, ERR_INVALID,
                "'%s': element %zu is not a BODS statement (not an object)",
                run->name, index);
        return -1;
    }
    memset(s, 0, offsetof(struct bods_statement, names));
    s->index = index;
    type = text(v, "recordType", a);
    s->record_id = text(v, "recordId", a);
    if (!type || !s->record_id) {
        err_set(e, ERR_INVALID,
                "'%s': element %zu is not a BODS 0.4 statement (no "
                "recordType or recordId)",
                run->name, index);
        return -1;
    }
    if (strcmp(type, "entity") == 0)
        s->kind = BODS_ENTITY;
    else if (strcmp(type, "person") == 0)
        s->kind = BODS_PERSON;
    else if (strcmp(type, "relationship") == 0)
        s->kind = BODS_RELATIONSHIP;
    else {
        err_set(e, ERR_INVALID, "'%s': element %zu: unknown recordType '%s'",
                run->name, index, type);
        return -1;
    }
    s->statement_id = text(v, "statementId", a);
    s->record_status = text(v, "recordStatus", a);
    s->statement_date = text(v, "statementDate", a);
    s->publisher =
        text(member(member(v, "publicationDetails"), "publisher"), "name", a);
    s->source_desc = text(member(v, "source"), "description", a);
    rd = member(v, "recordDetails");
    b = member(rd, "isComponent");
    s->is_component = json_is_true(b);
    if (s->kind == BODS_RELATIONSHIP)
        bods_relationship(rd, s, a);
    else
        bods_entity_or_person(rd, s, a);
    return run->cb(s, run->ctx) ? 1 : 0;
}

enum err_code bods_parse(const char *data, size_t len, const char *name,
                         bods_cb cb, void *ctx, struct err *e)
{
    struct bods_run run = {name, cb, ctx, NULL};
    enum err_code rc;

    run.s = xmalloc(sizeof(*run.s));
    rc = each_value(data, len, name, bods_value, &run, e);
    free(run.s);
    return rc;
}

/* --- Companies House PSC -------------------------------------------------*/

struct psc_run {
    const char *name;
    bods_psc_cb cb;
    void *ctx;
    struct bods_psc *p;
};

static int psc_value(json_t *v, size_t index, struct arena *a, void *vctx,
                     struct err *e)
{
    static const char *const addr_keys[] = {
        "care_of",  "po_box", "premises",    "address_line_1", "address_line_2",
        "locality", "region", "postal_code", "country",        NULL};
    struct psc_run *run = vctx;
    struct bods_psc *p = run->p;
    json_t *d = member(v, "data"), *arr, *x, *dob, *id;
    size_t k;

    if (!json_is_object(v) || !json_is_object(d) || !text(d, "kind", a)) {
        err_set(e, ERR_INVALID,
                "'%s': element %zu is not a Companies House PSC record (no "
                "\"data\" object with \"kind\")",
                run->name, index);
        return -1;
    }
    memset(p, 0, offsetof(struct bods_psc, natures));
    p->index = index;
    p->company_number = text(v, "company_number", a);
    if (!p->company_number)
        return 0; /* the snapshot's closing totals record */
    p->kind = text(d, "kind", a);
    p->name = text(d, "name", a);
    x = member(d, "name_elements");
    p->title = text(x, "title", a);
    p->forename = text(x, "forename", a);
    p->middle_name = text(x, "middle_name", a);
    p->surname = text(x, "surname", a);
    p->nationality = text(d, "nationality", a);
    p->country_of_residence = text(d, "country_of_residence", a);
    dob = member(d, "date_of_birth");
    if (json_is_integer(member(dob, "year")))
        p->birth_year = (int)json_integer_value(member(dob, "year"));
    if (json_is_integer(member(dob, "month")))
        p->birth_month = (int)json_integer_value(member(dob, "month"));
    p->address = address_text(member(d, "address"), addr_keys, a);
    arr = member(d, "natures_of_control");
    json_array_foreach(arr, k, x)
    {
        if (json_is_string(x) && p->nnatures < BODS_LIST_MAX)
            p->natures[p->nnatures++] = arena_strdup(a, json_string_value(x));
    }
    p->notified_on = text(d, "notified_on", a);
    p->ceased_on = text(d, "ceased_on", a);
    p->self_link = text(member(d, "links"), "self", a);
    id = member(d, "identification");
    p->reg_number = text(id, "registration_number", a);
    p->legal_form = text(id, "legal_form", a);
    p->legal_authority = text(id, "legal_authority", a);
    p->country_registered = text(id, "country_registered", a);
    p->place_registered = text(id, "place_registered", a);
    p->statement = text(d, "statement", a);
    return run->cb(p, run->ctx) ? 1 : 0;
}

enum err_code bods_ch_psc_parse(const char *data, size_t len, const char *name,
                                bods_psc_cb cb, void *ctx, struct err *e)
{
    struct psc_run run = {name, cb, ctx, NULL};
    enum err_code rc;

    run.p = xmalloc(sizeof(*run.p));
    rc = each_value(data, len, name, psc_value, &run, e);
    free(run.p);
    return rc;
}
