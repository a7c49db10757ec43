/*
 * list: the in-memory model of one sanctions list version, filled by the
 * importers (ofac_csv.c, un_xml.c, ...) and read by screening and diffs.
 *
 * Memory: every string and array an entry points to lives in the list's
 * arena; the entries array itself is heap memory. All of it belongs to
 * the list and is freed by list_release. Pointers into an entry stay
 * valid until list_release; entry pointers (struct list_entry *) stay
 * valid only until the next list_add_entry (the array may move), so keep
 * indexes or ids across additions.
 *
 * Feature module: no terminal output, no SQL.
 */
#ifndef SCREEN_LIST_H
#define SCREEN_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

enum list_type {
    LIST_TYPE_UNKNOWN = 0,
    LIST_TYPE_PERSON,
    LIST_TYPE_ENTITY,
    LIST_TYPE_VESSEL,
    LIST_TYPE_AIRCRAFT,
};

enum list_name_kind {
    LIST_NAME_PRIMARY = 0,
    LIST_NAME_AKA,
    LIST_NAME_FKA,
    LIST_NAME_WEAK,        /* "weak a.k.a." / low-quality aliases (OFAC) */
    LIST_NAME_LOW_QUALITY, /* UN "Low" quality aliases, AU "Bad" quality */
};

enum list_script {
    LIST_SCRIPT_UNKNOWN = 0,
    LIST_SCRIPT_LATIN,
    LIST_SCRIPT_HAN,
    LIST_SCRIPT_CYRILLIC,
    LIST_SCRIPT_ARABIC,
    LIST_SCRIPT_OTHER,
};

struct list_name {
    const char *full; /* the name as the list prints it */
    enum list_name_kind kind;
    enum list_script script;
};

struct list_dob {
    const char *text;        /* as printed ("circa 1952", "Dec 1952") */
    struct date_range range; /* prec DATE_NONE when text did not parse */
};

struct list_ident {
    const char *type; /* "passport", "national id", "tax id", ... */
    const char *number;
    const char *country; /* ISO alpha-2 when known, else as printed; NULL */
    const char *issued;  /* text or NULL */
    const char *expires; /* text or NULL */
    const char *note;    /* anything else the list says, or NULL */
};

struct list_address {
    const char *text;    /* street, city, region, postcode joined by ", " */
    const char *country; /* ISO alpha-2 when known, else as printed; NULL */
};

/* A country value: iso is the ISO alpha-2 code or NULL when underivable. */
struct list_country {
    const char *text;
    const char *iso;
};

struct list_entry {
    const char *id;      /* the list's own id (OFAC ent_num, UN ref ...) */
    const char *program; /* program/regime; several joined by "; " */
    enum list_type type;
    const char *gender; /* "male", "female" or NULL */
    const char *title;  /* position or title, or NULL */
    const char *remarks;
    const char *listed; /* listing date text (ISO when known), or NULL */

    struct list_name *names; /* names[0] is the primary name */
    size_t nnames;
    struct list_dob *dobs;
    size_t ndobs;
    const char **pobs;
    size_t npobs;
    struct list_country *nationalities;
    size_t nnationalities;
    struct list_country *citizenships;
    size_t ncitizenships;
    struct list_ident *idents;
    size_t nidents;
    struct list_address *addresses;
    size_t naddresses;

    uint64_t hash; /* canonical content hash, set by list_finish */
    bool deleted;  /* dropped by a delta; skipped by list_finish */
};

struct list_index; /* id -> entry index (private) */

struct list {
    const char *source;       /* "us-ofac-sdn", "un-sc", ... */
    const char *jurisdiction; /* "us", "uk", "eu", "ca", "au", "un", "" */
    const char *format;       /* "ofac-csv", "un-xml", ... */
    const char *path;         /* what was loaded */
    const char *published;    /* publication date text, or NULL */
    struct list_entry *entries;
    size_t nentries;
    size_t alloc;
    struct arena arena;
    struct list_index *index;
};

/* Initialises an empty list; free with list_release. */
void list_init(struct list *l);
/* Frees everything the list owns; it is empty and reusable afterwards. */
void list_release(struct list *l);

/* Copies s into the list's arena (NULL stays NULL). */
const char *list_strdup(struct list *l, const char *s);
const char *list_strndup(struct list *l, const char *s, size_t n);

/*
 * Adds an empty entry with the given id (copied). Returns ERR_CONFLICT
 * "duplicate entry id 'X'" when the id exists (and is not deleted),
 * ERR_INVALID for an empty id. *out points into l->entries until the
 * next list_add_entry.
 */
enum err_code list_add_entry(struct list *l, const char *id,
                             struct list_entry **out, struct err *e);

/* Entry by id, or NULL. The pointer is valid until the next add. */
struct list_entry *list_find(const struct list *l, const char *id);

/*
 * Appenders. Strings are copied into the arena; empty or NULL values are
 * ignored; exact duplicates (same text and kind) are not added twice.
 * list_add_name detects the script from the code points.
 */
