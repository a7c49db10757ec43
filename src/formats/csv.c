/*
 * csv: streaming RFC 4180 reader. One pass over the bytes with a small
 * state machine; the current row's fields live NUL-separated in one
 * growable buffer that is capped by csv_limits.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define CSV_CHUNK 65536

enum csv_state {
    ST_FIELD_START,
    ST_UNQUOTED,
    ST_QUOTED,
    ST_QUOTE_IN_QUOTED,
    ST_CR,
};

struct csv_reader {
    FILE *fp;                 /* NULL for memory input */
    char *name;               /* owned copy of the name for messages */
    const unsigned char *mem; /* memory input (borrowed) */
    size_t memlen;
    unsigned char *chunk;         /* file input buffer */
    const unsigned char *p, *end; /* unread bytes */
    bool eof;
    bool started; /* BOM check done */
    struct csv_limits lim;
    char *row;     /* fields, each NUL-terminated */
    size_t rowlen; /* bytes used in row */
    size_t rowcap;
    size_t *starts; /* offset of each field in row */
    size_t nfields;
    size_t fieldcap;
    size_t field_start; /* offset where the open field began */
    size_t line;        /* current line (1-based) */
    size_t row_line;    /* line the current row started on */
    bool any_bytes;     /* skip the UTF-8 check */
};

static void init_common(struct csv_reader *r, const char *name,
                        const struct csv_limits *limits)
{
    static const struct csv_limits def = CSV_LIMITS_DEFAULT;

    r->name = xstrdup(name ? name : "(memory)");
    r->lim = limits ? *limits : def;
    r->line = 1;
    r->rowcap = 256;
    r->row = xmalloc(r->rowcap);
    r->fieldcap = 16;
    r->starts = xmalloc(r->fieldcap * sizeof(*r->starts));
}

enum err_code csv_open_file(const char *path, const struct csv_limits *limits,
                            struct csv_reader **out, struct err *e)
{
    struct csv_reader *r;
    FILE *fp = fopen(path, "rb");

    *out = NULL;
    if (!fp)
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    r = xcalloc(1, sizeof(*r));
    r->fp = fp;
    r->chunk = xmalloc(CSV_CHUNK);
    r->p = r->end = r->chunk;
    init_common(r, path, limits);
    *out = r;
    return ERR_OK;
}

enum err_code csv_open_mem(const void *data, size_t len, const char *name,
                           const struct csv_limits *limits,
                           struct csv_reader **out, struct err *e)
{
    struct csv_reader *r = xcalloc(1, sizeof(*r));

    (void)e;
    r->mem = data;
    r->memlen = len;
    r->p = data;
    r->end = r->p + len;
    r->eof = true;
    init_common(r, name, limits);
    *out = r;
    return ERR_OK;
}

void csv_free(struct csv_reader *r)
{
    if (!r)
        return;
    if (r->fp)
        fclose(r->fp);
    free(r->chunk);
    free(r->row);
    free(r->starts);
    free(r->name);
    free(r);
}

/* Refills the chunk; returns false at end of input. */
static bool refill(struct csv_reader *r, struct err *e, enum err_code *rc)
{
    size_t n;

    if (r->eof)
        return false;
    n = fread(r->chunk, 1, CSV_CHUNK, r->fp);
    if (n == 0) {
        if (ferror(r->fp))
            *rc = err_set(e, ERR_IO, "cannot read '%s'", r->name);
        r->eof = true;
        return false;
    }
    r->p = r->chunk;
    r->end = r->chunk + n;
    return true;
}

static enum err_code too_big(struct csv_reader *r, const char *what,
                             struct err *e)
{
    return err_set(e, ERR_TOOBIG, "%s:%zu: %s too large", r->name, r->line,
                   what);
}

static enum err_code put(struct csv_reader *r, unsigned char c, struct err *e)
{
    if (r->rowlen - r->field_start >= r->lim.max_field)
        return too_big(r, "field", e);
    if (r->rowlen + 2 > r->lim.max_row)
        return too_big(r, "row", e);
    if (r->rowlen + 2 > r->rowcap) {
        r->rowcap *= 2;
        r->row = xrealloc(r->row, r->rowcap);
    }
    r->row[r->rowlen++] = (char)c;
    return ERR_OK;
}

static enum err_code end_field(struct csv_reader *r, struct err *e)
{
    if (r->nfields >= r->lim.max_fields)
        return too_big(r, "field count", e);
    if (r->rowlen + 1 > r->lim.max_row)
        return too_big(r, "row", e);
    if (r->rowlen + 1 > r->rowcap) {
        r->rowcap *= 2;
        r->row = xrealloc(r->row, r->rowcap);
    }
    r->row[r->rowlen++] = '\0';
    ALLOC_GROW(r->starts, r->nfields + 1, r->fieldcap);
    r->starts[r->nfields++] = r->field_start;
    r->field_start = r->rowlen;
    return ERR_OK;
}

