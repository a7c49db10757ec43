/*
 * formats/zipw: zip writing over libzip (zipw.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "formats/zipw.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct zipw {
    zip_t *z;
    char *path;
    char *tmp;
    struct err cb_err; /* the first failure of a stream's callbacks */
};

enum err_code zipw_open(const char *path, struct zipw **out, struct err *e)
{
    return zipw_open_tmp(path, ".tmp", out, e);
}

enum err_code zipw_open_tmp(const char *path, const char *tmp_suffix,
                            struct zipw **out, struct err *e)
{
    struct zipw *w = xcalloc(1, sizeof(*w));
    struct strbuf tmp = STRBUF_INIT;
    int zerr = 0;

    *out = NULL;
    err_clear(&w->cb_err);
    strbuf_addf(&tmp, "%s%s", path, tmp_suffix);
    unlink(tmp.buf);
    w->path = xstrdup(path);
    w->tmp = strbuf_detach(&tmp, NULL);
    w->z = zip_open(w->tmp, ZIP_CREATE | ZIP_EXCL, &zerr);
    if (!w->z) {
        zip_error_t ze;

        zip_error_init_with_code(&ze, zerr);
        err_set(e, ERR_IO, "cannot create '%s': %s", w->tmp,
                zip_error_strerror(&ze));
        zip_error_fini(&ze);
        free(w->path);
        free(w->tmp);
        free(w);
        return ERR_IO;
    }
    *out = w;
    return ERR_OK;
}

enum err_code zipw_add(struct zipw *w, const char *name, const void *data,
                       size_t n, bool compress, struct err *e)
{
    void *copy = xmalloc(n ? n : 1);
    zip_source_t *src;
    zip_int64_t idx;

    memcpy(copy, data, n);
    /* freep=1: libzip frees the copy once the archive is written. */
    src = zip_source_buffer(w->z, copy, n, 1);
    if (!src) {
        free(copy);
        return err_set(e, ERR_IO, "cannot add '%s' to '%s': %s", name, w->path,
                       zip_strerror(w->z));
    }
    idx = zip_file_add(w->z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
        zip_source_free(src);
        return err_set(e, ERR_IO, "cannot add '%s' to '%s': %s", name, w->path,
                       zip_strerror(w->z));
    }
    zip_set_file_compression(w->z, (zip_uint64_t)idx,
                             compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    return ERR_OK;
}

/* A libzip source function around a struct zipw_stream. */
struct zstream {
    struct zipw *w;
    const struct zipw_stream *ops;
    void *ctx;
    uint64_t size;
    bool opened;
    zip_error_t zerr;
};

static zip_int64_t zstream_cb(void *ud, void *data, zip_uint64_t len,
                              zip_source_cmd_t cmd)
{
    struct zstream *z = ud;
    size_t got = 0;

    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        if (z->ops->open(z->ctx, &z->w->cb_err)) {
            zip_error_set(&z->zerr, ZIP_ER_OPEN, 0);
            return -1;
        }
        z->opened = true;
        return 0;
    case ZIP_SOURCE_READ:
        if (z->ops->read(z->ctx, data, (size_t)len, &got, &z->w->cb_err)) {
            zip_error_set(&z->zerr, ZIP_ER_READ, 0);
            return -1;
        }
        return (zip_int64_t)got;
    case ZIP_SOURCE_CLOSE:
        if (z->opened)
            z->ops->close(z->ctx);
        z->opened = false;
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;

        if (len < sizeof(*st))
            return -1;
        zip_stat_init(st);
        st->size = z->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&z->zerr, data, len);
    case ZIP_SOURCE_FREE:
        if (z->opened)
            z->ops->close(z->ctx);
        if (z->ops->release)
            z->ops->release(z->ctx);
        zip_error_fini(&z->zerr);
        free(z);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(
            ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&z->zerr, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

enum err_code zipw_add_stream(struct zipw *w, const char *name, uint64_t size,
                              bool compress, const struct zipw_stream *ops,
                              void *ctx, struct err *e)
{
    struct zstream *z = xcalloc(1, sizeof(*z));
    zip_source_t *src;
    zip_int64_t idx;

    z->w = w;
    z->ops = ops;
    z->ctx = ctx;
    z->size = size;
    zip_error_init(&z->zerr);
    src = zip_source_function(w->z, zstream_cb, z);
    if (!src) {
        zip_error_fini(&z->zerr);
        free(z);
        if (ops->release)
            ops->release(ctx);
        return err_set(e, ERR_IO, "cannot add '%s' to '%s': %s", name, w->path,
                       zip_strerror(w->z));
    }
    idx = zip_file_add(w->z, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        enum err_code rc = err_set(e, ERR_IO, "cannot add '%s' to '%s': %s",
                                   name, w->path, zip_strerror(w->z));

        zip_source_free(src); /* calls release */
        return rc;
    }
    zip_set_file_compression(w->z, (zip_uint64_t)idx,
                             compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    return ERR_OK;
}

static void zipw_free(struct zipw *w)
{
    free(w->path);
    free(w->tmp);
    free(w);
}

enum err_code zipw_close(struct zipw *w, struct err *e)
{
    enum err_code rc = ERR_OK;

    if (zip_close(w->z) != 0) {
        if (w->cb_err.code)
            rc = err_set(e, w->cb_err.code, "%s", w->cb_err.msg);
        else
            rc = err_set(e, ERR_IO, "cannot write '%s': %s", w->path,
                         zip_strerror(w->z));
        zip_discard(w->z);
        unlink(w->tmp);
    } else if (rename(w->tmp, w->path) != 0) {
        rc = err_set(e, ERR_IO, "cannot write '%s': %s", w->path,
                     strerror(errno));
        unlink(w->tmp);
    }
    zipw_free(w);
    return rc;
}

void zipw_discard(struct zipw *w)
{
    if (!w)
        return;
    zip_discard(w->z);
    unlink(w->tmp);
    zipw_free(w);
}
