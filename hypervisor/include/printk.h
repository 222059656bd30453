/*
 * The hypervisor's log.  A message may start with a level marker (LOG_ERR
 * ... LOG_DEBUG); messages without one are LOG_INFO.  Messages above the
 * level set by the `loglvl=` boot option are dropped.  Output goes to every
 * registered console (the serial line; in host tests, a capture buffer).
 */
#ifndef PRINTK_H
#define PRINTK_H

#include <stdarg.h>
#include <stddef.h>

#include "compiler.h"

#define LOG_MARK "\001"
#define LOG_ERR LOG_MARK "3"
#define LOG_WARNING LOG_MARK "4"
#define LOG_INFO LOG_MARK "6"
#define LOG_DEBUG LOG_MARK "7"

enum log_level {
	LOG_LEVEL_NONE = 0,
	LOG_LEVEL_ERR = 3,
	LOG_LEVEL_WARNING = 4,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);

/* Writes @len bytes to the consoles as they are, whatever the log level. */
void console_write_raw(const char *s, size_t len);

/* Messages with a level above @level are dropped from now on. */
void printk_set_level(enum log_level level);

/* Parses a loglvl= value: none, error, warning, info, debug, all or 0-7. */
int printk_parse_level(const char *s, enum log_level *level);

#endif
