/*
 * Boot command-line options.  Each option is a `struct boot_param`,
 * declared next to the code it configures with one of the BOOT_PARAM_*
 * macros; the macros place it in the .boot_params section, which the boot
 * code hands to cmdline_parse() as one table.
 *
 * Syntax: options separated by spaces; `name=value` or `name`; a boolean
 * also takes `no-name`, and `=` one of 0/1/no/yes/off/on/false/true; a
 * value may be double-quoted to hold spaces; '-' and '_' in names are
 * equivalent.  Unknown options and bad values are reported and skipped.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler.h"

enum boot_param_kind {
	PARAM_BOOL,   /* bool *var */
	PARAM_UINT,   /* uint64_t *var: decimal, 0x hex or 0 octal */
	PARAM_SIZE,   /* uint64_t *var: a number with an optional K/M/G/T suffix */
	PARAM_STRING, /* char var[var_size] */
	PARAM_CUSTOM, /* parse(value) returns 0 or -1 for a bad value */
};

struct boot_param {
	const char *name;
	enum boot_param_kind kind;
	void *var;
	size_t var_size;
	int (*parse)(const char *value);
};

#define BOOT_PARAM_DEFINE(id_, name_, kind_, var_, size_, parse_)          \
	static const struct boot_param boot_param_##id_ __used                \
		__section(".boot_params") __aligned(8) = {                    \
		.name = name_, .kind = kind_, .var = var_, .var_size = size_, \
		.parse = parse_,                                              \
	}

#define BOOT_PARAM_BOOL(name, var) BOOT_PARAM_DEFINE(var, name, PARAM_BOOL, &var, 0, NULL)
#define BOOT_PARAM_UINT(name, var) BOOT_PARAM_DEFINE(var, name, PARAM_UINT, &var, 0, NULL)
#define BOOT_PARAM_SIZE(name, var) BOOT_PARAM_DEFINE(var, name, PARAM_SIZE, &var, 0, NULL)
#define BOOT_PARAM_STRING(name, var) \
	BOOT_PARAM_DEFINE(var, name, PARAM_STRING, var, sizeof(var), NULL)
#define BOOT_PARAM_CUSTOM(name, fn) BOOT_PARAM_DEFINE(fn, name, PARAM_CUSTOM, NULL, 0, fn)

/*
 * Applies every option of @cmdline found in @params[0..count).  Returns the
 * number of options that were unknown or had a bad value (each is logged).
 */
int cmdline_parse(const char *cmdline, const struct boot_param *params, size_t count);

/* Parses "<number>[K|M|G|T]" (binary units); returns 0, or -1 if malformed. */
int parse_size(const char *s, uint64_t *out);

/* Parses a boolean word (see above); returns 0, or -1 if it is none. */
int parse_bool(const char *s, bool *out);

#endif
