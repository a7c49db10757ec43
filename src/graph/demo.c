/*
 * graph demo: the FICTIONAL assets and family of the demo case's
 * fictional officer CHAN Tai-man 陳大文 (Hong Kong's "John Doe" name):
 * a spouse who directs a UK company held through a BVI holding company,
 * a London flat owned by that company (share not recorded: the demo of a
 * missing percentage), a bank account in Singapore, a child at school in
 * Canada, and a small ownership cycle between two shell companies.
 * Every record is invented and carries fictional=true; company numbers
 * are in a "FICT" series that no registry uses.
 */
#include <string.h>

#include "case/case.h"
#include "case/demo.h"
#include "graph/graph.h"
#include "util/banned.h"

#define C STORE_CONF_CONFIRMED
#define PR STORE_CONF_PROBABLE
#define PO STORE_CONF_POSSIBLE

#define S_LEAK "demo-source-registry-extract"
#define S_PRESS "demo-source-harbour-daily-assets"
#define SPOUSE GRAPH_DEMO_SPOUSE_ID
#define CHILD "demo-person-chan-ka-lok"
#define BVI "demo-company-pearl-crest-bvi"
#define UK GRAPH_DEMO_UK_COMPANY_ID
#define SHELL "demo-company-orchid-gate-sey"
#define FLAT "demo-realestate-london-flat"
#define BANK "demo-bank-account-sg"

struct gd_entity {
    const char *id;
    const char *schema;
};

struct gd_value {
    const char *id;
    const char *prop;
    const char *value;
    const char *source;
    enum store_conf conf;
    const char *lang;
};

static const struct gd_entity entities[] = {
    {S_LEAK, "Source"},
    {S_PRESS, "Source"},
    {SPOUSE, "Person"},
    {CHILD, "Person"},
    {BVI, "Company"},
    {UK, "Company"},
    {SHELL, "Company"},
    {FLAT, "RealEstate"},
    {BANK, "BankAccount"},
    {"demo-family-chan-lam", "Family"},
    {"demo-family-chan-child", "Family"},
    {"demo-own-chan-bvi", "Ownership"},
    {"demo-own-lam-bvi", "Ownership"},
    {"demo-own-bvi-uk", "Ownership"},
    {"demo-own-uk-flat", "Ownership"},
    {"demo-own-chan-bank", "Ownership"},
    {"demo-own-bvi-shell", "Ownership"},
    {"demo-own-shell-bvi", "Ownership"},
    {"demo-dir-lam-uk", "Directorship"},
    {"demo-tie-child-school-ca", "ForeignTie"},
    {"demo-tie-chan-residence-gb", "ForeignTie"},
};

