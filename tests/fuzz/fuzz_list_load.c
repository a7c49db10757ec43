/*
 * libFuzzer target: format detection and every file importer (EU, UK
 * CSV/XML, Canada, OpenSanctions FtM and deltas, ...) through list_load,
 * on a memory file. The first byte picks nothing: detection decides.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "screen/list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct list l;
    struct err e = ERR_INIT;
    char path[64];
    int fd = memfd_create("fuzz-list", 0);

    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    list_init(&l);
    (void)list_load(path, &l, &e);
    list_release(&l);
    close(fd);
    return 0;
}
