/*
 * date: parsing and arithmetic for dates with precision.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/date.h"
#include "util/banned.h"

static const char *const month_names[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int date_days_in_month(int year, int month)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap;

    if (month < 1 || month > 12)
        return 0;
    leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return dim[month - 1] + (month == 2 && leap);
}

int64_t date_days(int y, int m, int d)
{
    /* Howard Hinnant's days_from_civil. */
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool valid(const struct date *d)
{
    if (d->prec == DATE_NONE || d->year < 1 || d->year > 9999)
        return false;
    if (d->prec >= DATE_MONTH && (d->month < 1 || d->month > 12))
        return false;
    if (d->prec == DATE_DAY &&
        (d->day < 1 || d->day > date_days_in_month(d->year, d->month)))
        return false;
    return true;
}

/* Reads 1..maxd digits; returns count read, 0 if none. */
static int read_num(const char **p, int maxd, int *out)
{
    int n = 0, v = 0;

    while (n < maxd && isdigit((unsigned char)(*p)[n])) {
        v = v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n && isdigit((unsigned char)(*p)[n]))
        return 0; /* too many digits */
    *p += n;
    *out = v;
    return n;
}

static int month_from_word(const char **p)
{
    size_t n = 0;

    while (isalpha((unsigned char)(*p)[n]))
        n++;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if ((n == 3 || n == full ||
             (n == 4 && m == 8 && strncasecmp(*p, "sept", 4) == 0)) &&
            n <= full && strncasecmp(*p, month_names[m], n) == 0) {
            *p += n;
            if (**p == '.')
                (*p)++;
            return m + 1;
        }
    }
    return 0;
}

static void skip_spaces(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == ',')
        (*p)++;
}

/* Parses one date at *p (no range); advances *p. */
static bool parse_one(const char **p, struct date *d)
{
    const char *s = *p;
    int a, b, c, n;

    memset(d, 0, sizeof(*d));
    if (isdigit((unsigned char)*s)) {
        n = read_num(&s, 4, &a);
        if (n == 4) {
            d->year = a;
            d->prec = DATE_YEAR;
            /* "1952-12" is a month; "1952-1955" is a range of years. */
            if (*s == '-' && isdigit((unsigned char)s[1]) &&
                isdigit((unsigned char)s[2]) && !isdigit((unsigned char)s[3])) {
                s++;
                if (read_num(&s, 2, &b) != 2)
                    return false;
                d->month = b;
                d->prec = DATE_MONTH;
                if (*s == '-' && isdigit((unsigned char)s[1])) {
                    s++;
                    if (read_num(&s, 2, &c) != 2)
                        return false;
                    d->day = c;
                    d->prec = DATE_DAY;
                }
            }
            *p = s;
            return valid(d);
        }
        if (n < 1 || n > 2)
            return false;
        /* Day first: "01 Dec 1952", "01.12.1952", "01/12/1952". */
        if (*s == '.' || *s == '/') {
            char sep = *s++;
            if (read_num(&s, 2, &b) < 1 || *s != sep)
                return false;
            s++;
            if (read_num(&s, 4, &c) != 4)
                return false;
            d->day = a;
            d->month = b;
            d->year = c;
            d->prec = DATE_DAY;
            *p = s;
            return valid(d);
        }
        skip_spaces(&s);
        if (*s == '-')
            s++;
        d->month = month_from_word(&s);
        if (!d->month)
            return false;
        skip_spaces(&s);
        if (*s == '-')
            s++;
        if (read_num(&s, 4, &c) != 4)
            return false;
        d->day = a;
        d->year = c;
        d->prec = DATE_DAY;
        *p = s;
        return valid(d);
    }
    /* "Dec 1952", "December 1, 1952". */
    d->month = month_from_word(&s);
    if (!d->month)
        return false;
    skip_spaces(&s);
    n = read_num(&s, 4, &a);
    if (n == 4) {
        d->year = a;
        d->prec = DATE_MONTH;
    } else if (n >= 1 && n <= 2) {
        skip_spaces(&s);
        if (read_num(&s, 4, &c) != 4)
            return false;
        d->day = a;
        d->year = c;
        d->prec = DATE_DAY;
    } else {
        return false;
    }
    *p = s;
    return valid(d);
}

