/*
 * The start-of-day virtual layout of an x86-64 PV guest, as Xen's domain
 * builders lay it out (the ABI's start-of-day contract): from the image's
 * VIRT_BASE, in page-aligned order, the kernel, the initrd, the p2m list,
 * the start_info page, for a domU its xenstore and console pages, the
 * initial page tables, one boot-stack page; then the bootstrap area ends
 * at a 4 MiB boundary with at least 512 KiB of slack.  Everything from
 * VIRT_BASE to that end is mapped, with pseudo-physical frame number
 * (va - VIRT_BASE) >> 12.  A kernel that takes its initrd by frame
 * number (XEN_ELFNOTE_MOD_START_PFN) finds it unmapped, in the frames
 * right after the bootstrap area.
 *
 * pv_layout_compute() is pure arithmetic, shared by the hypervisor's
 * builder and its unit tests.
 */
#ifndef PV_LAYOUT_H
#define PV_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

struct pv_layout_request {
	uint64_t virt_base;
	uint64_t kernel_start, kernel_end; /* load range of the image */
	uint64_t initrd_size;		   /* bytes, 0 for none */
	bool unmapped_initrd;		   /* the initrd goes after the area, by pfn */
	uint64_t nr_pages;		   /* the domain's memory */
	bool domu;			   /* adds xenstore and console pages */
};

struct pv_layout {
	uint64_t v_start, v_end;
	uint64_t initrd_va;			/* 0 without a mapped initrd */
	uint64_t initrd_pfn;			/* an unmapped initrd's first pfn */
	uint64_t p2m_va, p2m_size;
	uint64_t start_info_va;
	uint64_t xenstore_va, console_va;	/* domU only, else 0 */
	uint64_t pt_va, nr_pt_frames;		/* L4 first */
	uint64_t stack_va;			/* one page; the stack pointer starts at its end */
	uint64_t l3_count, l2_count, l1_count;	/* tables under the one L4 */
};

/*
 * Fills @out for @req; returns 0, or -1 with a reason in *why when the
 * layout does not fit the domain's memory or the address space.
 */
int pv_layout_compute(const struct pv_layout_request *req, struct pv_layout *out,
		      const char **why);

/* Pseudo-physical frame number of @va in @layout. */
static inline uint64_t pv_layout_pfn(const struct pv_layout *layout, uint64_t va)
{
	return (va - layout->v_start) >> 12;
}

#endif
