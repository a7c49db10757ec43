/*
 * timestamp: RFC 3161 round trip for a vault object.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/tsa.h"
#include "net/http.h"
#include "util/strbuf.h"
#include "vault/custody.h"
#include "vault/timestamp.h"
#include "util/banned.h"

#define TSA_REPLY_MAX (1u << 20)

enum err_code vault_timestamp_object(struct vault *v, struct store_custody *cs,
                                     const char *object, const char *tsa_url,
                                     const char *tsa_cert, char *gentime,
                                     size_t gmax, struct err *e)
{
    uint8_t digest[DC_SHA256_BYTES];
    uint8_t *req = NULL, *token = NULL;
    size_t reqn = 0, tokn = 0;
    struct http_request rq;
    struct http_response rs;
    struct strbuf d = STRBUF_INIT;
    char token_hash[DC_SHA256_HEX];
    bool dup;
    enum err_code rc;

    http_response_init(&rs);
    if (!vault_has(v, object)) {
        rc = err_set(e, ERR_NOTFOUND, "object %s is not in the vault", object);
        goto out;
    }
    rc = crypto_unhex(object, digest, sizeof(digest), e);
    if (!rc)
        rc = crypto_tsa_request(digest, &req, &reqn, e);
    if (rc)
        goto out;
    memset(&rq, 0, sizeof(rq));
    rq.url = tsa_url;
    rq.content_type = "application/timestamp-query";
    rq.body = req;
    rq.bodylen = reqn;
    rq.timeout = 30;
    rq.max_body = TSA_REPLY_MAX;
    rc = http_fetch(&rq, &rs, e);
    if (rc)
        goto out;
    if (rs.status != 200) {
        rc = err_set(e, ERR_IO, "TSA '%s' answered HTTP %ld", tsa_url,
                     rs.status);
        goto out;
    }
    rc = crypto_tsa_reply((const uint8_t *)rs.body.buf, rs.body.len, req, reqn,
                          tsa_cert, &token, &tokn, gentime, gmax, e);
    if (rc) {
        err_prefix(e, "TSA '%s'", tsa_url);
        goto out;
    }
    rc = vault_add_buf(v, token, tokn, token_hash, &dup, e);
    if (rc)
        goto out;
    strbuf_addstr(&d, "{\"tsa\":");
    strbuf_add_json_str(&d, tsa_url);
    strbuf_addf(&d,
                ",\"time\":\"%s\",\"token\":\"%s\",\"signatureChecked\":"
                "\"%s\"}",
                gentime, token_hash, tsa_cert ? "yes" : "no");
    rc = vault_custody_log(v, cs, "timestamp", object, NULL, d.buf, e);
out:
    strbuf_release(&d);
    http_response_release(&rs);
    free(req);
    free(token);
    return rc;
}

enum err_code vault_timestamp_check(struct vault *v, const char *object,
                                    const char *token_hash,
                                    const char *tsa_cert, char *gentime,
                                    size_t gmax, struct err *e)
{
    uint8_t digest[DC_SHA256_BYTES];
    uint8_t *token = NULL;
    size_t n = 0;
    enum err_code rc;

    rc = crypto_unhex(object, digest, sizeof(digest), e);
    if (!rc)
        rc = vault_read(v, token_hash, TSA_REPLY_MAX, &token, &n, e);
    if (!rc)
        rc = crypto_tsa_token_check(token, n, digest, tsa_cert, gentime, gmax,
                                    e);
    free(token);
    return rc;
}
