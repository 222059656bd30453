/* Runner for the host unit tests: see harness.h. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct unit_test *tests_head, **tests_tail = &tests_head;
static int current_failed;

void unit_register(struct unit_test *t)
{
	*tests_tail = t;
	tests_tail = &t->next;
}

void unit_fail(const char *file, int line, const char *what)
{
	printf("  %s:%d: check failed: %s\n", file, line, what);
	current_failed = 1;
}

void unit_fail_values(const char *file, int line, const char *what,
		      long long got, long long want)
{
	printf("  %s:%d: check failed: %s (got %lld / %#llx, want %lld / %#llx)\n",
	       file, line, what, got, (unsigned long long)got, want,
	       (unsigned long long)want);
	current_failed = 1;
}

/* Usage: unit-tests [substring]  -- runs the tests whose name contains it. */
int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct unit_test *t = tests_head; t; t = t->next) {
		if (argc > 1 && !strstr(t->name, argv[1]))
			continue;
		current_failed = 0;
		t->fn();
		printf("%s %s\n", current_failed ? "FAIL" : "PASS", t->name);
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
