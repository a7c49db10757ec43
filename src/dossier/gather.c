/*
 * gather: reads what a dossier needs from the case (dossier.h): the
 * snapshot of incidents, evidence and designations, command
 * responsibility through the chain of command, and one target's
 * identifiers, posts, links, ties and notes. Protected values are
 * skipped at the door: they never enter a snapshot or a target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "case/disclose.h"
#include "case/schema.h"
#include "dossier/dossier.h"
#include "graph/graph.h"
#include "screen/screen_case.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* --- small helpers ---------------------------------------------------------*/

static void strs_add(struct arena *a, struct dossier_strs *l, const char *s)
{
    if (l->n + 1 > l->alloc) {
        size_t na = l->alloc < 4 ? 4 : l->alloc * 2;
        const char **nv = arena_alloc(a, na * sizeof(*nv));

        if (l->n)
            memcpy(nv, l->v, l->n * sizeof(*nv));
        l->v = nv;
        l->alloc = na;
    }
    l->v[l->n++] = s;
}

static bool strs_has(const struct dossier_strs *l, const char *s)
{
    for (size_t i = 0; s && i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

static void strs_add_unique(struct arena *a, struct dossier_strs *l,
                            const char *s)
{
    if (s && !strs_has(l, s))
        strs_add(a, l, s);
}

static void idx_add(struct dossier_idx *l, size_t i)
{
    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = i;
}

/* One live, unprotected statement of an entity (arena strings). */
struct raw {
    const char *prop, *value, *lang, *qual, *source;
    enum store_conf conf;
};

struct raw_ent {
    struct raw *v;
    size_t n, alloc;
    const char *schema;
    struct arena *a;
    size_t withheld;
    bool fictional;
};

static const char *adup(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static int raw_cb(const struct store_stmt *s, void *ctx)
{
    struct raw_ent *re = ctx;
    struct raw *r;

    if (case_value_is_protected(re->schema, s->prop)) {
        re->withheld++;
        return 0;
    }
    if (strcmp(s->prop, "fictional") == 0) {
        re->fictional = strcmp(s->value, "true") == 0;
        return 0;
    }
    ALLOC_GROW(re->v, re->n + 1, re->alloc);
    r = &re->v[re->n++];
    r->prop = adup(re->a, s->prop);
    r->value = adup(re->a, s->value);
    r->lang = adup(re->a, s->lang);
    r->qual = adup(re->a, s->qualifier);
    r->source = adup(re->a, s->source_id);
    r->conf = s->conf;
    return 0;
}

static enum err_code raw_load(struct store *st, struct arena *a,
                              const char *schema, const char *id,
                              struct raw_ent *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    out->schema = schema;
    out->a = a;
    return store_stmt_each(st, id, 0, raw_cb, out, e);
}

static void raw_release(struct raw_ent *re)
{
    free(re->v);
    re->v = NULL;
    re->n = re->alloc = 0;
}

static const struct raw *raw_first(const struct raw_ent *re, const char *prop)
{
    for (size_t i = 0; i < re->n; i++)
        if (strcmp(re->v[i].prop, prop) == 0)
            return &re->v[i];
    return NULL;
}

static const char *raw_val(const struct raw_ent *re, const char *prop)
{
    const struct raw *r = raw_first(re, prop);
    return r ? r->value : NULL;
}

/* First value of the first prop of a "|"-list that has one. */
static const char *raw_caption(const struct raw_ent *re, const char *props)
{
    char buf[64];
    const char *p = props;

    while (*p) {
        size_t n = strcspn(p, "|");
        const char *v;

        snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
        v = raw_val(re, buf);
        if (v)
            return v;
        p += n;
        if (*p == '|')
            p++;
    }
    return NULL;
}

/* Entity ids of one schema, in id order (arena strings). */
struct id_list {
    struct dossier_strs ids;
    struct arena *a;
};

static int id_cb(const struct store_entity *en, void *ctx)
{
    struct id_list *l = ctx;
    strs_add(l->a, &l->ids, arena_strdup(l->a, en->id));
    return 0;
}

static enum err_code ids_of(struct store *st, struct arena *a,
                            const char *schema, struct dossier_strs *out,
                            struct err *e)
{
    struct id_list l;
    enum err_code rc;

    memset(&l, 0, sizeof(l));
    l.a = a;
    rc = store_entity_each(st, schema, id_cb, &l, e);
    *out = l.ids;
    return rc;
}

static int fict_cb(const struct store_stmt *x, void *ctx)
{
    if (strcmp(x->prop, "fictional") == 0 && strcmp(x->value, "true") == 0) {
        *(bool *)ctx = true;
        return 1;
    }
    return 0;
}

/* True when entity id is marked fictional. */
static bool is_fictional(struct store *st, const char *id)
{
    bool yes = false;
    struct err e = ERR_INIT;

    store_stmt_each(st, id, 0, fict_cb, &yes, &e);
    return yes;
}

/* Caption of id, "[FICTIONAL] "-prefixed when it is marked fictional. */
static const char *caption_of(struct store *st, struct arena *a, const char *id)
{
    char *c = NULL;
    const char *r;
    struct err e = ERR_INIT;
    struct strbuf sb = STRBUF_INIT;

    if (!id)
        return NULL;
    if (case_caption(st, id, &c, &e))
        return arena_strdup(a, id);
    if (is_fictional(st, id))
        strbuf_addstr(&sb, "[FICTIONAL] ");
    strbuf_addstr(&sb, c);
    r = arena_strdup(a, sb.buf);
    strbuf_release(&sb);
    free(c);
    return r;
}

/* --- snapshot
 * ---------------------------------------------------------------*/

#define DEFINE_FIND(fn, type, arr, count)                                      \
    size_t fn(const struct dossier_snapshot *s, const char *id)                \
    {                                                                          \
        size_t lo = 0, hi = s->count;                                          \
        while (id && lo < hi) {                                                \
            size_t mid = lo + (hi - lo) / 2;                                   \
            int c = strcmp(s->arr[mid].id, id);                                \
            if (c == 0)                                                        \
                return mid;                                                    \
            if (c < 0)                                                         \
                lo = mid + 1;                                                  \
            else                                                               \
                hi = mid;                                                      \
        }                                                                      \
        return DOSSIER_NONE;                                                   \
    }

DEFINE_FIND(dossier_source_find, dossier_source, sources, nsources)
DEFINE_FIND(dossier_exhibit_find, dossier_exhibit, exhibits, nexhibits)
DEFINE_FIND(dossier_incident_find, dossier_incident, incidents, nincidents)

static size_t involvement_find(const struct dossier_snapshot *s, const char *id)
{
    for (size_t lo = 0, hi = s->ninvolvements; id && lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->involvements[mid].id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return DOSSIER_NONE;
}

static enum err_code load_sources(struct dossier_snapshot *s, struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Source", &ids, e);

    s->sources = arena_calloc(&s->arena, ids.n + 1, sizeof(*s->sources));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_source *x = &s->sources[s->nsources];
        struct raw_ent re;

        rc = raw_load(s->st, &s->arena, "Source", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        x->caption = raw_caption(&re, "name|publisher|url");
        if (!x->caption)
            x->caption = x->id;
        x->kind = raw_val(&re, "kind");
        x->reliability = raw_val(&re, "reliability");
        x->fictional = re.fictional;
        s->nwithheld += re.withheld;
        raw_release(&re);
        s->nsources++;
    }
    return rc;
}

static enum err_code load_incidents(struct dossier_snapshot *s, struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Incident", &ids, e);

    s->incidents = arena_calloc(&s->arena, ids.n + 1, sizeof(*s->incidents));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_incident *x = &s->incidents[s->nincidents];
        struct raw_ent re;

        rc = raw_load(s->st, &s->arena, "Incident", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        x->caption = raw_caption(&re, "name|summary");
        if (!x->caption)
            x->caption = x->id;
        x->start = raw_val(&re, "startDate");
        x->end = raw_val(&re, "endDate");
        x->place = raw_val(&re, "place");
        x->summary = raw_val(&re, "summary");
        x->fictional = re.fictional;
        for (size_t k = 0; k < re.n; k++) {
            if (strcmp(re.v[k].prop, "violation") == 0)
                strs_add_unique(&s->arena, &x->violations, re.v[k].value);
            strs_add_unique(&s->arena, &x->sources, re.v[k].source);
        }
        s->nwithheld += re.withheld;
        raw_release(&re);
        s->nincidents++;
    }
    return rc;
}

static enum err_code load_exhibits(struct dossier_snapshot *s, struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Exhibit", &ids, e);

    s->exhibits = arena_calloc(&s->arena, ids.n + 1, sizeof(*s->exhibits));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_exhibit *x = &s->exhibits[s->nexhibits];
        struct raw_ent re;

        rc = raw_load(s->st, &s->arena, "Exhibit", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        x->title = raw_caption(&re, "title|name|fileName|hash");
        if (!x->title)
            x->title = x->id;
        x->hash = raw_val(&re, "hash");
        x->captured_at = raw_val(&re, "capturedAt");
        x->verification = raw_val(&re, "verification");
        x->media_type = raw_val(&re, "mediaType");
        x->file_size = raw_val(&re, "fileSize");
        x->url = raw_val(&re, "sourceUrl");
        x->fictional = re.fictional;
        for (size_t k = 0; k < re.n; k++) {
            if (strcmp(re.v[k].prop, "source") == 0)
                strs_add_unique(&s->arena, &x->sources, re.v[k].value);
            else if (strcmp(re.v[k].prop, "incident") == 0)
                strs_add_unique(&s->arena, &x->incidents, re.v[k].value);
        }
        s->nwithheld += re.withheld;
        raw_release(&re);
        for (size_t k = 0; k < x->incidents.n; k++) {
            size_t in = dossier_incident_find(s, x->incidents.v[k]);
            if (in != DOSSIER_NONE)
                idx_add(&s->incidents[in].exhibits, s->nexhibits);
        }
        s->nexhibits++;
    }
    return rc;
}

static enum err_code load_victims(struct dossier_snapshot *s, struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Victim", &ids, e);

    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct raw_ent re;
        const char *pseudonym;

        rc = raw_load(s->st, &s->arena, "Victim", ids.v[i], &re, e);
        if (rc)
            break;
        pseudonym = raw_val(&re, "pseudonym");
        if (!pseudonym)
            pseudonym = "[missing: victim pseudonym]";
        for (size_t k = 0; k < re.n; k++) {
            struct dossier_incident *x;
            size_t in;

            if (strcmp(re.v[k].prop, "incident") != 0)
                continue;
            in = dossier_incident_find(s, re.v[k].value);
            if (in == DOSSIER_NONE)
                continue;
            x = &s->incidents[in];
            strs_add_unique(&s->arena, &x->victims, pseudonym);
            if (!strs_has(&x->victim_ids, ids.v[i])) {
                strs_add(&s->arena, &x->victim_ids, ids.v[i]);
                strs_add(&s->arena, &x->victim_names, pseudonym);
            }
        }
        s->nwithheld += re.withheld;
        raw_release(&re);
    }
    return rc;
}

static enum err_code load_involvements(struct dossier_snapshot *s,
                                       struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Involvement", &ids, e);

    s->involvements =
        arena_calloc(&s->arena, ids.n + 1, sizeof(*s->involvements));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_involvement *x = &s->involvements[s->ninvolvements];
        struct raw_ent re;
        const struct raw *party;

        rc = raw_load(s->st, &s->arena, "Involvement", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        party = raw_first(&re, "person");
        x->party = party ? party->value : NULL;
        x->conf = party ? party->conf : STORE_CONF_POSSIBLE;
        x->incident = dossier_incident_find(s, raw_val(&re, "incident"));
        for (size_t k = 0; k < re.n; k++) {
            if (strcmp(re.v[k].prop, "role") == 0)
                strs_add_unique(&s->arena, &x->roles, re.v[k].value);
            strs_add_unique(&s->arena, &x->sources, re.v[k].source);
        }
        raw_release(&re);
        s->ninvolvements++;
    }
    return rc;
}

static int schema_cb(const struct store_entity *en, void *ctx)
{
    const struct schema *sc = schema_find(en->schema);
    *(bool *)ctx = sc && schema_is_a(sc, "Organization");
    return 0;
}

struct chain_ctx {
    struct dossier_snapshot *s;
    size_t involvement;
    const char *involved;
    const char *date;
};

static int chain_cb(const struct case_chain_level *lv, void *ctx)
{
    struct chain_ctx *cc = ctx;
    struct dossier_snapshot *s = cc->s;

    for (size_t i = 0; i < lv->ncommanders; i++) {
        const struct case_holder *h = &lv->commanders[i];
        struct dossier_command *c;

        if (!h->holder_id)
            continue;
        ALLOC_GROW(s->commands, s->ncommands + 1, s->alloccommands);
        c = &s->commands[s->ncommands++];
        c->involvement = cc->involvement;
        c->holder_id = arena_strdup(&s->arena, h->holder_id);
        c->holder_caption = caption_of(s->st, &s->arena, h->holder_id);
        c->level = lv->level;
        c->unit_id = arena_strdup(&s->arena, lv->unit_id);
        c->unit_caption = caption_of(s->st, &s->arena, lv->unit_id);
        c->post = adup(&s->arena, h->post_caption);
        c->rank = adup(&s->arena, h->rank);
        c->involved = cc->involved;
        c->certainty = (lv->link_certainty == CASE_POSSIBLE ||
                        h->certainty == CASE_POSSIBLE)
                           ? CASE_POSSIBLE
                           : CASE_CERTAIN;
        c->date = cc->date;
    }
    return 0;
}

/* Who commanded each involved unit (and the units above it) that day. */
static enum err_code load_commands(struct dossier_snapshot *s, struct err *e)
{
    enum err_code rc = ERR_OK;

    for (size_t i = 0; !rc && i < s->ninvolvements; i++) {
        struct dossier_involvement *x = &s->involvements[i];
        const struct dossier_incident *in;
        struct chain_ctx cc;
        struct strbuf date = STRBUF_INIT;
        struct err ce = ERR_INIT;
        bool unit = false;

        if (!x->party || x->incident == DOSSIER_NONE)
            continue;
        rc = store_entity_get(s->st, x->party, schema_cb, &unit, e);
        if (rc)
            break;
        x->party_is_unit = unit;
        in = &s->incidents[x->incident];
        if (!unit || !in->start)
            continue;
        if (in->end && strcmp(in->end, in->start) != 0)
            strbuf_addf(&date, "%s to %s", in->start, in->end);
        else
            strbuf_addstr(&date, in->start);
        cc.s = s;
        cc.involvement = i;
        cc.involved = caption_of(s->st, &s->arena, x->party);
        cc.date = arena_strdup(&s->arena, date.buf);
        /*
         * A date the chain query cannot read (a range with an imprecise
         * end) only loses the derived links; the incident stays.
         */
        if (case_chain_on(s->st, x->party, date.buf, chain_cb, &cc, &ce) &&
            ce.code != ERR_INVALID && ce.code != ERR_NOTFOUND)
            rc = err_set(e, ce.code, "%s", ce.msg);
        strbuf_release(&date);
    }
    return rc;
}

static enum err_code load_designations(struct dossier_snapshot *s,
                                       struct err *e)
{
    struct dossier_strs ids;
    enum err_code rc = ids_of(s->st, &s->arena, "Designation", &ids, e);

    s->designations =
        arena_calloc(&s->arena, ids.n + 1, sizeof(*s->designations));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_designation *x = &s->designations[s->ndesignations];
        struct raw_ent re;

        rc = raw_load(s->st, &s->arena, "Designation", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        x->entity = raw_val(&re, "entity");
        x->authority = raw_val(&re, "authority");
        x->program = raw_caption(&re, "program|programId");
        x->authority_id = raw_val(&re, "authorityId");
        x->listing_date = raw_caption(&re, "listingDate|startDate|date");
        x->country = raw_val(&re, "country");
        raw_release(&re);
        s->ndesignations++;
    }
    ids_of(s->st, &s->arena, "ScreeningDecision", &ids, e);
    s->decisions = arena_calloc(&s->arena, ids.n + 1, sizeof(*s->decisions));
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct dossier_decision *x = &s->decisions[s->ndecisions];
        struct raw_ent re;

        rc = raw_load(s->st, &s->arena, "ScreeningDecision", ids.v[i], &re, e);
        if (rc)
            break;
        x->id = ids.v[i];
        x->subject = raw_val(&re, "subject");
        x->list = raw_val(&re, "list");
        x->entry_id = raw_val(&re, "entryId");
        x->decision = raw_val(&re, "decision");
        x->reason = raw_val(&re, "reason");
        raw_release(&re);
        s->ndecisions++;
    }
    return rc;
}

static int gap_cb(const struct screen_gap_row *row, void *ctx)
{
    struct dossier_snapshot *s = ctx;
    struct dossier_gap *g;

    ALLOC_GROW(s->gaps, s->ngaps + 1, s->allocgaps);
    g = &s->gaps[s->ngaps++];
    g->person_id = arena_strdup(&s->arena, row->person_id);
    for (size_t i = 0; i < DOSSIER_NJUR && i < SCREEN_NJUR; i++) {
        const struct screen_gap_cell *c = &row->cell[i];

        g->cell[i].status = (int)c->status;
        g->cell[i].status_name = screen_gap_status_name(c->status);
        g->cell[i].program = adup(&s->arena, c->program);
        g->cell[i].date = adup(&s->arena, c->date);
        g->cell[i].entry_id = adup(&s->arena, c->entry_id);
        g->cell[i].via = adup(&s->arena, c->via);
    }
    return 0;
}

/* --- released protected values ------------------------------------------*/

bool dossier_release_applies(const struct dossier_release *x,
                             const struct regime *r)
{
    const char *scope = case_disclose_scope_of_jurisdiction(r->jurisdiction);

    return strcmp(x->scope, CASE_SCOPE_ALL) == 0 ||
           (scope && strcmp(x->scope, scope) == 0);
}

static int release_cb(const struct case_disclosure *d, void *ctx)
{
    struct dossier_snapshot *s = ctx;
    const struct schema *sc = schema_find(d->schema);
    const struct schema_prop *p =
        sc ? schema_prop_find(sc, d->prop, NULL) : NULL;
    struct dossier_release *x;

    ALLOC_GROW(s->releases, s->nreleases + 1, s->allocreleases);
    x = &s->releases[s->nreleases++];
    x->stmt_id = d->stmt_id;
    x->entity_id = arena_strdup(&s->arena, d->entity_id);
    x->schema = arena_strdup(&s->arena, d->schema);
    x->caption = caption_of(s->st, &s->arena, d->entity_id);
    x->label = arena_strdup(&s->arena, d->label);
    /* A released reference (an informant) reads as whom it names. */
    x->value = p && p->type == SCHEMA_ENTITY
                   ? caption_of(s->st, &s->arena, d->value)
                   : arena_strdup(&s->arena, d->value);
    x->scope = arena_strdup(&s->arena, d->scope);
    x->author = arena_strdup(&s->arena, d->author);
    x->at = arena_strdup(&s->arena, d->at);
    x->reason = arena_strdup(&s->arena, d->reason);
    return 0;
}

enum err_code dossier_snapshot_load(struct store *st,
                                    struct dossier_snapshot *out, struct err *e)
{
    enum err_code rc;
    char *title = NULL;
    struct err me = ERR_INIT;

    memset(out, 0, sizeof(*out));
    arena_init(&out->arena, 0);
    out->st = st;
    if (!store_meta_get(st, "title", &title, &me) && title) {
        out->title = arena_strdup(&out->arena, title);
        free(title);
    }
    rc = case_disclose_each(st, 0, release_cb, out, e);
    if (!rc)
        rc = load_sources(out, e);
    if (!rc)
        rc = load_incidents(out, e);
    if (!rc)
        rc = load_exhibits(out, e);
    if (!rc)
        rc = load_victims(out, e);
    if (!rc)
        rc = load_involvements(out, e);
    if (!rc)
        rc = load_commands(out, e);
    if (!rc)
        rc = load_designations(out, e);
    if (!rc)
        rc = screen_gaps(st, gap_cb, out, e);
    if (rc)
        dossier_snapshot_release(out);
    return rc;
}

void dossier_snapshot_release(struct dossier_snapshot *s)
{
    for (size_t i = 0; i < s->nincidents; i++)
        free(s->incidents[i].exhibits.v);
    free(s->commands);
    free(s->gaps);
    free(s->releases);
    arena_release(&s->arena);
    memset(s, 0, sizeof(*s));
}

/* --- targets
 * ----------------------------------------------------------------*/

static bool has_han(const char *s)
{
    /* CJK Unified Ideographs start at U+3400 (UTF-8 lead byte 0xE3..0xE9). */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9)
            return true;
    return false;
}

static const char *const fact_order[] = {
    "name-latin",     "name-han", "alias",    "birth-date", "birth-place",
    "nationality",    "gender",   "hkid",     "passport",   "id-number",
    "warrant-number", "address",  "position",
};

static size_t fact_rank(const char *key)
{
    for (size_t i = 0; i < sizeof(fact_order) / sizeof(fact_order[0]); i++)
        if (strcmp(fact_order[i], key) == 0)
            return i;
    return 99;
}

/* Stable insertion sort by key rank: values keep their recorded order. */
static void sort_facts(struct dossier_fact *f, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct dossier_fact x = f[i];
        size_t j = i;

        while (j > 0 && fact_rank(f[j - 1].key) > fact_rank(x.key)) {
            f[j] = f[j - 1];
            j--;
        }
        f[j] = x;
    }
}

