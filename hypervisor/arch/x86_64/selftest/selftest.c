/* The `selftest=` option and the list of boot self-tests (see selftest.h). */
#include "cmdline.h"
#include "lib/string.h"
#include "printk.h"
#include "selftest.h"

enum {
	SELFTEST_PAGEFAULT = 1 << 0,
	SELFTEST_ALLOC = 1 << 1,
	SELFTEST_TIMER = 1 << 2,
	SELFTEST_DOMAINS = 1 << 3,
};

static const struct {
	const char *name;
	unsigned bit;
} selftest_names[] = {
	{ "pagefault", SELFTEST_PAGEFAULT },
	{ "alloc", SELFTEST_ALLOC },
	{ "timer", SELFTEST_TIMER },
	{ "domains", SELFTEST_DOMAINS },
};

static unsigned selftests_requested;

static int parse_one(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(selftest_names); i++) {
		if (strlen(selftest_names[i].name) == len &&
		    !strncmp(selftest_names[i].name, name, len)) {
			selftests_requested |= selftest_names[i].bit;
			return 0;
		}
	}
	return -1;
}

static int parse_selftest(const char *value)
{
	const char *comma;

	for (; (comma = strchr(value, ',')); value = comma + 1) {
		if (parse_one(value, (size_t)(comma - value)))
			return -1;
	}
	return parse_one(value, strlen(value));
}
BOOT_PARAM_CUSTOM("selftest", parse_selftest);

static bool report(const char *name, bool passed)
{
	printk("selftest %s: %s\n", name, passed ? "PASS" : "FAIL");
	return passed;
}

bool selftests_run(const struct boot_info *bi)
{
	bool ok = true;

	if (selftests_requested & SELFTEST_ALLOC)
		ok &= report("alloc", selftest_alloc());
	if (selftests_requested & SELFTEST_TIMER)
		ok &= report("timer", selftest_timer());
	if (selftests_requested & SELFTEST_DOMAINS)
		ok &= report("domains", selftest_domains(bi));
	if (selftests_requested & SELFTEST_PAGEFAULT)
		selftest_pagefault();
	return ok;
}

void selftest_pagefault(void)
{
	/* L4 slot 258 is in the hypervisor's area and never mapped. */
	volatile const uint64_t *unmapped = (const uint64_t *)0xffff810000000000ul;

	printk("selftest pagefault: reading %p, which is not mapped\n", (const void *)unmapped);
	(void)*unmapped;
	printk(LOG_ERR "selftest pagefault: FAIL (the read did not fault)\n");
	for (;;)
		;
}
