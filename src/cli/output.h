/*
 * output: how the CLI prints statements and entities, as text for people
 * or JSON for tools. Protected values (victims, witnesses, informants) are
 * masked unless the caller passes OUT_REVEAL. Records marked fictional are
 * labelled FICTIONAL in every output.
 */
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "case/case.h"
#include "store/store.h"

enum out_flags {
    OUT_STMT_HISTORY = 1 << 0,     /* show recording and retraction data */
    OUT_STMT_WITH_ENTITY = 1 << 1, /* prefix with the entity id and schema */
    OUT_REVEAL = 1 << 2,           /* print protected values in clear */
};

#define OUT_MASK "[protected]"

/*
 * Prints one statement of an entity of schema as a line (text or JSON).
 * released: the scopes a protected value is released for now ("all,
 * uk"), or NULL.
 */
void out_stmt(FILE *f, struct store *st, const char *schema,
              const struct store_stmt *s, const char *released, bool json,
              unsigned flags);

/* Prints a loaded entity: heading, statements, sources, reverse links. */
void out_entity(FILE *f, const struct case_entity *en, bool json,
                unsigned flags);

/* True when the entity has a live statement fictional=true. */
bool out_entity_is_fictional(const struct case_entity *en);

/* True when entity id (may be NULL) has a live statement fictional=true. */
bool out_id_is_fictional(struct store *st, const char *id);

/* "[FICTIONAL] " for a fictional entity, else "". */
const char *out_fictional_tag(struct store *st, const char *id);

/*
 * Guesses the script of a name for display and for the lang of new name
 * statements: "Hani" when it holds a CJK ideograph, "Latn" when all
 * letters are Latin, else NULL.
 */
const char *out_guess_script(const char *s);

#endif
