/*
 * own: percentages, the in-memory ownership graph (interned ids, edges
 * sorted into per-owner adjacency) and the holdings walk. The walk is
 * the same code for a case loaded from the store and for the synthetic
 * graph of bench_graph.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/graph.h"
#include "util/arena.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* --- percentages ----------------------------------------------------------*/

static const char *skip_ws(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

/* Reads a decimal figure; returns the end or NULL. */
static const char *read_num(const char *s, double *out)
{
    char *end;
    const char *p = skip_ws(s);

    if (!isdigit((unsigned char)*p) && *p != '.')
        return NULL;
    *out = strtod(p, &end);
    if (end == p || !isfinite(*out))
        return NULL;
    end = (char *)skip_ws(end);
    if (*end == '%')
        end = (char *)skip_ws(end + 1);
    return end;
}

static bool starts(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);

    if (strncasecmp(s, prefix, n) != 0)
        return false;
    *rest = s + n;
    return true;
}

bool graph_pct_parse(const char *s, struct graph_pct *out)
{
    double a, b;
    const char *p, *rest;

    memset(out, 0, sizeof(*out));
    if (!s || !*skip_ws(s)) {
        out->flags = GRAPH_PCT_MISSING;
        return false;
    }
    p = skip_ws(s);
    if (starts(p, "more than", &rest) || starts(p, "over", &rest) ||
        starts(p, ">=", &rest) || starts(p, ">", &rest)) {
        p = read_num(rest, &a);
        b = 100;
        if (!p || *p)
            goto invalid;
        out->flags = GRAPH_PCT_RANGE;
    } else if (starts(p, "less than", &rest) || starts(p, "under", &rest) ||
               starts(p, "<=", &rest) || starts(p, "<", &rest)) {
        p = read_num(rest, &b);
        a = 0;
        if (!p || *p)
            goto invalid;
        out->flags = GRAPH_PCT_RANGE;
    } else {
        p = read_num(p, &a);
        if (!p)
            goto invalid;
        b = a;
        if (*p) {
            if (*p == '-')
                rest = p + 1;
            else if (!starts(p, "to", &rest))
                goto invalid;
            p = read_num(rest, &b);
            if (!p || *p)
                goto invalid;
            if (b != a)
                out->flags = GRAPH_PCT_RANGE;
        }
    }
    if (a < 0 || b > 100 || a > b)
        goto invalid;
    out->lo = a / 100.0;
    out->hi = b / 100.0;
    return true;
invalid:
    memset(out, 0, sizeof(*out));
    out->flags = GRAPH_PCT_INVALID;
    return false;
}

static void fmt_fig(double v, char *out, size_t n)
{
    snprintf(out, n, "%.4g", v * 100.0);
}

void graph_pct_format(const struct graph_pct *p, char out[48])
{
    char a[20], b[20];

    if (p->flags & GRAPH_PCT_INVALID) {
        snprintf(out, 48, "invalid");
    } else if (p->flags & GRAPH_PCT_MISSING) {
        snprintf(out, 48, "missing");
    } else if (p->flags & GRAPH_PCT_CONTROL) {
        snprintf(out, 48, "control");
    } else {
        fmt_fig(p->lo, a, sizeof(a));
        fmt_fig(p->hi, b, sizeof(b));
        if (p->lo == p->hi)
            snprintf(out, 48, "%s%%", a);
        else
            snprintf(out, 48, "%s-%s%%", a, b);
    }
}

/* --- the graph ------------------------------------------------------------*/

struct own_edge {
    uint32_t owner, asset;
    struct graph_pct pct;
    const char *link; /* in the arena, or NULL */
};

struct graph_own {
    struct arena arena; /* ids and link ids */
    const char **ids;   /* node index -> id */
    size_t nnodes, nodes_alloc;
    uint32_t *slots; /* open addressing: node index + 1, 0 = empty */
    size_t nslots;   /* power of two */
    struct own_edge *edges;
    size_t nedges, edges_alloc;
    uint32_t *first; /* CSR: edges of owner i are first[i]..first[i+1]-1 */
    bool frozen;
};

