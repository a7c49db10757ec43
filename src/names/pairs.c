/*
 * pairs: the two-column reading of a TSV pairs file (`dossier match
 * --pairs`): find the name_a/name_b columns in the header, split rows.
 * Works on one line at a time held by the caller; pure.
 */
#include <string.h>

#include "names/names.h"
#include "util/banned.h"

#define PAIRS_MAX_COLS 64

static int split_tabs(char *line, char **cols, int max)
{
    int n = 0;
    char *p = line;
    size_t len = strlen(line);

    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    cols[n++] = p;
    while (*p && n < max) {
        if (*p == '\t') {
            *p = '\0';
            cols[n++] = p + 1;
        }
        p++;
    }
    return n;
}

enum err_code names_pairs_header(char *line, int *col_a, int *col_b,
                                 struct err *e)
{
    char *cols[PAIRS_MAX_COLS];
    int n = split_tabs(line, cols, PAIRS_MAX_COLS);

    *col_a = *col_b = -1;
    for (int i = 0; i < n; i++) {
        const char *c = cols[i];
        if (i == 0 && strncmp(c, "\xef\xbb\xbf", 3) == 0)
            c += 3; /* UTF-8 byte order mark */
        if (strcmp(c, "name_a") == 0 && *col_a < 0)
            *col_a = i;
        else if (strcmp(c, "name_b") == 0 && *col_b < 0)
            *col_b = i;
    }
    if (*col_a < 0 || *col_b < 0)
        return err_set(e, ERR_INVALID,
                       "header must name columns 'name_a' and 'name_b'");
    return ERR_OK;
}

enum err_code names_pairs_fields(char *line, int col_a, int col_b,
                                 const char **a, const char **b, struct err *e)
{
    char *cols[PAIRS_MAX_COLS];
    int n = split_tabs(line, cols, PAIRS_MAX_COLS);

    if (col_a < 0 || col_b < 0 || col_a >= n || col_b >= n)
        return err_set(e, ERR_INVALID, "row has %d columns, needs %d", n,
                       (col_a > col_b ? col_a : col_b) + 1);
    *a = cols[col_a];
    *b = cols[col_b];
    return ERR_OK;
}
