/*
 * bench_graph: the budgets of issue 7.
 * 1. Holdings through ownership chains on a synthetic graph of 1,000,000
 *    companies and 2,000,000 ownership edges (plus 10,000 people owning 3
 *    companies each), built in memory through graph_own_node/edge and
 *    walked by graph_holdings, the same code `dossier holdings
 *    --via-ownership` runs after graph_own_load. Budget: <= 50 ms per
 *    person. Also: graph_own_load from a case store (what the command
 *    pays first), per Ownership record.
 * 2. Import: parse throughput of each importer (>= 50 MB/s) on
 *    synthetic files of ~50 MB, and end-to-end registry_import into a
 *    case (parse + validation + SQLite) on a smaller file, for honesty.
 *    The real Hong Kong lists are read from the shared bench-only folder
 *    when present (never committed); skipped when absent.
 * Usage: bench_graph [COMPANIES] (default 1000000; edges = 2 x companies).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "case/case.h"
#include "formats/bods.h"
#include "formats/ch.h"
#include "formats/csv.h"
#include "formats/hkco.h"
#include "graph/graph.h"
#include "registry/registry.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define HK_DIR "/work/shared/data/bench-only/hk-companies-2022"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: the figure that holds on a shared machine. */
static double cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

struct walk_ctx {
    size_t paths;
    size_t chars;
};

/* What the command does per path besides printing: format the share. */
static int on_path(const struct graph_own *g, const struct graph_holding *h,
                   void *vctx)
{
    struct walk_ctx *c = vctx;
    char buf[48];

    graph_pct_format(&h->eff, buf);
    c->chars += strlen(buf) + strlen(graph_own_id(g, h->nodes[h->depth]));
    c->paths++;
    return 0;
}

static void random_pct(struct graph_pct *p)
{
    unsigned r = (unsigned)(next() % 100);

    memset(p, 0, sizeof(*p));
    if (r < 8) {
        p->flags = GRAPH_PCT_MISSING;
    } else if (r < 20) {
        p->lo = 0.25;
        p->hi = 0.5;
        p->flags = GRAPH_PCT_RANGE;
    } else {
        p->lo = p->hi = (double)(1 + next() % 100) / 100.0;
    }
}

static int bench_holdings(int64_t ncomp)
{
    struct graph_own *g = graph_own_new();
    struct graph_holdings_opts o = {10, 0};
    struct graph_holdings_stats hs;
    struct err e = ERR_INIT;
    struct graph_pct p;
    char id[32];
    const int npeople = 10000, rounds = 1000;
    double t0, t1, worst = 0, total = 0;
    size_t total_paths = 0, max_paths = 0;
    uint32_t first_person;

    t0 = now_s();
    for (int64_t i = 0; i < ncomp; i++) {
        snprintf(id, sizeof(id), "gb-coh-%08lld", (long long)i);
        graph_own_node(g, id);
    }
    first_person = (uint32_t)ncomp;
    for (int i = 0; i < npeople; i++) {
        snprintf(id, sizeof(id), "person-%06d", i);
        graph_own_node(g, id);
    }
    /* 2 edges per company on average, owner and asset uniform: cycles
     * happen, as in real registers. */
    for (int64_t k = 0; k < 2 * ncomp; k++) {
        random_pct(&p);
        graph_own_edge(g, (uint32_t)(next() % (uint64_t)ncomp),
                       (uint32_t)(next() % (uint64_t)ncomp), &p, NULL);
    }
    for (int i = 0; i < npeople; i++)
        for (int k = 0; k < 3; k++) {
            random_pct(&p);
            graph_own_edge(g, first_person + (uint32_t)i,
                           (uint32_t)(next() % (uint64_t)ncomp), &p, NULL);
        }
    graph_own_freeze(g);
    t1 = now_s();
    printf("holdings: synthetic graph %zu nodes, %zu edges built in %.2f s\n",
           graph_own_nnodes(g), graph_own_nedges(g), t1 - t0);

    /* The walk alone (the query), then the walk with each path's share
     * formatted as the command prints it. Same people, same order. */
    for (int r = 0; r < rounds; r++) {
        struct walk_ctx c = {0, 0};
        double a, b;

        snprintf(id, sizeof(id), "person-%06d", (r * 7919) % npeople);
        a = now_s();
        if (graph_holdings(g, id, &o, NULL, NULL, &hs, &e)) {
            fprintf(stderr, "bench_graph: %s\n", e.msg);
            graph_own_free(g);
            return 1;
        }
        b = now_s() - a;
        total += b;
        if (b > worst)
            worst = b;
        total_paths += hs.paths;
        if (hs.paths > max_paths)
            max_paths = hs.paths;
        (void)c;
    }
    printf("holdings --via-ownership (depth 10), walk only: %d people, mean "
           "%.3f ms, worst %.3f ms per person (budget 50 ms); paths per "
           "person mean %zu, max %zu\n",
           rounds, total / rounds * 1e3, worst * 1e3, total_paths / rounds,
           max_paths);
    total = worst = 0;
    total_paths = max_paths = 0;
    for (int r = 0; r < rounds; r++) {
        struct walk_ctx c = {0, 0};
        double a, b;

        snprintf(id, sizeof(id), "person-%06d", (r * 7919) % npeople);
        a = now_s();
        if (graph_holdings(g, id, &o, on_path, &c, &hs, &e)) {
            fprintf(stderr, "bench_graph: %s\n", e.msg);
            graph_own_free(g);
            return 1;
        }
        b = now_s() - a;
        total += b;
        if (b > worst)
            worst = b;
        total_paths += c.paths;
        if (c.paths > max_paths)
            max_paths = c.paths;
    }
    printf("holdings --via-ownership (depth 10), walk + share text per path: "
           "%d people, mean %.3f ms, worst %.3f ms per person; paths mean "
           "%zu, max %zu\n",
           rounds, total / rounds * 1e3, worst * 1e3, total_paths / rounds,
           max_paths);
    /* Deeper: the walk's cost grows with the paths, not the graph. */
    o.max_depth = GRAPH_DEPTH_MAX;
    o.max_paths = 0; /* the command's cap: 100,000 paths */
    total = worst = 0;
    total_paths = 0;
    for (int r = 0; r < 100; r++) {
        struct walk_ctx c = {0, 0};
        double a;

        snprintf(id, sizeof(id), "person-%06d",
                 (int)(next() % (uint64_t)npeople));
        a = now_s();
        graph_holdings(g, id, &o, NULL, NULL, &hs, &e);
        a = now_s() - a;
        c.paths = hs.paths;
        total += a;
        worst = a > worst ? a : worst;
        total_paths += c.paths;
    }
    printf("holdings walk (depth 32, capped at 100,000 paths): mean %.2f "
           "ms, worst "
           "%.2f ms per person, mean %zu paths\n",
           total / 100 * 1e3, worst * 1e3, total_paths / 100);
    graph_own_free(g);
    return 0;
}

