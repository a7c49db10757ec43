/*
 * net: the network around an entity (breadth first through the records
 * that name it and that it names) and its DOT and GraphML text. Link
 * records become edges; protected people never become nodes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "graph/graph.h"
#include "util/arena.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct net_priv {
    struct arena arena;
    size_t nodes_alloc, edges_alloc;
};

/* Records that are provenance or protected: never nodes. */
static bool hidden_schema(const char *schema)
{
    static const char *const hidden[] = {"Victim", "Source", "Exhibit",
                                         "ScreeningDecision", "Submission"};

    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
        if (strcmp(schema, hidden[i]) == 0)
            return true;
    return false;
}

static int found_cb(const struct store_stmt *s, void *ctx)
{
    (void)s;
    *(bool *)ctx = true;
    return 1;
}

/* An informant: a person named by a Source's (protected) informant. */
static bool is_informant(struct store *st, const char *id)
{
    bool found = false;
    struct err e = ERR_INIT;

    store_stmt_find(st, "informant", id, found_cb, &found, &e);
    return found;
}

static const char *stmt_value(const struct case_entity *en, const char *prop)
{
    for (size_t i = 0; i < en->nstmts; i++)
        if (!en->stmts[i].is_protected && strcmp(en->stmts[i].prop, prop) == 0)
            return en->stmts[i].value;
    return NULL;
}

static bool entity_fictional(const struct case_entity *en)
{
    const char *v = stmt_value(en, "fictional");
    return v && strcmp(v, "true") == 0;
}

static enum store_conf name_conf(const struct case_entity *en)
{
    enum store_conf c = STORE_CONF_CONFIRMED;

    for (size_t i = 0; i < en->nstmts; i++) {
        const struct case_stmt *s = &en->stmts[i];
        if ((strcmp(s->prop, "name") == 0 ||
             strcmp(s->prop, "pseudonym") == 0) &&
            s->conf > c)
            c = s->conf;
    }
    return c;
}

static enum store_conf link_conf(const struct case_entity *en)
{
    enum store_conf c = STORE_CONF_CONFIRMED;

    for (size_t i = 0; i < en->nstmts; i++)
        if (strcmp(en->stmts[i].prop, "fictional") != 0 &&
            en->stmts[i].conf > c)
            c = en->stmts[i].conf;
    return c;
}

struct builder {
    struct store *st;
    struct graph_net *net;
    struct net_priv *pv;
    int max_depth;
    bool chain;        /* root is a unit: draw its command structure only */
    char **hidden_ids; /* checked and found protected */
    size_t nhidden, hidden_alloc;
};

static bool find_node(const struct graph_net *n, const char *id, size_t *out)
{
    for (size_t i = 0; i < n->nnodes; i++)
        if (strcmp(n->nodes[i].id, id) == 0) {
            *out = i;
            return true;
        }
    return false;
}

static bool was_hidden(struct builder *b, const char *id)
{
    for (size_t i = 0; i < b->nhidden; i++)
        if (strcmp(b->hidden_ids[i], id) == 0)
            return true;
    return false;
}

static void mark_hidden(struct builder *b, const char *id)
{
    if (was_hidden(b, id))
        return;
    ALLOC_GROW(b->hidden_ids, b->nhidden + 1, b->hidden_alloc);
    b->hidden_ids[b->nhidden++] = xstrdup(id);
    b->net->withheld++;
}

/*
 * Adds the entity as a node (or finds it). Returns false when it may not
 * appear (protected, provenance) or does not exist, or the cap is hit.
 */
