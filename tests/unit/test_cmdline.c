/*
 * Tests for boot command-line parsing (hypervisor/common/cmdline.c).
 *
 * The options live in an explicit struct boot_param table here rather than
 * in the .boot_params section, so every test knows exactly which options
 * exist.  Warnings go through printk to the host console capture, where
 * the tests look for them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "harness.h"
#include "host_shim.h"
#include "printk.h"

static bool flag, dash_flag, under_flag;
static uint64_t num, mem;
static char str[16];
static char custom_value[512];
static int custom_calls, custom_rc;

static int custom_parse(const char *value)
{
	custom_calls++;
	strlcpy(custom_value, value, sizeof(custom_value));
	return custom_rc;
}

static const struct boot_param params[] = {
	{ "flag", PARAM_BOOL, &flag, 0, NULL },
	{ "dash-flag", PARAM_BOOL, &dash_flag, 0, NULL },
	{ "under_flag", PARAM_BOOL, &under_flag, 0, NULL },
	{ "num", PARAM_UINT, &num, 0, NULL },
	{ "mem", PARAM_SIZE, &mem, 0, NULL },
	{ "str", PARAM_STRING, str, sizeof(str), NULL },
	{ "custom", PARAM_CUSTOM, NULL, 0, custom_parse },
};

#define NUM_UNSET 0x5a5a5a5aull
#define MEM_UNSET 0xa5a5a5a5ull

static void reset_vars(void)
{
	flag = dash_flag = under_flag = false;
	num = NUM_UNSET;
	mem = MEM_UNSET;
	strlcpy(str, "unset", sizeof(str));
	custom_value[0] = '\0';
	custom_calls = 0;
	custom_rc = 0;
}

/* Parses @cmdline with fresh variables and an empty console capture. */
static int parse(const char *cmdline)
{
	reset_vars();
	console_capture_reset();
	return cmdline_parse(cmdline, params, ARRAY_SIZE(params));
}

/* Parses without resetting the variables (to see what an option leaves). */
static int parse_more(const char *cmdline)
{
	console_capture_reset();
	return cmdline_parse(cmdline, params, ARRAY_SIZE(params));
}

static bool logged(const char *text)
{
	return strstr(console_captured(), text) != NULL;
}

/* A heap string: @prefix followed by @n copies of @c. */
static char *repeat(const char *prefix, size_t n, char c)
{
	size_t len = strlen(prefix);
	char *s = malloc(len + n + 1);

	memcpy(s, prefix, len);
	memset(s + len, c, n);
	s[len + n] = '\0';
	return s;
}

TEST(cmdline_bool_forms)
{
	static const char *const on[] = { "flag", "flag=1", "flag=yes", "flag=on",
					  "flag=true" };
	static const char *const off[] = { "flag=0", "flag=no", "flag=off",
					   "flag=false" };

	for (size_t i = 0; i < ARRAY_SIZE(on); i++) {
		CHECK_EQ(parse(on[i]), 0);
		CHECK_EQ(flag, true);
	}
	for (size_t i = 0; i < ARRAY_SIZE(off); i++) {
		CHECK_EQ(parse("flag"), 0);
		CHECK_EQ(parse_more(off[i]), 0);
		CHECK_EQ(flag, false);
	}
	CHECK_EQ(parse("flag no-flag"), 0);
	CHECK_EQ(flag, false);
	CHECK_EQ(parse("flag no_flag"), 0);
	CHECK_EQ(flag, false);
	CHECK_EQ(console_captured()[0], '\0');
}

TEST(cmdline_bool_bad_values)
{
	static const char *const bad[] = { "flag=maybe", "flag=", "flag=YES", "flag=2",
					   "flag=onn", "flag= " };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_EQ(parse("flag"), 0);
		CHECK_EQ(parse_more(bad[i]), 1);
		CHECK_EQ(flag, true); /* unchanged */
		CHECK(logged("bad value for 'flag' ignored"));
	}
	/* "no-" takes no value and only negates booleans. */
	CHECK_EQ(parse("flag"), 0);
	CHECK_EQ(parse_more("no-flag=1"), 1);
	CHECK_EQ(flag, true);
	CHECK(logged("unknown option 'no-flag'"));
	CHECK_EQ(parse("no-num"), 1);
	CHECK_EQ(num, NUM_UNSET);
	CHECK(logged("unknown option 'no-num'"));
	CHECK_EQ(parse("no-"), 1);
	CHECK(logged("unknown option 'no-'"));
}

