/*
 * The PV test-kernel library: hypercalls, console output and the result
 * protocol.  A test kernel defines test_main(); the library calls it with
 * start_info, then prints exactly one "Test result: SUCCESS" or
 * "Test result: FAILURE (n checks failed)" line and shuts the domain down
 * (poweroff).  CHECK()/CHECK_EQ() report failures with file and line.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypercall-abi/console_io.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/start_info.h"

#define GUEST_VIRT_BASE 0xffffffff80000000ul
#define PAGE_SIZE 4096ul

long hypercall(unsigned long nr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
	       uint64_t a5);
long raw_hypercall(unsigned long nr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		   uint64_t a5);

/* HYPERCALLn(name, ...): hypercall PV_HYPERVISOR_name with n arguments. */
#define HYPERCALL1(name, a) hypercall(PV_HYPERVISOR_##name, (uint64_t)(a), 0, 0, 0, 0)
#define HYPERCALL2(name, a, b) hypercall(PV_HYPERVISOR_##name, (uint64_t)(a), (uint64_t)(b), 0, 0, 0)
#define HYPERCALL3(name, a, b, c) \
	hypercall(PV_HYPERVISOR_##name, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), 0, 0)

extern char hypercall_page[];
extern uint64_t boot_rsp;
extern const struct pv_start_info *boot_start_info;
extern char _end[];

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *s, size_t len);

/* The test's own code. */
void test_main(const struct pv_start_info *si);

/* Records a failed check. */
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Ends the test now with its result (does not return). */
__attribute__((noreturn)) void test_finish(void);

/* The value of "key=" in the kernel command line, or NULL. */
const char *cmdline_value(const char *key, char *buf, size_t size);

#define CHECK(cond)                                                  \
	do {                                                         \
		if (!(cond))                                         \
			test_fail(__FILE__, __LINE__, "%s", #cond);  \
	} while (0)

#define CHECK_EQ(got, want)                                                          \
	do {                                                                         \
		long long got_ = (long long)(got), want_ = (long long)(want);        \
		if (got_ != want_)                                                   \
			test_fail(__FILE__, __LINE__, "%s == %s: got %lld (%#llx), want %lld (%#llx)", \
				  #got, #want, got_, (unsigned long long)got_, want_,  \
				  (unsigned long long)want_);                        \
	} while (0)

#endif
