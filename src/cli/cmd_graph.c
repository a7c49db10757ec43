/*
 * cmd_graph: `dossier graph ENTITY` draws the network around a person or
 * the command chain of a unit as SVG, PNG, DOT or GraphML.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "graph/graph.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/banned.h"

enum { OPT_DEPTH = 1000, OPT_FORMAT, OPT_OUT, OPT_ON };

/* Writes data to path through path.tmp + fsync + rename. */
static enum err_code write_file(const char *path, const struct strbuf *data,
                                struct err *e)
{
    struct strbuf tmp = STRBUF_INIT;
    FILE *f;
    enum err_code rc = ERR_OK;

    strbuf_addf(&tmp, "%s.tmp", path);
    f = fopen(tmp.buf, "wb");
    if (!f) {
        rc = err_set(e, ERR_IO, "cannot create '%s': %s", tmp.buf,
                     strerror(errno));
        goto out;
    }
    if (fwrite(data->buf, 1, data->len, f) != data->len || fflush(f) != 0 ||
        fsync(fileno(f)) != 0) {
        rc = err_set(e, ERR_IO, "cannot write '%s': %s", tmp.buf,
                     strerror(errno));
        fclose(f);
        remove(tmp.buf);
        goto out;
    }
    if (fclose(f) != 0 || rename(tmp.buf, path) != 0) {
        rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
        remove(tmp.buf);
    }
out:
    strbuf_release(&tmp);
    return rc;
}

/* The date of `dossier graph UNIT --on DATE` (NULL: the whole network). */
static const char *chain_date;

enum err_code cli_graph_make(struct store *st, const char *root, int depth,
                             const char *format, struct strbuf *out,
                             size_t *withheld, struct err *e)
{
    struct graph_net *n = NULL;
    struct strbuf dot = STRBUF_INIT;
    enum err_code rc;

    if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0 &&
        strcmp(format, "dot") != 0 && strcmp(format, "graphml") != 0)
        return err_set(e, ERR_USAGE,
                       "unknown format '%s' (known: svg, png, dot, graphml)",
                       format);
    if (chain_date)
        rc = graph_net_chain(st, root, chain_date, &n, e);
    else
        rc = graph_net_build(st, root, depth, &n, e);
    if (rc)
        return rc;
    if (withheld)
        *withheld = n->withheld;
    if (strcmp(format, "graphml") == 0) {
        rc = graph_net_graphml(n, out);
    } else {
        rc = graph_net_dot(n, &dot);
        if (!rc && strcmp(format, "dot") == 0)
            rc = strbuf_add(out, dot.buf, dot.len);
        else if (!rc)
            rc = graph_render(dot.buf, dot.len, format, out, e);
    }
    if (rc)
        err_set(e, rc, "cannot draw '%s'", root);
    strbuf_release(&dot);
    graph_net_free(n);
    return rc;
}

enum err_code cli_graph_write(struct store *st, const char *root, int depth,
                              const char *format, const char *path,
                              struct err *e)
{
    struct strbuf out = STRBUF_INIT;
    enum err_code rc = cli_graph_make(st, root, depth, format, &out, NULL, e);

    if (!rc)
        rc = write_file(path, &out, e);
    strbuf_release(&out);
    return rc;
}

static const char graph_usage[] =
    "usage: dossier graph ENTITY [--depth N | --on DATE] [--format FMT]\n"
    "                            [--out FILE]\n"
    "\n"
    "Draws the network around an entity: for a person, the companies,\n"
    "property, family, posts and incidents linked to them; for a unit, its\n"
    "command chain, posts and their holders. Labels show names in both\n"
    "scripts, the kind of record and its confidence (solid line confirmed,\n"
    "dashed probable, dotted possible); FICTIONAL records say so. Victims\n"
    "and informants never appear, nor any protected value.\n"
    "\n"
    "options:\n"
    "  --depth N     hops from ENTITY (0..10, default 2)\n"
    "  --on DATE     for a unit: its chain of command on DATE (as 'dossier\n"
    "                chain'), with who held each command post that day\n"
    "  --format FMT  svg (default), png, dot (Graphviz source) or graphml\n"
    "                (opens in Gephi or yEd)\n"
    "  --out FILE    write to FILE (else stdout)\n"
    "\n"
    "examples:\n"
    "  dossier graph PERSON_ID --out person.svg\n"
    "  dossier graph UNIT_ID --depth 3 --format png --out chain.png\n"
    "  dossier graph UNIT_ID --on 2019-11-18 --out chain-2019-11-18.svg\n"
    "  dossier graph PERSON_ID --format graphml --out person.graphml\n";

