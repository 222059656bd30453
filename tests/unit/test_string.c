/*
 * Unit tests for hypervisor/common/lib/string.c.  The functions are built
 * under hv_* names (see string_rename.h), so the host's are not in the way.
 */
#include <stdint.h>

#include "harness.h"
#include "lib/string.h"

TEST(string_memcpy)
{
	unsigned char src[64], dst[64];

	for (unsigned int i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (size_t n = 0; n <= 40; n++) {
		hv_memset(dst, 0xee, sizeof(dst));
		CHECK(hv_memcpy(dst + 3, src + 5, n) == dst + 3);
		CHECK_EQ(dst[2], 0xee);
		CHECK_EQ(dst[3 + n], 0xee);
		for (size_t i = 0; i < n; i++)
			CHECK_EQ(dst[3 + i], src[5 + i]);
	}
}

TEST(string_memset)
{
	unsigned char buf[40];

	for (size_t n = 0; n <= 32; n++) {
		for (unsigned int i = 0; i < sizeof(buf); i++)
			buf[i] = 1;
		CHECK(hv_memset(buf + 2, 0x1ab, n) == buf + 2);
		CHECK_EQ(buf[1], 1);
		CHECK_EQ(buf[2 + n], 1);
		for (size_t i = 0; i < n; i++)
			CHECK_EQ(buf[2 + i], 0xab);	/* c is cut to a byte */
	}
}

/* memmove() over every overlap of a 16-byte window inside a 32-byte buffer. */
TEST(string_memmove_overlap)
{
	unsigned char buf[32], want[32];

	for (int from = 0; from <= 16; from++) {
		for (int to = 0; to <= 16; to++) {
			for (int i = 0; i < 32; i++)
				buf[i] = want[i] = (unsigned char)i;
			for (int i = 0; i < 16; i++)
				want[to + i] = (unsigned char)(from + i);
			CHECK(hv_memmove(buf + to, buf + from, 16) == buf + to);
			CHECK(hv_memcmp(buf, want, sizeof(buf)) == 0);
		}
	}
}

TEST(string_memcmp)
{
	unsigned char a[] = { 1, 2, 3, 0x80 }, b[] = { 1, 2, 3, 0x7f };

	CHECK_EQ(hv_memcmp(a, b, 0), 0);
	CHECK_EQ(hv_memcmp(a, b, 3), 0);
	CHECK(hv_memcmp(a, b, 4) > 0);	/* bytes compare as unsigned */
	CHECK(hv_memcmp(b, a, 4) < 0);
	CHECK_EQ(hv_memcmp(a, a, 4), 0);
}

TEST(string_strlen)
{
	char unterminated[4] = { 'a', 'b', 'c', 'd' };

	CHECK_EQ(hv_strlen(""), 0);
	CHECK_EQ(hv_strlen("a"), 1);
	CHECK_EQ(hv_strlen("hello\0world"), 5);
	CHECK_EQ(hv_strnlen("hello", 0), 0);
	CHECK_EQ(hv_strnlen("hello", 3), 3);
	CHECK_EQ(hv_strnlen("hello", 5), 5);
	CHECK_EQ(hv_strnlen("hello", 100), 5);
	/* ASan catches a read past the array. */
	CHECK_EQ(hv_strnlen(unterminated, sizeof(unterminated)), 4);
}

TEST(string_strcmp)
{
	CHECK_EQ(hv_strcmp("", ""), 0);
	CHECK_EQ(hv_strcmp("abc", "abc"), 0);
	CHECK(hv_strcmp("abc", "abd") < 0);
	CHECK(hv_strcmp("abd", "abc") > 0);
	CHECK(hv_strcmp("ab", "abc") < 0);
	CHECK(hv_strcmp("abc", "ab") > 0);
	CHECK(hv_strcmp("\x80", "\x7f") > 0);	/* chars compare as unsigned */
	CHECK(hv_strcmp("", "a") < 0);
}

TEST(string_strncmp)
{
	CHECK_EQ(hv_strncmp("abc", "abd", 0), 0);
	CHECK_EQ(hv_strncmp("abc", "abd", 2), 0);
	CHECK(hv_strncmp("abc", "abd", 3) < 0);
	CHECK_EQ(hv_strncmp("abc", "abc", 100), 0);	/* stops at the NUL */
	CHECK(hv_strncmp("ab", "abc", 3) < 0);
	CHECK(hv_strncmp("abc", "ab", 3) > 0);
	CHECK(hv_strncmp("\xff", "a", 1) > 0);
	CHECK_EQ(hv_strncmp("loglvl=all", "loglvl=", 7), 0);
}

TEST(string_strchr)
{
	const char *s = "console=com1,115200";

	CHECK(hv_strchr(s, '=') == s + 7);
	CHECK(hv_strchr(s, 'c') == s);
	CHECK(hv_strchr(s, '0') == s + 17);
	CHECK(hv_strchr(s, 'z') == NULL);
	CHECK(hv_strchr(s, '\0') == s + 19);	/* finds the terminator */
	CHECK(hv_strchr("a\xe9", 0xe9) != NULL);	/* c becomes a char */
	CHECK(hv_strchr("", 'a') == NULL);
}

TEST(string_strlcpy)
{
	char buf[8];

	CHECK_EQ(hv_strlcpy(buf, "abc", sizeof(buf)), 3);
	CHECK(hv_strcmp(buf, "abc") == 0);
	CHECK_EQ(hv_strlcpy(buf, "abcdefg", sizeof(buf)), 7);
	CHECK(hv_strcmp(buf, "abcdefg") == 0);
	CHECK_EQ(hv_strlcpy(buf, "abcdefgh", sizeof(buf)), 8);
	CHECK(hv_strcmp(buf, "abcdefg") == 0);
	CHECK_EQ(hv_strlcpy(buf, "a much longer string", sizeof(buf)), 20);
	CHECK(hv_strcmp(buf, "a much ") == 0);
	CHECK_EQ(hv_strlcpy(buf, "", sizeof(buf)), 0);
	CHECK_EQ(buf[0], '\0');

	buf[0] = 'x';
	CHECK_EQ(hv_strlcpy(buf, "abc", 1), 3);
	CHECK_EQ(buf[0], '\0');
	buf[0] = 'x';
	CHECK_EQ(hv_strlcpy(buf, "abc", 0), 3);	/* writes nothing */
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(hv_strlcpy(NULL, "abc", 0), 3);
}

/* Parses @s, expecting success with @value and @rest left over. */
static int parses_to(const char *s, unsigned long value, const char *rest)
{
	const char *end = NULL;
	unsigned long out = 12345;

	if (hv_parse_ulong(s, &end, &out) != 0) {
		printf("  parse_ulong(\"%s\") failed\n", s);
		return 0;
	}
	if (out != value || hv_strcmp(end, rest) != 0) {
		printf("  parse_ulong(\"%s\") = %lu, rest \"%s\"\n", s, out,
		       end);
		return 0;
	}
	return 1;
}

/* Expects @s to be refused, with nothing stored and *end left at @s. */
static int refused(const char *s)
{
	const char *end = NULL;
	unsigned long out = 12345;

	return hv_parse_ulong(s, &end, &out) == -1 && out == 12345 && end == s;
}

TEST(string_parse_ulong)
{
	unsigned long v = 0;

	CHECK(parses_to("0", 0, ""));
	CHECK(parses_to("7", 7, ""));
	CHECK(parses_to("115200", 115200, ""));
	CHECK(parses_to("123abc", 123, "abc"));
	CHECK(parses_to("0x10", 16, ""));
	CHECK(parses_to("0XfF,", 255, ","));
	CHECK(parses_to("0xffff82d040000000", 0xffff82d040000000UL, ""));
	CHECK(parses_to("010", 8, ""));
	CHECK(parses_to("0777", 511, ""));
	CHECK(parses_to("08", 0, "8"));	/* '8' is no octal digit */
	CHECK(parses_to("0M", 0, "M"));
	CHECK(parses_to("64M", 64, "M"));
	CHECK(parses_to("18446744073709551615", 18446744073709551615UL, ""));
	CHECK(parses_to("0xffffffffffffffff", ~0UL, ""));
	CHECK(parses_to("01777777777777777777777", ~0UL, ""));
	CHECK(parses_to("0x00000000000000000001", 1, ""));

	CHECK(refused(""));
	CHECK(refused("x"));
	CHECK(refused("0x"));
	CHECK(refused("0xg"));
	CHECK(refused("-1"));
	CHECK(refused("+1"));
	CHECK(refused(" 1"));
	CHECK(refused("18446744073709551616"));
	CHECK(refused("99999999999999999999999"));
	CHECK(refused("0x10000000000000000"));
	CHECK(refused("02000000000000000000000"));

	CHECK_EQ(hv_parse_ulong("42", NULL, &v), 0);	/* @end may be NULL */
	CHECK_EQ(v, 42);
	CHECK_EQ(hv_parse_ulong("", NULL, &v), -1);
}
