/*
 * mmuext_op from inside a guest (run as dom0 and as a domU).
 *
 * Frames beyond the bootstrap area (ours, mapped nowhere) are prepared
 * through a "window", a page of our .bss remapped to them with
 * update_va_mapping: a chain L4 -> L3 -> L2 -> L1 -> DATA, where the L4
 * also carries the bootstrap L4's guest entries (so it maps the kernel)
 * and slot 1 maps DATA at TEST_VA; a second L4 with only the bootstrap
 * entries; a page of garbage.  Then:
 *  - pins at each level, and the errors: a frame mapped writable, garbage
 *    as an L2, pinning twice, unpinning what is not pinned, frames that
 *    are not ours;
 *  - NEW_BASEPTR to the new L4 (TEST_VA then shows DATA) and back, to an
 *    unpinned L4 (validated on the way in, released on the way out), to
 *    frames that are no L4; NEW_USER_BASEPTR set, repeated, cleared;
 *  - every TLB flush and INVLPG variant: the window is remapped without a
 *    flush, and after the operation it must show the new frame;
 *  - FLUSH_CACHE (dom0 only), COPY_PAGE / CLEAR_PAGE with their contents
 *    checked, SET_LDT's checks, unsupported commands, a batch stopping at
 *    a failure, foreign domains and bad pointers.
 * Some tables stay pinned and a user root stays set: the domain's
 * teardown must return every frame anyway (the runner checks).  A domU's
 * command line gives its id ("domid=N").
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"
#include "lib/string.h"

#define FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define TABLE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A)
#define TEST_SLOT 1
#define TEST_VA ((uint64_t)TEST_SLOT << 39)
#define HV_VA 0xffff830000000000ul
#define UNMAPPED_VA 0x100000000000ul
#define NONCANON_VA 0x0000800000000000ul
#define BAD_MFN 0xfffffffful

/* The spare frames, by pfn offset from the end of the bootstrap area. */
enum { L1, L2, L3, L4, DATA, L4B, GARBAGE, PAGE_A, PAGE_B, NR_SPARE };

