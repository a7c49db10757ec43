/*
 * translit: the only file of dossier that uses ICU. Turns runs of other
 * scripts (Cyrillic, Greek, Arabic, Hebrew, Hangul, kana, Thai ...) into
 * Latin ASCII with the ICU transform "Any-Latin; Latin-ASCII". Han is never
 * passed here: names/ reads Han through its own Cantonese and Mandarin
 * tables, where ICU would give Mandarin only.
 */
#include <pthread.h>
#include <string.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "names/names_int.h"
#include "util/banned.h"

#define TRANSLIT_MAX_UCHARS 2048

static pthread_mutex_t translit_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *translit;
static bool translit_failed;

enum err_code names_translit(const char *s, size_t len, struct strbuf *out,
                             struct err *e)
{
    UChar buf[TRANSLIT_MAX_UCHARS];
    char utf8[TRANSLIT_MAX_UCHARS * 3];
    UErrorCode status = U_ZERO_ERROR;
    int32_t ulen = 0, limit, olen = 0;
    static const char id[] = "Any-Latin; Latin-ASCII";
    UChar uid[sizeof(id)];

    if (len > TRANSLIT_MAX_UCHARS / 4)
        return err_set(e, ERR_TOOBIG, "name run too long to transliterate");
    u_strFromUTF8(buf, TRANSLIT_MAX_UCHARS, &ulen, s, (int32_t)len, &status);
    if (U_FAILURE(status))
        return err_set(e, ERR_INVALID,
                       "cannot decode name for transliteration");

    pthread_mutex_lock(&translit_lock);
    if (!translit && !translit_failed) {
        u_uastrcpy(uid, id);
        translit =
            utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
        if (U_FAILURE(status)) {
            translit = NULL;
            translit_failed = true;
        }
    }
    if (!translit) {
        pthread_mutex_unlock(&translit_lock);
        return err_set(e, ERR_INVALID, "icu transliterator unavailable");
    }
    limit = ulen;
    utrans_transUChars(translit, buf, &ulen, TRANSLIT_MAX_UCHARS, 0, &limit,
                       &status);
    pthread_mutex_unlock(&translit_lock);
    if (U_FAILURE(status))
        return err_set(e, ERR_INVALID, "cannot transliterate name");
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8, (int32_t)sizeof(utf8), &olen, buf, ulen, &status);
    if (U_FAILURE(status))
        return err_set(e, ERR_INVALID, "cannot encode transliterated name");
    return strbuf_add(out, utf8, (size_t)olen);
}
