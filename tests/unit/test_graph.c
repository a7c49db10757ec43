/*
 * Unit tests for graph/ and registry/: percentages, the holdings walk
 * (products, ranges, missing and invalid shares, cycles, limits), the
 * importers on the copied Open Ownership and Companies House files and
 * the Hong Kong fixture (tests/data/ownership/SOURCES.md), wrong formats
 * refused, and ties, networks and pictures on the FICTIONAL demo case
 * (victims and informants never drawn). Databases live in a temporary
 * folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "case/demo.h"
#include "graph/graph.h"
#include "registry/registry.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "unit_tmp.h"

#define DATA "tests/data/ownership/"

static int dbno;

static struct store *new_case(void)
{
    char path[4200];
    struct store *st = NULL;
    struct err e = ERR_INIT;

    snprintf(path, sizeof(path), "%s/case%d.db", tmpdir, ++dbno);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), ERR_OK);
    return st;
}

/* --- percentages
 * ------------------------------------------------------------*/

static void test_pct_parse(void **state)
{
    struct graph_pct p;
    char buf[48];

    (void)state;
    assert_true(graph_pct_parse("60", &p));
    assert_true(fabs(p.lo - 0.6) < 1e-9 && p.lo == p.hi && !p.flags);
    assert_true(graph_pct_parse(" 33.3 % ", &p));
    assert_true(fabs(p.hi - 0.333) < 1e-9);
    assert_true(graph_pct_parse("25-50%", &p));
    assert_int_equal(p.flags, GRAPH_PCT_RANGE);
    assert_true(fabs(p.lo - 0.25) < 1e-9 && fabs(p.hi - 0.5) < 1e-9);
    assert_true(graph_pct_parse("25 to 50", &p));
    assert_true(graph_pct_parse(">25", &p));
    assert_true(fabs(p.hi - 1.0) < 1e-9);
    assert_true(graph_pct_parse("more than 75", &p));
    assert_true(graph_pct_parse("<10", &p));
    assert_true(p.lo == 0);
    assert_true(graph_pct_parse("100", &p));
    assert_true(graph_pct_parse("0", &p));
    /* Missing and impossible shares are flagged, never guessed. */
    assert_false(graph_pct_parse(NULL, &p));
    assert_int_equal(p.flags, GRAPH_PCT_MISSING);
    assert_false(graph_pct_parse("  ", &p));
    assert_int_equal(p.flags, GRAPH_PCT_MISSING);
    assert_false(graph_pct_parse("150", &p));
    assert_int_equal(p.flags, GRAPH_PCT_INVALID);
    assert_false(graph_pct_parse("-5", &p));
    assert_int_equal(p.flags, GRAPH_PCT_INVALID);
    assert_false(graph_pct_parse("50-25", &p));
    assert_false(graph_pct_parse("majority", &p));
    assert_false(graph_pct_parse("60%%", &p));
    assert_false(graph_pct_parse("nan", &p));
    assert_false(graph_pct_parse("1e400", &p));
    graph_pct_parse("25-50", &p);
    graph_pct_format(&p, buf);
    assert_string_equal(buf, "25-50%");
    graph_pct_parse("150", &p);
    graph_pct_format(&p, buf);
    assert_string_equal(buf, "invalid");
}

/* --- holdings walk
 * ------------------------------------------------------------*/

struct seen {
    char asset[8][16];
    char eff[8][48];
    int depth[8];
    unsigned flags[8];
    int n;
};

static int record(const struct graph_own *g, const struct graph_holding *h,
                  void *ctx)
{
    struct seen *s = ctx;

    (void)g;
    if (s->n < 8) {
        snprintf(s->asset[s->n], 16, "%s", h->asset_id);
        graph_pct_format(&h->eff, s->eff[s->n]);
        s->depth[s->n] = h->depth;
        s->flags[s->n] = h->eff.flags;
    }
    s->n++;
    return 0;
}

static struct graph_own *sample_graph(void)
{
    struct graph_own *g = graph_own_new();
    struct graph_pct p;
    uint32_t P = graph_own_node(g, "P"), A = graph_own_node(g, "A"),
             B = graph_own_node(g, "B"), C = graph_own_node(g, "C"),
             D = graph_own_node(g, "D");

