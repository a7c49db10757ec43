/*
 * capture: web capture as evidence. Fetches a URL once (net/http), writes
 * the exchange as WARC 1.1 (request record, response record with
 * WARC-Payload-Digest, and a metadata record with the capture time, the
 * remote address and the TLS certificate chain) and stores the WARC as a
 * vault object; vault_capture_log then appends the "capture" custody
 * record (split so the caller can make an Exhibit entity in between).
 */
#ifndef VAULT_CAPTURE_H
#define VAULT_CAPTURE_H

#include <stdbool.h>

#include "store/store_custody.h"
#include "vault/vault.h"

#define CAPTURE_MAX_BODY (256u << 20)

struct vault_capture {
    char hash[DC_SHA256_HEX];    /* the WARC object */
    char payload[DC_SHA256_HEX]; /* SHA-256 of the response body */
    long status;                 /* HTTP status */
    bool duplicate;
    bool tls;    /* a certificate chain was recorded */
    char at[32]; /* capture time, ISO UTC */
    char ip[64]; /* remote address */
};

/*
 * Captures url (http or https) with a timeout in seconds; cacert (may be
 * NULL) adds a CA file for HTTPS. Nothing is stored on failure: ERR_IO
 * (unreachable, timeout, not HTTP), ERR_TOOBIG (body over
 * CAPTURE_MAX_BODY).
 */
enum err_code vault_capture_url(struct vault *v, const char *url, long timeout,
                                const char *cacert, struct vault_capture *out,
                                struct err *e);

/* Appends the "capture" custody record of c (exhibit may be NULL). */
enum err_code vault_capture_log(struct vault *v, struct store_custody *cs,
                                const char *url, const struct vault_capture *c,
                                const char *exhibit, struct err *e);

#endif
