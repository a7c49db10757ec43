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
int cmd_lists(int argc, char **argv, struct cli *cli);
int cmd_match(int argc, char **argv, struct cli *cli);

#endif
