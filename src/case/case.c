/*
 * case: validation, normalisation and the write side of the data model.
 * Every value is checked against its property's type before it reaches
 * the store; nothing here issues SQL or prints.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case/case.h"
#include "util/date.h"
#include "util/parse.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Longest list of names put into an error message. */
#define LIST_MAX 400

/* --- helpers --- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* True when s is well-formed UTF-8 without NUL or C0 controls other than
 * tab and newline (and CR). */
static bool utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        unsigned c = *p;
        size_t n;
        unsigned cp;

        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return false;
            if (c == 0x7f)
                return false;
            p++;
            continue;
        }
        if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        /* Overlong forms, surrogates and out-of-range code points. */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
            (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += n + 1;
    }
    return true;
}

/* Appends s trimmed; with collapse, inner whitespace runs become ' '. */
static enum err_code add_trimmed(struct strbuf *out, const char *s,
                                 bool collapse)
{
    const char *end = s + strlen(s);
    enum err_code rc = ERR_OK;
    bool gap = false;

    while (s < end && is_space((unsigned char)*s))
        s++;
    while (end > s && is_space((unsigned char)end[-1]))
        end--;
    if (!collapse)
        return strbuf_add(out, s, (size_t)(end - s));
    for (; s < end && rc == ERR_OK; s++) {
        if (is_space((unsigned char)*s)) {
            gap = true;
            continue;
        }
        if (gap)
            rc = strbuf_addch(out, ' ');
        gap = false;
        if (rc == ERR_OK)
            rc = strbuf_addch(out, *s);
    }
    return rc;
}

/* Case-insensitive edit distance, capped at 9 (short names only). */
static int distance(const char *a, const char *b)
{
    int prev[33], cur[33];
    size_t la = strlen(a), lb = strlen(b);

    if (la > 32 || lb > 32)
        return 9;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (tolower((unsigned char)a[i - 1]) !=
                                     tolower((unsigned char)b[j - 1]));
            int del = prev[j] + 1, ins = cur[j - 1] + 1;

            cur[j] =
                sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof(int) * (lb + 1));
    }
    return prev[lb] > 9 ? 9 : prev[lb];
}

/* Keeps the closest candidate within a typo's reach ("Persn", "birthdate"). */
static void suggest(const char *word, const char *cand, const char **best,
                    int *best_d)
{
    int d = distance(word, cand);
    int reach = strlen(word) < 5 ? 1 : 2;

    if (d <= reach && d < *best_d) {
        *best = cand;
        *best_d = d;
    }
}

/* Appends "a, b, c" of the names (capped for error messages). */
static void list_schemata(struct strbuf *sb)
{
    for (size_t i = 0; i < schema_count(); i++) {
        const struct schema *s = schema_at(i);

        if (s->flags & SCHEMA_ABSTRACT)
            continue;
        if (sb->len)
            strbuf_addstr(sb, ", ");
        strbuf_addstr(sb, s->name);
    }
}

static void list_props(const struct schema *s, struct strbuf *sb)
{
    size_t n = schema_prop_count(s);

    for (size_t i = 0; i < n; i++) {
        const struct schema_prop *p = schema_prop_at(s, i);
        bool dup = false;

        /* A property redefined lower in the chain is listed once. */
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(schema_prop_at(s, j)->name, p->name) == 0;
        if (dup)
            continue;
        if (sb->len)
            strbuf_addstr(sb, ", ");
        if (strbuf_addstr(sb, p->name)) {
            strbuf_setlen(sb, sb->max > 4 ? sb->max - 4 : 0);
            strbuf_addstr(sb, "...");
            return;
        }
    }
}

/* --- HKID --- */

/*
 * The public HKID check: the prefix letters (a single letter is preceded
 * by a space worth 36; A..Z are 10..35) and six digits are weighted
 * 9, 8, ..., 2; the check digit makes the weighted sum a multiple of 11
 * (10 is written 'A').
 */
enum err_code case_hkid_normalize(const char *s, char out[CASE_HKID_MAX],
                                  struct err *e)
{
    char c[16];
    size_t n = 0, nletters = 0;
    int sum, check;

