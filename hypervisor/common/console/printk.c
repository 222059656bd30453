/*
 * printk: formats into a bounded line buffer and hands the text to the
 * arch console, dropping messages above the configured log level.  A
 * message longer than the buffer is cut, never overflowed.
 */
#include <stdbool.h>

#include "arch/console.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "printk.h"

#define PRINTK_BUFFER_SIZE 1024

static enum log_level printk_level = LOG_LEVEL_INFO;

void printk_set_level(enum log_level level)
{
	printk_level = level;
}

static const struct {
	const char *name;
	enum log_level level;
} level_names[] = {
	{ "none", LOG_LEVEL_NONE },       { "error", LOG_LEVEL_ERR },
	{ "warning", LOG_LEVEL_WARNING }, { "info", LOG_LEVEL_INFO },
	{ "debug", LOG_LEVEL_DEBUG },     { "all", LOG_LEVEL_DEBUG },
};

int printk_parse_level(const char *s, enum log_level *level)
{
	for (size_t i = 0; i < ARRAY_SIZE(level_names); i++) {
		if (!strcmp(s, level_names[i].name)) {
			*level = level_names[i].level;
			return 0;
		}
	}
	if (s[0] >= '0' && s[0] <= '7' && s[1] == '\0') {
		*level = (enum log_level)(s[0] - '0');
		return 0;
	}
	return -1;
}

/* Strips a leading level marker from *fmt and returns the message level. */
static enum log_level message_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == LOG_MARK[0] && f[1] >= '0' && f[1] <= '7') {
		*fmt = f + 2;
		return (enum log_level)(f[1] - '0');
	}
	return LOG_LEVEL_INFO;
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_BUFFER_SIZE];
	enum log_level level = message_level(&fmt);
	int len;

	if (level > printk_level || printk_level == LOG_LEVEL_NONE)
		return;
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;
	arch_console_write(buf, (size_t)len);
}

void console_write_raw(const char *s, size_t len)
{
	arch_console_write(s, len);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
