/*
 * The M2P table (see m2p.h): one contiguous block of frames, written by
 * the hypervisor through the direct map and shown to guests read-only at
 * the ABI's fixed address, L4 slot 256.
 */
#include "arch/layout.h"
#include "arch/mm.h"
#include "frame.h"
#include "hypercall-abi/arch-x86_64.h"
#include "lib/string.h"
#include "m2p.h"
#include "panic.h"
#include "printk.h"

static uint64_t *m2p;
static uint64_t m2p_entries, m2p_first_mfn;

void m2p_init(void)
{
	uint64_t bytes = ALIGN_UP(frames_table_size() * sizeof(uint64_t), PAGE_SIZE);
	unsigned int order = 0;
	uint64_t first;

	while (((uint64_t)PAGE_SIZE << order) < bytes)
		order++;
	if (bytes > PV_MACH2PHYS_VIRT_END - PV_MACH2PHYS_VIRT_START ||
	    (first = frames_alloc(order)) == FRAME_NONE)
		panic("no room for the M2P table (%lu KiB)", bytes >> 10);
	m2p = phys_to_virt(first << PAGE_SHIFT);
	m2p_entries = frames_table_size();
	m2p_first_mfn = first;
	memset(m2p, 0xff, bytes);
	pagetables_map_user_readonly(PV_MACH2PHYS_VIRT_START, first << PAGE_SHIFT, bytes);
	printk("M2P: %lu entries at %#lx, %lu KiB\n", m2p_entries,
	       (unsigned long)PV_MACH2PHYS_VIRT_START, bytes >> 10);
}

void m2p_set(uint64_t mfn, uint64_t pfn)
{
	if (mfn < m2p_entries)
		m2p[mfn] = pfn;
}

uint64_t m2p_get(uint64_t mfn)
{
	return mfn < m2p_entries ? m2p[mfn] : M2P_INVALID;
}

uint64_t m2p_nr_entries(void)
{
	return m2p_entries;
}

/* The table is one block of contiguous frames. */
uint64_t m2p_backing_mfn(uint64_t offset)
{
	return offset < m2p_entries * sizeof(*m2p) ? m2p_first_mfn + (offset >> PAGE_SHIFT)
						   : FRAME_NONE;
}
