/*
 * arena: a bump allocator for short-lived work (one per import batch,
 * report run or match batch), released in one call. Never keep an arena
 * pointer in a long-lived object. Aborts on OOM like xmalloc.
 */
#ifndef UTIL_ARENA_H
#define UTIL_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t block_size; /* default block size in bytes */
    size_t used;       /* total bytes handed out (for stats) */
};

#define ARENA_INIT                                                             \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

/* Sets up an empty arena; block_size 0 means 64 KiB. */
void arena_init(struct arena *a, size_t block_size);
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

/* Memory owned by the arena, 16-byte aligned, valid until release. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif
