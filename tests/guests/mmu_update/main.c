/*
 * mmu_update and the M2P, from inside a PV guest (dom0 or a domU; the
 * command line says "role=dom0" or "role=domU domid=N").
 *
 *  - The M2P, read-only at 0xffff800000000000, gives back the pfn of
 *    every frame of ours: m2p[p2m[pfn]] == pfn.
 *  - Mappings, made by writing L1 entries of the bootstrap tables by
 *    machine address (the table's frame << 12 | index * 8): a page beyond
 *    the bootstrap area is mapped at a free address of its slack (the end
 *    of the last L1 table's range), written and read through, remapped to
 *    a page of known contents and to other frames, then unmapped; a new L1
 *    table is hung into a free L2 slot and a page mapped through it.  An
 *    L1-only batch does not flush the TLB, so flush_tlb() makes a no-op
 *    update of an L2 entry, after which the hypervisor flushes (as Xen).
 *  - Batches (pdone == count), PRESERVE_AD, a plain write into an ordinary
 *    page, MMU_MACHPHYS_UPDATE (read back from the M2P, then restored) and
 *    a long batch of them that the hypervisor may continue part-way.
 *  - I/O memory (outside RAM, the first MiB) and caching bits: dom0 maps
 *    them (I/O uncached), a domU is refused.
 *  - Refusals, each with Xen's error code and nothing changed: frames of
 *    the hypervisor; a writable mapping of a page table; PSE in an L2 entry; the hypervisor's
 *    L4 slots; entries in a frame not ours; misaligned entry addresses; a
 *    batch stopping at its third request; bad pointers; MACHPHYS of a frame
 *    not ours; bad foreign domain ids; an L4 entry naming a page that does
 *    not validate as an L3; a writable self-map of the L4 (a read-only one
 *    is allowed, read through, and removed).
 * Every change is undone, so that the domain's tables end as they began.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"
#include "lib/string.h"

#define M2P ((const volatile uint64_t *)0xffff800000000000ul)
#define KERNEL_RW (PTE_P | PTE_RW | PTE_A | PTE_D) /* a kernel mapping (no US) */
#define KERNEL_RO (PTE_P | PTE_A)
#define MAX_REQS 4096
#define BATCH 4         /* pages mapped by one batch */
#define NR_SPARE 8      /* frames beyond the bootstrap area the test uses */
#define UNKNOWN_DOMID 0x7fe0
#define OUTSIDE_RAM_MFN 0xffffffful
#define HYPERVISOR_MFN 0x200ul /* the hypervisor's image, at 2 MiB */
#define LOW_MFN 0x10ul         /* the first MiB */
#define HV_VA 0xffff830000000000ul
#define NONCANONICAL_VA 0x0000800000000000ul
#define SELFMAP_SLOT 2
#define GARBAGE_SLOT 1

static const struct pv_start_info *si;
static unsigned int self_domid;
static uint64_t v_end;       /* end of the bootstrap area */
static uint64_t spare_pfn;   /* the first pfn beyond it */
static uint64_t test_va;     /* the last page of the area's slack */
static uint64_t batch_va[BATCH];
static uint64_t l4_mfn;
static struct pv_mmu_update reqs[MAX_REQS];
static unsigned int done;
/* A page of known contents (volatile: the hypervisor writes it too). */
static volatile uint64_t known[PT_ENTRIES] __attribute__((aligned(4096)));

static long mmu_update(const struct pv_mmu_update *r, unsigned int count, unsigned int *pdone,
		       unsigned int foreigndom)
{
	return hypercall(PV_HYPERVISOR_mmu_update, (uint64_t)r, count, (uint64_t)pdone,
			 foreigndom, 0);
}

/* One request; *pdone must say whether it was done. */
static long update1(uint64_t ptr, uint64_t val)
{
	long rc;

	reqs[0].ptr = ptr;
	reqs[0].val = val;
	done = 99;
	rc = mmu_update(reqs, 1, &done, PV_DOMID_SELF);
	if (done != (rc ? 0u : 1u))
		test_fail(__FILE__, __LINE__, "update %#lx <- %#lx: rc %ld, pdone %u", ptr, val,
			  rc, done);
	return rc;
}

static uint64_t spare_mfn(unsigned int n)
{
	return pfn_to_mfn(spare_pfn + n);
}

/* The machine address of the level-@level entry for @va. */
static uint64_t entry_maddr(uint64_t va, unsigned int level)
{
	uint64_t table;

	if (!pt_entry(va, level, &table)) {
		test_fail(__FILE__, __LINE__, "no L%u table for %#lx", level, va);
		return 0;
	}
	return table << 12 | pt_index(va, level) * 8;
}

static uint64_t entry_of(uint64_t va, unsigned int level)
{
	const volatile uint64_t *e = pt_entry(va, level, NULL);

	return e ? *e : ~0ul;
}

/* A request: a no-op rewrite of the L2 entry over test_va, which flushes. */
static void flush_request(struct pv_mmu_update *r)
{
	r->ptr = entry_maddr(test_va, 2);
	r->val = entry_of(test_va, 2);
}

static void flush_tlb(void)
{
	struct pv_mmu_update r;

	flush_request(&r);
	CHECK_EQ(update1(r.ptr, r.val), 0);
}

/* Maps @va (an L1 slot of the bootstrap tables) to @mfn, and flushes. */
static void map_at(uint64_t va, uint64_t mfn, uint64_t flags)
{
	CHECK_EQ(update1(entry_maddr(va, 1), mfn << 12 | flags), 0);
	flush_tlb();
}

static void unmap_at(uint64_t va)
{
	CHECK_EQ(update1(entry_maddr(va, 1), 0), 0);
	flush_tlb();
	CHECK_EQ(entry_of(va, 1), 0);
}

static void fill(uint64_t va, uint64_t base)
{
	volatile uint64_t *p = (volatile uint64_t *)va;

	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		p[i] = base + i;
}

/* Whether the page at @va holds what fill(@va, @base) wrote. */
static bool holds(uint64_t va, uint64_t base)
{
	const volatile uint64_t *p = (const volatile uint64_t *)va;

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (p[i] != base + i) {
			printf("mmu_update: %#lx[%u] = %#lx, want %#lx\n", va, i, p[i], base + i);
			return false;
		}
	}
	return true;
}

/* ---- The M2P ---- */

static void check_m2p(const char *when)
{
	unsigned int bad = 0;

	for (uint64_t pfn = 0; pfn < si->nr_pages; pfn++) {
		if (M2P[pfn_to_mfn(pfn)] != pfn && bad++ < 5)
			test_fail(__FILE__, __LINE__, "m2p[%#lx] = %#lx, want pfn %#lx",
				  pfn_to_mfn(pfn), M2P[pfn_to_mfn(pfn)], pfn);
	}
	printf("mmu_update: M2P matches the p2m for %lu pages (%s)\n", si->nr_pages, when);
}

/* ---- Mappings ---- */

static void check_mapping(void)
{
	uint64_t a = spare_mfn(0), b = spare_mfn(1), e;

	/* A frame beyond the bootstrap area, writable. */
	map_at(test_va, a, KERNEL_RW);
	e = entry_of(test_va, 1);
	CHECK_EQ(pte_mfn(e), a);
	CHECK_EQ(e & (PTE_P | PTE_RW), PTE_P | PTE_RW);
	fill(test_va, 0xa0000);
	CHECK(holds(test_va, 0xa0000));

	/* Remapped, read-only, to the page of known contents. */
	map_at(test_va, va_to_mfn(known), KERNEL_RO);
	e = entry_of(test_va, 1);
	CHECK_EQ(pte_mfn(e), va_to_mfn(known));
	CHECK_EQ(e & PTE_RW, 0);
	CHECK(holds(test_va, 0x5150000));

	/* To another spare frame, then back: each keeps its contents. */
	map_at(test_va, b, KERNEL_RW);
	fill(test_va, 0xb0000);
	map_at(test_va, a, KERNEL_RW);
	CHECK(holds(test_va, 0xa0000));
	map_at(test_va, b, KERNEL_RW);
	CHECK(holds(test_va, 0xb0000));

	/* Unmapped: the walk finds the entry empty. */
	unmap_at(test_va);
	printf("mmu_update: mapped, remapped and unmapped a page\n");
}