TEST(cmdline_uint_values)
{
	CHECK_EQ(parse("num=42"), 0);
	CHECK_EQ(num, 42);
	CHECK_EQ(parse("num=0x1F"), 0);
	CHECK_EQ(num, 0x1f);
	CHECK_EQ(parse("num=0X10"), 0);
	CHECK_EQ(num, 16);
	CHECK_EQ(parse("num=017"), 0);
	CHECK_EQ(num, 15);
	CHECK_EQ(parse("num=0"), 0);
	CHECK_EQ(num, 0);
	CHECK_EQ(parse("num=18446744073709551615"), 0);
	CHECK(num == UINT64_MAX);
	CHECK_EQ(parse("num=0xffffffffffffffff"), 0);
	CHECK(num == UINT64_MAX);
}

TEST(cmdline_uint_bad_values)
{
	static const char *const bad[] = {
		"num",     "num=",     "num=12abc", "num=42 ",  "num=-1",
		"num=0x",  "num=09",   "num= 5",    "num=+5",   "num=5K",
		"num=18446744073709551616", "num=0x10000000000000000",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int rc = parse(bad[i]);

		/* "num=42 " is fine: the space only ends the option. */
		if (!strcmp(bad[i], "num=42 ")) {
			CHECK_EQ(rc, 0);
			CHECK_EQ(num, 42);
			continue;
		}
		/* "num= 5": an empty value, then an unknown option "5". */
		CHECK_EQ(rc, strcmp(bad[i], "num= 5") ? 1 : 2);
		CHECK_EQ(num, NUM_UNSET);
		CHECK(logged("bad value for 'num' ignored"));
		if (rc == 2)
			CHECK(logged("unknown option '5'"));
	}
}

