/*
 * The per-level rules for guest page-table entries (page_type.h), and
 * validation / devalidation of whole tables.  The checks, their order and
 * their error codes are those of Xen 4.17 for 64-bit PV guests
 * (get_page_from_l1e .. get_page_from_l4e, promote/demote_lN_table).
 */
#include "hypercall-abi/errno.h"
#include "hypercall-abi/types.h"
#include "machine_memory_map.h"
#include "mm-internal.h"

/*
 * Entry bits a guest may not set.  Caching attributes stay the
 * hypervisor's for a domain without I/O privilege (Xen's l1_disallow_mask:
 * the privileged domain has I/O memory and ports); upper levels may not
 * map superpages, whose frames would escape per-frame typing, nor be
 * global.
 */
#define L1_CACHE_ATTRS (PTE_PWT | PTE_PCD | PTE_PAT_4K)
#define UPPER_DISALLOWED (PTE_PWT | PTE_PCD | PTE_PS | PTE_G)

bool pt_entry_flags_ok(unsigned int level, uint64_t e, const struct domain *d)
{
	if (level == PV_TYPE_L1)
		return d->privileged || !(e & L1_CACHE_ATTRS);
	return !(e & UPPER_DISALLOWED);
}

/*
 * I/O memory as Xen sees it: no RAM frame (beyond the frame table), or a
 * frame given to DOMID_IO at boot (the first MiB and the map's non-RAM).
 * Mappings of it take no references.
 */
static bool frame_is_io(uint64_t mfn)
{
	const struct frame *f = frame_info(mfn);

	return !f || f->owner == PV_DOMID_IO;
}

/*
 * I/O memory is never mapped cacheable unless asked to: write-back
 * becomes uncacheable, write-through and write-protect lose their
 * caching too (Xen's default, without mmio-relax).
 */
static uint64_t io_cache_attrs(uint64_t e)
{
	switch (e & L1_CACHE_ATTRS) {
	case 0:
		return e | PTE_PWT | PTE_PCD;
	case PTE_PWT:
		return e | PTE_PCD;
	case PTE_PWT | PTE_PAT_4K:
		return (e | PTE_PCD) & ~PTE_PAT_4K;
	default:
		return e;
	}
}

/*
 * What the hardware must see for a guest kernel in ring 3 (as Xen's
 * adjust_guest_lNe): every level user-accessible; a kernel page (guest
 * wrote US=0) is marked with PTE_GUEST_KERNEL and kept non-global, since
 * the guest's user tables do not map it; user pages become global, so
 * they survive the kernel/user root switch of every guest system call.
 * I/O frames get uncached attributes, and those the hypervisor keeps
 * read-only (the I/O APICs) lose RW, as Xen forces them read-only.
 * Only bits that take no references change.
 */
uint64_t pt_entry_adjust(unsigned int level, uint64_t e)
{
	if (!(e & PTE_P))
		return e;
	if (level == PV_TYPE_L4)
		return e | PTE_A | PTE_US;
	if (level != PV_TYPE_L1)
		return e | PTE_US;
	if (frame_is_io(pte_mfn(e))) {
		e = io_cache_attrs(e);
		if (machine_mmio_read_only(pte_mfn(e)))
			e &= ~PTE_RW;
	}
	if (!(e & PTE_US))
		e |= PTE_GUEST_KERNEL | PTE_US;
	if (!(e & PTE_GUEST_KERNEL))
		e |= PTE_G | PTE_US;
	return e;
}

/* An L1 entry: a general reference, and a writable one for RW. */
static int l1_entry_get(uint64_t e, const struct domain *d)
{
	uint64_t mfn = pte_mfn(e);

	if (frame_is_io(mfn)) {
		if (!machine_mmio_permitted(d, mfn))
			return mfn == MFN_ALL_ONES ? -PV_EINVAL : -PV_EPERM;
		return 0;
	}
	if (page_get_ref(mfn, d))
		return -PV_EBUSY; /* not the guest's own memory */
	if ((e & PTE_RW) && page_get_type(mfn, d, PV_TYPE_WRITABLE)) {
		page_put_ref(mfn);
		return -PV_EBUSY; /* a page table or descriptor page */
	}
	return 0;
}

/* An L2/L3/L4 entry names a table of the next lower level, or is linear. */
static int upper_entry_get(uint64_t table_mfn, unsigned int level, uint64_t e,
			   const struct domain *d)
{
	int rc = page_get_ref_and_type(pte_mfn(e), d, (enum pv_page_type)(level - 1));

	if (rc == -PV_EINVAL && pt_linear_get(table_mfn, level, e, d))
		rc = 0;
	return rc;
}

/* Takes what the present entry @e of table @table_mfn (@level) needs. */
int pt_entry_get(uint64_t table_mfn, unsigned int level, uint64_t e,
		 const struct domain *d)
{
	if (!pt_entry_flags_ok(level, e, d))
		return -PV_EINVAL;
	if (level == PV_TYPE_L1)
		return l1_entry_get(e, d);
	return upper_entry_get(table_mfn, level, e, d);
}

/* Releases what pt_entry_get() took for @e (nothing if not present). */
void pt_entry_put(uint64_t table_mfn, unsigned int level, uint64_t e)
{
	uint64_t mfn = pte_mfn(e);

	if (!(e & PTE_P))
		return;
	if (level == PV_TYPE_L1) {
		if (frame_is_io(mfn))
			return;
		if (e & PTE_RW)
			page_put_type(mfn);
		page_put_ref(mfn);
		return;
	}
	if (mfn == table_mfn) /* the table naming itself holds nothing */
		return;
	pt_linear_put(table_mfn, level, mfn);
	page_put_ref_and_type(mfn);
}

static void put_entries(uint64_t mfn, unsigned int level, const uint64_t *entries,
			unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		if (pt_slot_is_guests(level, i))
			pt_entry_put(mfn, level, entries[i]);
	}
}

static int validate_table(uint64_t mfn, unsigned int level, uint64_t *entries,
			  const struct domain *d)
{
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = entries[i];
		int rc;

		if (!pt_slot_is_guests(level, i) || !(e & PTE_P))
			continue;
		rc = pt_entry_get(mfn, level, e, d);
		if (rc) {
			put_entries(mfn, level, entries, i);
			return rc;
		}
		entries[i] = pt_entry_adjust(level, e);
	}
	if (level == PV_TYPE_L4)
		pv_l4_install_hypervisor_slots(entries);
	return 0;
}

static int validate_descriptors(uint64_t *descs, const struct domain *d)
{
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (!pv_descriptor_check(d, &descs[i]))
			return -PV_EINVAL;
	}
	return 0;
}

/*
 * Checks every entry of @mfn for its new @type (a table level or
 * PV_TYPE_SEG_DESC), taking the references they need; on failure holds
 * nothing and returns the first entry's error.
 */
int pt_validate(uint64_t mfn, enum pv_page_type type, const struct domain *d)
{
	uint64_t *entries = pv_frame_table_entries(mfn);

	if (!entries)
		return -PV_EINVAL;
	if (type == PV_TYPE_SEG_DESC)
		return validate_descriptors(entries, d);
	return validate_table(mfn, type, entries, d);
}

/* Releases everything the entries of table @mfn (@level) hold. */
void pt_devalidate(uint64_t mfn, enum pv_page_type level)
{
	const uint64_t *entries = pv_frame_table_entries(mfn);

	if (entries)
		put_entries(mfn, level, entries, PT_ENTRIES);
}
