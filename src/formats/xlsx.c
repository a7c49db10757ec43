/*
 * xlsx: workbook -> first sheet -> rows. Parts are decompressed into
 * memory (capped) and parsed with formats/xml; the sheet is walked row
 * by row, each <row> read as a small subtree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xlsx.h"
#include "formats/xml.h"
#include "formats/zipr.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define XLSX_PART_MAX (256u << 20) /* decompressed bytes per part */
#define XLSX_MAX_COLS 1024
#define XLSX_MAX_STRINGS 4000000

/* A zip member read as a stream, capped at XLSX_PART_MAX bytes. */
struct zstream {
    struct zipr_entry *f;
    uint64_t total;
    bool toobig;
};

struct xlsx_reader {
    char *name;
    struct zipr *zip;
    char **strings; /* shared strings (owned) */
    size_t nstrings;
    struct zstream sheet; /* the first worksheet, streamed */
    struct xml_reader *xr;
    struct arena row_arena;
    const char **cells; /* current row, arena or "" */
    size_t ncells;
    size_t rownum;
};

static enum err_code read_part(struct xlsx_reader *r, const char *part,
                               bool required, char **out, size_t *len,
                               struct err *e)
{
    struct zipr_entry *f;
    uint64_t size = 0;
    size_t n = 0, got = 1;
    char *buf;
    enum err_code rc;

    *out = NULL;
    *len = 0;
    rc = zipr_size(r->zip, part, &size, NULL);
    if (rc == ERR_NOTFOUND) {
        if (!required)
            return ERR_OK;
        return err_set(e, ERR_INVALID, "%s: workbook part '%s' missing",
                       r->name, part);
    }
    if (rc || size > XLSX_PART_MAX)
        return err_set(e, ERR_TOOBIG, "%s: workbook part '%s' too large",
                       r->name, part);
    if (zipr_entry_open(r->zip, part, &f, NULL))
        return err_set(e, ERR_INVALID, "%s: cannot read workbook part '%s'",
                       r->name, part);
    buf = xmalloc((size_t)size + 1);
    rc = ERR_OK;
    while (!rc && n < size && got > 0) {
        rc = zipr_entry_read(f, buf + n, (size_t)size - n, &got, NULL);
        n += got;
    }
    zipr_entry_close(f);
    if (rc || n != size) {
        free(buf);
        return err_set(e, ERR_INVALID, "%s: workbook part '%s' is corrupt",
                       r->name, part);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return ERR_OK;
}

static int zstream_read(void *ctx, char *buf, int len)
{
    struct zstream *z = ctx;
    size_t n = 0;

    if (len <= 0)
        return 0;
    if (zipr_entry_read(z->f, buf, (size_t)len, &n, NULL))
        return -1;
    z->total += n;
    if (z->total > XLSX_PART_MAX) {
        z->toobig = true;
        return -1;
    }
    return (int)n;
}

/* Opens a member for streaming; ERR_INVALID naming it when missing. */
static enum err_code zstream_open(struct xlsx_reader *r, const char *part,
                                  struct zstream *z, struct err *e)
{
    memset(z, 0, sizeof(*z));
    if (zipr_entry_open(r->zip, part, &z->f, NULL))
        return err_set(e, ERR_INVALID, "%s: workbook part '%s' missing",
                       r->name, part);
    return ERR_OK;
}

static void zstream_close(struct zstream *z)
{
    zipr_entry_close(z->f);
    z->f = NULL;
}

/* Concatenates the <t> texts under a node (rich text runs, <is>). */
static void collect_t(const struct xml_node *n, struct strbuf *sb)
{
    if (strcmp(n->name, "t") == 0) {
        strbuf_addstr(sb, n->text);
        return;
    }
    if (strcmp(n->name, "rPh") == 0)
        return; /* phonetic hints are not part of the value */
    for (size_t i = 0; i < n->nchildren; i++)
        collect_t(&n->children[i], sb);
}

static enum err_code load_strings(struct xlsx_reader *r, struct err *e)
{
    size_t alloc = 0;
    struct xml_reader *xr;
    struct zstream z;
    struct arena a;
    enum err_code rc;
    bool got;

