/*
 * update_va_mapping: a checked change of the L1 entry that maps one
 * virtual address in the current address space, then the TLB maintenance
 * the flags ask for: none, a full flush or one invalidation, for this vCPU
 * (UVMF_LOCAL), all of the domain's (UVMF_ALL) or those in a vCPU bitmap
 * the flags point to.  With one physical CPU every variant flushes this
 * CPU; the bitmap is still read, so a bad pointer is -EFAULT (after the
 * change is made, as on Xen).
 */
#include "arch/guest_access.h"
#include "arch/tlb.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/mmu.h"
#include "hypercall.h"
#include "mm-internal.h"

static int read_vcpu_mask(uint64_t ptr)
{
	uint64_t mask;

	return copy_from_guest(&mask, ptr, sizeof(mask)) ? -PV_EFAULT : 0;
}

static int flush(uint64_t va, uint64_t flags)
{
	uint64_t target = flags & ~(uint64_t)PV_UVMF_FLUSHTYPE_MASK;
	int rc = 0;

	if ((flags & PV_UVMF_FLUSHTYPE_MASK) == PV_UVMF_NONE)
		return 0;
	if (target != PV_UVMF_LOCAL && target != PV_UVMF_ALL)
		rc = read_vcpu_mask(target);
	if ((flags & PV_UVMF_FLUSHTYPE_MASK) == PV_UVMF_INVLPG)
		flush_tlb_one_local(va);
	else
		flush_tlb_local();
	return rc;
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
	struct vcpu *v = calling_vcpu();
	const struct domain *d = v->domain;
	uint64_t l1;
	int rc;

	if (guest_walk_to_l1(v, va, &l1) || page_get_ref(l1, d))
		return -PV_EINVAL;
	if (frame_info(l1)->type == PV_TYPE_L1)
		rc = page_table_update(l1, pt_index(va, 1), val, d, false);
	else
		rc = -PV_EINVAL;
	page_put_ref(l1);
	return rc ? rc : flush(va, flags);
}
