/*
 * bench_lists: list import speed and memory. Loads each list file several
 * times and prints the best and median wall time, entries, names and the
 * process's peak RSS. The budget (design.md) is the full OFAC SDN CSV set
 * parsed and indexed in <= 0.5 s; the names index does not exist yet, so
 * the figure here is parse + id index only. Reads the committed copies in
 * tests/data/lists/ (run from the repository root, as `make bench` does);
 * a missing file is skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "screen/list.h"

#define RUNS 7

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static void bench(const char *path)
{
    double t[RUNS];
    size_t entries = 0, names = 0;
    struct stat st;

    if (stat(path, &st) != 0) {
        printf("%-52s skipped (not found)\n", path);
        return;
    }
    for (int i = 0; i < RUNS; i++) {
        struct list l;
        struct err e = ERR_INIT;
        double t0 = now();

        list_init(&l);
        if (list_load(path, &l, &e) != ERR_OK) {
            printf("%-52s error: %s\n", path, e.msg);
            list_release(&l);
            return;
        }
        t[i] = now() - t0;
        entries = l.nentries;
        names = list_count_names(&l);
        list_release(&l);
    }
    qsort(t, RUNS, sizeof(t[0]), cmp_double);
    printf("%-52s %6zu entries %6zu names  best %7.1f ms  median %7.1f ms\n",
           path, entries, names, t[0] * 1e3, t[RUNS / 2] * 1e3);
}

int main(void)
{
    static const char *const files[] = {
        "tests/data/lists/ofac/sdn-2021-07",
        "tests/data/lists/ofac/sdn-2024-05-03.csv",
        "tests/data/lists/ofac/consolidated-2025-12",
        "tests/data/lists/un/consolidated-2026-02-27.xml",
        "tests/data/lists/au/regulation8_consolidated-2024-11.xlsx",
        "tests/data/lists/ca/sema-lmes-2020-04.xml",
        "tests/data/lists/uk/derived-2026-04",
    };
    struct rusage ru;

    printf("list import (parse + id index; %d runs each)\n", RUNS);
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        bench(files[i]);
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MiB (whole run: one list loaded at a time)\n",
           (double)ru.ru_maxrss / 1024.0);
    return 0;
}