TEST(cmdline_size_values)
{
	static const struct {
		const char *opt;
		uint64_t want;
	} good[] = {
		{ "mem=512M", 512ull << 20 },
		{ "mem=4k", 4096 },
		{ "mem=4K", 4096 },
		{ "mem=1G", 1ull << 30 },
		{ "mem=1g", 1ull << 30 },
		{ "mem=2T", 2ull << 40 },
		{ "mem=2t", 2ull << 40 },
		{ "mem=12345", 12345 },
		{ "mem=0x10M", 16ull << 20 },
		{ "mem=0", 0 },
		{ "mem=16777215T", 16777215ull << 40 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		CHECK_EQ(parse(good[i].opt), 0);
		CHECK(mem == good[i].want);
	}
}

TEST(cmdline_size_bad_values)
{
	static const char *const bad[] = {
		"mem",    "mem=",     "mem=4X",          "mem=4KB", "mem=4 ",
		"mem=K",  "mem=4P",   "mem=99999999999T", "mem=16777216T",
		"mem=17179869184G",   "mem=-4K",         "mem=4kk",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int rc = parse(bad[i]);

		if (!strcmp(bad[i], "mem=4 ")) {
			CHECK_EQ(rc, 0);
			CHECK_EQ(mem, 4);
			continue;
		}
		CHECK_EQ(rc, 1);
		CHECK_EQ(mem, MEM_UNSET);
		CHECK(logged("bad value for 'mem' ignored"));
	}
}

TEST(cmdline_parse_size_direct)
{
	uint64_t v = 7;

	CHECK_EQ(parse_size("1K", &v), 0);
	CHECK_EQ(v, 1024);
	CHECK_EQ(parse_size("3m", &v), 0);
	CHECK_EQ(v, 3ull << 20);
	CHECK_EQ(parse_size("5G", &v), 0);
	CHECK_EQ(v, 5ull << 30);
	CHECK_EQ(parse_size("7T", &v), 0);
	CHECK_EQ(v, 7ull << 40);
	CHECK_EQ(parse_size("100", &v), 0);
	CHECK_EQ(v, 100);
	CHECK_EQ(parse_size("010K", &v), 0);
	CHECK_EQ(v, 8 << 10);
	CHECK_EQ(parse_size("18446744073709551615", &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_EQ(parse_size("0x3fffffffffffffK", &v), 0);
	CHECK(v == 0x3fffffffffffffull << 10);

	v = 7;
	CHECK_EQ(parse_size("", &v), -1);
	CHECK_EQ(parse_size("K", &v), -1);
	CHECK_EQ(parse_size("1KB", &v), -1);
	CHECK_EQ(parse_size("1B", &v), -1);
	CHECK_EQ(parse_size("1 K", &v), -1);
	CHECK_EQ(parse_size("0x40000000000000K", &v), -1);
	CHECK_EQ(parse_size("99999999999T", &v), -1);
	CHECK_EQ(parse_size("18446744073709551616", &v), -1);
	CHECK_EQ(v, 7);
}

TEST(cmdline_parse_bool_direct)
{
	static const char *const truths[] = { "1", "yes", "on", "true" };
	static const char *const lies[] = { "0", "no", "off", "false" };
	static const char *const neither[] = { "", "2", "y", "n", "True", "ON",
					       "yes ", "truth", "of" };
	bool b;

	for (size_t i = 0; i < ARRAY_SIZE(truths); i++) {
		b = false;
		CHECK_EQ(parse_bool(truths[i], &b), 0);
		CHECK_EQ(b, true);
	}
	for (size_t i = 0; i < ARRAY_SIZE(lies); i++) {
		b = true;
		CHECK_EQ(parse_bool(lies[i], &b), 0);
		CHECK_EQ(b, false);
	}
	for (size_t i = 0; i < ARRAY_SIZE(neither); i++) {
		b = true;
		CHECK_EQ(parse_bool(neither[i], &b), -1);
		CHECK_EQ(b, true);
		b = false;
		CHECK_EQ(parse_bool(neither[i], &b), -1);
		CHECK_EQ(b, false);
	}
}

TEST(cmdline_string_values)
{
	CHECK_EQ(parse("str=hello"), 0);
	CHECK(!strcmp(str, "hello"));
	/* 15 characters and the NUL fill the 16-byte buffer exactly. */
	CHECK_EQ(parse("str=abcdefghijklmno"), 0);
	CHECK(!strcmp(str, "abcdefghijklmno"));
	CHECK_EQ(parse("str="), 0);
	CHECK(!strcmp(str, ""));
	CHECK_EQ(parse("str=\"a b\"   flag"), 0);
	CHECK(!strcmp(str, "a b"));
	CHECK_EQ(flag, true);
	CHECK_EQ(parse("\"str=x  y\""), 0);
	CHECK(!strcmp(str, "x  y"));
	CHECK_EQ(parse("str=a\"\tb\"c"), 0);
	CHECK(!strcmp(str, "a\tbc"));
	CHECK_EQ(parse("str=k=v"), 0);
	CHECK(!strcmp(str, "k=v"));
	/* An unterminated quote runs to the end of the line. */
	CHECK_EQ(parse("str=\"p q"), 0);
	CHECK(!strcmp(str, "p q"));
}

TEST(cmdline_string_too_long)
{
	CHECK_EQ(parse("str=abcdefghijklmnop"), 1);
	CHECK(!strcmp(str, "unset"));
	CHECK(logged("bad value for 'str' ignored"));
	CHECK_EQ(parse("str=\"a b c d e f g h i\""), 1);
	CHECK(!strcmp(str, "unset"));
	CHECK_EQ(parse("str"), 1);
	CHECK(!strcmp(str, "unset"));
}

TEST(cmdline_custom_parser)
{
	CHECK_EQ(parse("custom=abc"), 0);
	CHECK_EQ(custom_calls, 1);
	CHECK(!strcmp(custom_value, "abc"));

	CHECK_EQ(parse("custom"), 0);
	CHECK_EQ(custom_calls, 1);
	CHECK(!strcmp(custom_value, ""));

	CHECK_EQ(parse("custom=\"x y\" custom=z=1"), 0);
	CHECK_EQ(custom_calls, 2);
	CHECK(!strcmp(custom_value, "z=1"));

	reset_vars();
	custom_rc = -1;
	CHECK_EQ(parse_more("custom=bad flag"), 1);
	CHECK_EQ(custom_calls, 1);
	CHECK(!strcmp(custom_value, "bad"));
	CHECK(logged("bad value for 'custom' ignored"));
	CHECK_EQ(flag, true);
}

TEST(cmdline_dash_underscore)
{
	CHECK_EQ(parse("dash-flag"), 0);
	CHECK_EQ(dash_flag, true);
	CHECK_EQ(parse("dash_flag"), 0);
	CHECK_EQ(dash_flag, true);
	CHECK_EQ(parse("under_flag"), 0);
	CHECK_EQ(under_flag, true);
	CHECK_EQ(parse("under-flag"), 0);
	CHECK_EQ(under_flag, true);
	CHECK_EQ(parse("under-flag no_under-flag"), 0);
	CHECK_EQ(under_flag, false);
	CHECK_EQ(parse("dash_flag no-dash_flag"), 0);
	CHECK_EQ(dash_flag, false);
	CHECK_EQ(parse("under-flag=yes dash_flag=on"), 0);
	CHECK_EQ(under_flag, true);
	CHECK_EQ(dash_flag, true);
	/* Only '-' and '_' are interchangeable. */
	CHECK_EQ(parse("dashflag dash.flag"), 2);
	CHECK_EQ(dash_flag, false);
	/* Names match whole, not by prefix. */
	CHECK_EQ(parse("fla flags=1 nums=3"), 3);
	CHECK_EQ(flag, false);
	CHECK_EQ(num, NUM_UNSET);
}

TEST(cmdline_unknown_options)
{
	CHECK_EQ(parse("bogus=1 flag other my_opt"), 3);
	CHECK_EQ(flag, true);
	CHECK(logged("cmdline: unknown option 'bogus' ignored"));
	CHECK(logged("unknown option 'other'"));
	CHECK(logged("unknown option 'my-opt'"));
	CHECK(!logged("'flag'"));

	/* Warnings are LOG_WARNING: gone at level error, still counted. */
	printk_set_level(LOG_LEVEL_ERR);
	CHECK_EQ(parse("bogus"), 1);
	CHECK_EQ(console_captured()[0], '\0');
	printk_set_level(LOG_LEVEL_INFO);
}

TEST(cmdline_overlong_option)
{
	char *name255 = repeat("", 255, 'a');
	char *name256 = repeat("", 256, 'a');
	char *line = repeat("", 300, 'b');
	char *num255 = repeat("num=", 255, '0');
	char *num256 = repeat("num=", 256, '0');
	char buf[400];

	/* 255 characters still fit: an unknown option. */
	CHECK_EQ(parse(name255), 1);
	CHECK(logged("unknown option 'aaaa"));

	/* 256 do not: rejected, and parsing goes on after it. */
	snprintf(buf, sizeof(buf), "%s flag", name256);
	CHECK_EQ(parse(buf), 1);
	CHECK(!logged("unknown option"));
	CHECK(logged("bad value for 'aaaa"));
	CHECK_EQ(flag, true);

	snprintf(buf, sizeof(buf), "num=1 %s num=2", line);
	CHECK_EQ(parse(buf), 1);
	CHECK_EQ(num, 2);

	/* The same limit holds for values. */
	CHECK_EQ(parse(num255), 0);
	CHECK_EQ(num, 0);
	CHECK_EQ(parse(num256), 1);
	CHECK_EQ(num, NUM_UNSET);
	CHECK(logged("bad value for 'num' ignored"));

	free(name255);
	free(name256);
	free(line);
	free(num255);
	free(num256);
}

TEST(cmdline_empty_and_whitespace)
{
	CHECK_EQ(parse(""), 0);
	CHECK_EQ(parse("   "), 0);
	CHECK_EQ(parse(" \t\r\n \t"), 0);
	CHECK_EQ(console_captured()[0], '\0');
	CHECK_EQ(flag, false);
	CHECK_EQ(num, NUM_UNSET);
	CHECK_EQ(custom_calls, 0);

	CHECK_EQ(parse("  flag\t\tnum=5 \t  mem=1K\n str=s\t"), 0);
	CHECK_EQ(flag, true);
	CHECK_EQ(num, 5);
	CHECK_EQ(mem, 1024);
	CHECK(!strcmp(str, "s"));
}

TEST(cmdline_last_option_wins)
{
	CHECK_EQ(parse("num=1 num=2"), 0);
	CHECK_EQ(num, 2);
	CHECK_EQ(parse("flag no-flag"), 0);
	CHECK_EQ(flag, false);
	CHECK_EQ(parse("no-flag flag"), 0);
	CHECK_EQ(flag, true);
	CHECK_EQ(parse("str=one str=two mem=1M mem=2M"), 0);
	CHECK(!strcmp(str, "two"));
	CHECK_EQ(mem, 2 << 20);
	/* A bad later value leaves the earlier one in place. */
	CHECK_EQ(parse("num=7 num=oops"), 1);
	CHECK_EQ(num, 7);
}
