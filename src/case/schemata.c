/*
 * schemata: THE data table of case schemata and their properties, plus
 * the lookups of schema.h. Property names follow FollowTheMoney where FtM
 * has the property, so FtM JSON imports and exports map one to one; the
 * dossier extensions (Victim, Source, Exhibit, CommandLink, Incident,
 * Involvement, ForeignTie, ScreeningDecision, Submission and props such
 * as hkid, warrantNumber, isCommand) have ftm NULL on their schema.
 *
 * To add a property: one line in its schema's array. To add a schema:
 * one array and one row in schemata[].
 */
#include <string.h>

#include "case/schema.h"
#include "util/banned.h"

#define M SCHEMA_MULTI
#define P SCHEMA_PROTECTED
#define R SCHEMA_REQUIRED
#define PUB SCHEMA_PUBLIC
#define END                                                                    \
    {                                                                          \
        NULL, NULL, SCHEMA_TEXT, 0, NULL                                       \
    }

#define TEXT SCHEMA_TEXT
#define STR SCHEMA_STRING
#define NAME SCHEMA_NAME
#define DATE SCHEMA_DATE
#define IDENT SCHEMA_IDENTIFIER
#define HKID SCHEMA_HKID
#define CTRY SCHEMA_COUNTRY
#define ENT SCHEMA_ENTITY
#define NUM SCHEMA_NUMBER
#define URL SCHEMA_URL
#define EMAIL SCHEMA_EMAIL
#define PHONE SCHEMA_PHONE
#define ENUM SCHEMA_ENUM
#define BOOL SCHEMA_BOOL
#define LAT SCHEMA_LATITUDE
#define LON SCHEMA_LONGITUDE

/* --- roots --- */

static const struct schema_prop thing_props[] = {
    {"name", "Name", NAME, M, NULL},
    {"alias", "Other name", NAME, M, NULL},
    {"weakAlias", "Weak alias", NAME, M, NULL},
    {"previousName", "Previous name", NAME, M, NULL},
    {"summary", "Summary", TEXT, M, NULL},
    {"description", "Description", TEXT, M, NULL},
    {"notes", "Notes", TEXT, M, NULL},
    {"country", "Country", CTRY, M, NULL},
    {"address", "Address", TEXT, M, NULL},
    {"addressEntity", "Address", ENT, M, "Address"},
    {"sourceUrl", "Source link", URL, M, NULL},
    {"topics", "Topics", STR, M, NULL},
    {"keywords", "Keywords", STR, M, NULL},
    {"program", "Program", STR, M, NULL},
    {"programId", "Program ID", IDENT, M, NULL},
    {"publisher", "Publishing source", STR, M, NULL},
    {"publisherUrl", "Publishing source URL", URL, M, NULL},
    {"wikidataId", "Wikidata ID", IDENT, M, NULL},
    {"createdAt", "Created at", DATE, M, NULL},
    {"modifiedAt", "Modified on", DATE, M, NULL},
    {"retrievedAt", "Retrieved on", DATE, M, NULL},
    {"fictional", "Fictional record (demo, training)", BOOL, PUB, NULL},
    END,
};

/* FtM Interval: the base of relationships (links) and events. */
static const struct schema_prop interval_props[] = {
    {"startDate", "Start date", DATE, M, NULL},
    {"endDate", "End date", DATE, M, NULL},
    {"date", "Date", DATE, M, NULL},
    {"summary", "Summary", TEXT, M, NULL},
    {"description", "Description", TEXT, M, NULL},
    {"notes", "Notes", TEXT, M, NULL},
    {"recordId", "Record ID", IDENT, M, NULL},
    {"sourceUrl", "Source link", URL, M, NULL},
    {"publisher", "Publishing source", STR, M, NULL},
    {"publisherUrl", "Publishing source URL", URL, M, NULL},
    {"namesMentioned", "Names mentioned", NAME, M, NULL},
    {"createdAt", "Created at", DATE, M, NULL},
    {"modifiedAt", "Modified on", DATE, M, NULL},
    {"retrievedAt", "Retrieved on", DATE, M, NULL},
    {"fictional", "Fictional record (demo, training)", BOOL, PUB, NULL},
    END,
};

