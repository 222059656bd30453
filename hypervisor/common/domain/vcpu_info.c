/* Moving a vCPU's vcpu_info into a guest page (see vcpu_info.h). */
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "lib/string.h"
#include "page_type.h"
#include "vcpu_info.h"

#define PAGE_BYTES 4096u

long vcpu_info_register(struct vcpu *v, uint64_t mfn, uint32_t offset)
{
	struct pv_vcpu_info *old = vcpu_shared_info(v), *new;

	if (offset > PAGE_BYTES - sizeof(*new) || offset % _Alignof(struct pv_vcpu_info))
		return -PV_ENXIO;
	if (v->vcpu_info)
		return -PV_EINVAL;
	if (v != calling_vcpu() && v->state != VCPU_DOWN)
		return -PV_EINVAL;
	if (page_get_ref_and_type(mfn, v->domain, PV_TYPE_WRITABLE))
		return -PV_EINVAL;
	new = (struct pv_vcpu_info *)((uint8_t *)pv_frame_table_entries(mfn) + offset);
	if (old) {
		memcpy(new, old, sizeof(*new));
	} else {
		memset(new, 0, sizeof(*new));
		new->evtchn_upcall_mask = 1;
	}
	v->vcpu_info = new;
	v->vcpu_info_mfn = mfn;
	/* A spurious scan of every word is harmless; a lost event is not. */
	__atomic_store_n(&new->evtchn_pending_sel, ~0ull, __ATOMIC_SEQ_CST);
	evtchn_mark_upcall_pending(v);
	return 0;
}

void vcpu_info_release(struct vcpu *v)
{
	if (!v->vcpu_info)
		return;
	page_put_ref_and_type(v->vcpu_info_mfn);
	v->vcpu_info = NULL;
}
