/*
 * cli: shared plumbing for the `dossier` commands: the command table
 * entry type, case selection (-C DIR, $DOSSIER_CASE, current folder),
 * error printing and exit codes. Commands live in cmd_<name>.c, one
 * function cmd_<name>() each, registered in main.c's table.
 *
 * Exit codes: 0 ok, 1 failure, 2 usage error.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "util/err.h"

struct store;

enum cli_exit {
    CLI_OK = 0,
    CLI_FAIL = 1,
    CLI_USAGE = 2,
};

struct cli {
    const char *case_dir; /* resolved case folder (borrowed) */
    const char *prog;     /* "dossier" */
};

/* A command gets argv with argv[0] = its own name; returns an exit code. */
struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv, struct cli *cli);
    const char *summary; /* one line for `dossier --help` */
};

/*
 * Opens the selected case's database (case_dir/case.db). A folder that is
 * not a case gets a clear message naming it and how to create one.
 * On success *out is owned by the caller (free with store_close).
 */
enum err_code cli_open_case(struct cli *cli, bool readonly, struct store **out,
                            struct err *e);

/* Path of a file inside the case folder (owned; free()). */
char *cli_case_path(const struct cli *cli, const char *rel);

/*
 * Prints "dossier: error: MSG" to stderr and returns the exit code for
 * e: CLI_USAGE for ERR_USAGE, CLI_FAIL otherwise.
 */
int cli_fail(const struct err *e);

/*
 * Prints "dossier CMD: MSG" plus a pointer to --help, returns CLI_USAGE.
 */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True when argv holds -h or --help before any "--". */
bool cli_wants_help(int argc, char **argv);

/* True when stderr is a terminal (progress output is shown only then). */
bool cli_progress_enabled(void);

#endif
