/*
 * mmu_update: a batch of page-table entry writes and M2P updates.
 *
 * Each request names an entry by machine address (frame and offset); its
 * low bits (below the 8-byte entry size) say what to do.  A write into a frame in use as a page
 * table goes through page_table_update (checked, references moved); a
 * write into an ordinary page of the domain's is a plain store, as on
 * Xen.  Requests run in order until one fails; *pdone (if given) counts
 * the ones done.  A long batch continues as a new call with the remaining
 * requests, the count carrying MMU_UPDATE_PREEMPTED so that pdone keeps
 * adding up.  Tables above L1 changed: the TLB is flushed before returning.
 *
 * Not yet: foreign domains (page-table owner or page owner other than the
 * caller; a later issue gives dom0 its foreign mappings): -PV_EPERM.
 */
#include "arch/guest_access.h"
#include "arch/tlb.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "m2p.h"
#include "mm-internal.h"

#define ENTRY_OFFSET_MASK 0xff8u
/* The request type is the low 3 bits: a misaligned entry address is -ENOSYS. */
#define REQUEST_MASK 7u


/* The page-table owner (bits 16-31, plus one) names another domain. */
static bool pt_owner_foreign(const struct domain *d, unsigned int foreigndom)
{
	uint16_t pt = foreigndom >> 16;

	return pt && pt - 1 != d->domid;
}

/*
 * The page owner (bits 0-15): an unknown one (or the caller's own id, which
 * must be given as DOMID_SELF) is -PV_ESRCH, as Xen's lookup does.
 * Returns whether the batch is foreign.
 */
static int lookup_foreign(const struct domain *d, unsigned int foreigndom, bool *foreign)
{
	bool pt_foreign = pt_owner_foreign(d, foreigndom);
	int rc = pv_lookup_pg_owner(d, (uint16_t)foreigndom, foreign);

	if (rc)
		return rc;
	*foreign |= pt_foreign;
	return 0;
}

/* A plain store into an ordinary page of the domain. */
static int write_plain(uint64_t mfn, unsigned int index, uint64_t val, const struct domain *d)
{
	if (page_get_type(mfn, d, PV_TYPE_WRITABLE))
		return -PV_EINVAL;
	pv_frame_table_entries(mfn)[index] = val;
	page_put_type(mfn);
	return 0;
}

static int pt_update(const struct pv_mmu_update *req, const struct domain *d, bool *flush)
{
	uint64_t mfn = req->ptr >> 12;
	unsigned int index = (req->ptr & ENTRY_OFFSET_MASK) / 8;
	bool preserve_ad = (req->ptr & REQUEST_MASK) == PV_MMU_PT_UPDATE_PRESERVE_AD;
	const struct frame *f;
	int rc;

	if (page_get_ref(mfn, d))
		return -PV_EINVAL;
	f = frame_info(mfn);
	if (pv_type_is_table(f->type) && f->type_count) {
		rc = page_table_update(mfn, index, req->val, d, preserve_ad);
		*flush |= !rc && f->type != PV_TYPE_L1;
	} else {
		rc = write_plain(mfn, index, req->val, d);
	}
	page_put_ref(mfn);
	return rc;
}

static int machphys_update(const struct pv_mmu_update *req, const struct domain *d)
{
	uint64_t mfn = req->ptr >> 12;

	if (page_get_ref(mfn, d))
		return -PV_EINVAL;
	m2p_set(mfn, req->val);
	page_put_ref(mfn);
	return 0;
}

/* Foreign requests are refused (-PV_EPERM) when the first one is made. */
static int one_request(const struct pv_mmu_update *req, const struct domain *d,
		       bool foreign, bool *flush)
{
	switch (req->ptr & REQUEST_MASK) {
	case PV_MMU_NORMAL_PT_UPDATE:
	case PV_MMU_PT_UPDATE_PRESERVE_AD:
	case PV_MMU_PT_UPDATE_NO_TRANSLATE: /* PV frames are never translated */
		return foreign ? -PV_EPERM : pt_update(req, d, flush);
	case PV_MMU_MACHPHYS_UPDATE:
		return foreign ? -PV_EPERM : machphys_update(req, d);
	default:
		return -PV_ENOSYS;
	}
}

static long continue_batch(uint64_t ureqs, unsigned int left, uint64_t pdone,
			   unsigned int foreigndom)
{
	uint64_t args[4] = { ureqs, left | MMU_UPDATE_PREEMPTED, pdone, foreigndom };

	return hypercall_continue(PV_HYPERVISOR_mmu_update, 4, args);
}

long do_mmu_update(uint64_t ureqs, unsigned int count, uint64_t pdone,
		   unsigned int foreigndom)
{
	struct domain *d = current_domain();
	unsigned int i = 0, done = 0;
	bool flush = false, foreign = false;
	long rc;

	if (count & MMU_UPDATE_PREEMPTED) {
		count &= ~MMU_UPDATE_PREEMPTED;
		if (pdone)
			copy_from_guest(&done, pdone, sizeof(done));
	}
	if (!pv_guest_addr_ok(ureqs))
		return -PV_EFAULT;
	/* An unknown page-table owner is refused before pdone is touched, as on Xen. */
	if (pt_owner_foreign(d, foreigndom) && !domain_find((foreigndom >> 16) - 1))
		return -PV_ESRCH;
	rc = lookup_foreign(d, foreigndom, &foreign);
	for (; !rc && i < count; i++) {
		struct pv_mmu_update req;

		if (i && hypercall_preempt_check()) {
			rc = continue_batch(ureqs, count - i, pdone, foreigndom);
			break;
		}
		if (copy_from_guest(&req, ureqs, sizeof(req))) {
			rc = -PV_EFAULT;
			break;
		}
		rc = one_request(&req, d, foreign, &flush);
		if (rc)
			break;
		ureqs += sizeof(req);
	}
	if (flush)
		flush_tlb_local();
	if (pdone) {
		done += i;
		copy_to_guest(pdone, &done, sizeof(done));
	}
	return rc;
}
