/* Start-of-day layout of a PV guest (see pv_layout.h). */
#include "compiler.h"
#include "pv_layout.h"

#define PAGE 0x1000ull
#define SLACK_ALIGN (4ull << 20)
#define SLACK_MIN (512ull << 10)

/* Tables needed at one level to cover [start, end) with 2^shift-byte slots. */
static uint64_t tables_for(uint64_t start, uint64_t end, unsigned shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

static void count_tables(uint64_t start, uint64_t end, struct pv_layout *out)
{
	out->l1_count = tables_for(start, end, 21);
	out->l2_count = tables_for(start, end, 30);
	out->l3_count = tables_for(start, end, 39);
}

static uint64_t area_end(uint64_t stack_end)
{
	uint64_t end = ALIGN_UP(stack_end, SLACK_ALIGN);

	if (end - stack_end < SLACK_MIN)
		end += SLACK_ALIGN;
	return end;
}

/* Adds @size bytes, page-rounded, at *va; returns where it went, 0 on overflow. */
static uint64_t place(uint64_t *va, uint64_t size)
{
	uint64_t at = *va, rounded = ALIGN_UP(size, PAGE);

	if (rounded < size || at + rounded < at)
		return 0;
	*va = at + rounded;
	return at;
}

int pv_layout_compute(const struct pv_layout_request *req, struct pv_layout *out,
		      const char **why)
{
	uint64_t va;

	*out = (struct pv_layout){ .v_start = req->virt_base };
	if (req->kernel_start < req->virt_base || req->kernel_end < req->kernel_start ||
	    req->nr_pages == 0 || req->nr_pages > (1ull << 40)) {
		*why = "kernel below VIRT_BASE, or no memory";
		return -1;
	}
	va = ALIGN_UP(req->kernel_end, PAGE);
	if (req->initrd_size && !req->unmapped_initrd) {
		out->initrd_va = place(&va, req->initrd_size);
		if (!out->initrd_va) {
			*why = "the initrd does not fit in the address space";
			return -1;
		}
	}
	out->p2m_size = req->nr_pages * 8;
	out->p2m_va = place(&va, out->p2m_size);
	out->start_info_va = place(&va, PAGE);
	if (req->domu) {
		out->xenstore_va = place(&va, PAGE);
		out->console_va = place(&va, PAGE);
	}
	out->pt_va = va;
	/* The tables must map themselves: grow until the count is stable. */
	for (out->nr_pt_frames = 1;; out->nr_pt_frames++) {
		uint64_t stack_end = out->pt_va + (out->nr_pt_frames + 1) * PAGE;

		if (stack_end < out->pt_va || stack_end > UINT64_MAX - 2 * SLACK_ALIGN) {
			*why = "bootstrap area wraps the address space";
			return -1;
		}
		out->v_end = area_end(stack_end);
		count_tables(out->v_start, out->v_end, out);
		if (1 + out->l3_count + out->l2_count + out->l1_count <= out->nr_pt_frames)
			break;
	}
	out->stack_va = out->pt_va + out->nr_pt_frames * PAGE;
	if (!out->p2m_va || (out->v_end - out->v_start) / PAGE > req->nr_pages) {
		*why = "the bootstrap area is larger than the domain's memory";
		return -1;
	}
	if (req->initrd_size && req->unmapped_initrd) {
		out->initrd_pfn = (out->v_end - out->v_start) / PAGE;
		if (ALIGN_UP(req->initrd_size, PAGE) / PAGE > req->nr_pages - out->initrd_pfn) {
			*why = "the initrd does not fit in the domain's memory";
			return -1;
		}
	}
	return 0;
}