static bool add_node(struct builder *b, const char *id, int depth, size_t *out)
{
    struct graph_net *n = b->net;
    struct case_entity *en = NULL;
    struct err e = ERR_INIT;
    struct graph_node *nd;

    if (find_node(n, id, out))
        return true;
    if (was_hidden(b, id) || n->nnodes >= GRAPH_NET_MAX_NODES)
        return false;
    if (case_entity_load(b->st, id, CASE_LOAD_NO_REFS, &en, &e))
        return false;
    if (hidden_schema(en->schema) ||
        (strcmp(en->schema, "Person") == 0 && is_informant(b->st, id))) {
        if (strcmp(en->schema, "Victim") == 0 ||
            strcmp(en->schema, "Person") == 0)
            mark_hidden(b, id);
        case_entity_free(en);
        return false;
    }
    ALLOC_GROW(n->nodes, n->nnodes + 1, b->pv->nodes_alloc);
    nd = &n->nodes[n->nnodes];
    nd->id = arena_strdup(&b->pv->arena, en->id);
    nd->schema = arena_strdup(&b->pv->arena, en->schema);
    nd->caption = arena_strdup(&b->pv->arena, en->caption);
    if (strcmp(en->schema, "ForeignTie") == 0) {
        /* "education-of-children: Canada" says more than its caption. */
        const char *kind = stmt_value(en, "kind");
        const char *cc = stmt_value(en, "country");
        const char *cn = cc ? schema_country_name(cc) : NULL;
        char buf[256];

        snprintf(buf, sizeof(buf), "%s: %s", kind ? kind : "tie",
                 cn ? cn : (cc ? cc : "?"));
        nd->caption = arena_strdup(&b->pv->arena, buf);
    }
    nd->conf = name_conf(en);
    nd->fictional = entity_fictional(en);
    nd->depth = depth;
    *out = n->nnodes++;
    case_entity_free(en);
    return true;
}

static void add_edge(struct builder *b, size_t from, size_t to,
                     const char *label, const char *link_id,
                     enum store_conf conf, bool fictional)
{
    struct graph_net *n = b->net;
    struct graph_edge *ed;

    for (size_t i = 0; i < n->nedges; i++) {
        ed = &n->edges[i];
        if (ed->from == from && ed->to == to &&
            strcmp(ed->link_id, link_id) == 0)
            return; /* one edge per record and pair; the first label wins */
    }
    ALLOC_GROW(n->edges, n->nedges + 1, b->pv->edges_alloc);
    ed = &n->edges[n->nedges++];
    ed->from = from;
    ed->to = to;
    ed->label = arena_strdup(&b->pv->arena, label);
    ed->link_id = arena_strdup(&b->pv->arena, link_id);
    ed->conf = conf;
    ed->fictional = fictional;
}

/* Edge label for a link record. */
static void link_label(const struct case_entity *ln, char *out, size_t len)
{
    const char *s = ln->schema;
    const char *v;

    if (strcmp(s, "Ownership") == 0) {
        struct graph_pct p;
        char pct[48];
        const char *raw = stmt_value(ln, "percentage");
        const char *type = stmt_value(ln, "ownershipType");

        graph_pct_parse(raw, &p);
        if (p.flags & GRAPH_PCT_INVALID)
            snprintf(pct, sizeof(pct), "%s (invalid)", raw);
        else if (p.flags & GRAPH_PCT_MISSING)
            snprintf(pct, sizeof(pct), "share not recorded");
        else
            graph_pct_format(&p, pct);
        snprintf(out, len, "%s %s", type ? type : "owns", pct);
    } else if (strcmp(s, "Directorship") == 0) {
        v = stmt_value(ln, "role");
        snprintf(out, len, "%s", v ? v : "director");
    } else if (strcmp(s, "Family") == 0 || strcmp(s, "Associate") == 0) {
        v = stmt_value(ln, "relationship");
        snprintf(out, len, "%s", v ? v : s);
    } else if (strcmp(s, "Occupancy") == 0) {
        v = stmt_value(ln, "rank");
        snprintf(out, len, "holds post%s%s", v ? ", " : "", v ? v : "");
    } else if (strcmp(s, "CommandLink") == 0) {
        snprintf(out, len, "commands");
    } else if (strcmp(s, "Involvement") == 0) {
        v = stmt_value(ln, "role");
        snprintf(out, len, "%s", v ? v : "involved");
    } else {
        snprintf(out, len, "%s", s);
    }
    {
        const char *from = stmt_value(ln, "startDate");
        const char *to = stmt_value(ln, "endDate");
        size_t used = strlen(out);
        if ((from || to) && used + 8 < len)
            snprintf(out + used, len - used, "\n%s..%s", from ? from : "",
                     to ? to : "");
    }
}

/* Records of a command structure: what a unit's picture follows. */
static bool chain_schema(const char *schema)
{
    return strcmp(schema, "CommandLink") == 0 ||
           strcmp(schema, "Position") == 0 ||
           strcmp(schema, "Occupancy") == 0 ||
           strcmp(schema, "Organization") == 0;
}

