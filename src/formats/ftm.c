/*
 * formats/ftm: FtM JSON lines through jansson.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "formats/ftm.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Converts a JSON scalar in a value array to text in the arena. */
static const char *scalar_text(json_t *v, struct arena *a)
{
    char num[64];

    if (json_is_string(v))
        return arena_strndup(a, json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        return arena_strdup(a, num);
    }
    if (json_is_real(v)) {
        snprintf(num, sizeof(num), "%.17g", json_real_value(v));
        return arena_strdup(a, num);
    }
    if (json_is_boolean(v))
        return arena_strdup(a, json_is_true(v) ? "true" : "false");
    return NULL;
}

enum err_code ftm_parse(const char *line, size_t len, struct arena *a,
                        struct ftm_entity *out, struct err *e)
{
    json_error_t jerr;
    json_t *root, *id, *schema, *props, *arr;
    const char *key;
    size_t n = 0, i = 0;
    enum err_code rc = ERR_OK;

    memset(out, 0, sizeof(*out));
    if (len > FTM_LINE_MAX)
        return err_set(e, ERR_TOOBIG, "entity longer than %u bytes",
                       FTM_LINE_MAX);
    root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return err_set(e, ERR_INVALID, "not valid JSON at column %d: %s",
                       jerr.column, jerr.text);
    if (!json_is_object(root)) {
        rc = err_set(e, ERR_INVALID, "not a JSON object");
        goto out;
    }
    id = json_object_get(root, "id");
    schema = json_object_get(root, "schema");
    props = json_object_get(root, "properties");
    if (!json_is_string(id) || !json_string_length(id)) {
        rc = err_set(e, ERR_INVALID, "missing or non-string \"id\"");
        goto out;
    }
    if (!json_is_string(schema) || !json_string_length(schema)) {
        rc = err_set(e, ERR_INVALID, "missing or non-string \"schema\"");
        goto out;
    }
    if (props && !json_is_object(props) && !json_is_null(props)) {
        rc = err_set(e, ERR_INVALID, "\"properties\" is not an object");
        goto out;
    }
    if (json_is_object(props)) {
        json_object_foreach(props, key, arr)
        {
            if (!json_is_array(arr)) {
                rc = err_set(e, ERR_INVALID, "property \"%s\" is not an array",
                             key);
                goto out;
            }
            n += json_array_size(arr);
        }
    }
    out->id = arena_strndup(a, json_string_value(id), json_string_length(id));
    out->schema =
        arena_strndup(a, json_string_value(schema), json_string_length(schema));
    out->values = arena_calloc(a, n ? n : 1, sizeof(*out->values));
    if (json_is_object(props)) {
        json_object_foreach(props, key, arr)
        {
            const char *pkey = arena_strdup(a, key);
            size_t k;
            json_t *v;

            json_array_foreach(arr, k, v)
            {
                const char *text = scalar_text(v, a);
                if (!text) {
                    rc = err_set(e, ERR_INVALID,
                                 "property \"%s\" holds a non-scalar value",
                                 key);
                    goto out;
                }
                out->values[i].prop = pkey;
                out->values[i].value = text;
                i++;
            }
        }
    }
    out->nvalues = i;
out:
    json_decref(root);
    if (rc)
        memset(out, 0, sizeof(*out));
    return rc;
}

enum err_code ftm_write(struct strbuf *sb, const struct ftm_entity *en)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *open_prop = NULL;
    enum err_code rc;

    strbuf_addstr(&tmp, "{\"id\":");
    strbuf_add_json_str(&tmp, en->id);
    strbuf_addstr(&tmp, ",\"schema\":");
    strbuf_add_json_str(&tmp, en->schema);
    strbuf_addstr(&tmp, ",\"properties\":{");
    for (size_t i = 0; i < en->nvalues; i++) {
        const struct ftm_value *v = &en->values[i];
        if (!open_prop || strcmp(open_prop, v->prop) != 0) {
            if (open_prop)
                strbuf_addstr(&tmp, "],");
            strbuf_add_json_str(&tmp, v->prop);
            strbuf_addstr(&tmp, ":[");
            open_prop = v->prop;
        } else {
            strbuf_addch(&tmp, ',');
        }
        strbuf_add_json_str(&tmp, v->value);
    }
    if (open_prop)
        strbuf_addch(&tmp, ']');
    strbuf_addstr(&tmp, "}}\n");
    rc = strbuf_add(sb, tmp.buf, tmp.len);
    strbuf_release(&tmp);
    return rc;
}
