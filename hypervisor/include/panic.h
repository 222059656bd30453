/*
 * Fatal errors of the hypervisor itself.  Never use these for anything a
 * guest or boot input can cause: bad guest input gets an error code, bad
 * boot input a message (and a stop if booting cannot go on).
 */
#ifndef PANIC_H
#define PANIC_H

#include "compiler.h"

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* Stops this CPU for good, interrupts off (arch hook). */
__noreturn void arch_halt(void);

#define BUG_ON(cond)                                                       \
	do {                                                               \
		if (unlikely(cond))                                        \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif
