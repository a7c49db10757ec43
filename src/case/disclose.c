/*
 * disclose: the rules of releasing protected values (disclose.h) on top
 * of the store's append-only disclosure log.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case/case.h"
#include "case/disclose.h"
#include "case/schema.h"
#include "store/store_disclosure.h"
#include "util/arena.h"
#include "util/xalloc.h"
#include "util/banned.h"

/*
 * The jurisdictions of the regimes in regimes/ (the
 * "jurisdiction" field, with the UK's "gb" under the name the screening
 * gap report and users say: "uk").
 */
static const char *const scopes[] = {CASE_SCOPE_ALL, "us", "uk",
                                     "eu",           "ca", "au"};
#define NSCOPES (sizeof(scopes) / sizeof(scopes[0]))

const char *case_disclose_scope(const char *s)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < NSCOPES; i++)
        if (strcasecmp(s, scopes[i]) == 0)
            return scopes[i];
    if (strcasecmp(s, "gb") == 0)
        return "uk";
    return NULL;
}

const char *case_disclose_scope_list(void)
{
    return "all, us, uk, eu, ca, au";
}

const char *case_disclose_scope_of_jurisdiction(const char *jurisdiction)
{
    const char *s = case_disclose_scope(jurisdiction);

    return s && strcmp(s, CASE_SCOPE_ALL) != 0 ? s : NULL;
}

bool case_disclose_scope_covers(const char *scope, const char *want)
{
    return scope && want &&
           (strcmp(scope, CASE_SCOPE_ALL) == 0 || strcmp(scope, want) == 0);
}

/* --- releasing ---------------------------------------------------------- */

struct stmt_info {
    bool found;
    bool retracted;
    char *entity_id;
    char *prop;
};

static int stmt_info_cb(const struct store_stmt *s, void *ctx)
{
    struct stmt_info *si = ctx;

    si->found = true;
    si->retracted = s->retracted_at != NULL;
    si->entity_id = xstrdup(s->entity_id);
    si->prop = xstrdup(s->prop);
    return 0;
}

static int schema_cb(const struct store_entity *en, void *ctx)
{
    char **out = ctx;

    *out = xstrdup(en->schema);
    return 0;
}

/* Whether stmt_id is released now for exactly scope. */
struct state_ctx {
    int64_t stmt_id;
    const char *scope;
    bool exact; /* released for exactly scope */
    bool all;   /* released for "all" */
};

static int state_cb(const struct store_disclosure_rec *r, void *ctx)
{
    struct state_ctx *sc = ctx;

    if (r->stmt_id != sc->stmt_id)
        return 0;
    if (strcmp(r->scope, sc->scope) == 0)
        sc->exact = true;
    if (strcmp(r->scope, CASE_SCOPE_ALL) == 0)
        sc->all = true;
    return 0;
}

enum err_code case_disclose(struct store *st, int64_t stmt_id,
                            const char *scope, const char *reason,
                            const char *author, bool withdraw, struct err *e)
{
    struct stmt_info si = {false, false, NULL, NULL};
    struct state_ctx sc;
    struct store_disclosure_rec r;
    struct err le = ERR_INIT;
    char *schema = NULL;
    const char *canon = case_disclose_scope(scope);
    bool in_tx = false;
    enum err_code rc;

    if (!canon)
        return err_set(e, ERR_INVALID, "unknown scope '%s' (use %s)",
                       scope ? scope : "", case_disclose_scope_list());
    if (!reason || !reason[strspn(reason, " \t\r\n")])
        return err_set(e, ERR_INVALID,
                       "a reason is required: say why the value may leave "
                       "the case");
    if (strlen(reason) > CASE_DISCLOSE_REASON_MAX)
        return err_set(e, ERR_TOOBIG, "reason longer than %d bytes",
                       CASE_DISCLOSE_REASON_MAX);
    rc = store_stmt_get(st, stmt_id, stmt_info_cb, &si, &le);
    if (rc == ERR_NOTFOUND)
        rc = err_set(e, ERR_NOTFOUND,
                     "no statement #%lld (the #numbers of 'dossier show ID')",
                     (long long)stmt_id);
    else if (rc)
        rc = err_set(e, rc, "%s", le.msg);
    if (rc)
        goto out;
    if (si.retracted) {
        rc = err_set(e, ERR_CONFLICT, "statement #%lld is retracted",
                     (long long)stmt_id);
        goto out;
    }
    rc = store_entity_get(st, si.entity_id, schema_cb, &schema, e);
    if (rc)
        goto out;
    if (!case_value_is_protected(schema, si.prop)) {
        rc = err_set(e, ERR_INVALID, "nothing to %s: %s of %s is not protected",
                     withdraw ? "withdraw" : "release", si.prop, schema);
        goto out;
    }
    /*
     * The state check and the new record in one write transaction, so two
     * reviewers acting at once cannot both release (or withdraw) the same
     * value for the same scope.
     */
    rc = store_begin(st, e);
    if (rc)
        goto out;
    in_tx = true;
    memset(&sc, 0, sizeof(sc));
    sc.stmt_id = stmt_id;
    sc.scope = canon;
    rc = store_disclosure_current(st, NULL, si.entity_id, state_cb, &sc, e);
    if (rc)
        goto out;
    if (withdraw && !sc.exact) {
        if (sc.all && strcmp(canon, CASE_SCOPE_ALL) != 0)
            rc = err_set(e, ERR_CONFLICT,
                         "nothing to withdraw: #%lld is not released for "
                         "'%s' but for all (withdraw --scope all)",
                         (long long)stmt_id, canon);
        else
            rc = err_set(e, ERR_CONFLICT,
                         "nothing to withdraw: #%lld is not released for '%s'",
                         (long long)stmt_id, canon);
        goto out;
    }
    if (!withdraw && sc.exact) {
        rc = err_set(e, ERR_CONFLICT, "#%lld is already released for '%s'",
                     (long long)stmt_id, canon);
        goto out;
    }
    memset(&r, 0, sizeof(r));
    r.stmt_id = stmt_id;
    r.action = withdraw ? "withdraw" : "release";
    r.scope = canon;
    r.reason = reason;
    r.author = author;
    rc = store_disclosure_add(st, &r, NULL, e);
    if (!rc) {
        in_tx = false;
        rc = store_commit(st, e);
    }
out:
    if (in_tx)
        store_rollback(st);
    free(si.entity_id);
    free(si.prop);
    free(schema);
    return rc;
}

