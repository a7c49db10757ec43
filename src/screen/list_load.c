/*
 * list_load: format detection from content and dispatch to the
 * importers. Detection reads at most the first 16 KiB of a file (root
 * element of XML, first CSV row, zip magic, first JSON object) or looks
 * for the marker files of a folder.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "screen/importers.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define SNIFF_MAX 16384

const char *list_format_name(enum list_format f)
{
    switch (f) {
    case LIST_FMT_OFAC_CSV:
        return "ofac-csv";
    case LIST_FMT_OFAC_XML:
        return "ofac-xml";
    case LIST_FMT_UN_XML:
        return "un-xml";
    case LIST_FMT_UK_CSV:
        return "uk-csv";
    case LIST_FMT_UK_XML:
        return "uk-xml";
    case LIST_FMT_UK_DERIVED:
        return "uk-derived";
    case LIST_FMT_EU_XML:
        return "eu-xml";
    case LIST_FMT_CA_XML:
        return "ca-xml";
    case LIST_FMT_AU_XLSX:
        return "au-xlsx";
    case LIST_FMT_FTM_JSON:
        return "ftm-json";
    case LIST_FMT_FTM_DELTA:
        return "ftm-delta";
    case LIST_FMT_UNKNOWN:
        break;
    }
    return "unknown";
}

enum list_format list_format_from_name(const char *name)
{
    for (int f = LIST_FMT_OFAC_CSV; f <= LIST_FMT_FTM_DELTA; f++)
        if (name && strcmp(name, list_format_name((enum list_format)f)) == 0)
            return (enum list_format)f;
    return LIST_FMT_UNKNOWN;
}

static bool has_file(const char *dir, const char *name)
{
    struct strbuf p = STRBUF_INIT;
    struct stat st;
    bool ok;

    strbuf_addf(&p, "%s/%s", dir, name);
    ok = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode);
    strbuf_release(&p);
    return ok;
}

static bool has_delta_subdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    bool found = false;

    if (!d)
        return false;
    while (!found && (de = readdir(d)) != NULL) {
        struct strbuf p = STRBUF_INIT;

        if (de->d_name[0] == '.')
            continue;
        strbuf_addf(&p, "%s/%s", dir, de->d_name);
        found = has_file(p.buf, "entities.delta.json");
        strbuf_release(&p);
    }
    closedir(d);
    return found;
}

static enum err_code detect_dir(const char *path, enum list_format *out,
                                struct err *e)
{
    if (has_file(path, "sdn.csv") || has_file(path, "cons_prim.csv"))
        *out = LIST_FMT_OFAC_CSV;
    else if (has_file(path, "subjects.csv") &&
             has_file(path, "subject_names.csv"))
        *out = LIST_FMT_UK_DERIVED;
    else if (has_file(path, "entities.delta.json") || has_delta_subdir(path))
        *out = LIST_FMT_FTM_DELTA;
    else
        return err_set(e, ERR_INVALID,
                       "folder '%s' holds no known list (expected sdn.csv, "
                       "cons_prim.csv, subjects.csv or delta files)",
                       path);
    return ERR_OK;
}

/* Copies the name of the first element (after prolog, comments, DTD). */
static bool xml_root(const char *s, char *out, size_t n)
{
    while (*s) {
        s = strchr(s, '<');
        if (!s)
            return false;
        if (s[1] == '?' || s[1] == '!') {
            const char *end =
                strncmp(s, "<!--", 4) == 0 ? strstr(s, "-->") : strchr(s, '>');

            if (!end)
                return false;
            s = end + 1;
            continue;
        }
        s++;
        {
            size_t k = 0;
            const char *colon;

            /* Drop a namespace prefix ("ns:Root"). */
            for (colon = s; *colon && !isspace((unsigned char)*colon) &&
                            *colon != '>' && *colon != '/' && *colon != ':';
                 colon++)
                ;
            if (*colon == ':')
                s = colon + 1;
            while (*s && !isspace((unsigned char)*s) && *s != '>' &&
                   *s != '/' && k + 1 < n)
                out[k++] = *s++;
            out[k] = '\0';
            return k > 0;
        }
    }
    return false;
}

static enum list_format detect_xml(const char *head)
{
    char root[64];

