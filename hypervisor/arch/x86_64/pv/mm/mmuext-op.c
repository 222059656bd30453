/*
 * mmuext_op: a batch of extended MMU operations for 64-bit PV guests,
 * with Xen 4.17's semantics, error codes and order of checks.
 *
 * Operations run in order until one fails; *pdone (if given) counts the
 * ones done.  A long batch continues as a new call with the remaining
 * operations, the count carrying MMU_UPDATE_PREEMPTED so that pdone keeps
 * adding up (as mmu_update).  Before any operation runs: an array that
 * starts outside guest space is -EFAULT, the page owner named by
 * foreigndom (bits 0-15) is looked up (-ESRCH), and an owner other than
 * the caller is refused with -EPERM unless the caller is the privileged
 * domain (Xen's default XSM policy).  With another page owner, the
 * operations on frames (pin, unpin, clear, copy) act on the owner's frames
 * (DOMID_IO and DOMID_XEN own none here: -EINVAL) and the others answer
 * -EPERM, as on Xen.
 *
 *  - PIN_L1..L4_TABLE, UNPIN_TABLE (arg1.mfn): page_pin / page_unpin.
 *  - NEW_BASEPTR (arg1.mfn): the vCPU's kernel root; the new one takes a
 *    reference and an L4 type, the old one's are dropped after the CPU has
 *    moved to the new root.  NEW_USER_BASEPTR: the same for the user root
 *    (0 clears it); loaded when the vCPU next enters user mode.
 *  - TLB and INVLPG flushes.  One physical CPU runs every vCPU and a vCPU
 *    switch flushes the whole TLB, so the only translations to drop are
 *    this CPU's; a vCPU bitmap is still read (-EINVAL if it cannot be, as
 *    on Xen).  An address that is not a guest one is ignored.
 *  - FLUSH_CACHE / FLUSH_CACHE_GLOBAL: WBINVD for a domain allowed to do
 *    device I/O (dom0 until passthrough exists), else -EACCES / -EINVAL.
 *  - SET_LDT (arg1.linear_addr, arg2.nr_ents): checked and made the vCPU's
 *    LDT; its pages are mapped on first use (descriptor-tables.c).
 *  - CLEAR_PAGE (arg1.mfn), COPY_PAGE (arg1.mfn from arg2.src_mfn): the
 *    destination must take a writable type (not a page table or descriptor
 *    page), the source only needs to be the caller's.
 *  - MARK_SUPER / UNMARK_SUPER: -EOPNOTSUPP; anything else -ENOSYS.
 */
#include "arch/cache.h"
#include "arch/guest_access.h"
#include "arch/pv_context.h"
#include "arch/pv_segments.h"
#include "arch/tlb.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/mmu.h"
#include "hypercall.h"
#include "lib/string.h"
#include "mm-internal.h"

#define LDT_MAX_ENTRIES 8192
#define PAGE_BYTES (PT_ENTRIES * sizeof(uint64_t))
#define BITS_PER_WORD 64

/*
 * What Xen asks of a domain before a cache flush: I/O memory or I/O ports
 * it may access.  Only the privileged domain has device access so far.
 */
static bool cache_flush_permitted(const struct domain *d)
{
	return d->privileged;
}

/* NEW_BASEPTR (and MOV to CR3): the same root again just reloads it, as on Xen. */
int pv_new_kernel_root(struct vcpu *v, uint64_t mfn)
{
	uint64_t old = v->arch.kernel_cr3 >> 12;
	int rc;

	if (old != mfn) {
		rc = page_get_ref_and_type(mfn, v->domain, PV_TYPE_L4);
		if (rc)
			return rc;
		v->arch.kernel_cr3 = mfn << 12;
	}
	if (v->arch.kernel_mode)
		arch_reload_cr3(v);
	/* Only now that no CPU runs on the old root may it lose its type. */
	if (old != mfn && old)
		page_put_ref_and_type(old);
	return 0;
}

/*
 * NEW_USER_BASEPTR.  Hypercalls come from kernel mode, so the CPU does not
 * run on the user root now: nothing to reload.
 */
static int new_user_base(struct vcpu *v, uint64_t mfn)
{
	uint64_t old = v->arch.user_cr3 >> 12;
	int rc;

	if (old == mfn)
		return 0;
	if (mfn) {
		rc = page_get_ref_and_type(mfn, v->domain, PV_TYPE_L4);
		if (rc)
			return rc;
	}
	v->arch.user_cr3 = mfn << 12;
	if (old)
		page_put_ref_and_type(old);
	return 0;
}

/*
 * Reads the guest's vCPU bitmap at @ptr as Xen does (a word per 64 vCPUs
 * the domain can have, stopping at the first bit beyond them): -PV_EINVAL
 * if a word cannot be read.  *any: whether it names one of d's vCPUs.
 */