static void add_fact(struct dossier_target *t, const char *key,
                     const char *value, const char *qual, enum store_conf conf,
                     const char *source_id, const char *source)
{
    struct dossier_fact *f;

    ALLOC_GROW(t->facts, t->nfacts + 1, t->allocfacts);
    f = &t->facts[t->nfacts++];
    f->key = key;
    f->value = adup(&t->arena, value);
    f->qualifier = adup(&t->arena, qual);
    f->conf = conf;
    f->source_id = adup(&t->arena, source_id);
    f->source = adup(&t->arena, source);
}

static void add_note(struct dossier_target *t, const char *key,
                     const char *value, enum store_conf conf,
                     const char *source)
{
    struct dossier_fact *f;

    ALLOC_GROW(t->notes, t->nnotes + 1, t->allocnotes);
    f = &t->notes[t->nnotes++];
    memset(f, 0, sizeof(*f));
    f->key = key;
    f->value = arena_strdup(&t->arena, value);
    f->conf = conf;
    f->source = adup(&t->arena, source);
}

static const char *fact_key(const struct case_stmt *s)
{
    static const struct {
        const char *prop, *key;
    } map[] = {
        {"alias", "alias"},
        {"birthDate", "birth-date"},
        {"birthPlace", "birth-place"},
        {"nationality", "nationality"},
        {"citizenship", "nationality"},
        {"gender", "gender"},
        {"hkid", "hkid"},
        {"passportNumber", "passport"},
        {"idNumber", "id-number"},
        {"warrantNumber", "warrant-number"},
        {"address", "address"},
        {"position", "position"},
    };

    if (strcmp(s->prop, "name") == 0)
        return has_han(s->value) ? "name-han" : "name-latin";
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(map[i].prop, s->prop) == 0)
            return map[i].key;
    return NULL;
}

