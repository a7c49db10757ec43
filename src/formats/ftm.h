/*
 * formats/ftm: FollowTheMoney (FtM) entity JSON lines, one entity per
 * line: {"id": ..., "schema": ..., "properties": {"prop": ["v", ...]}}.
 * The only user of jansson. Parses and writes; knows nothing of the case
 * store (see case/ftm_io.h for import and export).
 */
#ifndef FORMATS_FTM_H
#define FORMATS_FTM_H

#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Longest accepted line (an entity), in bytes. */
#define FTM_LINE_MAX (16u * 1024 * 1024)

struct ftm_value {
    const char *prop;
    const char *value;
};

struct ftm_entity {
    const char *id;
    const char *schema;
    struct ftm_value *values; /* in file order, grouped by property */
    size_t nvalues;
};

/*
 * Parses one JSON line (need not be NUL-terminated) into out; all strings
 * and the values array live in arena a (owned by the caller's arena).
 * Errors (ERR_INVALID) say what is wrong: not JSON (with column), not an
 * object, missing or non-string id/schema, properties not an object of
 * string arrays. Other top-level keys (caption, datasets, first_seen,
 * ...) are ignored. Numbers and booleans in value arrays are kept as text.
 */
enum err_code ftm_parse(const char *line, size_t len, struct arena *a,
                        struct ftm_entity *out, struct err *e);

/*
 * Appends one entity as a JSON line (with trailing newline) to sb:
 * {"id":..,"schema":..,"properties":{..}}. Values of one property are
 * emitted together in the order given. Returns ERR_TOOBIG when sb's cap
 * is hit.
 */
enum err_code ftm_write(struct strbuf *sb, const struct ftm_entity *en);

#endif
