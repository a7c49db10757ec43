/*
 * formats/zipr: zip reading over libzip (zipr.h).
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "formats/zipr.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct zipr {
    zip_t *zip;
};

struct zipr_entry {
    zip_file_t *f;
    char *name;
};

static int open_flags(unsigned flags)
{
    return ZIP_RDONLY | ((flags & ZIPR_CHECKCONS) ? ZIP_CHECKCONS : 0);
}

enum err_code zipr_open_file(const char *path, unsigned flags,
                             struct zipr **out, struct err *e)
{
    int zerr = 0;
    zip_t *zip;

    *out = NULL;
    zip = zip_open(path, open_flags(flags), &zerr);
    if (!zip)
        return err_set(e, ERR_INVALID,
                       "'%s' is not a readable zip archive (libzip error %d)",
                       path, zerr);
    *out = xcalloc(1, sizeof(**out));
    (*out)->zip = zip;
    return ERR_OK;
}

enum err_code zipr_open_mem(const void *data, size_t n, unsigned flags,
                            struct zipr **out, struct err *e)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *zip = NULL;

    *out = NULL;
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, n, 0, &ze);
    if (src) {
        zip = zip_open_from_source(src, open_flags(flags), &ze);
        if (!zip)
            zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (!zip)
        return err_set(e, ERR_INVALID, "not a readable zip archive");
    *out = xcalloc(1, sizeof(**out));
    (*out)->zip = zip;
    return ERR_OK;
}

void zipr_close(struct zipr *z)
{
    if (!z)
        return;
    zip_discard(z->zip);
    free(z);
}

size_t zipr_count(const struct zipr *z)
{
    zip_int64_t n = zip_get_num_entries(z->zip, 0);

    return n > 0 ? (size_t)n : 0;
}

const char *zipr_name(struct zipr *z, size_t i)
{
    return zip_get_name(z->zip, (zip_uint64_t)i, 0);
}

bool zipr_locate(struct zipr *z, const char *name, size_t *idx)
{
    zip_int64_t i = zip_name_locate(z->zip, name, 0);

    if (i < 0)
        return false;
    if (idx)
        *idx = (size_t)i;
    return true;
}

enum err_code zipr_size(struct zipr *z, const char *name, uint64_t *size,
                        struct err *e)
{
    zip_stat_t st;

    *size = 0;
    zip_stat_init(&st);
    if (zip_stat(z->zip, name, 0, &st) != 0)
        return err_set(e, ERR_NOTFOUND, "no entry '%s'", name);
    if (!(st.valid & ZIP_STAT_SIZE))
        return err_set(e, ERR_INVALID, "entry '%s' has no size", name);
    *size = st.size;
    return ERR_OK;
}

enum err_code zipr_read(struct zipr *z, const char *name, size_t max,
                        struct strbuf *out, struct err *e)
{
    struct zipr_entry *f;
    char buf[65536];
    size_t got, total = 0;
    enum err_code rc;

    rc = zipr_entry_open(z, name, &f, e);
    while (!rc && !(rc = zipr_entry_read(f, buf, sizeof(buf), &got, e)) &&
           got > 0) {
        total += got;
        if (total > max || strbuf_add(out, buf, got))
            rc = err_set(e, ERR_TOOBIG, "entry '%s' is larger than %zu bytes",
                         name, total > max ? max : out->max);
    }
    zipr_entry_close(f);
    return rc;
}

enum err_code zipr_entry_open(struct zipr *z, const char *name,
                              struct zipr_entry **out, struct err *e)
{
    zip_file_t *f = zip_fopen(z->zip, name, 0);

    *out = NULL;
    if (!f)
        return err_set(e, ERR_NOTFOUND, "no entry '%s'", name);
    *out = xcalloc(1, sizeof(**out));
    (*out)->f = f;
    (*out)->name = xstrdup(name);
    return ERR_OK;
}

enum err_code zipr_entry_read(struct zipr_entry *f, void *buf, size_t n,
                              size_t *got, struct err *e)
{
    zip_int64_t r = zip_fread(f->f, buf, (zip_uint64_t)n);

    *got = 0;
    if (r < 0)
        return err_set(e, ERR_INVALID, "cannot read entry '%s'", f->name);
    *got = (size_t)r;
    return ERR_OK;
}

void zipr_entry_close(struct zipr_entry *f)
{
    if (!f)
        return;
    zip_fclose(f->f);
    free(f->name);
    free(f);
}
