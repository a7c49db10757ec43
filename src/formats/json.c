/*
 * formats/json: the read-only JSON document API over jansson (json.h).
 * A struct json_val pointer is a jansson json_t pointer in disguise; the
 * document holds the one reference to the root.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/json.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct json_doc {
    json_t *root;
};

static const json_t *to_j(const struct json_val *v)
{
    return (const json_t *)v;
}

static const struct json_val *to_v(const json_t *j)
{
    return (const struct json_val *)j;
}

enum err_code json_doc_parse(const char *buf, size_t len, size_t cap,
                             struct json_doc **out, struct err *e)
{
    json_error_t je;
    json_t *root;

    *out = NULL;
    if (len > cap)
        return err_set(e, ERR_TOOBIG, "JSON text is larger than %zu bytes",
                       cap);
    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return err_set(e, ERR_INVALID,
                       "not valid JSON at line %d column %d: %s", je.line,
                       je.column, je.text);
    *out = xcalloc(1, sizeof(**out));
    (*out)->root = root;
    return ERR_OK;
}

void json_doc_free(struct json_doc *d)
{
    if (!d)
        return;
    json_decref(d->root);
    free(d);
}

const struct json_val *json_doc_root(const struct json_doc *d)
{
    return to_v(d->root);
}

bool json_val_is_object(const struct json_val *v)
{
    return v && json_is_object(to_j(v));
}

bool json_val_is_array(const struct json_val *v)
{
    return v && json_is_array(to_j(v));
}

bool json_val_is_string(const struct json_val *v)
{
    return v && json_is_string(to_j(v));
}

bool json_val_is_number(const struct json_val *v)
{
    return v && json_is_number(to_j(v));
}

bool json_val_is_bool(const struct json_val *v)
{
    return v && json_is_boolean(to_j(v));
}

bool json_val_is_null(const struct json_val *v)
{
    return v && json_is_null(to_j(v));
}

const struct json_val *json_val_member(const struct json_val *obj,
                                       const char *key)
{
    if (!json_val_is_object(obj))
        return NULL;
    /* jansson's getters take non-const pointers but do not modify. */
    return to_v(json_object_get((json_t *)to_j(obj), key));
}

const char *json_val_member_next(const struct json_val *obj, void **it,
                                 const struct json_val **val)
{
    json_t *o = (json_t *)to_j(obj);

    *val = NULL;
    if (!json_val_is_object(obj))
        return NULL;
    *it = *it ? json_object_iter_next(o, *it) : json_object_iter(o);
    if (!*it)
        return NULL;
    *val = to_v(json_object_iter_value(*it));
    return json_object_iter_key(*it);
}

size_t json_val_size(const struct json_val *v)
{
    if (json_val_is_array(v))
        return json_array_size(to_j(v));
    if (json_val_is_object(v))
        return json_object_size(to_j(v));
    return 0;
}

const struct json_val *json_val_at(const struct json_val *arr, size_t i)
{
    if (!json_val_is_array(arr))
        return NULL;
    return to_v(json_array_get(to_j(arr), i));
}

const char *json_val_string(const struct json_val *v, size_t *len)
{
    if (!json_val_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(to_j(v));
    return json_string_value(to_j(v));
}

bool json_val_bool(const struct json_val *v)
{
    return v && json_is_true(to_j(v));
}

double json_val_number(const struct json_val *v)
{
    return json_val_is_number(v) ? json_number_value(to_j(v)) : 0.0;
}
