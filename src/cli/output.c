/*
 * output: text and JSON rendering of statements and entities for the CLI.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli/output.h"
#include "util/strbuf.h"
#include "util/banned.h"

static void json_field(struct strbuf *sb, const char *key, const char *val)
{
    strbuf_addf(sb, ",\"%s\":", key);
    if (val)
        strbuf_add_json_str(sb, val);
    else
        strbuf_addstr(sb, "null");
}

static bool masked(const char *schema, const char *prop, unsigned flags)
{
    return !(flags & OUT_REVEAL) && case_value_is_protected(schema, prop);
}

static void
stmt_json(struct strbuf *sb, const char *entity_id, const char *schema,
          int64_t id, const char *prop, const char *value, const char *lang,
          const char *qualifier, const char *source_id,
          const char *source_caption, enum store_conf conf, const char *author,
          const char *recorded_at, const char *retracted_at, const char *reason,
          const char *retracted_by, const char *released, unsigned flags)
{
    bool prot = case_value_is_protected(schema, prop);

    strbuf_addf(sb, "{\"id\":%lld", (long long)id);
    json_field(sb, "entity", entity_id);
    json_field(sb, "schema", schema);
    json_field(sb, "prop", prop);
    json_field(sb, "value", masked(schema, prop, flags) ? OUT_MASK : value);
    strbuf_addf(sb, ",\"protected\":%s", prot ? "true" : "false");
    if (released) {
        /* Only released values carry the field: "all, uk" -> ["all","uk"]. */
        const char *p = released;

        strbuf_addstr(sb, ",\"released\":[");
        while (*p) {
            size_t n = strcspn(p, ",");
            struct strbuf one = STRBUF_INIT;

            strbuf_add(&one, p, n);
            strbuf_trim(&one);
            if (p != released)
                strbuf_addch(sb, ',');
            strbuf_add_json_str(sb, one.buf);
            strbuf_release(&one);
            p += n;
            if (*p == ',')
                p++;
        }
        strbuf_addch(sb, ']');
    }
    json_field(sb, "lang", lang);
    json_field(sb, "qualifier", qualifier);
    json_field(sb, "source", source_id);
    if (source_caption)
        json_field(sb, "source_caption", source_caption);
    json_field(sb, "confidence", store_conf_name(conf));
    json_field(sb, "author", author);
    json_field(sb, "recorded_at", recorded_at);
    json_field(sb, "retracted_at", retracted_at);
    json_field(sb, "retract_reason", reason);
    json_field(sb, "retracted_by", retracted_by);
    strbuf_addch(sb, '}');
}

static void
stmt_text(struct strbuf *sb, const char *entity_id, const char *schema,
          int64_t id, const char *prop, const char *value, const char *lang,
          const char *qualifier, const char *source_id,
          const char *source_caption, enum store_conf conf, const char *author,
          const char *recorded_at, const char *retracted_at, const char *reason,
          const char *retracted_by, const char *released, unsigned flags)
{
    if (flags & OUT_STMT_WITH_ENTITY)
        strbuf_addf(sb, "%s %s  ", entity_id, schema);
    else
        strbuf_addstr(sb, "  ");
    strbuf_addf(sb, "#%-5lld %-18s %s", (long long)id, prop,
                masked(schema, prop, flags) ? OUT_MASK : value);
    if (released)
        strbuf_addf(sb, " [released: %s]", released);
    strbuf_addstr(sb, "  (");
    strbuf_addstr(sb, store_conf_name(conf));
    if (lang)
        strbuf_addf(sb, ", %s", lang);
    if (qualifier)
        strbuf_addf(sb, ", %s", qualifier);
    (void)source_caption; /* listed once under "sources:" by show */
    if (source_id)
        strbuf_addf(sb, ", source %s", source_id);
    strbuf_addch(sb, ')');
    if (flags & OUT_STMT_HISTORY) {
        strbuf_addf(sb, "  recorded %s by %s", recorded_at ? recorded_at : "?",
                    author ? author : "?");
        if (retracted_at)
            strbuf_addf(sb, "  RETRACTED %s by %s: %s", retracted_at,
                        retracted_by ? retracted_by : "?",
                        reason ? reason : "");
    }
}

void out_stmt(FILE *f, struct store *st, const char *schema,
              const struct store_stmt *s, const char *released, bool json,
              unsigned flags)
{
    struct strbuf sb = STRBUF_INIT;

    if (!json && (flags & OUT_STMT_WITH_ENTITY))
        strbuf_addstr(&sb, out_fictional_tag(st, s->entity_id));
    if (json)
        stmt_json(&sb, s->entity_id, schema, s->id, s->prop, s->value, s->lang,
                  s->qualifier, s->source_id, NULL, s->conf, s->author,
                  s->recorded_at, s->retracted_at, s->retract_reason,
                  s->retracted_by, released, flags);
    else
        stmt_text(&sb, s->entity_id, schema, s->id, s->prop, s->value, s->lang,
                  s->qualifier, s->source_id, NULL, s->conf, s->author,
                  s->recorded_at, s->retracted_at, s->retract_reason,
                  s->retracted_by, released, flags);
    strbuf_addch(&sb, '\n');
    fwrite(sb.buf, 1, sb.len, f);
    strbuf_release(&sb);
}

bool out_entity_is_fictional(const struct case_entity *en)
{
    for (size_t i = 0; i < en->nstmts; i++)
        if (!en->stmts[i].retracted_at &&
            strcmp(en->stmts[i].prop, "fictional") == 0 &&
            strcmp(en->stmts[i].value, "true") == 0)
            return true;
    return false;
}

