/*
 * cmd: the command functions, one per cmd_<name>.c, registered in main.c.
 * Each parses its own options, prints --help with examples, and returns
 * an exit code (cli.h).
 */
#ifndef CLI_CMD_H
#define CLI_CMD_H

#include "cli/cli.h"

int cmd_version(int argc, char **argv, struct cli *cli);
int cmd_evidence(int argc, char **argv, struct cli *cli);
int cmd_verify_bundle(int argc, char **argv, struct cli *cli);
int cmd_passwd(int argc, char **argv, struct cli *cli);
int cmd_init(int argc, char **argv, struct cli *cli);
int cmd_add(int argc, char **argv, struct cli *cli);
int cmd_set(int argc, char **argv, struct cli *cli);
int cmd_link(int argc, char **argv, struct cli *cli);
int cmd_retract(int argc, char **argv, struct cli *cli);
int cmd_release(int argc, char **argv, struct cli *cli);
int cmd_show(int argc, char **argv, struct cli *cli);
int cmd_list(int argc, char **argv, struct cli *cli);
int cmd_schema(int argc, char **argv, struct cli *cli);
int cmd_import(int argc, char **argv, struct cli *cli);
int cmd_export(int argc, char **argv, struct cli *cli);
int cmd_holders(int argc, char **argv, struct cli *cli);
int cmd_chain(int argc, char **argv, struct cli *cli);
int cmd_demo(int argc, char **argv, struct cli *cli);
int cmd_history(int argc, char **argv, struct cli *cli);
int cmd_log(int argc, char **argv, struct cli *cli);
int cmd_search(int argc, char **argv, struct cli *cli);
int cmd_lists(int argc, char **argv, struct cli *cli);
int cmd_match(int argc, char **argv, struct cli *cli);
int cmd_check(int argc, char **argv, struct cli *cli);
int cmd_build(int argc, char **argv, struct cli *cli);
int cmd_holdings(int argc, char **argv, struct cli *cli);
int cmd_ties(int argc, char **argv, struct cli *cli);
int cmd_graph(int argc, char **argv, struct cli *cli);
int cmd_screen(int argc, char **argv, struct cli *cli);
int cmd_alerts(int argc, char **argv, struct cli *cli);
int cmd_decide(int argc, char **argv, struct cli *cli);
int cmd_gaps(int argc, char **argv, struct cli *cli);
/* `dossier lists import` and `dossier lists` (versions held), cmd_screen.c */
int cmd_lists_import(int argc, char **argv, struct cli *cli);
int cmd_lists_held(int argc, char **argv, struct cli *cli);

/*
 * Creates a case folder (case.db, keys, vault, exports); ERR_CONFLICT if
 * dir already holds a case. Defined in cmd_init.c; used by init and demo.
 */
enum err_code cli_case_create(const char *dir, const char *title,
                              struct err *e);

/*
 * The picture of the network around root (graph/graph.h) in format svg,
 * png, dot or graphml, appended to out (cli_graph_make; *withheld, may be
 * NULL, gets the number of protected records left out) or written to
 * path via a temporary file (cli_graph_write). Defined in cmd_graph.c;
 * used by graph and demo.
 */
struct strbuf;
enum err_code cli_graph_make(struct store *st, const char *root, int depth,
                             const char *format, struct strbuf *out,
                             size_t *withheld, struct err *e);
enum err_code cli_graph_write(struct store *st, const char *root, int depth,
                              const char *format, const char *path,
                              struct err *e);
/*
 * The demo's fictional assets (graph_demo_extend) and its pictures in
 * DIR/exports/; the tour lines that point at them. In cmd_graph.c.
 */
enum err_code cli_graph_demo(struct store *st, const char *dir, struct err *e);
void cli_graph_demo_tour(const char *dir);

/*
 * `dossier import FILE --format bods|ch-psc|ch-basic|hk-companies`
 * (registry/registry.h); cmd_import hands over when --format is not ftm.
 * In cmd_registry.c.
 */
int cli_import_registry(int argc, char **argv, struct cli *cli);

#endif