    if (!zipr_locate(r->zip, "xl/sharedStrings.xml", NULL))
        return ERR_OK; /* a workbook without shared strings */
    rc = zstream_open(r, "xl/sharedStrings.xml", &z, e);
    if (rc)
        return rc;
    rc = xml_open_fn(zstream_read, &z, r->name, &xr, e);
    if (rc) {
        zstream_close(&z);
        return rc;
    }
    arena_init(&a, 4096);
    while (!(rc = xml_next(xr, &got, e)) && got) {
        struct xml_node *si;
        struct strbuf sb = STRBUF_INIT;

        if (xml_kind(xr) != XML_START || strcmp(xml_name(xr), "si") != 0)
            continue;
        if (r->nstrings >= XLSX_MAX_STRINGS) {
            rc = err_set(e, ERR_TOOBIG, "%s: too many shared strings", r->name);
            break;
        }
        rc = xml_read_tree(xr, &a, 10000, &si, e);
        if (rc)
            break;
        collect_t(si, &sb);
        ALLOC_GROW(r->strings, r->nstrings + 1, alloc);
        r->strings[r->nstrings++] = strbuf_detach(&sb, NULL);
        arena_release(&a);
        arena_init(&a, 4096);
    }
    arena_release(&a);
    xml_free(xr);
    if (z.toobig)
        rc = err_set(e, ERR_TOOBIG, "%s: shared strings too large", r->name);
    zstream_close(&z);
    if (rc)
        err_prefix(e, "sharedStrings");
    return rc;
}

/* Finds the first sheet's part name through workbook.xml and its rels. */
static enum err_code first_sheet(struct xlsx_reader *r, char *out, size_t n,
                                 struct err *e)
{
    char *buf;
    size_t len;
    struct xml_reader *xr;
    char rid[128] = "", target[512] = "";
    enum err_code rc;
    bool got;

    snprintf(out, n, "xl/worksheets/sheet1.xml");
    rc = read_part(r, "xl/workbook.xml", false, &buf, &len, e);
    if (rc || !buf)
        return rc;
    rc = xml_open_mem(buf, len, r->name, &xr, e);
    while (!rc && !(rc = xml_next(xr, &got, e)) && got)
        if (xml_kind(xr) == XML_START && strcmp(xml_name(xr), "sheet") == 0) {
            xml_attr(xr, "r:id", rid, sizeof(rid));
            break;
        }
    xml_free(xr);
    free(buf);
    if (rc || !*rid)
        return rc;
    rc = read_part(r, "xl/_rels/workbook.xml.rels", false, &buf, &len, e);
    if (rc || !buf)
        return rc;
    rc = xml_open_mem(buf, len, r->name, &xr, e);
    while (!rc && !(rc = xml_next(xr, &got, e)) && got) {
        char id[128];

        if (xml_kind(xr) == XML_START &&
            strcmp(xml_name(xr), "Relationship") == 0 &&
            xml_attr(xr, "Id", id, sizeof(id)) && strcmp(id, rid) == 0) {
            xml_attr(xr, "Target", target, sizeof(target));
            break;
        }
    }
    xml_free(xr);
    free(buf);
    if (!rc && *target) {
        if (target[0] == '/')
            snprintf(out, n, "%s", target + 1);
        else
            snprintf(out, n, "xl/%s", target);
    }
    return rc;
}

static enum err_code open_common(struct xlsx_reader *r,
                                 struct xlsx_reader **out, struct err *e)
{
    char part[600];
    enum err_code rc;

    arena_init(&r->row_arena, 16384);
    rc = load_strings(r, e);
    if (!rc)
        rc = first_sheet(r, part, sizeof(part), e);
    if (!rc)
        rc = zstream_open(r, part, &r->sheet, e);
    if (!rc)
        rc = xml_open_fn(zstream_read, &r->sheet, r->name, &r->xr, e);
    if (rc) {
        xlsx_free(r);
        return rc;
    }
    *out = r;
    return ERR_OK;
}

enum err_code xlsx_open_file(const char *path, struct xlsx_reader **out,
                             struct err *e)
{
    struct xlsx_reader *r;

    *out = NULL;
    r = xcalloc(1, sizeof(*r));
    r->name = xstrdup(path);
    if (zipr_open_file(path, 0, &r->zip, NULL)) {
        xlsx_free(r);
        return err_set(e, ERR_INVALID, "'%s' is not a readable XLSX (zip) file",
                       path);
    }
    return open_common(r, out, e);
}

enum err_code xlsx_open_mem(const void *data, size_t len, const char *name,
                            struct xlsx_reader **out, struct err *e)
{
    struct xlsx_reader *r;