/* --- parties --- */

static const struct schema_prop legal_entity_props[] = {
    {"email", "E-mail", EMAIL, M, NULL},
    {"phone", "Phone", PHONE, M, NULL},
    {"website", "Website", URL, M, NULL},
    {"legalForm", "Legal form", STR, M, NULL},
    {"incorporationDate", "Date of incorporation / birth", DATE, M, NULL},
    {"dissolutionDate", "Date of dissolution / death", DATE, M, NULL},
    {"taxNumber", "Tax number", IDENT, M, NULL},
    {"registrationNumber", "Registration number", IDENT, M, NULL},
    {"idNumber", "ID number", IDENT, M, NULL},
    {"innCode", "INN", IDENT, M, NULL},
    {"ogrnCode", "OGRN", IDENT, M, NULL},
    {"okpoCode", "OKPO", IDENT, M, NULL},
    {"vatCode", "VAT number", IDENT, M, NULL},
    {"leiCode", "LEI", IDENT, M, NULL},
    {"dunsCode", "D-U-N-S", IDENT, M, NULL},
    {"swiftBic", "SWIFT/BIC", IDENT, M, NULL},
    {"uniqueEntityId", "Unique Entity ID (SAM)", IDENT, M, NULL},
    {"permId", "PermID", IDENT, M, NULL},
    {"icijId", "ICIJ ID", IDENT, M, NULL},
    {"opencorporatesUrl", "OpenCorporates URL", URL, M, NULL},
    {"jurisdiction", "Jurisdiction", CTRY, M, NULL},
    {"mainCountry", "Country of origin", CTRY, M, NULL},
    {"status", "Status", STR, M, NULL},
    {"sector", "Sector", STR, M, NULL},
    {"classification", "Classification", STR, M, NULL},
    {"abbreviation", "Abbreviation", NAME, M, NULL},
    END,
};

static const struct schema_prop person_props[] = {
    {"title", "Title", STR, M, NULL},
    {"firstName", "First name", NAME, M, NULL},
    {"secondName", "Second name", NAME, M, NULL},
    {"middleName", "Middle name", NAME, M, NULL},
    {"fatherName", "Patronymic", NAME, M, NULL},
    {"motherName", "Matronymic", NAME, M, NULL},
    {"lastName", "Last name", NAME, M, NULL},
    {"nameSuffix", "Name suffix", NAME, M, NULL},
    {"birthDate", "Birth date", DATE, M, NULL},
    {"birthPlace", "Place of birth", STR, M, NULL},
    {"birthCountry", "Country of birth", CTRY, M, NULL},
    {"deathDate", "Death date", DATE, M, NULL},
    {"nationality", "Nationality", CTRY, M, NULL},
    {"citizenship", "Citizenship", CTRY, M, NULL},
    {"gender", "Gender", ENUM, M, "male|female|other"},
    {"passportNumber", "Passport number", IDENT, M, NULL},
    {"socialSecurityNumber", "Social security number", IDENT, M, NULL},
    {"position", "Position", STR, M, NULL},
    {"education", "Education", STR, M, NULL},
    {"religion", "Religion", STR, M, NULL},
    {"ethnicity", "Ethnicity", STR, M, NULL},
    {"political", "Political association", STR, M, NULL},
    /* dossier: Hong Kong identity card, police warrant card number */
    {"hkid", "HKID number", HKID, M, NULL},
    {"warrantNumber", "Warrant card number", IDENT, M, NULL},
    END,
};

static const struct schema_prop organization_props[] = {
    /* dossier: what kind of unit (police district, detention centre ..) */
    {"unitType", "Unit type", STR, M, NULL},
    {"callSign", "Call sign", IDENT, M, NULL},
    END,
};

static const struct schema_prop company_props[] = {
    {"kppCode", "KPP", IDENT, M, NULL},
    {"capital", "Capital", STR, M, NULL},
    {"isinCode", "ISIN", IDENT, M, NULL},
    {"ticker", "Stock ticker", IDENT, M, NULL},
    END,
};

