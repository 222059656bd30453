/*
 * Test-kernel helpers for memory: pseudo-physical <-> machine frames
 * (start_info's p2m list) and the page tables the kernel runs on (the
 * bootstrap tables at start_info's pt_base).  The bootstrap area maps
 * pseudo-physical frame n at GUEST_VIRT_BASE + n * 4096, the page-table
 * pages read-only; nothing above its end is mapped.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <stdint.h>

#include "guest.h"

#define PTE_P 0x1ul
#define PTE_RW 0x2ul
#define PTE_US 0x4ul
#define PTE_PWT 0x8ul
#define PTE_PCD 0x10ul
#define PTE_A 0x20ul
#define PTE_D 0x40ul
#define PTE_PS 0x80ul /* PAT in an L1 entry */
#define PTE_G 0x100ul
#define PTE_ADDR 0x000ffffffffff000ul
#define PT_ENTRIES 512

/* Index of @va's entry in its table of @level (1-4). */
static inline unsigned int pt_index(uint64_t va, unsigned int level)
{
	return (va >> (12 + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static inline uint64_t pte_mfn(uint64_t e)
{
	return (e & PTE_ADDR) >> 12;
}

static inline uint64_t pfn_to_va(uint64_t pfn)
{
	return GUEST_VIRT_BASE + pfn * PAGE_SIZE;
}

/* The pseudo-physical frame behind @va of the bootstrap area. */
static inline uint64_t va_to_pfn(uint64_t va)
{
	return (va - GUEST_VIRT_BASE) / PAGE_SIZE;
}

/* The machine frame of pseudo-physical frame @pfn (below nr_pages). */
static inline uint64_t pfn_to_mfn(uint64_t pfn)
{
	return ((const uint64_t *)boot_start_info->mfn_list)[pfn];
}

/* The machine frame behind @va of the bootstrap area. */
static inline uint64_t va_to_mfn(const volatile void *va)
{
	return pfn_to_mfn(va_to_pfn((uint64_t)va));
}

/*
 * The end of the bootstrap area: the boot stack page (after the page
 * tables) is followed by at least 512 KiB of slack up to a 4 MiB boundary.
 * Pseudo-physical frames from (bootstrap_end() - GUEST_VIRT_BASE) / 4096
 * up to nr_pages are ours and mapped nowhere.
 */
uint64_t bootstrap_end(void);

/*
 * Our address (pfn_to_va) of machine frame @mfn, found in the p2m (the
 * last few answers are cached); 0 if the domain has no such frame.  The
 * address is mapped only if it lies in the bootstrap area.
 */
uint64_t mfn_to_va(uint64_t mfn);

/*
 * The level-@level entry (1-4) for @va in the tables we run on, walked
 * from pt_base: a pointer to it in our (read-only) mapping of its table,
 * and in *@table_mfn (if not NULL) that table's frame, so that the
 * entry's machine address is *@table_mfn << 12 | pt_index(va, level) * 8.
 * NULL if an entry above is not present, maps a superpage, or names a
 * table outside the bootstrap area.
 */
const volatile uint64_t *pt_entry(uint64_t va, unsigned int level, uint64_t *table_mfn);

#endif