    *out = NULL;
    r = xcalloc(1, sizeof(*r));
    r->name = xstrdup(name ? name : "(memory)");
    if (zipr_open_mem(data, len, 0, &r->zip, NULL)) {
        enum err_code rc = err_set(
            e, ERR_INVALID, "'%s' is not a readable XLSX (zip) file", r->name);

        xlsx_free(r);
        return rc;
    }
    return open_common(r, out, e);
}

void xlsx_free(struct xlsx_reader *r)
{
    if (!r)
        return;
    /* The XML reader reads from the member, the member from the zip. */
    xml_free(r->xr);
    zstream_close(&r->sheet);
    zipr_close(r->zip);
    for (size_t i = 0; i < r->nstrings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r->name);
    arena_release(&r->row_arena);
    free(r);
}

/* 0-based column of a cell reference like "AB12"; -1 when absent. */
static long column_of(const char *ref)
{
    long col = 0;
    int k = 0;

    if (!ref)
        return -1;
    while (*ref >= 'A' && *ref <= 'Z' && k < 4) {
        col = col * 26 + (*ref - 'A' + 1);
        ref++;
        k++;
    }
    return k ? col - 1 : -1;
}

enum err_code xlsx_next_row(struct xlsx_reader *r, bool *got, struct err *e)
{
    enum err_code rc;
    struct xml_node *row;
    bool g;

    *got = false;
    for (;;) {
        rc = xml_next(r->xr, &g, e);
        if (rc && r->sheet.toobig) {
            err_clear(e);
            return err_set(e, ERR_TOOBIG, "%s: worksheet too large", r->name);
        }
        if (rc || !g)
            return rc;
        if (xml_kind(r->xr) == XML_START && strcmp(xml_name(r->xr), "row") == 0)
            break;
    }
    arena_release(&r->row_arena);
    arena_init(&r->row_arena, 16384);
    rc = xml_read_tree(r->xr, &r->row_arena, 4 * XLSX_MAX_COLS + 16, &row, e);
    if (rc)
        return rc;
    {
        const char *rn = xml_node_attr(row, "r");
        long next = 0;

        r->rownum = rn ? strtoul(rn, NULL, 10) : r->rownum + 1;
        r->ncells = 0;
        r->cells = arena_calloc(&r->row_arena, XLSX_MAX_COLS, sizeof(char *));
        for (size_t i = 0; i < row->nchildren; i++) {
            const struct xml_node *c = &row->children[i];
            const char *t = xml_node_attr(c, "t");
            long col = column_of(xml_node_attr(c, "r"));
            const char *v = xml_child_text(c, "v");
            const char *text = "";

            if (strcmp(c->name, "c") != 0)
                continue;
            if (col < 0)
                col = next;
            if (col >= XLSX_MAX_COLS)
                return err_set(e, ERR_TOOBIG, "%s: row %zu: too many columns",
                               r->name, r->rownum);
            next = col + 1;
            if (t && strcmp(t, "s") == 0) {
                char *end;
                unsigned long k = v ? strtoul(v, &end, 10) : 0;

                if (!v || *end || k >= r->nstrings)
                    return err_set(e, ERR_INVALID,
                                   "%s: row %zu: bad shared string index",
                                   r->name, r->rownum);
                text = r->strings[k];
            } else if (t && strcmp(t, "inlineStr") == 0) {
                struct strbuf sb = STRBUF_INIT;
                const struct xml_node *is = xml_child(c, "is");

                if (is)
                    collect_t(is, &sb);
                text = arena_strdup(&r->row_arena, sb.buf);
                strbuf_release(&sb);
            } else if (v) {
                text = v;
            }
            r->cells[col] = text;
            if ((size_t)col + 1 > r->ncells)
                r->ncells = (size_t)col + 1;
        }
    }
    *got = true;
    return ERR_OK;
}

size_t xlsx_ncells(const struct xlsx_reader *r)
{
    return r->ncells;
}

const char *xlsx_cell(const struct xlsx_reader *r, size_t col)
{
    if (col >= r->ncells || !r->cells[col])
        return "";
    return r->cells[col];
}

size_t xlsx_row_number(const struct xlsx_reader *r)
{
    return r->rownum;
}

const char *xlsx_name(const struct xlsx_reader *r)
{
    return r->name;
}

bool xlsx_serial_to_iso(const char *s, char out[16])
{
    char *end;
    double v = strtod(s, &end);
    int64_t days;
    int y, m, d;

    if (end == s || (*end && *end != '.') || v < 1 || v > 2958465)
        return false;
    /* Serial 25569 is 1970-01-01 (Excel counts the fictitious 1900-02-29). */
    days = (int64_t)v - 25569;
    {
        /* Civil-from-days (H. Hinnant's algorithm). */
        int64_t z = days + 719468;
        int64_t era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097;
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int64_t mp = (5 * doy + 2) / 153;

        d = (int)(doy - (153 * mp + 2) / 5 + 1);
        m = (int)(mp < 10 ? mp + 3 : mp - 9);
        y = (int)(yoe + era * 400 + (m <= 2));
    }
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
    return true;
}
