/*
 * screen_case: sanctions lists inside a case. Importing a list file keeps
 * a copy of it in the case folder (lists/<sha256 prefix>/, content
 * addressed) and records the version in the case database (source,
 * jurisdiction, publication date, hash, entry count); the previous
 * version of the same source is re-parsed from its copy to show what
 * changed (list_diff), and every Person of the case is screened against
 * the new version: alerts not raised before are new. The version and the
 * alerts are written in one transaction: a bad file or a failure leaves
 * the case as it was.
 *
 * Why files and not tables of entries: parsing the full OFAC SDN set
 * takes ~0.1 s, far less than inserting its 18,000 names, and the copy
 * keeps the exact bytes the decision was based on.
 *
 * Also here: the gap report (who is designated by which jurisdiction,
 * from the case's Designation entities and confirmed alerts) and the demo
 * extension. No terminal output: results are returned to the caller.
 */
#ifndef SCREEN_SCREEN_CASE_H
#define SCREEN_SCREEN_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen/list.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* One difference between the previous and the new version. */
struct screen_change {
    enum list_change what;
    const char *entry_id;
    const char *name; /* primary name (new entry, or old when removed) */
};

/* One alert raised by an import. */
struct screen_new_alert {
    int64_t alert_id;
    const char *person_id;
    const char *person_caption;
    const char *entry_id;
    const char *matched_name;
    double score;
    const char *explain;
};

/* What an import did; strings live in the report's arena. */
struct screen_import_report {
    const char *path;
    const char *source;
    const char *jurisdiction;
    const char *format;
    const char *published; /* or NULL */
    char hash[65];
    size_t entries;
    int64_t version_id;
    bool already_held; /* same source and content: nothing written */
    bool had_previous; /* a previous version of the source was held */
    const char *previous_published;
    struct list_diff_stats diff;
    struct screen_change *changes;
    size_t nchanges, achanges;
    size_t persons_screened;
    struct screen_new_alert *alerts; /* new alerts only */
    size_t nalerts, aalerts;
    struct arena arena;
};

void screen_import_report_init(struct screen_import_report *r);
void screen_import_report_release(struct screen_import_report *r);

/*
 * Imports the list file or folder at path into the case (st open for
 * writing, case_dir its folder) and screens every Person against it at
 * SCREEN_THRESHOLD. *rep (initialised by the caller) is filled.
 * Errors: the list's own load errors (naming the file and line or
 * element), ERR_IO (copy into the case), store errors. On error nothing
 * is recorded.
 */
enum err_code screen_case_import(struct store *st, const char *case_dir,
                                 const char *path,
                                 struct screen_import_report *rep,
                                 struct err *e);

/* The jurisdictions of the gap report, in column order. */
#define SCREEN_NJUR 6
extern const char *const screen_jurisdictions[SCREEN_NJUR]; /* "us" .. */
extern const char *const screen_jurisdiction_names[SCREEN_NJUR];

enum screen_gap_status {
    SCREEN_GAP_NO_LIST = 0, /* no list of the jurisdiction held */
    SCREEN_GAP_NOT_LISTED,  /* list held, no match: not designated yet */
    SCREEN_GAP_PENDING,     /* an alert not decided (or unsure) */
    SCREEN_GAP_DESIGNATED,  /* a Designation or a confirmed alert */
};

const char *screen_gap_status_name(enum screen_gap_status s);

struct screen_gap_cell {
    enum screen_gap_status status;
    const char *program;  /* or NULL */
    const char *date;     /* listing date, or NULL */
    const char *entry_id; /* the list's id, or NULL */
    const char *via; /* "case designation", "alert 12", "list 2024-11-30" */
};

struct screen_gap_row {
    const char *person_id;
    const char *caption;
    struct screen_gap_cell cell[SCREEN_NJUR];
};

typedef int (*screen_gap_cb)(const struct screen_gap_row *row, void *ctx);

/*
 * Calls cb once per Person of the case (by id) with the designations per
 * jurisdiction: from Designation entities naming the person (jurisdiction
 * from their country or authority) and from alerts whose latest decision
 * is "match"; an undecided or unsure alert shows as pending; otherwise
 * "not listed" when a list of that jurisdiction is held, else "no list".
 * Row strings are borrowed for the callback.
 */
enum err_code screen_gaps(struct store *st, screen_gap_cb cb, void *ctx,
                          struct err *e);

/*
 * Demo: imports the lists shipped in data/lists/ (found through
 * $DOSSIER_DATA, else beside the executable's build folder, else
 * ./data) into the case. *nimported (may be NULL) receives how many;
 * a missing data folder imports none and is not an error.
 */
enum err_code screen_demo_extend(struct store *st, const char *case_dir,
                                 size_t *nimported, struct err *e);

#endif
