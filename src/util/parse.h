/*
 * parse: strict number parsing (replaces atoi and friends).
 */
#ifndef UTIL_PARSE_H
#define UTIL_PARSE_H

#include <stdint.h>

#include "util/err.h"

/* Whole-string decimal integer; ERR_INVALID on junk or overflow. */
enum err_code parse_int64(const char *s, int64_t *out, struct err *e);
/* Whole-string decimal number (e.g. "0.85"); ERR_INVALID on junk. */
enum err_code parse_double(const char *s, double *out, struct err *e);

#endif
