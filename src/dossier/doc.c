/*
 * doc: the document model (doc.h): building blocks and span splitting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier/doc.h"
#include "util/xalloc.h"
#include "util/banned.h"

void doc_init(struct doc *d, const char *title, const char *subtitle,
              const char *banner, const char *footer)
{
    memset(d, 0, sizeof(*d));
    arena_init(&d->arena, 0);
    d->title = arena_strdup(&d->arena, title);
    d->subtitle = subtitle ? arena_strdup(&d->arena, subtitle) : NULL;
    d->banner = arena_strdup(&d->arena, banner);
    d->footer = footer ? arena_strdup(&d->arena, footer) : NULL;
}

void doc_release(struct doc *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->blocks[i].cells);
    free(d->blocks);
    arena_release(&d->arena);
    memset(d, 0, sizeof(*d));
}

static struct doc_block *add(struct doc *d, enum doc_kind kind)
{
    struct doc_block *b;

    ALLOC_GROW(d->blocks, d->n + 1, d->alloc);
    b = &d->blocks[d->n++];
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    return b;
}

static const char *vfmt(struct doc *d, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static const char *vfmt(struct doc *d, const char *fmt, va_list ap)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    strbuf_vaddf(&sb, fmt, ap);
    s = arena_strdup(&d->arena, sb.buf);
    strbuf_release(&sb);
    return s;
}

void doc_heading(struct doc *d, int level, const char *fmt, ...)
{
    struct doc_block *b;
    char anchor[32];
    va_list ap;

    if (level < 1)
        level = 1;
    if (level > 3)
        level = 3;
    b = add(d, (enum doc_kind)(DOC_H1 + level - 1));
    va_start(ap, fmt);
    b->text = vfmt(d, fmt, ap);
    va_end(ap);
    snprintf(anchor, sizeof(anchor), "s%zu", ++d->nheadings);
    b->anchor = arena_strdup(&d->arena, anchor);
}

void doc_para(struct doc *d, const char *fmt, ...)
{
    struct doc_block *b = add(d, DOC_P);
    va_list ap;

    va_start(ap, fmt);
    b->text = vfmt(d, fmt, ap);
    va_end(ap);
}

void doc_note(struct doc *d, const char *fmt, ...)
{
    struct doc_block *b = add(d, DOC_NOTE);
    va_list ap;

    va_start(ap, fmt);
    b->text = vfmt(d, fmt, ap);
    va_end(ap);
}

void doc_break(struct doc *d)
{
    add(d, DOC_BREAK);
}

void doc_table(struct doc *d, size_t ncols, const char *const *header)
{
    struct doc_block *b = add(d, DOC_TABLE);

    b->ncols = ncols;
    doc_row(d, header);
}

void doc_row(struct doc *d, const char *const *cells)
{
    struct doc_block *b = NULL;

    for (size_t i = d->n; i > 0; i--)
        if (d->blocks[i - 1].kind == DOC_TABLE) {
            b = &d->blocks[i - 1];
            break;
        }
    if (!b)
        return;
    ALLOC_GROW(b->cells, (b->nrows + 1) * b->ncols, b->alloccells);
    for (size_t c = 0; c < b->ncols; c++)
        b->cells[b->nrows * b->ncols + c] =
            arena_strdup(&d->arena, cells[c] ? cells[c] : "");
    b->nrows++;
}

int doc_next_span(const char *p, size_t *len)
{
    static const struct {
        const char *open;
        int kind;
    } marks[] = {
        {"[missing:", DOC_SPAN_MISSING},
        {"[unverified", DOC_SPAN_UNVERIFIED},
        {"[FICTIONAL]", DOC_SPAN_FICTIONAL},
    };
    const char *best = NULL;
    int kind = DOC_SPAN_PLAIN;

    if (!*p)
        return -1;
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        const char *m = strstr(p, marks[i].open);
        if (m && (!best || m < best)) {
            best = m;
            kind = marks[i].kind;
        }
    }
    if (!best) {
        *len = strlen(p);
        return DOC_SPAN_PLAIN;
    }
    if (best > p) {
        *len = (size_t)(best - p);
        return DOC_SPAN_PLAIN;
    }
    {
        const char *end = strchr(p, ']');
        *len = end ? (size_t)(end - p) + 1 : strlen(p);
    }
    return kind;
}

enum err_code doc_write_file(const char *path, const void *data, size_t n,
                             struct err *e)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *p = data;
    bool failed;
    int fd;

    strbuf_addf(&tmp, "%s.tmp", path);
    fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_set(e, ERR_IO, "cannot create '%s': %s", tmp.buf, strerror(errno));
        strbuf_release(&tmp);
        return ERR_IO;
    }
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            err_set(e, ERR_IO, "cannot write '%s': %s", tmp.buf,
                    strerror(errno));
            close(fd);
            unlink(tmp.buf);
            strbuf_release(&tmp);
            return ERR_IO;
        }
        p += w;
        n -= (size_t)w;
    }
    failed = fsync(fd) != 0;
    if (close(fd) != 0)
        failed = true;
    if (!failed && rename(tmp.buf, path) != 0)
        failed = true;
    if (failed) {
        err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp.buf);
    }
    strbuf_release(&tmp);
    return failed ? ERR_IO : ERR_OK;
}
