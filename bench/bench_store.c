/*
 * bench_store: batch statement insert and single-entity load on a case of
 * 100,000 entities with 1,000,000 statements (two name values per entity
 * go into the full-text index). Prints figures beside the budgets of
 * issue 2: >= 200,000 statements/s; <= 20 ms to load one entity.
 * Usage: bench_store [ENTITIES] (default 100000; 10 statements each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "case/case.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/banned.h"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_cb(const struct store_stmt *s, void *ctx)
{
    (void)s;
    (*(size_t *)ctx)++;
    return 0;
}

static const char *const props[] = {
    "name",     "alias", "birthDate", "nationality", "idNumber",
    "position", "notes", "gender",    "country",     "sourceUrl"};

int main(int argc, char **argv)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    char dir[] = "/tmp/bench_store.XXXXXX";
    char path[128], id[64], val[128];
    int64_t nent = 100000;
    size_t nstmt = 0, got = 0;
    double t0, t1, c0, c1, worst = 0, total = 0;
    int rounds = 200;

    if (argc > 1 && parse_int64(argv[1], &nent, &e) != ERR_OK) {
        fprintf(stderr, "bench_store: %s\n", e.msg);
        return 2;
    }
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof(path), "%s/case.db", dir);
    if (store_open(path, STORE_CREATE, &st, &e))
        goto fail;
    store_set_author(st, "bench");

    t0 = now_s();
    c0 = cpu_s();
    if (store_begin(st, &e))
        goto fail;
    for (int64_t i = 0; i < nent; i++) {
        struct store_stmt s = {0};

        snprintf(id, sizeof(id), "ent%08lld", (long long)i);
        if (store_entity_add(st, id, "Person", NULL, &e))
            goto fail;
        s.entity_id = id;
        for (size_t p = 0; p < sizeof(props) / sizeof(props[0]); p++) {
            unsigned flags = p < 2 ? STORE_STMT_FTS : 0;

            s.prop = props[p];
            if (p == 0)
                snprintf(val, sizeof(val), "CHAN Tai-man %lld", (long long)i);
            else if (p == 1)
                snprintf(val, sizeof(val), "陳大文 %lld", (long long)i % 977);
            else
                snprintf(val, sizeof(val), "value %lld/%zu", (long long)i, p);
            s.value = val;
            if (store_stmt_add(st, &s, flags, NULL, &e))
                goto fail;
            nstmt++;
        }
    }
    if (store_commit(st, &e))
        goto fail;
    t1 = now_s();
    c1 = cpu_s();
    printf("store insert: %zu statements + %lld entities in %.2f s: "
           "%.0f statements/s (budget >= 200000); per CPU second: %.0f "
           "(%.2f s CPU; the difference is I/O wait or a busy machine)\n",
           nstmt, (long long)nent, t1 - t0, (double)nstmt / (t1 - t0),
           (double)nstmt / (c1 - c0), c1 - c0);

    {
        struct stat sb;
        char wal[160];
        long long sz = 0;

        if (stat(path, &sb) == 0)
            sz += (long long)sb.st_size;
        snprintf(wal, sizeof(wal), "%s-wal", path);
        if (stat(wal, &sb) == 0)
            sz += (long long)sb.st_size;
        printf("store size: %.1f MB (database + WAL)\n", (double)sz / 1e6);
    }
    /* Re-open as the CLI would, then load entities spread over the case. */
    store_close(st);
    st = NULL;
    t0 = now_s();
    if (store_open(path, STORE_READONLY, &st, &e))
        goto fail;
    t1 = now_s();
    printf("store open (read-only): %.2f ms\n", (t1 - t0) * 1e3);
    for (int r = 0; r < rounds; r++) {
        double a, b;

        snprintf(id, sizeof(id), "ent%08lld", (long long)((r * 7919LL) % nent));
        a = now_s();
        if (store_entity_get(st, id, NULL, NULL, &e) ||
            store_stmt_each(st, id, 0, count_cb, &got, &e))
            goto fail;
        b = now_s();
        total += b - a;
        if (b - a > worst)
            worst = b - a;
    }
    printf("store load one entity (%zu statements): mean %.3f ms, worst "
           "%.3f ms (budget <= 20 ms)\n",
           got / (size_t)rounds, total / rounds * 1e3, worst * 1e3);

    t0 = now_s();
    got = 0;
    if (store_search(st, "chan 4242", 10, count_cb, &got, &e))
        goto fail;
    t1 = now_s();
    printf("store search 'chan 4242': %zu hits in %.3f ms\n", got,
           (t1 - t0) * 1e3);

    /* The whole "show" read: entity, statements, sources, reverse links. */
    {
        struct case_entity *en = NULL;

        snprintf(id, sizeof(id), "ent%08lld", (long long)(nent / 2));
        t0 = now_s();
        if (case_entity_load(st, id, 0, &en, &e))
            goto fail;
        t1 = now_s();
        printf("case_entity_load (%zu statements, %zu reverse links): "
               "%.3f ms (budget <= 20 ms)\n",
               en->nstmts, en->nrefs, (t1 - t0) * 1e3);
        case_entity_free(en);
    }
    store_close(st);
    st = NULL;
    if (store_open(path, 0, &st, &e))
        goto fail;

    /* Validated writes through case/ (what imports and the CLI use). */
    {
        int64_t ncase = nent / 2;
        size_t nprops = 0;

        t0 = now_s();
        c0 = cpu_s();
        if (store_begin(st, &e))
            goto fail;
        for (int64_t i = 0; i < ncase; i++) {
            char cid[ID_MAX_LEN + 1];
            static const char *const pv[][2] = {
                {"name", "WONG Siu-ming"},
                {"alias", "黃小明"},
                {"birthDate", "Dec 1952"},
                {"nationality", "HKG"},
                {"gender", "male"},
                {"idNumber", "D4118015"},
                {"notes", "fictional record"},
                {"hkid", "A123456(3)"},
            };

            if (case_entity_add(st, "Person", NULL, NULL, cid, &e))
                goto fail;
            for (size_t p = 0; p < sizeof(pv) / sizeof(pv[0]); p++) {
                if (case_prop_add(st, cid, pv[p][0], pv[p][1], NULL, NULL, &e))
                    goto fail;
                nprops++;
            }
        }
        if (store_commit(st, &e))
            goto fail;
        t1 = now_s();
        c1 = cpu_s();
        printf("case_prop_add (validated): %zu statements in %.2f s: %.0f "
               "statements/s; per CPU second: %.0f\n",
               nprops, t1 - t0, (double)nprops / (t1 - t0),
               (double)nprops / (c1 - c0));
    }
    store_close(st);
    if (getenv("BENCH_KEEP")) {
        printf("kept %s\n", path);
        return 0;
    }
    {
        char wal[160], shm[160];

        snprintf(wal, sizeof(wal), "%s-wal", path);
        snprintf(shm, sizeof(shm), "%s-shm", path);
        unlink(path);
        unlink(wal);
        unlink(shm);
        rmdir(dir);
    }
    return 0;

fail:
    fprintf(stderr, "bench_store: %s\n", e.msg);
    store_close(st);
    return 1;
}