static const struct gd_value values[] = {
    {S_LEAK, "name", "Company registry extracts (UK, BVI), 2021", NULL, C,
     "Latn"},
    {S_LEAK, "kind", "registry", NULL, C, NULL},
    {S_LEAK, "reliability", "B", NULL, C, NULL},
    {S_PRESS, "name", "Harbour Daily: officers' assets abroad, 2022", NULL, C,
     "Latn"},
    {S_PRESS, "kind", "media", NULL, C, NULL},
    {S_PRESS, "reliability", "C", NULL, C, NULL},
    /* Family. */
    {SPOUSE, "name", "LAM Siu-wan", S_LEAK, C, "Latn"},
    {SPOUSE, "name", "林小雲", S_PRESS, PR, "Hani"},
    {SPOUSE, "nationality", "hk", S_LEAK, C, NULL},
    {SPOUSE, "citizenship", "gb", S_PRESS, PO, NULL},
    {CHILD, "name", "CHAN Ka-lok", S_PRESS, PR, "Latn"},
    {CHILD, "name", "陳家樂", S_PRESS, PR, "Hani"},
    {"demo-family-chan-lam", "person", DEMO_OFFICER_ID, S_PRESS, C, NULL},
    {"demo-family-chan-lam", "relative", SPOUSE, S_PRESS, C, NULL},
    {"demo-family-chan-lam", "relationship", "spouse", S_PRESS, C, NULL},
    {"demo-family-chan-child", "person", DEMO_OFFICER_ID, S_PRESS, PR, NULL},
    {"demo-family-chan-child", "relative", CHILD, S_PRESS, PR, NULL},
    {"demo-family-chan-child", "relationship", "child", S_PRESS, PR, NULL},
    /* Companies. */
    {BVI, "name", "Pearl Crest Holdings Limited", S_LEAK, C, "Latn"},
    {BVI, "jurisdiction", "vg", S_LEAK, C, NULL},
    {BVI, "registrationNumber", "FICT-BVI-0001", S_LEAK, C, NULL},
    {UK, "name", "Harbourlight Property Services Ltd", S_LEAK, C, "Latn"},
    {UK, "name", "海燈物業服務有限公司", S_PRESS, PO, "Hani"},
    {UK, "jurisdiction", "gb", S_LEAK, C, NULL},
    {UK, "registrationNumber", "FICT0001", S_LEAK, C, NULL},
    {UK, "incorporationDate", "2018-04-03", S_LEAK, C, NULL},
    {SHELL, "name", "Orchid Gate Investments Ltd", S_LEAK, PR, "Latn"},
    {SHELL, "jurisdiction", "sc", S_LEAK, PR, NULL},
    /* Assets. */
    {FLAT, "name", "Flat 3, 12 Example Mews, London", S_LEAK, C, "Latn"},
    {FLAT, "country", "gb", S_LEAK, C, NULL},
    {FLAT, "propertyType", "flat", S_LEAK, C, NULL},
    {FLAT, "tenure", "leasehold", S_LEAK, C, NULL},
    {BANK, "name", "Straits Harbour Bank account (fictional)", S_PRESS, PO,
     "Latn"},
    {BANK, "bankName", "Straits Harbour Bank (fictional)", S_PRESS, PO, NULL},
    {BANK, "country", "sg", S_PRESS, PO, NULL},
    {BANK, "currency", "SGD", S_PRESS, PO, NULL},
    /* Who owns what. */
    {"demo-own-chan-bvi", "owner", DEMO_OFFICER_ID, S_LEAK, PR, NULL},
    {"demo-own-chan-bvi", "asset", BVI, S_LEAK, C, NULL},
    {"demo-own-chan-bvi", "percentage", "50", S_LEAK, PR, NULL},
    {"demo-own-chan-bvi", "ownershipType", "shareholding", S_LEAK, C, NULL},
    {"demo-own-lam-bvi", "owner", SPOUSE, S_LEAK, C, NULL},
    {"demo-own-lam-bvi", "asset", BVI, S_LEAK, C, NULL},
    {"demo-own-lam-bvi", "percentage", "50", S_LEAK, C, NULL},
    {"demo-own-bvi-uk", "owner", BVI, S_LEAK, C, NULL},
    {"demo-own-bvi-uk", "asset", UK, S_LEAK, C, NULL},
    {"demo-own-bvi-uk", "percentage", "75-100", S_LEAK, C, NULL},
    {"demo-own-bvi-uk", "ownershipType", "ownership-of-shares", S_LEAK, C,
     NULL},
    {"demo-own-bvi-uk", "startDate", "2018-04", S_LEAK, C, NULL},
    {"demo-own-uk-flat", "owner", UK, S_LEAK, C, NULL},
    {"demo-own-uk-flat", "asset", FLAT, S_LEAK, C, NULL},
    {"demo-own-uk-flat", "startDate", "2019-02", S_LEAK, C, NULL},
    {"demo-own-chan-bank", "owner", DEMO_OFFICER_ID, S_PRESS, PO, NULL},
    {"demo-own-chan-bank", "asset", BANK, S_PRESS, PO, NULL},
    {"demo-own-chan-bank", "percentage", "100", S_PRESS, PO, NULL},
    {"demo-own-bvi-shell", "owner", BVI, S_LEAK, PR, NULL},
    {"demo-own-bvi-shell", "asset", SHELL, S_LEAK, PR, NULL},
    {"demo-own-bvi-shell", "percentage", "40", S_LEAK, PR, NULL},
    {"demo-own-shell-bvi", "owner", SHELL, S_LEAK, PO, NULL},
    {"demo-own-shell-bvi", "asset", BVI, S_LEAK, PO, NULL},
    {"demo-own-shell-bvi", "percentage", "10", S_LEAK, PO, NULL},
    {"demo-dir-lam-uk", "director", SPOUSE, S_LEAK, C, NULL},
    {"demo-dir-lam-uk", "organization", UK, S_LEAK, C, NULL},
    {"demo-dir-lam-uk", "role", "director", S_LEAK, C, NULL},
    {"demo-dir-lam-uk", "startDate", "2018-04-03", S_LEAK, C, NULL},
    /* Ties abroad. */
    {"demo-tie-child-school-ca", "person", DEMO_OFFICER_ID, S_PRESS, PR, NULL},
    {"demo-tie-child-school-ca", "country", "ca", S_PRESS, PR, NULL},
    {"demo-tie-child-school-ca", "kind", "education-of-children", S_PRESS, PR,
     NULL},
    {"demo-tie-child-school-ca", "summary",
     "child CHAN Ka-lok at a boarding school in Vancouver (fictional)", S_PRESS,
     PR, "Latn"},
    {"demo-tie-chan-residence-gb", "person", DEMO_OFFICER_ID, S_PRESS, PO,
     NULL},
    {"demo-tie-chan-residence-gb", "country", "gb", S_PRESS, PO, NULL},
    {"demo-tie-chan-residence-gb", "kind", "residence", S_PRESS, PO, NULL},
    {"demo-tie-chan-residence-gb", "asset", FLAT, S_PRESS, PO, NULL},
};

enum err_code graph_demo_extend(struct store *st, int *nentities, struct err *e)
{
    enum err_code rc;
    int n = 0;

    if (nentities)
        *nentities = 0;
    if (store_entity_exists(st, SPOUSE))
        return err_set(e, ERR_CONFLICT, "the demo assets exist already");
    rc = store_begin(st, e);
    for (size_t i = 0; !rc && i < sizeof(entities) / sizeof(entities[0]); i++) {
        rc = case_entity_add(st, entities[i].schema, entities[i].id, NULL, NULL,
                             e);
        if (!rc)
            rc = case_prop_add(st, entities[i].id, "fictional", "true", NULL,
                               NULL, e);
        n++;
    }
    for (size_t i = 0; !rc && i < sizeof(values) / sizeof(values[0]); i++) {
        const struct gd_value *v = &values[i];
        struct case_stmt_opts so = {v->lang, NULL, v->source, v->conf, NULL, 0};

        /* A range such as "75-100" is kept as written, not refused. */
        if (strcmp(v->prop, "percentage") == 0)
            so.flags = CASE_LENIENT;

        rc = case_prop_add(st, v->id, v->prop, v->value, &so, NULL, e);
        if (rc)
            err_prefix(e, "demo record '%s' %s", v->id, v->prop);
    }
    if (!rc)
        rc = store_audit_add(st, "demo", NULL,
                             "fictional assets, companies and family ties "
                             "(graph demo)",
                             e);
    if (!rc)
        rc = store_commit(st, e);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if (nentities)
        *nentities = n;
    return ERR_OK;
}
