/*
 * Boot self-tests, chosen with `selftest=name[,name...]` (names: pagefault,
 * alloc, timer).  Each prints "selftest <name>: PASS" or "...: FAIL (why)";
 * pagefault instead ends in the exception report, by design.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include <stdbool.h>

/* Runs the requested self-tests; returns false if any failed. */
bool selftests_run(void);

bool selftest_alloc(void);
bool selftest_timer(void);
__attribute__((noreturn)) void selftest_pagefault(void);

#endif
