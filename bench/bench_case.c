/*
 * bench_case: the CLI-level budgets of issue 2, measured on real runs:
 *   - FtM import throughput (MB/s) of a synthetic FollowTheMoney file
 *     (budget >= 50 MB/s);
 *   - `dossier show` wall time on a case of 100,000 entities (<= 20 ms);
 *   - CLI start-up (`dossier version`, `dossier list Source` on that
 *     case) (<= 50 ms).
 * The dossier binary is found beside the bench directory
 * (build/bench/../dossier). Usage: bench_case [ENTITIES] (default 100000).
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "case/ftm_io.h"
#include "store/store.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes n Person entities (plus one Ownership per 10) as FtM lines. */
static long write_ftm(const char *path, long n)
{
    FILE *f = fopen(path, "w");
    long bytes = 0;

    if (!f)
        return -1;
    for (long i = 0; i < n; i++) {
        bytes += fprintf(
            f,
            "{\"id\":\"p%ld\",\"schema\":\"Person\",\"properties\":{"
            "\"name\":[\"CHAN Tai-man %ld\",\"陳大文\"],\"alias\":[\"Chen "
            "Dawen\",\"Tommy Chan\"],\"birthDate\":[\"19%02ld-%02ld-%02ld\"],"
            "\"nationality\":[\"hk\"],\"gender\":[\"male\"],\"idNumber\":"
            "[\"A%06ld\"],\"notes\":[\"Synthetic record number %ld for the "
            "import benchmark; no real person.\"],\"sourceUrl\":[\"https://"
            "example.org/record/%ld\"]}}\n",
            i, i, 40 + i % 50, 1 + i % 12, 1 + i % 28, i % 1000000, i, i);
        if (i % 10 == 9 && i > 0)
            bytes += fprintf(f,
                             "{\"id\":\"o%ld\",\"schema\":\"Ownership\","
                             "\"properties\":{\"owner\":[\"p%ld\"],\"asset\":"
                             "[\"p%ld\"],\"percentage\":[\"25\"]}}\n",
                             i, i, i - 1);
    }
    fclose(f);
    return bytes;
}

/* Runs argv (NULL-terminated) with stdout to /dev/null; wall seconds. */
static double run_cmd(const char *const argv[])
{
    double t0;
    pid_t pid;

    fflush(stdout);
    t0 = now_s();
    pid = fork();
    int status;

    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(127);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return now_s() - t0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_run(const char *const argv[], int n, double *worst)
{
    double t[64];

    *worst = 0;
    for (int i = 0; i < n; i++) {
        t[i] = run_cmd(argv);
        if (t[i] < 0)
            return -1;
        if (t[i] > *worst)
            *worst = t[i];
    }
    qsort(t, (size_t)n, sizeof(t[0]), cmp_double);
    return t[n / 2];
}

int main(int argc, char **argv)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_ftm_stats stats;
    char dir[] = "/tmp/bench_case.XXXXXX";
    char bin[4096], self[4096], ftm[256], db[256], casedir[256];
    int64_t n = 100000;
    long bytes;
    double t0, t1, med, worst;
    ssize_t len;

    if (argc > 1 && parse_int64(argv[1], &n, &e)) {
        fprintf(stderr, "bench_case: %s\n", e.msg);
        return 2;
    }
    len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (len < 0)
        return 1;
    self[len] = '\0';
    snprintf(bin, sizeof(bin), "%s/../dossier", dirname(self));
    if (access(bin, X_OK) != 0) {
        fprintf(stderr, "bench_case: no dossier binary at %s\n", bin);
        return 1;
    }
    if (!mkdtemp(dir))
        return 1;
    snprintf(ftm, sizeof(ftm), "%s/synthetic.ftm.json", dir);
    snprintf(casedir, sizeof(casedir), "%s/case", dir);
    snprintf(db, sizeof(db), "%s/case/case.db", dir);
    mkdir(casedir, 0700);

    bytes = write_ftm(ftm, (long)n);
    if (bytes < 0 || store_open(db, STORE_CREATE, &st, &e)) {
        fprintf(stderr, "bench_case: setup failed: %s\n", e.msg);
        return 1;
    }
    t0 = now_s();
    if (case_ftm_import(st, ftm, NULL, 0, NULL, &stats, &e)) {
        fprintf(stderr, "bench_case: import failed: %s\n", e.msg);
        return 1;
    }
    t1 = now_s();
    printf("ftm import: %.1f MB, %lld entities, %lld statements in %.2f s: "
           "%.1f MB/s (budget >= 50 MB/s), %.0f statements/s\n",
           (double)bytes / 1e6, (long long)stats.entities,
           (long long)stats.statements, t1 - t0,
           (double)bytes / 1e6 / (t1 - t0),
           (double)stats.statements / (t1 - t0));
    store_close(st);

    {
        const char *show[] = {bin, "-C", casedir, "show", "p50000", NULL};
        const char *show_json[] = {bin,      "-C",     casedir, "show",
                                   "p50000", "--json", NULL};
        const char *version[] = {bin, "version", NULL};
        const char *list_src[] = {bin, "-C", casedir, "list", "Source", NULL};
        char idbuf[32];

        snprintf(idbuf, sizeof(idbuf), "p%lld", (long long)(n / 2));
        show[4] = idbuf;
        show_json[4] = idbuf;
        med = median_run(show, 21, &worst);
        printf("dossier show on a case of %lld entities: median %.1f ms, "
               "worst %.1f ms (budget <= 20 ms)\n",
               (long long)(stats.entities), med * 1e3, worst * 1e3);
        med = median_run(show_json, 21, &worst);
        printf("dossier show --json: median %.1f ms, worst %.1f ms\n",
               med * 1e3, worst * 1e3);
        med = median_run(version, 21, &worst);
        printf("CLI start-up (dossier version): median %.1f ms, worst %.1f "
               "ms (budget <= 50 ms)\n",
               med * 1e3, worst * 1e3);
        med = median_run(list_src, 21, &worst);
        printf("CLI start-up on that case (dossier list Source, no "
               "matches): median %.1f ms, worst %.1f ms (budget <= 50 ms)\n",
               med * 1e3, worst * 1e3);
    }
    {
        struct strbuf rm = STRBUF_INIT;
        strbuf_addf(&rm, "rm -rf '%s'", dir);
        if (system(rm.buf) != 0)
            fprintf(stderr, "bench_case: could not remove %s\n", dir);
        strbuf_release(&rm);
    }
    return 0;
}
