/*
 * cmd_match: `dossier match NAME_A NAME_B [--explain] [--json]` and
 * `dossier match --pairs FILE`: scores names with the names/ engine.
 * Stable interface (evaluation scripts depend on it): see design.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "names/names.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* A row longer than this is refused (names above NAMES_MAX_BYTES in a
 * shorter row are scored 0 with a warning). */
#define PAIRS_LINE_MAX (1024 * 1024)

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier match NAME_A NAME_B [--explain] [--json] "
            "[--threshold T]\n"
            "       dossier match --pairs FILE [--threshold T]\n"
            "\n"
            "Scores how likely two names name the same person or body "
            "(0..1) and\nprints 'match' or 'nomatch' (threshold %.2f). "
            "Chinese characters,\nCantonese and Mandarin romanisations, "
            "English first names and other\nscripts are compared; "
            "--explain shows every part.\n"
            "\n"
            "--pairs FILE reads a TSV file whose header names the columns "
            "name_a and\nname_b (other columns are ignored; '-' is stdin) "
            "and writes TSV with\nthe columns name_a, name_b, score, "
            "decision, one row per input row.\n"
            "\n"
            "examples:\n"
            "  dossier match '李家超' 'LEE Ka-chiu'\n"
            "  dossier match 'CHAN Tai-man' 'Chen Dawen' --explain\n"
            "  dossier match 'Carrie LAM CHENG Yuet-ngor' '林鄭月娥' --json\n"
            "  dossier match --pairs pairs.tsv > scored.tsv\n",
            NAMES_THRESHOLD);
}

static void print_json(const char *a, const char *b, double score, double thr,
                       const struct names_explain *ex)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, "{\"name_a\":");
    strbuf_add_json_str(&sb, a);
    strbuf_addstr(&sb, ",\"name_b\":");
    strbuf_add_json_str(&sb, b);
    strbuf_addf(&sb, ",\"score\":%.3f,\"decision\":\"%s\",\"threshold\":%.2f",
                score, score >= thr ? "match" : "nomatch", thr);
    strbuf_addstr(&sb, ",\"summary\":");
    strbuf_add_json_str(&sb, ex->summary ? ex->summary : "");
    strbuf_addstr(&sb, ",\"parts\":[");
    for (int i = 0; i < ex->nparts; i++) {
        const struct names_explain_part *p = &ex->part[i];
        if (i)
            strbuf_addch(&sb, ',');
        strbuf_addstr(&sb, "{\"role\":");
        strbuf_add_json_str(&sb, p->role);
        strbuf_addstr(&sb, ",\"a\":");
        strbuf_add_json_str(&sb, p->a);
        strbuf_addstr(&sb, ",\"b\":");
        strbuf_add_json_str(&sb, p->b);
        strbuf_addf(&sb, ",\"score\":%.3f,\"how\":", p->score);
        strbuf_add_json_str(&sb, p->how);
        strbuf_addch(&sb, '}');
    }
    strbuf_addstr(&sb, "]}\n");
    fputs(sb.buf, stdout);
    strbuf_release(&sb);
}

static void print_explain(double score, double thr,
                          const struct names_explain *ex)
{
    printf("%.3f %s\n", score, score >= thr ? "match" : "nomatch");
    printf("  %s\n", ex->summary ? ex->summary : "");
    for (int i = 0; i < ex->nparts; i++) {
        const struct names_explain_part *p = &ex->part[i];
        printf("  %-8s %-16s %-16s %.2f  %s\n", p->role, p->a[0] ? p->a : "-",
               p->b[0] ? p->b : "-", p->score, p->how);
    }
}