/* A new L1 table in a free L2 slot (the 2 MiB at v_end), a page through it. */
static void check_new_table(void)
{
	uint64_t l1 = spare_mfn(6), a = spare_mfn(0), l2_slot = entry_maddr(v_end, 2);

	/* Zeroed through a mapping, which must be gone before it is a table. */
	map_at(test_va, l1, KERNEL_RW);
	memset((void *)test_va, 0, PAGE_SIZE);
	unmap_at(test_va);
	CHECK_EQ(entry_of(v_end, 2), 0);
	CHECK_EQ(update1(l2_slot, l1 << 12 | PTE_P | PTE_RW | PTE_A), 0);
	CHECK_EQ(pte_mfn(entry_of(v_end, 2)), l1);
	/* The table is read-only for us now. */
	CHECK_EQ(update1(entry_maddr(test_va, 1), l1 << 12 | KERNEL_RW), -PV_EBUSY);
	/* Entry 0 of the new table: v_end shows frame a (0xa0000...). */
	CHECK_EQ(update1(l1 << 12, a << 12 | KERNEL_RO), 0);
	CHECK(holds(v_end, 0xa0000));
	CHECK_EQ(update1(l1 << 12, 0), 0);
	CHECK_EQ(update1(l2_slot, 0), 0); /* flushes */
	CHECK_EQ(entry_of(v_end, 2), 0);
	/* No longer a table: writable again. */
	map_at(test_va, l1, KERNEL_RW);
	unmap_at(test_va);
	printf("mmu_update: a new L1 table in a free L2 slot\n");
}

/* Writing into an ordinary page by machine address: a plain store. */
static void check_plain_write(void)
{
	CHECK_EQ(update1(va_to_mfn(known) << 12 | 7 * 8, 0x77), 0);
	CHECK_EQ(known[7], 0x77);
	CHECK_EQ(update1(va_to_mfn(known) << 12 | 511 * 8 | PV_MMU_PT_UPDATE_PRESERVE_AD, 0x78), 0);
	CHECK_EQ(known[511], 0x78);
	known[7] = 0x5150000 + 7;
	known[511] = 0x5150000 + 511;
}

static void check_batches(void)
{
	uint64_t orig[BATCH];
	unsigned int n = 0;

	for (unsigned int k = 0; k < BATCH; k++) {
		orig[k] = entry_of(batch_va[k], 1);
		reqs[n].ptr = entry_maddr(batch_va[k], 1);
		reqs[n++].val = spare_mfn(2 + k) << 12 | KERNEL_RW;
	}
	flush_request(&reqs[n++]);
	done = 0;
	CHECK_EQ(mmu_update(reqs, n, &done, PV_DOMID_SELF), 0);
	CHECK_EQ(done, n);
	for (unsigned int k = 0; k < BATCH; k++) {
		CHECK_EQ(pte_mfn(entry_of(batch_va[k], 1)), spare_mfn(2 + k));
		fill(batch_va[k], 0xc0000 + k * 0x1000);
	}
	for (unsigned int k = 0; k < BATCH; k++)
		CHECK(holds(batch_va[k], 0xc0000 + k * 0x1000));

	/* Back as they were, in one batch, pdone NULL. */
	n = 0;
	for (unsigned int k = 0; k < BATCH; k++) {
		reqs[n].ptr = entry_maddr(batch_va[k], 1);
		reqs[n++].val = orig[k];
	}
	flush_request(&reqs[n++]);
	CHECK_EQ(mmu_update(reqs, n, NULL, PV_DOMID_SELF), 0);
	for (unsigned int k = 0; k < BATCH; k++)
		CHECK_EQ(entry_of(batch_va[k], 1), orig[k]);
	printf("mmu_update: batches done\n");
}

