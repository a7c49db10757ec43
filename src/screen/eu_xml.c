/*
 * eu_xml: the EU Financial Sanctions Files (FSF) XML export (namespace
 * http://eu.europa.ec/fpi/fsd/export): export / sanctionEntity with
 * regulation, subjectType, nameAlias, citizenship, birthdate,
 * identification and address children, all data in attributes. The
 * entry id is the sanctionEntity's logicalId.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xml.h"
#include "screen/importers.h"
#include "screen/list_xml.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *attr(const struct xml_node *n, const char *name)
{
    const char *v = xml_node_attr(n, name);

    return v && *v ? v : NULL;
}

static void join(struct strbuf *sb, const char *s)
{
    if (!s)
        return;
    if (sb->len)
        strbuf_addstr(sb, ", ");
    strbuf_addstr(sb, s);
}

static void add_birth(struct list *l, struct list_entry *en,
                      const struct xml_node *b)
{
    const char *full = attr(b, "birthdate"), *y = attr(b, "year");
    const char *m = attr(b, "monthOfYear"), *d = attr(b, "dayOfMonth");
    const char *circa = attr(b, "circa");
    struct strbuf sb = STRBUF_INIT;

    if (circa && strcmp(circa, "true") == 0)
        strbuf_addstr(&sb, "circa ");
    if (full)
        strbuf_addstr(&sb, full);
    else if (y && m && d)
        strbuf_addf(&sb, "%s-%02d-%02d", y, (int)strtol(m, NULL, 10),
                    (int)strtol(d, NULL, 10));
    else if (y && m)
        strbuf_addf(&sb, "%s-%02d", y, (int)strtol(m, NULL, 10));
    else if (y)
        strbuf_addstr(&sb, y);
    if (full || y)
        list_add_dob(l, en, sb.buf);
    strbuf_reset(&sb);
    join(&sb, attr(b, "city"));
    join(&sb, attr(b, "place"));
    join(&sb, attr(b, "region"));
    join(&sb, attr(b, "countryDescription"));
    list_add_pob(l, en, sb.buf);
    strbuf_release(&sb);
}

static enum err_code add_entity(struct list *l, const struct xml_node *rec,
                                const char *file, void *ctx, struct err *e)
{
    (void)ctx;
    const char *id = attr(rec, "logicalId");
    struct list_entry *en;
    enum err_code rc;
    bool have_primary = false;
    struct strbuf sb = STRBUF_INIT;

    if (!id)
        return err_set(e, ERR_INVALID,
                       "%s:%d: <sanctionEntity> without a logicalId", file,
                       rec->line);
    rc = list_add_entry(l, id, &en, e);
    if (rc) {
        err_prefix(e, "%s:%d", file, rec->line);
        return rc;
    }
    if (attr(rec, "euReferenceNumber")) {
        struct list_ident d = {"eu reference", attr(rec, "euReferenceNumber"),
                               NULL,           NULL,
                               NULL,           NULL};

        list_add_ident(l, en, &d);
    }
    if (attr(rec, "unitedNationId")) {
        struct list_ident d = {"un reference", attr(rec, "unitedNationId"),
                               NULL,           NULL,
                               NULL,           NULL};

        list_add_ident(l, en, &d);
    }
    for (size_t i = 0; i < rec->nchildren; i++) {
        const struct xml_node *c = &rec->children[i];

        if (strcmp(c->name, "regulation") == 0) {
            list_add_program(l, en, attr(c, "programme"));
            if (!en->listed && attr(c, "publicationDate"))
                en->listed = list_strdup(l, attr(c, "publicationDate"));
        } else if (strcmp(c->name, "subjectType") == 0) {
            const char *code = attr(c, "code");

            en->type = !code                           ? LIST_TYPE_UNKNOWN
                       : strcmp(code, "person") == 0   ? LIST_TYPE_PERSON
                       : strcmp(code, "vessel") == 0   ? LIST_TYPE_VESSEL
                       : strcmp(code, "aircraft") == 0 ? LIST_TYPE_AIRCRAFT
                                                       : LIST_TYPE_ENTITY;
        } else if (strcmp(c->name, "nameAlias") == 0) {
            const char *strong = attr(c, "strong");
            const char *g = attr(c, "gender");
            enum list_name_kind k = LIST_NAME_AKA;

            if (strong && strcmp(strong, "false") == 0)
                k = LIST_NAME_WEAK;
            else if (!have_primary)
                k = LIST_NAME_PRIMARY;
            if (k == LIST_NAME_PRIMARY)
                have_primary = true;
            list_add_name(l, en, attr(c, "wholeName"), k);
            if (g && !en->gender)
                en->gender = strcmp(g, "M") == 0   ? "male"
                             : strcmp(g, "F") == 0 ? "female"
                                                   : NULL;
            if (!en->title && attr(c, "function"))
                en->title = list_strdup(l, attr(c, "function"));
        } else if (strcmp(c->name, "citizenship") == 0) {
            const char *iso = attr(c, "countryIso2Code");

            list_add_citizenship(l, en,
                                 iso && strcmp(iso, "00") != 0
                                     ? iso
                                     : attr(c, "countryDescription"));
        } else if (strcmp(c->name, "birthdate") == 0) {
            add_birth(l, en, c);
        } else if (strcmp(c->name, "identification") == 0) {
            const char *t = attr(c, "identificationTypeCode");
            struct list_ident d = {0};

            d.type = !t                           ? "id"
                     : strcmp(t, "passport") == 0 ? "passport"
                     : strcmp(t, "id") == 0       ? "national id"
                     : strcmp(t, "tax") == 0      ? "tax id"
                                                  : t;
            d.number = attr(c, "number");
            d.country = attr(c, "countryIso2Code");
            d.issued = attr(c, "issuedDate");
            d.expires = attr(c, "validTo");
            d.note = attr(c, "identificationTypeDescription");
            list_add_ident(l, en, &d);
        } else if (strcmp(c->name, "address") == 0) {
            strbuf_reset(&sb);
            join(&sb, attr(c, "street"));
            join(&sb, attr(c, "poBox"));
            join(&sb, attr(c, "city"));
            join(&sb, attr(c, "zipCode"));
            join(&sb, attr(c, "region"));
            join(&sb, attr(c, "place"));
            list_add_address(l, en, sb.buf,
                             attr(c, "countryIso2Code")
                                 ? attr(c, "countryIso2Code")
                                 : attr(c, "countryDescription"));
        }
    }
    strbuf_release(&sb);
    return ERR_OK;
}

static const char *const eu_records[] = {"sanctionEntity", NULL};

static const struct list_xml eu_xml = {
    "eu-fsf",         "eu",       "eu-xml", "export", "an EU FSF export",
    "generationDate", eu_records, 20000,    16384,    add_entity,
};

enum err_code list_load_eu_xml(const char *path, struct list *l, struct err *e)
{
    enum err_code rc = list_xml_load(path, l, &eu_xml, NULL, e);

    if (!rc)
        list_finish(l);
    return rc;
}
