/*
 * formats/hkco: Hong Kong Companies Registry list exports.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "formats/hkco.h"
#include "util/strbuf.h"
#include "util/banned.h"

static long find_col(struct csv_reader *r, const char *want)
{
    for (size_t i = 0; i < csv_nfields(r); i++) {
        const char *c = csv_field(r, i);
        while (*c == ' ')
            c++;
        if (strncasecmp(c, want, strlen(want)) == 0)
            return (long)i;
    }
    return -1;
}

static const char *cell(struct csv_reader *r, long i)
{
    const char *s;

    if (i < 0)
        return NULL;
    s = csv_field(r, (size_t)i);
    while (*s == ' ')
        s++;
    return *s ? s : NULL;
}

/* True when s holds a CJK ideograph (U+3400..U+9FFF, UTF-8 E3..E9). */
static bool has_han(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE3 && c <= 0xE9)
            return true;
    }
    return false;
}

static void trim(struct strbuf *sb)
{
    strbuf_trim(sb);
}

enum err_code hkco_read(struct csv_reader *r, hkco_cb cb, void *ctx,
                        struct err *e)
{
    struct strbuf en = STRBUF_INIT, zh = STRBUF_INIT;
    long cr, name, inc, dis, type;
    struct hkco_company c;
    enum err_code rc;
    bool got;

    rc = csv_next(r, &got, e);
    if (rc)
        return rc;
    if (!got)
        return err_set(e, ERR_INVALID, "'%s' is empty", csv_name(r));
    cr = find_col(r, "Reg no");
    name = find_col(r, "Name");
    inc = find_col(r, "Incorporated");
    dis = find_col(r, "Dissolved");
    type = find_col(r, "Type");
    if (cr < 0 || name < 0)
        return err_set(e, ERR_INVALID,
                       "'%s' is not a Hong Kong company list (no \"Reg no.\" "
                       "and \"Name\" columns)",
                       csv_name(r));
    for (;;) {
        const char *nm, *nl;

        rc = csv_next(r, &got, e);
        if (rc || !got)
            break;
        memset(&c, 0, sizeof(c));
        c.line = csv_line(r);
        c.cr_number = cell(r, cr);
        if (!c.cr_number) {
            rc = err_set(e, ERR_INVALID, "%s:%zu: no CR number", csv_name(r),
                         c.line);
            break;
        }
        strbuf_reset(&en);
        strbuf_reset(&zh);
        nm = cell(r, name);
        if (nm) {
            nl = strpbrk(nm, "\r\n");
            if (nl) {
                strbuf_add(&en, nm, (size_t)(nl - nm));
                strbuf_addstr(&zh, nl + 1);
            } else {
                strbuf_addstr(&en, nm);
            }
            trim(&en);
            trim(&zh);
            /* One part only: its script says which name it is. */
            if (!zh.len && has_han(en.buf, en.len)) {
                strbuf_addstr(&zh, en.buf);
                strbuf_reset(&en);
            }
        }
        c.name_en = en.len ? en.buf : NULL;
        c.name_zh = zh.len ? zh.buf : NULL;
        c.incorporated = cell(r, inc);
        c.dissolved = cell(r, dis);
        c.type = cell(r, type);
        if (cb(&c, ctx))
            break;
    }
    strbuf_release(&en);
    strbuf_release(&zh);
    return rc;
}
