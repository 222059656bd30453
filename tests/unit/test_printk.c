/*
 * Tests for printk (hypervisor/common/console/printk.c): log level
 * filtering, level names for the loglvl= option, and the bounded line
 * buffer.  Output is read back from the host console capture.  Every test
 * puts the default level (info) back before it returns.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "host_shim.h"
#include "printk.h"

#define PRINTK_BUFFER_SIZE 1024

/* Sends one message of each level, with a plain one, at @level. */
static void print_all_levels(enum log_level level)
{
	printk_set_level(level);
	console_capture_reset();
	printk(LOG_ERR "E");
	printk(LOG_WARNING "W");
	printk(LOG_MARK "5" "N");
	printk(LOG_INFO "I");
	printk("P");
	printk(LOG_DEBUG "D");
}

static bool captured_is(const char *want)
{
	if (strcmp(console_captured(), want)) {
		printf("  captured \"%s\", want \"%s\"\n", console_captured(), want);
		return false;
	}
	return true;
}

static void vprintk_wrapper(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

TEST(printk_default_level_is_info)
{
	console_capture_reset();
	printk(LOG_ERR "E");
	printk(LOG_WARNING "W");
	printk(LOG_INFO "I");
	printk("P");
	printk(LOG_DEBUG "D");
	CHECK(captured_is("EWIP"));
}

TEST(printk_levels_filter)
{
	print_all_levels(LOG_LEVEL_DEBUG);
	CHECK(captured_is("EWNIPD"));
	print_all_levels(LOG_LEVEL_INFO);
	CHECK(captured_is("EWNIP"));
	print_all_levels((enum log_level)5);
	CHECK(captured_is("EWN"));
	print_all_levels(LOG_LEVEL_WARNING);
	CHECK(captured_is("EW"));
	print_all_levels(LOG_LEVEL_ERR);
	CHECK(captured_is("E"));
	print_all_levels(LOG_LEVEL_NONE);
	CHECK(captured_is(""));
	/* Even a level-0 message is dropped at level none. */
	printk(LOG_MARK "0" "zero");
	CHECK(captured_is(""));
	printk_set_level(LOG_LEVEL_ERR);
	printk(LOG_MARK "0" "zero");
	CHECK(captured_is("zero"));
	printk_set_level(LOG_LEVEL_INFO);
}

TEST(printk_formats_and_strips_marker)
{
	console_capture_reset();
	printk(LOG_ERR "cpu %d: %s %#x\n", 3, "fault", 0xe);
	CHECK(captured_is("cpu 3: fault 0xe\n"));

	console_capture_reset();
	vprintk_wrapper(LOG_WARNING "%s=%u", "n", 42u);
	vprintk_wrapper(LOG_DEBUG "%s", "hidden");
	CHECK(captured_is("n=42"));

	/* A marker without a level digit is not a marker: printed as info. */
	console_capture_reset();
	printk(LOG_MARK "x");
	printk(LOG_MARK "8");
	CHECK(captured_is("\001x\0018"));
	printk_set_level(LOG_LEVEL_WARNING);
	console_capture_reset();
	printk(LOG_MARK "x");
	CHECK(captured_is(""));
	printk_set_level(LOG_LEVEL_INFO);
}

TEST(printk_parse_level_names)
{
	static const struct {
		const char *s;
		enum log_level want;
	} good[] = {
		{ "none", LOG_LEVEL_NONE },	  { "error", LOG_LEVEL_ERR },
		{ "warning", LOG_LEVEL_WARNING }, { "info", LOG_LEVEL_INFO },
		{ "debug", LOG_LEVEL_DEBUG },	  { "all", LOG_LEVEL_DEBUG },
	};
	enum log_level level;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		level = (enum log_level)99;
		CHECK_EQ(printk_parse_level(good[i].s, &level), 0);
		CHECK_EQ(level, good[i].want);
	}
	for (int d = 0; d <= 7; d++) {
		char s[2] = { (char)('0' + d), '\0' };

		level = (enum log_level)99;
		CHECK_EQ(printk_parse_level(s, &level), 0);
		CHECK_EQ(level, d);
	}
	printk_set_level(LOG_LEVEL_INFO);
}

TEST(printk_parse_level_bad)
{
	static const char *const bad[] = { "",	   "8",	    "9",     "-1",   "07",
					   "10",   "Info",  "INFO",  "infos", "inf",
					   "warn", " info", "info ", "err",  "0x3" };
	enum log_level level;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		level = (enum log_level)99;
		CHECK_EQ(printk_parse_level(bad[i], &level), -1);
		CHECK_EQ(level, 99);
	}
	printk_set_level(LOG_LEVEL_INFO);
}

TEST(printk_long_message_is_cut)
{
	char *s = malloc(3000);

	for (int i = 0; i < 2999; i++)
		s[i] = (char)('a' + i % 26);
	s[2999] = '\0';

	/* Exactly what fits: 1023 characters and the NUL. */
	console_capture_reset();
	printk("%.1023s", s);
	CHECK_EQ(strlen(console_captured()), PRINTK_BUFFER_SIZE - 1);
	CHECK(!strncmp(console_captured(), s, PRINTK_BUFFER_SIZE - 1));

	/* One more is cut, and the NUL is not sent (it would hide "|"). */
	console_capture_reset();
	printk("%.1024s", s);
	printk("|");
	CHECK_EQ(strlen(console_captured()), PRINTK_BUFFER_SIZE);
	CHECK(!strncmp(console_captured(), s, PRINTK_BUFFER_SIZE - 1));
	CHECK_EQ(console_captured()[PRINTK_BUFFER_SIZE - 1], '|');

	/* Far more, from arguments and the format, at level error too. */
	printk_set_level(LOG_LEVEL_ERR);
	console_capture_reset();
	printk(LOG_ERR "[%s][%s]", s, s);
	CHECK_EQ(strlen(console_captured()), PRINTK_BUFFER_SIZE - 1);
	CHECK_EQ(console_captured()[0], '[');
	CHECK(!strncmp(console_captured() + 1, s, PRINTK_BUFFER_SIZE - 2));

	console_capture_reset();
	printk(LOG_ERR "%05000d|", 7);
	CHECK_EQ(strlen(console_captured()), PRINTK_BUFFER_SIZE - 1);
	CHECK_EQ(console_captured()[PRINTK_BUFFER_SIZE - 2], '0');
	printk_set_level(LOG_LEVEL_INFO);
	free(s);
}