static void check_preserve_ad(void)
{
	uint64_t slot = entry_maddr(test_va, 1), a = spare_mfn(0), b = spare_mfn(1);
	const uint64_t ad = PTE_A | PTE_D;

	CHECK_EQ(update1(slot, a << 12 | PTE_P | PTE_RW | ad), 0);
	CHECK_EQ(entry_of(test_va, 1) & ad, ad);
	/* Same frame, then another one: A and D stay. */
	CHECK_EQ(update1(slot | PV_MMU_PT_UPDATE_PRESERVE_AD, a << 12 | PTE_P | PTE_RW), 0);
	CHECK_EQ(entry_of(test_va, 1) & ad, ad);
	CHECK_EQ(update1(slot | PV_MMU_PT_UPDATE_PRESERVE_AD, b << 12 | PTE_P | PTE_RW), 0);
	CHECK_EQ(pte_mfn(entry_of(test_va, 1)), b);
	CHECK_EQ(entry_of(test_va, 1) & ad, ad);
	/* A normal update clears them. */
	CHECK_EQ(update1(slot, b << 12 | PTE_P | PTE_RW), 0);
	CHECK_EQ(entry_of(test_va, 1) & ad, 0);
	unmap_at(test_va);
	printf("mmu_update: PRESERVE_AD keeps accessed and dirty\n");
}

static void check_machphys(void)
{
	uint64_t a = spare_mfn(0);
	uint64_t pfns = si->nr_pages;

	CHECK_EQ(update1(a << 12 | PV_MMU_MACHPHYS_UPDATE, 0x123456), 0);
	CHECK_EQ(M2P[a], 0x123456);
	CHECK_EQ(update1(a << 12 | PV_MMU_MACHPHYS_UPDATE, spare_pfn), 0);
	CHECK_EQ(M2P[a], spare_pfn);

	/* Every frame of ours, in long batches (which may be continued). */
	for (uint64_t first = 0; first < pfns; first += MAX_REQS) {
		unsigned int n = pfns - first < MAX_REQS ? (unsigned int)(pfns - first) : MAX_REQS;

		for (unsigned int i = 0; i < n; i++) {
			reqs[i].ptr = pfn_to_mfn(first + i) << 12 | PV_MMU_MACHPHYS_UPDATE;
			reqs[i].val = first + i;
		}
		done = 0;
		CHECK_EQ(mmu_update(reqs, n, &done, PV_DOMID_SELF), 0);
		CHECK_EQ(done, n);
	}
	check_m2p("after MACHPHYS_UPDATE of every frame");
}

/* ---- Refusals ---- */

/* @ptr <- @val must fail with @rc and leave the L1 entry for test_va alone. */
static void refused(int line, uint64_t ptr, uint64_t val, long want)
{
	uint64_t before = entry_of(test_va, 1);
	long rc = update1(ptr, val);

	if (rc != want)
		test_fail(__FILE__, line, "%#lx <- %#lx: rc %ld, want %ld", ptr, val, rc, want);
	if (entry_of(test_va, 1) != before)
		test_fail(__FILE__, line, "entry changed to %#lx", entry_of(test_va, 1));
}
#define REFUSED(ptr, val, rc) refused(__LINE__, (ptr), (val), (rc))