static const struct schema_prop address_props[] = {
    {"full", "Full address", TEXT, M, NULL},
    {"street", "Street address", STR, M, NULL},
    {"street2", "Street address (ctd.)", STR, M, NULL},
    {"city", "City", STR, M, NULL},
    {"postalCode", "Postal code", IDENT, M, NULL},
    {"postOfficeBox", "PO box", IDENT, M, NULL},
    {"region", "Region", STR, M, NULL},
    {"state", "State", STR, M, NULL},
    {"remarks", "Remarks", TEXT, M, NULL},
    {"latitude", "Latitude", LAT, M, NULL},
    {"longitude", "Longitude", LON, M, NULL},
    END,
};

/* --- command structure --- */

static const struct schema_prop position_props[] = {
    {"organization", "Unit / organization", ENT, 0, "Organization"},
    {"isCommand", "Commanding post", BOOL, 0, NULL},
    {"rank", "Rank of the post", STR, M, NULL},
    {"inceptionDate", "Inception date", DATE, M, NULL},
    {"dissolutionDate", "Dissolution date", DATE, M, NULL},
    {"subnationalArea", "Subnational area", STR, M, NULL},
    END,
};

static const struct schema_prop occupancy_props[] = {
    {"holder", "Holder", ENT, R, "Person"},
    {"post", "Post", ENT, 0, "Position"},
    {"organization", "Unit / organization", ENT, 0, "Organization"},
    {"rank", "Rank", STR, M, NULL},
    {"callSign", "Call sign", IDENT, M, NULL},
    {"warrantNumber", "Warrant card number", IDENT, M, NULL},
    {"status", "Status", STR, M, NULL},
    END,
};

static const struct schema_prop command_link_props[] = {
    {"superior", "Superior unit", ENT, R, "Organization"},
    {"subordinate", "Subordinate unit", ENT, R, "Organization"},
    {"kind", "Kind of command", STR, M, NULL},
    END,
};

/* --- incidents --- */

static const struct schema_prop incident_props[] = {
    {"startDate", "Start", DATE, M, NULL},
    {"endDate", "End", DATE, M, NULL},
    {"place", "Place", STR, M, NULL},
    {"latitude", "Latitude", LAT, 0, NULL},
    {"longitude", "Longitude", LON, 0, NULL},
    {"violation", "Violation category", STR, M, NULL},
    END,
};

static const struct schema_prop involvement_props[] = {
    {"person", "Person or unit", ENT, R, "LegalEntity"},
    {"incident", "Incident", ENT, R, "Incident"},
    {"role", "Role", ENUM, M,
     "direct|commanded|ordered|present|facilitated|responsible-official"},
    END,
};

/* Everything protected but the pseudonym and the incident links. */
static const struct schema_prop victim_props[] = {
    {"pseudonym", "Pseudonym", NAME, R | PUB, NULL},
    {"incident", "Incident", ENT, M | PUB, "Incident"},
    {"realName", "Real name", NAME, M, NULL},
    {"birthDate", "Birth date", DATE, M, NULL},
    {"age", "Age", NUM, M, NULL},
    {"gender", "Gender", ENUM, M, "male|female|other"},
    {"nationality", "Nationality", CTRY, M, NULL},
    {"idNumber", "ID number", IDENT, M, NULL},
    {"hkid", "HKID number", HKID, M, NULL},
    {"passportNumber", "Passport number", IDENT, M, NULL},
    {"contact", "Contact", TEXT, M, NULL},
    {"phone", "Phone", PHONE, M, NULL},
    {"email", "E-mail", EMAIL, M, NULL},
    {"consent", "Consent given", TEXT, M, NULL},
    END,
};

/* --- evidence --- */

static const struct schema_prop source_props[] = {
    {"kind", "Kind of source", ENUM, 0,
     "publication|official|media|document|witness|informant|registry|"
     "dataset|other"},
    {"reliability", "Reliability grade", ENUM, 0, "A|B|C|D|E|F"},
    {"url", "Link", URL, M, NULL},
    {"publishedAt", "Published on", DATE, M, NULL},
    {"accessedAt", "Accessed on", DATE, M, NULL},
    {"informant", "Informant", ENT, P, "Person"},
    {"informantName", "Informant name", NAME, M | P, NULL},
    {"informantContact", "Informant contact", TEXT, M | P, NULL},
    END,
};

