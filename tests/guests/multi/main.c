/*
 * multi: a kernel for cases with several domains.  Prints five numbered
 * lines, yielding the CPU (sched_op yield) after each, so that the lines
 * of domains running side by side interleave in the log.  "lines=N" on
 * the command line changes the count.
 */
#include "guest.h"
#include "lib/string.h"

void test_main(const struct pv_start_info *si)
{
	char buf[16];
	const char *arg = cmdline_value("lines", buf, sizeof(buf));
	unsigned long lines = 5;

	if (arg)
		CHECK(!parse_ulong(arg, NULL, &lines));
	printf("multi: %s with %lu pages\n", si->flags & PV_SIF_INITDOMAIN ? "dom0" : "domU",
	       si->nr_pages);
	for (unsigned long i = 1; i <= lines; i++) {
		printf("multi: line %lu of %lu\n", i, lines);
		CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0), 0);
	}
}
