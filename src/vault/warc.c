/*
 * warc: WARC 1.1 writer and checking reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crypto/crypto.h"
#include "vault/warc.h"
#include "util/banned.h"

void warc_record_id(char out[48])
{
    uint8_t b[16];
    char h[33];

    crypto_random(b, sizeof(b));
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* variant */
    crypto_hex(b, sizeof(b), h);
    snprintf(out, 48, "<urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s>", h, h + 8, h + 12,
             h + 16, h + 20);
}

static void digest_label(const void *data, size_t n, char out[80])
{
    uint8_t d[DC_SHA256_BYTES];
    char hex[DC_SHA256_HEX];

    crypto_sha256(data, n, d);
    crypto_hex(d, sizeof(d), hex);
    snprintf(out, 80, "sha256:%s", hex);
}

enum err_code warc_write(struct strbuf *sb, const char *id,
                         const struct warc_out *r, struct err *e)
{
    char bd[80];
    enum err_code rc = ERR_OK;

    digest_label(r->block, r->blocklen, bd);
    rc |= strbuf_addf(sb,
                      "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
                      "WARC-Date: %s\r\n",
                      r->type, id, r->date);
    if (r->target_uri)
        rc |= strbuf_addf(sb, "WARC-Target-URI: %s\r\n", r->target_uri);
    if (r->ip && *r->ip)
        rc |= strbuf_addf(sb, "WARC-IP-Address: %s\r\n", r->ip);
    if (r->concurrent_to)
        rc |= strbuf_addf(sb, "WARC-Concurrent-To: %s\r\n", r->concurrent_to);
    if (r->payload_digest)
        rc |= strbuf_addf(sb, "WARC-Payload-Digest: %s\r\n", r->payload_digest);
    rc |= strbuf_addf(sb, "WARC-Block-Digest: %s\r\n", bd);
    if (r->content_type)
        rc |= strbuf_addf(sb, "Content-Type: %s\r\n", r->content_type);
    rc |= strbuf_addf(sb, "Content-Length: %zu\r\n\r\n", r->blocklen);
    rc |= strbuf_add(sb, r->block, r->blocklen);
    rc |= strbuf_addstr(sb, "\r\n\r\n");
    if (rc)
        return err_set(e, ERR_TOOBIG, "web capture is too large");
    return ERR_OK;
}

/* --- reader ------------------------------------------------------------ */

static const unsigned char *find_crlfcrlf(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++)
        if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' &&
            p[i + 3] == '\n')
            return p + i;
    return NULL;
}

/* Copies header field name's value (trimmed) from a header block into out. */
static int header(const unsigned char *h, size_t n, const char *name, char *out,
                  size_t max)
{
    size_t nl = strlen(name);
    size_t i = 0;

    out[0] = '\0';
    while (i < n) {
        size_t j = i;

        while (j < n && h[j] != '\n')
            j++;
        if (j - i > nl && strncasecmp((const char *)h + i, name, nl) == 0 &&
            h[i + nl] == ':') {
            size_t a = i + nl + 1, b = j;

            while (a < b && (h[a] == ' ' || h[a] == '\t'))
                a++;
            while (b > a && (h[b - 1] == '\r' || h[b - 1] == ' '))
                b--;
            if (b - a >= max)
                return -1;
            memcpy(out, h + a, b - a);
            out[b - a] = '\0';
            return 1;
        }
        i = j + 1;
    }
    return 0;
}

enum err_code warc_read(const void *data, size_t n, warc_rec_cb cb, void *ctx,
                        size_t *nrecords, struct err *e)
{
    const unsigned char *p = data, *end = p + n;
    size_t count = 0;

    if (nrecords)
        *nrecords = 0;
    while (p < end) {
        const unsigned char *hend;
        char type[64], uri[2048], len[32], bd[128], pd[128], want[80];
        struct warc_rec r;
        size_t hlen, blen;
        char *stop;
        unsigned long long cl;

        if (++count > WARC_MAX_RECORDS)
            return err_set(e, ERR_TOOBIG, "WARC has too many records");
        if ((size_t)(end - p) < 10 || memcmp(p, "WARC/1.1\r\n", 10) != 0)
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: no 'WARC/1.1' version line",
                           count);
        hend = find_crlfcrlf(p, (size_t)(end - p) < WARC_MAX_HEADER
                                    ? (size_t)(end - p)
                                    : WARC_MAX_HEADER);
        if (!hend)
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: header block does not end", count);
        hlen = (size_t)(hend - p) + 2;
        if (header(p, hlen, "WARC-Type", type, sizeof(type)) != 1 ||
            header(p, hlen, "Content-Length", len, sizeof(len)) != 1)
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: missing WARC-Type or "
                           "Content-Length",
                           count);
        if (header(p, hlen, "WARC-Target-URI", uri, sizeof(uri)) < 0 ||
            header(p, hlen, "WARC-Block-Digest", bd, sizeof(bd)) < 0 ||
            header(p, hlen, "WARC-Payload-Digest", pd, sizeof(pd)) < 0)
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: header field too long", count);
        if (len[0] < '0' || len[0] > '9')
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: bad Content-Length", count);
        cl = strtoull(len, &stop, 10);
        if (*stop || cl > (unsigned long long)(end - (hend + 4)))
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: Content-Length past the end",
                           count);
        blen = (size_t)cl;
        r.type = type;
        r.uri = uri;
        r.payload_digest = pd;
        r.block = hend + 4;
        r.blocklen = blen;
        if ((size_t)(end - (r.block + blen)) < 4 ||
            memcmp(r.block + blen, "\r\n\r\n", 4) != 0)
            return err_set(e, ERR_INVALID,
                           "WARC record %zu: block not followed by CRLF CRLF",
                           count);
        if (bd[0]) {
            digest_label(r.block, blen, want);
            if (strcasecmp(bd, want) != 0)
                return err_set(e, ERR_INVALID,
                               "WARC record %zu: block digest does not match",
                               count);
        }
        if (pd[0] && strcmp(type, "response") == 0) {
            const unsigned char *body = find_crlfcrlf(r.block, blen);

            if (!body)
                return err_set(e, ERR_INVALID,
                               "WARC record %zu: response has no HTTP header "
                               "block",
                               count);
            body += 4;
            digest_label(body, blen - (size_t)(body - r.block), want);
            if (strcasecmp(pd, want) != 0)
                return err_set(e, ERR_INVALID,
                               "WARC record %zu: payload digest does not "
                               "match",
                               count);
        }
        if (cb && cb(&r, ctx))
            break;
        p = r.block + blen + 4;
    }
    if (nrecords)
        *nrecords = count;
    return ERR_OK;
}
