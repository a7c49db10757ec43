/*
 * screen: screening people (and organisations) against loaded sanctions
 * lists. Every name of every list entry is parsed once (names_parse) and
 * put into one candidate index (names_index); a query name is parsed,
 * its candidates are scored (names_score) and the best name per entry is
 * kept. Qualifiers then adjust the name score of that entry:
 *
 *   - an exact identifier match (passport, national id, HKID; compared
 *     as upper-case letters and digits only) is decisive: score 1.0,
 *     whatever the names say;
 *   - a date-of-birth contradiction (no overlap between any query date
 *     and any listed date, precision-aware: "1965" overlaps 1965-06-29)
 *     lowers the score by SCREEN_DOB_PENALTY, or SCREEN_DOB_NEAR_PENALTY
 *     when the nearest dates are within a year;
 *   - a gender contradiction lowers it by SCREEN_GENDER_PENALTY;
 *   - a nationality mismatch (no common country between the query and
 *     the entry's nationalities/citizenships) by SCREEN_NAT_PENALTY.
 *
 * Feature module: no SQL, no terminal output. The index borrows the
 * lists: they must outlive it and not change.
 *
 * Thread-safety: after screen_index_build, screen_query and screen_batch
 * may run from any number of threads at once on the same index (the
 * candidate lookup is serialised by a mutex inside; parsing and scoring
 * run in parallel).
 */
#ifndef SCREEN_SCREEN_H
#define SCREEN_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen/list.h"
#include "util/arena.h"
#include "util/err.h"

/* Default alert threshold (the names engine's match threshold). */
#define SCREEN_THRESHOLD 0.80
/* Score lowered by a DOB contradiction (far apart / within a year). */
#define SCREEN_DOB_PENALTY 0.25
#define SCREEN_DOB_NEAR_PENALTY 0.10
#define SCREEN_GENDER_PENALTY 0.15
#define SCREEN_NAT_PENALTY 0.05
/* At most this many names, dates, countries and ids per query. */
#define SCREEN_QUERY_MAX 64
/* Length of an alert's explanation, NUL included. */
#define SCREEN_EXPLAIN_MAX 320

enum screen_flags {
    SCREEN_IDENT_MATCH = 1 << 0,        /* identifier equal: decisive */
    SCREEN_DOB_MATCH = 1 << 1,          /* some dates of birth overlap */
    SCREEN_DOB_CONTRADICTS = 1 << 2,    /* no date of birth overlaps */
    SCREEN_GENDER_CONTRADICTS = 1 << 3, /* male vs female */
    SCREEN_NAT_MATCH = 1 << 4,          /* a common country */
    SCREEN_NAT_MISMATCH = 1 << 5,       /* both known, none common */
};

/* An identifier given with a query. type: "passport", "national id",
 * "hkid", ... or NULL (any); number as written. */
struct screen_ident {
    const char *type;
    const char *number;
};

/*
 * What is screened: one person or organisation. Every pointer is
 * borrowed for the duration of the call. Arrays hold at most
 * SCREEN_QUERY_MAX items (more are ignored).
 */
struct screen_query {
    const char *const *names; /* all its names, any script */
    size_t nnames;
    const char *const *birth_dates; /* util/date syntax ("1965", ...) */
    size_t nbirth_dates;
    const char *const *countries; /* nationalities: names or ISO codes */
    size_t ncountries;
    const char *gender; /* "male", "female" or NULL */
    const struct screen_ident *idents;
    size_t nidents;
    /*
     * A person: entries typed organisation, vessel or aircraft are not
     * alerted on (by name; an identifier match still alerts).
     */
    bool person;
};

/* One alert: an entry of a list whose score reached the threshold. */
struct screen_alert {
    size_t list_no;                   /* order in which the list was added */
    const struct list *list;          /* borrowed from the index */
    size_t entry_no;                  /* index into list->entries */
    const struct list_entry *entry;   /* borrowed */
    double score;                     /* final score, 0..1 */
    double name_score;                /* best name score before qualifiers */
    int query_name;                   /* index into query names, -1: none */
    const char *matched_name;         /* the list's name (borrowed) */
    unsigned flags;                   /* enum screen_flags */
    char explain[SCREEN_EXPLAIN_MAX]; /* one line: why */
};

/* Alerts of one query, best first (ties: list order, entry order). */
struct screen_result {
    struct screen_alert *alerts;
    size_t nalerts;
    size_t alloc;
};

#define SCREEN_RESULT_INIT                                                     \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

void screen_result_init(struct screen_result *r);
/* Frees the alerts; r is empty and reusable afterwards. */
void screen_result_release(struct screen_result *r);

struct screen_index;