static const struct schema_prop exhibit_props[] = {
    {"hash", "Vault object (SHA-256)", IDENT, 0, NULL},
    {"mediaType", "Media type", STR, 0, NULL},
    {"title", "Title", TEXT, M, NULL},
    {"fileName", "File name", STR, M, NULL},
    {"fileSize", "File size (bytes)", NUM, 0, NULL},
    {"capturedAt", "Captured at", DATE, M, NULL},
    {"capturedBy", "Captured by", STR, M, NULL},
    {"location", "Location", STR, M, NULL},
    {"latitude", "Latitude", LAT, 0, NULL},
    {"longitude", "Longitude", LON, 0, NULL},
    {"verification", "Verification status", ENUM, 0,
     "unverified|in-progress|verified|disputed|false"},
    {"source", "Source", ENT, M, "Source"},
    {"incident", "Incident", ENT, M, "Incident"},
    END,
};

/* --- assets and relations --- */

static const struct schema_prop ownership_props[] = {
    {"owner", "Owner", ENT, R, "LegalEntity"},
    {"asset", "Asset", ENT, R, "Thing"},
    {"percentage", "Percentage held", NUM, M, NULL},
    {"sharesCount", "Number of shares", NUM, M, NULL},
    {"sharesValue", "Value of shares", NUM, M, NULL},
    {"sharesCurrency", "Currency of shares", STR, M, NULL},
    {"sharesType", "Type of shares", STR, M, NULL},
    {"ownershipType", "Type of ownership", STR, M, NULL},
    {"legalBasis", "Legal basis", STR, M, NULL},
    {"role", "Role", STR, M, NULL},
    {"status", "Status", STR, M, NULL},
    END,
};

static const struct schema_prop directorship_props[] = {
    {"director", "Director", ENT, R, "LegalEntity"},
    {"organization", "Organization", ENT, R, "Organization"},
    {"role", "Role", STR, M, NULL},
    {"secretary", "Secretary", STR, M, NULL},
    {"status", "Status", STR, M, NULL},
    END,
};

static const struct schema_prop real_estate_props[] = {
    {"registrationNumber", "Registration number", IDENT, M, NULL},
    {"titleNumber", "Title number", IDENT, M, NULL},
    {"propertyType", "Property type", STR, M, NULL},
    {"area", "Area", STR, M, NULL},
    {"landType", "Land type", STR, M, NULL},
    {"tenure", "Tenure", STR, M, NULL},
    {"latitude", "Latitude", LAT, 0, NULL},
    {"longitude", "Longitude", LON, 0, NULL},
    {"amount", "Value", NUM, M, NULL},
    {"currency", "Currency", STR, M, NULL},
    END,
};

static const struct schema_prop bank_account_props[] = {
    {"bankName", "Bank name", STR, M, NULL},
    {"bank", "Bank", ENT, M, "Organization"},
    {"accountNumber", "Account number", IDENT, M, NULL},
    {"iban", "IBAN", IDENT, M, NULL},
    {"bic", "Bank identifier code", IDENT, M, NULL},
    {"accountType", "Account type", STR, M, NULL},
    {"currency", "Currency", STR, M, NULL},
    {"balance", "Balance", NUM, M, NULL},
    {"openingDate", "Opening date", DATE, M, NULL},
    {"closingDate", "Closing date", DATE, M, NULL},
    END,
};

static const struct schema_prop vehicle_props[] = {
    {"registrationNumber", "Registration number", IDENT, M, NULL},
    {"type", "Type", STR, M, NULL},
    {"model", "Model", STR, M, NULL},
    {"owner", "Owner", ENT, M, "LegalEntity"},
    {"operator", "Operator", ENT, M, "LegalEntity"},
    {"buildDate", "Build date", DATE, M, NULL},
    {"registrationDate", "Registration date", DATE, M, NULL},
    END,
};

static const struct schema_prop family_props[] = {
    {"person", "Person", ENT, R, "Person"},
    {"relative", "Relative", ENT, R, "Person"},
    {"relationship", "Relationship", STR, M, NULL},
    END,
};