static int read_vcpu_mask(const struct domain *d, uint64_t ptr, bool *any)
{
	*any = false;
	for (unsigned int bias = 0; bias < d->vcpu_count; bias += BITS_PER_WORD) {
		uint64_t word;

		if (copy_from_guest(&word, ptr + bias / 8, sizeof(word)))
			return -PV_EINVAL;
		for (unsigned int bit = 0; bit < BITS_PER_WORD; bit++) {
			unsigned int id = bias + bit;

			if (!(word & (1ull << bit)))
				continue;
			if (id >= d->vcpu_count)
				return 0;
			*any |= d->vcpus[id] != NULL;
		}
	}
	return 0;
}

static int flush_multi(const struct vcpu *v, const struct pv_mmuext_op *op)
{
	bool any;

	if (read_vcpu_mask(v->domain, op->arg2.vcpumask, &any))
		return -PV_EINVAL;
	if (!any)
		return 0;
	if (op->cmd == PV_MMUEXT_TLB_FLUSH_MULTI)
		flush_tlb_local();
	else if (pv_guest_addr_ok(op->arg1.linear_addr))
		flush_tlb_one_local(op->arg1.linear_addr);
	return 0;
}

/*
 * SET_LDT: up to 8192 entries at a page-aligned guest address (only the
 * start is checked, as on Xen); 0 entries clears it, whatever the address.
 */
static int set_ldt(struct vcpu *v, uint64_t base, unsigned int ents)
{
	if (ents > LDT_MAX_ENTRIES ||
	    (ents && ((base & (PAGE_BYTES - 1)) || !pv_guest_addr_ok(base))))
		return -PV_EINVAL;
	if (!ents)
		base = 0;
	if (base == v->arch.ldt_base && ents == v->arch.ldt_ents)
		return 0;
	v->arch.ldt_base = base;
	v->arch.ldt_ents = ents;
	pv_destroy_ldt(v);
	return 0;
}

static int clear_page(const struct domain *d, uint64_t mfn)
{
	if (page_get_ref(mfn, d))
		return -PV_EINVAL;
	if (page_get_type(mfn, d, PV_TYPE_WRITABLE)) {
		page_put_ref(mfn);
		return -PV_EINVAL;
	}
	memset(pv_frame_table_entries(mfn), 0, PAGE_BYTES);
	page_put_ref_and_type(mfn);
	return 0;
}

/* The source is checked first, then the destination, as on Xen. */
static int copy_page(const struct domain *d, uint64_t dst, uint64_t src)
{
	if (page_get_ref(src, d))
		return -PV_EINVAL;
	if (page_get_ref(dst, d)) {
		page_put_ref(src);
		return -PV_EINVAL;
	}
	if (page_get_type(dst, d, PV_TYPE_WRITABLE)) {
		page_put_ref(dst);
		page_put_ref(src);
		return -PV_EINVAL;
	}
	memcpy(pv_frame_table_entries(dst), pv_frame_table_entries(src), PAGE_BYTES);
	page_put_ref_and_type(dst);
	page_put_ref(src);
	return 0;
}

/* The operations on frames, on @owner's (NULL: DOMID_IO or DOMID_XEN). */
static int frame_op(const struct domain *owner, const struct pv_mmuext_op *op)
{
	if (!owner)
		return -PV_EINVAL;
	switch (op->cmd) {
	case PV_MMUEXT_PIN_L1_TABLE:
	case PV_MMUEXT_PIN_L2_TABLE:
	case PV_MMUEXT_PIN_L3_TABLE:
	case PV_MMUEXT_PIN_L4_TABLE:
		return page_pin(op->arg1.mfn, owner,
				PV_TYPE_L1 + (op->cmd - PV_MMUEXT_PIN_L1_TABLE));
	case PV_MMUEXT_UNPIN_TABLE:
		return page_unpin(op->arg1.mfn, owner);
	case PV_MMUEXT_CLEAR_PAGE:
		return clear_page(owner, op->arg1.mfn);
	default:
		return copy_page(owner, op->arg1.mfn, op->arg2.src_mfn);
	}
}

