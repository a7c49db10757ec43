/*
 * regime: the sanctions regimes a dossier can be built for, read from
 * data files (regimes/<id>.json, format "dossier-regime/1"): legal basis,
 * who can be listed, standard of proof, submission route, the conduct
 * criteria with the violation categories and involvement roles that map
 * onto each, the identifiers a listing needs, and the sources of every
 * point. A point the research has not checked against the primary text
 * carries "verified": false and is shown as unverified in every output.
 *
 * Files are untrusted input: every field is type-checked, sizes are
 * capped, and unknown violation categories, roles or identifier keys are
 * refused with a message naming the file and the field. Reads JSON with
 * jansson (see docs/ARCHITECTURE.md). Prints nothing.
 *
 * Ownership: every string and array of a regime lives in the arena of the
 * struct dossier_regimes that loaded it (or the arena given to
 * dossier_regime_parse); release the set with dossier_regimes_release.
 */
#ifndef DOSSIER_REGIME_H
#define DOSSIER_REGIME_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

/* Largest regime file accepted (bytes) and longest array in one. */
#define REGIME_FILE_MAX (1u << 20)
#define REGIME_ARRAY_MAX 256

/* One sourced statement of the regime file. */
struct regime_point {
    const char *text;
    bool verified; /* false: shown as "[unverified]" */
    const char *source;
};

/* An involvement role that satisfies the regime, with the limb it meets. */
struct regime_role {
    const char *role; /* "direct", "commanded", ... (case schema roles) */
    const char *limb; /* e.g. "responsible for the activity as a commander" */
};

struct regime_criterion {
    const char *id;
    const char *text;
    bool verified;
    const char *source;
    const char **violations; /* incident categories that meet it */
    size_t nviolations;
    const char **roles; /* roles accepted; NULL = all of the regime's */
    size_t nroles;
    const char **elements; /* further elements the submitter must show
                              (victim status, appropriateness), or NULL */
    size_t nelements;
};

struct regime {
    const char *id;           /* equals the file's base name */
    const char *name;         /* full title */
    const char *short_name;   /* "UK GHR" */
    const char *jurisdiction; /* ISO alpha-2 ("gb", "us"; "eu") */
    const char *authority;
    struct regime_point legal_basis;
    struct regime_point who;   /* who can be listed */
    struct regime_point proof; /* standard of proof */
    struct regime_point route; /* submission route */
    struct regime_point *caveats;
    size_t ncaveats;
    const char **required_ids; /* identifier keys (regime_ident_label) */
    size_t nrequired_ids;
    const char **helpful_ids;
    size_t nhelpful_ids;
    struct regime_role *roles;
    size_t nroles;
    struct regime_criterion *criteria;
    size_t ncriteria;
    const char **desig_authorities; /* substrings of a Designation's
                                       authority that mean this country */
    size_t ndesig_authorities;
    const char **desig_programs; /* substrings of its program for this
                                    regime */
    size_t ndesig_programs;
    const char **sources;
    size_t nsources;
};

struct regime_set {
    struct regime *items; /* sorted by id */
    size_t n;
    const char *dir; /* folder they came from */
    struct arena arena;
};

/*
 * Parses one regime file's text (len bytes, need not be NUL-terminated).
 * name is the file's base name without ".json" (the id must equal it;
 * NULL skips that check). Strings go into arena a. ERR_INVALID with a
 * message naming name and the field at fault; ERR_TOOBIG past the caps.
 */
enum err_code regime_parse(const char *text, size_t len, const char *name,
                           struct arena *a, struct regime *out, struct err *e);

/*
 * Loads every *.json file of dir (sorted by id). *out is caller-owned:
 * release with regime_set_release. ERR_NOTFOUND when dir is not a
 * folder or holds no regime; a bad file fails the whole load.
 */
enum err_code regime_set_load(const char *dir, struct regime_set *out,
                              struct err *e);
void regime_set_release(struct regime_set *rs);

/* The regime with this id, or NULL. */
const struct regime *regime_set_find(const struct regime_set *rs,
                                     const char *id);

/*
 * Finds a regime by id or fails with ERR_NOTFOUND and a message that
 * lists the ids that exist.
 */
enum err_code regime_set_get(const struct regime_set *rs, const char *id,
                             const struct regime **out, struct err *e);

/*
 * The default regimes folder: $DOSSIER_REGIMES, else "regimes" next to
 * or above the running binary (build/dossier -> ../regimes), else
 * "./regimes". Writes at most n bytes to out.
 */
void regime_default_dir(char *out, size_t n);

/* The role's limb text, or NULL when the role does not satisfy r. */
const char *regime_role_limb(const struct regime *r, const char *role);

/* True when c accepts role (its own list, else the regime's roles). */
bool regime_criterion_accepts_role(const struct regime *r,
                                   const struct regime_criterion *c,
                                   const char *role);
bool regime_criterion_has_violation(const struct regime_criterion *c,
                                    const char *violation);

/*
 * Vocabularies: known identifier keys ("birth-date" -> "Date of birth"),
 * violation categories ("excessive-force" -> "Excessive use of force")
 * and involvement roles. NULL when unknown.
 */
const char *regime_ident_label(const char *key);
const char *regime_violation_label(const char *key);
bool regime_role_is_known(const char *role);

#endif
