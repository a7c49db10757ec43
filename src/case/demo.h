/*
 * demo: builds the built-in demo case: a FICTIONAL Hong Kong police
 * command structure (units, posts, officers with positions over time,
 * incidents, pseudonymised victims, sources), every record of it marked
 * fictional=true, plus the REAL HK-EO13936 designations from the OFAC SDN
 * list (names and identifiers exactly as OFAC published them, as
 * Designation data only; no allegation about any real person).
 */
#ifndef CASE_DEMO_H
#define CASE_DEMO_H

#include "store/store.h"
#include "util/err.h"

/* The real designations as FtM JSON lines, NULL-terminated (generated). */
extern const char *const case_demo_designations[];

/* Ids of demo records that the tour points at. */
#define DEMO_OFFICER_ID "demo-officer-chan-tai-man"
#define DEMO_COMMANDER_ID "demo-officer-wong-chi-keung"
#define DEMO_UNIT_ID "demo-unit-tactical-company-7"
#define DEMO_INCIDENT_ID "demo-incident-lantern-street"
#define DEMO_VICTIM_ID "demo-victim-v01"
#define DEMO_REAL_ID "ofac-29260"

struct case_demo_stats {
    int fictional_entities;
    int real_entities;
    int statements;
};

/*
 * Writes the demo records into an empty case (one transaction).
 * Errors: ERR_CONFLICT if demo records exist already, store errors.
 */
enum err_code case_demo_build(struct store *st, struct case_demo_stats *stats,
                              struct err *e);

#endif