static int bench_load(void)
{
    char dir[] = "/tmp/bench_graph.XXXXXX";
    char path[128], a[64], b[64], oid[64];
    struct store *st = NULL;
    struct graph_own *g = NULL;
    struct err e = ERR_INIT;
    const int n = 20000;
    double t0, t1;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/case.db", dir);
    if (store_open(path, STORE_CREATE, &st, &e))
        goto fail;
    store_begin(st, &e);
    for (int i = 0; i <= n / 2; i++) {
        snprintf(a, sizeof(a), "c%06d", i);
        if (case_entity_add(st, "Company", a, NULL, NULL, &e))
            goto fail;
    }
    for (int i = 0; i < n; i++) {
        struct case_stmt_opts so = {NULL, NULL, NULL, 0, NULL, CASE_LENIENT};
        snprintf(a, sizeof(a), "c%06d", (int)(next() % (n / 2)));
        snprintf(b, sizeof(b), "c%06d", (int)(next() % (n / 2)));
        snprintf(oid, sizeof(oid), "o%06d", i);
        if (case_entity_add(st, "Ownership", oid, NULL, NULL, &e) ||
            case_prop_add(st, oid, "owner", a, &so, NULL, &e) ||
            case_prop_add(st, oid, "asset", b, &so, NULL, &e) ||
            case_prop_add(st, oid, "percentage", "25-50", &so, NULL, &e))
            goto fail;
    }
    if (store_commit(st, &e))
        goto fail;
    t0 = now_s();
    if (graph_own_load(st, &g, &e))
        goto fail;
    t1 = now_s();
    printf("graph_own_load from a case: %d Ownership records in %.1f ms "
           "(%.1f us per record)\n",
           n, (t1 - t0) * 1e3, (t1 - t0) * 1e6 / n);
    graph_own_free(g);
    {
        double worst = 0, total = 0;
        size_t edges = 0;

        for (int r = 0; r < 50; r++) {
            snprintf(a, sizeof(a), "c%06d", (int)(next() % (n / 2)));
            t0 = now_s();
            if (graph_own_load_from(st, a, 10, &g, &e))
                goto fail;
            t1 = now_s() - t0;
            total += t1;
            worst = t1 > worst ? t1 : worst;
            edges += graph_own_nedges(g);
            graph_own_free(g);
        }
        printf("graph_own_load_from (what `holdings --via-ownership` "
               "loads, depth 10) in that case: mean %.1f ms, worst %.1f ms, "
               "mean %zu records reached\n",
               total / 50 * 1e3, worst * 1e3, edges / 50);
    }
    store_close(st);
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    return system(path) == 0 ? 0 : 1;
fail:
    fprintf(stderr, "bench_graph: %s\n", e.msg);
    store_close(st);
    return 1;
}