static volatile uint64_t window[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t ldt_page[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t spare_pfn, boot_l4;
static bool dom0;
static unsigned long self_domid; /* "domid=N" on the command line, else 0 */

static uint64_t mfn(unsigned int spare)
{
	return pfn_to_mfn(spare_pfn + spare);
}

/* ---- Hypercalls ---- */

static long mmuext(const struct pv_mmuext_op *ops, unsigned int count, unsigned int *done,
		   unsigned int foreigndom)
{
	return hypercall(PV_HYPERVISOR_mmuext_op, (uint64_t)ops, count, (uint64_t)done,
			 foreigndom, 0);
}

static long op(uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
	struct pv_mmuext_op o = { .cmd = cmd, .arg1.mfn = arg1, .arg2.src_mfn = arg2 };

	return mmuext(&o, 1, NULL, PV_DOMID_SELF);
}

static long map_window_flags(uint64_t frame, uint64_t flags)
{
	return HYPERCALL3(update_va_mapping, (uint64_t)window, frame << 12 | FLAGS, flags);
}

/* The window shows @frame (writable), or our own page again. */
static void map_window(uint64_t frame)
{
	CHECK_EQ(map_window_flags(frame, PV_UVMF_INVLPG | PV_UVMF_LOCAL), 0);
}

static void unmap_window(void)
{
	map_window(va_to_mfn(window));
}

static void fill(uint64_t frame, uint64_t base)
{
	map_window(frame);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		window[i] = base + i;
	unmap_window();
}

/* Whether @frame holds base + i in each entry i (0: all zero). */
static bool holds(uint64_t frame, uint64_t base)
{
	bool ok = true;

	map_window(frame);
	for (unsigned int i = 0; i < PT_ENTRIES && ok; i++)
		ok = window[i] == (base ? base + i : 0);
	unmap_window();
	return ok;
}

/* ---- The tables ---- */

static void build_tables(void)
{
	const volatile uint64_t *boot = (const volatile uint64_t *)boot_start_info->pt_base;

	fill(mfn(DATA), 0xda7a0000);
	fill(mfn(GARBAGE), 0x8badf00ddeadbeef);
	map_window(mfn(L1));
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		window[i] = 0;
	window[0] = mfn(DATA) << 12 | FLAGS;
	map_window(mfn(L2));
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		window[i] = 0;
	window[0] = mfn(L1) << 12 | TABLE_FLAGS;
	map_window(mfn(L3));
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		window[i] = 0;
	window[0] = mfn(L2) << 12 | TABLE_FLAGS;
	/* Both roots get the bootstrap L4's guest entries (its kernel mapping). */
	for (unsigned int k = 0; k < 2; k++) {
		map_window(mfn(k ? L4B : L4));
		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			window[i] = i >= 256 && i < 272 ? 0 : boot[i];
	}
	map_window(mfn(L4));
	CHECK_EQ(window[TEST_SLOT], 0);
	window[TEST_SLOT] = mfn(L3) << 12 | TABLE_FLAGS;
	unmap_window();
}

static void check_pins(void)
{
	/* Mapped writable (by the window): in use as another type. */
	map_window(mfn(L1));
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, mfn(L1), 0), -PV_EINVAL);
	unmap_window();
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, mfn(L1), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, mfn(L1), 0), -PV_EINVAL);
	/* A pinned table cannot be mapped writable, only read. */
	CHECK_EQ(map_window_flags(mfn(L1), PV_UVMF_INVLPG), -PV_EBUSY);
	/* Garbage is no L2, and is left as it was. */
	CHECK_EQ(op(PV_MMUEXT_PIN_L2_TABLE, mfn(GARBAGE), 0), -PV_EINVAL);
	CHECK(holds(mfn(GARBAGE), 0x8badf00ddeadbeef));
	/* Not pinned. */
	CHECK_EQ(op(PV_MMUEXT_UNPIN_TABLE, mfn(DATA), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_UNPIN_TABLE, mfn(L2), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_PIN_L2_TABLE, mfn(L2), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_PIN_L3_TABLE, mfn(L3), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_PIN_L4_TABLE, mfn(L4), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_PIN_L4_TABLE, mfn(L4), 0), -PV_EINVAL);
	/* In use as another level; the bootstrap L4 is pinned already. */
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, mfn(L2), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_PIN_L4_TABLE, boot_l4, 0), -PV_EINVAL);
	/* Not our frames. */
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, 0, 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, BAD_MFN, 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_UNPIN_TABLE, BAD_MFN, 0), -PV_EINVAL);
	/* Unpin and pin again: the L1 stays validated by the L2's entry meanwhile. */
	CHECK_EQ(op(PV_MMUEXT_UNPIN_TABLE, mfn(L1), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_UNPIN_TABLE, mfn(L1), 0), -PV_EINVAL);
	CHECK_EQ(map_window_flags(mfn(L1), PV_UVMF_INVLPG), -PV_EBUSY);
	CHECK_EQ(op(PV_MMUEXT_PIN_L1_TABLE, mfn(L1), 0), 0);
	printf("mmuext: pinned L1-L4 at pfns %#lx-%#lx\n", spare_pfn + L1, spare_pfn + L4);
}

static void check_base_pointers(void)
{
	volatile uint64_t *test = (volatile uint64_t *)TEST_VA;

	/* Frames that are no L4. */
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(L1), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(GARBAGE), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(DATA), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, BAD_MFN, 0), -PV_EINVAL);
	/* The new root maps the kernel, and DATA at TEST_VA. */
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(L4), 0), 0);
	CHECK_EQ(test[0], 0xda7a0000);
	CHECK_EQ(test[511], 0xda7a0000 + 511);
	test[1] = 0x5eed;
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(L4), 0), 0);
	CHECK_EQ(test[1], 0x5eed);
	printf("mmuext: running on the new L4\n");
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, boot_l4, 0), 0);
	map_window(mfn(DATA));
	CHECK_EQ(window[1], 0x5eed);
	unmap_window();
	/* An unpinned root: validated as it is loaded, released when left. */
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, mfn(L4B), 0), 0);
	CHECK_EQ(map_window_flags(mfn(L4B), PV_UVMF_INVLPG), -PV_EBUSY);
	CHECK_EQ(op(PV_MMUEXT_NEW_BASEPTR, boot_l4, 0), 0);
	map_window(mfn(L4B));
	unmap_window();
	/* The user root. */
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, mfn(GARBAGE), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, mfn(L1), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, mfn(L4B), 0), 0);
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, mfn(L4B), 0), 0);
	CHECK_EQ(map_window_flags(mfn(L4B), PV_UVMF_INVLPG), -PV_EBUSY);
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);
	map_window(mfn(L4B));
	unmap_window();
	/* Left set, unpinned: the domain's teardown must release it. */
	CHECK_EQ(op(PV_MMUEXT_NEW_USER_BASEPTR, mfn(L4B), 0), 0);
	printf("mmuext: switched roots and back\n");
}

