/*
 * vsnprintf() and snprintf() for the hypervisor (see lib/vsnprintf.h for
 * what is supported).  Each conversion is parsed into a struct spec, then
 * printed by the integer or the string helper.  All output goes through
 * out_char(), which counts every byte but stores only those that fit, so
 * the return value is the untruncated length.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/string.h"
#include "lib/vsnprintf.h"

#define FL_LEFT 0x01	/* '-' */
#define FL_ZERO 0x02	/* '0' */
#define FL_PLUS 0x04	/* '+' */
#define FL_SPACE 0x08	/* ' ' */
#define FL_ALT 0x10	/* '#' */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	unsigned int flags;
	int width;		/* 0 when none was given */
	int precision;		/* -1 when none was given */
	enum length length;
	char conv;		/* conversion character, '\0' at the end */
};

struct out {
	char *buf;
	size_t size;
	size_t len;		/* bytes produced so far, stored or not */
};

/* Output. */

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)	/* keep the last byte for the NUL */
		o->buf[o->len] = c;
	o->len++;
}

static void out_chars(struct out *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

static void out_repeat(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		out_char(o, c);
}

/* Spec parsing. */

static const char *parse_flags(const char *p, unsigned int *flags)
{
	for (;; p++) {
		switch (*p) {
		case '-':
			*flags |= FL_LEFT;
			break;
		case '0':
			*flags |= FL_ZERO;
			break;
		case '+':
			*flags |= FL_PLUS;
			break;
		case ' ':
			*flags |= FL_SPACE;
			break;
		case '#':
			*flags |= FL_ALT;
			break;
		default:
			return p;
		}
	}
}

/* A width or precision: '*' takes an int argument, digits give 0 or more. */
static const char *parse_field(const char *p, va_list *ap, int *value)
{
	int n = 0;

	if (*p == '*') {
		*value = va_arg(*ap, int);
		return p + 1;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n <= (__INT_MAX__ - 9) / 10)	/* saturates */
			n = n * 10 + (*p - '0');
	}
	*value = n;
	return p;
}

static const char *parse_length(const char *p, enum length *length)
{
	switch (*p) {
	case 'h':
		*length = p[1] == 'h' ? LEN_HH : LEN_H;
		return p[1] == 'h' ? p + 2 : p + 1;
	case 'l':
		*length = p[1] == 'l' ? LEN_LL : LEN_L;
		return p[1] == 'l' ? p + 2 : p + 1;
	case 'z':
		*length = LEN_Z;
		return p + 1;
	case 't':
		*length = LEN_T;
		return p + 1;
	case 'j':
		*length = LEN_J;
		return p + 1;
	default:
		*length = LEN_NONE;
		return p;
	}
}

/* Parses the spec after a '%'; returns the position past its conversion. */
static const char *parse_spec(const char *p, va_list *ap, struct spec *sp)
{
	sp->flags = 0;
	p = parse_flags(p, &sp->flags);
	p = parse_field(p, ap, &sp->width);
	if (sp->width < 0) {	/* a negative '*' width means '-' */
		sp->flags |= FL_LEFT;
		sp->width = sp->width < -__INT_MAX__ ? __INT_MAX__ : -sp->width;
	}
	sp->precision = -1;
	if (*p == '.') {
		p = parse_field(p + 1, ap, &sp->precision);
		if (sp->precision < 0)	/* a negative '*' means none */
			sp->precision = -1;
	}
	p = parse_length(p, &sp->length);
	sp->conv = *p;
	return *p ? p + 1 : p;
}

/* Integer formatting. */