void list_add_name(struct list *l, struct list_entry *en, const char *name,
                   enum list_name_kind kind);
/* Parses text with date_parse; keeps the text even when it fails. */
void list_add_dob(struct list *l, struct list_entry *en, const char *text);
void list_add_pob(struct list *l, struct list_entry *en, const char *text);
/* text is a country name or code; iso is derived with country_code. */
void list_add_nationality(struct list *l, struct list_entry *en,
                          const char *text);
void list_add_citizenship(struct list *l, struct list_entry *en,
                          const char *text);
/* Copies every field of id (country text is mapped to ISO when known). */
void list_add_ident(struct list *l, struct list_entry *en,
                    const struct list_ident *id);
void list_add_address(struct list *l, struct list_entry *en, const char *text,
                      const char *country);
/* Appends text to the entry's remarks ("; " between parts). */
void list_add_remark(struct list *l, struct list_entry *en, const char *text);
/* Appends a program to the "; "-joined program field (no duplicates). */
void list_add_program(struct list *l, struct list_entry *en,
                      const char *program);

/*
 * Finishes a load: removes deleted entries, computes every entry's
 * content hash and rebuilds the id index. Importers call it last.
 */
void list_finish(struct list *l);

/* Script of a UTF-8 string by its letters (the most frequent script). */
enum list_script list_detect_script(const char *s);

/* Stable lowercase names ("person", "aka", "Latn" ...). */
const char *list_type_name(enum list_type t);
const char *list_name_kind_name(enum list_name_kind k);
const char *list_script_name(enum list_script s);

/* Counts entries by type into counts[0..LIST_TYPE_AIRCRAFT]. */
void list_count_types(const struct list *l, size_t counts[5]);
/* Total names over all entries. */
size_t list_count_names(const struct list *l);

/* --- loading: format detection and dispatch (list_load.c) --- */

enum list_format {
    LIST_FMT_UNKNOWN = 0,
    LIST_FMT_OFAC_CSV,   /* sdn.csv / cons_prim.csv or their folder */
    LIST_FMT_OFAC_XML,   /* sdn_advanced.xml */
    LIST_FMT_UN_XML,     /* UN SC consolidated XML */
    LIST_FMT_UK_CSV,     /* UK Sanctions List official CSV */
    LIST_FMT_UK_XML,     /* UK Sanctions List official XML */
    LIST_FMT_UK_DERIVED, /* folder of subjects.csv, subject_names.csv ... */
    LIST_FMT_EU_XML,     /* EU Financial Sanctions Files XML */
    LIST_FMT_CA_XML,     /* Canada SEMA/JVCFOA XML (2020 and current) */
    LIST_FMT_AU_XLSX,    /* Australia DFAT consolidated XLSX */
    LIST_FMT_FTM_JSON,   /* OpenSanctions FtM JSON lines */
    LIST_FMT_FTM_DELTA,  /* OpenSanctions delta folder / file */
};

/* Stable name of a format ("ofac-csv", "un-xml", ...). */
const char *list_format_name(enum list_format f);
/* The format with that stable name (for a --format option), or
 * LIST_FMT_UNKNOWN. */
enum list_format list_format_from_name(const char *name);

/*
 * Detects the format of a file or folder from its content (first bytes,
 * root element, header row), not its name. Returns ERR_INVALID naming
 * the path when it is empty or of no known list format, ERR_IO when it
 * cannot be read.
 */
enum err_code list_detect(const char *path, enum list_format *out,
                          struct err *e);

/*
 * Loads path (a file, or a folder for OFAC CSV sets, UK derived tables
 * and OpenSanctions deltas) into l, which must be freshly initialised.
 * On error l holds a partial list: release it. Messages name the file and
 * the line or element.
 */
enum err_code list_load(const char *path, struct list *l, struct err *e);

/* Loads with a known format (skips detection). */
enum err_code list_load_format(const char *path, enum list_format fmt,
                               struct list *l, struct err *e);

/* --- diff (list_diff.c) --- */

enum list_change {
    LIST_ADDED,
    LIST_REMOVED,
    LIST_CHANGED,
};

/*
 * Called once per difference; old_e is NULL for LIST_ADDED, new_e NULL
 * for LIST_REMOVED. Both are borrowed. Return non-zero to stop.
 */
typedef int (*list_diff_fn)(enum list_change what,
                            const struct list_entry *old_e,
                            const struct list_entry *new_e, void *ctx);

struct list_diff_stats {
    size_t added, removed, changed, unchanged;
};

/*
 * Compares two finished lists by entry id and content hash. cb may be
 * NULL (only stats). Reports in new-list order (added, changed), then
 * removals in old-list order.
 */
void list_diff(const struct list *old_l, const struct list *new_l,
               list_diff_fn cb, void *ctx, struct list_diff_stats *stats);

#endif
