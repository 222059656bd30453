/*
 * A PV guest's descriptor tables, as Xen 4.17 keeps them: the GDT frames
 * of set_gdt (hypercall 2, and VCPUOP_initialise through pv_set_gdt), the
 * LDT pages mapped on first use, and update_descriptor (hypercall 10).
 * Every GDT frame and mapped LDT page holds a general and a
 * PV_TYPE_SEG_DESC type reference (so the guest cannot map it writable)
 * until the table is replaced or the domain dies.  The arch shows them to
 * the CPU (pv_descriptor_tables_changed, and at each context switch).
 */
#include "arch/guest_access.h"
#include "arch/pv_segments.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "lib/string.h"
#include "mm-internal.h"

#define DESCS_PER_PAGE 512
#define DESC_BYTES 8

/* Drops the references of @count frames in @frames and zeroes them. */
static void put_frames(uint64_t *frames, unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		if (frames[i])
			page_put_ref_and_type(frames[i]);
		frames[i] = 0;
	}
}

long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int entries)
{
	struct pv_segments *s = &v->arch.seg;
	unsigned int nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
	uint64_t old[GDT_GUEST_PAGES];

	if (entries > PV_FIRST_RESERVED_GDT_ENTRY)
		return -PV_EINVAL;
	for (unsigned int i = 0; i < nr; i++) {
		if (page_get_ref_and_type(frames[i], v->domain, PV_TYPE_SEG_DESC)) {
			while (i--)
				page_put_ref_and_type(frames[i]);
			return -PV_EINVAL;
		}
	}
	memcpy(old, s->gdt_frames, sizeof(old));
	for (unsigned int i = 0; i < GDT_GUEST_PAGES; i++)
		s->gdt_frames[i] = i < nr ? frames[i] : 0;
	s->gdt_ents = entries;
	pv_descriptor_tables_changed(v);
	put_frames(old, GDT_GUEST_PAGES);
	return 0;
}

void pv_destroy_gdt(struct vcpu *v)
{
	pv_set_gdt(v, NULL, 0);
}

void pv_destroy_ldt(struct vcpu *v)
{
	uint64_t old[LDT_PAGES];

	memcpy(old, v->arch.seg.ldt_frames, sizeof(old));
	memset(v->arch.seg.ldt_frames, 0, sizeof(old));
	pv_descriptor_tables_changed(v);
	put_frames(old, LDT_PAGES);
}

long do_set_gdt(uint64_t frame_list, unsigned int entries)
{
	uint64_t frames[GDT_GUEST_PAGES];

	/* Checked again by pv_set_gdt; here it bounds the copy. */
	if (entries > PV_FIRST_RESERVED_GDT_ENTRY)
		return -PV_EINVAL;
	if (copy_from_guest(frames, frame_list,
			    (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE * sizeof(uint64_t)))
		return -PV_EFAULT;
	return pv_set_gdt(calling_vcpu(), frames, entries);
}

int pv_map_ldt_page(struct vcpu *v, unsigned int page)
{
	uint64_t va = v->arch.ldt_base + (uint64_t)page * PAGE_SIZE, l1, e, mfn;
	const uint64_t *entries;

	if (page >= LDT_PAGES || (uint64_t)page * DESCS_PER_PAGE >= v->arch.ldt_ents ||
	    v->arch.seg.ldt_frames[page])
		return -1;
	if (guest_walk_root_to_l1(v->arch.kernel_cr3 >> 12, va, &l1) ||
	    !(entries = pv_frame_table_entries(l1)))
		return -1;
	e = entries[pt_index(va, 1)];
	mfn = pte_mfn(e);
	if (!(e & PTE_P) || page_get_ref_and_type(mfn, v->domain, PV_TYPE_SEG_DESC))
		return -1;
	v->arch.seg.ldt_frames[page] = mfn;
	pv_descriptor_tables_changed(v);
	return 0;
}

/*
 * As Xen: misalignment or a descriptor the guest may not have is -EINVAL,
 * and so is a frame that is not the caller's or that cannot be written
 * (a page table); a descriptor page in use takes the new entry as well.
 */
long do_update_descriptor(uint64_t maddr, uint64_t desc)
{
	const struct domain *d = current_domain();
	uint64_t mfn = maddr >> PAGE_SHIFT;
	enum pv_page_type type = PV_TYPE_WRITABLE;
	const struct frame *f;

	if ((maddr & (DESC_BYTES - 1)) || !pv_descriptor_check(d, &desc))
		return -PV_EINVAL;
	if (page_get_ref(mfn, d))
		return -PV_EINVAL;
	f = frame_get(mfn);
	if (f->type == PV_TYPE_SEG_DESC)
		type = PV_TYPE_SEG_DESC;
	if (page_get_type(mfn, d, type)) {
		page_put_ref(mfn);
		return -PV_EINVAL;
	}
	pv_frame_table_entries(mfn)[(maddr & (PAGE_SIZE - 1)) / DESC_BYTES] = desc;
	page_put_ref_and_type(mfn);
	return 0;
}