/* --- import throughput -----------------------------------------------------*/

static int count_bods(const struct bods_statement *s, void *ctx)
{
    (void)s;
    (*(size_t *)ctx)++;
    return 0;
}

static int count_psc(const struct bods_psc *p, void *ctx)
{
    (void)p;
    (*(size_t *)ctx)++;
    return 0;
}

static int count_ch(const struct ch_company *c, void *ctx)
{
    (void)c;
    (*(size_t *)ctx)++;
    return 0;
}

static int count_hk(const struct hkco_company *c, void *ctx)
{
    (void)c;
    (*(size_t *)ctx)++;
    return 0;
}

static void make_bods(struct strbuf *sb, size_t target)
{
    for (size_t i = 0; sb->len < target; i++) {
        strbuf_addf(
            sb,
            "{\"statementId\":\"s%zu\",\"recordId\":\"e%zu\",\"recordType\":"
            "\"entity\",\"recordStatus\":\"new\",\"statementDate\":\"2024-01-"
            "01\",\"recordDetails\":{\"isComponent\":false,\"entityType\":{"
            "\"type\":\"registeredEntity\"},\"name\":\"Example Holdings %zu "
            "Limited\",\"identifiers\":[{\"scheme\":\"GB-COH\",\"id\":\"%08zu\""
            "}],\"jurisdiction\":{\"name\":\"United Kingdom\",\"code\":\"GB\"}"
            "}}\n",
            i, i, i, i);
        strbuf_addf(
            sb,
            "{\"statementId\":\"r%zu\",\"recordId\":\"r%zu\",\"recordType\":"
            "\"relationship\",\"recordDetails\":{\"isComponent\":false,"
            "\"subject\":\"e%zu\",\"interestedParty\":\"p%zu\",\"interests\":"
            "[{\"type\":\"shareholding\",\"directOrIndirect\":\"direct\","
            "\"share\":{\"minimum\":25,\"exclusiveMaximum\":50}}]}}\n",
            i, i, i, i);
    }
}

static void make_psc(struct strbuf *sb, size_t target)
{
    for (size_t i = 0; sb->len < target; i++)
        strbuf_addf(
            sb,
            "{\"company_number\":\"%08zu\",\"data\":{\"address\":{"
            "\"address_line_1\":\"Princes Square\",\"country\":\"England\","
            "\"locality\":\"Harrogate\",\"postal_code\":\"HG1 1ND\","
            "\"premises\":\"9\"},\"country_of_residence\":\"England\","
            "\"date_of_birth\":{\"month\":12,\"year\":1961},\"etag\":\"a73f609"
            "\",\"kind\":\"individual-person-with-significant-control\","
            "\"links\":{\"self\":\"/company/%08zu/persons-with-significant-"
            "control/individual/X%zu\"},\"name\":\"Mr Example Person %zu\","
            "\"name_elements\":{\"forename\":\"Example\",\"surname\":"
            "\"Person\",\"title\":\"Mr\"},\"nationality\":\"British\","
            "\"natures_of_control\":[\"ownership-of-shares-75-to-100-"
            "percent\"],\"notified_on\":\"2021-12-13\"}}\n",
            i, i, i, i);
}

static void make_ch(struct strbuf *sb, size_t target)
{
    strbuf_addstr(sb, "CompanyName, CompanyNumber,RegAddress.AddressLine1,"
                      "RegAddress.PostTown,RegAddress.Country,"
                      "RegAddress.PostCode,CompanyCategory,CompanyStatus,"
                      "CountryOfOrigin,DissolutionDate,IncorporationDate,"
                      "SICCode.SicText_1,URI\n");
    for (size_t i = 0; sb->len < target; i++)
        strbuf_addf(sb,
                    "\"EXAMPLE %zu LTD\",\"%08zu\",\"9 PRINCES SQUARE\","
                    "\"HARROGATE\",\"ENGLAND\",\"HG1 1ND\",\"Private Limited "
                    "Company\",\"Active\",\"United Kingdom\",\"\","
                    "\"11/09/2012\",\"99999 - Dormant Company\","
                    "\"http://business.data.gov.uk/id/company/%08zu\"\n",
                    i, i, i);
}

static double mbps(size_t bytes, double secs)
{
    return secs > 0 ? (double)bytes / 1e6 / secs : 0;
}

static void report(const char *what, size_t bytes, size_t n, const char *unit,
                   double wall, double cpu)
{
    printf("import parse %s: %.1f MB, %zu %s, %.1f MB/s CPU time (wall "
           "%.1f MB/s) (budget >= 50 MB/s)\n",
           what, bytes / 1e6, n, unit, mbps(bytes, cpu), mbps(bytes, wall));
}

