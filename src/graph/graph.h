/*
 * graph: ownership and network questions over a case, and pictures of
 * them. Holdings of a person directly and through chains of ownership
 * (effective percentage = product along the path, ranges kept as ranges,
 * missing or impossible percentages flagged, never guessed; ownership
 * cycles are cut), foreign ties of a person by country, and the network
 * around an entity (a person's relations, a unit's command chain) as DOT,
 * GraphML, SVG or PNG. Protected people (victims, informants) never
 * appear in a network; fictional records are labelled FICTIONAL.
 *
 * Reads the case through case.h and store.h only (no SQL), prints
 * nothing. render_gv.c is the only file that includes Graphviz (libgvc).
 *
 * Ownership: strings passed in are borrowed. Structs passed to callbacks
 * and their strings are borrowed, valid only during the callback.
 */
#ifndef GRAPH_GRAPH_H
#define GRAPH_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

/* --- percentages ----------------------------------------------------------*/

enum graph_pct_flags {
    GRAPH_PCT_MISSING = 1 << 0, /* no percentage recorded */
    GRAPH_PCT_INVALID = 1 << 1, /* recorded but not a percentage in 0..100 */
    GRAPH_PCT_RANGE = 1 << 2,   /* a range ("25-50"), not one figure */
    GRAPH_PCT_CONTROL = 1 << 3, /* a control link (votes, board), no share */
};

/*
 * A share as a range of fractions 0..1 (lo == hi for an exact figure).
 * With MISSING, INVALID or CONTROL set, lo and hi carry no information.
 */
struct graph_pct {
    double lo;
    double hi;
    unsigned flags; /* enum graph_pct_flags */
};

/*
 * Reads a percentage as written in a case: "60", "60%", "33.3 %",
 * "25-50", "25-50%", "25 to 50", "more than 25" / ">25" (25..100),
 * "less than 25" / "<25" (0..25). NULL or "" gives MISSING; anything
 * else, or a figure outside 0..100, gives INVALID. Returns true when
 * usable (neither MISSING nor INVALID).
 */
bool graph_pct_parse(const char *s, struct graph_pct *out);

/* Text of a share: "60%", "25-50%", "missing", "invalid", "control". */
void graph_pct_format(const struct graph_pct *p, char out[48]);

/* --- in-memory ownership graph -------------------------------------------*/

/*
 * An ownership graph in memory: nodes are entity ids, edges owner ->
 * asset with a share and the id of the Ownership record (or NULL).
 * Build with graph_own_node/graph_own_edge (or graph_own_load), then
 * graph_own_freeze once; holdings queries need a frozen graph.
 */
struct graph_own;

/* Returns owned (free with graph_own_free). */
struct graph_own *graph_own_new(void);
void graph_own_free(struct graph_own *g);

/* Index of id, adding it when new (id is copied). */
uint32_t graph_own_node(struct graph_own *g, const char *id);
/* Index of an existing id; false when absent. */
bool graph_own_find(const struct graph_own *g, const char *id, uint32_t *out);
/* Id of node i (borrowed from g). */
const char *graph_own_id(const struct graph_own *g, uint32_t i);
size_t graph_own_nnodes(const struct graph_own *g);
size_t graph_own_nedges(const struct graph_own *g);

/* Adds owner -> asset (link_id may be NULL; copied). Before freeze only. */
void graph_own_edge(struct graph_own *g, uint32_t owner, uint32_t asset,
                    const struct graph_pct *pct, const char *link_id);

/* Sorts edges into per-owner adjacency (CSR). Call once after adding. */
void graph_own_freeze(struct graph_own *g);

/*
 * Loads every live Ownership record of the case (owner, asset,
 * percentage, ownershipType) and freezes. Records without owner or asset
 * are skipped. A control-only ownershipType (voting rights, board
 * appointment, significant influence) without a percentage gives a
 * CONTROL edge. *out is owned (free with graph_own_free).
 */
