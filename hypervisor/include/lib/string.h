/*
 * Memory and string helpers for the hypervisor, with the C library's
 * semantics (strlcpy() follows BSD), plus parse_ulong() for boot options.
 * The host unit tests build these under hv_* names (tests/unit/
 * string_rename.h) so that they do not clash with the host's C library.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

#include "compiler.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/*
 * Copies at most size - 1 bytes of @src into @dst and NUL-terminates it
 * when size > 0.  Returns strlen(src): a result >= size means truncation.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * Parses an unsigned number at @s: decimal, hexadecimal after "0x" or "0X",
 * or octal after a leading "0".  No sign or leading space is accepted.  On
 * success stores the value in *out, points *end (if @end is not NULL) just
 * past the last digit and returns 0; the caller checks what follows.
 * Returns -1 when there is no digit (also for a bare "0x") or the value
 * does not fit in an unsigned long; then *out is untouched and *end = s.
 */
int parse_ulong(const char *s, const char **end, unsigned long *out);

#endif
