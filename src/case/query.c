/*
 * query: the read side of the data model: an entity with everything known
 * about it (statements, sources, reverse links), captions, and the
 * time-aware questions "who held a post in this unit on that date" and
 * "who commanded this unit on that date". Goes through store.h only.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "store/store_disclosure.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Caption recursion: a link's caption uses its ends' plain captions. */
#define CAPTION_DEPTH 2

/* --- small collections --- */

/* Live statements of one entity, strings in an arena. */
struct props {
    struct arena *arena;
    struct case_stmt *v;
    size_t n, alloc;
};

static const char *adup(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static int props_add_cb(const struct store_stmt *s, void *ctx)
{
    struct props *ps = ctx;
    struct case_stmt *c;

    ALLOC_GROW(ps->v, ps->n + 1, ps->alloc);
    c = &ps->v[ps->n++];
    memset(c, 0, sizeof(*c));
    c->id = s->id;
    c->prop = adup(ps->arena, s->prop);
    c->value = adup(ps->arena, s->value);
    c->lang = adup(ps->arena, s->lang);
    c->qualifier = adup(ps->arena, s->qualifier);
    c->source_id = adup(ps->arena, s->source_id);
    c->conf = s->conf;
    c->author = adup(ps->arena, s->author);
    c->recorded_at = adup(ps->arena, s->recorded_at);
    c->retracted_at = adup(ps->arena, s->retracted_at);
    c->retract_reason = adup(ps->arena, s->retract_reason);
    c->retracted_by = adup(ps->arena, s->retracted_by);
    return 0;
}

static enum err_code props_load(struct store *st, const char *id,
                                unsigned store_flags, struct props *ps,
                                struct err *e)
{
    return store_stmt_each(st, id, store_flags, props_add_cb, ps, e);
}

static void props_release(struct props *ps)
{
    free(ps->v);
    ps->v = NULL;
    ps->n = ps->alloc = 0;
}

/* First live value of prop, or NULL. */
static const char *props_get(const struct props *ps, const char *prop)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->v[i].prop, prop) == 0)
            return ps->v[i].value;
    return NULL;
}

struct entity_info {
    char schema[64];
    char created_at[40];
    char author[256];
};

static int entity_info_cb(const struct store_entity *en, void *ctx)
{
    struct entity_info *ei = ctx;

    snprintf(ei->schema, sizeof(ei->schema), "%s", en->schema);
    snprintf(ei->created_at, sizeof(ei->created_at), "%s",
             en->created_at ? en->created_at : "");
    snprintf(ei->author, sizeof(ei->author), "%s",
             en->author ? en->author : "");
    return 0;
}

/* --- captions --- */

static bool has_han(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    /* U+2E80..U+9FFF and U+F900..U+FAFF start with E2 BA.. to E9, EF A4..;
     * U+20000.. with F0 A0..F0 B1. */
    for (; *p; p++) {
        if (p[0] >= 0xe3 && p[0] <= 0xe9 && p[1])
            return true;
        if (p[0] == 0xe2 && p[1] >= 0xba)
            return true;
        if (p[0] == 0xef && p[1] >= 0xa4 && p[1] <= 0xab)
            return true;
        if (p[0] == 0xf0 && p[1] >= 0xa0 && p[1] <= 0xb1)
            return true;
    }
    return false;
}

static bool is_han_stmt(const struct case_stmt *c)
{
    if (c->lang &&
        (strncmp(c->lang, "Han", 3) == 0 || strncmp(c->lang, "zh", 2) == 0 ||
         strncmp(c->lang, "yue", 3) == 0))
        return true;
    return has_han(c->value);
}

/*
 * Caption from loaded statements; NULL when none of the schema's caption
 * properties has a public value. Result owned (free()).
 */