    if (!xml_root(head, root, sizeof(root)))
        return LIST_FMT_UNKNOWN;
    if (strcmp(root, "CONSOLIDATED_LIST") == 0)
        return LIST_FMT_UN_XML;
    if (strcmp(root, "Sanctions") == 0 && strstr(head, "DistinctParties"))
        return LIST_FMT_OFAC_XML;
    if (strcmp(root, "Sanctions") == 0 && strstr(head, "ADVANCED_XML"))
        return LIST_FMT_OFAC_XML;
    if (strcmp(root, "Sanctions") == 0 && strstr(head, "ReferenceValueSets"))
        return LIST_FMT_OFAC_XML;
    if (strcmp(root, "export") == 0 &&
        (strstr(head, "sanctionEntity") || strstr(head, "fsd")))
        return LIST_FMT_EU_XML;
    if (strcmp(root, "data-set") == 0 || strcmp(root, "DataSet") == 0 ||
        strstr(head, "<record>"))
        return LIST_FMT_CA_XML;
    if (strcmp(root, "Designations") == 0 ||
        strcmp(root, "ArrayOfFinancialSanctionsTarget") == 0)
        return LIST_FMT_UK_XML;
    return LIST_FMT_UNKNOWN;
}

static enum list_format detect_csv(const char *head)
{
    const char *nl = strpbrk(head, "\r\n");
    size_t n = nl ? (size_t)(nl - head) : strlen(head);
    size_t commas = 0;
    const char *p = head;

    for (size_t i = 0; i < n; i++)
        if (head[i] == ',')
            commas++;
    /* UK Sanctions List CSV: "Report Date: ..." then a header row. */
    if (strncmp(head, "Report Date", 11) == 0 || strstr(head, "Unique ID,") ||
        strstr(head, "\"Unique ID\""))
        return LIST_FMT_UK_CSV;
    /* OFAC: a number, then 11 more fields. */
    while (p < head + n && isdigit((unsigned char)*p))
        p++;
    if (p > head && *p == ',' && commas >= 11)
        return LIST_FMT_OFAC_CSV;
    return LIST_FMT_UNKNOWN;
}

enum err_code list_detect(const char *path, enum list_format *out,
                          struct err *e)
{
    struct stat st;
    FILE *fp;
    char head[SNIFF_MAX + 1];
    size_t n;
    const char *p;

    *out = LIST_FMT_UNKNOWN;
    if (stat(path, &st) != 0)
        return err_set(e, ERR_IO, "cannot open list '%s': %s", path,
                       strerror(errno));
    if (S_ISDIR(st.st_mode))
        return detect_dir(path, out, e);
    fp = fopen(path, "rb");
    if (!fp)
        return err_set(e, ERR_IO, "cannot open list '%s': %s", path,
                       strerror(errno));
    n = fread(head, 1, SNIFF_MAX, fp);
    fclose(fp);
    head[n] = '\0';
    p = head;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (*p && isspace((unsigned char)*p))
        p++;
    if (!*p && n < SNIFF_MAX)
        return err_set(e, ERR_INVALID, "list '%s' is empty", path);
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        *out = LIST_FMT_AU_XLSX;
    else if (*p == '<')
        *out = detect_xml(p);
    else if (*p == '{')
        *out = strstr(p, "\"op\"") ? LIST_FMT_FTM_DELTA : LIST_FMT_FTM_JSON;
    else
        *out = detect_csv(p);
    if (*out == LIST_FMT_UNKNOWN)
        return err_set(e, ERR_INVALID,
                       "'%s' is not a sanctions list format dossier knows "
                       "(OFAC CSV/XML, UN, UK, EU, Canada, Australia, "
                       "OpenSanctions)",
                       path);
    return ERR_OK;
}

enum err_code list_load_format(const char *path, enum list_format fmt,
                               struct list *l, struct err *e)
{
    switch (fmt) {
    case LIST_FMT_OFAC_CSV:
        return list_load_ofac_csv(path, l, e);
    case LIST_FMT_OFAC_XML:
        return list_load_ofac_xml(path, l, e);
    case LIST_FMT_UN_XML:
        return list_load_un_xml(path, l, e);
    case LIST_FMT_UK_CSV:
        return list_load_uk_csv(path, l, e);
    case LIST_FMT_UK_XML:
        return list_load_uk_xml(path, l, e);
    case LIST_FMT_UK_DERIVED:
        return list_load_uk_derived(path, l, e);
    case LIST_FMT_EU_XML:
        return list_load_eu_xml(path, l, e);
    case LIST_FMT_CA_XML:
        return list_load_ca_xml(path, l, e);
    case LIST_FMT_AU_XLSX:
        return list_load_au_xlsx(path, l, e);
    case LIST_FMT_FTM_JSON:
        return list_load_ftm(path, l, e);
    case LIST_FMT_FTM_DELTA:
        return list_load_ftm_delta(path, l, e);
    case LIST_FMT_UNKNOWN:
        break;
    }
    return err_set(e, ERR_INVALID, "unknown list format for '%s'", path);
}

enum err_code list_load(const char *path, struct list *l, struct err *e)
{
    enum list_format fmt;
    enum err_code rc = list_detect(path, &fmt, e);

    if (rc)
        return rc;
    return list_load_format(path, fmt, l, e);
}
