/* x86-64 4-level page-table entry bits and index helpers. */
#ifndef ARCH_PAGETABLE_H
#define ARCH_PAGETABLE_H

#include <stdint.h>

#define PTE_P (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_US (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull

#define PT_ENTRIES 512

static inline unsigned pt_index(uint64_t va, unsigned level)
{
	return (va >> (12 + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static inline int va_is_canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

#endif
