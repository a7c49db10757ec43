/*
 * render_pdf: a dossier as PDF through cairo and pango (the only users of
 * them), with Noto Sans CJK so Chinese names render. A4 pages: a cover, a
 * table of contents with page numbers and links, the body, a PDF outline
 * of the headings, "CONFIDENTIAL" at the top and bottom of every page and
 * "Page N of M" in the footer.
 *
 * Two passes: every block is laid out once (pango layouts kept), then
 * paginated (headings keep with what follows, level-1 headings start a
 * page, table rows never split and the header row repeats on each page),
 * which gives the page numbers for the contents; then everything is drawn.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "dossier/doc.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 54.0
#define TOP 66.0
#define BOTTOM (PAGE_H - 62.0)
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD 3.0
#define FONT "Noto Sans CJK TC"

#if defined(__SANITIZE_ADDRESS__)
/*
 * Under LeakSanitizer (make asan): cairo 1.16 loses 768 bytes per
 * embedded font subset in cairo_surface_finish of a PDF surface (inside
 * cairo, nothing of ours holds it), and fontconfig and pango keep their
 * caches until exit by design. This strong definition replaces the weak
 * list of graph/render_gv.c, so it carries that list too.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libpango\nleak:libgvplugin_pango\n"
           "leak:libcairo.so\n";
}
#endif

enum item_kind { IT_TEXT, IT_ROW, IT_BREAK };

struct item {
    enum item_kind kind;
    const struct doc_block *b;
    size_t row;           /* IT_ROW */
    PangoLayout *layout;  /* IT_TEXT */
    PangoLayout **cells;  /* IT_ROW: ncols layouts */
    double *colx, *colw;  /* IT_ROW: shared per table */
    double h;             /* height of the content */
    double before, after; /* spacing */
    int page;
    double y;
    bool shade; /* IT_TEXT note / IT_ROW header */
};

/*
 * Layouts of equal text, font, width and weight are made once and shared
 * (tables repeat headers, dates, statuses and captions a lot).
 */
struct lcache_ent {
    uint64_t h;
    const char *text; /* borrowed from the document */
    const PangoFontDescription *font;
    int width;
    bool bold;
    PangoLayout *l; /* one reference held by the cache */
};

struct pdf {
    cairo_t *cr;
    struct lcache_ent *cache;
    size_t ncache, capcache; /* capcache: a power of two */
    PangoContext *ctx;       /* one context for every layout, at 72 dpi */
    PangoFontDescription *body, *small, *h1, *h2, *h3, *title, *sub;
    struct item *items;
    size_t n, alloc;
    int pages;
    int toc_pages;
    struct strbuf markup;
};

static void esc(struct strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            strbuf_addstr(sb, "&amp;");
            break;
        case '<':
            strbuf_addstr(sb, "&lt;");
            break;
        case '>':
            strbuf_addstr(sb, "&gt;");
            break;
        default:
            strbuf_addch(sb, s[i]);
        }
    }
}

static bool has_marks(const char *t)
{
    return strstr(t, "[missing:") || strstr(t, "[unverified") ||
           strstr(t, "[FICTIONAL]");
}

static PangoLayout *make_layout(struct pdf *p, const char *text,
                                const PangoFontDescription *font, double width,
                                bool bold)
{
    PangoLayout *l = pango_layout_new(p->ctx);

    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    if (!bold && !has_marks(text)) {
        pango_layout_set_text(l, text, -1);
        return l;
    }
    strbuf_reset(&p->markup);
    if (bold)
        strbuf_addstr(&p->markup, "<b>");
    for (const char *q = text;;) {
        size_t len;
        int kind = doc_next_span(q, &len);
        const char *color = kind == DOC_SPAN_MISSING      ? "#b00000"
                            : kind == DOC_SPAN_UNVERIFIED ? "#9a5b00"
                            : kind == DOC_SPAN_FICTIONAL  ? "#6a1b9a"
                                                          : NULL;
        if (kind < 0)
            break;
        if (color)
            strbuf_addf(&p->markup, "<span foreground=\"%s\" weight=\"bold\">",
                        color);
        esc(&p->markup, q, len);
        if (color)
            strbuf_addstr(&p->markup, "</span>");
        q += len;
    }
    if (bold)
        strbuf_addstr(&p->markup, "</b>");
    pango_layout_set_markup(l, p->markup.buf, (int)p->markup.len);
    return l;
}

