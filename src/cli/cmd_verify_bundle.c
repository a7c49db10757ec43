/*
 * cmd_verify_bundle: `dossier verify-bundle FILE.zip`: checks an evidence
 * bundle without the case: exhibit hashes, custody records, signatures.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "util/strbuf.h"
#include "vault/bundle.h"
#include "util/banned.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dossier verify-bundle FILE.zip [--json]\n"
            "\n"
            "Checks an evidence bundle made by 'dossier evidence export',\n"
            "without the case: every exhibit's SHA-256 against SHA256SUMS,\n"
            "that no exhibit is missing or unlisted, and every custody\n"
            "record's hash, chain and Ed25519 signature by the key in\n"
            "case-key.pub. Compare the printed key with the fingerprint the\n"
            "sender gave you by another channel. Exit 0 when sound, 1 when\n"
            "anything is wrong (each problem is printed).\n"
            "\n"
            "examples:\n"
            "  dossier verify-bundle bundle.zip\n"
            "  dossier verify-bundle bundle.zip --json\n");
}

struct pctx {
    struct strbuf *out;
    bool json;
    size_t n;
};

static void problem(int64_t seq, const char *object, const char *what,
                    void *ctx)
{
    struct pctx *p = ctx;

    if (p->json) {
        if (p->n++)
            strbuf_addch(p->out, ',');
        strbuf_addf(p->out, "{\"seq\":%lld,\"object\":", (long long)seq);
        strbuf_add_json_str(p->out, object);
        strbuf_addstr(p->out, ",\"problem\":");
        strbuf_add_json_str(p->out, what);
        strbuf_addch(p->out, '}');
    } else if (seq) {
        strbuf_addf(p->out, "FAIL custody record %lld (object %.16s): %s\n",
                    (long long)seq, object, what);
    } else {
        strbuf_addf(p->out, "FAIL %s%s%s\n", object, *object ? ": " : "", what);
    }
}

int cmd_verify_bundle(int argc, char **argv, struct cli *cli)
{
    struct strbuf out = STRBUF_INIT;
    struct pctx p = {&out, false, 0};
    struct vault_bundle_result res;
    struct err e = ERR_INIT;
    const char *path = NULL;

    (void)cli;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return CLI_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            p.json = true;
        else if (argv[i][0] == '-')
            return cli_usage_error("verify-bundle", "unknown option '%s'",
                                   argv[i]);
        else if (!path)
            path = argv[i];
        else
            return cli_usage_error("verify-bundle", "one bundle only");
    }
    if (!path)
        return cli_usage_error("verify-bundle", "no bundle given");
    if (p.json)
        strbuf_addstr(&out, "{\"problems\":[");
    if (vault_bundle_verify_file(path, problem, &p, &res, &e)) {
        strbuf_release(&out);
        return cli_fail(&e);
    }
    if (p.json)
        strbuf_addf(&out,
                    "],\"exhibits\":%zu,\"records\":%zu,\"tokens\":%zu,"
                    "\"key\":\"%s\",\"ok\":%s}\n",
                    res.exhibits, res.records, res.tokens, res.key,
                    res.problems ? "false" : "true");
    else
        strbuf_addf(&out,
                    "%s: %zu exhibit(s), %zu custody record(s), %zu "
                    "timestamp token(s), %zu problem(s)\ncase key: %s\n",
                    path, res.exhibits, res.records, res.tokens, res.problems,
                    res.key);
    fputs(out.buf, stdout);
    strbuf_release(&out);
    return res.problems ? CLI_FAIL : CLI_OK;
}