static bool eat_word(const char **p, const char *w)
{
    size_t n = strlen(w);

    if (strncasecmp(*p, w, n) == 0) {
        *p += n;
        return true;
    }
    return false;
}

enum err_code date_parse(const char *s, struct date_range *out, struct err *e)
{
    const char *p = s;

    memset(out, 0, sizeof(*out));
    while (*p == ' ' || *p == '\t')
        p++;
    if (eat_word(&p, "circa ") || eat_word(&p, "c. ") || eat_word(&p, "ca. ") ||
        eat_word(&p, "about ") || eat_word(&p, "approx. ") ||
        eat_word(&p, "approximately "))
        out->approx = true;
    while (*p == ' ')
        p++;
    if (!parse_one(&p, &out->from))
        goto bad;
    out->to = out->from;
    while (*p == ' ')
        p++;
    if (*p) {
        if (eat_word(&p, "to ") || eat_word(&p, "- ") || eat_word(&p, "/") ||
            eat_word(&p, "-")) {
            while (*p == ' ')
                p++;
            if (!parse_one(&p, &out->to))
                goto bad;
            while (*p == ' ')
                p++;
            if (*p)
                goto bad;
            if (date_last_day(&(struct date_range){out->to, out->to, false}) <
                date_first_day(
                    &(struct date_range){out->from, out->from, false}))
                return err_set(e, ERR_INVALID,
                               "date range '%s' ends before it starts", s);
        } else {
            goto bad;
        }
    }
    return ERR_OK;
bad:
    memset(out, 0, sizeof(*out));
    return err_set(e, ERR_INVALID,
                   "invalid date '%s' (expected e.g. 1952, 1952-12, "
                   "1952-12-01, Dec 1952, 01 Dec 1952 or "
                   "1952-12-01 to 1952-12-31)",
                   s);
}

static void format_one(const struct date *d, char *out, size_t n)
{
    /* Fields are range-checked by valid(); clamp so output stays short. */
    int y = d->year % 10000, m = d->month % 100, day = d->day % 100;

    switch (d->prec) {
    case DATE_YEAR:
        snprintf(out, n, "%04d", y);
        break;
    case DATE_MONTH:
        snprintf(out, n, "%04d-%02d", y, m);
        break;
    case DATE_DAY:
        snprintf(out, n, "%04d-%02d-%02d", y, m, day);
        break;
    default:
        out[0] = '\0';
    }
}

void date_format_one(const struct date *d, char out[DATE_FMT_MAX])
{
    format_one(d, out, DATE_FMT_MAX);
}

void date_format(const struct date_range *r, char out[DATE_FMT_MAX])
{
    char a[16], b[16];

    format_one(&r->from, a, sizeof(a));
    if (memcmp(&r->from, &r->to, sizeof(r->from)) == 0) {
        snprintf(out, DATE_FMT_MAX, "%s%s", r->approx ? "circa " : "", a);
        return;
    }
    format_one(&r->to, b, sizeof(b));
    snprintf(out, DATE_FMT_MAX, "%s%s to %s", r->approx ? "circa " : "", a, b);
}

int64_t date_first_day(const struct date_range *r)
{
    const struct date *d = &r->from;
    return date_days(d->year, d->prec >= DATE_MONTH ? d->month : 1,
                     d->prec == DATE_DAY ? d->day : 1);
}

int64_t date_last_day(const struct date_range *r)
{
    const struct date *d = &r->to;
    int m = d->prec >= DATE_MONTH ? d->month : 12;
    int day = d->prec == DATE_DAY ? d->day : date_days_in_month(d->year, m);
    return date_days(d->year, m, day);
}

bool date_overlaps(const struct date_range *a, const struct date_range *b)
{
    return date_first_day(a) <= date_last_day(b) &&
           date_first_day(b) <= date_last_day(a);
}

bool date_contains(const struct date_range *outer,
                   const struct date_range *inner)
{
    return date_first_day(outer) <= date_first_day(inner) &&
           date_last_day(inner) <= date_last_day(outer);
}

void date_now_iso(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