    graph_pct_parse("60", &p);
    graph_own_edge(g, P, A, &p, "o1");
    graph_pct_parse("25-50", &p);
    graph_own_edge(g, A, B, &p, "o2");
    graph_pct_parse("10", &p);
    graph_own_edge(g, B, A, &p, "o3"); /* closes a cycle */
    graph_pct_parse(NULL, &p);
    graph_own_edge(g, B, C, &p, "o4");
    p.flags = GRAPH_PCT_CONTROL;
    graph_own_edge(g, P, D, &p, "o5");
    graph_own_freeze(g);
    return g;
}

static void test_holdings_walk(void **state)
{
    struct graph_own *g = sample_graph();
    struct graph_holdings_opts o = {10, 0};
    struct graph_holdings_stats stats;
    struct seen s;
    struct err e = ERR_INIT;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(graph_holdings(g, "P", &o, record, &s, &stats, &e),
                     ERR_OK);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.asset[0], "A");
    assert_string_equal(s.eff[0], "60%");
    assert_string_equal(s.asset[1], "B");
    assert_string_equal(s.eff[1], "15-30%"); /* 60% of 25-50% */
    assert_int_equal(s.depth[1], 2);
    assert_string_equal(s.asset[2], "C");
    assert_string_equal(s.eff[2], "missing");
    assert_string_equal(s.asset[3], "D");
    assert_string_equal(s.eff[3], "control");
    assert_int_equal(stats.cycles_cut, 1);
    assert_false(stats.truncated);

    /* Direct only. */
    o.max_depth = 1;
    memset(&s, 0, sizeof(s));
    assert_int_equal(graph_holdings(g, "P", &o, record, &s, &stats, &e),
                     ERR_OK);
    assert_int_equal(s.n, 2);
    assert_true(stats.truncated);

    /* A cycle alone still ends: start inside it. */
    o.max_depth = GRAPH_DEPTH_MAX;
    memset(&s, 0, sizeof(s));
    assert_int_equal(graph_holdings(g, "A", &o, record, &s, &stats, &e),
                     ERR_OK);
    assert_int_equal(s.n, 2); /* B, C; not A again */

    o.max_paths = 1;
    memset(&s, 0, sizeof(s));
    graph_holdings(g, "P", &o, record, &s, &stats, &e);
    assert_int_equal(s.n, 1);
    assert_true(stats.truncated);

    assert_int_equal(graph_holdings(g, "nobody", &o, record, &s, &stats, &e),
                     ERR_NOTFOUND);
    graph_own_free(g);
}

/* A dense cycle-rich graph: every walk must end. */
static void test_holdings_cycles_dense(void **state)
{
    struct graph_own *g = graph_own_new();
    struct graph_pct p = {0.5, 0.5, 0};
    struct graph_holdings_opts o = {GRAPH_DEPTH_MAX, 20000};
    struct graph_holdings_stats stats;
    struct err e = ERR_INIT;
    char id[16];

    (void)state;
    for (int i = 0; i < 12; i++) {
        snprintf(id, sizeof(id), "n%d", i);
        graph_own_node(g, id);
    }
    for (uint32_t i = 0; i < 12; i++)
        for (uint32_t j = 0; j < 12; j++)
            if (i != j)
                graph_own_edge(g, i, j, &p, NULL);
    graph_own_freeze(g);
    assert_int_equal(graph_holdings(g, "n0", &o, NULL, NULL, &stats, &e),
                     ERR_OK);
    assert_true(stats.truncated);
    assert_int_equal(stats.paths, 20000);
    assert_true(stats.cycles_cut > 0);
    graph_own_free(g);
}

/* --- imports
 * ------------------------------------------------------------------*/

struct cite_ctx {
    struct store *st;
    const char *source;
    int checked, uncited;
};

static int cite_stmt(const struct store_stmt *s, void *vctx)
{
    struct cite_ctx *c = vctx;

    c->checked++;
    if (!s->source_id || strcmp(s->source_id, c->source) != 0)
        c->uncited++;
    return 0;
}

static int cite_entity(const struct store_entity *en, void *vctx)
{
    struct cite_ctx *c = vctx;
    struct err e = ERR_INIT;

    if (strcmp(en->schema, "Source") != 0)
        store_stmt_each(c->st, en->id, 0, cite_stmt, c, &e);
    return 0;
}