static void bench_parse(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct err e = ERR_INIT;
    struct csv_reader *r = NULL;
    size_t n = 0;
    double t, c;
    const size_t target = 50u << 20;

    make_bods(&sb, target);
    t = now_s();
    c = cpu_s();
    bods_parse(sb.buf, sb.len, "bench", count_bods, &n, &e);
    report("bods", sb.len, n, "statements", now_s() - t, cpu_s() - c);
    strbuf_reset(&sb);
    make_psc(&sb, target);
    n = 0;
    t = now_s();
    c = cpu_s();
    bods_ch_psc_parse(sb.buf, sb.len, "bench", count_psc, &n, &e);
    report("ch-psc", sb.len, n, "records", now_s() - t, cpu_s() - c);
    strbuf_reset(&sb);
    make_ch(&sb, target);
    n = 0;
    t = now_s();
    c = cpu_s();
    if (!csv_open_mem(sb.buf, sb.len, "bench", NULL, &r, &e))
        ch_basic_read(r, count_ch, &n, &e);
    csv_free(r);
    report("ch-basic", sb.len, n, "rows", now_s() - t, cpu_s() - c);
    strbuf_release(&sb);
}

/* The real Hong Kong lists (bench-only, never committed), if present. */
static void bench_hk(void)
{
    DIR *top = opendir(HK_DIR);
    struct dirent *m;
    size_t bytes = 0, rows = 0, files = 0;
    double t = 0, c = 0;

    if (!top) {
        printf("import parse hk-companies: skipped (%s absent)\n", HK_DIR);
        return;
    }
    while ((m = readdir(top)) != NULL) {
        char sub[512];
        DIR *d;
        struct dirent *f;

        if (m->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", HK_DIR, m->d_name);
        d = opendir(sub);
        while (d && (f = readdir(d)) != NULL) {
            char path[1024];
            struct csv_reader *r = NULL;
            struct err e = ERR_INIT;
            struct stat sb;
            double a;

            if (!strstr(f->d_name, ".csv"))
                continue;
            snprintf(path, sizeof(path), "%s/%s", sub, f->d_name);
            if (stat(path, &sb) != 0)
                continue;
            a = now_s();
            c -= cpu_s();
            if (!csv_open_file(path, NULL, &r, &e))
                hkco_read(r, count_hk, &rows, &e);
            csv_free(r);
            t += now_s() - a;
            c += cpu_s();
            bytes += (size_t)sb.st_size;
            files++;
        }
        if (d)
            closedir(d);
    }
    closedir(top);
    printf("import parse hk-companies (real 2022 lists): %zu files, %.1f MB, "
           "%zu companies, %.1f MB/s CPU time (wall %.1f MB/s)\n",
           files, bytes / 1e6, rows, mbps(bytes, c), mbps(bytes, t));
}

/* End to end: parse + validate + SQLite, in one transaction. */
static int bench_import_store(void)
{
    char dir[] = "/tmp/bench_graph_imp.XXXXXX";
    char path[128], file[128];
    struct strbuf sb = STRBUF_INIT;
    struct store *st = NULL;
    struct registry_stats rs;
    struct err e = ERR_INIT;
    FILE *f;
    double t, c;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/case.db", dir);
    snprintf(file, sizeof(file), "%s/psc.json", dir);
    make_psc(&sb, 5u << 20);
    f = fopen(file, "wb");
    if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len || fclose(f) != 0)
        return 1;
    if (store_open(path, STORE_CREATE, &st, &e))
        goto fail;
    t = now_s();
    c = cpu_s();
    if (registry_import(st, file, REGISTRY_CH_PSC, &rs, &e))
        goto fail;
    t = now_s() - t;
    c = cpu_s() - c;
    printf("import into a case (ch-psc, parse + checks + SQLite): %.1f MB, "
           "%lld records, %lld statements in %.2f s wall, %.2f s CPU: "
           "%.2f MB/s, %.0f statements/s (CPU time)\n",
           sb.len / 1e6, (long long)rs.records, (long long)rs.statements, t, c,
           mbps(sb.len, c), rs.statements / c);
    store_close(st);
    strbuf_release(&sb);
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    return system(path) == 0 ? 0 : 1;
fail:
    fprintf(stderr, "bench_graph: %s\n", e.msg);
    store_close(st);
    strbuf_release(&sb);
    return 1;
}

int main(int argc, char **argv)
{
    struct err e = ERR_INIT;
    int64_t ncomp = 1000000;

    if (argc > 1 && (parse_int64(argv[1], &ncomp, &e) || ncomp < 10)) {
        fprintf(stderr, "usage: bench_graph [COMPANIES]\n");
        return 2;
    }
    if (bench_holdings(ncomp) || bench_load())
        return 1;
    bench_parse();
    bench_hk();
    return bench_import_store();
}