static uint64_t lhash(const char *text, const void *font, int width, bool bold)
{
    uint64_t h = 1469598103934665603ull;

    for (const unsigned char *q = (const unsigned char *)text; *q; q++)
        h = (h ^ *q) * 1099511628211ull;
    h ^= (uint64_t)(uintptr_t)font * 31u + (uint64_t)width * 7u + bold;
    return h * 1099511628211ull;
}

static void cache_grow(struct pdf *p)
{
    size_t cap = p->capcache ? p->capcache * 2 : 4096;
    struct lcache_ent *n = xcalloc(cap, sizeof(*n));

    for (size_t i = 0; i < p->capcache; i++) {
        size_t k;

        if (!p->cache[i].l)
            continue;
        for (k = p->cache[i].h & (cap - 1); n[k].l; k = (k + 1) & (cap - 1))
            ;
        n[k] = p->cache[i];
    }
    free(p->cache);
    p->cache = n;
    p->capcache = cap;
}

/* A layout of text (a new reference: g_object_unref when done). */
static PangoLayout *layout(struct pdf *p, const char *text,
                           const PangoFontDescription *font, double width,
                           bool bold)
{
    int w = (int)(width * PANGO_SCALE);
    uint64_t h = lhash(text, font, w, bold);
    size_t k;

    if ((p->ncache + 1) * 2 > p->capcache)
        cache_grow(p);
    for (k = h & (p->capcache - 1); p->cache[k].l;
         k = (k + 1) & (p->capcache - 1)) {
        const struct lcache_ent *c = &p->cache[k];

        if (c->h == h && c->font == font && c->width == w && c->bold == bold &&
            strcmp(c->text, text) == 0)
            return g_object_ref(c->l);
    }
    p->cache[k].h = h;
    p->cache[k].text = text;
    p->cache[k].font = font;
    p->cache[k].width = w;
    p->cache[k].bold = bold;
    p->cache[k].l = make_layout(p, text, font, width, bold);
    p->ncache++;
    return g_object_ref(p->cache[k].l);
}

static void cache_free(struct pdf *p)
{
    for (size_t i = 0; i < p->capcache; i++)
        if (p->cache[i].l)
            g_object_unref(p->cache[i].l);
    free(p->cache);
    p->cache = NULL;
    p->ncache = p->capcache = 0;
}

