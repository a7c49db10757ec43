/*
 * parse: strict number parsing.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "util/parse.h"
#include "util/banned.h"

enum err_code parse_int64(const char *s, int64_t *out, struct err *e)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (!*s || *end || errno)
        return err_set(e, ERR_INVALID, "not an integer: '%s'", s);
    *out = v;
    return ERR_OK;
}

enum err_code parse_double(const char *s, double *out, struct err *e)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v))
        return err_set(e, ERR_INVALID, "not a number: '%s'", s);
    *out = v;
    return ERR_OK;
}
