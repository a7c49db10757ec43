/*
 * render_html: a dossier as one self-contained HTML file (inline CSS, no
 * scripts, no external resources), with a linked table of contents and
 * the confidentiality banner at the top and bottom of the screen and of
 * every printed page.
 */
#include <stdbool.h>
#include <string.h>

#include "dossier/doc.h"
#include "util/banned.h"

static const char css[] =
    "body{font-family:'Noto Sans','Noto Sans CJK TC','Noto Sans CJK SC',"
    "Arial,sans-serif;font-size:11pt;line-height:1.45;margin:0 auto;"
    "max-width:60em;padding:3.5em 2em;color:#111}\n"
    ".banner{position:fixed;left:0;right:0;background:#8b0000;color:#fff;"
    "text-align:center;font-weight:bold;letter-spacing:.2em;padding:.2em;"
    "font-size:10pt}\n"
    ".banner.top{top:0}.banner.bottom{bottom:0}\n"
    "h1.title{font-size:22pt;margin-top:1em}\n"
    "h1{font-size:16pt;border-bottom:2px solid #333;margin-top:2em}\n"
    "h2{font-size:13pt;margin-top:1.5em}h3{font-size:11.5pt}\n"
    "table{border-collapse:collapse;width:100%;margin:.6em 0;"
    "font-size:9.5pt}\n"
    "th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top;"
    "text-align:left;overflow-wrap:anywhere}\n"
    "th{background:#eee}\n"
    ".note{border-left:4px solid #b8860b;background:#fff8e1;"
    "padding:.4em .8em}\n"
    ".missing{color:#b00000;font-weight:bold}\n"
    ".unverified{color:#9a5b00;font-weight:bold}\n"
    ".fictional{color:#6a1b9a;font-weight:bold}\n"
    "nav.toc ol{list-style:none;padding-left:1em}\n"
    "@media print{.banner{position:fixed}body{padding:2.5em 0}"
    "h1{page-break-before:always}h1.title{page-break-before:avoid}"
    ".pb{page-break-after:always}}\n"
    "@page{size:A4;margin:2cm 1.8cm}\n";

static void add_text(struct strbuf *sb, const char *text)
{
    const char *p = text;
    size_t len;
    int kind;

    while ((kind = doc_next_span(p, &len)) >= 0) {
        struct strbuf seg = STRBUF_INIT;
        const char *cls = kind == DOC_SPAN_MISSING      ? "missing"
                          : kind == DOC_SPAN_UNVERIFIED ? "unverified"
                          : kind == DOC_SPAN_FICTIONAL  ? "fictional"
                                                        : NULL;

        strbuf_add(&seg, p, len);
        if (cls)
            strbuf_addf(sb, "<span class=\"%s\">", cls);
        strbuf_add_html(sb, seg.buf);
        if (cls)
            strbuf_addstr(sb, "</span>");
        strbuf_release(&seg);
        p += len;
    }
}

/* Table of contents: levels 1 and 2, linked to the headings. */
static void toc(struct strbuf *sb, const struct doc *d)
{
    int open_level = 0;

    strbuf_addstr(sb, "<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        int level = b->kind == DOC_H1 ? 1 : b->kind == DOC_H2 ? 2 : 0;

        if (!level)
            continue;
        while (open_level < level - 1) {
            strbuf_addstr(sb, "<ol>\n");
            open_level++;
        }
        while (open_level > level - 1) {
            strbuf_addstr(sb, "</ol>\n");
            open_level--;
        }
        strbuf_addf(sb, "<li><a href=\"#%s\">", b->anchor);
        add_text(sb, b->text);
        strbuf_addstr(sb, "</a></li>\n");
    }
    while (open_level-- > 0)
        strbuf_addstr(sb, "</ol>\n");
    strbuf_addstr(sb, "</ol>\n</nav>\n");
}

enum err_code doc_render_html(const struct doc *d, struct strbuf *sb,
                              struct err *e)
{
    bool toc_done = false;

    strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                      "<meta charset=\"utf-8\">\n<title>");
    add_text(sb, d->title);
    strbuf_addf(sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    strbuf_addstr(sb, "<div class=\"banner top\">");
    add_text(sb, d->banner);
    strbuf_addstr(sb, "</div>\n<h1 class=\"title\">");
    add_text(sb, d->title);
    strbuf_addstr(sb, "</h1>\n");
    if (d->subtitle) {
        strbuf_addstr(sb, "<p><strong>");
        add_text(sb, d->subtitle);
        strbuf_addstr(sb, "</strong></p>\n");
    }
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];

        /* The cover's paragraphs come first, then the contents. */
        if (!toc_done && b->kind >= DOC_H1 && b->kind <= DOC_H3) {
            toc(sb, d);
            toc_done = true;
        }
        switch (b->kind) {
        case DOC_H1:
        case DOC_H2:
        case DOC_H3: {
            int level = (int)(b->kind - DOC_H1) + 1;
            strbuf_addf(sb, "<h%d id=\"%s\">", level, b->anchor);
            add_text(sb, b->text);
            strbuf_addf(sb, "</h%d>\n", level);
            break;
        }
        case DOC_P:
            strbuf_addstr(sb, "<p>");
            add_text(sb, b->text);
            strbuf_addstr(sb, "</p>\n");
            break;
        case DOC_NOTE:
            strbuf_addstr(sb, "<p class=\"note\">");
            add_text(sb, b->text);
            strbuf_addstr(sb, "</p>\n");
            break;
        case DOC_BREAK:
            strbuf_addstr(sb, "<div class=\"pb\"></div>\n");
            break;
        case DOC_TABLE:
            strbuf_addstr(sb, "<table>\n");
            for (size_t r = 0; r < b->nrows; r++) {
                const char *tag = r == 0 ? "th" : "td";

                strbuf_addstr(sb, r == 0 ? "<thead><tr>" : "<tr>");
                for (size_t c = 0; c < b->ncols; c++) {
                    strbuf_addf(sb, "<%s>", tag);
                    add_text(sb, b->cells[r * b->ncols + c]);
                    strbuf_addf(sb, "</%s>", tag);
                }
                strbuf_addstr(sb, r == 0 ? "</tr></thead>\n" : "</tr>\n");
            }
            strbuf_addstr(sb, "</table>\n");
            break;
        }
    }
    if (!toc_done)
        toc(sb, d);
    strbuf_addstr(sb, "<div class=\"banner bottom\">");
    add_text(sb, d->banner);
    if (d->footer) {
        strbuf_addstr(sb, " &middot; ");
        add_text(sb, d->footer);
    }
    strbuf_addstr(sb, "</div>\n</body>\n</html>\n");
    (void)e;
    return ERR_OK;
}