static char *caption_from_props(const struct schema *s, const struct props *ps)
{
    const char *cap = NULL;

    for (const struct schema *t = s; t && !cap; t = schema_parent(t))
        cap = t->caption;
    while (cap && *cap) {
        const char *bar = strchr(cap, '|');
        size_t n = bar ? (size_t)(bar - cap) : strlen(cap);
        const struct case_stmt *latin = NULL, *han = NULL;

        for (size_t i = 0; i < ps->n; i++) {
            const struct case_stmt *c = &ps->v[i];

            if (strlen(c->prop) != n || strncmp(c->prop, cap, n) != 0 ||
                c->retracted_at ||
                schema_prop_is_protected(s, schema_prop_find(s, c->prop, NULL)))
                continue;
            if (is_han_stmt(c)) {
                if (!han)
                    han = c;
            } else if (!latin) {
                latin = c;
            }
        }
        if (latin && han) {
            size_t len = strlen(latin->value) + strlen(han->value) + 2;
            char *out = xmalloc(len);

            snprintf(out, len, "%s %s", latin->value, han->value);
            return out;
        }
        if (latin || han)
            return xstrdup((latin ? latin : han)->value);
        cap += n + (bar ? 1 : 0);
    }
    return NULL;
}

static enum err_code caption_depth(struct store *st, const char *id, int depth,
                                   char **out, struct err *e);

/* "A -> B" for links, from the captions of the linked entities. */
static char *caption_of_link(struct store *st, const struct schema *s,
                             const struct props *ps, int depth)
{
    const char *src = NULL, *dst = NULL;
    char *a = NULL, *b = NULL, *out;
    struct err e = ERR_INIT;
    size_t len;

    for (const struct schema *t = s; t; t = schema_parent(t)) {
        if (t->edge_source) {
            src = props_get(ps, t->edge_source);
            dst = t->edge_target ? props_get(ps, t->edge_target) : NULL;
            break;
        }
    }
    if (!src && !dst)
        return NULL;
    if (src && caption_depth(st, src, depth - 1, &a, &e))
        a = xstrdup(src);
    err_clear(&e);
    if (dst && caption_depth(st, dst, depth - 1, &b, &e))
        b = xstrdup(dst);
    len = (a ? strlen(a) : 1) + (b ? strlen(b) : 0) + strlen(s->label) + 16;
    out = xmalloc(len);
    if (b)
        snprintf(out, len, "%s -> %s", a ? a : "?", b);
    else
        snprintf(out, len, "%s: %s", s->label, a ? a : "?");
    free(a);
    free(b);
    return out;
}

static enum err_code caption_depth(struct store *st, const char *id, int depth,
                                   char **out, struct err *e)
{
    struct entity_info ei = {{0}, {0}, {0}};
    struct arena arena;
    struct props ps = {NULL, NULL, 0, 0};
    const struct schema *s;
    enum err_code rc;
    char *cap = NULL;

    *out = NULL;
    rc = store_entity_get(st, id, entity_info_cb, &ei, e);
    if (rc)
        return rc;
    s = schema_find(ei.schema);
    arena_init(&arena, 0);
    ps.arena = &arena;
    rc = props_load(st, id, 0, &ps, e);
    if (rc == ERR_OK && s) {
        cap = caption_from_props(s, &ps);
        if (!cap && depth > 0)
            cap = caption_of_link(st, s, &ps, depth);
    }
    if (rc == ERR_OK && !cap) {
        size_t len = strlen(ei.schema) + strlen(id) + 2;

        cap = xmalloc(len);
        snprintf(cap, len, "%s %s", ei.schema, id);
    }
    props_release(&ps);
    arena_release(&arena);
    *out = cap;
    return rc;
}

enum err_code case_caption(struct store *st, const char *id, char **out,
                           struct err *e)
{
    return caption_depth(st, id, CAPTION_DEPTH, out, e);
}

/* --- entity loader --- */

struct refs {
    struct arena *arena;
    struct case_ref *v;
    size_t n, alloc;
};

static int refs_add_cb(const struct store_stmt *s, void *ctx)
{
    struct refs *rs = ctx;
    struct case_ref *r;

    ALLOC_GROW(rs->v, rs->n + 1, rs->alloc);
    r = &rs->v[rs->n++];
    memset(r, 0, sizeof(*r));
    r->entity_id = adup(rs->arena, s->entity_id);
    r->stmt.id = s->id;
    r->stmt.prop = adup(rs->arena, s->prop);
    r->stmt.value = adup(rs->arena, s->value);
    r->stmt.lang = adup(rs->arena, s->lang);
    r->stmt.qualifier = adup(rs->arena, s->qualifier);
    r->stmt.source_id = adup(rs->arena, s->source_id);
    r->stmt.conf = s->conf;
    r->stmt.author = adup(rs->arena, s->author);
    r->stmt.recorded_at = adup(rs->arena, s->recorded_at);
    return 0;
}

