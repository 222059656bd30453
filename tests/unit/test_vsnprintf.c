/*
 * Unit tests for hypervisor/common/lib/vsnprintf.c.  Ours is hv_snprintf()
 * (see string_rename.h); every format it shares with the C library is
 * checked against the host's snprintf(), at several buffer sizes, for both
 * the bytes written (and those left alone) and the return value.  The
 * places where we differ on purpose are checked against fixed strings.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "lib/vsnprintf.h"

/* From here on, snprintf() and vsnprintf() are the host's reference. */
#undef snprintf
#undef vsnprintf
#undef strcmp
#undef strlen
#undef memcmp
#undef memset
#undef strchr

#define BUF_SIZE 512

/* Formats with both into @size-byte buffers and compares the results. */
static bool same_at_size(size_t size, const char *fmt, va_list ap)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	int want_len, got_len, shown;
	va_list ap2;

	memset(want, 0x5a, sizeof(want));
	memset(got, 0x5a, sizeof(got));
	va_copy(ap2, ap);
	want_len = vsnprintf(want, size, fmt, ap2);
	va_end(ap2);
	va_copy(ap2, ap);
	got_len = hv_vsnprintf(got, size, fmt, ap2);
	va_end(ap2);
	if (got_len == want_len && memcmp(got, want, sizeof(got)) == 0)
		return true;
	shown = (int)MIN(size, sizeof(got));
	printf("  format \"%s\", size %zu: got %d \"%.*s\", want %d \"%.*s\"\n",
	       fmt, size, got_len, shown, got, want_len, shown, want);
	return false;
}

/* Checks that hv_vsnprintf() matches the host for @fmt at many sizes. */
static bool same_as_host(const char *fmt, ...) __printf(1, 2);
static bool same_as_host(const char *fmt, ...)
{
	size_t sizes[] = { BUF_SIZE, 0, 1, 2, 3, 0, 0, 0 };
	bool ok = true;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || len >= BUF_SIZE) {
		printf("  format \"%s\" is too long for the test\n", fmt);
		return false;
	}
	/* Cut just before, at and after the end. */
	sizes[5] = len;
	sizes[6] = len + 1;
	sizes[7] = len + 2;
	for (size_t i = 0; i < ARRAY_SIZE(sizes) && ok; i++) {
		va_start(ap, fmt);
		ok = same_at_size(sizes[i], fmt, ap);
		va_end(ap);
	}
	return ok;
}

