/*
 * cmd_lists: `dossier lists show FILE...`: load official list files
 * (format detected from content) and print a summary per list, and with
 * --entries every entry. Stateless: no case needed.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "screen/list.h"
#include "util/strbuf.h"
#include "util/banned.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier lists show FILE... [--json] [--entries]\n"
            "       dossier lists [--json]    (versions held by the case)\n"
            "       dossier lists import FILE... [--json] [--all]\n"
            "         (into the case; see 'dossier lists import --help')\n"
            "\n"
            "Loads sanctions list files and prints what was imported: the\n"
            "format (detected from the content), the source, entries by\n"
            "type, names and the publication date. With --entries, every\n"
            "entry with its names, dates of birth, nationalities and\n"
            "identifiers. FILE may be a folder for an OFAC CSV set\n"
            "(sdn.csv, add.csv, alt.csv, sdn_comments.csv), the UK derived\n"
            "tables or OpenSanctions delta files.\n"
            "\n"
            "Formats: OFAC SDN/consolidated CSV and advanced XML, UN\n"
            "Security Council XML, UK Sanctions List CSV/XML, EU Financial\n"
            "Sanctions Files XML, Canada SEMA XML, Australia DFAT XLSX,\n"
            "OpenSanctions FtM JSON lines and deltas.\n"
            "\n"
            "examples:\n"
            "  dossier lists show sdn.csv\n"
            "  dossier lists show ofac/ consolidated.xml --json\n"
            "  dossier lists show sdn.csv --entries | grep HK-EO13936\n"
            "\n"
            "'lists diff' compares two versions of one list by entry id and\n"
            "content: one line per entry added, removed or changed, then a\n"
            "summary line.\n"
            "  dossier lists diff sdn-2024-04-02.csv sdn-2024-05-03.csv\n");
}

static void add_text_entry(struct strbuf *sb, const struct list_entry *en)
{
    strbuf_addf(sb, "%s\t%s\t%s\n", en->id, list_type_name(en->type),
                en->program ? en->program : "");
    for (size_t i = 0; i < en->nnames; i++)
        strbuf_addf(sb, "  name %s [%s %s]\n", en->names[i].full,
                    list_name_kind_name(en->names[i].kind),
                    list_script_name(en->names[i].script));
    for (size_t i = 0; i < en->ndobs; i++) {
        char d[DATE_FMT_MAX] = "?";

        if (en->dobs[i].range.from.prec != DATE_NONE)
            date_format(&en->dobs[i].range, d);
        strbuf_addf(sb, "  dob %s (%s)\n", en->dobs[i].text, d);
    }
    for (size_t i = 0; i < en->npobs; i++)
        strbuf_addf(sb, "  pob %s\n", en->pobs[i]);
    for (size_t i = 0; i < en->nnationalities; i++)
        strbuf_addf(sb, "  nationality %s (%s)\n", en->nationalities[i].text,
                    en->nationalities[i].iso ? en->nationalities[i].iso : "?");
    for (size_t i = 0; i < en->ncitizenships; i++)
        strbuf_addf(sb, "  citizenship %s (%s)\n", en->citizenships[i].text,
                    en->citizenships[i].iso ? en->citizenships[i].iso : "?");
    for (size_t i = 0; i < en->nidents; i++) {
        const struct list_ident *d = &en->idents[i];

        strbuf_addf(sb, "  id %s %s", d->type, d->number);
        if (d->country)
            strbuf_addf(sb, " (%s)", d->country);
        if (d->issued)
            strbuf_addf(sb, " issued %s", d->issued);
        if (d->expires)
            strbuf_addf(sb, " expires %s", d->expires);
        strbuf_addch(sb, '\n');
    }
    for (size_t i = 0; i < en->naddresses; i++)
        strbuf_addf(sb, "  address %s (%s)\n", en->addresses[i].text,
                    en->addresses[i].country ? en->addresses[i].country : "?");
    if (en->gender)
        strbuf_addf(sb, "  gender %s\n", en->gender);
    if (en->listed)
        strbuf_addf(sb, "  listed %s\n", en->listed);
}

static void json_kv(struct strbuf *sb, const char *k, const char *v, bool comma)
{
    strbuf_addf(sb, "%s\"%s\":", comma ? "," : "", k);
    if (v)
        strbuf_add_json_str(sb, v);
    else
        strbuf_addstr(sb, "null");
}

static void add_json_entry(struct strbuf *sb, const struct list_entry *en)
{
    strbuf_addch(sb, '{');
    json_kv(sb, "id", en->id, false);
    json_kv(sb, "type", list_type_name(en->type), true);
    json_kv(sb, "program", en->program, true);
    json_kv(sb, "gender", en->gender, true);
    json_kv(sb, "listed", en->listed, true);
    strbuf_addstr(sb, ",\"names\":[");
    for (size_t i = 0; i < en->nnames; i++) {
        strbuf_addstr(sb, i ? ",{" : "{");
        json_kv(sb, "name", en->names[i].full, false);
        json_kv(sb, "kind", list_name_kind_name(en->names[i].kind), true);
        json_kv(sb, "script", list_script_name(en->names[i].script), true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "],\"dobs\":[");
    for (size_t i = 0; i < en->ndobs; i++) {
        if (i)
            strbuf_addch(sb, ',');
        strbuf_add_json_str(sb, en->dobs[i].text);
    }
    strbuf_addstr(sb, "],\"pobs\":[");
    for (size_t i = 0; i < en->npobs; i++) {
        if (i)
            strbuf_addch(sb, ',');
        strbuf_add_json_str(sb, en->pobs[i]);
    }
    strbuf_addstr(sb, "],\"nationalities\":[");
    for (size_t i = 0; i < en->nnationalities; i++) {
        strbuf_addstr(sb, i ? ",{" : "{");
        json_kv(sb, "text", en->nationalities[i].text, false);
        json_kv(sb, "iso", en->nationalities[i].iso, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "],\"citizenships\":[");
    for (size_t i = 0; i < en->ncitizenships; i++) {
        strbuf_addstr(sb, i ? ",{" : "{");
        json_kv(sb, "text", en->citizenships[i].text, false);
        json_kv(sb, "iso", en->citizenships[i].iso, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "],\"identifiers\":[");
    for (size_t i = 0; i < en->nidents; i++) {
        const struct list_ident *d = &en->idents[i];

        strbuf_addstr(sb, i ? ",{" : "{");
        json_kv(sb, "type", d->type, false);
        json_kv(sb, "number", d->number, true);
        json_kv(sb, "country", d->country, true);
        json_kv(sb, "issued", d->issued, true);
        json_kv(sb, "expires", d->expires, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "],\"addresses\":[");
    for (size_t i = 0; i < en->naddresses; i++) {
        strbuf_addstr(sb, i ? ",{" : "{");
        json_kv(sb, "text", en->addresses[i].text, false);
        json_kv(sb, "country", en->addresses[i].country, true);
        strbuf_addch(sb, '}');
    }
    strbuf_addstr(sb, "]}");
}

static void show_one(const char *path, const struct list *l, bool json,
                     bool entries, bool first)
{
    struct strbuf sb = STRBUF_INIT;
    size_t counts[5];

    list_count_types(l, counts);
    if (json) {
        strbuf_addstr(&sb, first ? "{" : ",{");
        json_kv(&sb, "path", path, false);
        json_kv(&sb, "format", l->format, true);
        json_kv(&sb, "source", l->source, true);
        json_kv(&sb, "jurisdiction", l->jurisdiction, true);
        json_kv(&sb, "published", l->published, true);
        strbuf_addf(&sb,
                    ",\"entries\":%zu,\"persons\":%zu,\"entities\":%zu,"
                    "\"vessels\":%zu,\"aircraft\":%zu,\"unknown\":%zu,"
                    "\"names\":%zu",
                    l->nentries, counts[LIST_TYPE_PERSON],
                    counts[LIST_TYPE_ENTITY], counts[LIST_TYPE_VESSEL],
                    counts[LIST_TYPE_AIRCRAFT], counts[LIST_TYPE_UNKNOWN],
                    list_count_names(l));
        if (entries) {
            strbuf_addstr(&sb, ",\"items\":[");
            fputs(sb.buf, stdout);
            for (size_t i = 0; i < l->nentries; i++) {
                strbuf_reset(&sb);
                if (i)
                    strbuf_addch(&sb, ',');
                add_json_entry(&sb, &l->entries[i]);
                fputs(sb.buf, stdout);
            }
            strbuf_reset(&sb);
            strbuf_addch(&sb, ']');
        }
        strbuf_addch(&sb, '}');
        fputs(sb.buf, stdout);
    } else {
        strbuf_addf(&sb,
                    "%s\n  format: %s\n  source: %s\n  jurisdiction: %s\n"
                    "  published: %s\n  entries: %zu (persons %zu, "
                    "entities %zu, vessels %zu, aircraft %zu, unknown %zu)\n"
                    "  names: %zu\n",
                    path, l->format, l->source, l->jurisdiction,
                    l->published ? l->published : "unknown", l->nentries,
                    counts[LIST_TYPE_PERSON], counts[LIST_TYPE_ENTITY],
                    counts[LIST_TYPE_VESSEL], counts[LIST_TYPE_AIRCRAFT],
                    counts[LIST_TYPE_UNKNOWN], list_count_names(l));
        fputs(sb.buf, stdout);
        if (entries) {
            for (size_t i = 0; i < l->nentries; i++) {
                strbuf_reset(&sb);
                add_text_entry(&sb, &l->entries[i]);
                fputs(sb.buf, stdout);
            }
        }
    }
    strbuf_release(&sb);
}

static int lists_show(int argc, char **argv)
{
    bool json = false, entries = false, first = true;
    int nfiles = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--entries") == 0)
            entries = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("lists show", "unknown option '%s'",
                                   argv[i]);
        else
            nfiles++;
    }
    if (nfiles == 0)
        return cli_usage_error("lists show", "give at least one list file");
    if (json)
        fputs("[", stdout);
    for (int i = 1; i < argc; i++) {
        struct list l;
        struct err e = ERR_INIT;

        if (argv[i][0] == '-' && argv[i][1])
            continue;
        list_init(&l);
        if (list_load(argv[i], &l, &e) != ERR_OK) {
            list_release(&l);
            if (json)
                fputs("]\n", stdout);
            return cli_fail(&e);
        }
        show_one(argv[i], &l, json, entries, first);
        first = false;
        list_release(&l);
    }
    if (json)
        fputs("]\n", stdout);
    return CLI_OK;
}

struct diff_out {
    bool json;
    bool first;
};

static int diff_cb(enum list_change what, const struct list_entry *o,
                   const struct list_entry *n, void *ctx)
{
    struct diff_out *d = ctx;
    const struct list_entry *en = n ? n : o;
    static const char *const words[] = {"added", "removed", "changed"};
    struct strbuf sb = STRBUF_INIT;
    const char *name = en->nnames ? en->names[0].full : "";

    if (d->json) {
        strbuf_addstr(&sb, d->first ? "{" : ",{");
        json_kv(&sb, "change", words[what], false);
        json_kv(&sb, "id", en->id, true);
        json_kv(&sb, "name", name, true);
        json_kv(&sb, "type", list_type_name(en->type), true);
        json_kv(&sb, "program", en->program, true);
        strbuf_addch(&sb, '}');
    } else {
        strbuf_addf(&sb, "%s\t%s\t%s\t%s\n", words[what], en->id,
                    list_type_name(en->type), name);
    }
    fputs(sb.buf, stdout);
    strbuf_release(&sb);
    d->first = false;
    return 0;
}

static int lists_diff(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL};
    struct diff_out d = {false, true};
    struct list a, b;
    struct err e = ERR_INIT;
    struct list_diff_stats st;
    int n = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            d.json = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("lists diff", "unknown option '%s'",
                                   argv[i]);
        else if (n < 2)
            paths[n++] = argv[i];
        else
            return cli_usage_error("lists diff", "give exactly two lists");
    }
    if (n != 2)
        return cli_usage_error("lists diff", "give exactly two lists");
    list_init(&a);
    list_init(&b);
    if (list_load(paths[0], &a, &e) != ERR_OK ||
        list_load(paths[1], &b, &e) != ERR_OK) {
        list_release(&a);
        list_release(&b);
        return cli_fail(&e);
    }
    if (strcmp(a.source, b.source) != 0)
        fprintf(stderr,
                "dossier lists diff: warning: comparing different lists "
                "('%s' and '%s')\n",
                a.source, b.source);
    if (d.json)
        fputs("{\"changes\":[", stdout);
    list_diff(&a, &b, diff_cb, &d, &st);
    if (d.json)
        printf("],\"added\":%zu,\"removed\":%zu,\"changed\":%zu,"
               "\"unchanged\":%zu}\n",
               st.added, st.removed, st.changed, st.unchanged);
    else
        printf("added %zu, removed %zu, changed %zu, unchanged %zu "
               "(net %+ld)\n",
               st.added, st.removed, st.changed, st.unchanged,
               (long)st.added - (long)st.removed);
    list_release(&a);
    list_release(&b);
    return CLI_OK;
}

int cmd_lists(int argc, char **argv, struct cli *cli)
{
    if (argc < 2 || strcmp(argv[1], "--json") == 0)
        return cmd_lists_held(argc, argv, cli);
    if (strcmp(argv[1], "import") == 0)
        return cmd_lists_import(argc - 1, argv + 1, cli);
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "show") == 0)
        return lists_show(argc - 1, argv + 1);
    if (strcmp(argv[1], "diff") == 0)
        return lists_diff(argc - 1, argv + 1);
    return cli_usage_error("lists", "unknown subcommand '%s'", argv[1]);
}
