/*
 * render_docx: a dossier as an Office Open XML word-processing document
 * (ECMA-376 transitional, the subset Word and LibreOffice both read):
 * styles with real heading levels (so Word's navigation pane and table of
 * contents work), a TOC field pre-filled with the headings (Word refreshes
 * the page numbers on opening: settings updateFields), "CONFIDENTIAL" in
 * the header of every page, page numbers in the footer, tables with a
 * repeated header row. The zip is written by formats/zipw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/doc.h"
#include "formats/zipw.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define W_NS                                                                   \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"       \
    "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"  \
    "relationships\""

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>\n";

static const char settings[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings " W_NS ">"
    "<w:defaultTabStop w:val=\"720\"/>"
    "<w:updateFields w:val=\"true\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
    "</w:compat>"
    "</w:settings>\n";

#define FONTS                                                                  \
    "<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "                       \
    "w:eastAsia=\"Noto Sans CJK TC\" w:cs=\"Calibri\"/>"

static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS
    "<w:sz w:val=\"21\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"zh-HK\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name "
    "w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing "
    "w:before=\"2400\" w:after=\"240\"/></w:pPr><w:rPr><w:b/>"
    "<w:sz w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name "
    "w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:rPr>"
    "<w:sz w:val=\"26\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name "
    "w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next "
    "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/>"
    "<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>"
    "</w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name "
    "w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next "
    "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name "
    "w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next "
    "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"160\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"22\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:left w:val=\"single\" "
    "w:sz=\"24\" w:space=\"6\" w:color=\"B8860B\"/></w:pBdr><w:shd "
    "w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF8E1\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name "
    "w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/><w:next "
    "w:val=\"Normal\"/><w:pPr><w:keepNext/><w:pageBreakBefore/><w:spacing "
    "w:before=\"240\" w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:sz "
    "w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:spacing "
    "w:after=\"40\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:spacing "
    "w:after=\"20\"/><w:ind w:left=\"360\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name "
    "w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc "
    "w:val=\"center\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name "
    "w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc "
    "w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table "
    "Grid\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz "
    "w:val=\"17\"/></w:rPr><w:tblPr><w:tblBorders>"
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
    "w:color=\"999999\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
    "w:color=\"999999\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"80\" "
    "w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
    "</w:tblPr></w:style>"
    "</w:styles>\n";

/* XML text: escapes markup and drops characters XML 1.0 forbids. */
static void add_xml(struct strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        switch (c) {
        case '&':
            strbuf_addstr(sb, "&amp;");
            break;
        case '<':
            strbuf_addstr(sb, "&lt;");
            break;
        case '>':
            strbuf_addstr(sb, "&gt;");
            break;
        case '"':
            strbuf_addstr(sb, "&quot;");
            break;
        default:
            if (c < 0x20 && c != '\t')
                strbuf_addch(sb, ' ');
            else
                strbuf_addch(sb, (char)c);
        }
    }
}

/* Run properties of a piece of text (schema order: b, color, spacing). */
struct run_style {
    bool bold;
    const char *color; /* hex RRGGBB, or NULL */
    bool spaced;       /* letter-spaced (the banner) */
};

/* Runs for text; highlighted spans are bold and coloured. */
static void add_runs(struct strbuf *sb, const char *text,
                     const struct run_style *base)
{
    static const struct run_style plain = {false, NULL, false};
    const char *p = text;
    size_t len;
    int kind;

    if (!base)
        base = &plain;
    while ((kind = doc_next_span(p, &len)) >= 0) {
        const char *mark = kind == DOC_SPAN_MISSING      ? "B00000"
                           : kind == DOC_SPAN_UNVERIFIED ? "9A5B00"
                           : kind == DOC_SPAN_FICTIONAL  ? "6A1B9A"
                                                         : NULL;
        bool bold = base->bold || mark;
        const char *color = mark ? mark : base->color;

        strbuf_addstr(sb, "<w:r>");
        if (bold || color || base->spaced) {
            strbuf_addstr(sb, "<w:rPr>");
            if (bold)
                strbuf_addstr(sb, "<w:b/>");
            if (color)
                strbuf_addf(sb, "<w:color w:val=\"%s\"/>", color);
            if (base->spaced)
                strbuf_addstr(sb, "<w:spacing w:val=\"40\"/>");
            strbuf_addstr(sb, "</w:rPr>");
        }
        strbuf_addstr(sb, "<w:t xml:space=\"preserve\">");
        add_xml(sb, p, len);
        strbuf_addstr(sb, "</w:t></w:r>");
        p += len;
    }
}