/* A record naming node `at` through prop: an edge, or a node + edge. */
static void follow_ref(struct builder *b, size_t at, int depth,
                       const char *rec_id, const char *prop)
{
    struct case_entity *rec = NULL;
    struct err e = ERR_INIT;
    const struct schema *s;
    size_t other, self;
    char label[256];

    if (case_entity_load(b->st, rec_id, CASE_LOAD_NO_REFS, &rec, &e))
        return;
    s = schema_find(rec->schema);
    if (b->chain && !chain_schema(rec->schema))
        goto out;
    if (hidden_schema(rec->schema)) {
        if (strcmp(rec->schema, "Victim") == 0)
            mark_hidden(b, rec->id);
        goto out;
    }
    if (s && s->edge_source && s->edge_target) {
        const char *src = stmt_value(rec, s->edge_source);
        const char *dst = stmt_value(rec, s->edge_target);
        const char *far = NULL;
        size_t fi, ti;

        if (src && strcmp(prop, s->edge_source) == 0)
            far = dst;
        else if (dst && strcmp(prop, s->edge_target) == 0)
            far = src;
        if (far && add_node(b, far, depth + 1, &other)) {
            link_label(rec, label, sizeof(label));
            fi = strcmp(prop, s->edge_source) == 0 ? at : other;
            ti = fi == at ? other : at;
            add_edge(b, fi, ti, label, rec->id, link_conf(rec),
                     entity_fictional(rec));
            goto out;
        }
        if (far)
            goto out; /* the far end may not appear: neither may the link */
    }
    if (add_node(b, rec->id, depth + 1, &self)) {
        const char *v;
        snprintf(label, sizeof(label), "%s", prop);
        if (strcmp(rec->schema, "ForeignTie") == 0 &&
            (v = stmt_value(rec, "kind")) != NULL)
            snprintf(label, sizeof(label), "%s", v);
        add_edge(b, self, at, label, rec->id, link_conf(rec),
                 entity_fictional(rec));
    }
out:
    case_entity_free(rec);
}

static void expand(struct builder *b, size_t at)
{
    struct case_entity *en = NULL;
    struct err e = ERR_INIT;
    const struct schema *s;
    int depth = b->net->nodes[at].depth;
    char *id = xstrdup(b->net->nodes[at].id);

    if (case_entity_load(b->st, id, 0, &en, &e))
        goto out;
    if (b->chain && strcmp(en->schema, "Person") == 0)
        goto out; /* post holders end a unit's picture */
    s = schema_find(en->schema);
    /* What it names (a Position's unit, an address, a tie's asset). */
    for (size_t i = 0; s && i < en->nstmts; i++) {
        const struct case_stmt *st = &en->stmts[i];
        const struct schema_prop *p = schema_prop_find(s, st->prop, NULL);
        size_t to;

        if (!p || p->type != SCHEMA_ENTITY || st->is_protected)
            continue;
        if (s->edge_source && s->edge_target)
            continue; /* a link drawn as a node: ends are its edges */
        if (add_node(b, st->value, depth + 1, &to))
            add_edge(b, at, to, st->prop, en->id, st->conf,
                     entity_fictional(en));
    }
    /* What names it. */
    for (size_t i = 0; i < en->nrefs; i++) {
        const struct case_ref *r = &en->refs[i];
        if (r->stmt.is_protected)
            continue;
        follow_ref(b, at, depth, r->entity_id, r->stmt.prop);
    }
out:
    free(id);
    case_entity_free(en);
}

enum err_code graph_net_build(struct store *st, const char *root_id, int depth,
                              struct graph_net **out, struct err *e)
{
    struct builder b;
    struct graph_net *n;
    struct case_entity *root = NULL;
    size_t idx;
    enum err_code rc;