static const struct schema_prop associate_props[] = {
    {"person", "Person", ENT, R, "Person"},
    {"associate", "Associate", ENT, R, "Person"},
    {"relationship", "Relationship", STR, M, NULL},
    END,
};

static const struct schema_prop foreign_tie_props[] = {
    {"person", "Person or organization", ENT, R, "LegalEntity"},
    {"country", "Country", CTRY, R | M, NULL},
    {"kind", "Kind of tie", ENUM, M,
     "residence|citizenship|property|company|education-of-children|"
     "bank-account|family|employment|other"},
    {"asset", "Asset", ENT, M, "Thing"},
    END,
};

static const struct schema_prop payment_props[] = {
    {"payer", "Payer", ENT, M, "LegalEntity"},
    {"beneficiary", "Beneficiary", ENT, M, "LegalEntity"},
    {"amount", "Amount", NUM, M, NULL},
    {"currency", "Currency", STR, M, NULL},
    {"amountEur", "Amount in EUR", NUM, M, NULL},
    {"amountUsd", "Amount in USD", NUM, M, NULL},
    {"purpose", "Purpose", TEXT, M, NULL},
    {"sequenceNumber", "Sequence number", IDENT, M, NULL},
    {"transactionNumber", "Transaction number", IDENT, M, NULL},
    {"programme", "Programme", STR, M, NULL},
    END,
};

/* --- sanctions --- */

/* FtM Sanction. */
static const struct schema_prop designation_props[] = {
    {"entity", "Designated entity", ENT, R, "Thing"},
    {"authority", "Authority", STR, M, NULL},
    {"authorityId", "Authority-issued identifier", IDENT, M, NULL},
    {"unscId", "UN SC identifier", IDENT, M, NULL},
    {"program", "Program", STR, M, NULL},
    {"programId", "Program ID", IDENT, M, NULL},
    {"programUrl", "Program URL", URL, M, NULL},
    {"provisions", "Scope of sanctions", TEXT, M, NULL},
    {"reason", "Reason", TEXT, M, NULL},
    {"listingDate", "Listing date", DATE, M, NULL},
    {"duration", "Duration", STR, M, NULL},
    {"status", "Status", STR, M, NULL},
    {"country", "Country", CTRY, M, NULL},
    END,
};

static const struct schema_prop passport_props[] = {
    {"holder", "Holder", ENT, R, "LegalEntity"},
    {"number", "Document number", IDENT, M, NULL},
    {"passportNumber", "Passport number", IDENT, M, NULL},
    {"authority", "Authority", STR, M, NULL},
    {"country", "Country", CTRY, M, NULL},
    {"type", "Type", STR, M, NULL},
    {"surname", "Surname", NAME, M, NULL},
    {"givenName", "Given name", NAME, M, NULL},
    {"birthDate", "Date of birth", DATE, M, NULL},
    {"birthPlace", "Place of birth", STR, M, NULL},
    {"gender", "Gender", ENUM, M, "male|female|other"},
    {"personalNumber", "Personal number", IDENT, M, NULL},
    END,
};

static const struct schema_prop screening_decision_props[] = {
    {"subject", "Screened entity", ENT, R, "Thing"},
    {"list", "List", STR, M, NULL},
    {"entryId", "List entry ID", IDENT, M, NULL},
    {"matchedName", "Matched name", NAME, M, NULL},
    {"score", "Score", NUM, M, NULL},
    {"decision", "Decision", ENUM, R,
     "match|no-match|possible-match|escalated"},
    {"reason", "Reason", TEXT, M, NULL},
    {"decidedBy", "Decided by", STR, M, NULL},
    END,
};

static const struct schema_prop submission_props[] = {
    {"regime", "Sanctions regime", STR, M, NULL},
    {"jurisdiction", "Jurisdiction", CTRY, M, NULL},
    {"authority", "Authority", STR, M, NULL},
    {"target", "Target", ENT, M, "Thing"},
    {"exhibit", "Exhibit included", ENT, M, "Exhibit"},
    {"submittedAt", "Submitted on", DATE, M, NULL},
    {"status", "Status", ENUM, 0,
     "draft|submitted|acknowledged|accepted|rejected|designated|withdrawn"},
    {"reference", "Reference", IDENT, M, NULL},
    END,
};