static uint64_t hash_id(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

struct graph_own *graph_own_new(void)
{
    struct graph_own *g = xcalloc(1, sizeof(*g));

    arena_init(&g->arena, 1 << 20);
    g->nslots = 1024;
    g->slots = xcalloc(g->nslots, sizeof(*g->slots));
    return g;
}

void graph_own_free(struct graph_own *g)
{
    if (!g)
        return;
    arena_release(&g->arena);
    free(g->ids);
    free(g->slots);
    free(g->edges);
    free(g->first);
    free(g);
}

static void rehash(struct graph_own *g)
{
    size_t n = g->nslots * 2;
    uint32_t *slots = xcalloc(n, sizeof(*slots));

    for (size_t i = 0; i < g->nnodes; i++) {
        size_t k = hash_id(g->ids[i]) & (n - 1);
        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = (uint32_t)i + 1;
    }
    free(g->slots);
    g->slots = slots;
    g->nslots = n;
}

bool graph_own_find(const struct graph_own *g, const char *id, uint32_t *out)
{
    size_t k = hash_id(id) & (g->nslots - 1);

    while (g->slots[k]) {
        uint32_t i = g->slots[k] - 1;
        if (strcmp(g->ids[i], id) == 0) {
            *out = i;
            return true;
        }
        k = (k + 1) & (g->nslots - 1);
    }
    return false;
}

uint32_t graph_own_node(struct graph_own *g, const char *id)
{
    uint32_t i;
    size_t k;

    if (graph_own_find(g, id, &i))
        return i;
    if ((g->nnodes + 1) * 2 > g->nslots)
        rehash(g);
    ALLOC_GROW(g->ids, g->nnodes + 1, g->nodes_alloc);
    i = (uint32_t)g->nnodes++;
    g->ids[i] = arena_strdup(&g->arena, id);
    k = hash_id(id) & (g->nslots - 1);
    while (g->slots[k])
        k = (k + 1) & (g->nslots - 1);
    g->slots[k] = i + 1;
    return i;
}

const char *graph_own_id(const struct graph_own *g, uint32_t i)
{
    return i < g->nnodes ? g->ids[i] : NULL;
}

size_t graph_own_nnodes(const struct graph_own *g)
{
    return g->nnodes;
}

size_t graph_own_nedges(const struct graph_own *g)
{
    return g->nedges;
}

void graph_own_edge(struct graph_own *g, uint32_t owner, uint32_t asset,
                    const struct graph_pct *pct, const char *link_id)
{
    struct own_edge *ed;

    if (g->frozen || owner >= g->nnodes || asset >= g->nnodes)
        return;
    ALLOC_GROW(g->edges, g->nedges + 1, g->edges_alloc);
    ed = &g->edges[g->nedges++];
    ed->owner = owner;
    ed->asset = asset;
    ed->pct = *pct;
    ed->link = link_id ? arena_strdup(&g->arena, link_id) : NULL;
}

void graph_own_freeze(struct graph_own *g)
{
    struct own_edge *sorted;
    uint32_t *pos;

    if (g->frozen)
        return;
    g->first = xcalloc(g->nnodes + 1, sizeof(*g->first));
    for (size_t i = 0; i < g->nedges; i++)
        g->first[g->edges[i].owner + 1]++;
    for (size_t i = 0; i < g->nnodes; i++)
        g->first[i + 1] += g->first[i];
    /* Counting sort, stable: each owner keeps its edges in input order. */
    pos = xmalloc((g->nnodes + 1) * sizeof(*pos));
    memcpy(pos, g->first, (g->nnodes + 1) * sizeof(*pos));
    sorted = xmalloc((g->nedges ? g->nedges : 1) * sizeof(*sorted));
    for (size_t i = 0; i < g->nedges; i++)
        sorted[pos[g->edges[i].owner]++] = g->edges[i];
    free(pos);
    free(g->edges);
    g->edges = sorted;
    g->edges_alloc = g->nedges;
    g->frozen = true;
}

/* --- holdings walk
 * ----------------------------------------------------------*/

struct walk {
    const struct graph_own *g;
    int max_depth;
    size_t max_paths;
    graph_holding_cb cb;
    void *ctx;
    struct graph_holdings_stats *stats;
    uint32_t nodes[GRAPH_DEPTH_MAX + 1];
    const char *links[GRAPH_DEPTH_MAX];
    struct graph_pct shares[GRAPH_DEPTH_MAX];
    bool stop;
};

static bool on_path(const struct walk *w, int depth, uint32_t n)
{
    for (int i = 0; i <= depth; i++)
        if (w->nodes[i] == n)
            return true;
    return false;
}

static void combine(struct graph_pct *eff, const struct graph_pct *share)
{
    eff->flags |= share->flags;
    if (share->flags &
        (GRAPH_PCT_MISSING | GRAPH_PCT_INVALID | GRAPH_PCT_CONTROL))
        return; /* the product of the usable shares stays informative */
    eff->lo *= share->lo;
    eff->hi *= share->hi;
}

/* Extends the path that ends at depth (nodes[depth]) by each edge. */
static void walk_from(struct walk *w, int depth, struct graph_pct eff)
{
    const struct graph_own *g = w->g;
    uint32_t from = w->nodes[depth];

    for (uint32_t k = g->first[from]; k < g->first[from + 1] && !w->stop; k++) {
        const struct own_edge *ed = &g->edges[k];
        struct graph_holding h;
        struct graph_pct next = eff;

        if (on_path(w, depth, ed->asset)) {
            w->stats->cycles_cut++;
            continue;
        }
        if (w->stats->paths >= w->max_paths) {
            w->stats->truncated = true;
            w->stop = true;
            return;
        }
        combine(&next, &ed->pct);
        w->nodes[depth + 1] = ed->asset;
        w->links[depth] = ed->link;
        w->shares[depth] = ed->pct;
        h.asset_id = g->ids[ed->asset];
        h.depth = depth + 1;
        h.eff = next;
        h.nodes = w->nodes;
        h.links = w->links;
        h.shares = w->shares;
        w->stats->paths++;
        if (w->cb && w->cb(g, &h, w->ctx)) {
            w->stop = true;
            return;
        }
        if (depth + 1 < w->max_depth)
            walk_from(w, depth + 1, next);
        else if (g->first[ed->asset] < g->first[ed->asset + 1])
            w->stats->truncated = true;
    }
}

enum err_code graph_holdings(const struct graph_own *g, const char *person_id,
                             const struct graph_holdings_opts *opts,
                             graph_holding_cb cb, void *ctx,
                             struct graph_holdings_stats *stats, struct err *e)
{
    struct walk w;
    struct graph_pct unit = {1.0, 1.0, 0};
    uint32_t start;

    memset(stats, 0, sizeof(*stats));
    if (!g->frozen)
        return err_set(e, ERR_INVALID, "ownership graph is not frozen");
    if (!graph_own_find(g, person_id, &start))
        return err_set(e, ERR_NOTFOUND, "no ownership recorded for '%s'",
                       person_id);
    memset(&w, 0, sizeof(w));
    w.g = g;
    w.max_depth = opts && opts->max_depth > 0 ? opts->max_depth : 1;
    if (w.max_depth > GRAPH_DEPTH_MAX)
        w.max_depth = GRAPH_DEPTH_MAX;
    w.max_paths = opts && opts->max_paths ? opts->max_paths : 100000;
    w.cb = cb;
    w.ctx = ctx;
    w.stats = stats;
    w.nodes[0] = start;
    walk_from(&w, 0, unit);
    return ERR_OK;
}

/* --- loading from a case
 * -----------------------------------------------------*/

struct idvec {
    char **v;
    size_t n, alloc;
};

static int collect_id(const struct store_entity *en, void *ctx)
{
    struct idvec *iv = ctx;

    ALLOC_GROW(iv->v, iv->n + 1, iv->alloc);
    iv->v[iv->n++] = xstrdup(en->id);
    return 0;
}

struct own_rec {
    char *owner, *asset, *pct, *type;
};

static void keep_first(char **slot, const char *v)
{
    if (!*slot)
        *slot = xstrdup(v);
}

static int own_stmt(const struct store_stmt *s, void *ctx)
{
    struct own_rec *r = ctx;

    if (strcmp(s->prop, "owner") == 0)
        keep_first(&r->owner, s->value);
    else if (strcmp(s->prop, "asset") == 0)
        keep_first(&r->asset, s->value);
    else if (strcmp(s->prop, "percentage") == 0)
        keep_first(&r->pct, s->value);
    else if (strcmp(s->prop, "ownershipType") == 0)
        keep_first(&r->type, s->value);
    return 0;
}

/* Control without shares: votes, board appointments, influence. */
static bool control_only(const char *type)
{
    static const char *const words[] = {"voting",    "appoint", "control",
                                        "influence", "board",   "director"};

    if (!type || strcasestr(type, "share"))
        return false;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcasestr(type, words[i]))
            return true;
    return false;
}

