/*
 * queries: the query files of batch screening (`dossier screen
 * --queries FILE`): TSV with a header (no quoting: a field is everything
 * between tabs) or CSV (RFC 4180, via formats/csv). See screen.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/csv.h"
#include "screen/screen.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum qcol {
    QC_NAME = 0,
    QC_DOB,
    QC_NAT,
    QC_GENDER,
    QC_PASSPORT,
    QC_NATID,
    QC_COUNT,
};

static const struct {
    const char *header;
    enum qcol col;
} headers[] = {
    {"query", QC_NAME},        {"name", QC_NAME},
    {"full_name", QC_NAME},    {"birth_date", QC_DOB},
    {"date_of_birth", QC_DOB}, {"dob", QC_DOB},
    {"birthdate", QC_DOB},     {"nationality", QC_NAT},
    {"country", QC_NAT},       {"gender", QC_GENDER},
    {"passport", QC_PASSPORT}, {"national_id", QC_NATID},
    {"id_number", QC_NATID},
};

void screen_queries_init(struct screen_queries *qs)
{
    qs->rows = NULL;
    qs->nrows = 0;
    qs->alloc = 0;
    arena_init(&qs->arena, 0);
}

void screen_queries_release(struct screen_queries *qs)
{
    free(qs->rows);
    arena_release(&qs->arena);
    screen_queries_init(qs);
}

/* True when s[0..n) is valid UTF-8 without NUL bytes. */
static bool utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        size_t k;

        if (c < 0x80) {
            if (c == 0)
                return false;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            k = 1;
        else if (c >= 0xe0 && c <= 0xef)
            k = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            k = 3;
        else
            return false;
        if (i + k >= n)
            return false;
        for (size_t j = 1; j <= k; j++)
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\r' || **s == '"')) {
        (*s)++;
        (*n)--;
    }
    while (*n &&
           ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '"'))
        (*n)--;
}

static int find_header(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
        if (strlen(headers[i].header) == n &&
            strncasecmp(headers[i].header, s, n) == 0)
            return (int)headers[i].col;
    return -1;
}

static const char *norm_gender(const char *g)
{
    if (!g)
        return NULL;
    if (strcasecmp(g, "male") == 0 || strcasecmp(g, "m") == 0)
        return "male";
    if (strcasecmp(g, "female") == 0 || strcasecmp(g, "f") == 0)
        return "female";
    return NULL;
}

/* Adds one data row given its fields (borrowed, not NUL-terminated). */
static enum err_code add_row(struct screen_queries *qs,
                             const int cols[QC_COUNT], const char *const *f,
                             const size_t *fl, size_t nf, size_t line,
                             const char *name, struct err *e)
{
    struct screen_qrow *r;
    const char *v[QC_COUNT] = {0};

    if (qs->nrows >= SCREEN_QUERIES_MAX_ROWS)
        return err_set(e, ERR_TOOBIG, "%s: line %zu: more than %u queries",
                       name, line, SCREEN_QUERIES_MAX_ROWS);
    for (int c = 0; c < QC_COUNT; c++) {
        const char *s;
        size_t n;

        if (cols[c] < 0)
            continue;
        if ((size_t)cols[c] >= nf) {
            if (c == QC_NAME)
                return err_set(e, ERR_INVALID,
                               "%s: line %zu: %zu fields, the name is in "
                               "column %d",
                               name, line, nf, cols[c] + 1);
            continue;
        }
        s = f[cols[c]];
        n = fl[cols[c]];
        if (!utf8_valid(s, n))
            return err_set(e, ERR_INVALID,
                           "%s: line %zu: invalid UTF-8 in column %d", name,
                           line, cols[c] + 1);
        trim(&s, &n);
        if (n || c == QC_NAME)
            v[c] = arena_strndup(&qs->arena, s, n);
    }
    ALLOC_GROW(qs->rows, qs->nrows + 1, qs->alloc);
    r = &qs->rows[qs->nrows++];
    r->row = qs->nrows;
    r->line = line;
    r->name = v[QC_NAME] ? v[QC_NAME] : "";
    r->birth_date = v[QC_DOB];
    r->nationality = v[QC_NAT];
    r->gender = norm_gender(v[QC_GENDER]);
    r->passport = v[QC_PASSPORT];
    r->national_id = v[QC_NATID];
    return ERR_OK;
}

static enum err_code header_cols(const char *const *f, const size_t *fl,
                                 size_t nf, int cols[QC_COUNT],
                                 const char *name, struct err *e)
{
    for (int c = 0; c < QC_COUNT; c++)
        cols[c] = -1;
    for (size_t i = 0; i < nf; i++) {
        const char *s = f[i];
        size_t n = fl[i];
        int c;

        if (i == 0 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
            s += 3;
            n -= 3;
        }
        trim(&s, &n);
        c = find_header(s, n);
        if (c >= 0 && cols[c] < 0)
            cols[c] = (int)i;
    }
    if (cols[QC_NAME] < 0)
        return err_set(e, ERR_INVALID,
                       "%s: line 1: the header names no 'query', 'name' or "
                       "'full_name' column",
                       name);
    return ERR_OK;
}

