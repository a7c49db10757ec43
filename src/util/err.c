/*
 * err: first-error-wins error reporting.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"
#include "util/banned.h"

enum err_code err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
    va_list ap;

    if (!e || e->code != ERR_OK || code == ERR_OK)
        return code;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    /* Messages are single lines: a newline would break log and CLI output. */
    for (char *p = e->msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return code;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
    char prefix[ERR_MSG_MAX];
    char joined[2 * ERR_MSG_MAX + 2];
    va_list ap;

    if (!e || e->code == ERR_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    snprintf(joined, sizeof(joined), "%s: %s", prefix, e->msg);
    memcpy(e->msg, joined, sizeof(e->msg));
    e->msg[sizeof(e->msg) - 1] = '\0';
}

void err_clear(struct err *e)
{
    if (!e)
        return;
    e->code = ERR_OK;
    e->msg[0] = '\0';
}

const char *err_code_name(enum err_code code)
{
    switch (code) {
    case ERR_OK:
        return "ok";
    case ERR_NOMEM:
        return "nomem";
    case ERR_IO:
        return "io";
    case ERR_DB:
        return "db";
    case ERR_INVALID:
        return "invalid";
    case ERR_NOTFOUND:
        return "notfound";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_TOOBIG:
        return "toobig";
    case ERR_CRYPTO:
        return "crypto";
    case ERR_AUTH:
        return "auth";
    case ERR_USAGE:
        return "usage";
    }
    return "unknown";
}
