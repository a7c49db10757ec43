/*
 * capture: URL -> WARC 1.1 -> vault object + custody record.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "net/http.h"
#include "util/date.h"
#include "vault/capture.h"
#include "vault/custody.h"
#include "vault/warc.h"
#include "util/banned.h"

enum err_code vault_capture_url(struct vault *v, const char *url, long timeout,
                                const char *cacert, struct vault_capture *out,
                                struct err *e)
{
    struct http_request rq;
    struct http_response rs;
    struct strbuf warc = STRBUF_INIT, resp = STRBUF_INIT, meta = STRBUF_INIT;
    char req_id[48], resp_id[48], meta_id[48], now[32], pd[80];
    uint8_t digest[DC_SHA256_BYTES];
    struct warc_out w;
    enum err_code rc;

    memset(out, 0, sizeof(*out));
    http_response_init(&rs);
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        rc = err_set(e, ERR_INVALID, "'%s' is not an http or https URL", url);
        goto out;
    }
    memset(&rq, 0, sizeof(rq));
    rq.url = url;
    rq.timeout = timeout;
    rq.max_body = CAPTURE_MAX_BODY;
    rq.cacert = cacert;
    rq.certinfo = strncmp(url, "https://", 8) == 0;
    date_now_iso(now);
    rc = http_fetch(&rq, &rs, e);
    if (rc)
        goto out;
    if (rs.head.len == 0) {
        rc = err_set(e, ERR_IO, "'%s' did not answer with HTTP headers", url);
        goto out;
    }
    out->status = rs.status;
    crypto_sha256(rs.body.buf, rs.body.len, digest);
    crypto_hex(digest, sizeof(digest), out->payload);
    snprintf(pd, sizeof(pd), "sha256:%s", out->payload);
    warc_record_id(req_id);
    warc_record_id(resp_id);
    warc_record_id(meta_id);

    memset(&w, 0, sizeof(w));
    w.type = "request";
    w.target_uri = url;
    w.date = now;
    w.content_type = "application/http;msgtype=request";
    w.ip = rs.ip;
    w.concurrent_to = resp_id;
    w.block = rs.req_head.buf;
    w.blocklen = rs.req_head.len;
    rc = warc_write(&warc, req_id, &w, e);
    if (rc)
        goto out;
    /* libcurl hands over the body decoded from chunked transfer coding;
     * the stored headers still say how it travelled. */
    strbuf_add(&resp, rs.head.buf, rs.head.len);
    strbuf_add(&resp, rs.body.buf, rs.body.len);
    w.type = "response";
    w.content_type = "application/http;msgtype=response";
    w.concurrent_to = NULL;
    w.payload_digest = pd;
    w.block = resp.buf;
    w.blocklen = resp.len;
    rc = warc_write(&warc, resp_id, &w, e);
    if (rc)
        goto out;
    strbuf_addf(&meta,
                "capture-software: dossier evidence capture\r\n"
                "capture-time: %s\r\nip-address: %s\r\nhttp-status: %ld\r\n",
                now, rs.ip, rs.status);
    if (rs.certs.len) {
        strbuf_addstr(&meta, "tls-certificate-chain:\r\n");
        strbuf_add(&meta, rs.certs.buf, rs.certs.len);
    }
    w.type = "metadata";
    w.content_type = "application/warc-fields";
    w.concurrent_to = resp_id;
    w.payload_digest = NULL;
    w.ip = NULL;
    w.block = meta.buf;
    w.blocklen = meta.len;
    rc = warc_write(&warc, meta_id, &w, e);
    if (rc)
        goto out;
    rc = vault_add_buf(v, warc.buf, warc.len, out->hash, &out->duplicate, e);
    out->tls = rs.certs.len > 0;
    snprintf(out->at, sizeof(out->at), "%s", now);
    snprintf(out->ip, sizeof(out->ip), "%s", rs.ip);
out:
    http_response_release(&rs);
    strbuf_release(&warc);
    strbuf_release(&resp);
    strbuf_release(&meta);
    return rc;
}

enum err_code vault_capture_log(struct vault *v, struct store_custody *cs,
                                const char *url, const struct vault_capture *c,
                                const char *exhibit, struct err *e)
{
    struct strbuf d = STRBUF_INIT;
    enum err_code rc;

    strbuf_addstr(&d, "{\"url\":");
    strbuf_add_json_str(&d, url);
    strbuf_addf(&d,
                ",\"name\":\"capture.warc\",\"mediaType\":"
                "\"application/warc\",\"status\":\"%ld\",\"capturedAt\":"
                "\"%s\",\"payload\":\"%s\",\"ip\":\"%s\",\"tls\":\"%s\"}",
                c->status, c->at, c->payload, c->ip, c->tls ? "yes" : "no");
    rc = vault_custody_log(v, cs, "capture", c->hash, exhibit, d.buf, e);
    strbuf_release(&d);
    return rc;
}