#define MAX_FIELDS 256

static enum err_code parse_tsv(const char *data, size_t len, const char *name,
                               struct screen_queries *qs, struct err *e)
{
    const char *f[MAX_FIELDS];
    size_t fl[MAX_FIELDS];
    int cols[QC_COUNT];
    size_t line = 0, pos = 0;
    bool header = true;

    while (pos < len) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        size_t nf = 0, start = 0;
        enum err_code rc;

        pos += n + (nl ? 1 : 0);
        line++;
        if (n && s[n - 1] == '\r')
            n--;
        if (n == 0 && !header)
            continue;
        for (size_t i = 0; i <= n; i++) {
            if (i == n || s[i] == '\t') {
                if (nf < MAX_FIELDS) {
                    f[nf] = s + start;
                    fl[nf] = i - start;
                    nf++;
                }
                start = i + 1;
            }
        }
        if (header) {
            rc = header_cols(f, fl, nf, cols, name, e);
            header = false;
        } else {
            rc = add_row(qs, cols, f, fl, nf, line, name, e);
        }
        if (rc != ERR_OK)
            return rc;
    }
    if (header)
        return err_set(e, ERR_INVALID, "%s: empty queries file", name);
    return ERR_OK;
}

static enum err_code parse_csv(const char *data, size_t len, const char *name,
                               struct screen_queries *qs, struct err *e)
{
    struct csv_limits lim = {1u << 16, 1u << 20, MAX_FIELDS};
    struct csv_reader *r = NULL;
    const char *f[MAX_FIELDS];
    size_t fl[MAX_FIELDS];
    int cols[QC_COUNT];
    bool header = true, got;
    enum err_code rc;

    rc = csv_open_mem(data, len, name, &lim, &r, e);
    if (rc != ERR_OK)
        return rc;
    for (;;) {
        size_t nf;

        rc = csv_next(r, &got, e);
        if (rc != ERR_OK || !got)
            break;
        nf = csv_nfields(r);
        if (nf > MAX_FIELDS)
            nf = MAX_FIELDS;
        if (!header && nf == 1 && csv_field_len(r, 0) == 0)
            continue;
        for (size_t i = 0; i < nf; i++) {
            f[i] = csv_field(r, i);
            fl[i] = csv_field_len(r, i);
        }
        if (header) {
            rc = header_cols(f, fl, nf, cols, name, e);
            header = false;
        } else {
            rc = add_row(qs, cols, f, fl, nf, csv_line(r), name, e);
        }
        if (rc != ERR_OK)
            break;
    }
    csv_free(r);
    if (rc == ERR_OK && header)
        rc = err_set(e, ERR_INVALID, "%s: empty queries file", name);
    return rc;
}

enum err_code screen_queries_parse(const char *data, size_t len,
                                   const char *name, struct screen_queries *qs,
                                   struct err *e)
{
    const char *nl;
    size_t first;

    if (len > SCREEN_QUERIES_MAX_BYTES)
        return err_set(e, ERR_TOOBIG, "%s: queries file over %u bytes", name,
                       SCREEN_QUERIES_MAX_BYTES);
    if (len == 0)
        return err_set(e, ERR_INVALID, "%s: empty queries file", name);
    nl = memchr(data, '\n', len);
    first = nl ? (size_t)(nl - data) : len;
    if (memchr(data, '\t', first))
        return parse_tsv(data, len, name, qs, e);
    if (memchr(data, ',', first))
        return parse_csv(data, len, name, qs, e);
    /* One column: a list of names with a header line. */
    return parse_tsv(data, len, name, qs, e);
}

enum err_code screen_queries_load(const char *path, struct screen_queries *qs,
                                  struct err *e)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, alloc = 0;
    enum err_code rc;

    if (!f)
        return err_set(e, ERR_IO, "cannot open queries file '%s'", path);
    for (;;) {
        size_t got;

        if (len > SCREEN_QUERIES_MAX_BYTES) {
            fclose(f);
            free(buf);
            return err_set(e, ERR_TOOBIG, "%s: queries file over %u bytes",
                           path, SCREEN_QUERIES_MAX_BYTES);
        }
        ALLOC_GROW(buf, len + 65536, alloc);
        got = fread(buf + len, 1, alloc - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return err_set(e, ERR_IO, "cannot read queries file '%s'", path);
    }
    fclose(f);
    rc = screen_queries_parse(buf, len, path, qs, e);
    free(buf);
    return rc;
}