/* Reads one Ownership record and adds its edge; *asset_out (may be NULL)
 * gets the asset's node when there is one. */
static enum err_code add_record(struct store *st, struct graph_own *g,
                                const char *link_id, uint32_t *asset_out,
                                bool *has_asset, struct err *e)
{
    struct own_rec r = {NULL, NULL, NULL, NULL};
    struct graph_pct pct;
    enum err_code rc;

    *has_asset = false;
    rc = store_stmt_each(st, link_id, 0, own_stmt, &r, e);
    if (!rc && r.owner && r.asset) {
        uint32_t a;
        if (!graph_pct_parse(r.pct, &pct) && (pct.flags & GRAPH_PCT_MISSING) &&
            control_only(r.type))
            pct.flags = GRAPH_PCT_CONTROL;
        a = graph_own_node(g, r.asset);
        graph_own_edge(g, graph_own_node(g, r.owner), a, &pct, link_id);
        if (asset_out)
            *asset_out = a;
        *has_asset = true;
    }
    free(r.owner);
    free(r.asset);
    free(r.pct);
    free(r.type);
    return rc;
}

enum err_code graph_own_load(struct store *st, struct graph_own **out,
                             struct err *e)
{
    struct idvec iv = {NULL, 0, 0};
    struct graph_own *g = graph_own_new();
    enum err_code rc;
    bool has;

