/*
 * The exception table: instructions allowed to fault, each with the
 * address to resume at instead.  Entries are emitted next to the
 * instruction (EXTABLE_ENTRY in assembly) into the .ex_table section.
 */
#ifndef ARCH_EXTABLE_H
#define ARCH_EXTABLE_H

#ifdef __ASSEMBLY__
#define EXTABLE_ENTRY(fault, fixup) \
	.pushsection .ex_table, "a"; \
	.balign 8;                   \
	.quad fault, fixup;          \
	.popsection
#else
#include <stdint.h>

/* The fixup address for a fault at @rip, or 0 if none. */
uint64_t extable_fixup(uint64_t rip);
#endif

#endif
