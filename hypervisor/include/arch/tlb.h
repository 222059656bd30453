/* TLB maintenance (implemented in mm/pagetables.c; a no-op in host tests). */
#ifndef ARCH_TLB_H
#define ARCH_TLB_H

#include <stdint.h>

/* Flushes this CPU's TLB, global entries included. */
void flush_tlb_local(void);

/* Drops this CPU's translation of @va (global or not). */
void flush_tlb_one_local(uint64_t va);

#endif
