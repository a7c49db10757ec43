/*
 * cmd_screen: `dossier screen`, stateless batch screening of a queries
 * file against official list files (the stable interface of design.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "screen/list.h"
#include "screen/screen.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MAX_LISTS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier screen --list FILE [--format F] [--list FILE "
            "...]\n"
            "                      --queries FILE [--threshold T] [--threads "
            "N]\n"
            "                      [--explain]\n"
            "\n"
            "Stateless batch screening: every query (one person or\n"
            "organisation per row) is screened against every list; alerts\n"
            "at or above the threshold (default %.2f) are printed as TSV\n"
            "with the columns row, query, list, entry_id, score,\n"
            "matched_name (row = 1-based data row of the queries file),\n"
            "best first within each query. A summary goes to stderr.\n"
            "\n"
            "Each --list is an official list file (format detected from the\n"
            "content, or given by the --format that follows it: ofac-csv,\n"
            "ofac-xml, un-xml, uk-csv, uk-xml, uk-derived, eu-xml, ca-xml,\n"
            "au-xlsx, ftm-json, ftm-delta) or a folder holding an OFAC\n"
            "sdn.csv/add.csv/alt.csv set.\n"
            "\n"
            "The queries file is TSV or CSV with a header naming the name\n"
            "column (query, name or full_name) and optionally birth_date\n"
            "(or date_of_birth), nationality, gender, passport,\n"
            "national_id. A query with a date of birth or a gender is a\n"
            "person: organisations, vessels and aircraft are not alerted\n"
            "on by name. Qualifiers: an exact passport or national id match\n"
            "is decisive; a date-of-birth or gender contradiction lowers\n"
            "the score, a nationality mismatch slightly. --explain adds a\n"
            "column saying why.\n"
            "\n"
            "examples:\n"
            "  dossier screen --list sdn/ --queries people.tsv\n"
            "  dossier screen --list consolidated.xml --list sdn.csv \\\n"
            "      --queries people.csv --threshold 0.85 > alerts.tsv\n",
            SCREEN_THRESHOLD);
}

static bool format_by_name(const char *s, enum list_format *out)
{
    for (int f = LIST_FMT_OFAC_CSV; f <= LIST_FMT_FTM_DELTA; f++) {
        if (strcmp(list_format_name((enum list_format)f), s) == 0) {
            *out = (enum list_format)f;
            return true;
        }
    }
    return false;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void add_row(struct strbuf *sb, const struct screen_qrow *r,
                    const struct screen_alert *a, bool explain)
{
    strbuf_addf(sb, "%zu\t", r->row);
    strbuf_add_tsv_field(sb, r->name);
    strbuf_addch(sb, '\t');
    strbuf_add_tsv_field(sb, a->list->source ? a->list->source : "");
    strbuf_addch(sb, '\t');
    strbuf_add_tsv_field(sb, a->entry->id);
    strbuf_addf(sb, "\t%.4f\t", a->score);
    strbuf_add_tsv_field(sb, a->matched_name ? a->matched_name : "");
    if (explain) {
        strbuf_addch(sb, '\t');
        strbuf_add_tsv_field(sb, a->explain);
    }
    strbuf_addch(sb, '\n');
}

int cmd_screen(int argc, char **argv, struct cli *cli)
{
    const char *paths[MAX_LISTS];
    enum list_format fmts[MAX_LISTS];
    struct list lists[MAX_LISTS];
    int nlists = 0, nthreads = 2, rc = CLI_FAIL;
    const char *queries = NULL;
    double threshold = SCREEN_THRESHOLD, t0, t1, t2;
    bool explain = false;
    struct screen_index *si = NULL;
    struct screen_queries qs;
    struct screen_query *q = NULL;
    struct screen_ident *ids = NULL;
    const char **qnames = NULL, **qdobs = NULL, **qnats = NULL;
    struct screen_result *res = NULL;
    struct err e = ERR_INIT;
    size_t nalerts = 0, nalerted = 0;
    struct strbuf sb = STRBUF_INIT;

    (void)cli;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;

        if (strcmp(a, "--list") == 0 && has) {
            if (nlists == MAX_LISTS)
                return cli_usage_error("screen", "at most %d lists", MAX_LISTS);
            fmts[nlists] = LIST_FMT_UNKNOWN;
            paths[nlists++] = argv[++i];
        } else if (strcmp(a, "--format") == 0 && has) {
            if (nlists == 0)
                return cli_usage_error("screen",
                                       "--format follows the --list it names");
            if (!format_by_name(argv[++i], &fmts[nlists - 1]))
                return cli_usage_error("screen", "unknown list format '%s'",
                                       argv[i]);
        } else if (strcmp(a, "--queries") == 0 && has) {
            queries = argv[++i];
        } else if (strcmp(a, "--threshold") == 0 && has) {
            char *end;

            threshold = strtod(argv[++i], &end);
            if (*end || end == argv[i] || !(threshold >= 0 && threshold <= 1))
                return cli_usage_error("screen",
                                       "threshold '%s' is not a number "
                                       "between 0 and 1",
                                       argv[i]);
        } else if (strcmp(a, "--threads") == 0 && has) {
            int64_t v = 0;
            struct err pe = ERR_INIT;

            if (parse_int64(argv[++i], &v, &pe) == ERR_OK)
                nthreads = (int)v;
            if (pe.code != ERR_OK || v < 1 || v > 64)
                return cli_usage_error("screen", "threads '%s' is not 1..64",
                                       argv[i]);
        } else if (strcmp(a, "--explain") == 0) {
            explain = true;
        } else {
            return cli_usage_error("screen",
                                   "unknown or incomplete option '%s'", a);
        }
    }
    if (nlists == 0 || !queries)
        return cli_usage_error("screen", "give --list FILE and --queries FILE");

    t0 = now_s();
    si = screen_index_new();
    for (int i = 0; i < nlists; i++) {
        enum err_code r;

        list_init(&lists[i]);
        r = fmts[i] == LIST_FMT_UNKNOWN
                ? list_load(paths[i], &lists[i], &e)
                : list_load_format(paths[i], fmts[i], &lists[i], &e);
        if (r == ERR_OK)
            r = screen_index_add(si, &lists[i], NULL, &e);
        if (r != ERR_OK) {
            for (int k = 0; k <= i; k++)
                list_release(&lists[k]);
            screen_index_free(si);
            return cli_fail(&e);
        }
    }
    screen_index_build(si);
    t1 = now_s();

    screen_queries_init(&qs);
    if (screen_queries_load(queries, &qs, &e) != ERR_OK) {
        rc = cli_fail(&e);
        goto out;
    }
    q = xcalloc(qs.nrows ? qs.nrows : 1, sizeof(*q));
    ids = xcalloc(qs.nrows ? 2 * qs.nrows : 1, sizeof(*ids));
    qnames = xcalloc(qs.nrows ? qs.nrows : 1, sizeof(*qnames));
    qdobs = xcalloc(qs.nrows ? qs.nrows : 1, sizeof(*qdobs));
    qnats = xcalloc(qs.nrows ? qs.nrows : 1, sizeof(*qnats));
    res = xcalloc(qs.nrows ? qs.nrows : 1, sizeof(*res));
    for (size_t i = 0; i < qs.nrows; i++) {
        const struct screen_qrow *r = &qs.rows[i];

        qnames[i] = r->name;
        q[i].names = &qnames[i];
        q[i].nnames = 1;
        qdobs[i] = r->birth_date;
        q[i].birth_dates = &qdobs[i];
        q[i].nbirth_dates = r->birth_date ? 1 : 0;
        qnats[i] = r->nationality;
        q[i].countries = &qnats[i];
        q[i].ncountries = r->nationality ? 1 : 0;
        q[i].gender = r->gender;
        q[i].idents = &ids[2 * i];
        if (r->passport) {
            ids[2 * i + q[i].nidents].type = "passport";
            ids[2 * i + q[i].nidents++].number = r->passport;
        }
        if (r->national_id) {
            ids[2 * i + q[i].nidents].type = "national id";
            ids[2 * i + q[i].nidents++].number = r->national_id;
        }
        q[i].person = r->birth_date || r->gender;
    }
    if (screen_batch(si, q, qs.nrows, threshold, nthreads, res, &e) != ERR_OK) {
        rc = cli_fail(&e);
        goto out;
    }
    t2 = now_s();

    strbuf_addstr(&sb, "row\tquery\tlist\tentry_id\tscore\tmatched_name");
    strbuf_addstr(&sb, explain ? "\texplain\n" : "\n");
    for (size_t i = 0; i < qs.nrows; i++) {
        for (size_t k = 0; k < res[i].nalerts; k++)
            add_row(&sb, &qs.rows[i], &res[i].alerts[k], explain);
        nalerts += res[i].nalerts;
        nalerted += res[i].nalerts > 0;
        if (sb.len > 65536) {
            fwrite(sb.buf, 1, sb.len, stdout);
            strbuf_reset(&sb);
        }
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    if (fflush(stdout) != 0) {
        err_set(&e, ERR_IO, "cannot write the alerts");
        rc = cli_fail(&e);
        goto out;
    }
    fprintf(stderr,
            "screen: %zu queries, %zu alerts on %zu queries (%.1f per "
            "1,000), %zu names in %d lists indexed in %.3f s, screened in "
            "%.3f s (%.0f queries/s, %d threads)\n",
            qs.nrows, nalerts, nalerted,
            qs.nrows ? 1000.0 * (double)nalerted / (double)qs.nrows : 0.0,
            screen_index_nnames(si), nlists, t1 - t0, t2 - t1,
            t2 > t1 ? (double)qs.nrows / (t2 - t1) : 0.0, nthreads);
    rc = CLI_OK;
out:
    if (res)
        for (size_t i = 0; i < qs.nrows; i++)
            screen_result_release(&res[i]);
    free(res);
    free(q);
    free(ids);
    free(qnames);
    free(qdobs);
    free(qnats);
    strbuf_release(&sb);
    screen_queries_release(&qs);
    screen_index_free(si);
    for (int i = 0; i < nlists; i++)
        list_release(&lists[i]);
    return rc;
}
