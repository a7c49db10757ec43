/*
 * bench_screen: screening budgets of design.md / issue 4, printed as
 * figures (no assertions): full OFAC SDN CSV set loaded and indexed;
 * queries per second per core against the SDN list (the 50,000 synthetic
 * people of negatives_global.csv when /work/shared is present, else
 * synthetic names) with alerts per 1,000; the same on 2 threads; queries
 * per second against a synthetic 1,000,000-name list; peak RSS.
 * Run from the repository root (make bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "names/names.h"
#include "screen/list.h"
#include "screen/screen.h"
#include "util/banned.h"

#define SDN_SET "tests/data/lists/ofac/sdn-2021-07"
#define SDN_2024 "tests/data/lists/ofac/sdn-2024-05-03.csv"
#define NEGATIVES                                                              \
    "/work/shared/data/opensanctions/screening/negatives_global.csv"
#define BIG_NAMES 1000000
#define BIG_QUERIES 4000

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Process CPU time: a per-core figure that stays true when other
 * programs share the machine. */
static double cpu(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_mb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const char *const syl[] = {
    "ka",  "ri",  "mo",  "ta",  "len", "vor", "zu",  "bek", "an",  "el", "sha",
    "dor", "mi",  "nas", "ro",  "gal", "pe",  "tru", "son", "lin", "ha", "dem",
    "go",  "ver", "bo",  "kin", "sa",  "mar", "te",  "ul",  "fi",  "ne",
};

/* A capitalised word of k random syllables. */
static size_t synth_word(char *out, size_t n, int k)
{
    size_t len = 0;

    for (int i = 0; i < k && len < n; i++)
        len +=
            (size_t)snprintf(out + len, n - len, "%s", syl[next_rand() % 32]);
    if (len)
        out[0] = (char)(out[0] - 'a' + 'A');
    return len;
}

/*
 * A synthetic Western-style name: a 2-syllable given name (1,024 kinds)
 * and a 3- or 4-syllable surname (over a million kinds), sometimes a
 * middle name: few exact repeats in a million.
 */
static void synth_name(char *out, size_t n)
{
    char a[32], b[32], c[32];

    synth_word(a, sizeof(a), 2);
    synth_word(c, sizeof(c), 3 + (int)(next_rand() % 2));
    if (next_rand() % 4 == 0) {
        synth_word(b, sizeof(b), 2);
        snprintf(out, n, "%s %s %s", a, b, c);
    } else {
        snprintf(out, n, "%s %s", a, c);
    }
}

static void bench_load(void)
{
    double best = 1e9, lbest = 1e9;
    size_t names = 0, bytes = 0;

    for (int round = 0; round < 3; round++) {
        struct list l;
        struct err e = ERR_INIT;
        struct screen_index *si;
        double t0 = now(), t1, t2;

        list_init(&l);
        if (list_load(SDN_SET, &l, &e) != ERR_OK) {
            printf("sdn load: skipped (%s)\n", e.msg);
            list_release(&l);
            return;
        }
        t1 = now();
        si = screen_index_new();
        screen_index_add(si, &l, NULL, &e);
        screen_index_build(si);
        t2 = now();
        if (t2 - t0 < best)
            best = t2 - t0;
        if (t1 - t0 < lbest)
            lbest = t1 - t0;
        names = screen_index_nnames(si);
        bytes = screen_index_bytes(si);
        screen_index_free(si);
        list_release(&l);
    }
    printf("sdn set load+index: %.3f s (budget 0.5 s; parse %.3f s), %zu "
           "names, index %.1f MB\n",
           best, lbest, names, (double)bytes / 1e6);
}

static void run_queries(const char *label, struct screen_index *si,
                        struct screen_query *q, size_t n, int threads)
{
    struct screen_result *res = calloc(n, sizeof(*res));
    struct err e = ERR_INIT;
    size_t alerted = 0;
    double t0, t1, c0, c1;

    t0 = now();
    c0 = cpu();
    screen_batch(si, q, n, SCREEN_THRESHOLD, threads, res, &e);
    t1 = now();
    c1 = cpu();
    for (size_t i = 0; i < n; i++) {
        alerted += res[i].nalerts > 0;
        screen_result_release(&res[i]);
    }
    free(res);
    printf("%s: %zu queries, %d thread%s: %.0f queries/s (%.0f per CPU "
           "second), %.2f alerted per 1,000\n",
           label, n, threads, threads > 1 ? "s" : "", (double)n / (t1 - t0),
           (double)n / (c1 - c0), 1000.0 * (double)alerted / (double)n);
}

static void bench_sdn_queries(void)
{
    struct list l;
    struct err e = ERR_INIT;
    struct screen_index *si;
    struct screen_queries qs;
    struct screen_query *q;
    const char **names, **dobs, **nats;
    size_t n;
    bool real;

    list_init(&l);
    if (list_load(SDN_2024, &l, &e) != ERR_OK) {
        printf("sdn queries: skipped (%s)\n", e.msg);
        list_release(&l);
        return;
    }
    si = screen_index_new();
    screen_index_add(si, &l, NULL, &e);
    screen_index_build(si);
    screen_queries_init(&qs);
    real = access(NEGATIVES, R_OK) == 0 &&
           screen_queries_load(NEGATIVES, &qs, &e) == ERR_OK;
    n = real ? qs.nrows : 20000;
    q = calloc(n, sizeof(*q));
    names = calloc(n, sizeof(*names));
    dobs = calloc(n, sizeof(*dobs));
    nats = calloc(n, sizeof(*nats));
    for (size_t i = 0; i < n; i++) {
        if (real) {
            names[i] = qs.rows[i].name;
            dobs[i] = qs.rows[i].birth_date;
            nats[i] = qs.rows[i].nationality;
            q[i].gender = qs.rows[i].gender;
            q[i].person = true;
        } else {
            char buf[96];

            synth_name(buf, sizeof(buf));
            names[i] = strdup(buf);
        }
        q[i].names = &names[i];
        q[i].nnames = 1;
        q[i].birth_dates = &dobs[i];
        q[i].nbirth_dates = dobs[i] ? 1 : 0;
        q[i].countries = &nats[i];
        q[i].ncountries = nats[i] ? 1 : 0;
    }
    if (!real)
        printf("(negatives_global.csv not found: synthetic names)\n");
    run_queries(real ? "sdn vs negatives_global.csv" : "sdn vs synthetic", si,
                q, n, 1);
    run_queries(real ? "sdn vs negatives_global.csv" : "sdn vs synthetic", si,
                q, n, 2);
    screen_index_set_prefilter(si, false);
    run_queries(real ? "sdn vs negatives_global.csv, pre-filter off"
                     : "sdn vs synthetic, pre-filter off",
                si, q, n, 1);
    if (!real)
        for (size_t i = 0; i < n; i++)
            free((char *)names[i]);
    free(q);
    free(names);
    free(dobs);
    free(nats);
    screen_queries_release(&qs);
    screen_index_free(si);
    list_release(&l);
}

/*
 * Checks retrieval against the full comparison on the first VERIFY_N
 * queries: every list entry with a name scoring >= the threshold against
 * a query (names_score over all 1,000,000 names) must be among that
 * query's alerts. Prints how many such pairs there are and how many the
 * index lost.
 */
#define VERIFY_N 64

static void verify_big(struct screen_index *si, const struct list *l,
                       struct screen_query *q)
{
    struct names_parsed qp[VERIFY_N];
    struct screen_result res[VERIFY_N];
    struct err e = ERR_INIT;
    size_t expected = 0, lost = 0;
    double t0 = now();

    for (size_t i = 0; i < VERIFY_N; i++) {
        names_parse(q[i].names[0], &qp[i], &e);
        screen_result_init(&res[i]);
        screen_query(si, &q[i], SCREEN_THRESHOLD, &res[i], &e);
    }
    for (size_t en = 0; en < l->nentries; en++) {
        struct names_parsed p;

        if (names_parse(l->entries[en].names[0].full, &p, &e) != ERR_OK)
            continue;
        for (size_t i = 0; i < VERIFY_N; i++) {
            bool found = false;

            if (names_score(&qp[i], &p, NULL) < SCREEN_THRESHOLD)
                continue;
            expected++;
            for (size_t a = 0; a < res[i].nalerts; a++)
                found |= res[i].alerts[a].entry == &l->entries[en];
            if (!found) {
                lost++;
                printf("  lost: '%s' ~ '%s'\n", q[i].names[0],
                       l->entries[en].names[0].full);
            }
        }
    }
    for (size_t i = 0; i < VERIFY_N; i++)
        screen_result_release(&res[i]);
    printf("index vs full comparison, %d queries x %zu names: %zu pairs "
           ">= threshold, %zu lost by the index (%.0f s)\n",
           VERIFY_N, l->nentries, expected, lost, now() - t0);
}

static void bench_big(void)
{
    struct list l;
    struct err e = ERR_INIT;
    struct screen_index *si;
    struct screen_query *q;
    char **qn;
    double t0, t1, t2;

    list_init(&l);
    l.source = "synthetic";
    t0 = now();
    for (size_t i = 0; i < BIG_NAMES; i++) {
        char id[24], name[96];
        struct list_entry *en;

        snprintf(id, sizeof(id), "S%zu", i);
        synth_name(name, sizeof(name));
        if (list_add_entry(&l, id, &en, &e) != ERR_OK)
            break;
        en->type = LIST_TYPE_PERSON;
        list_add_name(&l, en, name, LIST_NAME_PRIMARY);
    }
    list_finish(&l);
    t1 = now();
    si = screen_index_new();
    screen_index_add(si, &l, NULL, &e);
    screen_index_build(si);
    t2 = now();
    printf("synthetic list: %zu names generated in %.1f s, indexed in %.1f "
           "s, index %.0f MB\n",
           screen_index_nnames(si), t1 - t0, t2 - t1,
           (double)screen_index_bytes(si) / 1e6);
    q = calloc(BIG_QUERIES, sizeof(*q));
    qn = calloc(BIG_QUERIES, sizeof(*qn));
    for (size_t i = 0; i < BIG_QUERIES; i++) {
        char buf[96];

        synth_name(buf, sizeof(buf));
        qn[i] = strdup(buf);
        q[i].names = (const char *const *)&qn[i];
        q[i].nnames = 1;
    }
    verify_big(si, &l, q);
    run_queries("synthetic 1,000,000-name list", si, q, BIG_QUERIES, 1);
    run_queries("synthetic 1,000,000-name list", si, q, BIG_QUERIES, 2);
    screen_index_set_prefilter(si, false);
    run_queries("synthetic 1,000,000-name list, pre-filter off", si, q,
                BIG_QUERIES, 2);
    for (size_t i = 0; i < BIG_QUERIES; i++)
        free(qn[i]);
    free(qn);
    free(q);
    screen_index_free(si);
    list_release(&l);
}

int main(int argc, char **argv)
{
    bool big = !(argc > 1 && strcmp(argv[1], "--quick") == 0);
    bool only_big = argc > 1 && strcmp(argv[1], "--big") == 0;

    if (!only_big) {
        bench_load();
        bench_sdn_queries();
    }
    if (big)
        bench_big();
    printf("peak RSS: %ld MB\n", peak_rss_mb());
    return 0;
}
