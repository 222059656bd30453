/*
 * Loading a data segment register with a selector the guest chose, which
 * may fault (a descriptor not present, out of the GDT/LDT limit, not a data
 * or readable code segment, DPL below 3): the fault is caught through the
 * exception table and null is loaded instead.  Loading FS or GS replaces
 * that register's base (for GS, the per-CPU pointer while the hypervisor
 * runs): the caller puts the bases back.  A fault leaves the register and
 * its base untouched, so it is handled with the per-CPU pointer in place.
 */
#ifndef ARCH_SEGMENT_LOAD_H
#define ARCH_SEGMENT_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#define DEFINE_SELECTOR_ACCESS(seg)                                              \
	/* Loads @sel into seg; false (and null loaded) if that faulted. */      \
	static inline bool load_##seg##_selector(unsigned int sel)               \
	{                                                                        \
		unsigned int ok = 1;                                             \
                                                                                 \
		__asm__ volatile("1: mov %k1, %%" #seg "\n\t"                    \
				 "jmp 3f\n"                                      \
				 "2: xorl %k0, %k0\n\t"                          \
				 "mov %k0, %%" #seg "\n"                         \
				 "3:\n\t"                                        \
				 ".pushsection .ex_table, \"a\"\n\t"             \
				 ".balign 8\n\t"                                 \
				 ".quad 1b, 2b\n\t"                              \
				 ".popsection"                                   \
				 : "+r"(ok)                                      \
				 : "r"(sel)                                      \
				 : "memory");                                    \
		return ok;                                                       \
	}                                                                        \
	static inline uint16_t read_##seg##_selector(void)                       \
	{                                                                        \
		unsigned int sel;                                                \
                                                                                 \
		__asm__ volatile("mov %%" #seg ", %k0" : "=r"(sel));             \
		return (uint16_t)sel;                                            \
	}

DEFINE_SELECTOR_ACCESS(ds)
DEFINE_SELECTOR_ACCESS(es)
DEFINE_SELECTOR_ACCESS(fs)
DEFINE_SELECTOR_ACCESS(gs)

#undef DEFINE_SELECTOR_ACCESS

#endif