/* Caption of a source, cached among the statements already done. */
static const char *source_caption(struct store *st, struct case_entity *en,
                                  struct case_stmt *v, size_t i)
{
    struct err e = ERR_INIT;
    char *cap = NULL;
    const char *out;

    for (size_t j = 0; j < i; j++)
        if (v[j].source_id && strcmp(v[j].source_id, v[i].source_id) == 0)
            return v[j].source_caption;
    if (caption_depth(st, v[i].source_id, 1, &cap, &e))
        return NULL;
    out = arena_strdup(&en->arena, cap);
    free(cap);
    return out;
}

/* Marks the loaded protected statements a reviewer has released. */
struct released_ctx {
    struct props *ps;
    struct arena *arena;
};

static int released_cb(const struct store_disclosure_rec *r, void *ctx)
{
    struct released_ctx *rc = ctx;

    for (size_t i = 0; i < rc->ps->n; i++) {
        struct case_stmt *c = &rc->ps->v[i];
        struct strbuf sb = STRBUF_INIT;

        if (c->id != r->stmt_id || !c->is_protected || c->retracted_at)
            continue;
        if (c->released)
            strbuf_addf(&sb, "%s, ", c->released);
        strbuf_addstr(&sb, r->scope);
        c->released = arena_strdup(rc->arena, sb.buf);
        strbuf_release(&sb);
    }
    return 0;
}

enum err_code case_entity_load(struct store *st, const char *id, unsigned flags,
                               struct case_entity **out, struct err *e)
{
    struct entity_info ei = {{0}, {0}, {0}};
    struct case_entity *en;
    struct props ps = {NULL, NULL, 0, 0};
    struct refs rs = {NULL, NULL, 0, 0}, cs = {NULL, NULL, 0, 0};
    const struct schema *s;
    enum err_code rc;
    char *cap = NULL;
    bool any_protected = false;

    *out = NULL;
    rc = store_entity_get(st, id, entity_info_cb, &ei, e);
    if (rc)
        return rc;
    s = schema_find(ei.schema);
    en = xcalloc(1, sizeof(*en));
    arena_init(&en->arena, 0);
    en->id = arena_strdup(&en->arena, id);
    en->schema = arena_strdup(&en->arena, ei.schema);
    en->created_at = arena_strdup(&en->arena, ei.created_at);
    en->author = arena_strdup(&en->arena, ei.author);

    ps.arena = &en->arena;
    rc = props_load(
        st, id, (flags & CASE_LOAD_HISTORY) ? STORE_WITH_RETRACTED : 0, &ps, e);
    if (rc)
        goto fail;
    for (size_t i = 0; i < ps.n; i++) {
        struct case_stmt *c = &ps.v[i];

        c->is_protected = !s || schema_prop_is_protected(
                                    s, schema_prop_find(s, c->prop, NULL));
        if (c->is_protected)
            any_protected = true;
        if (c->source_id)
            c->source_caption = source_caption(st, en, ps.v, i);
    }
    if (any_protected) {
        struct released_ctx rc_ctx = {&ps, &en->arena};

        rc = store_disclosure_current(st, NULL, id, released_cb, &rc_ctx, e);
        if (rc)
            goto fail;
    }

