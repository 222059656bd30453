/*
 * start_info and the start-of-day layout.
 *
 * Checks every start_info field against what the domain was given (the
 * command line says: "role=dom0|domU pages=N [initrd=lines]"), then the
 * bootstrap layout of the ABI: kernel, initrd, p2m, start_info, (domU)
 * xenstore and console pages, page tables, boot stack, each page-aligned
 * and in that order; RSP at entry at the end of the stack page.  Then it
 * walks the bootstrap page tables from pt_base: every page of
 * [VIRT_BASE, v_end) maps pfn (va - VIRT_BASE) >> 12 present and user,
 * writable except the page-table pages; v_end is 4 MiB aligned with at
 * least 512 KiB beyond the stack; nothing else is mapped in the guest's
 * half; the hypervisor's L4 slots are filled.  The command line is
 * printed for the runner to compare.
 *
 * With "initrd=N" the initrd must hold N lines "initrd line %04u\n".
 * A large .bss (which must arrive zeroed) makes the bootstrap area span
 * several L1 tables and end 4 MiB further than the stack's 4 MiB
 * boundary, for want of 512 KiB of slack.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/platform.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define MAX_PAGES 8192
#define SLACK_MIN (512ul << 10)
#define AREA_ALIGN (4ul << 20)

static uint64_t sorted[MAX_PAGES];
static uint64_t big_bss[(3584ul << 10) / 8];
static const struct pv_start_info *si;
static const uint64_t *p2m;

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static bool in_pt_area(uint64_t va)
{
	return va >= si->pt_base && va < si->pt_base + si->nr_pt_frames * PAGE_SIZE;
}

/* The table an entry points to, checked to be one of the bootstrap tables. */
static const uint64_t *next_table(uint64_t entry, uint64_t va, unsigned int level)
{
	uint64_t table = mfn_to_va((entry & PTE_ADDR) >> 12);

	if (!(entry & PTE_US) || (entry & PTE_PS) || !in_pt_area(table)) {
		test_fail(__FILE__, __LINE__, "L%u entry %#lx for %#lx: not a user table in the "
			  "bootstrap tables (at %#lx)", level, entry, va, table);
		return NULL;
	}
	return (const uint64_t *)table;
}

/* The L1 entry for @va, 0 if some level above is not present. */
static uint64_t lookup(uint64_t va, bool *bad)
{
	const uint64_t *t = (const uint64_t *)si->pt_base;

	for (unsigned int level = 4; level > 1; level--) {
		uint64_t e = t[pt_index(va, level)];

		if (!(e & PTE_P))
			return 0;
		t = next_table(e, va, level);
		if (!t) {
			*bad = true;
			return 0;
		}
	}
	return t[pt_index(va, 1)];
}

