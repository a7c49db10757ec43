/*
 * bench_names: names-engine throughput, printed beside the budgets of
 * design.md: pair scores per second on one core (names parsed once), and
 * building the candidate index for 1,000,000 synthetic names (time, peak
 * RSS), plus query speed against it. Synthetic names mix HK romanised,
 * Chinese-character and Western names.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "names/names.h"
#include "util/banned.h"

static const char *const surnames[] = {
    "CHAN",  "WONG",  "LEE",  "CHEUNG", "LAU", "NG",   "HO",  "LEUNG",
    "CHOW",  "TSANG", "LAM",  "TANG",   "YIP", "KWOK", "SIU", "TSUI",
    "LO",    "MAK",   "FUNG", "KONG",   "TAM", "CHOI", "YU",  "HUI",
    "AU",    "SZETO", "POON", "YEUNG",  "LAI", "CHU",  "KO",  "MA",
    "CHENG", "LUK",   "SHEK", "TO",     "WAN", "YUEN", "FOK", "KAN",
};
static const char *const syllables[] = {
    "tai",   "man",   "wai",   "ka",    "chun",  "kwok", "keung",  "ming",
    "chi",   "fung",  "yan",   "shing", "kit",   "lok",  "sau",    "wing",
    "hung",  "kin",   "yee",   "ling",  "mei",   "siu",  "hoi",    "on",
    "ho",    "yiu",   "sze",   "tsz",   "pui",   "yuk",  "wah",    "lai",
    "ching", "hin",   "tak",   "sum",   "fai",   "kei",  "kong",   "choi",
    "hang",  "yat",   "tin",   "kwan",  "chung", "hei",  "ngai",   "kiu",
    "suen",  "cheuk", "lun",   "pak",   "sing",  "mui",  "nga",    "fan",
    "yin",   "wun",   "leung", "bun",   "kam",   "shun", "cheung", "ying",
};
static const char *const hanchars[] = {
    "陳", "黃", "李", "張", "劉", "吳", "何", "梁", "林", "鄭",
    "周", "曾", "葉", "郭", "蕭", "徐", "盧", "麥", "馮", "江",
    "譚", "蔡", "余", "許", "區", "楊", "黎", "朱", "高", "馬",
};
static const char *const first[] = {
    "John",     "Peter",   "Maria",  "Olga",   "Ahmed",   "Ivan",
    "Anna",     "David",   "Sergei", "Fatima", "Carlos",  "Elena",
    "Mohammed", "Sarah",   "Ali",    "Omar",   "Hassan",  "Yusuf",
    "Dmitry",   "Nikolai", "Alexei", "Viktor", "Juan",    "Pedro",
    "Luis",     "Jorge",   "Ana",    "Sofia",  "Ibrahim", "Khalid",
};
static const char *const last[] = {
    "Smith",   "Ivanov",   "Petrov",   "Garcia",    "Haddad",    "Khan",
    "Schmidt", "Kowalski", "Rossi",    "Novak",     "Lindemann", "Hussein",
    "Sokolov", "Popov",    "Lebedev",  "Kozlov",    "Morozov",   "Volkov",
    "Lopez",   "Martinez", "Gonzalez", "Rodriguez", "Perez",     "Sanchez",
    "Rahman",  "Hossain",  "Ahmadi",   "Karimi",    "Hashemi",   "Rezaei",
};

static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define PICK(arr) arr[rnd(sizeof(arr) / sizeof(arr[0]))]

static void synth(char *out, size_t max)
{
    switch (rnd(3)) {
    case 0:
        snprintf(out, max, "%s %s-%s", PICK(surnames), PICK(syllables),
                 PICK(syllables));
        break;
    case 1: {
        /* a listed surname and two characters from the common range */
        unsigned c1 = 0x4e00 + rnd(0x51a6), c2 = 0x4e00 + rnd(0x51a6);
        snprintf(out, max, "%s%c%c%c%c%c%c", PICK(hanchars),
                 (char)(0xe0 | c1 >> 12), (char)(0x80 | (c1 >> 6 & 0x3f)),
                 (char)(0x80 | (c1 & 0x3f)), (char)(0xe0 | c2 >> 12),
                 (char)(0x80 | (c2 >> 6 & 0x3f)), (char)(0x80 | (c2 & 0x3f)));
        break;
    }
    default:
        snprintf(out, max, "%s %s", PICK(first), PICK(last));
        break;
    }
}