    if (!(flags & CASE_LOAD_NO_REFS)) {
        size_t keep = 0;

        rs.arena = &en->arena;
        rc = store_stmt_find(st, NULL, id, refs_add_cb, &rs, e);
        if (rc)
            goto fail;
        for (size_t i = 0; i < rs.n; i++) {
            struct case_ref *r = &rs.v[i];
            struct entity_info ri = {{0}, {0}, {0}};
            const struct schema *rsch;
            const struct schema_prop *p;
            char *rcap = NULL;
            struct err ce = ERR_INIT;

            if (store_entity_get(st, r->entity_id, entity_info_cb, &ri, &ce))
                continue;
            rsch = schema_find(ri.schema);
            p = rsch ? schema_prop_find(rsch, r->stmt.prop, NULL) : NULL;
            /* Only entity references, not values that happen to match. */
            if (!p || p->type != SCHEMA_ENTITY)
                continue;
            en->nrefs_total++;
            if (keep >= CASE_REFS_MAX && !(flags & CASE_LOAD_ALL_REFS))
                continue;
            r->schema = arena_strdup(&en->arena, ri.schema);
            r->stmt.is_protected = schema_prop_is_protected(rsch, p);
            if (caption_depth(st, r->entity_id, CAPTION_DEPTH, &rcap, &ce) ==
                ERR_OK) {
                r->caption = arena_strdup(&en->arena, rcap);
                free(rcap);
            }
            if (r->stmt.source_id) {
                char *scap = NULL;

                if (caption_depth(st, r->stmt.source_id, 1, &scap, &ce) ==
                    ERR_OK) {
                    r->stmt.source_caption = arena_strdup(&en->arena, scap);
                    free(scap);
                }
            }
            rs.v[keep++] = *r;
        }
        rs.n = keep;
    }

    if (!(flags & CASE_LOAD_NO_REFS)) {
        cs.arena = &en->arena;
        rc = store_stmt_each_cited(st, id, CASE_CITED_MAX, refs_add_cb, &cs,
                                   &en->ncited_total, e);
        if (rc)
            goto fail;
        for (size_t i = 0; i < cs.n; i++) {
            struct case_ref *r = &cs.v[i];
            struct entity_info ri = {{0}, {0}, {0}};
            const struct schema *rsch;
            struct err ce = ERR_INIT;
            char *rcap = NULL;

            if (store_entity_get(st, r->entity_id, entity_info_cb, &ri, &ce))
                continue;
            rsch = schema_find(ri.schema);
            r->schema = arena_strdup(&en->arena, ri.schema);
            r->stmt.is_protected =
                !rsch || schema_prop_is_protected(
                             rsch, schema_prop_find(rsch, r->stmt.prop, NULL));
            /* One caption per citing entity. */
            for (size_t j = 0; j < i && !r->caption; j++)
                if (strcmp(cs.v[j].entity_id, r->entity_id) == 0)
                    r->caption = cs.v[j].caption;
            if (!r->caption && caption_depth(st, r->entity_id, CAPTION_DEPTH,
                                             &rcap, &ce) == ERR_OK) {
                r->caption = arena_strdup(&en->arena, rcap);
                free(rcap);
            }
        }
    }

    if (s) {
        cap = caption_from_props(s, &ps);
        if (!cap)
            cap = caption_of_link(st, s, &ps, CAPTION_DEPTH);
    }
    if (!cap) {
        size_t len = strlen(ei.schema) + strlen(id) + 2;

        cap = xmalloc(len);
        snprintf(cap, len, "%s %s", ei.schema, id);
    }
    en->caption = arena_strdup(&en->arena, cap);
    free(cap);
    for (size_t i = 0; i < cs.n; i++)
        cs.v[i].stmt.source_caption = en->caption;

    /* Arrays move into the arena so one release frees everything. */
    if (ps.n) {
        en->stmts = arena_alloc(&en->arena, ps.n * sizeof(*ps.v));
        memcpy(en->stmts, ps.v, ps.n * sizeof(*ps.v));
    }
    en->nstmts = ps.n;
    if (rs.n) {
        en->refs = arena_alloc(&en->arena, rs.n * sizeof(*rs.v));
        memcpy(en->refs, rs.v, rs.n * sizeof(*rs.v));
    }
    en->nrefs = rs.n;
    if (cs.n) {
        en->cited = arena_alloc(&en->arena, cs.n * sizeof(*cs.v));
        memcpy(en->cited, cs.v, cs.n * sizeof(*cs.v));
    }
    en->ncited = cs.n;
    props_release(&ps);
    free(rs.v);
    free(cs.v);
    *out = en;
    return ERR_OK;

fail:
    props_release(&ps);
    free(rs.v);
    free(cs.v);
    case_entity_free(en);
    return rc;
}

