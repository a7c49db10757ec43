/*
 * http: libcurl easy interface wrapper (see http.h).
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "net/http.h"
#include "util/banned.h"

#define HTTP_DEFAULT_MAX (64u << 20)
#define HTTP_HEAD_MAX (1u << 20)

void http_response_init(struct http_response *rs)
{
    memset(rs, 0, sizeof(*rs));
    strbuf_init(&rs->req_head, HTTP_HEAD_MAX);
    strbuf_init(&rs->head, HTTP_HEAD_MAX);
    strbuf_init(&rs->body, HTTP_DEFAULT_MAX);
    strbuf_init(&rs->certs, HTTP_HEAD_MAX);
}

void http_response_release(struct http_response *rs)
{
    strbuf_release(&rs->req_head);
    strbuf_release(&rs->head);
    strbuf_release(&rs->body);
    strbuf_release(&rs->certs);
}

struct sink {
    struct strbuf *sb;
    bool over;
};

static size_t write_cb(char *p, size_t size, size_t n, void *ctx)
{
    struct sink *s = ctx;

    if (strbuf_add(s->sb, p, size * n)) {
        s->over = true;
        return 0; /* makes curl fail the transfer */
    }
    return size * n;
}

static size_t head_cb(char *p, size_t size, size_t n, void *ctx)
{
    struct strbuf *sb = ctx;

    /* A new status line starts a new header block (e.g. after 100). */
    if (size * n >= 5 && memcmp(p, "HTTP/", 5) == 0)
        strbuf_reset(sb);
    if (strbuf_add(sb, p, size * n))
        return 0;
    return size * n;
}

static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size,
                    void *ctx)
{
    (void)h;
    if (type == CURLINFO_HEADER_OUT)
        strbuf_add(ctx, data, size);
    return 0;
}

static void collect_certs(CURL *h, struct strbuf *out)
{
    struct curl_certinfo *ci = NULL;

    if (curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci) != CURLE_OK || !ci)
        return;
    for (int i = 0; i < ci->num_of_certs; i++)
        for (struct curl_slist *s = ci->certinfo[i]; s; s = s->next)
            if (strncmp(s->data, "Cert:", 5) == 0) {
                strbuf_addstr(out, s->data + 5);
                if (out->len && out->buf[out->len - 1] != '\n')
                    strbuf_addch(out, '\n');
            }
}

enum err_code http_fetch(const struct http_request *rq,
                         struct http_response *rs, struct err *e)
{
    static bool inited;
    struct sink body = {&rs->body, false};
    struct curl_slist *hdrs = NULL;
    char ebuf[CURL_ERROR_SIZE] = "";
    char *ip = NULL;
    enum err_code rc = ERR_OK;
    CURLcode cc;
    CURL *h;

    if (!inited) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        inited = true;
    }
    rs->body.max = rq->max_body ? rq->max_body : HTTP_DEFAULT_MAX;
    h = curl_easy_init();
    if (!h)
        return err_set(e, ERR_IO, "cannot start an HTTP client");
    curl_easy_setopt(h, CURLOPT_URL, rq->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, rq->timeout ? rq->timeout : 30L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     rq->timeout && rq->timeout < 10 ? rq->timeout : 10L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, head_cb);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &rs->head);
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &rs->req_head);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L); /* feeds debug_cb only */
    curl_easy_setopt(h, CURLOPT_USERAGENT, "dossier-capture/0.1");
    if (rq->cacert)
        curl_easy_setopt(h, CURLOPT_CAINFO, rq->cacert);
    if (rq->certinfo)
        curl_easy_setopt(h, CURLOPT_CERTINFO, 1L);
    if (rq->content_type) {
        struct strbuf ct = STRBUF_INIT;

        strbuf_addf(&ct, "Content-Type: %s", rq->content_type);
        hdrs = curl_slist_append(hdrs, ct.buf);
        strbuf_release(&ct);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)rq->bodylen);
    }
    cc = curl_easy_perform(h);
    if (body.over) {
        rc = err_set(e, ERR_TOOBIG,
                     "response from '%s' is larger than %zu "
                     "bytes",
                     rq->url, rs->body.max);
    } else if (cc != CURLE_OK) {
        rc = err_set(e, ERR_IO, "cannot fetch '%s': %s", rq->url,
                     ebuf[0] ? ebuf : curl_easy_strerror(cc));
    } else {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &rs->status);
        if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip)
            snprintf(rs->ip, sizeof(rs->ip), "%s", ip);
        if (rq->certinfo)
            collect_certs(h, &rs->certs);
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return rc;
}