static void test_import_bods(void **state)
{
    struct store *st = new_case();
    struct registry_stats rs;
    struct err e = ERR_INIT;
    struct cite_ctx cc;
    struct graph_own *g = NULL;
    struct graph_holdings_opts o = {10, 0};
    struct graph_holdings_stats hs;
    struct seen s;
    int64_t n;

    (void)state;
    assert_int_equal(registry_import(st,
                                     DATA "bods/examples/"
                                          "indirect-ownership.json",
                                     REGISTRY_BODS, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.records, 6);
    assert_int_equal(rs.links, 3);
    assert_int_equal(rs.entities, 6); /* 2 companies, 1 person, 3 links */
    /* Every statement cites the file's Source. */
    memset(&cc, 0, sizeof(cc));
    cc.st = st;
    cc.source = rs.source_id;
    store_entity_each(st, NULL, cite_entity, &cc, &e);
    assert_true(cc.checked > 20);
    assert_int_equal(cc.uncited, 0);
    /* Company A keyed by its GB-COH number, as a CH import would. */
    store_entity_count(st, "Company", &n, &e);
    assert_int_equal(n, 2);
    /* Holdings: declared indirect 30%, and the chain with a missing share. */
    assert_int_equal(graph_own_load(st, &g, &e), ERR_OK);
    {
        char pid[ID_MAX_LEN + 1];
        ids_derive("bods", "c25d4d612c2c", pid);
        memset(&s, 0, sizeof(s));
        assert_int_equal(graph_holdings(g, pid, &o, record, &s, &hs, &e),
                         ERR_OK);
    }
    assert_int_equal(s.n, 3);
    assert_string_equal(s.eff[0], "missing");
    assert_string_equal(s.eff[1], "missing");
    assert_string_equal(s.eff[2], "30%");
    graph_own_free(g);
    store_close(st);
}

static void test_import_bods_all_examples(void **state)
{
    struct store *st = new_case();
    struct registry_stats rs;
    struct err e = ERR_INIT;
    DIR *d = opendir(DATA "bods/examples");
    struct dirent *de;
    int files = 0;
    char path[1024];

    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        if (!strstr(de->d_name, ".json"))
            continue;
        snprintf(path, sizeof(path), DATA "bods/examples/%s", de->d_name);
        err_clear(&e);
        if (registry_import(st, path, REGISTRY_BODS, &rs, &e) != ERR_OK)
            fail_msg("%s: %s", path, e.msg);
        assert_true(rs.records > 0);
        files++;
    }
    closedir(d);
    assert_int_equal(files, 19);
    store_close(st);
}