static double height_of(PangoLayout *l)
{
    int w, h;

    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static struct item *add(struct pdf *p, enum item_kind kind,
                        const struct doc_block *b)
{
    struct item *it;

    ALLOC_GROW(p->items, p->n + 1, p->alloc);
    it = &p->items[p->n++];
    memset(it, 0, sizeof(*it));
    it->kind = kind;
    it->b = b;
    return it;
}

/* Width in characters of s[0..n) (CJK counted double). */
static size_t chars_of(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c += ((unsigned char)s[i] >= 0xE0) ? 2 : 1;
    return c;
}

/*
 * The longest piece of s that must fit on one line: words end at spaces
 * and slashes; a word of more than 16 characters may also break at its
 * hyphens (ids), a shorter one not (dates, "Tai-man"). Returns its width
 * in characters and sets where it starts and its length in bytes.
 */
static size_t longest_word(const char *s, const char **start, size_t *bytes)
{
    size_t best = 0;
    const char *w = s;

    *start = s;
    *bytes = 0;
    for (const char *q = s;; q++) {
        if (*q && *q != ' ' && *q != '/')
            continue;
        {
            size_t n = (size_t)(q - w), width = chars_of(w, n);

            if (width > 16) {
                /* Split at hyphens: take the widest part. */
                const char *part = w;

                for (const char *h = w; h <= q; h++) {
                    if (h < q && *h != '-')
                        continue;
                    width = chars_of(part, (size_t)(h - part));
                    if (width > best) {
                        best = width;
                        *start = part;
                        *bytes = (size_t)(h - part);
                    }
                    part = h + 1;
                }
            } else if (width > best) {
                best = width;
                *start = w;
                *bytes = n;
            }
        }
        if (!*q)
            break;
        w = q + 1;
    }
    return best;
}

/*
 * Column widths: each column gets room for its longest word (measured,
 * in bold: header cells are bold; words are cut at 64 characters, so a
 * SHA-256 in hex stays on one line), then the rest of the line is shared
 * in proportion to the length of its longest cell (up to 48 characters).
 */
static void columns(struct pdf *p, const struct doc_block *b, double *colx,
                    double *colw)
{
    double minsum = 0, extra = 0;
    double *want = xcalloc(b->ncols, sizeof(double));

    for (size_t c = 0; c < b->ncols; c++) {
        size_t longest = 4, word = 0, wbytes = 0;
        const char *wstart = "";

        for (size_t r = 0; r < b->nrows; r++) {
            const char *cell = b->cells[r * b->ncols + c];
            const char *ws = "";
            size_t len = strlen(cell), wb = 0;
            size_t w = longest_word(cell, &ws, &wb);

            if (len > longest)
                longest = len;
            if (w > word) {
                word = w;
                wstart = ws;
                wbytes = wb;
            }
        }
        if (word > 64) {
            word = 64;
            wbytes = 64;
        }
        {
            PangoLayout *l = pango_layout_new(p->ctx);
            PangoRectangle ink, logical;
            PangoFontDescription *bold = pango_font_description_copy(p->small);

            pango_font_description_set_weight(bold, PANGO_WEIGHT_BOLD);
            pango_layout_set_font_description(l, bold);
            pango_layout_set_text(l, wstart, (int)wbytes);
            pango_layout_get_extents(l, &ink, &logical);
            /* 6% spare: other words of the same length may be wider. */
            colw[c] =
                (double)logical.width / PANGO_SCALE * 1.06 + 2 * CELL_PAD + 2;
            pango_font_description_free(bold);
            g_object_unref(l);
        }
        if (longest > 48)
            longest = 48;
        want[c] = longest > word ? (double)(longest - word) : 0;
        minsum += colw[c];
        extra += want[c];
    }
    for (size_t c = 0; c < b->ncols; c++) {
        if (minsum >= TEXT_W)
            colw[c] = colw[c] / minsum * TEXT_W;
        else if (extra > 0)
            colw[c] += want[c] / extra * (TEXT_W - minsum);
        else
            colw[c] += (TEXT_W - minsum) / (double)b->ncols;
        colx[c] = c ? colx[c - 1] + colw[c - 1] : MARGIN_X;
    }
    free(want);
}

static void lay_out(struct pdf *p, const struct doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        struct item *it;

        switch (b->kind) {
        case DOC_H1:
        case DOC_H2:
        case DOC_H3: {
            const PangoFontDescription *f = b->kind == DOC_H1   ? p->h1
                                            : b->kind == DOC_H2 ? p->h2
                                                                : p->h3;
            it = add(p, IT_TEXT, b);
            it->layout = layout(p, b->text, f, TEXT_W, false);
            it->h = height_of(it->layout);
            it->before = b->kind == DOC_H1 ? 0 : b->kind == DOC_H2 ? 12 : 8;
            it->after = b->kind == DOC_H1 ? 10 : 5;
            break;
        }
        case DOC_P:
        case DOC_NOTE:
            it = add(p, IT_TEXT, b);
            it->shade = b->kind == DOC_NOTE;
            it->layout = layout(p, b->text, p->body,
                                it->shade ? TEXT_W - 16 : TEXT_W, false);
            it->h = height_of(it->layout) + (it->shade ? 8 : 0);
            it->after = 6;
            break;
        case DOC_BREAK:
            add(p, IT_BREAK, b);
            break;
        case DOC_TABLE: {
            double *colx = xcalloc(b->ncols, sizeof(double));
            double *colw = xcalloc(b->ncols, sizeof(double));

            columns(p, b, colx, colw);
            for (size_t r = 0; r < b->nrows; r++) {
                it = add(p, IT_ROW, b);
                it->row = r;
                it->shade = r == 0;
                it->colx = colx;
                it->colw = colw;
                it->cells = xcalloc(b->ncols, sizeof(*it->cells));
                for (size_t c = 0; c < b->ncols; c++) {
                    double h;

                    it->cells[c] =
                        layout(p, b->cells[r * b->ncols + c], p->small,
                               colw[c] - 2 * CELL_PAD, r == 0);
                    h = height_of(it->cells[c]);
                    if (h > it->h)
                        it->h = h;
                }
                it->h += 2 * CELL_PAD;
                if (r == b->nrows - 1)
                    it->after = 8;
            }
            break;
        }
        }
    }
}

/* Headings, and a paragraph introducing what follows ("Posts held:"). */
static bool keeps_with_next(const struct doc_block *b)
{
    size_t n;

    if (b->kind <= DOC_H3)
        return true;
    n = b->text ? strlen(b->text) : 0;
    return b->kind == DOC_P && n > 0 && b->text[n - 1] == ':';
}

