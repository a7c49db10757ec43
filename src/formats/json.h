/*
 * formats/json: a small read-only JSON document API over jansson, so that
 * modules outside formats/ read JSON files (the regime files) without
 * including <jansson.h>. A document is parsed whole (size capped, duplicate
 * object keys rejected) and walked through borrowed value pointers that
 * stay valid until json_doc_free.
 */
#ifndef FORMATS_JSON_H
#define FORMATS_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct json_doc; /* a parsed document: owns every value in it */
struct json_val; /* one value inside a document: always borrowed */

/*
 * Parses len bytes at buf (need not be NUL-terminated) as one JSON value.
 * cap bounds len: ERR_TOOBIG "JSON text is larger than CAP bytes" when
 * exceeded. ERR_INVALID "not valid JSON at line L column C: WHY" on a
 * syntax error or a duplicate object key. *out is owned: free with
 * json_doc_free; NULL on error.
 */
enum err_code json_doc_parse(const char *buf, size_t len, size_t cap,
                             struct json_doc **out, struct err *e);

/* Frees the document and every value in it; NULL is ignored. */
void json_doc_free(struct json_doc *d);

/* The top-level value (borrowed from d). */
const struct json_val *json_doc_root(const struct json_doc *d);

/* Kind tests; all false for NULL. */
bool json_val_is_object(const struct json_val *v);
bool json_val_is_array(const struct json_val *v);
bool json_val_is_string(const struct json_val *v);
bool json_val_is_number(const struct json_val *v);
bool json_val_is_bool(const struct json_val *v);
bool json_val_is_null(const struct json_val *v);

/*
 * Member key of object obj, or NULL when obj is not an object or has no
 * such key.
 */
const struct json_val *json_val_member(const struct json_val *obj,
                                       const char *key);

/*
 * Walks the members of object obj in document order: start with
 * *it = NULL; each call returns the next key and sets *val, or returns
 * NULL at the end (or when obj is not an object). Keys and values are
 * borrowed from the document.
 */
const char *json_val_member_next(const struct json_val *obj, void **it,
                                 const struct json_val **val);

/* Number of elements of an array or members of an object; 0 otherwise. */
size_t json_val_size(const struct json_val *v);

/* Element i of array arr, or NULL when arr is no array or i is too big. */
const struct json_val *json_val_at(const struct json_val *arr, size_t i);

/*
 * The string's bytes (NUL-terminated; may hold NUL bytes before *len) and
 * its length in *len (len may be NULL), or NULL when v is not a string.
 */
const char *json_val_string(const struct json_val *v, size_t *len);

/* The value of a boolean; false when v is not a boolean. */
bool json_val_bool(const struct json_val *v);

/* The value of a number (integer or real) as a double; 0 otherwise. */
double json_val_number(const struct json_val *v);

#endif