static long long fetch_signed(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:	/* the signed type of size_t's width */
		return (long long)va_arg(*ap, size_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long fetch_unsigned(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:	/* the unsigned type of ptrdiff_t's width */
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Writes the digits of @v to end just before @end; returns how many. */
static int render_digits(char *end, unsigned long long v, char conv)
{
	const char *xdigits = "0123456789abcdef";
	unsigned int base = 10;
	int n = 0;

	if (conv == 'X')
		xdigits = "0123456789ABCDEF";
	if (conv == 'o')
		base = 8;
	else if (conv == 'x' || conv == 'X' || conv == 'p')
		base = 16;

	do {
		*--end = xdigits[v % base];
		v /= base;
		n++;
	} while (v);
	return n;
}

/* Prints [padding][prefix][zeros]digits[padding] for one integer. */
static void format_digits(struct out *o, const struct spec *sp,
			  unsigned long long v, const char *prefix)
{
	char buf[24];		/* 22 octal digits hold 2^64 - 1 */
	char *digits = buf + sizeof(buf);
	int n = render_digits(digits, v, sp->conv);
	int plen = (int)strlen(prefix), prec = sp->precision, zeros, pad;

	digits -= n;
	if (v == 0 && prec == 0)	/* "%.0d" prints nothing for 0 */
		n = 0;
	/* '#' with 'o' raises the precision so that the first digit is 0. */
	if (sp->conv == 'o' && (sp->flags & FL_ALT) &&
	    (n == 0 || digits[0] != '0'))
		prec = MAX(prec, n + 1);
	zeros = MAX(prec - n, 0);
	if ((sp->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO && sp->precision < 0)
		zeros = MAX(zeros, sp->width - plen - n);
	pad = sp->width - plen - zeros - n;

	if (!(sp->flags & FL_LEFT))
		out_repeat(o, ' ', pad);
	out_chars(o, prefix, plen);
	out_repeat(o, '0', zeros);
	out_chars(o, digits, n);
	if (sp->flags & FL_LEFT)
		out_repeat(o, ' ', pad);
}

static void format_integer(struct out *o, const struct spec *sp, va_list *ap)
{
	const char *prefix = "";
	unsigned long long v;

	if (sp->conv == 'd' || sp->conv == 'i') {
		long long s = fetch_signed(ap, sp->length);

		/* Negate as unsigned: -LLONG_MIN does not fit a long long. */
		v = s < 0 ? 0 - (unsigned long long)s : (unsigned long long)s;
		if (s < 0)
			prefix = "-";
		else if (sp->flags & FL_PLUS)
			prefix = "+";
		else if (sp->flags & FL_SPACE)
			prefix = " ";
	} else if (sp->conv == 'p') {
		v = (uintptr_t)va_arg(*ap, void *);
		prefix = "0x";
	} else {
		v = fetch_unsigned(ap, sp->length);
		if ((sp->flags & FL_ALT) && v != 0 && sp->conv == 'x')
			prefix = "0x";
		else if ((sp->flags & FL_ALT) && v != 0 && sp->conv == 'X')
			prefix = "0X";
	}
	format_digits(o, sp, v, prefix);
}

/* String formatting. */

static void format_chars(struct out *o, const struct spec *sp,
			 const char *s, size_t n)
{
	int pad = (size_t)sp->width > n ? sp->width - (int)n : 0;

	if (!(sp->flags & FL_LEFT))
		out_repeat(o, ' ', pad);
	out_chars(o, s, n);
	if (sp->flags & FL_LEFT)
		out_repeat(o, ' ', pad);
}

static void format_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t n;

	if (!s)
		s = "(null)";
	/* With a precision, @s need not be NUL-terminated. */
	n = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
	format_chars(o, sp, s, n);
}

/* Prints one conversion; @start..@end is its text in the format. */
static void format_spec(struct out *o, const struct spec *sp, va_list *ap,
			const char *start, const char *end)
{
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
	case 'u':
	case 'x':
	case 'X':
	case 'o':
	case 'p':
		format_integer(o, sp, ap);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		format_chars(o, sp, &c, 1);
		break;
	case 's':
		format_string(o, sp, va_arg(*ap, const char *));
		break;
	case '%':
		out_char(o, '%');
		break;
	default:
		out_chars(o, start, end - start);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	const char *start;
	struct spec sp;
	va_list args;

	/* A copy: a va_list parameter cannot portably be passed by address. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		start = fmt;
		fmt = parse_spec(fmt + 1, &args, &sp);
		format_spec(&o, &sp, &args, start, fmt);
	}
	va_end(args);
	if (size)
		buf[MIN(o.len, size - 1)] = '\0';
	return o.len > (size_t)__INT_MAX__ ? -1 : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
