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
#include "screen/screen_case.h"
#include "store/store_lists.h"
#include "case/case.h"
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

/* --- case mode: lists import / held, alerts, decide, gaps ------------- */

static void json_str(struct strbuf *sb, const char *k, const char *v,
                     bool comma)
{
    strbuf_addf(sb, "%s\"%s\":", comma ? "," : "", k);
    if (v)
        strbuf_add_json_str(sb, v);
    else
        strbuf_addstr(sb, "null");
}

static const char *change_mark(enum list_change c)
{
    return c == LIST_ADDED ? "+" : c == LIST_REMOVED ? "-" : "~";
}

static void import_text(const struct screen_import_report *r, bool all)
{
    printf("%s\n  list: %s (%s), %s, published %s, %zu entries, sha256 "
           "%.16s\n",
           r->path, r->source, r->jurisdiction[0] ? r->jurisdiction : "-",
           r->format, r->published ? r->published : "unknown", r->entries,
           r->hash);
    if (r->already_held) {
        printf("  already held (same content): nothing changed\n");
        return;
    }
    if (r->had_previous) {
        size_t shown = 0;

        printf("  changes since the version of %s: %zu added, %zu removed, "
               "%zu changed\n",
               r->previous_published ? r->previous_published : "before",
               r->diff.added, r->diff.removed, r->diff.changed);
        for (size_t i = 0; i < r->nchanges && (all || shown < 30); i++, shown++)
            printf("    %s %s %s\n", change_mark(r->changes[i].what),
                   r->changes[i].entry_id, r->changes[i].name);
        if (!all && r->nchanges > shown)
            printf("    ... %zu more (--all shows every change)\n",
                   r->nchanges - shown);
    } else {
        printf("  first version of this list in the case\n");
    }
    printf("  screened %zu persons: %zu new alerts\n", r->persons_screened,
           r->nalerts);
    for (size_t i = 0; i < r->nalerts; i++)
        printf("    alert %lld: %s ~ %s '%s' (%.2f)\n",
               (long long)r->alerts[i].alert_id, r->alerts[i].person_caption,
               r->alerts[i].entry_id, r->alerts[i].matched_name,
               r->alerts[i].score);
}

