/*
 * err: error codes plus a human message. The first error wins: once a
 * struct err holds a code, later err_set calls keep the original message,
 * so the root cause reaches the user. Base module: depends on nothing.
 */
#ifndef UTIL_ERR_H
#define UTIL_ERR_H

#include <stdbool.h>

enum err_code {
    ERR_OK = 0,
    ERR_NOMEM,
    ERR_IO,
    ERR_DB,
    ERR_INVALID, /* bad input data */
    ERR_NOTFOUND,
    ERR_CONFLICT, /* exists already, busy, or concurrent change */
    ERR_TOOBIG,   /* a size cap was hit */
    ERR_CRYPTO,
    ERR_AUTH,
    ERR_USAGE, /* bad command-line use: exit status 2 */
};

#define ERR_MSG_MAX 512

struct err {
    enum err_code code;
    char msg[ERR_MSG_MAX]; /* lowercase, no trailing period or newline */
};

#define ERR_INIT                                                               \
    {                                                                          \
        ERR_OK,                                                                \
        {                                                                      \
            0                                                                  \
        }                                                                      \
    }

/*
 * Records code and message unless an error is already recorded; returns
 * the code passed in, so callers can write `return err_set(e, ...)`.
 * e may be NULL (the message is then dropped).
 */
enum err_code err_set(struct err *e, enum err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the recorded message with "prefix: " (e.g. a file name). */
void err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Forgets any recorded error. */
void err_clear(struct err *e);

/* A short stable name for a code ("io", "invalid", ...). */
const char *err_code_name(enum err_code code);

#endif
