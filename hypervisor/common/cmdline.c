/*
 * Boot command-line parsing (see cmdline.h).  The command line comes from
 * the boot loader and is not trusted: options and values are copied into
 * bounded buffers and anything that does not fit or parse is reported.
 */
#include "cmdline.h"
#include "lib/string.h"
#include "printk.h"

#define OPTION_MAX 256

struct option {
	char name[OPTION_MAX];
	char value[OPTION_MAX];
	bool has_value;
	bool truncated;
};

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends @c to the @len-long string in @buf of OPTION_MAX bytes. */
static void append(char *buf, size_t *len, char c, bool *truncated)
{
	if (*len + 1 >= OPTION_MAX) {
		*truncated = true;
		return;
	}
	buf[(*len)++] = c;
	buf[*len] = '\0';
}

/* Splits the next option off @s into @opt; returns where parsing goes on. */
static const char *next_option(const char *s, struct option *opt)
{
	size_t name_len = 0, value_len = 0;
	bool quoted = false;

	opt->name[0] = opt->value[0] = '\0';
	opt->has_value = opt->truncated = false;
	for (; *s && (quoted || !is_space(*s)); s++) {
		if (*s == '"') {
			quoted = !quoted;
		} else if (*s == '=' && !opt->has_value) {
			opt->has_value = true;
		} else if (opt->has_value) {
			append(opt->value, &value_len, *s, &opt->truncated);
		} else {
			append(opt->name, &name_len, *s == '_' ? '-' : *s,
			       &opt->truncated);
		}
	}
	return s;
}

static bool names_match(const char *param, const char *given)
{
	for (; *param && *given; param++, given++) {
		char p = *param == '_' ? '-' : *param;

		if (p != *given)
			return false;
	}
	return *param == *given;
}

int parse_bool(const char *s, bool *out)
{
	static const char *const truths[] = { "1", "yes", "on", "true" };
	static const char *const lies[] = { "0", "no", "off", "false" };

	for (size_t i = 0; i < ARRAY_SIZE(truths); i++) {
		if (!strcmp(s, truths[i]) || !strcmp(s, lies[i])) {
			*out = !strcmp(s, truths[i]);
			return 0;
		}
	}
	return -1;
}

int parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	unsigned long n;
	const char *end;
	unsigned shift = 0;

	if (parse_ulong(s, &end, &n))
		return -1;
	if (*end) {
		const char *u = strchr(units, *end >= 'a' ? *end - 'a' + 'A' : *end);

		if (!u || !*u || end[1])
			return -1;
		shift = 10 * (unsigned)(u - units + 1);
	}
	if (shift && n > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)n << shift;
	return 0;
}

/* Applies @opt to @param; returns 0 or -1 for a bad value. */
static int apply(const struct boot_param *param, const struct option *opt)
{
	const char *end;
	unsigned long n;

	switch (param->kind) {
	case PARAM_BOOL:
		if (!opt->has_value) {
			*(bool *)param->var = true;
			return 0;
		}
		return parse_bool(opt->value, param->var);
	case PARAM_UINT:
		if (!opt->has_value || parse_ulong(opt->value, &end, &n) || *end)
			return -1;
		*(uint64_t *)param->var = n;
		return 0;
	case PARAM_SIZE:
		return opt->has_value ? parse_size(opt->value, param->var) : -1;
	case PARAM_STRING:
		if (!opt->has_value || strlen(opt->value) >= param->var_size)
			return -1;
		strlcpy(param->var, opt->value, param->var_size);
		return 0;
	case PARAM_CUSTOM:
		return param->parse(opt->has_value ? opt->value : "");
	}
	return -1;
}

/* Finds @opt's parameter; a "no-" prefix negates a boolean. */
static int apply_option(const struct boot_param *params, size_t count,
			struct option *opt)
{
	for (size_t i = 0; i < count; i++) {
		if (names_match(params[i].name, opt->name))
			return apply(&params[i], opt);
	}
	if (!strncmp(opt->name, "no-", 3) && !opt->has_value) {
		for (size_t i = 0; i < count; i++) {
			if (params[i].kind == PARAM_BOOL &&
			    names_match(params[i].name, opt->name + 3)) {
				*(bool *)params[i].var = false;
				return 0;
			}
		}
	}
	return 1;
}

int cmdline_parse(const char *cmdline, const struct boot_param *params, size_t count)
{
	struct option opt;
	int bad = 0;

	for (const char *s = skip_spaces(cmdline); *s; s = skip_spaces(s)) {
		int rc;

		s = next_option(s, &opt);
		rc = opt.truncated ? -1 : apply_option(params, count, &opt);
		if (rc > 0)
			printk(LOG_WARNING "cmdline: unknown option '%s' ignored\n",
			       opt.name);
		else if (rc < 0)
			printk(LOG_WARNING "cmdline: bad value for '%s' ignored\n",
			       opt.name);
		bad += rc != 0;
	}
	return bad;
}