static const char *display_value(struct arena *a, const char *key,
                                 const char *v)
{
    if (strcmp(key, "nationality") == 0) {
        const char *name = schema_country_name(v);
        if (name) {
            size_t n = strlen(name) + strlen(v) + 4;
            char *buf = arena_alloc(a, n);
            snprintf(buf, n, "%s (%s)", name, v);
            return buf;
        }
    }
    return v;
}

static enum err_code add_occupancy(const struct dossier_snapshot *s,
                                   struct dossier_target *t, const char *occ,
                                   struct err *e)
{
    struct raw_ent re;
    struct dossier_position *p;
    const char *post, *unit, *warrant, *holder_src = NULL;
    enum store_conf conf = STORE_CONF_CONFIRMED;
    enum err_code rc;
    struct strbuf sb = STRBUF_INIT;

    rc = raw_load(s->st, &t->arena, "Occupancy", occ, &re, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < re.n; i++)
        if (strcmp(re.v[i].prop, "holder") == 0) {
            conf = re.v[i].conf;
            holder_src = re.v[i].source;
        }
    post = raw_val(&re, "post");
    unit = raw_val(&re, "organization");
    if (!unit && post) {
        struct raw_ent pe;

        rc = raw_load(s->st, &t->arena, "Position", post, &pe, e);
        if (rc) {
            raw_release(&re);
            return rc;
        }
        unit = raw_val(&pe, "organization");
        raw_release(&pe);
    }
    ALLOC_GROW(t->positions, t->npositions + 1, t->allocpositions);
    p = &t->positions[t->npositions++];
    memset(p, 0, sizeof(*p));
    p->post = caption_of(s->st, &t->arena, post);
    p->unit = caption_of(s->st, &t->arena, unit);
    p->rank = raw_val(&re, "rank");
    p->call_sign = raw_val(&re, "callSign");
    warrant = raw_val(&re, "warrantNumber");
    p->warrant = warrant;
    p->start = raw_val(&re, "startDate");
    p->end = raw_val(&re, "endDate");
    p->conf = conf;
    p->source = caption_of(s->st, &t->arena, holder_src);
    strbuf_addf(&sb, "%s, %s (%s to %s)", p->post ? p->post : "post",
                p->unit ? p->unit : "[missing: unit]",
                p->start ? p->start : "?", p->end ? p->end : "?");
    add_fact(t, "position", sb.buf, NULL, conf, holder_src, p->source);
    for (size_t i = 0; i < re.n; i++)
        if (strcmp(re.v[i].prop, "warrantNumber") == 0)
            add_fact(t, "warrant-number", re.v[i].value, NULL, re.v[i].conf,
                     re.v[i].source,
                     caption_of(s->st, &t->arena, re.v[i].source));
    strbuf_release(&sb);
    raw_release(&re);
    return ERR_OK;
}

