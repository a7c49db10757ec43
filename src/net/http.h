/*
 * http: one HTTP(S) exchange over libcurl, the only user of <curl/curl.h>.
 * Records what evidence capture needs: the exact request and response
 * headers, the body (capped), the peer's TLS certificate chain (PEM) and
 * the remote address. Never prints.
 */
#ifndef NET_HTTP_H
#define NET_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/strbuf.h"

struct http_request {
    const char *url;
    const char *content_type; /* with body: POST; NULL = GET */
    const void *body;
    size_t bodylen;
    long timeout;       /* seconds for the whole exchange; 0 = 30 */
    size_t max_body;    /* cap on the response body; 0 = 64 MiB */
    const char *cacert; /* extra CA bundle file, or NULL */
    bool certinfo;      /* collect the TLS certificate chain */
};

/* Everything owned by the struct; free with http_response_release. */
struct http_response {
    long status;            /* HTTP status code */
    struct strbuf req_head; /* request line + headers as sent */
    struct strbuf head;     /* status line + headers as received (last
                               response after redirects are not followed) */
    struct strbuf body;
    struct strbuf certs; /* PEM certificates, leaf first, or empty */
    char ip[64];         /* remote address */
};

void http_response_init(struct http_response *rs);
void http_response_release(struct http_response *rs);

/*
 * Performs the request. ERR_IO on network failure or timeout (message
 * names the URL and curl's reason), ERR_TOOBIG when the body passes the
 * cap. Redirects are not followed: the capture records what the URL
 * answered. *rs must be initialised.
 */
enum err_code http_fetch(const struct http_request *rq,
                         struct http_response *rs, struct err *e);

#endif