void case_entity_free(struct case_entity *en)
{
    if (!en)
        return;
    arena_release(&en->arena);
    free(en);
}

enum err_code case_entity_missing(struct store *st, const char *id,
                                  case_missing_cb cb, void *ctx,
                                  size_t *nmissing, struct err *e)
{
    struct entity_info ei = {{0}, {0}, {0}};
    struct arena arena;
    struct props ps = {NULL, NULL, 0, 0};
    const struct schema *s;
    size_t n = 0, nprops;
    enum err_code rc;

    if (nmissing)
        *nmissing = 0;
    rc = store_entity_get(st, id, entity_info_cb, &ei, e);
    if (rc)
        return rc;
    s = schema_find(ei.schema);
    if (!s)
        return ERR_OK;
    arena_init(&arena, 0);
    ps.arena = &arena;
    rc = props_load(st, id, 0, &ps, e);
    nprops = schema_prop_count(s);
    for (size_t i = 0; rc == ERR_OK && i < nprops; i++) {
        const struct schema_prop *p = schema_prop_at(s, i);

        if (!(p->flags & SCHEMA_REQUIRED) || props_get(&ps, p->name))
            continue;
        n++;
        if (cb)
            cb(p, ctx);
    }
    props_release(&ps);
    arena_release(&arena);
    if (nmissing)
        *nmissing = n;
    return rc;
}

/* --- dates --- */

const char *case_certainty_name(enum case_certainty c)
{
    return c == CASE_CERTAIN ? "certain" : "possible";
}

#define DAY_MIN INT64_MIN
#define DAY_MAX INT64_MAX
#define APPROX_DAYS 366

/* Bounds of a set of stored dates (several statements may disagree). */
struct bound {
    int64_t early; /* earliest day any reading allows */
    int64_t late;  /* latest day any reading allows */
    bool any;
};

/*
 * Folds one stored date into a bound. A value that does not parse
 * (imported verbatim) makes the bound unknown: it spans everything, so a
 * match through it is possible, never certain.
 */
static void bound_add(struct bound *b, const char *value)
{
    struct date_range r;
    char day[11];
    int64_t first, last;

    if (strlen(value) > 10 && value[10] == 'T') {
        memcpy(day, value, 10);
        day[10] = '\0';
        value = day;
    }
    if (date_parse(value, &r, NULL)) {
        first = DAY_MIN;
        last = DAY_MAX;
    } else {
        first = date_first_day(&r);
        last = date_last_day(&r);
        if (r.approx) {
            first -= APPROX_DAYS;
            last += APPROX_DAYS;
        }
    }
    if (!b->any || first < b->early)
        b->early = first;
    if (!b->any || last > b->late)
        b->late = last;
    b->any = true;
}

/*
 * Does start..end cover the asked days [qf, ql]? 0 = certain, 1 =
 * possible, -1 = no. Missing bounds are open ends.
 */
static int covers(const struct bound *start, const struct bound *end,
                  int64_t qf, int64_t ql)
{
    int64_t s_early = start->any ? start->early : DAY_MIN;
    int64_t s_late = start->any ? start->late : DAY_MIN;
    int64_t e_early = end->any ? end->early : DAY_MAX;
    int64_t e_late = end->any ? end->late : DAY_MAX;

    if (s_late <= qf && e_early >= ql)
        return 0;
    if (s_early <= ql && e_late >= qf)
        return 1;
    return -1;
}

/* Date bounds from loaded statements. */
static int props_covers(const struct props *ps, int64_t qf, int64_t ql)
{
    struct bound start = {0, 0, false}, end = {0, 0, false};

    for (size_t i = 0; i < ps->n; i++) {
        if (strcmp(ps->v[i].prop, "startDate") == 0)
            bound_add(&start, ps->v[i].value);
        else if (strcmp(ps->v[i].prop, "endDate") == 0)
            bound_add(&end, ps->v[i].value);
    }
    return covers(&start, &end, qf, ql);
}

struct asked {
    int64_t first, last;
};

static enum err_code parse_asked(const char *date_text, struct asked *q,
                                 struct err *e)
{
    struct date_range r;
    enum err_code rc = date_parse(date_text, &r, e);