struct tie_ctx {
    const struct dossier_snapshot *s;
    struct dossier_target *t;
};

static int tie_cb(const struct graph_tie *g, void *ctx)
{
    struct tie_ctx *tc = ctx;
    struct dossier_target *t = tc->t;
    struct dossier_tie *x;
    struct strbuf what = STRBUF_INIT;

    /* Nationality is in the identification sheet already. */
    if (strcmp(g->kind, "nationality") == 0)
        return 0;
    ALLOC_GROW(t->ties, t->nties + 1, t->allocties);
    x = &t->ties[t->nties++];
    memset(x, 0, sizeof(*x));
    x->kind = arena_strdup(&t->arena, g->kind);
    x->country = adup(&t->arena, g->country);
    if (g->what_id && is_fictional(tc->s->st, g->what_id))
        strbuf_addstr(&what, "[FICTIONAL] ");
    strbuf_addstr(&what, g->what ? g->what : "");
    if (g->via)
        strbuf_addf(&what, " (through %s)", g->via);
    x->what = arena_strdup(&t->arena, what.buf);
    x->source = caption_of(tc->s->st, &t->arena, g->source_id);
    strbuf_release(&what);
    return 0;
}

enum err_code dossier_person_missing(struct store *st, const char *id,
                                     struct err *e)
{
    struct arena a;
    struct dossier_strs ids;
    struct strbuf sb = STRBUF_INIT;
    struct err le = ERR_INIT;

