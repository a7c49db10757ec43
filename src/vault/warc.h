/*
 * warc: WARC 1.1 records (ISO 28500:2017) for web captures: a writer that
 * appends records to a strbuf and a bounded reader that checks a file's
 * structure and digests. Digests are written "sha256:" + lowercase hex,
 * so a recipient can compare them with sha256sum output. Pure: no I/O.
 */
#ifndef VAULT_WARC_H
#define VAULT_WARC_H

#include <stddef.h>

#include "util/err.h"
#include "util/strbuf.h"

#define WARC_MAX_RECORDS 10000
#define WARC_MAX_HEADER (64 * 1024)

/* One record to write; block is borrowed. */
struct warc_out {
    const char *type;           /* "request", "response", "metadata", ... */
    const char *target_uri;     /* or NULL */
    const char *date;           /* ISO UTC */
    const char *content_type;   /* or NULL */
    const char *ip;             /* WARC-IP-Address, or NULL/"" */
    const char *concurrent_to;  /* record id, or NULL */
    const char *payload_digest; /* "sha256:..." or NULL */
    const void *block;
    size_t blocklen;
};

/* Writes a fresh "<urn:uuid:...>" record id into out (48 bytes). */
void warc_record_id(char out[48]);

/* Appends one record (with WARC-Block-Digest) to sb; id from
 * warc_record_id. ERR_TOOBIG if sb's cap is hit. */
enum err_code warc_write(struct strbuf *sb, const char *id,
                         const struct warc_out *r, struct err *e);

/* A record as read; pointers borrow the input buffer, valid while it is. */
struct warc_rec {
    const char *type;           /* NUL-terminated copy held by the reader */
    const char *uri;            /* or "" */
    const char *payload_digest; /* or "" */
    const unsigned char *block;
    size_t blocklen;
};

typedef int (*warc_rec_cb)(const struct warc_rec *r, void *ctx);

/*
 * Parses data as WARC 1.1 records: version line, headers, Content-Length,
 * the two CRLFs after each block; checks WARC-Block-Digest and, for
 * response records, WARC-Payload-Digest (over the HTTP body after the
 * header block). ERR_INVALID with the record number and what is wrong.
 * *nrecords (may be NULL) gets the number of records read.
 */
enum err_code warc_read(const void *data, size_t n, warc_rec_cb cb, void *ctx,
                        size_t *nrecords, struct err *e);

#endif