/*
 * The window shows PAGE_A; it is remapped to PAGE_B with no flush, then
 * @o (one flush operation) must make it show PAGE_B.
 */
static void check_flush(const char *name, uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
	map_window(mfn(PAGE_A));
	CHECK_EQ(window[7], 0xa0000 + 7);
	CHECK_EQ(map_window_flags(mfn(PAGE_B), PV_UVMF_NONE), 0);
	CHECK_EQ(op(cmd, arg1, arg2), 0);
	if (window[7] != 0xb0000 + 7)
		test_fail(__FILE__, __LINE__, "%s: the window still shows %#lx", name, window[7]);
	unmap_window();
}

static void check_tlb_ops(void)
{
	static uint64_t mask = 1;
	uint64_t w = (uint64_t)window;

	fill(mfn(PAGE_A), 0xa0000);
	fill(mfn(PAGE_B), 0xb0000);
	check_flush("TLB_FLUSH_LOCAL", PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	check_flush("INVLPG_LOCAL", PV_MMUEXT_INVLPG_LOCAL, w, 0);
	check_flush("TLB_FLUSH_MULTI", PV_MMUEXT_TLB_FLUSH_MULTI, 0, (uint64_t)&mask);
	check_flush("INVLPG_MULTI", PV_MMUEXT_INVLPG_MULTI, w, (uint64_t)&mask);
	check_flush("TLB_FLUSH_ALL", PV_MMUEXT_TLB_FLUSH_ALL, 0, 0);
	check_flush("INVLPG_ALL", PV_MMUEXT_INVLPG_ALL, w, 0);
	/* A vCPU bitmap that cannot be read is -EINVAL; other addresses are ignored. */
	CHECK_EQ(op(PV_MMUEXT_TLB_FLUSH_MULTI, 0, UNMAPPED_VA), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_INVLPG_MULTI, w, HV_VA), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_INVLPG_LOCAL, NONCANON_VA, 0), 0);
	CHECK_EQ(op(PV_MMUEXT_INVLPG_LOCAL, HV_VA, 0), 0);
	CHECK_EQ(op(PV_MMUEXT_INVLPG_ALL, HV_VA, 0), 0);
	CHECK_EQ(op(PV_MMUEXT_INVLPG_MULTI, NONCANON_VA, (uint64_t)&mask), 0);
	/* Cache flushes need device access: dom0's. */
	CHECK_EQ(op(PV_MMUEXT_FLUSH_CACHE, 0, 0), dom0 ? 0 : -PV_EACCES);
	CHECK_EQ(op(PV_MMUEXT_FLUSH_CACHE_GLOBAL, 0, 0), dom0 ? 0 : -PV_EINVAL);
	printf("mmuext: every flush shows the new mapping\n");
}

static void check_copy_clear(void)
{
	fill(mfn(PAGE_A), 0xc0000);
	fill(mfn(PAGE_B), 0xd0000);
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, mfn(PAGE_B), mfn(PAGE_A)), 0);
	CHECK(holds(mfn(PAGE_B), 0xc0000));
	CHECK(holds(mfn(PAGE_A), 0xc0000));
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, mfn(PAGE_A), 0), 0);
	CHECK(holds(mfn(PAGE_A), 0));
	/* While mapped writable: the mapping sees the new contents. */
	map_window(mfn(PAGE_B));
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, mfn(PAGE_B), 0), 0);
	CHECK_EQ(window[5], 0);
	unmap_window();
	/* A page table may be the source, never the destination. */
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, mfn(PAGE_A), mfn(L1)), 0);
	map_window(mfn(PAGE_A));
	CHECK_EQ(pte_mfn(window[0]), mfn(DATA));
	unmap_window();
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, mfn(L1), mfn(PAGE_B)), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, boot_l4, mfn(PAGE_B)), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, mfn(L2), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, boot_l4, 0), -PV_EINVAL);
	/* Not our frames. */
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, mfn(PAGE_B), 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_COPY_PAGE, BAD_MFN, mfn(PAGE_B)), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, BAD_MFN, 0), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_CLEAR_PAGE, 0, 0), -PV_EINVAL);
	printf("mmuext: pages copied and cleared\n");
}

