/* TLB maintenance (implemented in mm/pagetables.c; a no-op in host tests). */
#ifndef ARCH_TLB_H
#define ARCH_TLB_H

/* Flushes this CPU's TLB, global entries included. */
void flush_tlb_local(void);

#endif
