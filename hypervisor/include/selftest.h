/*
 * Boot self-tests, chosen with `selftest=name[,name...]` (names: pagefault,
 * alloc, timer, domains).  Each prints "selftest <name>: PASS" or "...: FAIL (why)";
 * pagefault instead ends in the exception report, by design.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include <stdbool.h>

#include "bootinfo.h"

/* Runs the requested self-tests; returns false if any failed. */
bool selftests_run(const struct boot_info *bi);

bool selftest_alloc(void);
bool selftest_timer(void);
bool selftest_domains(const struct boot_info *bi);
__attribute__((noreturn)) void selftest_pagefault(void);

#endif
