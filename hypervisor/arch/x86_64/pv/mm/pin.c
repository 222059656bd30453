/*
 * Pinning (MMUEXT_PIN_Ln / MMUEXT_UNPIN_TABLE, as Xen 4.17's do_mmuext_op)
 * and the release of a dying domain's page types.  A pin keeps a table
 * validated while no other table or CPU uses it, so a guest can prepare
 * tables ahead and switch to them cheaply.
 */
#include "hypercall-abi/errno.h"
#include "mm-internal.h"
#include "printk.h"

#define LEAKS_REPORTED 8

int page_pin(uint64_t mfn, const struct domain *d, enum pv_page_type level)
{
	struct frame *f;
	int rc;

	if (!pv_type_is_table(level))
		return -PV_EINVAL;
	rc = page_get_ref_and_type(mfn, d, level);
	if (rc)
		return rc;
	f = frame_get(mfn);
	if (f->type_flags & PV_TYPE_PINNED) {
		page_put_ref_and_type(mfn);
		return -PV_EINVAL;
	}
	f->type_flags |= PV_TYPE_PINNED;
	return 0;
}

int page_unpin(uint64_t mfn, const struct domain *d)
{
	struct frame *f = frame_get(mfn);

	if (!frame_owned_by(f, d) || !(f->type_flags & PV_TYPE_PINNED))
		return -PV_EINVAL;
	f->type_flags &= (uint8_t)~PV_TYPE_PINNED;
	page_put_ref_and_type(mfn);
	return 0;
}

static void report_leak(const struct domain *d, uint64_t mfn, const struct frame *f,
			unsigned int nth)
{
	if (nth < LEAKS_REPORTED)
		printk(LOG_ERR "d%u: frame %#lx still held: %u references, type %u count %u\n",
		       d->domid, (unsigned long)mfn, f->refcount, f->type, f->type_count);
}

void page_types_release_domain(struct domain *d)
{
	uint64_t count = frames_table_size();
	unsigned int leaks = 0;

	/* Unpinning a table releases everything it held, down to the leaves. */
	for (uint64_t mfn = 0; mfn < count; mfn++) {
		if (frame_owned_by(frame_info(mfn), d))
			page_unpin(mfn, d);
	}
	for (uint64_t mfn = 0; mfn < count; mfn++) {
		const struct frame *f = frame_info(mfn);

		if (frame_owned_by(f, d) && (f->refcount || f->type_count))
			report_leak(d, mfn, f, leaks++);
	}
	if (leaks)
		printk(LOG_ERR "d%u: %u frames still referenced after releasing page types\n",
		       d->domid, leaks);
}