static enum err_code check_utf8(struct csv_reader *r, struct err *e);

enum err_code csv_next(struct csv_reader *r, bool *got, struct err *e)
{
    enum csv_state st = ST_FIELD_START;
    enum err_code rc = ERR_OK;
    bool any = false; /* consumed something besides the line end */

    *got = false;
    r->rowlen = 0;
    r->nfields = 0;
    r->field_start = 0;
    r->row_line = r->line;
    for (;;) {
        unsigned char c;

        if (r->p == r->end && !refill(r, e, &rc)) {
            if (rc)
                return rc;
            break;
        }
        if (!r->started) {
            r->started = true;
            if (r->end - r->p >= 3 && memcmp(r->p, "\xEF\xBB\xBF", 3) == 0) {
                r->p += 3;
                continue;
            }
        }
        c = *r->p++;
        switch (st) {
        case ST_CR:
            if (c != '\n')
                r->p--; /* a bare CR ends the row; reread c */
            else
                r->line++;
            goto row_done;
        case ST_FIELD_START:
            if (c == '"') {
                st = ST_QUOTED;
                any = true;
                continue;
            }
            if (c == 0x1A && !any && r->nfields == 0)
                continue; /* DOS end-of-file marker */
            __attribute__((fallthrough));
        case ST_UNQUOTED:
            if (c == ',') {
                any = true;
                rc = end_field(r, e);
                st = ST_FIELD_START;
            } else if (c == '\r') {
                st = ST_CR;
            } else if (c == '\n') {
                r->line++;
                goto row_done;
            } else {
                any = true;
                rc = put(r, c, e);
                st = ST_UNQUOTED;
            }
            break;
        case ST_QUOTED:
            if (c == '"') {
                st = ST_QUOTE_IN_QUOTED;
            } else {
                if (c == '\n')
                    r->line++;
                rc = put(r, c, e);
            }
            break;
        case ST_QUOTE_IN_QUOTED:
            if (c == '"') {
                rc = put(r, c, e);
                st = ST_QUOTED;
            } else if (c == ',') {
                rc = end_field(r, e);
                st = ST_FIELD_START;
            } else if (c == '\r') {
                st = ST_CR;
            } else if (c == '\n') {
                r->line++;
                goto row_done;
            } else {
                rc = put(r, c, e);
                st = ST_UNQUOTED;
            }
            break;
        }
        if (rc)
            return rc;
        continue;
    row_done:
        if (!any) {
            /* Blank line: start over on the next one. */
            st = ST_FIELD_START;
            r->rowlen = 0;
            r->nfields = 0;
            r->field_start = 0;
            r->row_line = r->line;
            continue;
        }
        rc = end_field(r, e);
        if (!rc)
            rc = check_utf8(r, e);
        if (rc)
            return rc;
        *got = true;
        return ERR_OK;
    }
    if (st == ST_QUOTED)
        return err_set(e, ERR_INVALID,
                       "%s:%zu: quoted field not closed at end of file",
                       r->name, r->row_line);
    if (!any)
        return ERR_OK;
    rc = end_field(r, e);
    if (!rc)
        rc = check_utf8(r, e);
    if (rc)
        return rc;
    *got = true;
    return ERR_OK;
}

void csv_allow_any_bytes(struct csv_reader *r)
{
    r->any_bytes = true;
}

/* Length of the valid UTF-8 prefix of s (n when all of it is valid). */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + k >= n)
            return i;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return i;
        i += k + 1;
    }
    return n;
}

static enum err_code check_utf8(struct csv_reader *r, struct err *e)
{
    size_t ok;

    if (r->any_bytes)
        return ERR_OK;
    ok = utf8_prefix((const unsigned char *)r->row, r->rowlen);
    if (ok == r->rowlen)
        return ERR_OK;
    {
        size_t field = 0;

        while (field + 1 < r->nfields && r->starts[field + 1] <= ok)
            field++;
        return err_set(e, ERR_INVALID,
                       "%s:%zu: invalid UTF-8 (byte 0x%02X) in field %zu; "
                       "is the file Latin-1 or Windows-1252? convert it to "
                       "UTF-8",
                       r->name, r->row_line, (unsigned char)r->row[ok],
                       field + 1);
    }
}

size_t csv_nfields(const struct csv_reader *r)
{
    return r->nfields;
}

const char *csv_field(const struct csv_reader *r, size_t i)
{
    if (i >= r->nfields)
        return "";
    return r->row + r->starts[i];
}

size_t csv_field_len(const struct csv_reader *r, size_t i)
{
    size_t next;

    if (i >= r->nfields)
        return 0;
    next = i + 1 < r->nfields ? r->starts[i + 1] : r->rowlen;
    return next - r->starts[i] - 1;
}

size_t csv_line(const struct csv_reader *r)
{
    return r->row_line;
}

const char *csv_name(const struct csv_reader *r)
{
    return r->name;
}
