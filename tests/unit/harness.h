/*
 * A small table-free unit-test harness for the host build.
 *
 * TEST(name) defines a test and registers it through a constructor, so a
 * test file needs no central list.  CHECK() records a failure with its file
 * and line and lets the test go on; CHECK_EQ() also prints both values.
 * The runner (harness.c) runs every test, prints one "PASS name" or
 * "FAIL name" line per test, and exits non-zero when any test failed.
 */
#ifndef UNIT_HARNESS_H
#define UNIT_HARNESS_H

#include <stdint.h>
#include <stdio.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_fail(const char *file, int line, const char *what);
void unit_fail_values(const char *file, int line, const char *what,
		      long long got, long long want);

#define TEST(name)                                                   \
	static void test_##name(void);                               \
	static struct unit_test unit_##name = { #name, test_##name, 0 }; \
	__attribute__((constructor)) static void register_##name(void) \
	{                                                            \
		unit_register(&unit_##name);                         \
	}                                                            \
	static void test_##name(void)

#define CHECK(cond)                                          \
	do {                                                 \
		if (!(cond))                                 \
			unit_fail(__FILE__, __LINE__, #cond); \
	} while (0)

#define CHECK_EQ(got, want)                                                \
	do {                                                               \
		long long got_ = (long long)(got), want_ = (long long)(want); \
		if (got_ != want_)                                         \
			unit_fail_values(__FILE__, __LINE__, #got " == " #want, \
					 got_, want_);                     \
	} while (0)

/* The tests' pseudo-random numbers: one xorshift64 step on *@state (not 0). */
static inline uint64_t xorshift64(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

#endif