    *out = NULL;
    if (depth < 0 || depth > 10)
        return err_set(e, ERR_INVALID, "depth %d out of range 0..10", depth);
    rc = case_entity_load(st, root_id, CASE_LOAD_NO_REFS, &root, e);
    if (rc)
        return rc;
    if (hidden_schema(root->schema) ||
        (strcmp(root->schema, "Person") == 0 && is_informant(st, root_id))) {
        case_entity_free(root);
        return err_set(e, ERR_INVALID,
                       "'%s' is protected or provenance: it is never drawn",
                       root_id);
    }
    n = xcalloc(1, sizeof(*n));
    memset(&b, 0, sizeof(b));
    b.chain = strcmp(root->schema, "Organization") == 0;
    case_entity_free(root);
    b.st = st;
    b.net = n;
    b.pv = xcalloc(1, sizeof(*b.pv));
    arena_init(&b.pv->arena, 0);
    n->priv = b.pv;
    b.max_depth = depth;
    add_node(&b, root_id, 0, &idx);
    /* Breadth first: nodes are appended as they are found. */
    for (size_t i = 0; i < n->nnodes; i++)
        if (n->nodes[i].depth < depth)
            expand(&b, i);
    for (size_t i = 0; i < b.nhidden; i++)
        free(b.hidden_ids[i]);
    free(b.hidden_ids);
    *out = n;
    return ERR_OK;
}

/* --- chain of command on a date
 * ----------------------------------------------*/

struct chain_build {
    struct builder *b;
    const char *date;
};

static enum store_conf certainty_conf(enum case_certainty c)
{
    return c == CASE_CERTAIN ? STORE_CONF_CONFIRMED : STORE_CONF_POSSIBLE;
}

static int chain_level(const struct case_chain_level *lv, void *ctx)
{
    struct chain_build *cb = ctx;
    struct builder *b = cb->b;
    size_t unit, sub, who;
    char label[256];

    if (!add_node(b, lv->unit_id, lv->level, &unit))
        return 0;
    if (lv->subordinate_id && find_node(b->net, lv->subordinate_id, &sub))
        add_edge(b, unit, sub, "commands", lv->link_id ? lv->link_id : "",
                 certainty_conf(lv->link_certainty),
                 b->net->nodes[unit].fictional);
    for (size_t i = 0; i < lv->ncommanders; i++) {
        const struct case_holder *h = &lv->commanders[i];
        if (!h->holder_id || !add_node(b, h->holder_id, lv->level + 1, &who))
            continue;
        snprintf(label, sizeof(label), "commander%s%s\non %s",
                 h->rank ? ", " : "", h->rank ? h->rank : "", cb->date);
        add_edge(b, who, unit, label, h->occupancy_id,
                 certainty_conf(h->certainty), b->net->nodes[who].fictional);
    }
    return 0;
}

enum err_code graph_net_chain(struct store *st, const char *unit_id,
                              const char *date_text, struct graph_net **out,
                              struct err *e)
{
    struct builder b;
    struct chain_build cb;
    struct graph_net *n = xcalloc(1, sizeof(*n));
    enum err_code rc;

    *out = NULL;
    memset(&b, 0, sizeof(b));
    b.st = st;
    b.net = n;
    b.pv = xcalloc(1, sizeof(*b.pv));
    arena_init(&b.pv->arena, 0);
    n->priv = b.pv;
    b.chain = true;
    cb.b = &b;
    cb.date = date_text;
    rc = case_chain_on(st, unit_id, date_text, chain_level, &cb, e);
    for (size_t i = 0; i < b.nhidden; i++)
        free(b.hidden_ids[i]);
    free(b.hidden_ids);
    if (rc) {
        graph_net_free(n);
        return rc;
    }
    *out = n;
    return ERR_OK;
}

void graph_net_free(struct graph_net *n)
{
    struct net_priv *pv;

    if (!n)
        return;
    pv = n->priv;
    if (pv) {
        arena_release(&pv->arena);
        free(pv);
    }
    free(n->nodes);
    free(n->edges);
    free(n);
}

/* --- DOT ------------------------------------------------------------------*/

/* Appends s inside a DOT quoted string; '\n' becomes a line break. */
static void dot_str(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            strbuf_addch(sb, '\\');
        if (*s == '\n')
            strbuf_addstr(sb, "\\n");
        else if ((unsigned char)*s >= 0x20)
            strbuf_addch(sb, *s);
    }
}

/*
 * Splits a caption before its first Han character so the two scripts
 * sit on their own lines ("CHAN Tai-man 陳大文" -> two lines).
 */
static void caption_lines(struct strbuf *sb, const char *cap)
{
    const unsigned char *p = (const unsigned char *)cap;

    for (; *p; p++) {
        if (*p == ' ' && p[1] >= 0xE3 && p[1] <= 0xE9 &&
            p != (const unsigned char *)cap) {
            strbuf_add(sb, cap, (size_t)(p - (const unsigned char *)cap));
            strbuf_addch(sb, '\n');
            strbuf_addstr(sb, (const char *)p + 1);
            return;
        }
    }
    strbuf_addstr(sb, cap);
}

