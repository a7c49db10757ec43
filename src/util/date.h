/*
 * date: calendar dates with precision (year, month or day) and ranges.
 * "1952", "Dec 1952", "01 Dec 1952", "1952-12-01 to 1952-12-31",
 * "circa 1952" all parse. A single date is a range whose ends are equal.
 * Base module: pure, no I/O except date_now_iso.
 */
#ifndef UTIL_DATE_H
#define UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

enum date_prec {
    DATE_NONE = 0,
    DATE_YEAR,
    DATE_MONTH,
    DATE_DAY,
};

struct date {
    int year;  /* 1..9999 */
    int month; /* 1..12, 0 below month precision */
    int day;   /* 1..31, 0 below day precision */
    enum date_prec prec;
};

struct date_range {
    struct date from;
    struct date to; /* equal to from for a single date */
    bool approx;    /* "circa", "c.", "about" */
};

#define DATE_FMT_MAX 64

/*
 * Parses s into out. Accepts ISO ("1952", "1952-12", "1952-12-01"),
 * "Dec 1952", "December 1952", "01 Dec 1952", "1 December 1952",
 * "01.12.1952", "01/12/1952" (day first), an optional "circa "/"c. "/
 * "about " prefix, and ranges "A to B", "A - B" or "A/B" with ISO ends.
 * Returns ERR_INVALID with a message quoting s on anything else,
 * including impossible days (1952-02-30) and ranges that end before they
 * start.
 */
enum err_code date_parse(const char *s, struct date_range *out, struct err *e);

/* Canonical text: "1952", "1952-12", "1952-12-01", "A to B", "circa X". */
void date_format(const struct date_range *r, char out[DATE_FMT_MAX]);
void date_format_one(const struct date *d, char out[DATE_FMT_MAX]);

/* Days since 1970-01-01 of the first and last day a range covers. */
int64_t date_first_day(const struct date_range *r);
int64_t date_last_day(const struct date_range *r);
/* Days since 1970-01-01 for a full y-m-d (proleptic Gregorian). */
int64_t date_days(int year, int month, int day);

/* True when the two ranges share at least one day. */
bool date_overlaps(const struct date_range *a, const struct date_range *b);
/* True when every day of inner lies within outer. */
bool date_contains(const struct date_range *outer,
                   const struct date_range *inner);

int date_days_in_month(int year, int month);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void date_now_iso(char out[32]);

#endif