#define SCH(name, label, ftm, parent, flags, src, dst, cap, props)             \
    {                                                                          \
        name, label, ftm, parent, flags, src, dst, cap, props                  \
    }

static const struct schema schemata[] = {
    SCH("Thing", "Thing", "Thing", NULL, SCHEMA_ABSTRACT, NULL, NULL, "name",
        thing_props),
    SCH("Interval", "Interval", "Interval", NULL, SCHEMA_ABSTRACT, NULL, NULL,
        NULL, interval_props),
    SCH("LegalEntity", "Legal entity", "LegalEntity", "Thing", 0, NULL, NULL,
        "name", legal_entity_props),
    SCH("Person", "Person", "Person", "LegalEntity", 0, NULL, NULL, "name",
        person_props),
    SCH("Organization", "Organization or unit", "Organization", "LegalEntity",
        0, NULL, NULL, "name|abbreviation", organization_props),
    SCH("Company", "Company", "Company", "Organization", 0, NULL, NULL,
        "name|abbreviation", company_props),
    SCH("Address", "Address", "Address", "Thing", 0, NULL, NULL,
        "full|street|city", address_props),
    SCH("Position", "Position (post)", "Position", "Thing", 0, NULL, NULL,
        "name", position_props),
    SCH("Occupancy", "Occupancy of a post", "Occupancy", "Interval", 0,
        "holder", "post", NULL, occupancy_props),
    SCH("CommandLink", "Command link", NULL, "Interval", 0, "superior",
        "subordinate", NULL, command_link_props),
    SCH("Incident", "Incident", NULL, "Thing", 0, NULL, NULL, "name|summary",
        incident_props),
    SCH("Involvement", "Involvement in an incident", NULL, "Interval", 0,
        "person", "incident", NULL, involvement_props),
    SCH("Victim", "Victim", NULL, "Thing", SCHEMA_ALL_PROTECTED, NULL, NULL,
        "pseudonym", victim_props),
    SCH("Source", "Source", NULL, "Thing", 0, NULL, NULL, "name|publisher|url",
        source_props),
    SCH("Exhibit", "Exhibit (evidence item)", NULL, "Thing", 0, NULL, NULL,
        "title|name|fileName|hash", exhibit_props),
    SCH("Ownership", "Ownership", "Ownership", "Interval", 0, "owner", "asset",
        NULL, ownership_props),
    SCH("Directorship", "Directorship", "Directorship", "Interval", 0,
        "director", "organization", NULL, directorship_props),
    SCH("RealEstate", "Real estate", "RealEstate", "Thing", 0, NULL, NULL,
        "name|registrationNumber|address", real_estate_props),
    SCH("BankAccount", "Bank account", "BankAccount", "Thing", 0, NULL, NULL,
        "name|iban|accountNumber", bank_account_props),
    SCH("Vehicle", "Vehicle", "Vehicle", "Thing", 0, NULL, NULL,
        "name|registrationNumber", vehicle_props),
    SCH("Family", "Family relation", "Family", "Interval", 0, "person",
        "relative", NULL, family_props),
    SCH("Associate", "Associate", "Associate", "Interval", 0, "person",
        "associate", NULL, associate_props),
    SCH("ForeignTie", "Foreign tie", NULL, "Interval", 0, "person", NULL, NULL,
        foreign_tie_props),
    SCH("Payment", "Payment", "Payment", "Interval", 0, "payer", "beneficiary",
        NULL, payment_props),
    SCH("Designation", "Designation (sanction)", "Sanction", "Interval", 0,
        "entity", NULL, NULL, designation_props),
    SCH("Passport", "Passport", "Passport", "Interval", 0, "holder", NULL,
        "number|passportNumber", passport_props),
    SCH("ScreeningDecision", "Screening decision", NULL, "Interval", 0,
        "subject", NULL, NULL, screening_decision_props),
    SCH("Submission", "Submission", NULL, "Thing", 0, NULL, NULL,
        "name|reference", submission_props),
};