/* Formats with ours into a static buffer; no format checks, on purpose. */
static const char *ours(const char *fmt, ...)
{
	static char buf[BUF_SIZE];
	va_list ap;

	va_start(ap, fmt);
	hv_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

/*
 * Integer patterns with exactly one conversion; the tests run each with
 * every length modifier, inserted before the conversion character.
 */
static const char *const int_patterns[] = {
	"%d", "%i", "%u", "%x", "%X", "%o",
	"%1d", "%5d", "%-5d", "%05d", "%+d", "% d", "%+5d", "%-+5d", "%+05d",
	"% 05d", "%- 6d", "%+ d", "%-05d", "%.0d", "%.1d", "%.3d", "%8.3d",
	"%-8.3d", "%08.3d", "%+.3d", "% .5d", "%+08d", "%30d", "%-30i|",
	"%030d", "%.25d", "%5.0d", "%+.0d", "% .0d", "%+u", "% u", "%05u",
	"%10.5u", "%.0u", "%#x", "%#X", "%.0x", "%#.0x", "%#10x", "%#010x",
	"%-#10X", "%08X", "%.12x", "%#.12x", "%#-20.15x", "%#o", "%#.0o",
	"%#5.3o", "%#08o", "%#.1o", "%#.30o", "%-12o", "%#-12o", "%012o",
	"[%3d]", "x=%d;", "%%%d%%",
};

static const char *const lengths[] = {
	"", "hh", "h", "l", "ll", "z", "t", "j",
};

static const long long int_values[] = {
	0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 99, 100, 127, 128, -128, -129,
	255, 256, 1000, 4096, 32767, -32768, 65535, 65536, 123456789,
	-987654321, INT_MAX, INT_MIN, UINT_MAX, (long long)UINT_MAX + 1,
	LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, (long long)ULLONG_MAX,
	0x123456789abcdef0LL, -0x0fedcba987654321LL, 1000000000000LL,
};

/* @pattern with @length inserted before its conversion character. */
static void with_length(char *out, size_t size, const char *pattern,
			const char *length)
{
	const char *conv = strpbrk(pattern + 1, "diuxXo");

	snprintf(out, size, "%.*s%s%s", (int)(conv - pattern), pattern, length,
		 conv);
}

/* Passes @v as the type the length modifier asks for. */
static bool same_int(const char *fmt, const char *length, long long v)
{
	if (strcmp(length, "l") == 0)
		return same_as_host(fmt, (long)v);
	if (strcmp(length, "ll") == 0)
		return same_as_host(fmt, v);
	if (strcmp(length, "z") == 0)
		return same_as_host(fmt, (size_t)v);
	if (strcmp(length, "t") == 0)
		return same_as_host(fmt, (ptrdiff_t)v);
	if (strcmp(length, "j") == 0)
		return same_as_host(fmt, (intmax_t)v);
	return same_as_host(fmt, (int)v);	/* also for "h" and "hh" */
}

TEST(vsnprintf_integers_match_libc)
{
	char fmt[64];

	for (size_t p = 0; p < ARRAY_SIZE(int_patterns); p++) {
		for (size_t l = 0; l < ARRAY_SIZE(lengths); l++) {
			const char *len = lengths[l];

			with_length(fmt, sizeof(fmt), int_patterns[p], len);
			for (size_t v = 0; v < ARRAY_SIZE(int_values); v++)
				CHECK(same_int(fmt, len, int_values[v]));
		}
	}
}

static const int star_args[] = { -20, -5, -1, 0, 1, 3, 5, 12 };

/* Runs @fmt: one or two '*', then an int or a string conversion. */
static bool same_star(const char *fmt, int a, int b, int v)
{
	bool two = strstr(fmt, "*.*") != NULL;

	if (strchr(fmt, 's'))
		return two ? same_as_host(fmt, a, b, "hello") :
			     same_as_host(fmt, a, "hello");
	return two ? same_as_host(fmt, a, b, v) : same_as_host(fmt, a, v);
}

TEST(vsnprintf_star_match_libc)
{
	static const char *const fmts[] = {
		"%*d", "%-*d", "%0*d", "%*x", "%#*o", "%*s", "%-*s", "%.*d",
		"%.*s", "%*.*d", "%-*.*d", "%0*.*x", "%#*.*o", "%*.*s",
		"%-*.*u",
	};
	static const int values[] = { 0, 5, -5, 12345, INT_MIN };

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (size_t a = 0; a < ARRAY_SIZE(star_args); a++) {
			for (size_t b = 0; b < ARRAY_SIZE(star_args); b++) {
				for (size_t v = 0; v < ARRAY_SIZE(values); v++)
					CHECK(same_star(fmts[f], star_args[a],
							star_args[b],
							values[v]));
			}
		}
	}
}

TEST(vsnprintf_strings_match_libc)
{
	static const char *const fmts[] = {
		"%s", "%10s", "%-10s", "%.0s", "%.3s", "%10.3s", "%-10.3s",
		"%.10s", "%1s", "[%s]", "%-1.1s|", "%30.20s", "%.100s",
	};
	static const char *const strs[] = {
		"", "a", "hello", "hello, world", "tab\there",
		"a rather long string that is longer than any width used here",
	};

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (size_t s = 0; s < ARRAY_SIZE(strs); s++)
			CHECK(same_as_host(fmts[f], strs[s]));
	}
}

TEST(vsnprintf_chars_match_libc)
{
	static const char *const fmts[] = {
		"%c", "%3c", "%-3c", "[%c]", "%c%c",
	};
	static const int values[] = { 'a', ' ', '%', 0, 255, -1, 0x141 };

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (size_t v = 0; v < ARRAY_SIZE(values); v++)
			CHECK(same_as_host(fmts[f], values[v], 'z'));
	}
}

