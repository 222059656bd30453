/*
 * General and type references of frames (page_type.h).
 *
 * A type count of 0 is the only state in which a frame may change type:
 * that is what keeps a frame from being a page table and writable at once.
 * A table type gets its count (1) before its entries are validated, so
 * anything the validation reaches that names the table again sees it as
 * "in use, not validated" and is refused instead of recursing.
 */
#include "hypercall-abi/errno.h"
#include "mm-internal.h"
#include "panic.h"

int page_get_ref(uint64_t mfn, const struct domain *owner)
{
	struct frame *f = frame_get(mfn);

	if (!frame_owned_by(f, owner) || f->refcount == UINT32_MAX)
		return -PV_EINVAL;
	f->refcount++;
	return 0;
}

void page_put_ref(uint64_t mfn)
{
	struct frame *f = frame_get(mfn);

	if (!f || !f->refcount)
		panic("frame %#lx: general reference count underflow", (unsigned long)mfn);
	if (!--f->refcount)
		domain_frame_unreferenced(mfn);
}

/* 0 -> 1: (re)type the frame and check its contents for the new use. */
static int first_type_ref(uint64_t mfn, struct frame *f, const struct domain *d,
			  enum pv_page_type type)
{
	int rc = 0;

	if (f->type != type) {
		/* No stale translation of the old use may outlive the change. */
		if (f->type != PV_TYPE_NONE)
			pv_flush_for_type_change(d, mfn, f->type, type);
		f->type = type;
	}
	f->type_flags &= (uint8_t)~PV_TYPE_VALIDATED;
	f->type_count = 1;
	if (pv_type_needs_validation(type))
		rc = pt_validate(mfn, type, d);
	if (rc) {
		f->type_count = 0;
		f->type = PV_TYPE_NONE;
		return rc;
	}
	f->type_flags |= PV_TYPE_VALIDATED;
	return 0;
}

int page_get_type(uint64_t mfn, const struct domain *d, enum pv_page_type type)
{
	struct frame *f = frame_get(mfn);

	if (!f || type == PV_TYPE_NONE || type > PV_TYPE_WRITABLE ||
	    f->type_count == UINT32_MAX)
		return -PV_EINVAL;
	if (!f->type_count)
		return first_type_ref(mfn, f, d, type);
	/*
	 * In use: only more of the same type.  A count without the validated
	 * flag means the frame is being validated further up this very call
	 * chain; waiting for that would never end.
	 */
	if (f->type != type || !(f->type_flags & PV_TYPE_VALIDATED))
		return -PV_EINVAL;
	f->type_count++;
	return 0;
}

void page_put_type(uint64_t mfn)
{
	struct frame *f = frame_get(mfn);

	if (!f || !f->type_count)
		panic("frame %#lx: type count underflow", (unsigned long)mfn);
	if (f->type_count == 1) {
		/*
		 * Last reference: the entries' references go at once (a guest
		 * expects to map a table writable right after unpinning it).
		 * The flag goes first, so nothing can take a new reference to a
		 * table whose entries are being released.
		 */
		f->type_flags &= (uint8_t)~PV_TYPE_VALIDATED;
		if (pv_type_is_table(f->type))
			pt_devalidate(mfn, f->type);
		if (f->linear_count)
			panic("frame %#lx: linear count %d left at type count 0",
			      (unsigned long)mfn, f->linear_count);
	}
	f->type_count--;
}

int page_get_ref_and_type(uint64_t mfn, const struct domain *d, enum pv_page_type type)
{
	int rc = page_get_ref(mfn, d);

	if (rc)
		return rc;
	rc = page_get_type(mfn, d, type);
	if (rc)
		page_put_ref(mfn);
	return rc;
}

void page_put_ref_and_type(uint64_t mfn)
{
	page_put_type(mfn);
	page_put_ref(mfn);
}
