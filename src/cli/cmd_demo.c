/*
 * cmd_demo: `dossier demo DIR` creates the demo case and prints a tour.
 */
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case/case.h"
#include "case/demo.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "crypto/crypto.h"
#include "screen/screen_case.h"
#include "dossier/dossier.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char demo_usage[] =
    "usage: dossier demo DIR\n"
    "\n"
    "Creates a demo case in DIR (which must not hold a case) and prints\n"
    "what to look at. The demo holds a FICTIONAL Hong Kong police command\n"
    "structure (units, posts, officers, incidents, pseudonymised victims,\n"
    "sources: every such record is marked FICTIONAL in every output) and\n"
    "the REAL designations of program HK-EO13936 from the US Treasury's\n"
    "OFAC SDN list of 2024-05-03, as OFAC published them.\n"
    "\n"
    "example:\n"
    "  dossier demo ./demo-case && dossier -C ./demo-case list Person\n";

/* The demo's exhibits: small FICTIONAL documents kept in the vault. */
struct demo_exhibit {
    const char *file;
    const char *source;
    const char *incident; /* or NULL */
    const char *captured;
    const char *verification;
    const char *text;
};

static const struct demo_exhibit demo_exhibits[] = {
    {"harbour-daily-livestream-transcript.txt",
     "demo-source-harbour-daily-video", DEMO_INCIDENT_ID, "2019-11-18",
     "verified",
     "FICTIONAL DEMO EXHIBIT - not a real document.\n"
     "Transcript of the Harbour Daily live-stream, 18 Nov 2019, 21:40-22:15.\n"
     "21:41 Officers in Tactical Company 7 uniforms (shoulder numbers TC7)\n"
     "      advance along Lantern Street towards a seated crowd.\n"
     "21:43 An officer with call sign TC7-3 orders the line forward.\n"
     "21:44 Batons used on seated people; pepper spray at close range.\n"
     "21:47 Two restrained people are struck after being handcuffed.\n"},
    {"witness-statement-W-1-pseudonymised.txt", "demo-source-witness-w1",
     "demo-incident-harbour-station", "2019-11-25", "in-progress",
     "FICTIONAL DEMO EXHIBIT - not a real document.\n"
     "Statement of witness W-1 (identity held by the documenting NGO only).\n"
     "I was detained on Lantern Street on 18 Nov 2019 with V-01 and V-02.\n"
     "We were held at Harbour Station until 20 Nov without a lawyer.\n"
     "V-02 was beaten during questioning on the night of 19 Nov.\n"},
    {"gazette-notice-2017-03.txt", "demo-source-gazette-notice", NULL,
     "2017-03-01", "verified",
     "FICTIONAL DEMO EXHIBIT - not a real document.\n"
     "Gazette notice: WONG Chi-keung (黃志強), Assistant Commissioner, is\n"
     "appointed Regional Commander, Harbour Region, from 1 March 2017.\n"},
    {"force-directory-2019-extract.txt", "demo-source-force-directory",
     DEMO_INCIDENT_ID, "2019-06-01", "verified",
     "FICTIONAL DEMO EXHIBIT - not a real document.\n"
     "Force directory 2019, Lantern Street District:\n"
     "  Tactical Company 7 (戰術第七連) - Company Commander:\n"
     "  Superintendent CHAN Tai-man (陳大文).\n"},
};

/* Sets one value of a demo exhibit (skips NULL values). */
static enum err_code exhibit_prop(struct store *st, const char *id,
                                  const char *prop, const char *value,
                                  struct err *e)
{
    if (!value)
        return ERR_OK;
    return case_prop_add(st, id, prop, value, NULL, NULL, e);
}

/*
 * Records the demo's Exhibit entities first, with stable ids and their
 * SHA-256, then stores each file through `dossier evidence add` itself
 * (vault, custody log), which finds the Exhibit by its hash.
 */
static enum err_code demo_add_exhibits(struct cli *sub, struct err *e)
{
    char tmpl[] = "/tmp/dossier-demo.XXXXXX";
    struct store *st = NULL;
    enum err_code rc;
    size_t n = sizeof(demo_exhibits) / sizeof(demo_exhibits[0]);