TEST(vsnprintf_pointers_match_libc)
{
	static const char *const fmts[] = {
		"%p", "%20p", "%-20p|", "%1p", "%.20p", "%025p", "[%p]",
	};
	int local;
	void *ptrs[] = {
		&local, (void *)1, (void *)0xabcdef, (void *)0xffff82d040000000,
		(void *)UINTPTR_MAX,
	};

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (size_t p = 0; p < ARRAY_SIZE(ptrs); p++)
			CHECK(same_as_host(fmts[f], ptrs[p]));
	}
}

TEST(vsnprintf_mixed_match_libc)
{
	CHECK(same_as_host("plain text, no conversions"));
	CHECK(same_as_host("%%"));
	CHECK(same_as_host("100%% sure"));
	CHECK(same_as_host("%d %s %x %c %%", -7, "str", 0xbeefu, 'q'));
	CHECK(same_as_host("[%-8s|%8s|%8.3lx]", "left", "right", 0x1fUL));
	CHECK(same_as_host("dom%u vcpu%u: rip %#018llx rsp %016llx",
			   3u, 1u, 0xffffffff81000000ULL, 0x7fffULL));
	CHECK(same_as_host("%hhd %hd %d %ld %lld", (signed char)-1,
			   (short)-2, -3, -4L, -5LL));
	CHECK(same_as_host("%zu %zd %zx %tx %td %ju %jd", (size_t)-1,
			   (size_t)42, sizeof(long), (ptrdiff_t)-1,
			   (ptrdiff_t)PTRDIFF_MIN, UINTMAX_MAX, INTMAX_MIN));
	CHECK(same_as_host("%-#8x|%- 8d|%-8o|", 0x1au, 12, 8u));
}

TEST(vsnprintf_truncation_and_return)
{
	char buf[8];

	CHECK_EQ(hv_snprintf(NULL, 0, "hello %d", 12345), 11);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(hv_snprintf(buf, 0, "abc"), 3);
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(hv_snprintf(buf, 1, "abc"), 3);
	CHECK_EQ(buf[0], '\0');
	CHECK_EQ(buf[1], 'x');
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%s", "abcdefghij"), 10);
	CHECK(strcmp(buf, "abcdefg") == 0);
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%5d", 12), 5);
	CHECK(strcmp(buf, "   12") == 0);
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%c", 0), 1);
	CHECK_EQ(buf[0], '\0');
	CHECK_EQ(buf[1], '\0');
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%20s", ""), 20);
	CHECK(strcmp(buf, "       ") == 0);
}

/* The places where we differ from glibc on purpose. */
TEST(vsnprintf_null_pointer_and_string)
{
	CHECK(strcmp(ours("%p", NULL), "0x0") == 0);
	CHECK(strcmp(ours("%5p|%-5p|", NULL, NULL), "  0x0|0x0  |") == 0);
	CHECK(strcmp(ours("%s", NULL), "(null)") == 0);
	CHECK(strcmp(ours("%8s|%-8s|", NULL, NULL), "  (null)|(null)  |") == 0);
	CHECK(strcmp(ours("%.3s", NULL), "(nu") == 0);
}

TEST(vsnprintf_unknown_conversions)
{
	CHECK(strcmp(ours("%q"), "%q") == 0);
	CHECK(strcmp(ours("a%qb"), "a%qb") == 0);
	CHECK(strcmp(ours("%-5.2lq"), "%-5.2lq") == 0);
	CHECK(strcmp(ours("%f|%d", 7), "%f|7") == 0);	/* no argument taken */
	CHECK(strcmp(ours("%n%d", 5), "%n5") == 0);	/* %n never writes */
	CHECK(strcmp(ours("end%"), "end%") == 0);
	CHECK(strcmp(ours("end%-5"), "end%-5") == 0);
	CHECK_EQ(hv_snprintf(NULL, 0, "%s", "abc"), 3);
}

/* A precision bounds the read of a string, which needs no terminator. */
TEST(vsnprintf_precision_bounds_read)
{
	char unterminated[3] = { 'a', 'b', 'c' };
	char buf[16];

	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%.3s|", unterminated), 4);
	CHECK(strcmp(buf, "abc|") == 0);
	CHECK_EQ(hv_snprintf(buf, sizeof(buf), "%.*s|", 2, unterminated), 3);
	CHECK(strcmp(buf, "ab|") == 0);
}
