/*
 * strbuf: growable string buffer with an optional cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t max)
{
    sb->buf = strbuf_slopbuf;
    sb->len = 0;
    sb->alloc = 0;
    sb->max = max;
}

void strbuf_release(struct strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb, sb->max);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *res;

    if (len)
        *len = sb->len;
    res = sb->alloc ? sb->buf : xstrdup("");
    strbuf_init(sb, sb->max);
    return res;
}

void strbuf_reset(struct strbuf *sb)
{
    strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
    if (len > sb->len)
        len = sb->len;
    sb->len = len;
    if (sb->alloc)
        sb->buf[len] = '\0';
}

static enum err_code grow(struct strbuf *sb, size_t extra)
{
    size_t want;

    if (extra > (size_t)-1 / 2 - sb->len)
        return ERR_TOOBIG;
    want = sb->len + extra;
    if (sb->max && want > sb->max)
        return ERR_TOOBIG;
    if (want + 1 > sb->alloc) {
        size_t n = sb->alloc ? sb->alloc : 64;
        while (n < want + 1)
            n *= 2;
        if (sb->alloc) {
            sb->buf = xrealloc(sb->buf, n);
        } else {
            sb->buf = xmalloc(n);
            sb->buf[0] = '\0';
        }
        sb->alloc = n;
    }
    return ERR_OK;
}

enum err_code strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
    if (len == 0)
        return ERR_OK;
    if (grow(sb, len))
        return ERR_TOOBIG;
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
    return ERR_OK;
}

enum err_code strbuf_addstr(struct strbuf *sb, const char *s)
{
    return strbuf_add(sb, s, strlen(s));
}

enum err_code strbuf_addch(struct strbuf *sb, int c)
{
    char ch = (char)c;
    return strbuf_add(sb, &ch, 1);
}

enum err_code strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return ERR_INVALID;
    if (grow(sb, (size_t)n))
        return ERR_TOOBIG;
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    return ERR_OK;
}

enum err_code strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    enum err_code rc;

    va_start(ap, fmt);
    rc = strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
    return rc;
}

/*
 * The escaping appenders build into a scratch buffer first so that a cap
 * hit half-way leaves sb exactly as it was.
 */
static enum err_code commit_scratch(struct strbuf *sb, struct strbuf *tmp)
{
    enum err_code rc = strbuf_add(sb, tmp->buf, tmp->len);
    strbuf_release(tmp);
    return rc;
}

enum err_code strbuf_add_html(struct strbuf *sb, const char *s)
{
    struct strbuf tmp = STRBUF_INIT;

    for (; *s; s++) {
        switch (*s) {
        case '&':
            strbuf_addstr(&tmp, "&amp;");
            break;
        case '<':
            strbuf_addstr(&tmp, "&lt;");
            break;
        case '>':
            strbuf_addstr(&tmp, "&gt;");
            break;
        case '"':
            strbuf_addstr(&tmp, "&quot;");
            break;
        case '\'':
            strbuf_addstr(&tmp, "&#39;");
            break;
        default:
            strbuf_addch(&tmp, *s);
        }
    }
    return commit_scratch(sb, &tmp);
}

enum err_code strbuf_add_csv_field(struct strbuf *sb, const char *s)
{
    struct strbuf tmp = STRBUF_INIT;

    if (!strpbrk(s, ",\"\r\n"))
        return strbuf_addstr(sb, s);
    strbuf_addch(&tmp, '"');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_addch(&tmp, '"');
        strbuf_addch(&tmp, *s);
    }
    strbuf_addch(&tmp, '"');
    return commit_scratch(sb, &tmp);
}

enum err_code strbuf_add_json_str(struct strbuf *sb, const char *s)
{
    struct strbuf tmp = STRBUF_INIT;

    strbuf_addch(&tmp, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"':
            strbuf_addstr(&tmp, "\\\"");
            break;
        case '\\':
            strbuf_addstr(&tmp, "\\\\");
            break;
        case '\n':
            strbuf_addstr(&tmp, "\\n");
            break;
        case '\r':
            strbuf_addstr(&tmp, "\\r");
            break;
        case '\t':
            strbuf_addstr(&tmp, "\\t");
            break;
        default:
            if (c < 0x20)
                strbuf_addf(&tmp, "\\u%04x", c);
            else
                strbuf_addch(&tmp, (char)c);
        }
    }
    strbuf_addch(&tmp, '"');
    return commit_scratch(sb, &tmp);
}

enum err_code strbuf_add_tsv_field(struct strbuf *sb, const char *s)
{
    struct strbuf tmp = STRBUF_INIT;

    for (; *s; s++)
        strbuf_addch(&tmp, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
    return commit_scratch(sb, &tmp);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void strbuf_trim(struct strbuf *sb)
{
    size_t start = 0;

    while (sb->len && is_space(sb->buf[sb->len - 1]))
        sb->len--;
    while (start < sb->len && is_space(sb->buf[start]))
        start++;
    if (!sb->alloc)
        return;
    memmove(sb->buf, sb->buf + start, sb->len - start);
    sb->len -= start;
    sb->buf[sb->len] = '\0';
}
