/*
 * demo: the demo case. The fictional part is the table below; the real
 * part is the generated case_demo_designations (OFAC SDN HK-EO13936).
 *
 * Every person, unit, incident, victim and source here is invented.
 * Names are common placeholder names (陳大文 / CHAN Tai-man is Hong
 * Kong's "John Doe"); places are invented ("Lantern Street",
 * "Harbour Region"). Nothing here describes a real person or event.
 */
#include <stdio.h>
#include <string.h>

#include "case/case.h"
#include "case/demo.h"
#include "case/ftm_io.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct demo_entity {
    const char *id;
    const char *schema;
};

struct demo_value {
    const char *id;
    const char *prop;
    const char *value;
    const char *source; /* a demo Source id, or NULL */
    enum store_conf conf;
    const char *lang;      /* or NULL */
    const char *qualifier; /* or NULL */
};

#define C STORE_CONF_CONFIRMED
#define PR STORE_CONF_PROBABLE
#define PO STORE_CONF_POSSIBLE

#define S_VIDEO "demo-source-harbour-daily-video"
#define S_GAZ "demo-source-gazette-notice"
#define S_W1 "demo-source-witness-w1"
#define S_REG "demo-source-force-directory"

static const struct demo_entity entities[] = {
    {S_VIDEO, "Source"},
    {S_GAZ, "Source"},
    {S_W1, "Source"},
    {S_REG, "Source"},
    {"demo-unit-harbour-region", "Organization"},
    {"demo-unit-lantern-district", "Organization"},
    {DEMO_UNIT_ID, "Organization"},
    {"demo-post-regional-commander", "Position"},
    {"demo-post-district-commander", "Position"},
    {"demo-post-company-commander", "Position"},
    {"demo-post-platoon-commander", "Position"},
    {DEMO_COMMANDER_ID, "Person"},
    {"demo-officer-lee-ka-fai", "Person"},
    {"demo-officer-ho-man-kit", "Person"},
    {DEMO_OFFICER_ID, "Person"},
    {"demo-officer-cheung-siu-ming", "Person"},
    {"demo-occ-wong-regional", "Occupancy"},
    {"demo-occ-lee-district", "Occupancy"},
    {"demo-occ-ho-district", "Occupancy"},
    {"demo-occ-chan-company", "Occupancy"},
    {"demo-occ-cheung-platoon", "Occupancy"},
    {"demo-link-region-district", "CommandLink"},
    {"demo-link-district-company", "CommandLink"},
    {"demo-link-region-company", "CommandLink"},
    {DEMO_INCIDENT_ID, "Incident"},
    {"demo-incident-harbour-station", "Incident"},
    {"demo-inv-chan-lantern", "Involvement"},
    {"demo-inv-cheung-lantern", "Involvement"},
    {"demo-inv-company-lantern", "Involvement"},
    {"demo-inv-lee-station", "Involvement"},
    {DEMO_VICTIM_ID, "Victim"},
    {"demo-victim-v02", "Victim"},
};