/* Assigns pages and positions; body pages start at first_page. */
static void paginate(struct pdf *p, int first_page)
{
    int page = first_page;
    double y = TOP;
    const struct item *header = NULL; /* header row of the current table */

    for (size_t i = 0; i < p->n; i++) {
        struct item *it = &p->items[i];
        double need = it->before + it->h;

        if (it->kind == IT_BREAK) {
            page++;
            y = TOP;
            continue;
        }
        if (it->kind == IT_ROW && it->row == 0)
            header = it;
        if (it->kind == IT_TEXT && it->b->kind == DOC_H1 && y > TOP) {
            page++;
            y = TOP;
        }
        /*
         * Headings keep with the next item, a table's header row with its
         * first row (and a heading over a table with both).
         */
        if (((it->kind == IT_TEXT && keeps_with_next(it->b)) ||
             (it->kind == IT_ROW && it->row == 0)) &&
            i + 1 < p->n) {
            const struct item *next = &p->items[i + 1];

            need += next->before + next->h;
            if (it->kind == IT_TEXT && next->kind == IT_ROW && next->row == 0 &&
                i + 2 < p->n)
                need += p->items[i + 2].h;
        }
        if (y + need > BOTTOM && y > TOP) {
            page++;
            y = TOP;
            if (it->kind == IT_ROW && it->row > 0 && header) {
                /* The repeated header is drawn at TOP: see draw_page. */
                y += header->h;
            }
        }
        if (y > TOP || it->kind == IT_ROW)
            y += it->before;
        it->page = page;
        it->y = y;
        y += it->h + it->after;
    }
    p->pages = page;
}

static void draw_layout(cairo_t *cr, PangoLayout *l, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}

static void draw_row(struct pdf *p, const struct item *it, double y)
{
    cairo_t *cr = p->cr;
    const struct doc_block *b = it->b;

    for (size_t c = 0; c < b->ncols; c++) {
        cairo_rectangle(cr, it->colx[c], y, it->colw[c], it->h);
        if (it->shade) {
            cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
            cairo_fill_preserve(cr);
        }
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_layout(cr, it->cells[c], it->colx[c] + CELL_PAD, y + CELL_PAD);
    }
}

static void banner(struct pdf *p, const struct doc *d, int page)
{
    cairo_t *cr = p->cr;
    PangoLayout *l;
    struct strbuf sb = STRBUF_INIT;
    double w;
    int lw, lh;

    cairo_set_source_rgb(cr, 0.545, 0, 0);
    cairo_rectangle(cr, 0, 18, PAGE_W, 20);
    cairo_fill(cr);
    cairo_rectangle(cr, 0, PAGE_H - 40, PAGE_W, 22);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    l = layout(p, d->banner, p->small, PAGE_W, true);
    pango_layout_get_size(l, &lw, &lh);
    w = (double)lw / PANGO_SCALE;
    draw_layout(cr, l, (PAGE_W - w) / 2, 22);
    g_object_unref(l);
    strbuf_addf(&sb, "%s  \xc2\xb7  %s  \xc2\xb7  Page %d of %d", d->banner,
                d->footer ? d->footer : "", page, p->pages);
    l = make_layout(p, sb.buf, p->small, PAGE_W, true);
    pango_layout_get_size(l, &lw, &lh);
    w = (double)lw / PANGO_SCALE;
    draw_layout(cr, l, (PAGE_W - w) / 2, PAGE_H - 36);
    g_object_unref(l);
    cairo_set_source_rgb(cr, 0, 0, 0);
    strbuf_release(&sb);
}

static void cover(struct pdf *p, const struct doc *d)
{
    PangoLayout *l = layout(p, d->title, p->title, TEXT_W, false);
    double y = 200;

    draw_layout(p->cr, l, MARGIN_X, y);
    y += height_of(l) + 24;
    g_object_unref(l);
    if (d->subtitle) {
        l = layout(p, d->subtitle, p->sub, TEXT_W, false);
        draw_layout(p->cr, l, MARGIN_X, y);
        y += height_of(l) + 24;
        g_object_unref(l);
    }
    /* The cover's paragraphs: what precedes the first heading. */
    for (size_t i = 0; i < p->n && p->items[i].kind != IT_ROW &&
                       !(p->items[i].b->kind <= DOC_H3);
         i++) {
        const struct item *it = &p->items[i];

        if (y + it->h > BOTTOM)
            break;
        if (it->shade) {
            cairo_set_source_rgb(p->cr, 1.0, 0.97, 0.88);
            cairo_rectangle(p->cr, MARGIN_X, y, TEXT_W, it->h);
            cairo_fill(p->cr);
            cairo_set_source_rgb(p->cr, 0, 0, 0);
        }
        draw_layout(p->cr, it->layout, MARGIN_X + (it->shade ? 8 : 0),
                    y + (it->shade ? 4 : 0));
        y += it->h + it->after;
    }
}