    out[0] = '\0';
    for (const char *p = s; p && *p; p++) {
        unsigned char ch = (unsigned char)*p;

        if (ch == ' ' || ch == '(' || ch == ')' || ch == '-')
            continue;
        if (n >= 10)
            goto bad;
        c[n++] = (char)toupper(ch);
    }
    if (n != 8 && n != 9)
        goto bad;
    nletters = n - 7;
    for (size_t i = 0; i < nletters; i++)
        if (c[i] < 'A' || c[i] > 'Z')
            goto bad;
    for (size_t i = nletters; i < nletters + 6; i++)
        if (c[i] < '0' || c[i] > '9')
            goto bad;
    if (!((c[n - 1] >= '0' && c[n - 1] <= '9') || c[n - 1] == 'A'))
        goto bad;
    sum = nletters == 1 ? 36 * 9 : 0;
    for (size_t i = 0; i < nletters; i++)
        sum += (c[i] - 'A' + 10) * (int)(nletters == 1 ? 8 : 9 - i);
    for (size_t i = 0; i < 6; i++)
        sum += (c[nletters + i] - '0') * (int)(7 - i);
    check = (11 - sum % 11) % 11;
    if ((check == 10 ? 'A' : '0' + check) != c[n - 1])
        return err_set(e, ERR_INVALID,
                       "HKID '%s' has a wrong check digit (expected %c)", s,
                       check == 10 ? 'A' : '0' + check);
    memcpy(out, c, n - 1);
    out[n - 1] = '(';
    out[n] = c[n - 1];
    out[n + 1] = ')';
    out[n + 2] = '\0';
    return ERR_OK;
bad:
    return err_set(e, ERR_INVALID,
                   "'%s' is not an HKID number (expected one or two letters, "
                   "six digits and a check digit, e.g. A123456(3))",
                   s ? s : "");
}

/* --- value normalisation --- */

/* ISO datetime "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm]" (FtM createdAt). */
static bool is_datetime(const char *s)
{
    struct date_range r;
    char day[11];
    const char *t;
    int i;

    if (strlen(s) < 16 || s[10] != 'T')
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (date_parse(day, &r, NULL) || r.from.prec != DATE_DAY)
        return false;
    t = s + 11;
    for (i = 0; i < 5; i++) {
        if (i == 2 ? t[i] != ':' : !isdigit((unsigned char)t[i]))
            return false;
    }
    if ((t[0] - '0') * 10 + (t[1] - '0') > 23 ||
        (t[3] - '0') * 10 + (t[4] - '0') > 59)
        return false;
    t += 5;
    if (*t == ':') {
        if (!isdigit((unsigned char)t[1]) || !isdigit((unsigned char)t[2]) ||
            (t[1] - '0') * 10 + (t[2] - '0') > 60)
            return false;
        t += 3;
        if (*t == '.') {
            t++;
            if (!isdigit((unsigned char)*t))
                return false;
            while (isdigit((unsigned char)*t))
                t++;
        }
    }
    if (*t == 'Z')
        t++;
    else if (*t == '+' || *t == '-') {
        if (!isdigit((unsigned char)t[1]) || !isdigit((unsigned char)t[2]) ||
            t[3] != ':' || !isdigit((unsigned char)t[4]) ||
            !isdigit((unsigned char)t[5]))
            return false;
        t += 6;
    }
    return *t == '\0';
}

static bool has_space(const char *s)
{
    for (; *s; s++)
        if (is_space((unsigned char)*s))
            return true;
    return false;
}

static enum err_code norm_enum(const struct schema_prop *p, const char *v,
                               struct strbuf *out, struct err *e)
{
    const char *r = p->range ? p->range : "";

    while (*r) {
        const char *bar = strchr(r, '|');
        size_t n = bar ? (size_t)(bar - r) : strlen(r);

        if (strlen(v) == n && strncasecmp(r, v, n) == 0)
            return strbuf_add(out, r, n);
        r += n + (bar ? 1 : 0);
    }
    return err_set(e, ERR_INVALID, "'%s' is not a valid %s (use one of: %s)", v,
                   p->name, p->range ? p->range : "");
}

enum err_code case_value_normalize(const struct schema_prop *p,
                                   const char *value, struct strbuf *out,
                                   struct err *e)
{
    struct strbuf t = STRBUF_INIT;
    enum err_code rc = ERR_OK;
    const char *v;
    double d;