static void check_bad_entries(void)
{
	uint64_t slot = entry_maddr(test_va, 1), a = spare_mfn(0);
	uint64_t l1_mfn = slot >> 12, l2_slot = entry_maddr(v_end, 2);

	REFUSED(slot, HYPERVISOR_MFN << 12 | KERNEL_RO, -PV_EBUSY);
	if (si->flags & PV_SIF_PRIVILEGED) {
		/* I/O memory (no RAM, the first MiB) is dom0's, mapped uncached. */
		uint64_t before = entry_of(test_va, 1);

		CHECK_EQ(update1(slot, OUTSIDE_RAM_MFN << 12 | KERNEL_RO), 0);
		CHECK_EQ(entry_of(test_va, 1) & (PTE_PCD | PTE_PWT), PTE_PCD | PTE_PWT);
		CHECK_EQ(update1(slot, LOW_MFN << 12 | KERNEL_RO), 0);
		/* RAM with the caching asked for. */
		CHECK_EQ(update1(slot, a << 12 | KERNEL_RW | PTE_PCD), 0);
		CHECK_EQ(entry_of(test_va, 1) & (PTE_PCD | PTE_PWT), PTE_PCD);
		CHECK_EQ(update1(slot, before), 0);
	} else {
		REFUSED(slot, OUTSIDE_RAM_MFN << 12 | KERNEL_RO, -PV_EPERM);
		REFUSED(slot, LOW_MFN << 12 | KERNEL_RO, -PV_EPERM);
		REFUSED(slot, a << 12 | KERNEL_RW | PTE_PCD, -PV_EINVAL);
		REFUSED(slot, a << 12 | KERNEL_RW | PTE_PWT, -PV_EINVAL);
		REFUSED(slot, a << 12 | KERNEL_RW | PTE_PS, -PV_EINVAL); /* PAT */
	}
	/* Page tables: read-only only. */
	REFUSED(slot, l4_mfn << 12 | KERNEL_RW, -PV_EBUSY);
	REFUSED(slot, l1_mfn << 12 | KERNEL_RW, -PV_EBUSY);
	CHECK_EQ(update1(slot, l4_mfn << 12 | KERNEL_RO), 0);
	CHECK_EQ(update1(slot, 0), 0);
	/* No superpages. */
	REFUSED(l2_slot, a << 12 | PTE_P | PTE_RW | PTE_PS, -PV_EINVAL);
	CHECK_EQ(entry_of(v_end, 2), 0);
	/* The hypervisor's L4 slots. */
	REFUSED(l4_mfn << 12 | 256 * 8, 0, -PV_EINVAL);
	REFUSED(l4_mfn << 12 | 262 * 8, 0, -PV_EINVAL);
	REFUSED(l4_mfn << 12 | 271 * 8, a << 12 | PTE_P, -PV_EINVAL);
	CHECK_EQ(M2P[pfn_to_mfn(0)], 0); /* still mapped */
	/* Entries in a frame that is not ours. */
	REFUSED(HYPERVISOR_MFN << 12, 0, -PV_EINVAL);
	REFUSED(HYPERVISOR_MFN << 12 | PV_MMU_PT_UPDATE_PRESERVE_AD, 0, -PV_EINVAL);
	REFUSED(OUTSIDE_RAM_MFN << 12, 0, -PV_EINVAL);
	/* Misaligned entry addresses: request types 4-7. */
	for (unsigned int cmd = 4; cmd < 8; cmd++)
		REFUSED(slot | cmd, a << 12 | KERNEL_RW, -PV_ENOSYS);
	/* MACHPHYS_UPDATE of a frame not ours. */
	REFUSED(HYPERVISOR_MFN << 12 | PV_MMU_MACHPHYS_UPDATE, 5, -PV_EINVAL);
	REFUSED(OUTSIDE_RAM_MFN << 12 | PV_MMU_MACHPHYS_UPDATE, 5, -PV_EINVAL);
}

/* An L4 entry naming a page that is no valid L3 (all bits set). */
static void check_bad_l3(void)
{
	uint64_t g = spare_mfn(7), slot = l4_mfn << 12 | GARBAGE_SLOT * 8;
	const volatile uint64_t *l4 = (const volatile uint64_t *)si->pt_base;

	map_at(test_va, g, KERNEL_RW);
	memset((void *)test_va, 0xff, PAGE_SIZE);
	unmap_at(test_va);
	CHECK_EQ(l4[GARBAGE_SLOT], 0);
	REFUSED(slot, g << 12 | PTE_P | PTE_RW, -PV_EINVAL);
	REFUSED(slot, g << 12 | PTE_P, -PV_EINVAL);
	CHECK_EQ(l4[GARBAGE_SLOT], 0);
	/* Still an ordinary page: it can be mapped writable. */
	map_at(test_va, g, KERNEL_RW);
	CHECK_EQ(*(volatile uint64_t *)test_va, ~0ul);
	unmap_at(test_va);
}