int cmd_graph(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"out", required_argument, NULL, OPT_OUT},
        {"on", required_argument, NULL, OPT_ON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct strbuf out = STRBUF_INIT;
    const char *format = "svg", *path = NULL;
    int64_t depth = 2;
    size_t withheld = 0;
    int c, rc = CLI_OK;

    optind = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DEPTH:
            if (parse_int64(optarg, &depth, &e) || depth < 0 || depth > 10)
                return cli_usage_error("graph", "--depth needs 0..10");
            break;
        case OPT_FORMAT:
            format = optarg;
            break;
        case OPT_OUT:
        case 'o':
            path = optarg;
            break;
        case OPT_ON:
            chain_date = optarg;
            break;
        case 'h':
            fputs(graph_usage, stdout);
            return CLI_OK;
        default:
            return cli_usage_error("graph", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("graph", "expected one ENTITY id");
    if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0 &&
        strcmp(format, "dot") != 0 && strcmp(format, "graphml") != 0)
        return cli_usage_error(
            "graph", "unknown format '%s' (known: svg, png, dot, graphml)",
            format);
    if (!path && strcmp(format, "png") == 0 && isatty(STDOUT_FILENO))
        return cli_usage_error("graph", "PNG is binary: use --out FILE");
    if (cli_open_case(cli, true, &st, &e))
        return cli_fail(&e);
    if (cli_graph_make(st, argv[optind], (int)depth, format, &out, &withheld,
                       &e)) {
        rc = cli_fail(&e);
        goto out;
    }
    if (path) {
        if (write_file(path, &out, &e)) {
            rc = cli_fail(&e);
            goto out;
        }
        fprintf(stderr, "wrote %s (%zu bytes)\n", path, out.len);
    } else if (fwrite(out.buf, 1, out.len, stdout) != out.len) {
        err_set(&e, ERR_IO, "cannot write output: %s", strerror(errno));
        rc = cli_fail(&e);
        goto out;
    }
    if (withheld)
        fprintf(stderr, "%zu protected record(s) left out of the picture\n",
                withheld);
out:
    strbuf_release(&out);
    store_close(st);
    return rc;
}

/* Pictures written into the demo case's exports/ folder. */
static const struct {
    const char *root;
    int depth;
    const char *format;
    const char *file;
    const char *on; /* a chain on this date, or NULL */
} demo_pictures[] = {
    {"demo-officer-chan-tai-man", 3, "svg", "network-chan-tai-man.svg", NULL},
    {"demo-officer-chan-tai-man", 3, "png", "network-chan-tai-man.png", NULL},
    {"demo-officer-chan-tai-man", 3, "graphml", "network-chan-tai-man.graphml",
     NULL},
    {"demo-officer-chan-tai-man", 3, "dot", "network-chan-tai-man.dot", NULL},
    {"demo-unit-tactical-company-7", 3, "svg", "chain-tactical-company-7.svg",
     NULL},
    {"demo-unit-tactical-company-7", 0, "svg",
     "chain-tactical-company-7-2019-11-18.svg", "2019-11-18"},
};

enum err_code cli_graph_demo(struct store *st, const char *dir, struct err *e)
{
    struct strbuf path = STRBUF_INIT;
    enum err_code rc = graph_demo_extend(st, NULL, e);

    for (size_t i = 0;
         !rc && i < sizeof(demo_pictures) / sizeof(demo_pictures[0]); i++) {
        strbuf_reset(&path);
        strbuf_addf(&path, "%s/exports/%s", dir, demo_pictures[i].file);
        chain_date = demo_pictures[i].on;
        rc = cli_graph_write(st, demo_pictures[i].root, demo_pictures[i].depth,
                             demo_pictures[i].format, path.buf, e);
    }
    chain_date = NULL;
    strbuf_release(&path);
    return rc;
}

void cli_graph_demo_tour(const char *dir)
{
    printf("\nAssets, ties and pictures (FICTIONAL):\n"
           "  dossier -C %s holdings %s --via-ownership\n"
           "  dossier -C %s ties %s --country gb\n"
           "  dossier -C %s graph %s --format png --out chan.png\n"
           "  pictures: %s/exports/network-chan-tai-man.{svg,png,graphml,dot}"
           ", %s/exports/chain-tactical-company-7{,-2019-11-18}.svg\n",
           dir, "demo-officer-chan-tai-man", dir, "demo-officer-chan-tai-man",
           dir, "demo-officer-chan-tai-man", dir, dir);
}
