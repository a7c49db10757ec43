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
};

enum err_code zipw_open(const char *path, struct zipw **out, struct err *e)
{
    struct zipw *w = xcalloc(1, sizeof(*w));
    struct strbuf tmp = STRBUF_INIT;
    int zerr = 0;

    *out = NULL;
    strbuf_addf(&tmp, "%s.tmp", path);
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
