/*
 * ca_xml: Canada's Consolidated Canadian Autonomous Sanctions List (SEMA
 * and JVCFOA) XML: <data-set> of flat <record>s. Two generations:
 *   2020: Country, LastName, GivenName, Entity, DateOfBirth, Aliases,
 *         Title, Schedule, Item;
 *   current: Country, LastName, GivenName, EntityOrShip, ShipIMONumber,
 *         DateOfBirthOrShipBuildDate, TitleOrShip, Aliases, Schedule,
 *         Item, DateOfListing.
 * The list has no ids of its own: an entry is identified by its regime
 * (Country) plus Schedule and Item, e.g. "Russia/1/31".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "formats/xml.h"
#include "screen/importers.h"
#include "screen/list_xml.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* "Russia / Russie" -> "Russia"; "Justice for Victims ... (JVCFOR) / ..."
 * -> "JVCFOR". */
static void regime_of(const char *country, char *out, size_t n)
{
    const char *open = strchr(country, '(');
    const char *slash = strstr(country, " / ");
    size_t len;

    if (open && (!slash || open < slash)) {
        const char *close = strchr(open, ')');

        if (close && close - open > 1) {
            len = (size_t)(close - open - 1);
            snprintf(out, n, "%.*s", (int)len, open + 1);
            return;
        }
    }
    len = slash ? (size_t)(slash - country) : strlen(country);
    while (len > 0 && isspace((unsigned char)country[len - 1]))
        len--;
    snprintf(out, n, "%.*s", (int)len, country);
}

static bool company_suffix(const char *s)
{
    static const char *const sfx[] = {
        "Ltd",  "Inc",  "LLC", "Co.", "S.A", "Limited", "JSC", "PJSC", "OJSC",
        "CJSC", "GmbH", "LLP", "Pte", "SA",  "Corp",    "PLC", "plc",  NULL};

    if (islower((unsigned char)*s))
        return true;
    for (size_t i = 0; sfx[i]; i++)
        if (strncmp(s, sfx[i], strlen(sfx[i])) == 0)
            return true;
    return false;
}

/* Aliases: ";"-separated, or ", "-separated except before "Ltd." etc. */
static void add_aliases(struct list *l, struct list_entry *en, const char *s)
{
    struct strbuf cur = STRBUF_INIT;
    bool semi = strchr(s, ';') != NULL;

    for (const char *p = s;; p++) {
        bool split =
            *p == '\0' || (semi && *p == ';') ||
            (!semi && p[0] == ',' && p[1] == ' ' && !company_suffix(p + 2));

        if (split) {
            strbuf_trim(&cur);
            list_add_name(l, en, cur.buf, LIST_NAME_AKA);
            strbuf_reset(&cur);
            if (*p == '\0')
                break;
            continue;
        }
        strbuf_addch(&cur, *p);
    }
    strbuf_release(&cur);
}

static const char *first_text(const struct xml_node *rec, const char *a,
                              const char *b)
{
    const char *t = xml_child_text(rec, a);

    return t ? t : (b ? xml_child_text(rec, b) : NULL);
}

static enum err_code add_record(struct list *l, const struct xml_node *rec,
                                const char *file, void *ctx, struct err *e)
{
    (void)ctx;
    const char *country = xml_child_text(rec, "Country");
    const char *last = xml_child_text(rec, "LastName");
    const char *given = xml_child_text(rec, "GivenName");
    const char *entity = first_text(rec, "Entity", "EntityOrShip");
    const char *imo = xml_child_text(rec, "ShipIMONumber");
    const char *dob =
        first_text(rec, "DateOfBirth", "DateOfBirthOrShipBuildDate");
    const char *item = xml_child_text(rec, "Item");
    const char *sched = xml_child_text(rec, "Schedule");
    const char *title = first_text(rec, "Title", "TitleOrShip");
    const char *aliases = xml_child_text(rec, "Aliases");
    char regime[128], id[256];
    struct strbuf name = STRBUF_INIT;
    struct list_entry *en;
    enum err_code rc;

    if (!country || !item)
        return err_set(e, ERR_INVALID,
                       "%s:%d: <record> without Country or Item", file,
                       rec->line);
    regime_of(country, regime, sizeof(regime));
    snprintf(id, sizeof(id), "%s/%s/%s", regime, sched ? sched : "-", item);
    rc = list_add_entry(l, id, &en, e);
    if (rc) {
        err_prefix(e, "%s:%d", file, rec->line);
        return rc;
    }
    list_add_program(l, en, regime);
    if (last || given) {
        en->type = LIST_TYPE_PERSON;
        if (given)
            strbuf_addstr(&name, given);
        if (given && last)
            strbuf_addch(&name, ' ');
        if (last)
            strbuf_addstr(&name, last);
        /* The 2020 file pads some names with no-break spaces. */
        while (name.len >= 2 &&
               memcmp(name.buf + name.len - 2, "\xC2\xA0", 2) == 0)
            strbuf_setlen(&name, name.len - 2);
        list_add_name(l, en, name.buf, LIST_NAME_PRIMARY);
        list_add_dob(l, en, dob);
    } else {
        en->type = imo ? LIST_TYPE_VESSEL : LIST_TYPE_ENTITY;
        list_add_name(l, en, entity ? entity : title, LIST_NAME_PRIMARY);
        if (imo) {
            struct list_ident d = {"imo", imo, NULL, NULL, NULL, NULL};

            list_add_ident(l, en, &d);
        }
    }
    if (aliases)
        add_aliases(l, en, aliases);
    if (en->type == LIST_TYPE_PERSON && title)
        en->title = list_strdup(l, title);
    en->listed = list_strdup(l, xml_child_text(rec, "DateOfListing"));
    strbuf_release(&name);
    return ERR_OK;
}

static const char *const ca_records[] = {"record", NULL};

/* Any root element: the 2020 file and the current schema differ there. */
static const struct list_xml ca_xml = {
    "ca-sema", "ca",       "ca-xml", NULL, NULL,
    NULL,      ca_records, 1000,     8192, add_record,
};

enum err_code list_load_ca_xml(const char *path, struct list *l, struct err *e)
{
    enum err_code rc = list_xml_load(path, l, &ca_xml, NULL, e);

    if (!rc && l->nentries == 0)
        rc = err_set(e, ERR_INVALID, "%s: no <record> elements", path);
    if (!rc)
        list_finish(l);
    return rc;
}