static void check_ldt(void)
{
	uint64_t base = (uint64_t)ldt_page;

	CHECK_EQ(op(PV_MMUEXT_SET_LDT, base, 16), 0);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, base + 8, 16), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, base, 8193), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, HV_VA, 1), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, NONCANON_VA, 1), -PV_EINVAL);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, base, 8192), 0);
	CHECK_EQ(op(PV_MMUEXT_SET_LDT, HV_VA + 1, 0), 0);
	printf("mmuext: SET_LDT checked\n");
}

static void check_batches(void)
{
	struct pv_mmuext_op ops[3] = {
		{ .cmd = PV_MMUEXT_TLB_FLUSH_LOCAL },
		{ .cmd = PV_MMUEXT_PIN_L1_TABLE, .arg1.mfn = mfn(L1) },
		{ .cmd = PV_MMUEXT_TLB_FLUSH_LOCAL },
	};
	unsigned int done = 99;

	CHECK_EQ(mmuext(ops, 3, &done, PV_DOMID_SELF), -PV_EINVAL);
	CHECK_EQ(done, 1);
	ops[1].cmd = PV_MMUEXT_TLB_FLUSH_ALL;
	CHECK_EQ(mmuext(ops, 3, &done, PV_DOMID_SELF), 0);
	CHECK_EQ(done, 3);
	CHECK_EQ(mmuext(ops, 0, &done, PV_DOMID_SELF), 0);
	CHECK_EQ(done, 0);
	/* Unsupported and unknown commands. */
	CHECK_EQ(op(PV_MMUEXT_MARK_SUPER, mfn(DATA), 0), -PV_EOPNOTSUPP);
	CHECK_EQ(op(PV_MMUEXT_UNMARK_SUPER, mfn(DATA), 0), -PV_EOPNOTSUPP);
	CHECK_EQ(op(14, 0, 0), -PV_ENOSYS);
	CHECK_EQ(op(21, 0, 0), -PV_ENOSYS);
	/*
	 * Our own id (it must be DOMID_SELF) or an unknown one: -ESRCH.
	 * DOMID_IO, DOMID_XEN (or another domain, see the unit tests): -EPERM,
	 * before anything runs for a domU; dom0's operations run, a flush is
	 * not for another page owner, and the count is written.
	 */
	done = 99;
	CHECK_EQ(mmuext(ops, 1, &done, self_domid), -PV_ESRCH);
	CHECK_EQ(mmuext(ops, 1, &done, 0x1234), -PV_ESRCH);
	CHECK_EQ(done, 99);
	CHECK_EQ(mmuext(ops, 1, &done, PV_DOMID_IO), -PV_EPERM);
	CHECK_EQ(done, dom0 ? 0 : 99);
	done = 99;
	CHECK_EQ(mmuext(ops, 1, &done, PV_DOMID_XEN), -PV_EPERM);
	CHECK_EQ(done, dom0 ? 0 : 99);
	/* Bad arrays. */
	done = 99;
	CHECK_EQ(mmuext((const void *)HV_VA, 1, &done, PV_DOMID_SELF), -PV_EFAULT);
	CHECK_EQ(done, 99);
	CHECK_EQ(mmuext((const void *)UNMAPPED_VA, 1, &done, PV_DOMID_SELF), -PV_EFAULT);
	CHECK_EQ(done, 0);
	printf("mmuext: batches, foreign domains and bad pointers answered\n");
}

void test_main(const struct pv_start_info *si)
{
	char buf[8];
	const char *id = cmdline_value("domid", buf, sizeof(buf));

	dom0 = si->flags & PV_SIF_PRIVILEGED;
	if (id)
		CHECK(!parse_ulong(id, NULL, &self_domid));
	spare_pfn = (bootstrap_end() - GUEST_VIRT_BASE) / PAGE_SIZE;
	boot_l4 = va_to_mfn((const void *)si->pt_base);
	CHECK(spare_pfn + NR_SPARE <= si->nr_pages);
	if (spare_pfn + NR_SPARE > si->nr_pages)
		return;
	build_tables();
	check_pins();
	check_base_pointers();
	check_tlb_ops();
	check_copy_clear();
	check_ldt();
	check_batches();
}