static const struct demo_value values[] = {
    /* Sources. */
    {S_VIDEO, "name", "Harbour Daily live-stream video, 18 Nov 2019", NULL, C,
     "Latn", NULL},
    {S_VIDEO, "kind", "media", NULL, C, NULL, NULL},
    {S_VIDEO, "reliability", "B", NULL, C, NULL, NULL},
    {S_VIDEO, "publisher", "Harbour Daily (fictional outlet)", NULL, C, NULL,
     NULL},
    {S_VIDEO, "publishedAt", "2019-11-18", NULL, C, NULL, NULL},
    {S_GAZ, "name", "Gazette notice of senior appointments, Mar 2017", NULL, C,
     "Latn", NULL},
    {S_GAZ, "kind", "official", NULL, C, NULL, NULL},
    {S_GAZ, "reliability", "A", NULL, C, NULL, NULL},
    {S_GAZ, "publishedAt", "2017-03", NULL, C, NULL, NULL},
    {S_REG, "name", "Force directory, 2019 edition", NULL, C, "Latn", NULL},
    {S_REG, "kind", "document", NULL, C, NULL, NULL},
    {S_REG, "reliability", "B", NULL, C, NULL, NULL},
    {S_W1, "name", "Witness statement W-1", NULL, C, "Latn", NULL},
    {S_W1, "kind", "witness", NULL, C, NULL, NULL},
    {S_W1, "reliability", "C", NULL, C, NULL, NULL},
    {S_W1, "informantName", "(fictional) LAU Mei-ling", NULL, C, NULL, NULL},
    {S_W1, "informantContact", "(fictional) Signal +852 5555 0101", NULL, C,
     NULL, NULL},
    /* Units and the chain of command. */
    {"demo-unit-harbour-region", "name", "Harbour Region Command", S_REG, C,
     "Latn", NULL},
    {"demo-unit-harbour-region", "name", "海港總區", S_REG, C, "Hani", NULL},
    {"demo-unit-lantern-district", "name", "Lantern Street District", S_REG, C,
     "Latn", NULL},
    {"demo-unit-lantern-district", "name", "燈籠街警區", S_REG, C, "Hani",
     NULL},
    {DEMO_UNIT_ID, "name", "Tactical Company 7", S_REG, C, "Latn", NULL},
    {DEMO_UNIT_ID, "name", "戰術第七連", S_REG, C, "Hani", NULL},
    {"demo-link-region-district", "superior", "demo-unit-harbour-region", S_REG,
     C, NULL, NULL},
    {"demo-link-region-district", "subordinate", "demo-unit-lantern-district",
     S_REG, C, NULL, NULL},
    {"demo-link-region-district", "startDate", "2015", S_REG, C, NULL, NULL},
    {"demo-link-district-company", "superior", "demo-unit-lantern-district",
     S_REG, C, NULL, NULL},
    {"demo-link-district-company", "subordinate", DEMO_UNIT_ID, S_REG, C, NULL,
     NULL},
    {"demo-link-district-company", "startDate", "2018-01", S_REG, C, NULL,
     NULL},
    {"demo-link-district-company", "endDate", "2020-06", S_REG, C, NULL, NULL},
    {"demo-link-region-company", "superior", "demo-unit-harbour-region", S_REG,
     PR, NULL, NULL},
    {"demo-link-region-company", "subordinate", DEMO_UNIT_ID, S_REG, PR, NULL,
     NULL},
    {"demo-link-region-company", "startDate", "2020-07", S_REG, PR, NULL, NULL},
    /* Posts. */
    {"demo-post-regional-commander", "name", "Regional Commander", S_REG, C,
     "Latn", NULL},
    {"demo-post-regional-commander", "organization", "demo-unit-harbour-region",
     S_REG, C, NULL, NULL},
    {"demo-post-regional-commander", "isCommand", "true", S_REG, C, NULL, NULL},
    {"demo-post-district-commander", "name", "District Commander", S_REG, C,
     "Latn", NULL},
    {"demo-post-district-commander", "organization",
     "demo-unit-lantern-district", S_REG, C, NULL, NULL},
    {"demo-post-district-commander", "isCommand", "true", S_REG, C, NULL, NULL},
    {"demo-post-company-commander", "name", "Company Commander", S_REG, C,
     "Latn", NULL},
    {"demo-post-company-commander", "organization", DEMO_UNIT_ID, S_REG, C,
     NULL, NULL},
    {"demo-post-company-commander", "isCommand", "true", S_REG, C, NULL, NULL},
    {"demo-post-platoon-commander", "name", "Platoon Commander", S_REG, C,
     "Latn", NULL},
    {"demo-post-platoon-commander", "organization", DEMO_UNIT_ID, S_REG, C,
     NULL, NULL},
    /* Officers. */
    {DEMO_COMMANDER_ID, "name", "黃志強", S_GAZ, C, "Hani", NULL},
    {DEMO_COMMANDER_ID, "name", "WONG Chi-keung", S_GAZ, C, "Latn", "hk-gov"},
    {DEMO_COMMANDER_ID, "alias", "Huang Zhiqiang", NULL, C, "Latn", "pinyin"},
    {DEMO_COMMANDER_ID, "gender", "male", S_GAZ, C, NULL, NULL},
    {DEMO_COMMANDER_ID, "birthDate", "1964", S_REG, PO, NULL, NULL},
    {DEMO_COMMANDER_ID, "nationality", "hk", S_GAZ, C, NULL, NULL},
    {"demo-officer-lee-ka-fai", "name", "李家輝", S_GAZ, C, "Hani", NULL},
    {"demo-officer-lee-ka-fai", "name", "LEE Ka-fai", S_GAZ, C, "Latn",
     "hk-gov"},
    {"demo-officer-lee-ka-fai", "alias", "Kevin Lee", S_REG, PR, "Latn",
     "english"},
    {"demo-officer-lee-ka-fai", "gender", "male", S_GAZ, C, NULL, NULL},
    {"demo-officer-ho-man-kit", "name", "何文傑", S_GAZ, C, "Hani", NULL},
    {"demo-officer-ho-man-kit", "name", "HO Man-kit", S_GAZ, C, "Latn",
     "hk-gov"},
    {DEMO_OFFICER_ID, "name", "陳大文", S_REG, C, "Hani", NULL},
    {DEMO_OFFICER_ID, "name", "CHAN Tai-man", S_REG, C, "Latn", "hk-gov"},
    {DEMO_OFFICER_ID, "alias", "Chen Dawen", NULL, PR, "Latn", "pinyin"},
    {DEMO_OFFICER_ID, "alias", "Tommy Chan", S_VIDEO, PO, "Latn", "english"},
    {DEMO_OFFICER_ID, "gender", "male", S_REG, C, NULL, NULL},
    {DEMO_OFFICER_ID, "birthDate", "Dec 1978", S_W1, PO, NULL, NULL},
    {DEMO_OFFICER_ID, "hkid", "Z123456(1)", S_W1, PR, NULL, NULL},
    {DEMO_OFFICER_ID, "nationality", "hk", S_REG, C, NULL, NULL},
    {"demo-officer-cheung-siu-ming", "name", "張小明", S_VIDEO, PR, "Hani",
     NULL},
    {"demo-officer-cheung-siu-ming", "name", "CHEUNG Siu-ming", S_VIDEO, PR,
     "Latn", "hk-gov"},
    {"demo-officer-cheung-siu-ming", "gender", "male", S_VIDEO, C, NULL, NULL},
    /* Posts held over time. */
    {"demo-occ-wong-regional", "holder", DEMO_COMMANDER_ID, S_GAZ, C, NULL,
     NULL},
    {"demo-occ-wong-regional", "post", "demo-post-regional-commander", S_GAZ, C,
     NULL, NULL},
    {"demo-occ-wong-regional", "rank", "Assistant Commissioner", S_GAZ, C, NULL,
     NULL},
    {"demo-occ-wong-regional", "startDate", "2017-03-01", S_GAZ, C, NULL, NULL},
    {"demo-occ-wong-regional", "endDate", "2021-01", S_REG, PR, NULL, NULL},
    {"demo-occ-lee-district", "holder", "demo-officer-lee-ka-fai", S_REG, C,
     NULL, NULL},
    {"demo-occ-lee-district", "post", "demo-post-district-commander", S_REG, C,
     NULL, NULL},
    {"demo-occ-lee-district", "rank", "Chief Superintendent", S_REG, C, NULL,
     NULL},
    {"demo-occ-lee-district", "startDate", "2018-06", S_REG, C, NULL, NULL},
    {"demo-occ-lee-district", "endDate", "2020-12", S_REG, PR, NULL, NULL},
    {"demo-occ-ho-district", "holder", "demo-officer-ho-man-kit", S_REG, C,
     NULL, NULL},
    {"demo-occ-ho-district", "post", "demo-post-district-commander", S_REG, C,
     NULL, NULL},
    {"demo-occ-ho-district", "startDate", "2021-01", S_REG, C, NULL, NULL},
    {"demo-occ-chan-company", "holder", DEMO_OFFICER_ID, S_REG, C, NULL, NULL},
    {"demo-occ-chan-company", "post", "demo-post-company-commander", S_REG, C,
     NULL, NULL},
    {"demo-occ-chan-company", "rank", "Superintendent", S_REG, C, NULL, NULL},
    {"demo-occ-chan-company", "warrantNumber", "D-54321", S_W1, PR, NULL, NULL},
    {"demo-occ-chan-company", "startDate", "2019", S_REG, C, NULL, NULL},
    {"demo-occ-chan-company", "endDate", "2020-09", S_REG, PR, NULL, NULL},
    {"demo-occ-cheung-platoon", "holder", "demo-officer-cheung-siu-ming",
     S_VIDEO, PR, NULL, NULL},
    {"demo-occ-cheung-platoon", "post", "demo-post-platoon-commander", S_VIDEO,
     PR, NULL, NULL},
    {"demo-occ-cheung-platoon", "callSign", "TC7-3", S_VIDEO, C, NULL, NULL},
    {"demo-occ-cheung-platoon", "startDate", "2019-06", S_VIDEO, PR, NULL,
     NULL},
    {"demo-occ-cheung-platoon", "endDate", "2019-12", S_VIDEO, PR, NULL, NULL},
    /* Incidents. */
    {DEMO_INCIDENT_ID, "name", "Dispersal on Lantern Street", S_VIDEO, C,
     "Latn", NULL},
    {DEMO_INCIDENT_ID, "startDate", "2019-11-18", S_VIDEO, C, NULL, NULL},
    {DEMO_INCIDENT_ID, "place", "Lantern Street, Harbour Region", S_VIDEO, C,
     NULL, NULL},
    {DEMO_INCIDENT_ID, "country", "hk", S_VIDEO, C, NULL, NULL},
    {DEMO_INCIDENT_ID, "violation", "excessive-force", S_VIDEO, C, NULL, NULL},
    {DEMO_INCIDENT_ID, "violation", "arbitrary-detention", S_W1, PR, NULL,
     NULL},
    {DEMO_INCIDENT_ID, "summary",
     "Officers of Tactical Company 7 dispersed a seated crowd with batons "
     "and pepper spray at close range; at least two people were beaten "
     "after being restrained.",
     S_VIDEO, C, "Latn", NULL},
    {"demo-incident-harbour-station", "name", "Detentions at Harbour Station",
     S_W1, PR, "Latn", NULL},
    {"demo-incident-harbour-station", "startDate", "2019-11-18", S_W1, PR, NULL,
     NULL},
    {"demo-incident-harbour-station", "endDate", "2019-11-20", S_W1, PR, NULL,
     NULL},
    {"demo-incident-harbour-station", "country", "hk", S_W1, C, NULL, NULL},
    {"demo-incident-harbour-station", "violation", "ill-treatment", S_W1, PR,
     NULL, NULL},
    {"demo-incident-harbour-station", "summary",
     "Detainees from Lantern Street were held for two days without access "
     "to lawyers; one reports being beaten during questioning.",
     S_W1, PR, "Latn", NULL},
    /* Who was involved, and how. */
    {"demo-inv-chan-lantern", "person", DEMO_OFFICER_ID, S_VIDEO, PR, NULL,
     NULL},
    {"demo-inv-chan-lantern", "incident", DEMO_INCIDENT_ID, S_VIDEO, C, NULL,
     NULL},
    {"demo-inv-chan-lantern", "role", "commanded", S_VIDEO, PR, NULL, NULL},
    {"demo-inv-cheung-lantern", "person", "demo-officer-cheung-siu-ming",
     S_VIDEO, PR, NULL, NULL},
    {"demo-inv-cheung-lantern", "incident", DEMO_INCIDENT_ID, S_VIDEO, C, NULL,
     NULL},
    {"demo-inv-cheung-lantern", "role", "direct", S_VIDEO, PR, NULL, NULL},
    {"demo-inv-company-lantern", "person", DEMO_UNIT_ID, S_VIDEO, C, NULL,
     NULL},
    {"demo-inv-company-lantern", "incident", DEMO_INCIDENT_ID, S_VIDEO, C, NULL,
     NULL},
    {"demo-inv-company-lantern", "role", "direct", S_VIDEO, C, NULL, NULL},
    {"demo-inv-lee-station", "person", "demo-officer-lee-ka-fai", S_W1, PO,
     NULL, NULL},
    {"demo-inv-lee-station", "incident", "demo-incident-harbour-station", S_W1,
     PR, NULL, NULL},
    {"demo-inv-lee-station", "role", "responsible-official", S_W1, PO, NULL,
     NULL},
    /* Victims: pseudonyms public, identity protected. */
    {DEMO_VICTIM_ID, "pseudonym", "V-01", NULL, C, NULL, NULL},
    {DEMO_VICTIM_ID, "incident", DEMO_INCIDENT_ID, S_W1, C, NULL, NULL},
    {DEMO_VICTIM_ID, "realName", "(fictional) NG Ka-yan 吳嘉欣", S_W1, C, NULL,
     NULL},
    {DEMO_VICTIM_ID, "age", "19", S_W1, C, NULL, NULL},
    {DEMO_VICTIM_ID, "contact", "(fictional) via the documenting NGO only",
     S_W1, C, NULL, NULL},
    {"demo-victim-v02", "pseudonym", "V-02", NULL, C, NULL, NULL},
    {"demo-victim-v02", "incident", DEMO_INCIDENT_ID, S_W1, C, NULL, NULL},
    {"demo-victim-v02", "incident", "demo-incident-harbour-station", S_W1, C,
     NULL, NULL},
    {"demo-victim-v02", "realName", "(fictional) TSE Wing-hong 謝永康", S_W1, C,
     NULL, NULL},
};