enum err_code graph_own_load(struct store *st, struct graph_own **out,
                             struct err *e);

/*
 * Loads only the Ownership records reachable from root_id within
 * max_depth links (breadth first through the store's value index: the
 * records whose owner is a node reached), and freezes. Costs what the
 * answer costs, not what the case holds; graph_holdings from root_id on
 * the result equals the walk on the full graph up to max_depth. *out is
 * owned (free with graph_own_free); root_id is always a node.
 */
enum err_code graph_own_load_from(struct store *st, const char *root_id,
                                  int max_depth, struct graph_own **out,
                                  struct err *e);

/* --- holdings ------------------------------------------------------------*/

#define GRAPH_DEPTH_MAX 32

struct graph_holdings_opts {
    int max_depth;    /* 1 = direct holdings only; <= GRAPH_DEPTH_MAX */
    size_t max_paths; /* stop after this many paths (0 = 100000) */
};

/* One path from the person to an asset. */
struct graph_holding {
    const char *asset_id;
    int depth;                      /* links on the path; 1 = direct */
    struct graph_pct eff;           /* product of the shares along the path:
                                       MISSING/INVALID when a link lacks a usable
                                       share, CONTROL when a link is control-only
                                       (lo/hi then hold the product of the usable
                                       shares, for information) */
    const uint32_t *nodes;          /* depth + 1 node indexes, person first */
    const char *const *links;       /* depth link ids (NULL when none) */
    const struct graph_pct *shares; /* depth shares, one per link */
};

struct graph_holdings_stats {
    size_t paths;      /* reported */
    size_t cycles_cut; /* edges not followed because they close a cycle */
    bool truncated;    /* max_paths or max_depth stopped the walk */
};

typedef int (*graph_holding_cb)(const struct graph_own *g,
                                const struct graph_holding *h, void *ctx);

/*
 * Walks every path of ownership from person_id (depth first, edges in
 * insertion order), calling cb for each asset reached on each path. A
 * node already on the current path is not entered again (the cycle is
 * cut and counted), so every walk ends. cb returning non-zero stops.
 * A person with no holdings is not an error (no callback).
 * Errors: ERR_NOTFOUND when person_id is not in the graph at all.
 */
enum err_code graph_holdings(const struct graph_own *g, const char *person_id,
                             const struct graph_holdings_opts *opts,
                             graph_holding_cb cb, void *ctx,
                             struct graph_holdings_stats *stats, struct err *e);

/* --- foreign ties
 * -----------------------------------------------------------*/

/* One tie of a person to a country. */
struct graph_tie {
    const char *country;   /* alpha-2 code, or NULL when not recorded */
    const char *kind;      /* residence, citizenship, nationality,
                              property, company, directorship,
                              bank-account, vehicle, family,
                              education-of-children, employment, other */
    const char *what;      /* caption of the asset, company or relative */
    const char *what_id;   /* its entity id, or NULL */
    const char *record_id; /* the record stating the tie (ForeignTie,
                              Ownership, Directorship, the person...) */
    const char *via;       /* NULL for the person's own tie, else
                              "spouse: CAPTION" (a relative's tie) */
    enum store_conf conf;  /* of the statement(s) making the tie */
    const char *source_id; /* or NULL */
};

typedef int (*graph_tie_cb)(const struct graph_tie *t, void *ctx);

/*
 * Calls cb for each tie of person_id: nationality and citizenship,
 * addresses, ForeignTie records, things owned (real estate, companies,
 * bank accounts, vehicles: country from the asset's country,
 * jurisdiction or address), directorships, family members (and their
 * own ForeignTies, companies and directorships, with via set). country
 * (NULL = all; any spelling schema_country_code accepts) keeps only ties
 * to that country. Victims' data is never used.
 * Errors: ERR_NOTFOUND (no such entity), ERR_INVALID (unknown country),
 * store errors.
 */