/* --- reading ------------------------------------------------------------ */

/* Records copied out of the store iteration, enriched afterwards. */
struct rec_list {
    struct case_disclosure *v;
    size_t n, alloc;
    struct arena *a;
};

static const char *adup(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static int collect_cb(const struct store_disclosure_rec *r, void *ctx)
{
    struct rec_list *l = ctx;
    struct case_disclosure *d;

    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    d = &l->v[l->n++];
    memset(d, 0, sizeof(*d));
    d->id = r->id;
    d->stmt_id = r->stmt_id;
    d->entity_id = adup(l->a, r->entity_id);
    d->action = adup(l->a, r->action);
    d->scope = adup(l->a, r->scope);
    d->reason = adup(l->a, r->reason);
    d->author = adup(l->a, r->author);
    d->at = adup(l->a, r->at);
    return 0;
}

struct fill_ctx {
    struct case_disclosure *d;
    struct arena *a;
};

static int fill_stmt_cb(const struct store_stmt *s, void *ctx)
{
    struct fill_ctx *fc = ctx;

    fc->d->prop = adup(fc->a, s->prop);
    fc->d->value = adup(fc->a, s->value);
    fc->d->retracted = s->retracted_at != NULL;
    return 0;
}

static int fill_schema_cb(const struct store_entity *en, void *ctx)
{
    struct fill_ctx *fc = ctx;

    fc->d->schema = adup(fc->a, en->schema);
    return 0;
}

static enum err_code fill(struct store *st, struct case_disclosure *d,
                          struct arena *a, struct err *e)
{
    struct fill_ctx fc = {d, a};
    const struct schema *s;
    const struct schema_prop *p;
    char *cap = NULL;
    struct err le = ERR_INIT;
    enum err_code rc;

    rc = store_stmt_get(st, d->stmt_id, fill_stmt_cb, &fc, e);
    if (!rc)
        rc = store_entity_get(st, d->entity_id, fill_schema_cb, &fc, e);
    if (rc)
        return rc;
    s = schema_find(d->schema);
    p = s ? schema_prop_find(s, d->prop, NULL) : NULL;
    d->label = p && p->label ? p->label : d->prop;
    rc = case_caption(st, d->entity_id, &cap, &le);
    if (rc)
        return err_set(e, rc, "%s", le.msg);
    d->caption = arena_strdup(a, cap);
    free(cap);
    return ERR_OK;
}

enum err_code case_disclose_each(struct store *st, unsigned flags,
                                 case_disclosure_cb cb, void *ctx,
                                 struct err *e)
{
    struct arena a = ARENA_INIT;
    struct rec_list l = {NULL, 0, 0, &a};
    enum err_code rc;

    arena_init(&a, 0);
    if (flags & CASE_DISCLOSE_LOG)
        rc = store_disclosure_each(st, 0, collect_cb, &l, e);
    else
        rc = store_disclosure_current(st, NULL, NULL, collect_cb, &l, e);
    for (size_t i = 0; !rc && i < l.n; i++) {
        rc = fill(st, &l.v[i], &a, e);
        if (rc)
            break;
        if (!(flags & CASE_DISCLOSE_LOG) && l.v[i].retracted)
            continue;
        if (cb(&l.v[i], ctx))
            break;
    }
    free(l.v);
    arena_release(&a);
    return rc;
}

/* --- the set of released statements -------------------------------------*/

static int set_cb(const struct store_disclosure_rec *r, void *ctx)
{
    struct case_release_set *s = ctx;

    /* Rows come by statement id: a repeat is the same id, other scope. */
    if (s->n && s->ids[s->n - 1] == r->stmt_id)
        return 0;
    ALLOC_GROW(s->ids, s->n + 1, s->alloc);
    s->ids[s->n++] = r->stmt_id;
    return 0;
}

enum err_code case_release_set_load(struct store *st, const char *scope,
                                    struct case_release_set *out, struct err *e)
{
    const char *canon = case_disclose_scope(scope);

    memset(out, 0, sizeof(*out));
    if (!canon)
        return err_set(e, ERR_INVALID, "unknown scope '%s' (use %s)",
                       scope ? scope : "", case_disclose_scope_list());
    return store_disclosure_current(st, canon, NULL, set_cb, out, e);
}

bool case_release_set_has(const struct case_release_set *s, int64_t stmt_id)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (s->ids[mid] == stmt_id)
            return true;
        if (s->ids[mid] < stmt_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void case_release_set_clear(struct case_release_set *s)
{
    free(s->ids);
    memset(s, 0, sizeof(*s));
}