    if (rc)
        return rc;
    q->first = date_first_day(&r);
    q->last = date_last_day(&r);
    return ERR_OK;
}

/* --- holders --- */

struct idlist {
    char **v;
    size_t n, alloc;
};

static bool idlist_has(const struct idlist *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], id) == 0)
            return true;
    return false;
}

static void idlist_add(struct idlist *l, const char *id)
{
    if (idlist_has(l, id))
        return;
    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = xstrdup(id);
}

static void idlist_release(struct idlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

static int idlist_add_cb(const struct store_stmt *s, void *ctx)
{
    idlist_add(ctx, s->entity_id);
    return 0;
}

static bool entity_is(struct store *st, const char *id, const char *schema)
{
    struct entity_info ei = {{0}, {0}, {0}};
    struct err e = ERR_INIT;

    if (store_entity_get(st, id, entity_info_cb, &ei, &e))
        return false;
    return schema_is_a(schema_find(ei.schema), schema);
}

struct holders {
    struct arena arena;
    struct case_holder *v;
    size_t n, alloc;
};

static char *caption_or_null(struct store *st, const char *id)
{
    struct err e = ERR_INIT;
    char *cap = NULL;

    if (!id || caption_depth(st, id, 1, &cap, &e))
        return NULL;
    return cap;
}

static const char *arena_take(struct arena *a, char *s)
{
    const char *out = s ? arena_strdup(a, s) : NULL;

    free(s);
    return out;
}

static const char *first_or_null(struct arena *a, const struct props *ps,
                                 const char *prop)
{
    return adup(a, props_get(ps, prop));
}

/* Adds the holder of one Occupancy if it covers the asked date. */
static enum err_code holder_consider(struct store *st, const char *org_id,
                                     const char *occ_id, const struct asked *q,
                                     struct holders *hs, struct err *e)
{
    struct arena tmp;
    struct props ps = {NULL, NULL, 0, 0};
    struct case_holder *h;
    enum err_code rc;
    int cov;

    arena_init(&tmp, 0);
    ps.arena = &tmp;
    rc = props_load(st, occ_id, 0, &ps, e);
    if (rc)
        goto out;
    cov = props_covers(&ps, q->first, q->last);
    if (cov < 0)
        goto out;
    ALLOC_GROW(hs->v, hs->n + 1, hs->alloc);
    h = &hs->v[hs->n++];
    memset(h, 0, sizeof(*h));
    h->occupancy_id = arena_strdup(&hs->arena, occ_id);
    h->organization_id = arena_strdup(&hs->arena, org_id);
    h->holder_id = first_or_null(&hs->arena, &ps, "holder");
    h->post_id = first_or_null(&hs->arena, &ps, "post");
    h->rank = first_or_null(&hs->arena, &ps, "rank");
    h->call_sign = first_or_null(&hs->arena, &ps, "callSign");
    h->warrant_number = first_or_null(&hs->arena, &ps, "warrantNumber");
    h->start_date = first_or_null(&hs->arena, &ps, "startDate");
    h->end_date = first_or_null(&hs->arena, &ps, "endDate");
    h->certainty = cov == 0 ? CASE_CERTAIN : CASE_POSSIBLE;
    h->holder_caption =
        arena_take(&hs->arena, caption_or_null(st, h->holder_id));
    if (h->post_id) {
        struct props pp = {&tmp, NULL, 0, 0};
        const char *cmd;

        rc = props_load(st, h->post_id, 0, &pp, e);
        cmd = rc ? NULL : props_get(&pp, "isCommand");
        h->is_command = cmd && strcmp(cmd, "true") == 0;
        if (!h->rank)
            h->rank = first_or_null(&hs->arena, &pp, "rank");
        props_release(&pp);
        h->post_caption =
            arena_take(&hs->arena, caption_or_null(st, h->post_id));
    }
out:
    props_release(&ps);
    arena_release(&tmp);
    return rc;
}

static int holder_cmp(const void *a, const void *b)
{
    const struct case_holder *x = a, *y = b;
    int c;

    if (x->certainty != y->certainty)
        return x->certainty < y->certainty ? -1 : 1;
    c = strcmp(x->holder_caption ? x->holder_caption : "",
               y->holder_caption ? y->holder_caption : "");
    if (c)
        return c;
    return strcmp(x->occupancy_id, y->occupancy_id);
}

/* Every Occupancy of the unit covering the asked date, sorted. */
static enum err_code holders_collect(struct store *st, const char *org_id,
                                     const struct asked *q, struct holders *hs,
                                     struct err *e)
{
    struct idlist refs = {NULL, 0, 0}, occs = {NULL, 0, 0};
    enum err_code rc;

    rc = store_stmt_find(st, "organization", org_id, idlist_add_cb, &refs, e);
    for (size_t i = 0; rc == ERR_OK && i < refs.n; i++) {
        if (entity_is(st, refs.v[i], "Occupancy")) {
            idlist_add(&occs, refs.v[i]);
        } else if (entity_is(st, refs.v[i], "Position")) {
            struct idlist posts = {NULL, 0, 0};

            rc = store_stmt_find(st, "post", refs.v[i], idlist_add_cb, &posts,
                                 e);
            for (size_t j = 0; rc == ERR_OK && j < posts.n; j++)
                if (entity_is(st, posts.v[j], "Occupancy"))
                    idlist_add(&occs, posts.v[j]);
            idlist_release(&posts);
        }
    }
    for (size_t i = 0; rc == ERR_OK && i < occs.n; i++)
        rc = holder_consider(st, org_id, occs.v[i], q, hs, e);
    if (rc == ERR_OK && hs->n > 1)
        qsort(hs->v, hs->n, sizeof(*hs->v), holder_cmp);
    idlist_release(&refs);
    idlist_release(&occs);
    return rc;
}

static void holders_release(struct holders *hs)
{
    free(hs->v);
    hs->v = NULL;
    hs->n = hs->alloc = 0;
    arena_release(&hs->arena);
}

enum err_code case_holders_on(struct store *st, const char *org_id,
                              const char *date_text, case_holder_cb cb,
                              void *ctx, struct err *e)
{
    struct holders hs = {ARENA_INIT, NULL, 0, 0};
    struct asked q;
    enum err_code rc;

    rc = parse_asked(date_text, &q, e);
    if (rc)
        return rc;
    if (!org_id || !store_entity_exists(st, org_id))
        return err_set(e, ERR_NOTFOUND, "no unit '%s'", org_id ? org_id : "");
    arena_init(&hs.arena, 0);
    rc = holders_collect(st, org_id, &q, &hs, e);
    for (size_t i = 0; rc == ERR_OK && i < hs.n; i++)
        if (cb(&hs.v[i], ctx))
            break;
    holders_release(&hs);
    return rc;
}

/* --- chain of command --- */

struct frontier_item {
    char *unit_id;
    enum case_certainty cert; /* of the path up to this unit */
};

struct link_cand {
    char *link_id;
    char *superior;
    int cov;
};

struct link_list {
    struct link_cand *v;
    size_t n, alloc;
};

/* CommandLinks naming unit as subordinate and covering the date. */
static enum err_code superiors_of(struct store *st, const char *unit,
                                  const struct asked *q, struct link_list *out,
                                  struct err *e)
{
    struct idlist links = {NULL, 0, 0};
    enum err_code rc;

    rc = store_stmt_find(st, "subordinate", unit, idlist_add_cb, &links, e);
    for (size_t i = 0; rc == ERR_OK && i < links.n; i++) {
        struct arena tmp;
        struct props ps = {NULL, NULL, 0, 0};
        const char *sup;
        int cov;

        if (!entity_is(st, links.v[i], "CommandLink"))
            continue;
        arena_init(&tmp, 0);
        ps.arena = &tmp;
        rc = props_load(st, links.v[i], 0, &ps, e);
        sup = rc ? NULL : props_get(&ps, "superior");
        cov = rc ? -1 : props_covers(&ps, q->first, q->last);
        if (sup && cov >= 0) {
            ALLOC_GROW(out->v, out->n + 1, out->alloc);
            out->v[out->n].link_id = xstrdup(links.v[i]);
            out->v[out->n].superior = xstrdup(sup);
            out->v[out->n].cov = cov;
            out->n++;
        }
        props_release(&ps);
        arena_release(&tmp);
    }
    idlist_release(&links);
    return rc;
}

static void link_list_release(struct link_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].link_id);
        free(l->v[i].superior);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