/* The others act on the caller's vCPU or domain: not for another page owner. */
static int own_op(struct vcpu *v, const struct pv_mmuext_op *op)
{
	struct domain *d = v->domain;

	switch (op->cmd) {
	case PV_MMUEXT_NEW_BASEPTR:
		return pv_new_kernel_root(v, op->arg1.mfn);
	case PV_MMUEXT_NEW_USER_BASEPTR:
		return new_user_base(v, op->arg1.mfn);
	case PV_MMUEXT_TLB_FLUSH_LOCAL:
	case PV_MMUEXT_TLB_FLUSH_ALL:
		flush_tlb_local();
		return 0;
	case PV_MMUEXT_INVLPG_LOCAL:
		/* Xen checks only that the address is canonical here. */
		if (va_is_canonical(op->arg1.linear_addr))
			flush_tlb_one_local(op->arg1.linear_addr);
		return 0;
	case PV_MMUEXT_INVLPG_ALL:
		if (pv_guest_addr_ok(op->arg1.linear_addr))
			flush_tlb_one_local(op->arg1.linear_addr);
		return 0;
	case PV_MMUEXT_TLB_FLUSH_MULTI:
	case PV_MMUEXT_INVLPG_MULTI:
		return flush_multi(v, op);
	case PV_MMUEXT_FLUSH_CACHE:
		if (!cache_flush_permitted(d))
			return -PV_EACCES;
		cache_flush_local();
		return 0;
	case PV_MMUEXT_FLUSH_CACHE_GLOBAL:
		/* One CPU: the global flush is this CPU's. */
		if (!cache_flush_permitted(d))
			return -PV_EINVAL;
		cache_flush_local();
		return 0;
	default:
		return set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
	}
}

/* @owner: the page owner, @foreign if it is not the caller. */
static int one_op(struct vcpu *v, const struct pv_mmuext_op *op, const struct domain *owner,
		  bool foreign)
{
	switch (op->cmd) {
	case PV_MMUEXT_PIN_L1_TABLE:
	case PV_MMUEXT_PIN_L2_TABLE:
	case PV_MMUEXT_PIN_L3_TABLE:
	case PV_MMUEXT_PIN_L4_TABLE:
	case PV_MMUEXT_UNPIN_TABLE:
	case PV_MMUEXT_CLEAR_PAGE:
	case PV_MMUEXT_COPY_PAGE:
		return frame_op(owner, op);
	case PV_MMUEXT_NEW_BASEPTR:
	case PV_MMUEXT_NEW_USER_BASEPTR:
	case PV_MMUEXT_TLB_FLUSH_LOCAL:
	case PV_MMUEXT_TLB_FLUSH_ALL:
	case PV_MMUEXT_INVLPG_LOCAL:
	case PV_MMUEXT_INVLPG_ALL:
	case PV_MMUEXT_TLB_FLUSH_MULTI:
	case PV_MMUEXT_INVLPG_MULTI:
	case PV_MMUEXT_FLUSH_CACHE:
	case PV_MMUEXT_FLUSH_CACHE_GLOBAL:
	case PV_MMUEXT_SET_LDT:
		return foreign ? -PV_EPERM : own_op(v, op);
	case PV_MMUEXT_MARK_SUPER:
	case PV_MMUEXT_UNMARK_SUPER:
		return -PV_EOPNOTSUPP;
	default:
		return -PV_ENOSYS;
	}
}

static long continue_batch(uint64_t uops, unsigned int left, uint64_t pdone,
			   unsigned int foreigndom)
{
	uint64_t args[4] = { uops, left | MMU_UPDATE_PREEMPTED, pdone, foreigndom };

	return hypercall_continue(PV_HYPERVISOR_mmuext_op, 4, args);
}

long do_mmuext_op(uint64_t uops, unsigned int count, uint64_t pdone, unsigned int foreigndom)
{
	struct vcpu *v = calling_vcpu();
	const struct domain *owner = v->domain;
	unsigned int i, done = 0;
	bool foreign = false;
	long rc;

	/*
	 * Xen's continuation for a result it could only give after releasing
	 * an old table answers this form with foreigndom.  Nothing here
	 * defers a release, but a guest making the call gets the same answer.
	 */
	if (count == MMU_UPDATE_PREEMPTED && !uops)
		return (int)foreigndom;
	if (count & MMU_UPDATE_PREEMPTED) {
		count &= ~MMU_UPDATE_PREEMPTED;
		if (pdone)
			copy_from_guest(&done, pdone, sizeof(done));
	}
	if (!pv_guest_addr_ok(uops))
		return -PV_EFAULT;
	rc = pv_lookup_pg_owner(v->domain, (uint16_t)foreigndom, &foreign);
	if (rc)
		return rc;
	if (foreign) {
		/* Xen's default XSM policy: another owner only for the privileged domain. */
		if (!v->domain->privileged)
			return -PV_EPERM;
		owner = domain_find((uint16_t)foreigndom); /* NULL for DOMID_IO, DOMID_XEN */
	}
	for (i = 0; i < count; i++) {
		struct pv_mmuext_op op;

		if (i && hypercall_preempt_check()) {
			rc = continue_batch(uops, count - i, pdone, foreigndom);
			break;
		}
		if (copy_from_guest(&op, uops, sizeof(op))) {
			rc = -PV_EFAULT;
			break;
		}
		rc = one_op(v, &op, owner, foreign);
		if (rc)
			break;
		uops += sizeof(op);
	}
	if (pdone) {
		done += i;
		copy_to_guest(pdone, &done, sizeof(done));
	}
	return rc;
}