/* A self-map of the L4: read-only only; the L4 is seen through it. */
static void check_self_map(void)
{
	const volatile uint64_t *l4 = (const volatile uint64_t *)si->pt_base, *window;
	uint64_t slot = l4_mfn << 12 | SELFMAP_SLOT * 8, s = SELFMAP_SLOT;

	CHECK_EQ(l4[SELFMAP_SLOT], 0);
	REFUSED(slot, l4_mfn << 12 | PTE_P | PTE_RW, -PV_EINVAL);
	CHECK_EQ(l4[SELFMAP_SLOT], 0);
	CHECK_EQ(update1(slot, l4_mfn << 12 | PTE_P), 0);
	CHECK_EQ(pte_mfn(l4[SELFMAP_SLOT]), l4_mfn);
	CHECK_EQ(l4[SELFMAP_SLOT] & PTE_RW, 0);
	/* Making it writable is refused too. */
	REFUSED(slot, l4_mfn << 12 | PTE_P | PTE_RW, -PV_EINVAL);
	window = (const volatile uint64_t *)(s << 39 | s << 30 | s << 21 | s << 12);
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (i >= 256 && i < 272)
			continue; /* the hypervisor's: the CPU may set their A bits */
		if (window[i] != l4[i]) {
			test_fail(__FILE__, __LINE__, "self-map: L4[%u] %#lx, window %#lx", i, l4[i],
				  window[i]);
			break;
		}
	}
	CHECK_EQ(update1(slot, 0), 0);
	CHECK_EQ(l4[SELFMAP_SLOT], 0);
	printf("mmu_update: read-only self-map of the L4 made, read and removed\n");
}

static void check_bad_batches(void)
{
	uint64_t orig[BATCH], ptr;
	unsigned int n = 0;

	for (unsigned int k = 0; k < BATCH; k++)
		orig[k] = entry_of(batch_va[k], 1);
	/* The third request fails: two done, the fourth not tried. */
	reqs[n].ptr = entry_maddr(batch_va[0], 1);
	reqs[n++].val = spare_mfn(2) << 12 | KERNEL_RW;
	reqs[n].ptr = entry_maddr(batch_va[1], 1);
	reqs[n++].val = spare_mfn(3) << 12 | KERNEL_RW;
	reqs[n].ptr = entry_maddr(batch_va[2], 1);
	reqs[n++].val = HYPERVISOR_MFN << 12 | KERNEL_RW;
	reqs[n].ptr = entry_maddr(batch_va[3], 1);
	reqs[n++].val = spare_mfn(5) << 12 | KERNEL_RW;
	done = 99;
	CHECK_EQ(mmu_update(reqs, n, &done, PV_DOMID_SELF), -PV_EBUSY);
	CHECK_EQ(done, 2);
	CHECK_EQ(pte_mfn(entry_of(batch_va[0], 1)), spare_mfn(2));
	CHECK_EQ(pte_mfn(entry_of(batch_va[1], 1)), spare_mfn(3));
	CHECK_EQ(entry_of(batch_va[2], 1), orig[2]);
	CHECK_EQ(entry_of(batch_va[3], 1), orig[3]);
	CHECK_EQ(update1(entry_maddr(batch_va[0], 1), orig[0]), 0);
	CHECK_EQ(update1(entry_maddr(batch_va[1], 1), orig[1]), 0);
	flush_tlb();

	/* Bad request arrays. */
	ptr = entry_maddr(test_va, 1);
	done = 99;
	CHECK_EQ(mmu_update(NULL, 1, &done, PV_DOMID_SELF), -PV_EFAULT);
	CHECK_EQ(done, 0);
	CHECK_EQ(mmu_update((void *)HV_VA, 1, &done, PV_DOMID_SELF), -PV_EFAULT);
	CHECK_EQ(mmu_update((void *)NONCANONICAL_VA, 1, &done, PV_DOMID_SELF), -PV_EFAULT);
	CHECK_EQ(mmu_update((void *)HV_VA, 0, NULL, PV_DOMID_SELF), -PV_EFAULT);
	done = 99;
	CHECK_EQ(mmu_update(NULL, 0, &done, PV_DOMID_SELF), 0);
	CHECK_EQ(done, 0);
	/* A bad pdone is ignored. */
	reqs[0].ptr = ptr;
	reqs[0].val = entry_of(test_va, 1);
	CHECK_EQ(mmu_update(reqs, 1, (void *)HV_VA, PV_DOMID_SELF), 0);
	CHECK_EQ(mmu_update(reqs, 1, (void *)NONCANONICAL_VA, PV_DOMID_SELF), 0);

	/* Foreign domain ids: our own (not as DOMID_SELF), an unknown one. */
	done = 99;
	CHECK_EQ(mmu_update(reqs, 1, &done, self_domid), -PV_ESRCH);
	CHECK_EQ(mmu_update(reqs, 0, &done, self_domid), -PV_ESRCH);
	CHECK_EQ(mmu_update(reqs, 1, &done, UNKNOWN_DOMID), -PV_ESRCH);
	CHECK_EQ(done, 0);
	/* Our own id + 1 as page-table owner is us. */
	CHECK_EQ(mmu_update(reqs, 1, &done, (self_domid + 1) << 16 | PV_DOMID_SELF), 0);
	CHECK_EQ(done, 1);
}