static const char *fill_of(const char *schema)
{
    if (strcmp(schema, "Person") == 0)
        return "#fff3c4";
    if (strcmp(schema, "Company") == 0)
        return "#cfe3ff";
    if (strcmp(schema, "Organization") == 0)
        return "#dcd6f7";
    if (strcmp(schema, "RealEstate") == 0 ||
        strcmp(schema, "BankAccount") == 0 || strcmp(schema, "Vehicle") == 0)
        return "#d4f0d4";
    if (strcmp(schema, "Incident") == 0)
        return "#f7d4d4";
    return "#eeeeee";
}

static const char *style_of(enum store_conf c)
{
    switch (c) {
    case STORE_CONF_CONFIRMED:
        return "solid";
    case STORE_CONF_PROBABLE:
        return "dashed";
    default:
        return "dotted";
    }
}

static void node_label(struct strbuf *sb, const struct graph_node *nd)
{
    caption_lines(sb, nd->caption);
    strbuf_addf(sb, "\n%s", nd->schema);
    if (nd->conf != STORE_CONF_CONFIRMED)
        strbuf_addf(sb, " (%s)", store_conf_name(nd->conf));
    if (nd->fictional)
        strbuf_addstr(sb, "\nFICTIONAL");
}

static void edge_label(struct strbuf *sb, const struct graph_edge *ed)
{
    strbuf_addstr(sb, ed->label);
    if (ed->conf != STORE_CONF_CONFIRMED)
        strbuf_addf(sb, "\n(%s)", store_conf_name(ed->conf));
    if (ed->fictional)
        strbuf_addstr(sb, " · FICTIONAL");
}

static bool any_fictional(const struct graph_net *n)
{
    for (size_t i = 0; i < n->nnodes; i++)
        if (n->nodes[i].fictional)
            return true;
    for (size_t i = 0; i < n->nedges; i++)
        if (n->edges[i].fictional)
            return true;
    return false;
}

enum err_code graph_net_dot(const struct graph_net *n, struct strbuf *out)
{
    struct strbuf sb = STRBUF_INIT, lab = STRBUF_INIT;
    const char *font = "Noto Sans CJK TC";
    enum err_code rc;

    strbuf_addstr(&sb, "digraph dossier {\n");
    strbuf_addf(&sb,
                "  graph [rankdir=LR, fontname=\"%s\", fontsize=11, "
                "labelloc=t, label=\"",
                font);
    if (n->nnodes) {
        strbuf_reset(&lab);
        caption_lines(&lab, n->nodes[0].caption);
        dot_str(&sb, lab.buf);
    }
    if (any_fictional(n))
        strbuf_addstr(&sb, "\\nContains FICTIONAL records (demo)");
    if (n->withheld)
        strbuf_addf(&sb, "\\n%zu protected record(s) withheld", n->withheld);
    strbuf_addstr(&sb, "\\nline: solid confirmed, dashed probable, dotted "
                       "possible or disputed\"];\n");
    strbuf_addf(&sb,
                "  node [shape=box, style=\"rounded,filled\", fontname=\"%s\", "
                "fontsize=10];\n  edge [fontname=\"%s\", fontsize=9];\n",
                font, font);
    for (size_t i = 0; i < n->nnodes; i++) {
        const struct graph_node *nd = &n->nodes[i];
        strbuf_reset(&lab);
        node_label(&lab, nd);
        strbuf_addf(&sb, "  n%zu [label=\"", i);
        dot_str(&sb, lab.buf);
        strbuf_addf(&sb, "\", fillcolor=\"%s\", style=\"rounded,filled,%s\"%s",
                    fill_of(nd->schema), style_of(nd->conf),
                    i == 0 ? ", penwidth=2" : "");
        strbuf_addstr(&sb, ", tooltip=\"");
        dot_str(&sb, nd->id);
        strbuf_addstr(&sb, "\"];\n");
    }
    for (size_t i = 0; i < n->nedges; i++) {
        const struct graph_edge *ed = &n->edges[i];
        strbuf_reset(&lab);
        edge_label(&lab, ed);
        strbuf_addf(&sb, "  n%zu -> n%zu [label=\"", ed->from, ed->to);
        dot_str(&sb, lab.buf);
        strbuf_addf(&sb, "\", style=%s%s];\n", style_of(ed->conf),
                    ed->conf == STORE_CONF_DISPUTED ? ", color=red" : "");
    }
    strbuf_addstr(&sb, "}\n");
    rc = strbuf_add(out, sb.buf, sb.len);
    strbuf_release(&sb);
    strbuf_release(&lab);
    return rc;
}