static enum err_code
build_fictional(struct store *st, struct case_demo_stats *stats, struct err *e)
{
    enum err_code rc;

    for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
        rc = case_entity_add(st, entities[i].schema, entities[i].id, NULL, NULL,
                             e);
        if (!rc)
            rc = case_prop_add(st, entities[i].id, "fictional", "true", NULL,
                               NULL, e);
        if (rc)
            return rc;
        stats->fictional_entities++;
        stats->statements++;
    }
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        const struct demo_value *v = &values[i];
        struct case_stmt_opts so = {v->lang, v->qualifier, v->source,
                                    v->conf, NULL,         0};
        rc = case_prop_add(st, v->id, v->prop, v->value, &so, NULL, e);
        if (rc) {
            err_prefix(e, "demo record '%s' %s", v->id, v->prop);
            return rc;
        }
        stats->statements++;
    }
    return ERR_OK;
}

static enum err_code build_real(struct store *st, struct case_demo_stats *stats,
                                struct err *e)
{
    struct strbuf all = STRBUF_INIT;
    struct case_ftm_stats fs;
    enum err_code rc;
    FILE *f;

    for (size_t i = 0; case_demo_designations[i]; i++) {
        strbuf_addstr(&all, case_demo_designations[i]);
        strbuf_addch(&all, '\n');
    }
    f = fmemopen(all.buf, all.len, "r");
    if (!f) {
        strbuf_release(&all);
        return err_set(e, ERR_NOMEM, "cannot read the built-in designations");
    }
    rc = case_ftm_import_stream(st, f, "built-in OFAC HK-EO13936 data",
                                "ofac-sdn-2024-05-03", 0, NULL, &fs, e);
    fclose(f);
    strbuf_release(&all);
    stats->real_entities = (int)fs.entities;
    stats->statements += (int)fs.statements;
    return rc;
}

enum err_code case_demo_build(struct store *st, struct case_demo_stats *stats,
                              struct err *e)
{
    enum err_code rc;

    memset(stats, 0, sizeof(*stats));
    if (store_entity_exists(st, DEMO_OFFICER_ID))
        return err_set(e, ERR_CONFLICT, "the demo records exist already");
    rc = store_begin(st, e);
    if (!rc)
        rc = build_fictional(st, stats, e);
    if (!rc)
        rc = build_real(st, stats, e);
    if (!rc)
        rc = store_audit_add(st, "demo", NULL,
                             "built-in demo case: fictional records marked "
                             "fictional; real OFAC HK-EO13936 designations",
                             e);
    if (!rc)
        rc = store_commit(st, e);
    if (rc)
        store_rollback(st);
    return rc;
}