    rc = cli_open_case(sub, false, &st, e);
    if (rc)
        return rc;
    rc = store_begin(st, e);
    for (size_t i = 0; i < n && !rc; i++) {
        const struct demo_exhibit *x = &demo_exhibits[i];
        uint8_t sum[DC_SHA256_BYTES];
        char hex[DC_SHA256_HEX], id[ID_MAX_LEN + 1];

        crypto_sha256(x->text, strlen(x->text), sum);
        crypto_hex(sum, sizeof(sum), hex);
        snprintf(id, sizeof(id), "demo-exhibit-%zu", i + 1);
        rc = case_entity_add(st, "Exhibit", id, NULL, NULL, e);
        if (!rc)
            rc = exhibit_prop(st, id, "fictional", "true", e);
        if (!rc)
            rc = exhibit_prop(st, id, "hash", hex, e);
        if (!rc)
            rc = exhibit_prop(st, id, "title", x->file, e);
        if (!rc)
            rc = exhibit_prop(st, id, "fileName", x->file, e);
        if (!rc)
            rc = exhibit_prop(st, id, "mediaType", "text/plain", e);
        if (!rc)
            rc = exhibit_prop(st, id, "capturedAt", x->captured, e);
        if (!rc)
            rc = exhibit_prop(st, id, "source", x->source, e);
        if (!rc)
            rc = exhibit_prop(st, id, "incident", x->incident, e);
        if (!rc)
            rc = exhibit_prop(st, id, "verification", x->verification, e);
        if (!rc)
            rc = exhibit_prop(st, id, "notes", "FICTIONAL demo exhibit", e);
    }
    if (!rc)
        rc = store_commit(st, e);
    else
        store_rollback(st);
    store_close(st);
    if (rc)
        return rc;
    if (!mkdtemp(tmpl))
        return err_set(e, ERR_IO, "cannot make a temporary folder");
    for (size_t i = 0; i < n && !rc; i++) {
        const struct demo_exhibit *x = &demo_exhibits[i];
        struct strbuf path = STRBUF_INIT;
        char a_ev[] = "evidence", a_add[] = "add";
        char *args[4];
        FILE *f;
        int saved, devnull, status;

        strbuf_addf(&path, "%s/%s", tmpl, x->file);
        f = fopen(path.buf, "w");
        if (!f || fputs(x->text, f) < 0 || fclose(f) != 0) {
            rc = err_set(e, ERR_IO, "cannot write '%s'", path.buf);
            strbuf_release(&path);
            break;
        }
        args[0] = a_ev;
        args[1] = a_add;
        args[2] = path.buf;
        args[3] = NULL;
        /* The command prints a line per file; the tour is enough here. */
        fflush(stdout);
        saved = dup(STDOUT_FILENO);
        devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDOUT_FILENO);
        status = cmd_evidence(3, args, sub);
        fflush(stdout);
        if (saved >= 0) {
            dup2(saved, STDOUT_FILENO);
            close(saved);
        }
        if (devnull >= 0)
            close(devnull);
        remove(path.buf);
        strbuf_release(&path);
        if (status != CLI_OK)
            rc = err_set(e, ERR_IO, "cannot add demo exhibit '%s'", x->file);
    }
    rmdir(tmpl);
    return rc;
}

int cmd_demo(int argc, char **argv, struct cli *cli)
{
    struct err e = ERR_INIT;
    struct store *st = NULL;
    struct case_demo_stats stats;
    struct cli sub = *cli;
    const char *dir;
    size_t nlists = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(demo_usage, stdout);
        return CLI_OK;
    }
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("demo", "expected one folder, e.g. "
                                       "'dossier demo ./demo-case'");
    dir = argv[1];
    if (cli_case_create(dir,
                        "Demo case: fictional incidents and officers; real "
                        "OFAC HK-EO13936 designations",
                        &e))
        return cli_fail(&e);
    sub.case_dir = dir;
    if (cli_open_case(&sub, false, &st, &e))
        return cli_fail(&e);
    if (case_demo_build(st, &stats, &e) || cli_graph_demo(st, dir, &e) ||
        screen_demo_extend(st, dir, &nlists, &e)) {
        store_close(st);
        return cli_fail(&e);
    }
    store_close(st);
    if (demo_add_exhibits(&sub, &e))
        return cli_fail(&e);
    printf("Created the demo case in %s\n"
           "  %d FICTIONAL records (units, posts, officers, incidents, "
           "victims, sources)\n"
           "  %d real records: OFAC SDN program HK-EO13936 (people, "
           "designations, source)\n"
           "  %d statements, each with its source and confidence\n\n",
           dir, stats.fictional_entities, stats.real_entities,
           stats.statements);
    printf("What to look at:\n"
           "  dossier -C %s list Person                 # officers "
           "(FICTIONAL) and designated officials (real)\n"
           "  dossier -C %s show %s   # a fictional officer: names in both "
           "scripts, sources, posts\n"
           "  dossier -C %s chain %s --on 2019-11-18\n"
           "                                  # who commanded the unit "
           "on the day of the incident\n"
           "  dossier -C %s chain %s --on 2020-08-01\n"
           "                                  # ... and after it was "
           "moved under the region\n"
           "  dossier -C %s holders %s --on 2019-11\n"
           "  dossier -C %s show %s      # a victim: identity [protected]\n"
           "  dossier -C %s show %s                   # a real designation "
           "(OFAC, HK-EO13936)\n"
           "  dossier -C %s search Kwok-ki\n"
           "  dossier -C %s export --out demo.ftm.json  # protected values "
           "withheld\n",
           dir, dir, DEMO_OFFICER_ID, dir, DEMO_UNIT_ID, dir, DEMO_UNIT_ID, dir,
           DEMO_UNIT_ID, dir, DEMO_VICTIM_ID, dir, DEMO_REAL_ID, dir, dir);
    printf(
        "  dossier -C %s evidence list             # FICTIONAL exhibits, "
        "hashed and encrypted\n"
        "  dossier -C %s evidence verify --all     # re-hash them, check the "
        "signed custody chain\n",
        dir, dir);
    if (nlists)
        printf("  dossier -C %s gaps          # %zu sanctions lists imported: "
               "who is designated where, and where not yet\n",
               dir, nlists);
    cli_graph_demo_tour(dir);
    {
        struct dossier_build_result res;
        struct err de = ERR_INIT;

        if (dossier_demo_build(dir, &res, &de)) {
            fprintf(stderr, "dossier: warning: demo dossiers not built: %s\n",
                    de.msg);
            return CLI_OK;
        }
        printf("\nDossiers on two FICTIONAL officers under UK GHR and US "
               "Global Magnitsky:\n");
        for (size_t i = 0; i < res.nfiles; i++)
            printf("  %s\n", res.files[i]);
        printf("  dossier -C %s check %s --regime uk-ghr  # what they lack\n",
               dir, DEMO_OFFICER_ID);
        dossier_build_result_release(&res);
    }
    return CLI_OK;
}