    arena_init(&a, 0);
    ids_of(st, &a, "Person", &ids, &le);
    for (size_t i = 0; i < ids.n && i < 20; i++)
        strbuf_addf(&sb, "%s%s", i ? ", " : "", ids.v[i]);
    if (ids.n > 20)
        strbuf_addf(&sb, ", ... (%zu in all: 'dossier list Person')", ids.n);
    err_set(e, ERR_NOTFOUND, "no person '%s' in the case (people: %s)", id,
            ids.n ? sb.buf : "none");
    strbuf_release(&sb);
    arena_release(&a);
    return ERR_NOTFOUND;
}

enum err_code dossier_target_load(const struct dossier_snapshot *s,
                                  const char *id, struct dossier_target *out,
                                  struct err *e)
{
    struct case_entity *en = NULL;
    const struct schema *sc;
    enum err_code rc;
    struct err le = ERR_INIT;
    struct strbuf cap = STRBUF_INIT;

    memset(out, 0, sizeof(*out));
    arena_init(&out->arena, 0);
    rc = case_entity_load(s->st, id, 0, &en, &le);
    if (rc == ERR_NOTFOUND)
        return dossier_person_missing(s->st, id, e);
    if (rc)
        return err_set(e, rc, "%s", le.msg);
    sc = schema_find(en->schema);
    if (!sc || !schema_is_a(sc, "Person")) {
        err_set(e, ERR_INVALID,
                "'%s' is a %s, not a Person: a dossier targets a person", id,
                en->schema);
        case_entity_free(en);
        return ERR_INVALID;
    }
    out->id = arena_strdup(&out->arena, en->id);
    for (size_t i = 0; i < en->nstmts; i++) {
        const struct case_stmt *st = &en->stmts[i];
        const char *key;

        if (st->is_protected)
            continue;
        if (strcmp(st->prop, "fictional") == 0) {
            out->fictional = strcmp(st->value, "true") == 0;
            continue;
        }
        if (strcmp(st->prop, "notes") == 0 && st->qualifier &&
            strcmp(st->qualifier, "exculpatory") == 0) {
            add_note(out, "exculpatory", st->value, st->conf,
                     caption_of(s->st, &out->arena, st->source_id));
            continue;
        }
        if (st->conf == STORE_CONF_DISPUTED) {
            struct strbuf d = STRBUF_INIT;
            strbuf_addf(&d, "%s: %s (recorded as disputed)", st->prop,
                        st->value);
            add_note(out, "disputed", d.buf, st->conf,
                     caption_of(s->st, &out->arena, st->source_id));
            strbuf_release(&d);
        }
        key = fact_key(st);
        if (!key)
            continue;
        if (strcmp(key, "name-latin") == 0 && !out->name_latin)
            out->name_latin = arena_strdup(&out->arena, st->value);
        if (strcmp(key, "name-han") == 0 && !out->name_han)
            out->name_han = arena_strdup(&out->arena, st->value);
        add_fact(out, key, display_value(&out->arena, key, st->value),
                 st->qualifier, st->conf, st->source_id,
                 caption_of(s->st, &out->arena, st->source_id));
    }
    for (size_t i = 0; !rc && i < en->nrefs; i++) {
        const struct case_ref *r = &en->refs[i];

        if (strcmp(r->schema, "Occupancy") == 0 &&
            strcmp(r->stmt.prop, "holder") == 0)
            rc = add_occupancy(s, out, r->entity_id, e);
        else if (strcmp(r->schema, "Involvement") == 0) {
            size_t k = involvement_find(s, r->entity_id);
            const struct dossier_involvement *iv;

            if (k == DOSSIER_NONE)
                continue;
            iv = &s->involvements[k];
            if (iv->incident == DOSSIER_NONE)
                continue;
            for (size_t j = 0; j < (iv->roles.n ? iv->roles.n : 1); j++) {
                struct dossier_link *l;

                ALLOC_GROW(out->links, out->nlinks + 1, out->alloclinks);
                l = &out->links[out->nlinks++];
                memset(l, 0, sizeof(*l));
                l->incident = iv->incident;
                l->role = iv->roles.n ? iv->roles.v[j] : "unspecified";
                l->conf = iv->conf;
                l->sources = iv->sources;
            }
        } else if (strcmp(r->schema, "Designation") == 0) {
            for (size_t k = 0; k < s->ndesignations; k++)
                if (strcmp(s->designations[k].id, r->entity_id) == 0)
                    idx_add(&out->designations, k);
        } else if (strcmp(r->schema, "ScreeningDecision") == 0) {
            for (size_t k = 0; k < s->ndecisions; k++)
                if (strcmp(s->decisions[k].id, r->entity_id) == 0)
                    idx_add(&out->decisions, k);
        } else if (strcmp(r->schema, "Passport") == 0) {
            struct raw_ent pe;
            const char *num;

            rc = raw_load(s->st, &out->arena, "Passport", r->entity_id, &pe, e);
            if (rc)
                break;
            num = raw_caption(&pe, "number|passportNumber");
            if (num)
                add_fact(out, "passport", num, NULL, r->stmt.conf,
                         r->stmt.source_id,
                         caption_of(s->st, &out->arena, r->stmt.source_id));
            raw_release(&pe);
        }
    }
    if (!rc) {
        struct tie_ctx tc = {s, out};
        struct err ge = ERR_INIT;

        /* Ties abroad through the graph module (owned assets, company
         * and family links, with the asset's country). */
        if (graph_ties(s->st, out->id, NULL, tie_cb, &tc, &ge) &&
            ge.code != ERR_NOTFOUND)
            rc = err_set(e, ge.code, "%s", ge.msg);
    }
    /* Command responsibility through the chain on the incident dates. */
    for (size_t i = 0; !rc && i < s->ncommands; i++) {
        const struct dossier_command *c = &s->commands[i];
        const struct dossier_involvement *iv = &s->involvements[c->involvement];
        struct dossier_link *l;

        if (strcmp(c->holder_id, out->id) != 0)
            continue;
        ALLOC_GROW(out->links, out->nlinks + 1, out->alloclinks);
        l = &out->links[out->nlinks++];
        memset(l, 0, sizeof(*l));
        l->incident = iv->incident;
        l->role = "commanded";
        l->conf = iv->conf;
        l->via_chain = true;
        l->cmd = c;
        l->certainty = c->certainty;
        l->sources = iv->sources;
    }
    for (size_t i = 0; !rc && i < s->ngaps; i++)
        if (strcmp(s->gaps[i].person_id, out->id) == 0)
            out->gap = &s->gaps[i];
    if (!rc) {
        sort_facts(out->facts, out->nfacts);
        if (out->fictional)
            strbuf_addstr(&cap, "[FICTIONAL] ");
        strbuf_addstr(&cap, out->name_latin ? out->name_latin : out->id);
        if (out->name_han)
            strbuf_addf(&cap, " %s", out->name_han);
        out->caption = arena_strdup(&out->arena, cap.buf);
    }
    strbuf_release(&cap);
    case_entity_free(en);
    if (rc)
        dossier_target_release(out);
    return rc;
}

void dossier_target_release(struct dossier_target *t)
{
    free(t->facts);
    free(t->positions);
    free(t->links);
    free(t->ties);
    free(t->notes);
    free(t->designations.v);
    free(t->decisions.v);
    arena_release(&t->arena);
    memset(t, 0, sizeof(*t));
}
