/*
 * libFuzzer target: date parsing with precision (util/date), which reads
 * dates from every list, registry and FtM file. A parsed date must format
 * and parse back to the same range.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf sb = STRBUF_INIT;
    struct date_range r, back;
    char text[DATE_FMT_MAX];

    if (size > 256)
        return 0;
    strbuf_add(&sb, data, size);
    if (date_parse(sb.buf, &r, NULL) == ERR_OK) {
        date_format(&r, text);
        if (date_parse(text, &back, NULL) != ERR_OK ||
            date_first_day(&r) != date_first_day(&back) ||
            date_last_day(&r) != date_last_day(&back))
            __builtin_trap();
    }
    strbuf_release(&sb);
    return 0;
}