static void para(struct strbuf *sb, const char *style, const char *text)
{
    strbuf_addstr(sb, "<w:p>");
    if (style)
        strbuf_addf(sb, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
    add_runs(sb, text, NULL);
    strbuf_addstr(sb, "</w:p>");
}

/* Longest run of characters without a space in s (CJK counted double). */
static size_t word_chars(const char *s, size_t *total)
{
    size_t best = 0, cur = 0, all = 0;

    for (; *s; s++) {
        if (((unsigned char)*s & 0xC0) == 0x80)
            continue;
        all += (unsigned char)*s >= 0xE0 ? 2 : 1;
        if (*s == ' ') {
            cur = 0;
            continue;
        }
        cur += (unsigned char)*s >= 0xE0 ? 2 : 1;
        if (cur > best)
            best = cur;
    }
    *total = all;
    return best;
}

/*
 * Column widths (twips) in proportion to each column's text: room for
 * its longest word (up to 64 characters), the rest shared by the length
 * of its longest cell (up to 48 characters). Text width of A4 with 2 cm
 * margins: 9638 twips; a bold character at 8.5 pt is up to 115 twips.
 */
static void col_widths(const struct doc_block *b, size_t *w)
{
    const double total = 9638, ch = 115;
    double minsum = 0, extra = 0, want[64], minw[64];
    size_t n = b->ncols < 64 ? b->ncols : 64;

    for (size_t c = 0; c < n; c++) {
        size_t word = 3, longest = 4;

        for (size_t r = 0; r < b->nrows; r++) {
            size_t all, wd = word_chars(b->cells[r * b->ncols + c], &all);
            if (wd > word)
                word = wd;
            if (all > longest)
                longest = all;
        }
        if (word > 64)
            word = 64;
        if (longest > 48)
            longest = 48;
        minw[c] = (double)word * ch + 200;
        want[c] = longest > word ? (double)(longest - word) : 0;
        minsum += minw[c];
        extra += want[c];
    }
    for (size_t c = 0; c < b->ncols; c++) {
        double x;

        if (c >= n)
            x = total / (double)b->ncols;
        else if (minsum >= total)
            x = minw[c] / minsum * total;
        else if (extra > 0)
            x = minw[c] + want[c] / extra * (total - minsum);
        else
            x = minw[c] + (total - minsum) / (double)n;
        w[c] = (size_t)x;
    }
}

static void table(struct strbuf *sb, const struct doc_block *b)
{
    static const struct run_style bold = {true, NULL, false};
    size_t *w = xcalloc(b->ncols ? b->ncols : 1, sizeof(*w));

    col_widths(b, w);
    strbuf_addstr(sb, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
                      "<w:tblW w:w=\"5000\" w:type=\"pct\"/>"
                      "<w:tblLayout w:type=\"fixed\"/>"
                      "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" "
                      "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
                      "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for (size_t c = 0; c < b->ncols; c++)
        strbuf_addf(sb, "<w:gridCol w:w=\"%zu\"/>", w[c]);
    strbuf_addstr(sb, "</w:tblGrid>");
    for (size_t r = 0; r < b->nrows; r++) {
        /* Rows never split across pages; the header row repeats. */
        strbuf_addstr(sb, r == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>"
                                   "</w:trPr>"
                                 : "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (size_t c = 0; c < b->ncols; c++) {
            strbuf_addf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%zu\" w:type=\"dxa\"/>",
                        w[c]);
            if (r == 0)
                strbuf_addstr(sb, "<w:shd w:val=\"clear\" w:color=\"auto\" "
                                  "w:fill=\"EEEEEE\"/>");
            strbuf_addstr(sb, "</w:tcPr><w:p>");
            add_runs(sb, b->cells[r * b->ncols + c], r == 0 ? &bold : NULL);
            strbuf_addstr(sb, "</w:p></w:tc>");
        }
        strbuf_addstr(sb, "</w:tr>");
    }
    strbuf_addstr(sb, "</w:tbl><w:p/>");
    free(w);
}

/* The TOC field, pre-filled so it reads well before Word updates it. */
static void toc(struct strbuf *sb, const struct doc *d)
{
    strbuf_addstr(sb, "<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/>"
                      "</w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>");
    strbuf_addstr(sb,
                  "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>"
                  "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/>"
                  "</w:r><w:r><w:instrText xml:space=\"preserve\"> TOC "
                  "\\o &quot;1-2&quot; \\h \\z \\u </w:instrText></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                  "</w:p>");
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];

        if (b->kind == DOC_H1)
            para(sb, "TOC1", b->text);
        else if (b->kind == DOC_H2)
            para(sb, "TOC2", b->text);
    }
    strbuf_addstr(sb, "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                      "</w:p>");
}

static void body(struct strbuf *sb, const struct doc *d)
{
    int bookmark = 0;
    bool toc_done = false;

    strbuf_addstr(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<w:document " W_NS "><w:body>");
    para(sb, "Title", d->title);
    if (d->subtitle)
        para(sb, "Subtitle", d->subtitle);
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
        case DOC_H3:
            strbuf_addf(sb,
                        "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>"
                        "<w:bookmarkStart w:id=\"%d\" w:name=\"%s\"/>",
                        (int)(b->kind - DOC_H1) + 1, bookmark, b->anchor);
            add_runs(sb, b->text, NULL);
            strbuf_addf(sb, "<w:bookmarkEnd w:id=\"%d\"/></w:p>", bookmark);
            bookmark++;
            break;
        case DOC_P: {
            size_t n = strlen(b->text);

            /* A paragraph introducing a table stays with it. */
            if (n && b->text[n - 1] == ':') {
                strbuf_addstr(sb, "<w:p><w:pPr><w:keepNext/></w:pPr>");
                add_runs(sb, b->text, NULL);
                strbuf_addstr(sb, "</w:p>");
            } else
                para(sb, NULL, b->text);
            break;
        }
        case DOC_NOTE:
            para(sb, "Note", b->text);
            break;
        case DOC_BREAK:
            strbuf_addstr(sb, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
            break;
        case DOC_TABLE:
            table(sb, b);
            break;
        }
    }
    if (!toc_done)
        toc(sb, d);
    strbuf_addstr(sb, "<w:sectPr><w:headerReference w:type=\"default\" "
                      "r:id=\"rId3\"/><w:footerReference w:type=\"default\" "
                      "r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                      "<w:pgMar w:top=\"1134\" w:right=\"1134\" "
                      "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
                      "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
                      "</w:body></w:document>\n");
}

static void header(struct strbuf *sb, const struct doc *d)
{
    static const struct run_style style = {true, "8B0000", true};

    strbuf_addstr(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<w:hdr " W_NS "><w:p><w:pPr>"
                      "<w:pStyle w:val=\"Header\"/></w:pPr>");
    add_runs(sb, d->banner, &style);
    strbuf_addstr(sb, "</w:p></w:hdr>\n");
}

static void footer(struct strbuf *sb, const struct doc *d)
{
    static const struct run_style style = {true, "8B0000", false};

    strbuf_addstr(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<w:ftr " W_NS "><w:p><w:pPr>"
                      "<w:pStyle w:val=\"Footer\"/></w:pPr>");
    add_runs(sb, d->banner, &style);
    if (d->footer) {
        add_runs(sb, " \xc2\xb7 ", NULL);
        add_runs(sb, d->footer, NULL);
    }
    strbuf_addstr(sb,
                  "<w:r><w:t xml:space=\"preserve\"> \xc2\xb7 Page </w:t></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                  "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"
                  "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                  "<w:r><w:t>1</w:t></w:r><w:r><w:fldChar "
                  "w:fldCharType=\"end\"/></w:r>"
                  "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                  "<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"
                  "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                  "<w:r><w:t>1</w:t></w:r><w:r><w:fldChar "
                  "w:fldCharType=\"end\"/></w:r>"
                  "</w:p></w:ftr>\n");
}

static void core(struct strbuf *sb, const struct doc *d)
{
    strbuf_addstr(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<cp:coreProperties "
                      "xmlns:cp=\"http://schemas.openxmlformats.org/package/"
                      "2006/metadata/core-properties\" "
                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                      "<dc:title>");
    add_xml(sb, d->title, strlen(d->title));
    strbuf_addstr(sb, "</dc:title><cp:keywords>CONFIDENTIAL</cp:keywords>"
                      "<dc:creator>dossier</dc:creator></cp:coreProperties>\n");
}

enum err_code doc_render_docx(const struct doc *d, const char *path,
                              struct err *e)
{
    struct zipw *z;
    struct strbuf sb = STRBUF_INIT;
    enum err_code rc;

    rc = zipw_open(path, &z, e);
    if (rc)
        return rc;
    rc = zipw_add(z, "[Content_Types].xml", content_types,
                  strlen(content_types), true, e);
    if (!rc)
        rc = zipw_add(z, "_rels/.rels", root_rels, strlen(root_rels), true, e);
    if (!rc) {
        core(&sb, d);
        rc = zipw_add(z, "docProps/core.xml", sb.buf, sb.len, true, e);
    }
    if (!rc)
        rc = zipw_add(z, "word/_rels/document.xml.rels", doc_rels,
                      strlen(doc_rels), true, e);
    if (!rc)
        rc = zipw_add(z, "word/styles.xml", styles, strlen(styles), true, e);
    if (!rc)
        rc = zipw_add(z, "word/settings.xml", settings, strlen(settings), true,
                      e);
    if (!rc) {
        strbuf_reset(&sb);
        header(&sb, d);
        rc = zipw_add(z, "word/header1.xml", sb.buf, sb.len, true, e);
    }
    if (!rc) {
        strbuf_reset(&sb);
        footer(&sb, d);
        rc = zipw_add(z, "word/footer1.xml", sb.buf, sb.len, true, e);
    }
    if (!rc) {
        strbuf_reset(&sb);
        body(&sb, d);
        rc = zipw_add(z, "word/document.xml", sb.buf, sb.len, true, e);
    }
    strbuf_release(&sb);
    if (rc) {
        zipw_discard(z);
        return rc;
    }
    return zipw_close(z, e);
}