/* --- GraphML --------------------------------------------------------------*/

/* XML text: escaped, and without the C0 controls XML 1.0 forbids. */
static void xml_text(struct strbuf *sb, const char *s)
{
    struct strbuf clean = STRBUF_INIT;

    for (; *s; s++)
        if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
            strbuf_addch(&clean, *s);
    strbuf_add_html(sb, clean.buf);
    strbuf_release(&clean);
}

static void xml_data(struct strbuf *sb, const char *key, const char *val)
{
    strbuf_addf(sb, "      <data key=\"%s\">", key);
    xml_text(sb, val);
    strbuf_addstr(sb, "</data>\n");
}

enum err_code graph_net_graphml(const struct graph_net *n, struct strbuf *out)
{
    struct strbuf sb = STRBUF_INIT, lab = STRBUF_INIT;
    enum err_code rc;

    strbuf_addstr(
        &sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
             "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
             "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
             "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
             "  <key id=\"d0\" for=\"node\" attr.name=\"label\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d1\" for=\"node\" attr.name=\"entity\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d2\" for=\"node\" attr.name=\"schema\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d3\" for=\"node\" attr.name=\"confidence\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d4\" for=\"node\" attr.name=\"fictional\" "
             "attr.type=\"boolean\"><default>false</default></key>\n"
             "  <key id=\"d5\" for=\"node\" attr.name=\"depth\" "
             "attr.type=\"int\"/>\n"
             "  <key id=\"d6\" for=\"edge\" attr.name=\"label\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d7\" for=\"edge\" attr.name=\"record\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d8\" for=\"edge\" attr.name=\"confidence\" "
             "attr.type=\"string\"/>\n"
             "  <key id=\"d9\" for=\"edge\" attr.name=\"fictional\" "
             "attr.type=\"boolean\"><default>false</default></key>\n"
             "  <graph id=\"dossier\" edgedefault=\"directed\">\n");
    for (size_t i = 0; i < n->nnodes; i++) {
        const struct graph_node *nd = &n->nodes[i];
        strbuf_reset(&lab);
        strbuf_addstr(&lab, nd->caption);
        if (nd->fictional)
            strbuf_addstr(&lab, " [FICTIONAL]");
        strbuf_addf(&sb, "    <node id=\"n%zu\">\n", i);
        xml_data(&sb, "d0", lab.buf);
        xml_data(&sb, "d1", nd->id);
        xml_data(&sb, "d2", nd->schema);
        xml_data(&sb, "d3", store_conf_name(nd->conf));
        xml_data(&sb, "d4", nd->fictional ? "true" : "false");
        strbuf_addf(&sb, "      <data key=\"d5\">%d</data>\n", nd->depth);
        strbuf_addstr(&sb, "    </node>\n");
    }
    for (size_t i = 0; i < n->nedges; i++) {
        const struct graph_edge *ed = &n->edges[i];
        strbuf_reset(&lab);
        strbuf_addstr(&lab, ed->label);
        for (size_t k = 0; k < lab.len; k++)
            if (lab.buf[k] == '\n')
                lab.buf[k] = ' ';
        if (ed->fictional)
            strbuf_addstr(&lab, " [FICTIONAL]");
        strbuf_addf(&sb,
                    "    <edge id=\"e%zu\" source=\"n%zu\" "
                    "target=\"n%zu\">\n",
                    i, ed->from, ed->to);
        xml_data(&sb, "d6", lab.buf);
        xml_data(&sb, "d7", ed->link_id);
        xml_data(&sb, "d8", store_conf_name(ed->conf));
        xml_data(&sb, "d9", ed->fictional ? "true" : "false");
        strbuf_addstr(&sb, "    </edge>\n");
    }
    strbuf_addstr(&sb, "  </graph>\n</graphml>\n");
    rc = strbuf_add(out, sb.buf, sb.len);
    strbuf_release(&sb);
    strbuf_release(&lab);
    return rc;
}
