/*
 * formats/bods: beneficial-ownership JSON through jansson: Open Ownership
 * BODS 0.4 statements, and UK Companies House "persons with significant
 * control" (PSC) snapshot records. Both come either as one JSON array or
 * as JSON lines (one value per line; whitespace between values), which
 * is detected. Parses only: knows nothing of the case (see
 * registry/registry.h for the imports). With formats/ftm.c, the only
 * users of jansson.
 *
 * Ownership: every struct and string handed to a callback is borrowed,
 * valid only during the callback. A callback returning non-zero stops
 * the parse (ERR_OK then). Input is untrusted: nesting and sizes are
 * capped by jansson's limits and the caps below.
 */
#ifndef FORMATS_BODS_H
#define FORMATS_BODS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Longest array a statement may hold (names, interests ...). */
#define BODS_LIST_MAX 256

struct bods_name {
    const char *full;
    const char *type; /* legal, alternative, birth, translation ... or NULL */
};

struct bods_ident {
    const char *id;
    const char *scheme;      /* "GB-COH", ... or NULL */
    const char *scheme_name; /* or NULL */
};

struct bods_share {
    const char *exact; /* figures as written in the JSON, or NULL */
    const char *min;
    const char *max;
    bool excl_min, excl_max; /* exclusiveMinimum / exclusiveMaximum */
};

struct bods_interest {
    const char *type;   /* shareholding, votingRights, nominee ... or NULL */
    const char *direct; /* direct, indirect, unknown, or NULL */
    int beneficial;     /* beneficialOwnershipOrControl: 1, 0, -1 unknown */
    struct bods_share share;
    const char *start_date, *end_date, *details;
};

enum bods_kind {
    BODS_ENTITY = 1,
    BODS_PERSON,
    BODS_RELATIONSHIP,
};

struct bods_statement {
    size_t index; /* 1-based position in the file */
    enum bods_kind kind;
    const char *statement_id;
    const char *record_id;
    const char *record_status; /* new, updated, closed, or NULL */
    const char *statement_date;
    const char *publisher;
    const char *source_desc; /* source.description, or NULL */
    bool is_component;
    /* entity and person */
    const char *entity_type;    /* registeredEntity, legalEntity,
                                   arrangement, state, stateBody,
                                   anonymousEntity, unknownEntity */
    const char *entity_subtype; /* trust, nomination, ... or NULL */
    const char *person_type;    /* knownPerson, anonymousPerson, ... */
    const char *jurisdiction;   /* code or name, or NULL */
    const char *founding_date, *dissolution_date;
    const char *birth_date, *death_date;
    bool pep; /* politicalExposure.status isPep */
    /* relationship */
    const char *subject;          /* recordId of the entity owned */
    const char *interested_party; /* recordId, or NULL when unspecified */
    const char *unspecified_reason;
    /* counts of the lists below */
    size_t nnames, nidents, ncountries, ntax, naddresses, ninterests,
        ncomponents;
    /*
     * The lists come last: the parser clears the struct only up to here
     * (they are read up to their counts), which keeps a statement cheap.
     */
    struct bods_name names[BODS_LIST_MAX]; /* an entity's name is names[0]
                                              (type NULL) */
    struct bods_ident idents[BODS_LIST_MAX];
    const char *countries[BODS_LIST_MAX]; /* nationalities (codes or names) */
    const char *tax_residencies[BODS_LIST_MAX];
    const char *addresses[BODS_LIST_MAX];         /* "address" text */
    const char *address_countries[BODS_LIST_MAX]; /* code or NULL */
    struct bods_interest interests[BODS_LIST_MAX];
    const char *components[BODS_LIST_MAX];
};

typedef int (*bods_cb)(const struct bods_statement *s, void *ctx);

/*
 * Parses BODS 0.4 statements from data (a JSON array of statements, or
 * JSON lines). name is used in messages. Each statement must be an
 * object with recordType entity, person or relationship and a recordId;
 * anything else is refused (ERR_INVALID naming the element), so a file
 * of another format is refused at its first value. Lists longer than
 * BODS_LIST_MAX are cut (the rest ignored). Empty input: ERR_INVALID.
 */
enum err_code bods_parse(const char *data, size_t len, const char *name,
                         bods_cb cb, void *ctx, struct err *e);

/* One Companies House PSC snapshot record. */
struct bods_psc {
    size_t index; /* 1-based position in the file */
    const char *company_number;
    const char *kind; /* individual-person-with-significant-control, ... */
    const char *name;
    const char *title, *forename, *middle_name, *surname;
    const char *nationality;
    const char *country_of_residence;
    int birth_year, birth_month; /* 0 when absent */
    const char *address;         /* joined, or NULL */
    const char *notified_on, *ceased_on;
    const char *self_link; /* links.self: unique per PSC */
    /* corporate and legal persons */
    const char *reg_number, *legal_form, *legal_authority;
    const char *country_registered, *place_registered;
    const char *statement; /* kind ...-statement: its text code */
    size_t nnatures;
    const char *natures[BODS_LIST_MAX]; /* last: read up to nnatures */
};

typedef int (*bods_psc_cb)(const struct bods_psc *p, void *ctx);

/*
 * Parses a Companies House PSC snapshot (JSON lines, or a JSON array of
 * the same records). Each value must be an object with a "data" object
 * holding "kind"; records without company_number (the snapshot's
 * closing totals record) are skipped. Anything else is refused
 * (ERR_INVALID naming the element).
 */
enum err_code bods_ch_psc_parse(const char *data, size_t len, const char *name,
                                bods_psc_cb cb, void *ctx, struct err *e);

#endif