enum err_code graph_ties(struct store *st, const char *person_id,
                         const char *country, graph_tie_cb cb, void *ctx,
                         struct err *e);

/* --- networks and pictures -------------------------------------------------*/

struct graph_node {
    const char *id;
    const char *schema;
    const char *caption; /* both scripts when known ("CHAN Tai-man 陳大文") */
    enum store_conf conf; /* least certain of its name statements */
    bool fictional;
    int depth; /* hops from the root */
};

struct graph_edge {
    size_t from, to;      /* node indexes */
    const char *label;    /* "owns 60%", "director", "commands", ... */
    const char *link_id;  /* the record (Ownership, CommandLink ...) */
    enum store_conf conf; /* least certain statement of the link */
    bool fictional;
};

struct graph_net {
    struct graph_node *nodes; /* nodes[0] is the root */
    size_t nnodes;
    struct graph_edge *edges;
    size_t nedges;
    size_t withheld; /* protected entities left out */
    void *priv;      /* owns every string above */
};

#define GRAPH_NET_MAX_NODES 2000

/*
 * The network within depth hops of root_id: link records (Ownership,
 * Directorship, Family, Associate, Occupancy, CommandLink, Involvement,
 * ...) become edges between their two ends; other records that name an
 * entity (a Position's unit, a ForeignTie, a Designation) become nodes
 * joined to it. Sources, exhibits, screening decisions and submissions
 * are left out; victims and informants (people named by a Source's
 * informant) never appear, nor any protected value. When the root is an
 * Organization (a unit), only its command structure is followed
 * (CommandLinks, posts, their holders; holders are not expanded). At most
 * GRAPH_NET_MAX_NODES nodes. *out is owned (free with graph_net_free).
 * Errors: ERR_NOTFOUND, ERR_INVALID (root is protected or depth out of
 * 0..10), store errors.
 */
enum err_code graph_net_build(struct store *st, const char *root_id, int depth,
                              struct graph_net **out, struct err *e);
void graph_net_free(struct graph_net *n);

/*
 * The chain of command above unit_id on a date (util/date text), from
 * case_chain_on: each unit, the CommandLink to its superior ("commands",
 * possible links dashed) and who held its command posts that day
 * (holder -> unit, "commander, RANK", possible ones dashed). Informants
 * never appear. *out is owned (free with graph_net_free).
 * Errors: as case_chain_on.
 */
enum err_code graph_net_chain(struct store *st, const char *unit_id,
                              const char *date_text, struct graph_net **out,
                              struct err *e);

/* Appends the network as Graphviz DOT (UTF-8) to out. */
enum err_code graph_net_dot(const struct graph_net *n, struct strbuf *out);
/* Appends the network as GraphML 1.0 (opens in Gephi and yEd). */
enum err_code graph_net_graphml(const struct graph_net *n, struct strbuf *out);

/*
 * Lays out DOT text with Graphviz's dot engine and renders it as format
 * ("svg" or "png"), appended to out. Errors: ERR_INVALID (unknown
 * format, DOT that does not parse), ERR_IO (Graphviz failed).
 */
enum err_code graph_render(const char *dot, size_t len, const char *format,
                           struct strbuf *out, struct err *e);

/* --- demo ----------------------------------------------------------------*/

/*
 * Adds the FICTIONAL assets and family of the demo case (every record
 * fictional=true): CHAN Tai-man's spouse directing a UK company held
 * through a BVI holding company, a London flat, a bank account in
 * Singapore, a child at school in Canada. Call after case_demo_build.
 * *nentities (may be NULL) receives the number of records added.
 */
enum err_code graph_demo_extend(struct store *st, int *nentities,
                                struct err *e);

/* Ids the demo tour points at. */
#define GRAPH_DEMO_SPOUSE_ID "demo-person-lam-siu-wan"
#define GRAPH_DEMO_UK_COMPANY_ID "demo-company-harbourlight-uk"

#endif
