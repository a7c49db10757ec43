/*
 * unit_tmp: a temporary directory for unit tests that write files, made
 * by the group setup (setup_dir) and removed with everything in it by the
 * group teardown (teardown_dir):
 *   cmocka_run_group_tests(tests, setup_dir, teardown_dir);
 * Included by one test program each (static definitions). Honours
 * $TMPDIR.
 */
#ifndef TESTS_UNIT_UNIT_TMP_H
#define TESTS_UNIT_UNIT_TMP_H

#include <stdio.h>
#include <stdlib.h>

static char tmpdir[4096];

static int setup_dir(void **state)
{
    const char *t = getenv("TMPDIR");

    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/dossier-unit.XXXXXX",
             t && *t ? t : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    char cmd[4200];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