static void shell_sort(uint64_t *a, uint64_t n)
{
	for (uint64_t gap = n / 2; gap; gap /= 2) {
		for (uint64_t i = gap; i < n; i++) {
			uint64_t v = a[i], j = i;

			for (; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

static void check_p2m(void)
{
	uint64_t n = si->nr_pages;

	CHECK(n <= MAX_PAGES);
	if (n > MAX_PAGES)
		return;
	memcpy(sorted, p2m, n * sizeof(*p2m));
	shell_sort(sorted, n);
	CHECK(sorted[0] != 0);
	for (uint64_t i = 1; i < n; i++) {
		if (sorted[i] == sorted[i - 1]) {
			test_fail(__FILE__, __LINE__, "mfn %#lx twice in the p2m", sorted[i]);
			break;
		}
	}
	for (uint64_t i = 0; i < n; i++)
		CHECK(sorted[i] != si->shared_info >> 12);
	printf("start_info: p2m: %lu distinct frames, %#lx..%#lx\n", n, sorted[0],
	       sorted[n - 1]);
}

static void check_initrd(unsigned long lines)
{
	const char *p = (const char *)si->mod_start;
	uint64_t off = 0;
	char line[32];

	CHECK(si->mod_start == align_up((uint64_t)_end, PAGE_SIZE));
	CHECK_EQ(si->mod_len, lines * 17);
	if (si->mod_len != lines * 17)
		return;
	for (unsigned long i = 0; i < lines; i++) {
		int len = snprintf(line, sizeof(line), "initrd line %04lu\n", i);

		if (memcmp(p + off, line, (size_t)len)) {
			test_fail(__FILE__, __LINE__, "initrd line %lu differs", i);
			return;
		}
		off += (uint64_t)len;
	}
	printf("start_info: initrd: %lu bytes at %#lx as expected\n", si->mod_len, si->mod_start);
}

static void check_fields(bool dom0, unsigned long pages, const char *initrd)
{
	uint64_t si_va = (uint64_t)si;
	size_t cmd_len = strnlen((const char *)si->cmd_line, PV_MAX_GUEST_CMDLINE);

	CHECK(!memcmp(si->magic, "xen-3.0-x86_64", 15));
	for (size_t i = 15; i < sizeof(si->magic); i++)
		CHECK_EQ(si->magic[i], 0);
	CHECK_EQ(si->nr_pages, pages);
	CHECK(si->shared_info != 0);
	CHECK_EQ(si->shared_info & (PAGE_SIZE - 1), 0);
	/* Dom0 also hears that the hypervisor controls C and P states (Xen's default). */
	CHECK_EQ(si->flags, dom0 ? PV_SIF_PRIVILEGED | PV_SIF_INITDOMAIN |
				       (PV_XEN_PROCESSOR_PM_CX | PV_XEN_PROCESSOR_PM_PX) << 8
				 : 0);
	CHECK_EQ(si_va & (PAGE_SIZE - 1), 0);
	if (dom0) {
		CHECK_EQ(si->store_mfn, 0);
		if (si->console.dom0.info_off)
			CHECK(si->console.dom0.info_off >= sizeof(*si) &&
			      si->console.dom0.info_off + si->console.dom0.info_size <= PAGE_SIZE);
	} else {
		uint64_t pfn = (si_va - GUEST_VIRT_BASE) / PAGE_SIZE;

		CHECK(si->store_mfn != 0);
		CHECK(si->console.domU.mfn != 0);
		CHECK_EQ(si->store_mfn, p2m[pfn + 1]);
		CHECK_EQ(si->console.domU.mfn, p2m[pfn + 2]);
		for (uint64_t i = 0; i < 2 * PAGE_SIZE / 8; i++) {
			if (((const uint64_t *)(si_va + PAGE_SIZE))[i]) {
				test_fail(__FILE__, __LINE__, "xenstore/console page not zeroed");
				break;
			}
		}
		printf("start_info: store mfn %#lx, console mfn %#lx\n", si->store_mfn,
		       si->console.domU.mfn);
	}
	CHECK_EQ(si->pt_base & (PAGE_SIZE - 1), 0);
	CHECK(si->nr_pt_frames >= 4);
	CHECK_EQ(si->first_p2m_pfn, 0);
	CHECK_EQ(si->nr_p2m_frames, 0);
	CHECK(cmd_len < PV_MAX_GUEST_CMDLINE);
	printf("start_info: cmd_line '%s'\n", (const char *)si->cmd_line);
	if (initrd) {
		unsigned long lines = 0;

		CHECK(!parse_ulong(initrd, NULL, &lines));
		check_initrd(lines);
	} else {
		CHECK_EQ(si->mod_start, 0);
		CHECK_EQ(si->mod_len, 0);
	}
}

/* The order of the bootstrap area and the entry stack pointer. */
static void check_layout(bool dom0)
{
	uint64_t si_va = (uint64_t)si, p2m_start = align_up((uint64_t)_end, PAGE_SIZE);

	if (si->mod_len)
		p2m_start = align_up(si->mod_start + si->mod_len, PAGE_SIZE);
	CHECK_EQ(si->mfn_list, p2m_start);
	CHECK_EQ(si_va, si->mfn_list + align_up(si->nr_pages * 8, PAGE_SIZE));
	CHECK_EQ(si->pt_base, si_va + (dom0 ? 1 : 3) * PAGE_SIZE);
	CHECK_EQ(boot_rsp, si->pt_base + si->nr_pt_frames * PAGE_SIZE + PAGE_SIZE);
	CHECK_EQ((uint64_t)boot_start_info, si_va);
	printf("start_info: p2m %#lx, start_info %#lx, pt_base %#lx (%lu frames), rsp %#lx\n",
	       si->mfn_list, si_va, si->pt_base, si->nr_pt_frames, boot_rsp);
}

/* Walks [VIRT_BASE, v_end) page by page; returns v_end (0 on a bad table). */
static uint64_t check_area(void)
{
	uint64_t va, limit = GUEST_VIRT_BASE + si->nr_pages * PAGE_SIZE;
	unsigned int errors = 0;
	bool bad = false;

	for (va = GUEST_VIRT_BASE; va < limit; va += PAGE_SIZE) {
		uint64_t pte = lookup(va, &bad), pfn = (va - GUEST_VIRT_BASE) / PAGE_SIZE;
		bool want_rw = !in_pt_area(va);

		if (bad)
			return 0;
		if (!(pte & PTE_P))
			break;
		if ((!(pte & PTE_US) || !!(pte & PTE_RW) != want_rw ||
		     (pte & PTE_ADDR) >> 12 != p2m[pfn]) && errors++ < 5)
			test_fail(__FILE__, __LINE__, "pte %#lx for %#lx: want mfn %#lx, user, %s",
				  pte, va, p2m[pfn], want_rw ? "writable" : "read-only");
	}
	return va;
}

/* Nothing but the bootstrap area (and the hypervisor's slots) is mapped. */
static void check_nothing_else(uint64_t v_end)
{
	const uint64_t *l4 = (const uint64_t *)si->pt_base, *l3;
	uint64_t va;
	bool bad = false;

	/* The rest of the last L1 table, if v_end is inside one. */
	for (va = v_end; va & ((1ul << 21) - 1); va += PAGE_SIZE) {
		if (lookup(va, &bad) & PTE_P)
			test_fail(__FILE__, __LINE__, "%#lx mapped beyond v_end %#lx", va, v_end);
	}
	/* The rest of the L2 table and of the L3 table. */
	for (; va & ((1ul << 30) - 1); va += 1ul << 21) {
		const uint64_t *t3 = next_table(l4[pt_index(va, 4)], va, 4);
		const uint64_t *l2 = t3 ? next_table(t3[pt_index(va, 3)], va, 3) : NULL;

		if (!l2)
			return;
		if (l2[pt_index(va, 2)] & PTE_P)
			test_fail(__FILE__, __LINE__, "L2 entry for %#lx present", va);
	}
	l3 = next_table(l4[pt_index(GUEST_VIRT_BASE, 4)], GUEST_VIRT_BASE, 4);
	for (unsigned int i = 0; l3 && i < PT_ENTRIES; i++) {
		if (i != pt_index(GUEST_VIRT_BASE, 3) && (l3[i] & PTE_P))
			test_fail(__FILE__, __LINE__, "L3 slot %u present", i);
	}
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (i >= 256 && i < 272)
			continue;
		if (i != pt_index(GUEST_VIRT_BASE, 4) && (l4[i] & PTE_P))
			test_fail(__FILE__, __LINE__, "L4 slot %u present: %#lx", i, l4[i]);
	}
	/* The hypervisor's slots: read the entries only. */
	CHECK(l4[261] & PTE_P);
	CHECK(l4[262] & PTE_P);
	printf("start_info: hypervisor L4 slots 256-271:");
	for (unsigned int i = 256; i < 272; i++)
		printf(" %c", l4[i] & PTE_P ? 'P' : '-');
	printf("\n");
}

void test_main(const struct pv_start_info *start)
{
	char role[8], pages[16], initrd_buf[16];
	const char *initrd = cmdline_value("initrd", initrd_buf, sizeof(initrd_buf));
	unsigned long want_pages = 0;
	uint64_t v_end;
	bool dom0;

	si = start;
	p2m = (const uint64_t *)si->mfn_list;
	CHECK(cmdline_value("role", role, sizeof(role)) != NULL);
	CHECK(cmdline_value("pages", pages, sizeof(pages)) != NULL);
	CHECK(!parse_ulong(pages, NULL, &want_pages));
	dom0 = !strcmp(role, "dom0");
	printf("start_info: %s, %lu pages\n", dom0 ? "dom0" : "domU", si->nr_pages);
	check_fields(dom0, want_pages, initrd);
	for (size_t i = 0; i < sizeof(big_bss) / sizeof(big_bss[0]); i++) {
		if (big_bss[i]) {
			test_fail(__FILE__, __LINE__, ".bss not zeroed at %p", (void *)&big_bss[i]);
			break;
		}
	}
	if (si->nr_pages != want_pages || si->nr_pages > MAX_PAGES)
		return;
	check_p2m();
	check_layout(dom0);
	v_end = check_area();
	printf("start_info: bootstrap area [%#lx, %#lx)\n", GUEST_VIRT_BASE, v_end);
	CHECK(v_end != 0);
	if (!v_end)
		return;
	CHECK_EQ(v_end & (AREA_ALIGN - 1), 0);
	CHECK(v_end >= boot_rsp + SLACK_MIN);
	CHECK(v_end - AREA_ALIGN < boot_rsp + SLACK_MIN);	/* not larger than needed */
	check_nothing_else(v_end);
}