#define NSCHEMATA (sizeof(schemata) / sizeof(schemata[0]))

const struct schema *schema_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < NSCHEMATA; i++)
        if (strcmp(schemata[i].name, name) == 0)
            return &schemata[i];
    for (size_t i = 0; i < NSCHEMATA; i++)
        if (schemata[i].ftm && strcmp(schemata[i].ftm, name) == 0)
            return &schemata[i];
    return NULL;
}

const struct schema *schema_parent(const struct schema *s)
{
    if (!s || !s->parent)
        return NULL;
    for (size_t i = 0; i < NSCHEMATA; i++)
        if (strcmp(schemata[i].name, s->parent) == 0)
            return &schemata[i];
    return NULL;
}

size_t schema_count(void)
{
    return NSCHEMATA;
}

const struct schema *schema_at(size_t i)
{
    return i < NSCHEMATA ? &schemata[i] : NULL;
}

bool schema_is_a(const struct schema *s, const char *ancestor)
{
    for (; s && ancestor; s = schema_parent(s))
        if (strcmp(s->name, ancestor) == 0)
            return true;
    return false;
}

const struct schema_prop *schema_prop_find(const struct schema *s,
                                           const char *prop,
                                           const struct schema **owner)
{
    if (owner)
        *owner = NULL;
    if (!prop)
        return NULL;
    for (; s; s = schema_parent(s)) {
        for (const struct schema_prop *p = s->props; p->name; p++) {
            if (strcmp(p->name, prop) == 0) {
                if (owner)
                    *owner = s;
                return p;
            }
        }
    }
    return NULL;
}

size_t schema_prop_count(const struct schema *s)
{
    size_t n = 0;

    for (; s; s = schema_parent(s))
        for (const struct schema_prop *p = s->props; p->name; p++)
            n++;
    return n;
}

const struct schema_prop *schema_prop_at(const struct schema *s, size_t i)
{
    for (; s; s = schema_parent(s)) {
        for (const struct schema_prop *p = s->props; p->name; p++) {
            if (i == 0)
                return p;
            i--;
        }
    }
    return NULL;
}

bool schema_prop_is_protected(const struct schema *s,
                              const struct schema_prop *p)
{
    if (!p)
        return true;
    if (p->flags & SCHEMA_PROTECTED)
        return true;
    if (p->flags & SCHEMA_PUBLIC)
        return false;
    for (; s; s = schema_parent(s))
        if (s->flags & SCHEMA_ALL_PROTECTED)
            return true;
    return false;
}

bool schema_value_is_protected(const char *schema, const char *prop)
{
    const struct schema *s = schema_find(schema);

    if (!s)
        return true;
    return schema_prop_is_protected(s, schema_prop_find(s, prop, NULL));
}

const char *schema_type_name(enum schema_type t)
{
    switch (t) {
    case SCHEMA_TEXT:
        return "text";
    case SCHEMA_STRING:
        return "string";
    case SCHEMA_NAME:
        return "name";
    case SCHEMA_DATE:
        return "date";
    case SCHEMA_IDENTIFIER:
        return "identifier";
    case SCHEMA_HKID:
        return "hkid";
    case SCHEMA_COUNTRY:
        return "country";
    case SCHEMA_ENTITY:
        return "entity";
    case SCHEMA_NUMBER:
        return "number";
    case SCHEMA_URL:
        return "url";
    case SCHEMA_EMAIL:
        return "email";
    case SCHEMA_PHONE:
        return "phone";
    case SCHEMA_ENUM:
        return "enum";
    case SCHEMA_BOOL:
        return "bool";
    case SCHEMA_LATITUDE:
        return "latitude";
    case SCHEMA_LONGITUDE:
        return "longitude";
    }
    return "unknown";
}

bool schema_type_is_searchable(enum schema_type t)
{
    switch (t) {
    case SCHEMA_TEXT:
    case SCHEMA_STRING:
    case SCHEMA_NAME:
    case SCHEMA_IDENTIFIER:
    case SCHEMA_HKID:
    case SCHEMA_EMAIL:
    case SCHEMA_PHONE:
        return true;
    default:
        return false;
    }
}
