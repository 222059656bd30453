/*
 * Finding the L1 entry that maps a guest virtual address in the page
 * tables the current vCPU runs on (or in given ones) (as Xen's map_guest_l1e does through
 * its linear map): every level must be present, no superpage on the way,
 * and the address must be a guest one.
 */
#include "arch/pagetable.h"
#include "domain.h"
#include "mm-internal.h"

int guest_walk_to_l1(const struct vcpu *v, uint64_t va, uint64_t *l1_mfn)
{
	return guest_walk_root_to_l1((v->arch.kernel_mode ? v->arch.kernel_cr3 : v->arch.user_cr3) >> 12,
				     va, l1_mfn);
}

int guest_walk_root_to_l1(uint64_t table, uint64_t va, uint64_t *l1_mfn)
{
	if (!table || !va_is_canonical(va) || pv_l4_slot_is_hypervisors(pt_index(va, 4)))
		return -1;
	for (unsigned int level = 4; level > 1; level--) {
		const uint64_t *entries = pv_frame_table_entries(table);
		uint64_t e;

		if (!entries)
			return -1;
		e = entries[pt_index(va, level)];
		if (!(e & PTE_P) || (level < 4 && (e & PTE_PS)))
			return -1;
		table = (e & PTE_ADDR_MASK) >> 12;
	}
	*l1_mfn = table;
	return 0;
}