static int run_pairs(const char *path, double thr)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    struct strbuf out = STRBUF_INIT;
    struct err e = ERR_INIT;
    int col_a, col_b, rc = CLI_OK;
    long lineno = 1;

    if (!f) {
        fprintf(stderr, "dossier match: cannot open '%s': %s\n", path,
                strerror(errno));
        return CLI_FAIL;
    }
    if (getline(&line, &cap, f) < 0) {
        fprintf(stderr, "dossier match: '%s' is empty (needs a header)\n",
                path);
        rc = CLI_FAIL;
        goto out;
    }
    if (names_pairs_header(line, &col_a, &col_b, &e)) {
        fprintf(stderr, "dossier match: %s: %s\n", path, e.msg);
        rc = CLI_FAIL;
        goto out;
    }
    fputs("name_a\tname_b\tscore\tdecision\n", stdout);
    while ((len = getline(&line, &cap, f)) >= 0) {
        const char *a, *b;
        struct names_parsed pa, pb;
        enum err_code ra, rb;
        double s;
        lineno++;
        if (line[0] == '\n' || (line[0] == '\r' && line[1] == '\n'))
            continue;
        if (len > PAIRS_LINE_MAX) {
            fprintf(stderr, "dossier match: %s:%ld: line too long\n", path,
                    lineno);
            rc = CLI_FAIL;
            goto out;
        }
        err_clear(&e);
        if (names_pairs_fields(line, col_a, col_b, &a, &b, &e)) {
            fprintf(stderr, "dossier match: %s:%ld: %s\n", path, lineno, e.msg);
            rc = CLI_FAIL;
            goto out;
        }
        err_clear(&e);
        ra = names_parse(a, &pa, &e);
        rb = names_parse(b, &pb, &e);
        if (ra || rb)
            fprintf(stderr, "dossier match: %s:%ld: %s (scored 0)\n", path,
                    lineno, e.msg);
        s = names_score(&pa, &pb, NULL);
        strbuf_reset(&out);
        strbuf_add_tsv_field(&out, a);
        strbuf_addch(&out, '\t');
        strbuf_add_tsv_field(&out, b);
        strbuf_addf(&out, "\t%.3f\t%s\n", s, s >= thr ? "match" : "nomatch");
        fputs(out.buf, stdout);
    }
    if (ferror(f)) {
        fprintf(stderr, "dossier match: cannot read '%s'\n", path);
        rc = CLI_FAIL;
    }
out:
    strbuf_release(&out);
    free(line);
    if (f != stdin)
        fclose(f);
    if (fflush(stdout) != 0)
        rc = CLI_FAIL;
    return rc;
}

int cmd_match(int argc, char **argv, struct cli *cli)
{
    const char *names[2] = {NULL, NULL}, *pairs = NULL;
    bool explain = false, json = false;
    double thr = NAMES_THRESHOLD;
    int nn = 0;
    struct names_explain ex;
    struct names_parsed pa, pb;
    struct err e = ERR_INIT;
    double s;

    (void)cli;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--explain") == 0) {
            explain = true;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--pairs") == 0) {
            if (++i >= argc)
                return cli_usage_error("match", "--pairs needs a file");
            pairs = argv[i];
        } else if (strcmp(argv[i], "--threshold") == 0) {
            if (++i >= argc || parse_double(argv[i], &thr, &e) || thr < 0 ||
                thr > 1)
                return cli_usage_error("match",
                                       "--threshold needs a number 0..1");
        } else if (strcmp(argv[i], "--") == 0) {
            for (i++; i < argc; i++) {
                if (nn >= 2)
                    return cli_usage_error("match", "too many names");
                names[nn++] = argv[i];
            }
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            return cli_usage_error("match", "unknown option '%s'", argv[i]);
        } else {
            if (nn >= 2)
                return cli_usage_error("match", "too many names");
            names[nn++] = argv[i];
        }
    }
    if (pairs) {
        if (nn)
            return cli_usage_error("match", "give names or --pairs, not both");
        return run_pairs(pairs, thr);
    }
    if (nn != 2)
        return cli_usage_error("match", "needs two names (or --pairs FILE)");
    if (names_parse(names[0], &pa, &e) || names_parse(names[1], &pb, &e))
        return cli_fail(&e);
    s = names_score(&pa, &pb, &ex);
    if (json)
        print_json(names[0], names[1], s, thr, &ex);
    else if (explain)
        print_explain(s, thr, &ex);
    else
        printf("%.3f %s\n", s, s >= thr ? "match" : "nomatch");
    return CLI_OK;
}
