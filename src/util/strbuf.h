/*
 * strbuf: a growable NUL-terminated byte buffer (git's strbuf with curl's
 * dynbuf size cap). Low-level: must not call higher-level modules.
 *
 * Invariants: buf is never NULL and buf[len] == '\0'. Ownership of buf
 * leaves only through strbuf_detach. With max > 0, no append makes len
 * exceed max: the append fails with ERR_TOOBIG and the buffer keeps its
 * previous contents (nothing is lost). Use a cap for untrusted input.
 */
#ifndef UTIL_STRBUF_H
#define UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/err.h"

struct strbuf {
    char *buf;
    size_t len;
    size_t alloc; /* bytes allocated, 0 while buf points at the slop buffer */
    size_t max;   /* cap on len, 0 = none */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                                                            \
    {                                                                          \
        strbuf_slopbuf, 0, 0, 0                                                \
    }

/* Initialises an empty buffer with the given cap (0 = none). */
void strbuf_init(struct strbuf *sb, size_t max);
/* Frees the contents and re-initialises (keeps the cap). */
void strbuf_release(struct strbuf *sb);
/* Returns the buffer as owned memory (free with free()); sb is reset. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Empties the buffer without freeing it. */
void strbuf_reset(struct strbuf *sb);
/* Truncates to len (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Appends; return ERR_OK or ERR_TOOBIG (buffer unchanged). */
enum err_code strbuf_add(struct strbuf *sb, const void *data, size_t len);
enum err_code strbuf_addstr(struct strbuf *sb, const char *s);
enum err_code strbuf_addch(struct strbuf *sb, int c);
enum err_code strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum err_code strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Appends s escaped for HTML text and attribute values. */
enum err_code strbuf_add_html(struct strbuf *sb, const char *s);
/* Appends s as one RFC 4180 CSV field (quoted when needed). */
enum err_code strbuf_add_csv_field(struct strbuf *sb, const char *s);
/* Appends s as a JSON string literal, with quotes (s must be UTF-8). */
enum err_code strbuf_add_json_str(struct strbuf *sb, const char *s);
/* Appends s for one TSV field: tabs and newlines become spaces. */
enum err_code strbuf_add_tsv_field(struct strbuf *sb, const char *s);

/* Removes leading and trailing ASCII whitespace. */
void strbuf_trim(struct strbuf *sb);

#endif