static void test_import_bad_shares_and_cycle(void **state)
{
    struct store *st = new_case();
    struct registry_stats rs;
    struct err e = ERR_INIT;
    struct graph_own *g = NULL;
    struct graph_holdings_opts o = {10, 0};
    struct graph_holdings_stats hs;
    struct seen s;
    char pid[ID_MAX_LEN + 1];

    (void)state;
    assert_int_equal(registry_import(st,
                                     DATA "fixtures/bods-cycle-bad-shares.json",
                                     REGISTRY_BODS, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.flagged, 2); /* 150% and a missing share */
    assert_int_equal(graph_own_load(st, &g, &e), ERR_OK);
    ids_derive("bods", "p1", pid);
    memset(&s, 0, sizeof(s));
    assert_int_equal(graph_holdings(g, pid, &o, record, &s, &hs, &e), ERR_OK);
    assert_int_equal(hs.cycles_cut, 1);
    assert_int_equal(s.n, 5);
    assert_string_equal(s.eff[1], "15-30%");
    assert_string_equal(s.eff[2], "invalid");
    assert_true(s.flags[3] & GRAPH_PCT_MISSING);
    assert_string_equal(s.eff[4], "control"); /* votingRights, no share */
    graph_own_free(g);
    store_close(st);
}

static void test_import_ch_and_hk(void **state)
{
    struct store *st = new_case();
    struct registry_stats rs;
    struct err e = ERR_INIT;
    struct case_entity *en = NULL;
    char cid[ID_MAX_LEN + 1];
    int64_t before, after;

    (void)state;
    assert_int_equal(registry_import(st,
                                     DATA "uk-companies-house/"
                                          "basic-company-data-1-unwrapped.csv",
                                     REGISTRY_CH_BASIC, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.records, 1);
    /* The PSC file meets the same company by its number. */
    assert_int_equal(registry_import(st,
                                     DATA "uk-companies-house/psc-data-1.json",
                                     REGISTRY_CH_PSC, &rs, &e),
                     ERR_OK);
    assert_true(rs.reused >= 1);
    assert_int_equal(rs.links, 1);
    ids_derive("gb-coh", "08209948", cid);
    assert_int_equal(case_entity_load(st, cid, 0, &en, &e), ERR_OK);
    assert_string_equal(en->caption, "! LTD");
    assert_int_equal(en->nrefs, 1); /* the PSC's Ownership */
    case_entity_free(en);
    /* JSON lines form of the PSC snapshot. */
    assert_int_equal(registry_import(st,
                                     DATA "fixtures/psc-snapshot-lines.json",
                                     REGISTRY_CH_PSC, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.records, 3);
    /* Hong Kong: bare-CR rows, "ENGLISH\nCHINESE" names. */
    assert_int_equal(registry_import(st,
                                     DATA "fixtures/hk-companies-fixture.csv",
                                     REGISTRY_HK_COMPANIES, &rs, &e),
                     ERR_OK);
    assert_int_equal(rs.records, 5);
    ids_derive("hk-cr", "9000002", cid);
    assert_int_equal(case_entity_load(st, cid, 0, &en, &e), ERR_OK);
    assert_string_equal(en->caption, "PEARL CREST HOLDINGS (HK) LIMITED "
                                     "珍珠冠控股(香港)有限公司");
    case_entity_free(en);

    /* Wrong formats are refused, and nothing is left behind. */
    store_entity_count(st, NULL, &before, &e);
    err_clear(&e);
    assert_int_equal(registry_import(st,
                                     DATA "uk-companies-house/"
                                          "psc-data-1.json",
                                     REGISTRY_BODS, &rs, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "not a BODS 0.4 statement"));
    err_clear(&e);
    assert_int_equal(registry_import(st, DATA "bods/examples/fermcat.json",
                                     REGISTRY_CH_PSC, &rs, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "not a Companies House PSC record"));
    err_clear(&e);
    assert_int_equal(registry_import(st,
                                     DATA "fixtures/hk-companies-fixture.csv",
                                     REGISTRY_CH_BASIC, &rs, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "not a Companies House BasicCompanyData"));
    err_clear(&e);
    assert_int_equal(registry_import(st,
                                     DATA "uk-companies-house/"
                                          "basic-company-data-1-unwrapped.csv",
                                     REGISTRY_HK_COMPANIES, &rs, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "not a Hong Kong company list"));
    err_clear(&e);
    assert_int_equal(
        registry_import(st, DATA "no-such-file.json", REGISTRY_BODS, &rs, &e),
        ERR_IO);
    store_entity_count(st, NULL, &after, &e);
    assert_int_equal(before, after);
    store_close(st);
}

/* --- the demo case: ties, networks, pictures
 * -------------------------------------*/

struct tie_seen {
    int n, gb_dir_via, ca_edu, victims;
};

static int tie_cb(const struct graph_tie *t, void *ctx)
{
    struct tie_seen *s = ctx;

    s->n++;
    if (t->country && strcmp(t->country, "gb") == 0 &&
        strcmp(t->kind, "directorship") == 0 && t->via &&
        strstr(t->via, "spouse"))
        s->gb_dir_via++;
    if (t->country && strcmp(t->country, "ca") == 0 &&
        strcmp(t->kind, "education-of-children") == 0)
        s->ca_edu++;
    if (t->what && strstr(t->what, "V-0"))
        s->victims++;
    return 0;
}

static struct store *demo_case(void)
{
    struct store *st = new_case();
    struct case_demo_stats ds;
    struct err e = ERR_INIT;
    int n = 0;

    assert_int_equal(case_demo_build(st, &ds, &e), ERR_OK);
    assert_int_equal(graph_demo_extend(st, &n, &e), ERR_OK);
    assert_true(n > 15);
    assert_int_equal(graph_demo_extend(st, &n, &e), ERR_CONFLICT);
    return st;
}

static void test_demo_ties_holdings(void **state)
{
    struct store *st = demo_case();
    struct tie_seen s;
    struct err e = ERR_INIT;
    struct graph_own *g = NULL;
    struct graph_holdings_opts o = {10, 0};
    struct graph_holdings_stats hs;
    struct seen h;
    bool uk = false;

    (void)state;
    memset(&s, 0, sizeof(s));
    assert_int_equal(graph_ties(st, DEMO_OFFICER_ID, NULL, tie_cb, &s, &e),
                     ERR_OK);
    assert_int_equal(s.gb_dir_via, 1);
    assert_int_equal(s.ca_edu, 1);
    assert_int_equal(s.victims, 0);
    memset(&s, 0, sizeof(s));
    assert_int_equal(
        graph_ties(st, DEMO_OFFICER_ID, "United Kingdom", tie_cb, &s, &e),
        ERR_OK);
    assert_int_equal(s.ca_edu, 0);
    assert_int_equal(s.gb_dir_via, 1);
    assert_int_equal(graph_ties(st, DEMO_OFFICER_ID, "Narnia", tie_cb, &s, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(graph_ties(st, "no-such-person", NULL, tie_cb, &s, &e),
                     ERR_NOTFOUND);
    err_clear(&e);

    assert_int_equal(graph_own_load(st, &g, &e), ERR_OK);
    memset(&h, 0, sizeof(h));
    assert_int_equal(
        graph_holdings(g, DEMO_OFFICER_ID, &o, record, &h, &hs, &e), ERR_OK);
    for (int i = 0; i < h.n && i < 8; i++)
        if (strcmp(h.eff[i], "37.5-50%") == 0)
            uk = true; /* 50% of the BVI company x 75-100% of the UK one */
    assert_true(uk);
    assert_int_equal(hs.cycles_cut, 1);
    graph_own_free(g);
    /* Loading only what is reachable gives the same walk. */
    for (int depth = 1; depth <= 4; depth++) {
        struct seen h2;
        struct graph_holdings_stats hs2;

        o.max_depth = depth;
        assert_int_equal(graph_own_load(st, &g, &e), ERR_OK);
        memset(&h, 0, sizeof(h));
        graph_holdings(g, DEMO_OFFICER_ID, &o, record, &h, &hs, &e);
        graph_own_free(g);
        assert_int_equal(
            graph_own_load_from(st, DEMO_OFFICER_ID, depth, &g, &e), ERR_OK);
        memset(&h2, 0, sizeof(h2));
        graph_holdings(g, DEMO_OFFICER_ID, &o, record, &h2, &hs2, &e);
        assert_true(graph_own_nedges(g) < 8);
        graph_own_free(g);
        assert_int_equal(h.n, h2.n);
        assert_int_equal(hs.cycles_cut, hs2.cycles_cut);
        /* Same paths; the order of edges within an owner may differ. */
        for (int i = 0; i < h.n && i < 8; i++) {
            bool found = false;
            for (int k = 0; k < h2.n && k < 8; k++)
                found |= strcmp(h.asset[i], h2.asset[k]) == 0 &&
                         strcmp(h.eff[i], h2.eff[k]) == 0;
            assert_true(found);
        }
    }
    store_close(st);
}

static void test_demo_network(void **state)
{
    struct store *st = demo_case();
    struct graph_net *n = NULL;
    struct strbuf dot = STRBUF_INIT, gml = STRBUF_INIT, pic = STRBUF_INIT;
    struct err e = ERR_INIT;
    char informant[ID_MAX_LEN + 1], src[ID_MAX_LEN + 1], own[ID_MAX_LEN + 1];

    (void)state;
    /* An informant who owns a share of the UK company: never drawn. */
    assert_int_equal(case_entity_add(st, "Person", NULL, NULL, informant, &e),
                     ERR_OK);
    assert_int_equal(case_prop_add(st, informant, "name", "SECRET Informant",
                                   NULL, NULL, &e),
                     ERR_OK);
    assert_int_equal(case_entity_add(st, "Source", NULL, NULL, src, &e),
                     ERR_OK);
    assert_int_equal(
        case_prop_add(st, src, "informant", informant, NULL, NULL, &e), ERR_OK);
    assert_int_equal(case_entity_add(st, "Ownership", NULL, NULL, own, &e),
                     ERR_OK);
    assert_int_equal(case_prop_add(st, own, "owner", informant, NULL, NULL, &e),
                     ERR_OK);
    assert_int_equal(case_prop_add(st, own, "asset", GRAPH_DEMO_UK_COMPANY_ID,
                                   NULL, NULL, &e),
                     ERR_OK);

    assert_int_equal(graph_net_build(st, DEMO_OFFICER_ID, 3, &n, &e), ERR_OK);
    assert_true(n->nnodes > 10);
    assert_true(n->withheld >= 2); /* victims of the incident, informant */
    for (size_t i = 0; i < n->nnodes; i++) {
        assert_string_not_equal(n->nodes[i].schema, "Victim");
        assert_string_not_equal(n->nodes[i].schema, "Source");
        assert_string_not_equal(n->nodes[i].id, informant);
        assert_true(n->nodes[i].fictional);
    }
    assert_int_equal(graph_net_dot(n, &dot), ERR_OK);
    assert_non_null(strstr(dot.buf, "CHAN Tai-man\\n陳大文"));
    assert_non_null(strstr(dot.buf, "FICTIONAL"));
    assert_null(strstr(dot.buf, "SECRET"));
    assert_null(strstr(dot.buf, "V-01"));
    assert_int_equal(graph_net_graphml(n, &gml), ERR_OK);
    assert_non_null(strstr(gml.buf, "<graphml xmlns="));
    assert_non_null(strstr(gml.buf, "attr.name=\"label\""));
    assert_null(strstr(gml.buf, "SECRET"));
    assert_int_equal(graph_render(dot.buf, dot.len, "svg", &pic, &e), ERR_OK);
    assert_non_null(strstr(pic.buf, "<svg"));
    strbuf_reset(&pic);
    assert_int_equal(graph_render(dot.buf, dot.len, "png", &pic, &e), ERR_OK);
    assert_true(pic.len > 8 && memcmp(pic.buf, "\x89PNG", 4) == 0);
    strbuf_reset(&pic);
    assert_int_equal(graph_render("digraph {", 9, "svg", &pic, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(graph_render(dot.buf, dot.len, "gif", &pic, &e),
                     ERR_INVALID);
    err_clear(&e);
    graph_net_free(n);

    /* A victim or an informant cannot be the root. */
    assert_int_equal(graph_net_build(st, DEMO_VICTIM_ID, 2, &n, &e),
                     ERR_INVALID);
    err_clear(&e);
    assert_int_equal(graph_net_build(st, informant, 2, &n, &e), ERR_INVALID);
    err_clear(&e);
    /* The unit's chain: superior units and post holders. */
    assert_int_equal(graph_net_build(st, DEMO_UNIT_ID, 3, &n, &e), ERR_OK);
    {
        bool region = false, chan = false;
        for (size_t i = 0; i < n->nnodes; i++) {
            region |= strcmp(n->nodes[i].id, "demo-unit-harbour-region") == 0;
            chan |= strcmp(n->nodes[i].id, DEMO_OFFICER_ID) == 0;
        }
        assert_true(region && chan);
    }
    graph_net_free(n);
    /* The chain on the day of the incident, through case_chain_on. */
    assert_int_equal(graph_net_chain(st, DEMO_UNIT_ID, "2019-11-18", &n, &e),
                     ERR_OK);
    {
        bool region = false, chan = false, platoon = false;
        for (size_t i = 0; i < n->nnodes; i++) {
            region |= strcmp(n->nodes[i].id, "demo-unit-harbour-region") == 0;
            chan |= strcmp(n->nodes[i].id, DEMO_OFFICER_ID) == 0;
            platoon |=
                strcmp(n->nodes[i].id, "demo-officer-cheung-siu-ming") == 0;
        }
        assert_true(region && chan);
        assert_false(platoon); /* not a command post */
    }
    graph_net_free(n);
    assert_int_equal(graph_net_chain(st, DEMO_UNIT_ID, "not a date", &n, &e),
                     ERR_INVALID);
    err_clear(&e);
    strbuf_release(&dot);
    strbuf_release(&gml);
    strbuf_release(&pic);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pct_parse),
        cmocka_unit_test(test_holdings_walk),
        cmocka_unit_test(test_holdings_cycles_dense),
        cmocka_unit_test(test_import_bods),
        cmocka_unit_test(test_import_bods_all_examples),
        cmocka_unit_test(test_import_bad_shares_and_cycle),
        cmocka_unit_test(test_import_ch_and_hk),
        cmocka_unit_test(test_demo_ties_holdings),
        cmocka_unit_test(test_demo_network),
    };

    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
