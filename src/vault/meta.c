/*
 * meta: libmagic + libexif sniffing over a bounded prefix of a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexif/exif-data.h>
#include <libexif/exif-loader.h>
#include <magic.h>

#include "util/xalloc.h"
#include "vault/meta.h"
#include "util/banned.h"

#define SNIFF_MAGIC_MAX (256 * 1024) /* libmagic looks at the start */
#define SNIFF_EXIF_MAX (8 * 1024 * 1024)

struct vault_sniff {
    unsigned char *head; /* first bytes, for libmagic */
    size_t headlen;
    ExifLoader *loader; /* NULL once it wants no more */
    size_t fed;
};

struct vault_sniff *vault_sniff_new(void)
{
    struct vault_sniff *s = xcalloc(1, sizeof(*s));

    s->head = xmalloc(SNIFF_MAGIC_MAX);
    s->loader = exif_loader_new();
    return s;
}

void vault_sniff_feed(struct vault_sniff *s, const void *buf, size_t n)
{
    if (s->headlen < SNIFF_MAGIC_MAX) {
        size_t k = SNIFF_MAGIC_MAX - s->headlen;

        if (k > n)
            k = n;
        memcpy(s->head + s->headlen, buf, k);
        s->headlen += k;
    }
    if (s->loader && s->fed < SNIFF_EXIF_MAX && n) {
        /* exif_loader_write takes a non-const pointer but does not write. */
        if (!exif_loader_write(s->loader, (unsigned char *)(uintptr_t)buf,
                               (unsigned int)n))
            s->fed = SNIFF_EXIF_MAX;
        else
            s->fed += n;
    }
}

static void entry_text(ExifData *ed, ExifIfd ifd, ExifTag tag, char *out,
                       size_t max)
{
    ExifEntry *en = exif_content_get_entry(ed->ifd[ifd], tag);

    out[0] = '\0';
    if (en)
        exif_entry_get_value(en, out, (unsigned int)max);
    /* Drop trailing spaces some cameras pad with. */
    for (size_t n = strlen(out); n && out[n - 1] == ' '; n--)
        out[n - 1] = '\0';
}

static int gps_coord(ExifData *ed, ExifTag tag, ExifTag reftag, double *out)
{
    ExifEntry *en = exif_content_get_entry(ed->ifd[EXIF_IFD_GPS], tag);
    ExifEntry *ref = exif_content_get_entry(ed->ifd[EXIF_IFD_GPS], reftag);
    ExifByteOrder bo = exif_data_get_byte_order(ed);
    double v = 0, div = 1;

    if (!en || en->format != EXIF_FORMAT_RATIONAL || en->components < 3 ||
        en->size < 24)
        return -1;
    for (int i = 0; i < 3; i++) {
        ExifRational r = exif_get_rational(en->data + 8 * i, bo);

        if (!r.denominator)
            return -1;
        v += (double)r.numerator / r.denominator / div;
        div *= 60;
    }
    if (ref && ref->size >= 1 && (ref->data[0] == 'S' || ref->data[0] == 'W'))
        v = -v;
    *out = v;
    return 0;
}

static void exif_fill(ExifData *ed, struct vault_meta *m)
{
    char make[80], model[80];
    double lat, lon;

    entry_text(ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, m->exif_time,
               sizeof(m->exif_time));
    if (!m->exif_time[0])
        entry_text(ed, EXIF_IFD_0, EXIF_TAG_DATE_TIME, m->exif_time,
                   sizeof(m->exif_time));
    entry_text(ed, EXIF_IFD_0, EXIF_TAG_MAKE, make, sizeof(make));
    entry_text(ed, EXIF_IFD_0, EXIF_TAG_MODEL, model, sizeof(model));
    if (make[0] || model[0])
        snprintf(m->exif_device, sizeof(m->exif_device), "%s%s%s", make,
                 make[0] && model[0] ? " " : "", model);
    if (gps_coord(ed, (ExifTag)EXIF_TAG_GPS_LATITUDE,
                  (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, &lat) == 0 &&
        gps_coord(ed, (ExifTag)EXIF_TAG_GPS_LONGITUDE,
                  (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, &lon) == 0)
        snprintf(m->exif_gps, sizeof(m->exif_gps), "%.6f,%.6f", lat, lon);
}

void vault_sniff_finish(struct vault_sniff *s, struct vault_meta *m)
{
    magic_t mg = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    const char *type = NULL;

    snprintf(m->media_type, sizeof(m->media_type), "%s",
             "application/octet-stream");
    if (mg && magic_load(mg, NULL) == 0)
        type = magic_buffer(mg, s->head, s->headlen);
    if (type)
        snprintf(m->media_type, sizeof(m->media_type), "%s", type);
    if (mg)
        magic_close(mg);
    m->exif_time[0] = m->exif_gps[0] = m->exif_device[0] = '\0';
    if (s->loader && strncmp(m->media_type, "image/", 6) == 0) {
        ExifData *ed = exif_loader_get_data(s->loader);

        if (ed) {
            exif_fill(ed, m);
            exif_data_unref(ed);
        }
    }
}

void vault_sniff_free(struct vault_sniff *s)
{
    if (!s)
        return;
    if (s->loader)
        exif_loader_unref(s->loader);
    free(s->head);
    free(s);
}