    if (!p || !value)
        return err_set(e, ERR_INVALID, "no value given");
    if (strlen(value) > CASE_VALUE_MAX)
        return err_set(e, ERR_TOOBIG, "value of '%s' is longer than %d bytes",
                       p->name, CASE_VALUE_MAX);
    if (!utf8_ok(value))
        return err_set(e, ERR_INVALID,
                       "value of '%s' is not valid UTF-8 text (or holds "
                       "control characters)",
                       p->name);
    strbuf_init(&t, CASE_VALUE_MAX + 1);
    add_trimmed(&t, value, p->type != SCHEMA_TEXT);
    v = t.buf;
    if (!*v) {
        rc = err_set(e, ERR_INVALID, "empty value for '%s'", p->name);
        goto out;
    }
    switch (p->type) {
    case SCHEMA_TEXT:
    case SCHEMA_STRING:
    case SCHEMA_NAME:
    case SCHEMA_IDENTIFIER:
    case SCHEMA_PHONE:
        if (p->type == SCHEMA_PHONE && !strpbrk(v, "0123456789")) {
            rc = err_set(e, ERR_INVALID, "'%s' is not a phone number", v);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    case SCHEMA_DATE: {
        struct date_range r;
        struct err de = ERR_INIT;
        char buf[DATE_FMT_MAX];

        if (is_datetime(v)) {
            rc = strbuf_addstr(out, v);
            break;
        }
        if (date_parse(v, &r, &de)) {
            rc = err_set(e, ERR_INVALID, "%s: %s", p->name, de.msg);
            break;
        }
        date_format(&r, buf);
        rc = strbuf_addstr(out, buf);
        break;
    }
    case SCHEMA_HKID: {
        char buf[CASE_HKID_MAX];

        rc = case_hkid_normalize(v, buf, e);
        if (rc == ERR_OK)
            rc = strbuf_addstr(out, buf);
        break;
    }
    case SCHEMA_COUNTRY: {
        const char *code = schema_country_code(v);

        if (!code) {
            rc = err_set(e, ERR_INVALID,
                         "unknown country '%s' (use an ISO 3166 code such as "
                         "'hk', 'cn', 'gb' or an English name)",
                         v);
            break;
        }
        rc = strbuf_addstr(out, code);
        break;
    }
    case SCHEMA_ENTITY:
        if (!ids_is_valid(v)) {
            rc = err_set(e, ERR_INVALID, "'%s' is not a valid entity id", v);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    case SCHEMA_NUMBER:
        if (parse_double(v, &d, NULL) || !isfinite(d)) {
            rc = err_set(e, ERR_INVALID, "'%s' is not a number (for '%s')", v,
                         p->name);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    case SCHEMA_LATITUDE:
    case SCHEMA_LONGITUDE: {
        double lim = p->type == SCHEMA_LATITUDE ? 90.0 : 180.0;

        if (parse_double(v, &d, NULL) || !isfinite(d) || d < -lim || d > lim) {
            rc = err_set(e, ERR_INVALID,
                         "'%s' is not a %s in decimal degrees (-%g..%g)", v,
                         schema_type_name(p->type), lim, lim);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    }
    case SCHEMA_URL: {
        const char *sep = strstr(v, "://");
        bool ok = sep && sep > v && sep[3] && !has_space(v);

        for (const char *q = v; ok && q < sep; q++)
            ok = isalnum((unsigned char)*q) || *q == '+' || *q == '-' ||
                 *q == '.';
        if (!ok) {
            rc = err_set(e, ERR_INVALID,
                         "'%s' is not a URL (expected e.g. https://...)", v);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    }
    case SCHEMA_EMAIL: {
        const char *at = strchr(v, '@');

        if (!at || at == v || !at[1] || strchr(at + 1, '@') ||
            !strchr(at + 1, '.') || has_space(v)) {
            rc = err_set(e, ERR_INVALID, "'%s' is not an e-mail address", v);
            break;
        }
        rc = strbuf_addstr(out, v);
        break;
    }
    case SCHEMA_ENUM:
        rc = norm_enum(p, v, out, e);
        break;
    case SCHEMA_BOOL:
        if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
            !strcmp(v, "1") || !strcasecmp(v, "t") || !strcasecmp(v, "y"))
            rc = strbuf_addstr(out, "true");
        else if (!strcasecmp(v, "false") || !strcasecmp(v, "no") ||
                 !strcmp(v, "0") || !strcasecmp(v, "f") || !strcasecmp(v, "n"))
            rc = strbuf_addstr(out, "false");
        else
            rc = err_set(e, ERR_INVALID, "'%s' is not true or false (for '%s')",
                         v, p->name);
        break;
    }
    if (rc == ERR_TOOBIG)
        err_set(e, ERR_TOOBIG, "value of '%s' is too long", p->name);
out:
    strbuf_release(&t);
    return rc;
}

bool case_value_is_protected(const char *schema, const char *prop)
{
    return schema_value_is_protected(schema, prop);
}

/* --- writes --- */

enum err_code case_entity_add(struct store *st, const char *schema_name,
                              const char *id, const char *author, char *id_out,
                              struct err *e)
{
    const struct schema *s = schema_find(schema_name);
    char buf[ID_MAX_LEN + 1];
    enum err_code rc;

    if (id_out)
        id_out[0] = '\0';
    if (!s || (s->flags & SCHEMA_ABSTRACT)) {
        struct strbuf sb = STRBUF_INIT;

        const char *best = NULL;
        int best_d = 99;

        for (size_t i = 0; schema_name && i < schema_count(); i++)
            if (!(schema_at(i)->flags & SCHEMA_ABSTRACT))
                suggest(schema_name, schema_at(i)->name, &best, &best_d);
        strbuf_init(&sb, LIST_MAX);
        list_schemata(&sb);
        rc = err_set(
            e, ERR_INVALID, "unknown schema '%s' (%s%s%suse one of: %s)",
            schema_name ? schema_name : "", best ? "did you mean '" : "",
            best ? best : "", best ? "'? " : "", sb.buf);
        strbuf_release(&sb);
        return rc;
    }
    if (id) {
        if (!ids_is_valid(id))
            return err_set(e, ERR_INVALID,
                           "invalid entity id '%s' (use 1 to %d of A-Z a-z "
                           "0-9 . _ : -)",
                           id, ID_MAX_LEN);
        snprintf(buf, sizeof(buf), "%s", id);
    } else {
        rc = ids_new(buf, e);
        if (rc)
            return rc;
    }
    rc = store_entity_add(st, buf, s->name, author, e);
    if (rc == ERR_OK && id_out)
        memcpy(id_out, buf, strlen(buf) + 1);
    return rc;
}

struct schema_of {
    char name[64];
};

static int get_schema_cb(const struct store_entity *en, void *ctx)
{
    struct schema_of *so = ctx;

    snprintf(so->name, sizeof(so->name), "%s", en->schema);
    return 0;
}

/* Looks up the schema of an entity; ERR_NOTFOUND names it. */
static enum err_code entity_schema(struct store *st, const char *id,
                                   const struct schema **out, struct err *e)
{
    struct schema_of so = {{0}};
    enum err_code rc = store_entity_get(st, id, get_schema_cb, &so, e);

    *out = NULL;
    if (rc)
        return rc;
    *out = schema_find(so.name);
    if (!*out)
        return err_set(e, ERR_INVALID,
                       "entity '%s' has schema '%s', unknown to this program",
                       id, so.name);
    return ERR_OK;
}

static bool is_free_text(enum schema_type t)
{
    return t == SCHEMA_TEXT || t == SCHEMA_STRING || t == SCHEMA_NAME ||
           t == SCHEMA_IDENTIFIER || t == SCHEMA_PHONE;
}

struct live_prop {
    const char *prop;
    int n;
};

static int find_live_prop(const struct store_stmt *s, void *ctx)
{
    struct live_prop *lp = ctx;

    if (strcmp(s->prop, lp->prop) == 0) {
        lp->n++;
        return 1;
    }
    return 0;
}

enum err_code case_prop_add(struct store *st, const char *entity_id,
                            const char *prop, const char *value,
                            const struct case_stmt_opts *opts, int64_t *stmt_id,
                            struct err *e)
{
    static const struct case_stmt_opts defaults = {0};
    const struct schema *s = NULL, *target = NULL;
    const struct schema_prop *p;
    struct strbuf norm = STRBUF_INIT;
    struct store_stmt stmt = {0};
    bool lenient, searchable;
    enum err_code rc;

    if (stmt_id)
        *stmt_id = 0;
    if (!opts)
        opts = &defaults;
    lenient = (opts->flags & CASE_LENIENT) != 0;
    if (!entity_id || !prop || !value)
        return err_set(e, ERR_INVALID,
                       "a statement needs an entity, a property and a value");
    rc = entity_schema(st, entity_id, &s, e);
    if (rc)
        return rc;
    p = schema_prop_find(s, prop, NULL);
    if (!p) {
        struct strbuf sb = STRBUF_INIT;

        const char *best = NULL;
        int best_d = 99;

        for (size_t i = 0; i < schema_prop_count(s); i++)
            suggest(prop, schema_prop_at(s, i)->name, &best, &best_d);
        strbuf_init(&sb, 1500);
        list_props(s, &sb);
        rc = err_set(e, ERR_INVALID,
                     "unknown property '%s' of schema %s (%s%s%suse one of: "
                     "%s)",
                     prop, s->name, best ? "did you mean '" : "",
                     best ? best : "", best ? "'? " : "", sb.buf);
        strbuf_release(&sb);
        return rc;
    }

    strbuf_init(&norm, CASE_VALUE_MAX + 1);
    {
        struct err ve = ERR_INIT;

        rc = case_value_normalize(p, value, &norm, &ve);
        if (rc == ERR_OK && lenient && is_free_text(p->type) &&
            strcmp(norm.buf, value) != 0) {
            /* Imports keep text byte for byte (lossless round trip). */
            strbuf_reset(&norm);
            strbuf_addstr(&norm, value);
        }
        if (rc == ERR_OK && p->type == SCHEMA_ENTITY) {
            rc = entity_schema(st, norm.buf, &target, &ve);
            if (rc == ERR_NOTFOUND) {
                err_clear(&ve);
                rc = err_set(&ve, ERR_NOTFOUND,
                             "no entity '%s' (%s of %s '%s' must refer to an "
                             "existing %s)",
                             norm.buf, prop, s->name, entity_id, p->range);
            } else if (rc == ERR_OK && !schema_is_a(target, p->range)) {
                rc = err_set(&ve, ERR_INVALID,
                             "%s of %s '%s' must be a %s (or a kind of it), "
                             "not %s '%s'",
                             prop, s->name, entity_id, p->range, target->name,
                             norm.buf);
            }
        }
        /*
         * Lenient imports keep a value the checks refuse, verbatim, but
         * never an empty, oversized or non-UTF-8 one.
         */
        if (lenient && (rc == ERR_INVALID || rc == ERR_NOTFOUND) &&
            strlen(value) <= CASE_VALUE_MAX && utf8_ok(value)) {
            struct strbuf raw = STRBUF_INIT;

            strbuf_init(&raw, CASE_VALUE_MAX + 1);
            add_trimmed(&raw, value, false);
            if (raw.len) {
                strbuf_reset(&norm);
                strbuf_add(&norm, raw.buf, raw.len);
                rc = ERR_OK;
            }
            strbuf_release(&raw);
        }
        if (rc) {
            err_set(e, rc, "%s", ve.msg);
            goto out;
        }
    }

    if (opts->source_id && *opts->source_id) {
        const struct schema *src = NULL;

        rc = entity_schema(st, opts->source_id, &src, e);
        if (rc == ERR_NOTFOUND) {
            err_clear(e);
            rc = err_set(e, ERR_NOTFOUND, "no source '%s'", opts->source_id);
        }
        if (rc)
            goto out;
        if (!schema_is_a(src, "Source") && !schema_is_a(src, "Exhibit")) {
            rc = err_set(e, ERR_INVALID,
                         "source '%s' is a %s, not a Source or Exhibit",
                         opts->source_id, src->name);
            goto out;
        }
    }

    /* Single-valued: refuse a second live value (imports keep all). */
    if (!(p->flags & SCHEMA_MULTI) && !lenient) {
        struct live_prop lp = {p->name, 0};

        rc = store_stmt_each(st, entity_id, 0, find_live_prop, &lp, e);
        if (rc)
            goto out;
        if (lp.n) {
            rc = err_set(e, ERR_CONFLICT,
                         "%s of '%s' already has a value (it takes one: "
                         "retract the old one first)",
                         p->name, entity_id);
            goto out;
        }
    }

    stmt.entity_id = entity_id;
    stmt.prop = p->name;
    stmt.value = norm.buf;
    stmt.lang = opts->lang;
    stmt.qualifier = opts->qualifier;
    stmt.source_id = opts->source_id;
    stmt.conf = opts->conf;
    stmt.author = opts->author;
    if (opts->flags & CASE_SKIP_SAME) {
        int64_t same = 0;

        rc = store_stmt_same(st, &stmt, &same, e);
        if (rc || same)
            goto out; /* already there: *stmt_id stays 0 */
    }
    searchable =
        schema_type_is_searchable(p->type) && !schema_prop_is_protected(s, p);
    rc = store_stmt_add(st, &stmt, searchable ? STORE_STMT_FTS : 0, stmt_id, e);
out:
    strbuf_release(&norm);
    return rc;
}

enum err_code case_prop_retract(struct store *st, int64_t stmt_id,
                                const char *reason, const char *author,
                                struct err *e)
{
    return store_stmt_retract(st, stmt_id, reason, author, e);
}
