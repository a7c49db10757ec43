/*
 * user: the acting user's name (see user.h).
 */
#include <stdlib.h>

#include "util/user.h"
#include "util/banned.h"

const char *user_current(void)
{
    static const char *const vars[] = {"DOSSIER_USER", "DOSSIER_AUTHOR",
                                       "USER"};

    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *a = getenv(vars[i]);

        if (a && *a)
            return a;
    }
    return "unknown";
}

const char *user_or_current(const char *author)
{
    return author && *author ? author : user_current();
}