/* Reports one level: the unit with the holders of its command posts. */
static enum err_code report_level(struct store *st, int level, const char *unit,
                                  const char *sub, const char *link,
                                  enum case_certainty cert,
                                  const struct asked *q, case_chain_cb cb,
                                  void *ctx, bool *stop, struct err *e)
{
    struct holders hs = {ARENA_INIT, NULL, 0, 0};
    struct case_chain_level lv;
    size_t ncmd = 0;
    char *cap = NULL;
    enum err_code rc;

    arena_init(&hs.arena, 0);
    rc = holders_collect(st, unit, q, &hs, e);
    if (rc)
        goto out;
    for (size_t i = 0; i < hs.n; i++)
        if (hs.v[i].is_command)
            hs.v[ncmd++] = hs.v[i];
    cap = caption_or_null(st, unit);
    memset(&lv, 0, sizeof(lv));
    lv.level = level;
    lv.unit_id = unit;
    lv.unit_caption = cap ? cap : unit;
    lv.subordinate_id = sub;
    lv.link_id = link;
    lv.link_certainty = cert;
    lv.commanders = ncmd ? hs.v : NULL;
    lv.ncommanders = ncmd;
    if (cb(&lv, ctx))
        *stop = true;
out:
    free(cap);
    holders_release(&hs);
    return rc;
}

