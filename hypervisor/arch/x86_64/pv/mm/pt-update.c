/*
 * One checked change of a live page-table entry (page_table_update,
 * page_type.h), the core of mmu_update and update_va_mapping.  As Xen's
 * mod_l1_entry .. mod_l4_entry: the new entry is checked and takes its
 * references before it is written, and only then does the old entry
 * release its own, so replacing an entry by one naming the same frame
 * never lets that frame's counts touch 0 in between.
 */
#include "hypercall-abi/errno.h"
#include "mm-internal.h"

/*
 * Bits a guest may change without the entry being checked again: they
 * neither take references nor change what is mapped or how it is cached.
 */
#define UNCHECKED_BITS \
	(PTE_NX | PTE_AVAIL_HIGH | PTE_AVAIL | PTE_G | PTE_D | PTE_A | PTE_US)

static bool needs_check(uint64_t old, uint64_t new)
{
	return ((old ^ new) & ~UNCHECKED_BITS) != 0;
}

/*
 * Writes @val, returning the entry it replaced.  The CPU may set A/D bits
 * at any time in a live table; with @preserve_ad those it set are kept.
 */
static uint64_t write_entry(uint64_t *slot, uint64_t val, bool preserve_ad)
{
	uint64_t cur = __atomic_load_n(slot, __ATOMIC_RELAXED);

	if (!preserve_ad)
		return __atomic_exchange_n(slot, val, __ATOMIC_SEQ_CST);
	while (!__atomic_compare_exchange_n(slot, &cur, val | (cur & (PTE_A | PTE_D)),
					    false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		;
	return cur;
}

/* The entries of @table_mfn if it is a validated page table of @d, else NULL. */
static uint64_t *live_table(uint64_t table_mfn, const struct domain *d)
{
	const struct frame *t = frame_get(table_mfn);

	if (!frame_owned_by(t, d) || !pv_type_is_table(t->type) ||
	    !(t->type_flags & PV_TYPE_VALIDATED))
		return NULL;
	return pv_frame_table_entries(table_mfn);
}

int page_table_update(uint64_t table_mfn, unsigned int index, uint64_t new_entry,
		      const struct domain *d, bool preserve_ad)
{
	uint64_t *entries = live_table(table_mfn, d), old;
	unsigned int level;
	int rc;

	if (!entries || index >= PT_ENTRIES)
		return -PV_EINVAL;
	level = frame_info(table_mfn)->type;
	if (!pt_slot_is_guests(level, index))
		return -PV_EINVAL; /* the hypervisor's own mappings */
	old = __atomic_load_n(&entries[index], __ATOMIC_RELAXED);
	if (new_entry & PTE_P) {
		uint64_t requested = new_entry;

		if (!pt_entry_flags_ok(level, requested, d))
			return -PV_EINVAL;
		new_entry = pt_entry_adjust(level, requested);
		if (!needs_check(old, new_entry)) {
			write_entry(&entries[index], new_entry, preserve_ad);
			return 0;
		}
		rc = pt_entry_get(table_mfn, level, requested, d);
		if (rc)
			return rc;
	}
	old = write_entry(&entries[index], new_entry, preserve_ad);
	pt_entry_put(table_mfn, level, old);
	return 0;
}
