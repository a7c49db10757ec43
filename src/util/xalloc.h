/*
 * xalloc: allocation that aborts with a message on out-of-memory (the OOM
 * policy of c-style.md). Memory sized by untrusted input must be capped by
 * the caller first (see strbuf's max).
 */
#ifndef UTIL_XALLOC_H
#define UTIL_XALLOC_H

#include <stddef.h>

/* All return owned memory (free with free()); never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size); /* checks count*size overflow */
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *arr (of *alloc elements of size sz) to hold at least n elements. */
#define ALLOC_GROW(arr, n, alloc)                                              \
    do {                                                                       \
        if ((n) > (alloc)) {                                                   \
            size_t alloc_grow_new_ = (alloc) < 8 ? 8 : (alloc)*2;              \
            if (alloc_grow_new_ < (n))                                         \
                alloc_grow_new_ = (n);                                         \
            (arr) = xreallocarray((arr), alloc_grow_new_, sizeof(*(arr)));     \
            (alloc) = alloc_grow_new_;                                         \
        }                                                                      \
    } while (0)

#endif