enum err_code case_chain_on(struct store *st, const char *unit_id,
                            const char *date_text, case_chain_cb cb, void *ctx,
                            struct err *e)
{
    struct idlist seen = {NULL, 0, 0};
    struct frontier_item *cur = NULL, *next = NULL;
    size_t ncur = 0, acur = 0, nnext = 0, anext = 0;
    struct asked q;
    bool stop = false;
    enum err_code rc;

    rc = parse_asked(date_text, &q, e);
    if (rc)
        return rc;
    if (!unit_id || !store_entity_exists(st, unit_id))
        return err_set(e, ERR_NOTFOUND, "no unit '%s'", unit_id ? unit_id : "");
    idlist_add(&seen, unit_id);
    rc = report_level(st, 0, unit_id, NULL, NULL, CASE_CERTAIN, &q, cb, ctx,
                      &stop, e);
    ALLOC_GROW(cur, 1, acur);
    cur[0].unit_id = xstrdup(unit_id);
    cur[0].cert = CASE_CERTAIN;
    ncur = 1;
    for (int level = 1;
         rc == ERR_OK && !stop && ncur && level <= CASE_CHAIN_MAX; level++) {
        for (size_t i = 0; rc == ERR_OK && !stop && i < ncur; i++) {
            struct link_list links = {NULL, 0, 0};

            rc = superiors_of(st, cur[i].unit_id, &q, &links, e);
            for (size_t j = 0; rc == ERR_OK && !stop && j < links.n; j++) {
                struct link_cand *l = &links.v[j];
                enum case_certainty cert =
                    (cur[i].cert == CASE_POSSIBLE || l->cov == 1)
                        ? CASE_POSSIBLE
                        : CASE_CERTAIN;

                /* Each unit once: cycles and diamonds are cut here. */
                if (idlist_has(&seen, l->superior))
                    continue;
                idlist_add(&seen, l->superior);
                rc = report_level(st, level, l->superior, cur[i].unit_id,
                                  l->link_id, cert, &q, cb, ctx, &stop, e);
                ALLOC_GROW(next, nnext + 1, anext);
                next[nnext].unit_id = xstrdup(l->superior);
                next[nnext].cert = cert;
                nnext++;
            }
            link_list_release(&links);
        }
        for (size_t i = 0; i < ncur; i++)
            free(cur[i].unit_id);
        /* The next level becomes the current one. */
        {
            struct frontier_item *t = cur;
            size_t ta = acur;

            cur = next;
            acur = anext;
            ncur = nnext;
            next = t;
            anext = ta;
            nnext = 0;
        }
    }
    for (size_t i = 0; i < ncur; i++)
        free(cur[i].unit_id);
    free(cur);
    free(next);
    idlist_release(&seen);
    return rc;
}