/* Index of the first item that is not part of the cover. */
static size_t body_start(const struct pdf *p)
{
    size_t i = 0;

    while (i < p->n && p->items[i].kind == IT_TEXT &&
           p->items[i].b->kind > DOC_H3)
        i++;
    return i;
}

#define TOC_LINE 15.0

static int toc_lines_per_page(void)
{
    return (int)((BOTTOM - TOP - 30) / TOC_LINE);
}

enum err_code doc_render_pdf(const struct doc *d, const char *path,
                             struct err *e)
{
    struct pdf p;
    struct strbuf tmp = STRBUF_INIT;
    cairo_surface_t *surf;
    cairo_status_t status;
    size_t first;
    int nheads = 0, page = 0;
    enum err_code rc = ERR_OK;

    memset(&p, 0, sizeof(p));
    strbuf_addf(&tmp, "%s.tmp", path);
    surf = cairo_pdf_surface_create(tmp.buf, PAGE_W, PAGE_H);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        err_set(e, ERR_IO, "cannot create '%s': %s", tmp.buf,
                cairo_status_to_string(cairo_surface_status(surf)));
        cairo_surface_destroy(surf);
        strbuf_release(&tmp);
        return ERR_IO;
    }
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS,
                                   "CONFIDENTIAL");
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "dossier");
    p.cr = cairo_create(surf);
    /*
     * At 72 dpi a point is a PDF unit; pango's default of 96 dpi would
     * make every font a third larger than asked.
     */
    p.ctx = pango_cairo_create_context(p.cr);
    pango_cairo_context_set_resolution(p.ctx, 72);
    p.body = pango_font_description_from_string(FONT " 10.5");
    p.small = pango_font_description_from_string(FONT " 8.5");
    p.h1 = pango_font_description_from_string(FONT " Bold 18");
    p.h2 = pango_font_description_from_string(FONT " Bold 14");
    p.h3 = pango_font_description_from_string(FONT " Bold 11.5");
    p.title = pango_font_description_from_string(FONT " Bold 26");
    p.sub = pango_font_description_from_string(FONT " 14");
    lay_out(&p, d);
    first = body_start(&p);
    for (size_t i = first; i < p.n; i++)
        if (p.items[i].kind == IT_TEXT &&
            (p.items[i].b->kind == DOC_H1 || p.items[i].b->kind == DOC_H2))
            nheads++;
    p.toc_pages =
        nheads ? (nheads + toc_lines_per_page() - 1) / toc_lines_per_page() : 1;
    {
        /* Paginate only the body items. */
        struct item *all = p.items;
        size_t n = p.n;

        p.items = all + first;
        p.n = n - first;
        paginate(&p, 2 + p.toc_pages);
        p.items = all;
        p.n = n;
    }
    /* Page 1: cover. */
    p.pages = p.pages < 2 + p.toc_pages ? 2 + p.toc_pages : p.pages;
    banner(&p, d, 1);
    cover(&p, d);
    cairo_show_page(p.cr);
    /* Contents. */
    {
        int line = 0, per = toc_lines_per_page(), tpage = 2;
        PangoLayout *l;

        for (size_t i = first; i <= p.n; i++) {
            const struct item *it = i < p.n ? &p.items[i] : NULL;
            char num[16], link[64];
            double y, indent;
            int lw, lh;

            if (it && (it->kind != IT_TEXT ||
                       (it->b->kind != DOC_H1 && it->b->kind != DOC_H2)))
                continue;
            if (line % per == 0 && (it || line == 0)) {
                if (line)
                    cairo_show_page(p.cr);
                banner(&p, d, tpage++);
                l = layout(&p, "Contents", p.h1, TEXT_W, false);
                draw_layout(p.cr, l, MARGIN_X, TOP - 6);
                g_object_unref(l);
            }
            if (!it)
                break;
            y = TOP + 30 + (line % per) * TOC_LINE;
            indent = it->b->kind == DOC_H2 ? 16 : 0;
            snprintf(link, sizeof(link), "dest='%s'", it->b->anchor);
            cairo_tag_begin(p.cr, CAIRO_TAG_LINK, link);
            l = layout(&p, it->b->text,
                       it->b->kind == DOC_H1 ? p.body : p.small,
                       TEXT_W - 50 - indent, it->b->kind == DOC_H1);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
            pango_layout_set_height(l, -1);
            draw_layout(p.cr, l, MARGIN_X + indent, y);
            g_object_unref(l);
            snprintf(num, sizeof(num), "%d", it->page);
            l = make_layout(&p, num, p.small, 50, false);
            pango_layout_get_size(l, &lw, &lh);
            draw_layout(p.cr, l, MARGIN_X + TEXT_W - (double)lw / PANGO_SCALE,
                        y);
            g_object_unref(l);
            cairo_tag_end(p.cr, CAIRO_TAG_LINK);
            line++;
        }
        cairo_show_page(p.cr);
    }
    /* Body. */
    page = 2 + p.toc_pages;
    banner(&p, d, page);
    for (size_t i = first; i < p.n; i++) {
        const struct item *it = &p.items[i];

        if (it->kind == IT_BREAK)
            continue;
        while (page < it->page) {
            cairo_show_page(p.cr);
            banner(&p, d, ++page);
            /* A table continuing on a new page repeats its header row. */
            if (it->kind == IT_ROW && it->row > 0) {
                for (size_t k = i; k > first; k--)
                    if (p.items[k - 1].kind == IT_ROW &&
                        p.items[k - 1].b == it->b && p.items[k - 1].row == 0) {
                        draw_row(&p, &p.items[k - 1], TOP);
                        break;
                    }
            }
        }
        if (it->kind == IT_ROW) {
            draw_row(&p, it, it->y);
            continue;
        }
        if (it->b->kind <= DOC_H3) {
            char dest[64];
            int parent = 0;

            snprintf(dest, sizeof(dest), "name='%s'", it->b->anchor);
            cairo_move_to(p.cr, MARGIN_X, it->y);
            cairo_tag_begin(p.cr, CAIRO_TAG_DEST, dest);
            cairo_tag_end(p.cr, CAIRO_TAG_DEST);
            if (it->b->kind != DOC_H3) {
                snprintf(dest, sizeof(dest), "dest='%s'", it->b->anchor);
                (void)parent;
                cairo_pdf_surface_add_outline(surf, CAIRO_PDF_OUTLINE_ROOT,
                                              it->b->text, dest, 0);
            }
        }
        if (it->shade) {
            cairo_set_source_rgb(p.cr, 1.0, 0.97, 0.88);
            cairo_rectangle(p.cr, MARGIN_X, it->y, TEXT_W, it->h);
            cairo_fill(p.cr);
            cairo_set_source_rgb(p.cr, 0.72, 0.53, 0.04);
            cairo_rectangle(p.cr, MARGIN_X, it->y, 3, it->h);
            cairo_fill(p.cr);
            cairo_set_source_rgb(p.cr, 0, 0, 0);
            draw_layout(p.cr, it->layout, MARGIN_X + 8, it->y + 4);
        } else
            draw_layout(p.cr, it->layout, MARGIN_X, it->y);
    }
    cairo_show_page(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(surf);
    status = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    for (size_t i = 0; i < p.n; i++) {
        struct item *it = &p.items[i];

        if (it->layout)
            g_object_unref(it->layout);
        if (it->cells) {
            for (size_t c = 0; c < it->b->ncols; c++)
                g_object_unref(it->cells[c]);
            free(it->cells);
        }
        if (it->kind == IT_ROW && it->row == 0) {
            free(it->colx);
            free(it->colw);
        }
    }
    free(p.items);
    cache_free(&p);
    g_object_unref(p.ctx);
    pango_font_description_free(p.body);
    pango_font_description_free(p.small);
    pango_font_description_free(p.h1);
    pango_font_description_free(p.h2);
    pango_font_description_free(p.h3);
    pango_font_description_free(p.title);
    pango_font_description_free(p.sub);
    strbuf_release(&p.markup);
    if (status != CAIRO_STATUS_SUCCESS) {
        rc = err_set(e, ERR_IO, "cannot write '%s': %s", path,
                     cairo_status_to_string(status));
        unlink(tmp.buf);
    } else if (rename(tmp.buf, path) != 0) {
        rc = err_set(e, ERR_IO, "cannot write '%s'", path);
        unlink(tmp.buf);
    }
    strbuf_release(&tmp);
    return rc;
}