    *out = NULL;
    rc = store_entity_each(st, "Ownership", collect_id, &iv, e);
    for (size_t i = 0; !rc && i < iv.n; i++)
        rc = add_record(st, g, iv.v[i], NULL, &has, e);
    for (size_t i = 0; i < iv.n; i++)
        free(iv.v[i]);
    free(iv.v);
    if (rc) {
        graph_own_free(g);
        return rc;
    }
    graph_own_freeze(g);
    *out = g;
    return ERR_OK;
}

/* Ownership records whose owner is the value looked up. */
static int collect_owned(const struct store_stmt *s, void *ctx)
{
    struct idvec *iv = ctx;

    ALLOC_GROW(iv->v, iv->n + 1, iv->alloc);
    iv->v[iv->n++] = xstrdup(s->entity_id);
    return 0;
}

enum err_code graph_own_load_from(struct store *st, const char *root_id,
                                  int max_depth, struct graph_own **out,
                                  struct err *e)
{
    struct graph_own *g = graph_own_new();
    uint32_t *depth = NULL; /* per node, by index */
    size_t depth_alloc = 0;
    enum err_code rc = ERR_OK;

    *out = NULL;
    graph_own_node(g, root_id);
    ALLOC_GROW(depth, 1, depth_alloc);
    depth[0] = 0;
    /* Breadth first: nodes are numbered in the order they are reached. */
    for (size_t i = 0; !rc && i < g->nnodes; i++) {
        struct idvec iv = {NULL, 0, 0};

        if ((int)depth[i] >= max_depth)
            continue;
        rc = store_stmt_find(st, "owner", g->ids[i], collect_owned, &iv, e);
        for (size_t k = 0; !rc && k < iv.n; k++) {
            size_t before = g->nnodes;
            uint32_t a;
            bool has;

            rc = add_record(st, g, iv.v[k], &a, &has, e);
            if (!rc && has && g->nnodes > before) {
                ALLOC_GROW(depth, g->nnodes, depth_alloc);
                for (size_t j = before; j < g->nnodes; j++)
                    depth[j] = depth[i] + 1;
            }
        }
        for (size_t k = 0; k < iv.n; k++)
            free(iv.v[k]);
        free(iv.v);
    }
    free(depth);
    if (rc) {
        graph_own_free(g);
        return rc;
    }
    graph_own_freeze(g);
    *out = g;
    return ERR_OK;
}
