/* Memory helpers of the test-kernel library (see guest_mm.h). */
#include "guest_mm.h"

uint64_t mfn_to_va(uint64_t mfn)
{
	static struct {
		uint64_t mfn, va;
	} cache[4];
	static unsigned int next;

	for (unsigned int i = 0; i < 4; i++) {
		if (cache[i].va && cache[i].mfn == mfn)
			return cache[i].va;
	}
	for (uint64_t pfn = 0; pfn < boot_start_info->nr_pages; pfn++) {
		if (pfn_to_mfn(pfn) == mfn) {
			cache[next].mfn = mfn;
			cache[next].va = pfn_to_va(pfn);
			next = (next + 1) % 4;
			return pfn_to_va(pfn);
		}
	}
	return 0;
}

uint64_t bootstrap_end(void)
{
	const uint64_t align = 4ul << 20, slack = 512ul << 10;
	uint64_t stack_end = boot_start_info->pt_base +
			     (boot_start_info->nr_pt_frames + 1) * PAGE_SIZE;
	uint64_t end = (stack_end + align - 1) & ~(align - 1);

	return end - stack_end < slack ? end + align : end;
}

/* Whether our frame at @va is mapped by the bootstrap area. */
static bool in_bootstrap_area(uint64_t va)
{
	uint64_t pt_end = boot_start_info->pt_base + boot_start_info->nr_pt_frames * PAGE_SIZE;

	return va >= GUEST_VIRT_BASE && va < pt_end;
}

const volatile uint64_t *pt_entry(uint64_t va, unsigned int level, uint64_t *table_mfn)
{
	uint64_t table_va = boot_start_info->pt_base;

	for (unsigned int l = 4;; l--) {
		const volatile uint64_t *t = (const volatile uint64_t *)table_va;
		uint64_t e;

		if (l == level) {
			if (table_mfn)
				*table_mfn = va_to_mfn(t);
			return &t[pt_index(va, l)];
		}
		e = t[pt_index(va, l)];
		if (!(e & PTE_P) || (l < 4 && (e & PTE_PS)))
			return NULL;
		table_va = mfn_to_va(pte_mfn(e));
		if (!in_bootstrap_area(table_va))
			return NULL;
	}
}
