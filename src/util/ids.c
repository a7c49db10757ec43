/*
 * ids: random and derived entity identifiers.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "util/ids.h"
#include "util/banned.h"

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

static void encode(const unsigned char *bytes, char *out, size_t nchars)
{
    /* 5 bits per character from a little bit-stream over bytes. */
    for (size_t i = 0; i < nchars; i++) {
        size_t bit = i * 5, byte = bit / 8, shift = bit % 8;
        unsigned v = bytes[byte] | ((unsigned)bytes[byte + 1] << 8);
        out[i] = b32[(v >> shift) & 31];
    }
    out[nchars] = '\0';
}

enum err_code ids_new(char out[ID_RANDOM_LEN + 1], struct err *e)
{
    unsigned char bytes[16];
    size_t got = 0;

    while (got < sizeof(bytes)) {
        ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
        if (n < 0)
            return err_set(e, ERR_IO, "cannot read random bytes for an id");
        got += (size_t)n;
    }
    encode(bytes, out, ID_RANDOM_LEN);
    return ERR_OK;
}

/* Two 64-bit FNV-1a style lanes with different seeds, then a mixer. */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

void ids_derive(const char *ns, const char *key, char out[ID_MAX_LEN + 1])
{
    uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    unsigned char bytes[17];
    size_t nslen;

    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h1 = (h1 ^ *p) * 0x100000001b3ULL;
        h2 = (h2 ^ *p) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
    h1 = mix64(h1);
    h2 = mix64(h2 ^ h1);
    for (int i = 0; i < 8; i++) {
        bytes[i] = (unsigned char)(h1 >> (8 * i));
        bytes[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
    bytes[16] = 0;
    nslen = strnlen(ns, ID_MAX_LEN - ID_RANDOM_LEN - 1);
    memcpy(out, ns, nslen);
    out[nslen] = '-';
    encode(bytes, out + nslen + 1, ID_RANDOM_LEN);
}

bool ids_is_valid(const char *s)
{
    size_t n = 0;

    for (; s[n]; n++) {
        char c = s[n];
        if (n >= ID_MAX_LEN)
            return false;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' ||
              c == '-'))
            return false;
    }
    return n > 0;
}
