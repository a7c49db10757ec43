/*
 * un_xml: the UN Security Council consolidated list XML
 * (CONSOLIDATED_LIST / INDIVIDUALS / INDIVIDUAL, ENTITIES / ENTITY, schema
 * https://www.un.org/sc/resources/sc-sanctions.xsd). The entry id is the
 * REFERENCE_NUMBER ("CDi.001"). Each record is read as one subtree, so
 * memory is bounded by the largest record.
 */
#include <stdio.h>
#include <string.h>

#include "formats/xml.h"
#include "screen/importers.h"
#include "screen/list_xml.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define UN_MAX_NODES 20000

/* Joins the texts of the named children with sep (skipping empty ones). */
static void join_children(struct strbuf *sb, const struct xml_node *n,
                          const char *const *names, const char *sep)
{
    for (size_t i = 0; names[i]; i++) {
        const char *t = xml_child_text(n, names[i]);

        if (!t)
            continue;
        if (sb->len)
            strbuf_addstr(sb, sep);
        strbuf_addstr(sb, t);
    }
}

static void add_dob(struct list *l, struct list_entry *en,
                    const struct xml_node *d)
{
    const char *type = xml_child_text(d, "TYPE_OF_DATE");
    const char *date = xml_child_text(d, "DATE");
    const char *year = xml_child_text(d, "YEAR");
    const char *from = xml_child_text(d, "FROM_YEAR");
    const char *to = xml_child_text(d, "TO_YEAR");
    const char *one = date ? date : year;
    char buf[128];

    if (from && to)
        snprintf(buf, sizeof(buf), "%s to %s", from, to);
    else if (one && type && strcmp(type, "APPROXIMATELY") == 0)
        snprintf(buf, sizeof(buf), "circa %s", one);
    else if (one)
        snprintf(buf, sizeof(buf), "%s", one);
    else
        return;
    list_add_dob(l, en, buf);
}

static void add_values(struct list *l, struct list_entry *en,
                       const struct xml_node *rec, const char *name,
                       void (*fn)(struct list *, struct list_entry *,
                                  const char *))
{
    for (size_t i = 0; i < rec->nchildren; i++) {
        const struct xml_node *c = &rec->children[i];

        if (strcmp(c->name, name) != 0)
            continue;
        for (size_t k = 0; k < c->nchildren; k++)
            if (strcmp(c->children[k].name, "VALUE") == 0)
                fn(l, en, c->children[k].text);
    }
}

static void add_title(struct list *l, struct list_entry *en, const char *t)
{
    if (!t || !*t)
        return;
    if (!en->title) {
        en->title = list_strdup(l, t);
    } else {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addf(&sb, "%s; %s", en->title, t);
        en->title = list_strdup(l, sb.buf);
        strbuf_release(&sb);
    }
}

static void add_designation(struct list *l, struct list_entry *en,
                            const char *t)
{
    list_add_remark(l, en, t);
}

