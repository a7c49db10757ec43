/*
 * doc: the document model of a dossier, built once and rendered to HTML
 * (render_html.c), DOCX (render_docx.c) and PDF (render_pdf.c), so the
 * three formats say exactly the same thing. A document is a flat list of
 * blocks: title, headings (levels 1-3, numbered into the table of
 * contents), paragraphs, notes (highlighted), tables and page breaks.
 *
 * Text is plain UTF-8; each renderer escapes it. Markers inside text are
 * highlighted by every renderer: "[missing: ...]", "[unverified]" and
 * "[FICTIONAL]" (doc_next_span).
 *
 * Ownership: every string given is copied into the document's arena;
 * release everything with doc_release.
 */
#ifndef DOSSIER_DOC_H
#define DOSSIER_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

enum doc_kind {
    DOC_H1 = 1,
    DOC_H2,
    DOC_H3,
    DOC_P,
    DOC_NOTE,
    DOC_TABLE,
    DOC_BREAK,
};

struct doc_block {
    enum doc_kind kind;
    const char *text;   /* headings, paragraphs, notes */
    const char *anchor; /* headings: "s12" */
    size_t ncols;       /* tables */
    size_t nrows;       /* rows including the header row */
    size_t alloccells;
    const char **cells; /* row-major; row 0 is the header */
};

struct doc {
    const char *title;    /* document title (cover) */
    const char *subtitle; /* or NULL */
    const char *banner;   /* "CONFIDENTIAL" on every page */
    const char *footer;   /* short line for page footers, or NULL */
    struct doc_block *blocks;
    size_t n, alloc;
    size_t nheadings;
    struct arena arena;
};

void doc_init(struct doc *d, const char *title, const char *subtitle,
              const char *banner, const char *footer);
void doc_release(struct doc *d);

/* Appends a heading (level 1..3), paragraph, note or page break. */
void doc_heading(struct doc *d, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void doc_para(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void doc_note(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void doc_break(struct doc *d);

/*
 * Starts a table of ncols columns with the given header cells; rows go to
 * the last table started (doc_row copies ncols cells; NULL cells print as
 * empty).
 */
void doc_table(struct doc *d, size_t ncols, const char *const *header);
void doc_row(struct doc *d, const char *const *cells);

/* Kinds of highlighted span. */
enum doc_span {
    DOC_SPAN_PLAIN = 0,
    DOC_SPAN_MISSING,    /* "[missing: ...]" */
    DOC_SPAN_UNVERIFIED, /* "[unverified]" */
    DOC_SPAN_FICTIONAL,  /* "[FICTIONAL]" */
};

/*
 * Splits text into spans: returns the kind of the span starting at *p and
 * its length in *len, or -1 at the end of the text. Advance p by len.
 */
int doc_next_span(const char *p, size_t *len);

/* Renderers. Paths are written via a temporary file and a rename. */
enum err_code doc_render_html(const struct doc *d, struct strbuf *out,
                              struct err *e);
enum err_code doc_render_docx(const struct doc *d, const char *path,
                              struct err *e);
enum err_code doc_render_pdf(const struct doc *d, const char *path,
                             struct err *e);

/* Writes data to path through path.tmp, fsync and rename. */
enum err_code doc_write_file(const char *path, const void *data, size_t n,
                             struct err *e);

#endif