void test_main(const struct pv_start_info *start)
{
	char role[8], domid[8];
	unsigned long id = 0;
	uint64_t boot_end;

	si = start;
	CHECK(cmdline_value("role", role, sizeof(role)) != NULL);
	if (!strcmp(role, "domU")) {
		CHECK(cmdline_value("domid", domid, sizeof(domid)) != NULL);
		CHECK(!parse_ulong(domid, NULL, &id));
	}
	self_domid = (unsigned int)id;
	printf("mmu_update: running as %s (d%u), %lu pages\n", role, self_domid, si->nr_pages);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		known[i] = 0x5150000 + i;

	/* The bootstrap area ends where the mappings stop. */
	for (v_end = boot_rsp; entry_of(v_end, 1) != ~0ul && (entry_of(v_end, 1) & PTE_P);
	     v_end += PAGE_SIZE)
		;
	spare_pfn = (v_end - GUEST_VIRT_BASE) / PAGE_SIZE;
	test_va = v_end - PAGE_SIZE;
	for (unsigned int k = 0; k < BATCH; k++)
		batch_va[k] = v_end - (k + 2) * PAGE_SIZE;
	boot_end = boot_rsp; /* the boot stack's end: the slack starts there */
	l4_mfn = va_to_mfn((const void *)si->pt_base);
	printf("mmu_update: bootstrap area ends at %#lx, spare pfns from %#lx\n", v_end,
	       spare_pfn);
	CHECK_EQ(v_end & ((2ul << 20) - 1), 0);
	CHECK(batch_va[BATCH - 1] >= boot_end);
	CHECK(spare_pfn + NR_SPARE <= si->nr_pages);
	CHECK_EQ(entry_of(v_end, 2), 0);
	if (v_end & ((2ul << 20) - 1) || batch_va[BATCH - 1] < boot_end ||
	    spare_pfn + NR_SPARE > si->nr_pages)
		return;

	check_m2p("at start");
	check_mapping();
	check_new_table();
	check_plain_write();
	check_batches();
	check_preserve_ad();
	check_machphys();
	check_bad_entries();
	check_bad_l3();
	check_self_map();
	check_bad_batches();
	printf("mmu_update: refusals gave Xen's errors and the domain goes on\n");
	check_m2p("at the end");
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (known[i] != 0x5150000 + i) {
			test_fail(__FILE__, __LINE__, "known[%u] = %#lx", i, known[i]);
			break;
		}
	}
}