static int find_fictional(const struct store_stmt *s, void *ctx)
{
    if (strcmp(s->prop, "fictional") == 0 && strcmp(s->value, "true") == 0) {
        *(bool *)ctx = true;
        return 1;
    }
    return 0;
}

bool out_id_is_fictional(struct store *st, const char *id)
{
    bool yes = false;

    if (id)
        store_stmt_each(st, id, 0, find_fictional, &yes, NULL);
    return yes;
}

const char *out_fictional_tag(struct store *st, const char *id)
{
    return out_id_is_fictional(st, id) ? "[FICTIONAL] " : "";
}

static void case_stmt_out(struct strbuf *sb, const struct case_entity *en,
                          const struct case_stmt *s, bool json, unsigned flags)
{
    if (json)
        stmt_json(sb, en->id, en->schema, s->id, s->prop, s->value, s->lang,
                  s->qualifier, s->source_id, s->source_caption, s->conf,
                  s->author, s->recorded_at, s->retracted_at, s->retract_reason,
                  s->retracted_by, s->released, flags);
    else
        stmt_text(sb, en->id, en->schema, s->id, s->prop, s->value, s->lang,
                  s->qualifier, s->source_id, s->source_caption, s->conf,
                  s->author, s->recorded_at, s->retracted_at, s->retract_reason,
                  s->retracted_by, s->released, flags);
}

void out_entity(FILE *f, const struct case_entity *en, bool json,
                unsigned flags)
{
    struct strbuf sb = STRBUF_INIT;
    bool fictional = out_entity_is_fictional(en);

    if (json) {
        strbuf_addstr(&sb, "{\"id\":");
        strbuf_add_json_str(&sb, en->id);
        json_field(&sb, "schema", en->schema);
        json_field(&sb, "caption", en->caption);
        json_field(&sb, "created_at", en->created_at);
        strbuf_addf(&sb, ",\"fictional\":%s,\"statements\":[",
                    fictional ? "true" : "false");
        for (size_t i = 0; i < en->nstmts; i++) {
            if (i)
                strbuf_addch(&sb, ',');
            case_stmt_out(&sb, en, &en->stmts[i], true, flags);
        }
        strbuf_addstr(&sb, "],\"referenced_by\":[");
        for (size_t i = 0; i < en->nrefs; i++) {
            const struct case_ref *r = &en->refs[i];
            if (i)
                strbuf_addch(&sb, ',');
            strbuf_addstr(&sb, "{\"entity\":");
            strbuf_add_json_str(&sb, r->entity_id);
            json_field(&sb, "schema", r->schema);
            json_field(&sb, "caption", r->caption);
            json_field(&sb, "prop", r->stmt.prop);
            strbuf_addch(&sb, '}');
        }
        strbuf_addstr(&sb, "]}\n");
        fwrite(sb.buf, 1, sb.len, f);
        strbuf_release(&sb);
        return;
    }
    if (fictional)
        strbuf_addstr(&sb, "[FICTIONAL] ");
    strbuf_addf(&sb, "%s %s  %s\n", en->schema, en->id,
                en->caption ? en->caption : "");
    for (size_t i = 0; i < en->nstmts; i++) {
        case_stmt_out(&sb, en, &en->stmts[i], false, flags);
        strbuf_addch(&sb, '\n');
    }
    for (size_t i = 0; i < en->nstmts; i++) {
        const struct case_stmt *st = &en->stmts[i];
        bool seen = false;
        if (!st->source_id)
            continue;
        for (size_t k = 0; k < i && !seen; k++)
            seen = en->stmts[k].source_id &&
                   strcmp(en->stmts[k].source_id, st->source_id) == 0;
        if (seen)
            continue;
        if (!strstr(sb.buf, "\nsources:\n"))
            strbuf_addstr(&sb, "sources:\n");
        strbuf_addf(&sb, "  %-28s %s\n", st->source_id,
                    st->source_caption ? st->source_caption : "");
    }
    if (en->nrefs) {
        strbuf_addstr(&sb, "referenced by:\n");
        for (size_t i = 0; i < en->nrefs; i++) {
            const struct case_ref *r = &en->refs[i];
            strbuf_addf(&sb, "  %-12s %s  as %s  %s\n", r->schema, r->entity_id,
                        r->stmt.prop, r->caption ? r->caption : "");
        }
    }
    fwrite(sb.buf, 1, sb.len, f);
    strbuf_release(&sb);
}

/* Decodes one UTF-8 code point; returns bytes used (1 on bad input). */
static int utf8_next(const unsigned char *p, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if ((p[0] & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
        return 2;
    }
    if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
        (p[2] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) |
              (p[2] & 0x3f);
        return 3;
    }
    if ((p[0] & 0xf8) == 0xf0 && (p[1] & 0xc0) == 0x80 &&
        (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x07) << 18) |
              ((uint32_t)(p[1] & 0x3f) << 12) | ((uint32_t)(p[2] & 0x3f) << 6) |
              (p[3] & 0x3f);
        return 4;
    }
    *cp = 0xfffd;
    return 1;
}

const char *out_guess_script(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    bool latin = false, other = false;

    while (*p) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
            (cp >= 0x20000 && cp <= 0x2ffff) || (cp >= 0xf900 && cp <= 0xfaff))
            return "Hani";
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
            (cp >= 0xc0 && cp <= 0x24f))
            latin = true;
        else if (cp >= 0x370)
            other = true;
    }
    return latin && !other ? "Latn" : NULL;
}