/* Process CPU time: "per core" figures stay true when other programs
 * share the machine. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_hit(uint32_t ref, void *ctx)
{
    (void)ref;
    (*(size_t *)ctx)++;
}

/* Second field of an OFAC sdn.csv line (the name), unquoted. */
static bool sdn_name(const char *line, char *out, size_t max)
{
    const char *p = strchr(line, ',');
    size_t o = 0;
    if (!p || p[1] != '"')
        return false;
    for (p += 2; *p && *p != '"' && o + 1 < max; p++)
        out[o++] = *p;
    out[o] = '\0';
    return o > 0;
}

/* Queries against the real OFAC SDN list (from tests/data, when there). */
static void bench_sdn(void)
{
    static const char *const path = "tests/data/lists/ofac/sdn-2024-05-03.csv";
    FILE *f = fopen(path, "r");
    struct names_index *ix;
    struct names_parsed q[512];
    struct err e = ERR_INIT;
    char line[4096], name[1024];
    uint32_t n = 0;
    size_t cands = 0;
    int nq = 0;
    double t0, t;

    if (!f) {
        printf("names: (%s not found: SDN query figures skipped)\n", path);
        return;
    }
    ix = names_index_new();
    while (fgets(line, sizeof(line), f)) {
        struct names_parsed p;
        if (!sdn_name(line, name, sizeof(name)))
            continue;
        err_clear(&e);
        if (names_parse(name, &p, &e) == ERR_OK)
            names_index_add(ix, &p, n++);
    }
    fclose(f);
    names_index_build(ix);
    for (; nq < 512; nq++) {
        synth(line, sizeof(line));
        (void)names_parse(line, &q[nq], &e);
    }
    t0 = now();
    for (int r = 0; r < 20; r++)
        for (int i = 0; i < nq; i++)
            names_index_query(ix, &q[i], on_hit, &cands);
    t = now() - t0;
    printf("names: index queries/s vs OFAC SDN (%u names) %9.0f   (%.0f "
           "candidates per query; synthetic queries)\n",
           n, 20 * nq / t, (double)cands / (20 * nq));
    names_index_free(ix);
}

int main(void)
{
    enum { NP = 4096, NSCORE = 4000000, NINDEX = 1000000, NQ = 2000 };
    struct names_parsed *p = malloc(NP * sizeof(*p));
    struct names_index *ix;
    struct rusage ru;
    struct err e = ERR_INIT;
    char buf[128];
    double t0, t, w0, sum = 0;
    size_t cands = 0;

    if (!p)
        return 1;
    for (int i = 0; i < NP; i++) {
        synth(buf, sizeof(buf));
        if (names_parse(buf, &p[i], &e))
            return 1;
    }
    /* pair scores: parse once, score many */
    t0 = now();
    for (int i = 0; i < NSCORE; i++)
        sum += names_score(&p[i & (NP - 1)], &p[(i * 7 + 13) & (NP - 1)], NULL);
    t = now() - t0;
    printf("names: pair scores/s (1 core, CPU time) %10.0f   budget >= "
           "1000000   "
           "(checksum %.1f)\n",
           NSCORE / t, sum);

    /* parsing (for reference) */
    t0 = now();
    for (int i = 0; i < 200000; i++) {
        struct names_parsed q;
        synth(buf, sizeof(buf));
        (void)names_parse(buf, &q, &e);
    }
    t = now() - t0;
    printf("names: parses/s (1 core)          %10.0f\n", 200000 / t);

    /* index build for 1M names */
    ix = names_index_new();
    w0 = wall();
    t0 = now();
    for (uint32_t i = 0; i < NINDEX; i++) {
        struct names_parsed q;
        synth(buf, sizeof(buf));
        (void)names_parse(buf, &q, &e);
        names_index_add(ix, &q, i);
    }
    names_index_build(ix);
    t = now() - t0;
    getrusage(RUSAGE_SELF, &ru);
    printf("names: index build 1M names (parse+add+build) %6.2f s CPU "
           "(%.2f s wall)   budget <= 20 s\n",
           t, wall() - w0);
    printf("names: index postings %zu, index %.1f MiB, peak RSS %.1f MiB   "
           "budget <= 2048 MiB\n",
           names_index_postings(ix), names_index_bytes(ix) / 1048576.0,
           ru.ru_maxrss / 1024.0);
    t0 = now();
    for (int i = 0; i < NQ; i++)
        names_index_query(ix, &p[i & (NP - 1)], on_hit, &cands);
    t = now() - t0;
    printf("names: index queries/s vs 1M names %9.0f   (%.0f candidates per "
           "query on this synthetic set)\n",
           NQ / t, (double)cands / NQ);
    names_index_free(ix);
    bench_sdn();
    free(p);
    return 0;
}