static void import_json(struct strbuf *sb, const struct screen_import_report *r)
{
    strbuf_addch(sb, '{');
    json_str(sb, "path", r->path, false);
    json_str(sb, "source", r->source, true);
    json_str(sb, "jurisdiction", r->jurisdiction, true);
    json_str(sb, "format", r->format, true);
    json_str(sb, "published", r->published, true);
    json_str(sb, "sha256", r->hash, true);
    strbuf_addf(sb, ",\"entries\":%zu,\"version\":%lld,\"already_held\":%s",
                r->entries, (long long)r->version_id,
                r->already_held ? "true" : "false");
    json_str(sb, "previous_published",
             r->had_previous ? r->previous_published : NULL, true);
    strbuf_addf(sb,
                ",\"added\":%zu,\"removed\":%zu,\"changed\":%zu,"
                "\"persons_screened\":%zu,\"changes\":[",
                r->diff.added, r->diff.removed, r->diff.changed,
                r->persons_screened);
    for (size_t i = 0; i < r->nchanges; i++) {
        strbuf_addstr(sb, i ? ",{" : "{");
        json_str(sb, "change",
                 r->changes[i].what == LIST_ADDED     ? "added"
                 : r->changes[i].what == LIST_REMOVED ? "removed"
                                                      : "changed",
                 false);
        json_str(sb, "entry_id", r->changes[i].entry_id, true);
        json_str(sb, "name", r->changes[i].name, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "],\"new_alerts\":[");
    for (size_t i = 0; i < r->nalerts; i++) {
        const struct screen_new_alert *a = &r->alerts[i];

        strbuf_addf(sb, "%s{\"alert\":%lld", i ? "," : "",
                    (long long)a->alert_id);
        json_str(sb, "person", a->person_id, true);
        json_str(sb, "person_caption", a->person_caption, true);
        json_str(sb, "entry_id", a->entry_id, true);
        json_str(sb, "matched_name", a->matched_name, true);
        strbuf_addf(sb, ",\"score\":%.4f", a->score);
        json_str(sb, "explain", a->explain, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "]}");
}

int cmd_lists_import(int argc, char **argv, struct cli *cli)
{
    bool json = false, all = false, first = true;
    int nfiles = 0, rc = CLI_OK;
    struct store *st = NULL;
    struct err e = ERR_INIT;

    if (cli_wants_help(argc, argv)) {
        fputs("usage: dossier lists import FILE... [--json] [--all]\n"
              "\n"
              "Imports official sanctions list files into the case: a copy\n"
              "of each is kept in the case folder (lists/) and the version\n"
              "is recorded (source, jurisdiction, publication date, SHA-256,\n"
              "entry count). When an older version of the same list is\n"
              "held, the entries added, removed and changed are shown.\n"
              "Every person of the case is then screened against the list\n"
              "and new alerts are listed (review them with 'dossier alerts'\n"
              "and 'dossier decide'). Each import is one transaction: a bad\n"
              "file leaves the case as it was. --all prints every change.\n"
              "\n"
              "examples:\n"
              "  dossier lists import consolidated.xml\n"
              "  dossier lists import sdn/ --json\n",
              stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("lists import", "unknown option '%s'",
                                   argv[i]);
        else
            nfiles++;
    }
    if (nfiles == 0)
        return cli_usage_error("lists import", "give at least one list file");
    if (cli_open_case(cli, false, &st, &e) != ERR_OK)
        return cli_fail(&e);
    if (json)
        fputs("[", stdout);
    for (int i = 1; i < argc; i++) {
        struct screen_import_report rep;
        struct err ie = ERR_INIT;

        if (argv[i][0] == '-' && argv[i][1])
            continue;
        screen_import_report_init(&rep);
        if (screen_case_import(st, cli->case_dir, argv[i], &rep, &ie) !=
            ERR_OK) {
            cli_fail(&ie);
            rc = CLI_FAIL;
        } else if (json) {
            struct strbuf sb = STRBUF_INIT;

            if (!first)
                strbuf_addch(&sb, ',');
            import_json(&sb, &rep);
            fputs(sb.buf, stdout);
            strbuf_release(&sb);
            first = false;
        } else {
            import_text(&rep, all);
        }
        screen_import_report_release(&rep);
    }
    if (json)
        fputs("]\n", stdout);
    store_close(st);
    return rc;
}

static int held_text_cb(const struct store_list_version *v, void *ctx)
{
    (void)ctx;
    printf("%-4lld %-16s %-4s %-12s %7lld  %-20s %.16s  %s\n", (long long)v->id,
           v->source, v->jurisdiction[0] ? v->jurisdiction : "-",
           v->published ? v->published : "unknown", (long long)v->entries,
           v->imported_at, v->file_hash, v->origin);
    return 0;
}

static int held_json_cb(const struct store_list_version *v, void *ctx)
{
    struct strbuf *sb = ctx;

    strbuf_addf(sb, "%s{\"version\":%lld", sb->len > 1 ? "," : "",
                (long long)v->id);
    json_str(sb, "source", v->source, true);
    json_str(sb, "jurisdiction", v->jurisdiction, true);
    json_str(sb, "format", v->format, true);
    json_str(sb, "published", v->published, true);
    strbuf_addf(sb, ",\"entries\":%lld", (long long)v->entries);
    json_str(sb, "imported_at", v->imported_at, true);
    json_str(sb, "author", v->author, true);
    json_str(sb, "sha256", v->file_hash, true);
    json_str(sb, "path", v->path, true);
    json_str(sb, "origin", v->origin, true);
    strbuf_addch(sb, '}');
    return 0;
}

int cmd_lists_held(int argc, char **argv, struct cli *cli)
{
    bool json = false;
    struct store *st = NULL;
    struct err e = ERR_INIT;
    enum err_code r;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else
            return cli_usage_error("lists", "unknown option '%s'", argv[i]);
    }
    if (cli_open_case(cli, true, &st, &e) != ERR_OK)
        return cli_fail(&e);
    if (json) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addch(&sb, '[');
        r = store_list_version_each(st, false, held_json_cb, &sb, &e);
        strbuf_addstr(&sb, "]\n");
        if (r == ERR_OK)
            fputs(sb.buf, stdout);
        strbuf_release(&sb);
    } else {
        printf("%-4s %-16s %-4s %-12s %7s  %-20s %-16s  %s\n", "id", "source",
               "jur", "published", "entries", "imported", "sha256", "from");
        r = store_list_version_each(st, false, held_text_cb, NULL, &e);
    }
    store_close(st);
    return r == ERR_OK ? CLI_OK : cli_fail(&e);
}

struct alerts_ctx {
    struct store *st;
    bool json, open_only;
    struct strbuf sb;
    size_t n;
};

static int alerts_cb(const struct store_alert *a, void *ctx)
{
    struct alerts_ctx *c = ctx;
    char *cap = NULL;
    struct err e = ERR_INIT;

    if (c->open_only && a->decision && strcmp(a->decision, "unsure") != 0)
        return 0;
    if (case_caption(c->st, a->person_id, &cap, &e) != ERR_OK)
        cap = xstrdup(a->person_id);
    if (c->json) {
        strbuf_addf(&c->sb, "%s{\"alert\":%lld", c->n ? "," : "",
                    (long long)a->id);
        json_str(&c->sb, "person", a->person_id, true);
        json_str(&c->sb, "person_caption", cap, true);
        json_str(&c->sb, "list", a->source, true);
        json_str(&c->sb, "jurisdiction", a->jurisdiction, true);
        strbuf_addf(&c->sb, ",\"list_version\":%lld", (long long)a->version_id);
        json_str(&c->sb, "entry_id", a->entry_id, true);
        strbuf_addf(&c->sb, ",\"score\":%.4f", a->score);
        json_str(&c->sb, "query_name", a->query_name, true);
        json_str(&c->sb, "matched_name", a->matched_name, true);
        json_str(&c->sb, "program", a->program, true);
        json_str(&c->sb, "listed", a->listed, true);
        json_str(&c->sb, "explain", a->explain, true);
        json_str(&c->sb, "created_at", a->created_at, true);
        json_str(&c->sb, "decision", a->decision, true);
        json_str(&c->sb, "reason", a->reason, true);
        json_str(&c->sb, "reviewer", a->reviewer, true);
        json_str(&c->sb, "decided_at", a->decided_at, true);
        strbuf_addch(&c->sb, '}');
    } else {
        printf("%-5lld %-10s %-12s %.2f  %s ~ '%s'  [%s]\n", (long long)a->id,
               a->source, a->entry_id, a->score, cap, a->matched_name,
               a->decision ? a->decision : "open");
        printf("      %s\n", a->explain);
        if (a->decision)
            printf("      decided by %s at %s: %s\n", a->reviewer,
                   a->decided_at, a->reason);
    }
    c->n++;
    free(cap);
    return 0;
}

int cmd_alerts(int argc, char **argv, struct cli *cli)
{
    struct alerts_ctx c;
    struct err e = ERR_INIT;
    const char *person = NULL;
    enum err_code r;

    memset(&c, 0, sizeof(c));
    strbuf_init(&c.sb, 0);
    if (cli_wants_help(argc, argv)) {
        fputs("usage: dossier alerts [--open] [--person ID] [--json]\n"
              "\n"
              "Screening alerts raised by 'dossier lists import' (a case\n"
              "person whose names, dates of birth, nationality or\n"
              "identifiers match a list entry), with the latest decision\n"
              "on each. --open shows only alerts not decided yet (or\n"
              "unsure).\n"
              "\n"
              "examples:\n"
              "  dossier alerts --open\n"
              "  dossier alerts --person ofac-29260 --json\n",
              stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            c.json = true;
        else if (strcmp(argv[i], "--open") == 0)
            c.open_only = true;
        else if (strcmp(argv[i], "--person") == 0 && i + 1 < argc)
            person = argv[++i];
        else
            return cli_usage_error("alerts", "unknown option '%s'", argv[i]);
    }
    if (cli_open_case(cli, true, &c.st, &e) != ERR_OK)
        return cli_fail(&e);
    if (c.json)
        strbuf_addch(&c.sb, '[');
    r = store_alert_each(c.st, person, alerts_cb, &c, &e);
    if (c.json) {
        strbuf_addstr(&c.sb, "]\n");
        if (r == ERR_OK)
            fputs(c.sb.buf, stdout);
    } else if (r == ERR_OK && c.n == 0) {
        printf("no alerts\n");
    }
    strbuf_release(&c.sb);
    store_close(c.st);
    return r == ERR_OK ? CLI_OK : cli_fail(&e);
}

struct decide_ctx {
    int64_t version;
    double score;
};

static int decide_alert_cb(const struct store_alert *a, void *ctx)
{
    struct decide_ctx *d = ctx;

    d->version = a->version_id;
    d->score = a->score;
    return 1;
}

int cmd_decide(int argc, char **argv, struct cli *cli)
{
    const char *decision = NULL, *reason = NULL, *by = NULL;
    int64_t alert = 0;
    struct store *st = NULL;
    struct err e = ERR_INIT;
    struct decide_ctx dc = {0, 0};
    struct store_decision d;
    int64_t id = 0;
    bool have_alert = false;

    if (cli_wants_help(argc, argv)) {
        fputs("usage: dossier decide ALERT --match|--no-match|--unsure "
              "--reason TEXT [--by NAME]\n"
              "\n"
              "Records a decision on a screening alert, with the reviewer\n"
              "(--by, else $DOSSIER_USER, else the user), the reason, and\n"
              "the list version and score of the alert. Decisions are never\n"
              "changed: a later decision supersedes an earlier one and both\n"
              "stay in the audit trail. A match counts as a designation in\n"
              "'dossier gaps'.\n"
              "\n"
              "examples:\n"
              "  dossier decide 3 --match --reason \"same HKID G142458A\"\n"
              "  dossier decide 7 --no-match --reason \"born 1988, listed "
              "person 1959\"\n",
              stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--match") == 0 || strcmp(a, "--no-match") == 0 ||
            strcmp(a, "--unsure") == 0) {
            if (decision)
                return cli_usage_error("decide", "give one decision");
            decision = a + 2;
        } else if (strcmp(a, "--reason") == 0 && i + 1 < argc) {
            reason = argv[++i];
        } else if (strcmp(a, "--by") == 0 && i + 1 < argc) {
            by = argv[++i];
        } else if (a[0] != '-' && !have_alert) {
            struct err pe = ERR_INIT;

            if (parse_int64(a, &alert, &pe) != ERR_OK || alert <= 0)
                return cli_usage_error("decide", "'%s' is not an alert number",
                                       a);
            have_alert = true;
        } else {
            return cli_usage_error("decide", "unknown option '%s'", a);
        }
    }
    if (!have_alert || !decision || !reason || !*reason)
        return cli_usage_error("decide", "give ALERT, --match, --no-match or "
                                         "--unsure, and --reason TEXT");
    if (cli_open_case(cli, false, &st, &e) != ERR_OK)
        return cli_fail(&e);
    if (store_alert_get(st, alert, decide_alert_cb, &dc, &e) != ERR_OK) {
        store_close(st);
        return cli_fail(&e);
    }
    memset(&d, 0, sizeof(d));
    d.alert_id = alert;
    d.decision = decision;
    d.reason = reason;
    d.reviewer = by;
    d.version_id = dc.version;
    d.score = dc.score;
    if (store_decision_add(st, &d, &id, &e) != ERR_OK) {
        store_close(st);
        return cli_fail(&e);
    }
    store_close(st);
    printf("alert %lld: %s (decision %lld)\n", (long long)alert, decision,
           (long long)id);
    return CLI_OK;
}

enum gaps_fmt { GAPS_TEXT, GAPS_JSON, GAPS_CSV };

struct gaps_ctx {
    enum gaps_fmt fmt;
    struct strbuf sb;
    size_t n;
};

static void cell_text(struct strbuf *sb, const struct screen_gap_cell *c)
{
    strbuf_addstr(sb, screen_gap_status_name(c->status));
    if (c->status == SCREEN_GAP_DESIGNATED || c->status == SCREEN_GAP_PENDING) {
        strbuf_addf(sb, " (%s%s%s%s%s)", c->program ? c->program : "",
                    c->date ? ", " : "", c->date ? c->date : "",
                    c->entry_id ? ", entry " : "",
                    c->entry_id ? c->entry_id : "");
    }
}

static int gaps_cb(const struct screen_gap_row *r, void *ctx)
{
    struct gaps_ctx *g = ctx;

    if (g->fmt == GAPS_JSON) {
        strbuf_addstr(&g->sb, g->n ? ",{" : "{");
        json_str(&g->sb, "person", r->person_id, false);
        json_str(&g->sb, "caption", r->caption, true);
        strbuf_addstr(&g->sb, ",\"designations\":{");
        for (int j = 0; j < SCREEN_NJUR; j++) {
            const struct screen_gap_cell *c = &r->cell[j];

            strbuf_addf(&g->sb, "%s\"%s\":{", j ? "," : "",
                        screen_jurisdictions[j]);
            json_str(&g->sb, "status", screen_gap_status_name(c->status),
                     false);
            json_str(&g->sb, "program", c->program, true);
            json_str(&g->sb, "date", c->date, true);
            json_str(&g->sb, "entry_id", c->entry_id, true);
            json_str(&g->sb, "via", c->via, true);
            strbuf_addch(&g->sb, '}');
        }
        strbuf_addstr(&g->sb, "}}");
    } else if (g->fmt == GAPS_CSV) {
        strbuf_add_csv_field(&g->sb, r->person_id);
        strbuf_addch(&g->sb, ',');
        strbuf_add_csv_field(&g->sb, r->caption);
        for (int j = 0; j < SCREEN_NJUR; j++) {
            const struct screen_gap_cell *c = &r->cell[j];

            strbuf_addch(&g->sb, ',');
            strbuf_add_csv_field(&g->sb, screen_gap_status_name(c->status));
            strbuf_addch(&g->sb, ',');
            strbuf_add_csv_field(&g->sb, c->program ? c->program : "");
            strbuf_addch(&g->sb, ',');
            strbuf_add_csv_field(&g->sb, c->date ? c->date : "");
            strbuf_addch(&g->sb, ',');
            strbuf_add_csv_field(&g->sb, c->entry_id ? c->entry_id : "");
        }
        strbuf_addstr(&g->sb, "\r\n");
    } else {
        bool any_gap = false;

        strbuf_addf(&g->sb, "%s  (%s)\n", r->caption, r->person_id);
        for (int j = 0; j < SCREEN_NJUR; j++) {
            const struct screen_gap_cell *c = &r->cell[j];

            strbuf_addf(&g->sb, "  %-15s ", screen_jurisdiction_names[j]);
            cell_text(&g->sb, c);
            if (c->via)
                strbuf_addf(&g->sb, " [%s]", c->via);
            strbuf_addch(&g->sb, '\n');
            any_gap |= c->status == SCREEN_GAP_NOT_LISTED;
        }
        if (any_gap) {
            strbuf_addstr(&g->sb, "  not yet designated by:");
            for (int j = 0; j < SCREEN_NJUR; j++)
                if (r->cell[j].status == SCREEN_GAP_NOT_LISTED)
                    strbuf_addf(&g->sb, " %s", screen_jurisdictions[j]);
            strbuf_addch(&g->sb, '\n');
        }
    }
    g->n++;
    if (g->sb.len > 65536) {
        fwrite(g->sb.buf, 1, g->sb.len, stdout);
        strbuf_reset(&g->sb);
    }
    return 0;
}

int cmd_gaps(int argc, char **argv, struct cli *cli)
{
    struct gaps_ctx g;
    struct store *st = NULL;
    struct err e = ERR_INIT;
    enum err_code r;

    memset(&g, 0, sizeof(g));
    if (cli_wants_help(argc, argv)) {
        fputs("usage: dossier gaps [--json|--csv]\n"
              "\n"
              "Cross-jurisdiction gap report: for each person of the case,\n"
              "whether the United States, United Kingdom, European Union,\n"
              "Canada, Australia and the United Nations have designated\n"
              "them (program, listing date, list entry id), from the case's\n"
              "Designation records and from screening alerts decided as a\n"
              "match; 'alert to review' when an alert is open; 'not\n"
              "designated' when that jurisdiction's list is held and does\n"
              "not name them; 'no list held' otherwise (import it with\n"
              "'dossier lists import').\n"
              "\n"
              "examples:\n"
              "  dossier gaps\n"
              "  dossier gaps --csv > gaps.csv\n",
              stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            g.fmt = GAPS_JSON;
        else if (strcmp(argv[i], "--csv") == 0)
            g.fmt = GAPS_CSV;
        else
            return cli_usage_error("gaps", "unknown option '%s'", argv[i]);
    }
    if (cli_open_case(cli, true, &st, &e) != ERR_OK)
        return cli_fail(&e);
    strbuf_init(&g.sb, 0);
    if (g.fmt == GAPS_JSON) {
        strbuf_addch(&g.sb, '[');
    } else if (g.fmt == GAPS_CSV) {
        strbuf_addstr(&g.sb, "person,caption");
        for (int j = 0; j < SCREEN_NJUR; j++)
            strbuf_addf(&g.sb, ",%s_status,%s_program,%s_date,%s_entry_id",
                        screen_jurisdictions[j], screen_jurisdictions[j],
                        screen_jurisdictions[j], screen_jurisdictions[j]);
        strbuf_addstr(&g.sb, "\r\n");
    }
    r = screen_gaps(st, gaps_cb, &g, &e);
    if (g.fmt == GAPS_JSON)
        strbuf_addstr(&g.sb, "]\n");
    if (r == ERR_OK)
        fwrite(g.sb.buf, 1, g.sb.len, stdout);
    strbuf_release(&g.sb);
    store_close(st);
    return r == ERR_OK ? CLI_OK : cli_fail(&e);
}
