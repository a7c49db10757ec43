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
int cmd_screen(int argc, char **argv, struct cli *cli);

/*
 * Creates a case folder (case.db, keys, vault, exports); ERR_CONFLICT if
 * dir already holds a case. Defined in cmd_init.c; used by init and demo.
 */
enum err_code cli_case_create(const char *dir, const char *title,
                              struct err *e);

#endif