static enum err_code add_record(struct list *l, const struct xml_node *rec,
                                const char *file, void *ctx, struct err *e)
{
    (void)ctx;
    static const char *const name_parts[] = {"FIRST_NAME", "SECOND_NAME",
                                             "THIRD_NAME", "FOURTH_NAME", NULL};
    static const char *const place_parts[] = {"STREET", "CITY",
                                              "STATE_PROVINCE", NULL};
    static const char *const addr_parts[] = {"STREET", "CITY", "STATE_PROVINCE",
                                             "ZIP_CODE", NULL};
    const char *ref = xml_child_text(rec, "REFERENCE_NUMBER");
    bool person = strcmp(rec->name, "INDIVIDUAL") == 0;
    struct list_entry *en;
    struct strbuf sb = STRBUF_INIT;
    enum err_code rc;
    const char *s;

    if (!ref)
        return err_set(e, ERR_INVALID, "%s:%d: <%s> without a REFERENCE_NUMBER",
                       file, rec->line, rec->name);
    rc = list_add_entry(l, ref, &en, e);
    if (rc) {
        err_prefix(e, "%s:%d", file, rec->line);
        return rc;
    }
    en->type = person ? LIST_TYPE_PERSON : LIST_TYPE_ENTITY;
    join_children(&sb, rec, name_parts, " ");
    list_add_name(l, en, sb.buf, LIST_NAME_PRIMARY);
    list_add_name(l, en, xml_child_text(rec, "NAME_ORIGINAL_SCRIPT"),
                  LIST_NAME_AKA);
    list_add_program(l, en, xml_child_text(rec, "UN_LIST_TYPE"));
    en->listed = list_strdup(l, xml_child_text(rec, "LISTED_ON"));
    list_add_remark(l, en, xml_child_text(rec, "COMMENTS1"));
    s = xml_child_text(rec, "GENDER");
    if (s && strcmp(s, "Male") == 0)
        en->gender = "male";
    else if (s && strcmp(s, "Female") == 0)
        en->gender = "female";
    add_values(l, en, rec, "NATIONALITY", list_add_nationality);
    add_values(l, en, rec, "TITLE", add_title);
    add_values(l, en, rec, "DESIGNATION", add_designation);
    for (size_t i = 0; i < rec->nchildren; i++) {
        const struct xml_node *c = &rec->children[i];

        if (strcmp(c->name, "INDIVIDUAL_ALIAS") == 0 ||
            strcmp(c->name, "ENTITY_ALIAS") == 0) {
            const char *q = xml_child_text(c, "QUALITY");
            enum list_name_kind k = LIST_NAME_AKA;

            if (q && strcmp(q, "Low") == 0)
                k = LIST_NAME_LOW_QUALITY;
            else if (q && strcmp(q, "f.k.a.") == 0)
                k = LIST_NAME_FKA;
            list_add_name(l, en, xml_child_text(c, "ALIAS_NAME"), k);
        } else if (strcmp(c->name, "INDIVIDUAL_DATE_OF_BIRTH") == 0) {
            add_dob(l, en, c);
        } else if (strcmp(c->name, "INDIVIDUAL_PLACE_OF_BIRTH") == 0) {
            strbuf_reset(&sb);
            join_children(&sb, c, place_parts, ", ");
            s = xml_child_text(c, "COUNTRY");
            if (s) {
                if (sb.len)
                    strbuf_addstr(&sb, ", ");
                strbuf_addstr(&sb, s);
            }
            list_add_pob(l, en, sb.buf);
        } else if (strcmp(c->name, "INDIVIDUAL_DOCUMENT") == 0) {
            struct list_ident id = {0};
            const char *t = xml_child_text(c, "TYPE_OF_DOCUMENT");

            id.type = "id";
            if (t && strstr(t, "Passport"))
                id.type = "passport";
            else if (t && (strstr(t, "National") || strstr(t, "Identity")))
                id.type = "national id";
            id.number = xml_child_text(c, "NUMBER");
            id.country = xml_child_text(c, "ISSUING_COUNTRY");
            if (!id.country)
                id.country = xml_child_text(c, "COUNTRY_OF_ISSUE");
            id.issued = xml_child_text(c, "DATE_OF_ISSUE");
            id.note = xml_child_text(c, "NOTE");
            list_add_ident(l, en, &id);
        } else if (strcmp(c->name, "INDIVIDUAL_ADDRESS") == 0 ||
                   strcmp(c->name, "ENTITY_ADDRESS") == 0) {
            strbuf_reset(&sb);
            join_children(&sb, c, addr_parts, ", ");
            list_add_address(l, en, sb.buf, xml_child_text(c, "COUNTRY"));
        }
    }
    strbuf_release(&sb);
    return ERR_OK;
}

static const char *const un_records[] = {"INDIVIDUAL", "ENTITY", NULL};

static const struct list_xml un_xml = {
    "un-sc",
    "un",
    "un-xml",
    "CONSOLIDATED_LIST",
    "a UN consolidated list",
    "dateGenerated",
    un_records,
    UN_MAX_NODES,
    16384,
    add_record,
};

enum err_code list_load_un_xml(const char *path, struct list *l, struct err *e)
{
    enum err_code rc = list_xml_load(path, l, &un_xml, NULL, e);

    if (!rc)
        list_finish(l);
    return rc;
}

enum err_code list_parse_un_xml_mem(const void *data, size_t len,
                                    const char *name, struct list *l,
                                    struct err *e)
{
    enum err_code rc = list_xml_load_mem(data, len, name, l, &un_xml, NULL, e);

    if (!rc)
        list_finish(l);
    return rc;
}
