/*
 * The hypervisor's memory and string functions (see lib/string.h).
 *
 * GCC may emit calls to memcpy(), memmove() and memset() on its own, also
 * under -ffreestanding, and it may turn a copy or fill loop into such a
 * call.  Inside those very functions that would recurse forever, so the
 * C loops here are compiled without that transformation.  On the real
 * target memcpy() and memset() use "rep movsb" / "rep stosb", which rely
 * on the direction flag being clear, as the ABI guarantees.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/string.h"

#define NO_LIBCALL_LOOPS \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))

#if defined(__x86_64__) && !defined(HOST_BUILD)

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb"
			 : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

#else

NO_LIBCALL_LOOPS void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALL_LOOPS void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

#endif

NO_LIBCALL_LOOPS void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* As integers: comparing unrelated pointers is undefined in C. */
	if ((uintptr_t)d <= (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* The value of digit @c in any base up to 36, or 36 if it is none. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

int parse_ulong(const char *s, const char **end, unsigned long *out)
{
	const char *p = s;
	unsigned int base = 10, d;
	unsigned long value = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;	/* the '0' itself is read as an octal digit */
	}
	if (digit_value(*p) >= base)
		goto fail;
	for (; (d = digit_value(*p)) < base; p++) {
		if (value > (~0UL - d) / base)
			goto fail;
		value = value * base + d;
	}
	*out = value;
	if (end)
		*end = p;
	return 0;
fail:
	if (end)
		*end = s;
	return -1;
}
