/*
 * Bounded formatted output with C99 semantics: the result is always
 * NUL-terminated when size > 0, and the return value is the length the
 * whole output would have had (so a value >= size means it was cut).
 *
 * Supported: flags "-0+ #", field width and precision (digits or '*'),
 * length modifiers hh h l ll z t j and conversions d i u x X o c s p %.
 * There is no floating point.  Unlike the C library, %p prints "0x0" for
 * NULL; %s prints "(null)" for NULL, cut by the precision like any other
 * string; an unsupported conversion (%q, %n, %f, ...) is copied literally
 * and consumes no argument.
 */
#ifndef LIB_VSNPRINTF_H
#define LIB_VSNPRINTF_H

#include <stdarg.h>
#include <stddef.h>

#include "compiler.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