/* Returns an empty index, owned (free with screen_index_free). */
struct screen_index *screen_index_new(void);
void screen_index_free(struct screen_index *si);

/*
 * Adds every name and identifier of a finished list (borrowed: it must
 * outlive the index). Names that do not parse are skipped. Must come
 * before screen_index_build. Returns the list's number (0, 1, ...) in
 * *list_no (may be NULL). ERR_TOOBIG past 2^32 names in all.
 */
enum err_code screen_index_add(struct screen_index *si, const struct list *l,
                               size_t *list_no, struct err *e);
/* Freezes the index for queries. Call once, after the last add. */
void screen_index_build(struct screen_index *si);

/*
 * Part-count pre-filter (default on): each heavy part of a query (a word
 * or Han character, not a particle, initial or legal form) is looked up
 * alone, and a list name is scored only when it shares keys with
 * min(heavy parts of both) of them (one may miss from three up). About
 * 2x queries/s against the SDN list. It loses no self-match (every name
 * of the UN, SDN, AU and CA lists finds its entry) and finds the same
 * on the eval sets and hk-names-dev.tsv; what it drops are matches
 * resting on an initial or a particle alone ("Mohammed Hijazi" ~ "Raed
 * M. Hijazi", "Abd al-Qadir X" ~ "Abd al-Aziz Y": 40 such cross-entry
 * alerts over the 4,121 UN names). Off scores every candidate of
 * names_index_query.
 */
void screen_index_set_prefilter(struct screen_index *si, bool on);

/* Lists, names and bytes held (parsed names, candidate index, ids). */
size_t screen_index_nlists(const struct screen_index *si);
const struct list *screen_index_list(const struct screen_index *si, size_t i);
size_t screen_index_nnames(const struct screen_index *si);
size_t screen_index_bytes(const struct screen_index *si);

/*
 * Screens one query: every entry scoring >= threshold (after the
 * qualifiers) is appended to out (not cleared first), best first. A query
 * name that does not parse is skipped; a date that does not parse is
 * ignored. Never fails on data; ERR_INVALID when the index is not built.
 */
enum err_code screen_query(const struct screen_index *si,
                           const struct screen_query *q, double threshold,
                           struct screen_result *out, struct err *e);

/*
 * Screens n queries with nthreads threads (1..64; 0 = 2): out[i] (n
 * initialised results, caller-owned) receives the alerts of qs[i].
 */
enum err_code screen_batch(const struct screen_index *si,
                           const struct screen_query *qs, size_t n,
                           double threshold, int nthreads,
                           struct screen_result *out, struct err *e);

/*
 * Identifier normalisation used for exact matches: upper-case ASCII
 * letters and digits only ("A123456(7)" -> "A1234567"). Writes at most
 * outsz bytes with the NUL; returns the length (0: nothing usable).
 */
size_t screen_ident_norm(const char *number, char *out, size_t outsz);

/* --- query files (queries.c) ------------------------------------------- */

/* One row of a queries file; strings live in the file's arena. */
struct screen_qrow {
    size_t row;              /* 1-based data row */
    size_t line;             /* line in the file, for messages */
    const char *name;        /* never NULL (may be "") */
    const char *birth_date;  /* or NULL */
    const char *nationality; /* or NULL */
    const char *gender;      /* "male", "female" or NULL */
    const char *passport;    /* or NULL */
    const char *national_id; /* or NULL */
};

struct screen_queries {
    struct screen_qrow *rows;
    size_t nrows;
    size_t alloc;
    struct arena arena;
};

/* Longest queries file accepted, and most rows. */
#define SCREEN_QUERIES_MAX_BYTES (512u << 20)
#define SCREEN_QUERIES_MAX_ROWS 10000000u

void screen_queries_init(struct screen_queries *qs);
void screen_queries_release(struct screen_queries *qs);

/*
 * Reads a queries file: TSV (the header line holds a tab) or CSV (RFC
 * 4180, quoted fields). The header names the name column `query`, `name`
 * or `full_name`, and optionally `birth_date` (or `date_of_birth`,
 * `dob`), `nationality` (or `country`), `gender`, `passport`,
 * `national_id`; other columns are ignored. Rows are appended to qs.
 * ERR_INVALID names the file and line (no name column, invalid UTF-8,
 * too few fields), ERR_IO when unreadable, ERR_TOOBIG past the caps.
 */
enum err_code screen_queries_load(const char *path, struct screen_queries *qs,
                                  struct err *e);
/* Same from memory (borrowed); name is used in messages. */
enum err_code screen_queries_parse(const char *data, size_t len,
                                   const char *name, struct screen_queries *qs,
                                   struct err *e);

#endif
