/*
 * Tests for the mmu_update hypercall (do_mmu_update,
 * hypervisor/arch/x86_64/pv/mm/mmu-update.c), against Xen 4.17's
 * do_mmu_update: request types from the low 3 bits of ptr, checked updates
 * of live page tables (references move), plain stores into ordinary
 * pages, MMU_MACHPHYS_UPDATE, batches that stop at the first failure with
 * *pdone counting the requests done, continuations, foreign domain ids,
 * bad pointers and the TLB flush after upper-level changes.
 *
 * Each test runs in the page-table world of pt_world.h (`dom` is the
 * caller), both domains running and every M2P entry invalid, with a pinned
 * hierarchy L4 -> L3 -> L2 -> L1 in slot 0 of each, the L1 mapping DATA
 * writable (slot 0) and DATA_RO read-only (slot 1).  The request array and
 * pdone live in the host guest memory.  Tearing the world down releases
 * every pin: any reference left over (a leak in mmu_update) is reported as
 * "still held" and fails the test.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/pagetable.h"
#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "m2p.h"
#include "machine_memory_map.h"
#include "page_type.h"
#include "pt_world.h"

/* The caller's frames. */
#define L4 10
#define L3 11
#define L2 12
#define L1 13
#define DATA 20      /* mapped writable by L1 slot 0 */
#define DATA_RO 21   /* mapped read-only by L1 slot 1 */
#define FRESH 22     /* an empty, unused frame */
#define FRESH2 23
#define PLAIN 24     /* an ordinary page, never mapped */
#define NEW_L1 25    /* empty: becomes an L1 table */
#define NEW_L2 26
#define NEW_L3 27
#define DESC 28      /* a descriptor page (test_plain_write) */

#define P PTE_P
#define PRW (PTE_P | PTE_RW)
/* A user mapping: stored as written (pt_entry_adjust leaves it alone). */
#define USER (PTE_P | PTE_RW | PTE_US | PTE_G)

#define SELF PV_DOMID_SELF
#define PREEMPTED 0x80000000u

/* Offsets in the host guest memory (and PDONE_OFF, pt_world.h). */
#define REQS_OFF 0x100
#define BAD_VA 0x1000ull

/* ---- Setting up ---- */

static void setup(void)
{
	world_start();
	dom->state = other->state = DOMAIN_RUNNING;
	for (uint64_t mfn = 0; mfn < NFRAMES; mfn++)
		m2p_set(mfn, M2P_INVALID);

	ents(L4)[0] = pte(L3, PRW);
	ents(L3)[0] = pte(L2, PRW);
	ents(L2)[0] = pte(L1, PRW);
	ents(L1)[0] = pte(DATA, USER);
	ents(L1)[1] = pte(DATA_RO, P | PTE_US | PTE_G);
	CHECK_EQ(page_pin(L4, dom, PV_TYPE_L4), 0);

	host_continued_nr = host_continued_nargs = 0;
	memset(host_continued_args, 0, sizeof(host_continued_args));
	host_tlb_flushes = 0;
	console_capture_reset();
}

static void teardown(void)
{
	world_end();
	CHECK(!strstr(console_captured(), "still held"));
	host_preempt = false;
	console_capture_reset();
}

/* ---- Requests ---- */

static uint64_t gva(uint64_t off)
{
	return HOST_GUEST_BASE + off;
}

/* Request @i of the array: entry @index of frame @mfn, request type @cmd. */
static void set_req(unsigned int i, uint64_t ptr, uint64_t val)
{
	struct pv_mmu_update r = { .ptr = ptr, .val = val };

	memcpy(host_guest_memory + REQS_OFF + i * sizeof(r), &r, sizeof(r));
}

static uint64_t entry_ptr(uint64_t mfn, unsigned int index, unsigned int cmd)
{
	return mfn << 12 | index * 8 | cmd;
}

/* mmu_update on the request array, pdone given; *pdone starts at 99. */
static long mmu(unsigned int count, unsigned int foreigndom)
{
	set_pdone(99);
	return do_mmu_update(gva(REQS_OFF), count, gva(PDONE_OFF), foreigndom);
}

/* One request, no pdone. */
static long mmu1(uint64_t ptr, uint64_t val)
{
	set_req(0, ptr, val);
	return do_mmu_update(gva(REQS_OFF), 1, 0, SELF);
}

/* ---- Tests ---- */

TEST(mmu_update_count_zero)
{
	setup();
	CHECK_EQ(mmu(0, SELF), 0);
	CHECK_EQ(pdone(), 0); /* Xen writes the (zero) count done */
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 0, 0, SELF), 0);
	CHECK_EQ(host_tlb_flushes, 0);
	teardown();
}

TEST(mmu_update_request_types)
{
	setup();
	/* MMU_NORMAL_PT_UPDATE, PRESERVE_AD and NO_TRANSLATE: checked writes. */
	set_req(0, entry_ptr(L1, 2, PV_MMU_NORMAL_PT_UPDATE), pte(FRESH, USER));
	set_req(1, entry_ptr(L1, 3, PV_MMU_PT_UPDATE_PRESERVE_AD), pte(FRESH, USER));
	set_req(2, entry_ptr(L1, 4, PV_MMU_PT_UPDATE_NO_TRANSLATE), pte(FRESH2, USER));
	/* MMU_MACHPHYS_UPDATE: the M2P entry of the frame. */
	set_req(3, entry_ptr(FRESH, 0, PV_MMU_MACHPHYS_UPDATE), 0x1234);
	CHECK_EQ(mmu(4, SELF), 0);
	CHECK_EQ(pdone(), 4);
	CHECK_EQ(ents(L1)[2], pte(FRESH, USER));
	CHECK_EQ(ents(L1)[3], pte(FRESH, USER));
	CHECK_EQ(ents(L1)[4], pte(FRESH2, USER));
	CHECK_EQ(m2p_get(FRESH), 0x1234);
	CHECK_EQ(fr(FRESH)->refcount, 2);
	CHECK_EQ(fr(FRESH)->type_count, 2);
	CHECK_EQ(fr(FRESH2)->refcount, 1);

	/* Type 4-7: a misaligned entry address is no request at all. */
	for (unsigned int cmd = 4; cmd < 8; cmd++) {
		set_req(0, entry_ptr(L1, 5, 0) | cmd, pte(FRESH, USER));
		CHECK_EQ(mmu(1, SELF), -PV_ENOSYS);
		CHECK_EQ(pdone(), 0);
		CHECK_EQ(ents(L1)[5], 0);
	}
	CHECK_EQ(fr(FRESH)->refcount, 2);
	CHECK_EQ(host_tlb_flushes, 0);
	teardown();
}

/* I/O memory (Xen's dom_io frames and frames that are no RAM). */
#define IO_FRAME (UNOWNED_FRAME + 1)

TEST(mmu_update_l1_io_memory)
{
	static const struct boot_info no_map;
	const uint64_t flags_mask = PTE_PWT | PTE_PCD | PTE_PS;

	setup();
	machine_memory_map_init(&no_map, 40);
	frame_set_owner(IO_FRAME, PV_DOMID_IO);

	/* Without I/O privilege: no I/O memory, no cache attributes. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(IO_FRAME, USER)), -PV_EPERM);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(BEYOND_FRAME, USER)), -PV_EPERM);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(FRESH, USER | PTE_PCD)), -PV_EINVAL);

	dom->privileged = true;
	/* Write-back I/O mappings become uncacheable; no reference is taken. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(IO_FRAME, USER)), 0);
	CHECK_EQ(ents(L1)[0] & flags_mask, PTE_PWT | PTE_PCD);
	CHECK_EQ(fr(IO_FRAME)->refcount, 0);
	CHECK_EQ(fr(IO_FRAME)->type_count, 0);
	CHECK_EQ(fr(DATA)->refcount, 0);
	/* Write-protect (PWT|PAT) loses PAT and gains PCD; UC- stays. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(BEYOND_FRAME, USER | PTE_PWT | PTE_PS)), 0);
	CHECK_EQ(ents(L1)[0] & flags_mask, PTE_PWT | PTE_PCD);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(BEYOND_FRAME, USER | PTE_PCD)), 0);
	CHECK_EQ(ents(L1)[0] & flags_mask, PTE_PCD);
	/* RAM keeps the attributes asked for. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(FRESH, USER | PTE_PCD)), 0);
	CHECK_EQ(ents(L1)[0] & flags_mask, PTE_PCD);
	CHECK_EQ(fr(FRESH)->refcount, 1);
	/* The hypervisor's MSI/APIC window and frames past the address width. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(0xfee00, USER)), -PV_EPERM);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(1ull << 28, USER)), -PV_EPERM);
	/* An I/O APIC's frame is mapped, but read-only even when asked writable. */
	CHECK(!machine_mmio_read_only(0xfec00));
	machine_mmio_add_read_only(0xfec00);
	CHECK(machine_mmio_read_only(0xfec00));
	CHECK(!machine_mmio_read_only(0xfec01));
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(0xfec00, USER | PTE_RW)), 0);
	CHECK_EQ(ents(L1)[0] & PTE_RW, 0);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(0xfec01, USER | PTE_RW)), 0);
	CHECK_EQ(ents(L1)[0] & PTE_RW, PTE_RW);
	/* Dropping an I/O mapping puts nothing back. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(IO_FRAME, USER)), 0);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), 0), 0);
	CHECK_EQ(fr(IO_FRAME)->refcount, 0);
	dom->privileged = false;
	teardown();
}

TEST(mmu_update_l1_references_move)
{
	setup();
	CHECK_EQ(fr(DATA)->refcount, 1);
	CHECK_EQ(fr(DATA)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(DATA)->type_count, 1);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(fr(L1)->refcount, 1);
	CHECK_EQ(fr(L1)->type_count, 1);

	/* Slot 0: DATA (writable) -> FRESH (writable). */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(FRESH, USER)), 0);
	CHECK_EQ(ents(L1)[0], pte(FRESH, USER));
	CHECK_EQ(fr(DATA)->refcount, 0);
	CHECK_EQ(fr(DATA)->type_count, 0);
	CHECK_EQ(fr(FRESH)->refcount, 1);
	CHECK_EQ(fr(FRESH)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(FRESH)->type_count, 1);
	/* The table's own counts do not move; no reference on it is left. */
	CHECK_EQ(fr(L1)->refcount, 1);
	CHECK_EQ(fr(L1)->type_count, 1);
	CHECK_EQ(fr(L1)->type, PV_TYPE_L1);

	/* Read-only: the writable type reference goes, the general one stays. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(FRESH, P | PTE_US | PTE_G)), 0);
	CHECK_EQ(fr(FRESH)->refcount, 1);
	CHECK_EQ(fr(FRESH)->type_count, 0);

	/* A kernel mapping (US clear) is adjusted as Xen does. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(DATA, PRW)), 0);
	CHECK_EQ(ents(L1)[0], pte(DATA, PRW | PTE_US | (1ull << 52)));
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(fr(DATA)->refcount, 1);
	CHECK_EQ(fr(DATA)->type_count, 1);

	/* Not present: everything goes; the value is stored as given. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), 0xabc000), 0);
	CHECK_EQ(ents(L1)[0], 0xabc000);
	CHECK_EQ(fr(DATA)->refcount, 0);
	CHECK_EQ(fr(DATA)->type_count, 0);

	/* A refused entry changes nothing. */
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(OTHER_FRAME, USER)), -PV_EBUSY);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(L4, USER)), -PV_EBUSY);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(BEYOND_FRAME, USER)), -PV_EPERM);
	CHECK_EQ(mmu1(entry_ptr(L1, 0, 0), pte(FRESH, USER | PTE_PCD)), -PV_EINVAL);
	CHECK_EQ(ents(L1)[0], 0xabc000);
	CHECK_EQ(fr(L4)->type_count, 1);
	CHECK_EQ(fr(L4)->refcount, 1);
	CHECK_EQ(host_tlb_flushes, 0);
	teardown();
}

TEST(mmu_update_preserve_ad)
{
	const uint64_t ad = PTE_A | PTE_D;

	setup();
	CHECK_EQ(mmu1(entry_ptr(L1, 3, PV_MMU_NORMAL_PT_UPDATE), pte(FRESH, USER | ad)), 0);
	/* Same frame (no new check): A/D kept. */
	CHECK_EQ(mmu1(entry_ptr(L1, 3, PV_MMU_PT_UPDATE_PRESERVE_AD), pte(FRESH, USER)), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH, USER | ad));
	/* Another frame (checked, references move): A/D still kept. */
	CHECK_EQ(mmu1(entry_ptr(L1, 3, PV_MMU_PT_UPDATE_PRESERVE_AD), pte(FRESH2, USER)), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH2, USER | ad));
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(fr(FRESH2)->refcount, 1);
	/* A normal update replaces them. */
	CHECK_EQ(mmu1(entry_ptr(L1, 3, PV_MMU_NORMAL_PT_UPDATE), pte(FRESH2, USER)), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH2, USER));
	/* Only A and D are kept: not RW, not other bits. */
	CHECK_EQ(mmu1(entry_ptr(L1, 3, 0), pte(FRESH2, USER | PTE_A | (1ull << 9))), 0);
	CHECK_EQ(mmu1(entry_ptr(L1, 3, PV_MMU_PT_UPDATE_PRESERVE_AD),
		      pte(FRESH2, P | PTE_US | PTE_G | PTE_D)), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH2, P | PTE_US | PTE_G | ad));
	CHECK_EQ(fr(FRESH2)->type_count, 0);
	/* In an upper level too. */
	CHECK_EQ(mmu1(entry_ptr(L2, 5, 0), pte(NEW_L1, PRW | PTE_US | ad)), 0);
	CHECK_EQ(mmu1(entry_ptr(L2, 5, PV_MMU_PT_UPDATE_PRESERVE_AD), pte(NEW_L1, PRW | PTE_US)), 0);
	CHECK_EQ(ents(L2)[5], pte(NEW_L1, PRW | PTE_US | ad));
	teardown();
}

TEST(mmu_update_upper_levels_flush)
{
	setup();
	/* An L1-only batch: no flush. */
	set_req(0, entry_ptr(L1, 2, 0), pte(FRESH, USER));
	set_req(1, entry_ptr(L1, 3, 0), pte(FRESH2, USER));
	set_req(2, entry_ptr(L1, 2, 0), 0);
	CHECK_EQ(mmu(3, SELF), 0);
	CHECK_EQ(pdone(), 3);
	CHECK_EQ(host_tlb_flushes, 0);

	/* L2: a new L1 table (validated, typed); one flush per batch. */
	set_req(0, entry_ptr(L2, 1, 0), pte(NEW_L1, PRW));
	set_req(1, entry_ptr(L1, 4, 0), pte(FRESH, USER));
	CHECK_EQ(mmu(2, SELF), 0);
	CHECK_EQ(host_tlb_flushes, 1);
	CHECK_EQ(fr(NEW_L1)->type, PV_TYPE_L1);
	CHECK_EQ(fr(NEW_L1)->type_count, 1);
	CHECK_EQ(fr(NEW_L1)->refcount, 1);
	CHECK_EQ(ents(L2)[1], pte(NEW_L1, PRW | PTE_US));

	/* L3 and L4 in one batch: one flush. */
	set_req(0, entry_ptr(L3, 1, 0), pte(NEW_L2, PRW));
	set_req(1, entry_ptr(L4, 1, 0), pte(NEW_L3, PRW));
	CHECK_EQ(mmu(2, SELF), 0);
	CHECK_EQ(host_tlb_flushes, 2);
	CHECK_EQ(fr(NEW_L2)->type, PV_TYPE_L2);
	CHECK_EQ(fr(NEW_L3)->type, PV_TYPE_L3);
	CHECK_EQ(ents(L4)[1], pte(NEW_L3, PRW | PTE_US | PTE_A));

	/* A no-op rewrite of an upper entry still flushes. */
	CHECK_EQ(mmu1(entry_ptr(L2, 0, 0), ents(L2)[0]), 0);
	CHECK_EQ(host_tlb_flushes, 3);

	/* A refused upper entry does not flush... */
	CHECK_EQ(mmu1(entry_ptr(L2, 2, 0), pte(FRESH, PRW | PTE_PS)), -PV_EINVAL);
	CHECK_EQ(mmu1(entry_ptr(L4, 256, 0), 0), -PV_EINVAL); /* the hypervisor's slot */
	CHECK_EQ(ents(L4)[256], HOST_L4_HV_ENTRY(256));
	CHECK_EQ(host_tlb_flushes, 3);
	/* ... but one done before a failure does. */
	set_req(0, entry_ptr(L2, 1, 0), 0);
	set_req(1, entry_ptr(L2, 2, 0), pte(OTHER_FRAME, PRW));
	CHECK_EQ(mmu(2, SELF), -PV_EINVAL);
	CHECK_EQ(pdone(), 1);
	CHECK_EQ(host_tlb_flushes, 4);
	CHECK_EQ(fr(NEW_L1)->type_count, 0);
	CHECK_EQ(fr(NEW_L1)->refcount, 0);

	/* Unmapped, the tables' types go (eagerly, as on Xen). */
	set_req(0, entry_ptr(L4, 1, 0), 0);
	set_req(1, entry_ptr(L3, 1, 0), 0);
	CHECK_EQ(mmu(2, SELF), 0);
	CHECK_EQ(host_tlb_flushes, 5);
	CHECK_EQ(fr(NEW_L3)->type_count, 0);
	CHECK_EQ(fr(NEW_L2)->type_count, 0);
	CHECK_EQ(fr(NEW_L2)->refcount, 0);
	teardown();
}

TEST(mmu_update_plain_write)
{
	setup();
	/* An ordinary page of the domain: a plain store, no reference kept. */
	CHECK_EQ(mmu1(entry_ptr(PLAIN, 5, 0), 0x1234), 0);
	CHECK_EQ(ents(PLAIN)[5], 0x1234);
	CHECK_EQ(fr(PLAIN)->refcount, 0);
	CHECK_EQ(fr(PLAIN)->type_count, 0);
	/* Any value: it is not a page table. */
	CHECK_EQ(mmu1(entry_ptr(PLAIN, 511, PV_MMU_PT_UPDATE_PRESERVE_AD),
		      pte(OTHER_FRAME, PRW | PTE_PCD)), 0);
	CHECK_EQ(ents(PLAIN)[511], pte(OTHER_FRAME, PRW | PTE_PCD));
	/* A page mapped writable: its counts stay as they are. */
	CHECK_EQ(mmu1(entry_ptr(DATA, 7, 0), 77), 0);
	CHECK_EQ(ents(DATA)[7], 77);
	CHECK_EQ(fr(DATA)->refcount, 1);
	CHECK_EQ(fr(DATA)->type_count, 1);
	/* A former L1 no longer in use becomes a writable page again. */
	CHECK_EQ(mmu1(entry_ptr(L2, 1, 0), pte(NEW_L1, PRW)), 0);
	CHECK_EQ(mmu1(entry_ptr(L2, 1, 0), 0), 0);
	CHECK_EQ(fr(NEW_L1)->type, PV_TYPE_L1);
	CHECK_EQ(mmu1(entry_ptr(NEW_L1, 3, 0), pte(OTHER_FRAME, PRW)), 0);
	CHECK_EQ(ents(NEW_L1)[3], pte(OTHER_FRAME, PRW));
	CHECK_EQ(fr(NEW_L1)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(NEW_L1)->type_count, 0);
	/* A descriptor page in use: refused. */
	CHECK_EQ(page_get_ref_and_type(DESC, dom, PV_TYPE_SEG_DESC), 0);
	CHECK_EQ(mmu1(entry_ptr(DESC, 0, 0), 0x1234), -PV_EINVAL);
	CHECK_EQ(ents(DESC)[0], 0);
	page_put_ref_and_type(DESC);
	CHECK_EQ(host_tlb_flushes, 2); /* the two L2 updates only */
	teardown();
}

TEST(mmu_update_frame_not_owned)
{
	static const uint64_t frames[] = { OTHER_FRAME, UNOWNED_FRAME, 0, FREE_FRAME,
					   BEYOND_FRAME, 0xfffffffffull };

	setup();
	for (unsigned int i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		set_req(0, entry_ptr(frames[i], 1, 0), 0x5678);
		CHECK_EQ(mmu(1, SELF), -PV_EINVAL);
		CHECK_EQ(pdone(), 0);
		set_req(0, entry_ptr(frames[i], 1, PV_MMU_PT_UPDATE_PRESERVE_AD), 0x5678);
		CHECK_EQ(mmu(1, SELF), -PV_EINVAL);
		if (frames[i] < NFRAMES) {
			CHECK_EQ(ents(frames[i])[1], 0);
			CHECK_EQ(fr(frames[i])->refcount, 0);
			CHECK_EQ(fr(frames[i])->type_count, 0);
		}
	}
	/* Another domain's page table is not the caller's to change either. */
	ents(OTHER_FRAME + 1)[0] = 0;
	CHECK_EQ(page_pin(OTHER_FRAME + 1, other, PV_TYPE_L1), 0);
	CHECK_EQ(mmu1(entry_ptr(OTHER_FRAME + 1, 0, 0), pte(FRESH, USER)), -PV_EINVAL);
	CHECK_EQ(ents(OTHER_FRAME + 1)[0], 0);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(page_unpin(OTHER_FRAME + 1, other), 0);
	teardown();
}

TEST(mmu_update_failure_stops_batch)
{
	setup();
	set_req(0, entry_ptr(L1, 4, 0), pte(FRESH, USER));
	set_req(1, entry_ptr(L1, 5, 0), pte(DATA_RO, P | PTE_US | PTE_G));
	set_req(2, entry_ptr(L1, 6, 0), pte(OTHER_FRAME, USER)); /* fails */
	set_req(3, entry_ptr(L1, 7, 0), pte(FRESH2, USER));
	set_req(4, entry_ptr(FRESH2, 0, PV_MMU_MACHPHYS_UPDATE), 5);
	set_req(5, entry_ptr(PLAIN, 0, 0), 6);
	CHECK_EQ(mmu(6, SELF), -PV_EBUSY);
	CHECK_EQ(pdone(), 2);
	CHECK_EQ(ents(L1)[4], pte(FRESH, USER));
	CHECK_EQ(ents(L1)[5], pte(DATA_RO, P | PTE_US | PTE_G));
	CHECK_EQ(ents(L1)[6], 0);
	CHECK_EQ(ents(L1)[7], 0);
	CHECK_EQ(m2p_get(FRESH2), M2P_INVALID);
	CHECK_EQ(ents(PLAIN)[0], 0);
	CHECK_EQ(fr(FRESH2)->refcount, 0);
	CHECK_EQ(fr(OTHER_FRAME)->refcount, 0);
	CHECK_EQ(fr(DATA_RO)->refcount, 2);

	/* The first request failing: nothing done; a bad type likewise. */
	set_req(0, entry_ptr(L1, 8, 4), pte(FRESH, USER));
	set_req(1, entry_ptr(L1, 9, 0), pte(FRESH, USER));
	CHECK_EQ(mmu(2, SELF), -PV_ENOSYS);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(ents(L1)[9], 0);
	/* Without pdone the same, and the last request failing. */
	set_req(0, entry_ptr(L1, 8, 0), pte(FRESH, USER));
	set_req(1, entry_ptr(UNOWNED_FRAME, 0, 0), 0);
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 2, 0, SELF), -PV_EINVAL);
	CHECK_EQ(ents(L1)[8], pte(FRESH, USER));
	teardown();
}

TEST(mmu_update_machphys)
{
	setup();
	CHECK_EQ(mmu1(entry_ptr(FRESH, 0, PV_MMU_MACHPHYS_UPDATE), 42), 0);
	CHECK_EQ(m2p_get(FRESH), 42);
	/* The offset bits of ptr are ignored; any value is stored. */
	CHECK_EQ(mmu1(entry_ptr(FRESH, 17, PV_MMU_MACHPHYS_UPDATE), M2P_INVALID), 0);
	CHECK_EQ(m2p_get(FRESH), M2P_INVALID);
	/* A page table, a mapped page: the caller's frames all the same. */
	CHECK_EQ(mmu1(entry_ptr(L4, 0, PV_MMU_MACHPHYS_UPDATE), 7), 0);
	CHECK_EQ(m2p_get(L4), 7);
	CHECK_EQ(mmu1(entry_ptr(DATA, 0, PV_MMU_MACHPHYS_UPDATE), 8), 0);
	CHECK_EQ(m2p_get(DATA), 8);
	CHECK_EQ(fr(DATA)->refcount, 1);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	/* Frames not the caller's. */
	m2p_set(OTHER_FRAME, 3);
	CHECK_EQ(mmu1(entry_ptr(OTHER_FRAME, 0, PV_MMU_MACHPHYS_UPDATE), 9), -PV_EINVAL);
	CHECK_EQ(m2p_get(OTHER_FRAME), 3);
	CHECK_EQ(mmu1(entry_ptr(UNOWNED_FRAME, 0, PV_MMU_MACHPHYS_UPDATE), 9), -PV_EINVAL);
	CHECK_EQ(m2p_get(UNOWNED_FRAME), M2P_INVALID);
	CHECK_EQ(mmu1(entry_ptr(FREE_FRAME, 0, PV_MMU_MACHPHYS_UPDATE), 9), -PV_EINVAL);
	CHECK_EQ(m2p_get(FREE_FRAME), M2P_INVALID);
	CHECK_EQ(mmu1(entry_ptr(BEYOND_FRAME, 0, PV_MMU_MACHPHYS_UPDATE), 9), -PV_EINVAL);
	CHECK_EQ(fr(OTHER_FRAME)->refcount, 0);
	/* A misaligned machphys request (type 5) is -ENOSYS. */
	CHECK_EQ(mmu1(entry_ptr(FRESH, 0, PV_MMU_MACHPHYS_UPDATE | 4), 10), -PV_ENOSYS);
	CHECK_EQ(m2p_get(FRESH), M2P_INVALID);
	CHECK_EQ(host_tlb_flushes, 0);
	teardown();
}

TEST(mmu_update_bad_pointers)
{
	setup();
	/* The request array: unreadable. */
	set_pdone(99);
	CHECK_EQ(do_mmu_update(BAD_VA, 1, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(do_mmu_update(BAD_VA, 3, 0, SELF), -PV_EFAULT);
	CHECK_EQ(do_mmu_update(gva(HOST_GUEST_SIZE), 1, 0, SELF), -PV_EFAULT);
	/*
	 * In the hypervisor's range or not canonical: refused before anything
	 * (as Xen's guest_handle_okay, which looks at the start only), even
	 * with nothing to do; pdone is not written.
	 */
	set_pdone(99);
	CHECK_EQ(do_mmu_update(0xffff800000000000ull, 1, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(do_mmu_update(0xffff87fffffffff0ull, 0, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(do_mmu_update(0x0000800000000000ull, 1, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(pdone(), 99);
	CHECK_EQ(ents(L1)[0], pte(DATA, USER));
	/* Running off the end: the readable requests are done. */
	{
		struct pv_mmu_update r = { entry_ptr(L1, 7, 0), pte(FRESH2, USER) };

		memcpy(host_guest_memory + HOST_GUEST_SIZE - sizeof(r), &r, sizeof(r));
		set_pdone(99);
		CHECK_EQ(do_mmu_update(gva(HOST_GUEST_SIZE - sizeof(r)), 2, gva(PDONE_OFF), SELF),
			 -PV_EFAULT);
		CHECK_EQ(pdone(), 1);
		CHECK_EQ(ents(L1)[7], pte(FRESH2, USER));
	}

	/* A bad pdone is ignored: the work is done and succeeds. */
	set_req(0, entry_ptr(L1, 2, 0), pte(FRESH, USER));
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 1, BAD_VA, SELF), 0);
	CHECK_EQ(ents(L1)[2], pte(FRESH, USER));
	set_req(0, entry_ptr(L1, 3, 0), pte(FRESH, USER));
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 1 | PREEMPTED, BAD_VA, SELF), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH, USER));
	set_req(0, entry_ptr(L1, 4, 4), pte(FRESH, USER));
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 1, BAD_VA, SELF), -PV_ENOSYS);
	CHECK_EQ(fr(FRESH)->refcount, 2);
	teardown();
}

TEST(mmu_update_foreigndom)
{
	setup();
	set_req(0, entry_ptr(L1, 2, 0), pte(FRESH, USER));
	/* The caller's own id must be given as DOMID_SELF. */
	CHECK_EQ(mmu(1, 1), -PV_ESRCH);
	CHECK_EQ(mmu(0, 1), -PV_ESRCH);
	/* No such domain. */
	CHECK_EQ(mmu(1, 0x7fe0), -PV_ESRCH);
	CHECK_EQ(mmu(1, 3), -PV_ESRCH);
	CHECK_EQ(mmu(1, 0x7fe0), -PV_ESRCH);
	CHECK_EQ(pdone(), 0); /* an unknown page owner: pdone written */
	CHECK_EQ(mmu(1, (4u + 1) << 16 | SELF), -PV_ESRCH); /* page-table owner */
	CHECK_EQ(pdone(), 99); /* refused before pdone is touched, as on Xen */
	CHECK_EQ(ents(L1)[2], 0);
	/* Another domain: refused when a request is made (not yet). */
	CHECK_EQ(mmu(1, 2), -PV_EPERM);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(mmu(0, 2), 0);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(mmu(1, (2u + 1) << 16 | SELF), -PV_EPERM);
	CHECK_EQ(mmu(1, PV_DOMID_IO), -PV_EPERM);
	CHECK_EQ(ents(L1)[2], 0);
	set_req(0, entry_ptr(FRESH, 0, PV_MMU_MACHPHYS_UPDATE), 1);
	CHECK_EQ(mmu(1, 2), -PV_EPERM);
	CHECK_EQ(m2p_get(FRESH), M2P_INVALID);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	/* DOMID_SELF, alone or with the caller as page-table owner (id + 1). */
	set_req(0, entry_ptr(L1, 2, 0), pte(FRESH, USER));
	CHECK_EQ(mmu(1, SELF), 0);
	CHECK_EQ(pdone(), 1);
	set_req(0, entry_ptr(L1, 3, 0), pte(FRESH, USER));
	CHECK_EQ(mmu(1, (1u + 1) << 16 | SELF), 0);
	CHECK_EQ(ents(L1)[3], pte(FRESH, USER));
	teardown();
}

TEST(mmu_update_continuation)
{
	uint64_t args[4];

	setup();
	set_req(0, entry_ptr(L1, 2, 0), pte(FRESH, USER));
	set_req(1, entry_ptr(L2, 1, 0), pte(NEW_L1, PRW));
	set_req(2, entry_ptr(FRESH, 0, PV_MMU_MACHPHYS_UPDATE), 11);
	host_preempt = true;
	CHECK_EQ(mmu(3, SELF), 0x7fff);
	CHECK_EQ(pdone(), 1);
	CHECK_EQ(host_continued_nr, PV_HYPERVISOR_mmu_update);
	CHECK_EQ(host_continued_nargs, 4);
	CHECK_EQ(host_continued_args[0], gva(REQS_OFF) + 16);
	CHECK_EQ(host_continued_args[1], 2 | PREEMPTED);
	CHECK_EQ(host_continued_args[2], gva(PDONE_OFF));
	CHECK_EQ(host_continued_args[3], SELF);
	/* The first request only. */
	CHECK_EQ(ents(L1)[2], pte(FRESH, USER));
	CHECK_EQ(ents(L2)[1], 0);
	CHECK_EQ(m2p_get(FRESH), M2P_INVALID);

	/* The continuation: pdone read back and added to. */
	memcpy(args, host_continued_args, sizeof(args));
	host_preempt = false;
	host_continued_nr = 0;
	CHECK_EQ(do_mmu_update(args[0], (unsigned int)args[1], args[2], (unsigned int)args[3]), 0);
	CHECK_EQ(host_continued_nr, 0);
	CHECK_EQ(pdone(), 3);
	CHECK_EQ(ents(L2)[1], pte(NEW_L1, PRW | PTE_US));
	CHECK_EQ(m2p_get(FRESH), 11);
	CHECK_EQ(host_tlb_flushes, 1);

	/* Preempted again after one more: pdone 1 + 1, then the rest. */
	set_req(0, entry_ptr(L1, 3, 0), pte(FRESH, USER));
	set_req(1, entry_ptr(L1, 4, 0), pte(FRESH, USER));
	set_req(2, entry_ptr(L1, 5, 0), pte(FRESH, USER));
	host_preempt = true;
	CHECK_EQ(mmu(3, 0x7fe0), -PV_ESRCH); /* foreigndom checked first */
	CHECK_EQ(mmu(3, SELF), 0x7fff);
	CHECK_EQ(pdone(), 1);
	CHECK_EQ(do_mmu_update(host_continued_args[0], (unsigned int)host_continued_args[1],
			       host_continued_args[2], (unsigned int)host_continued_args[3]), 0x7fff);
	CHECK_EQ(pdone(), 2);
	CHECK_EQ(host_continued_args[0], gva(REQS_OFF) + 32);
	CHECK_EQ(host_continued_args[1], 1 | PREEMPTED);
	/* One request left: never preempted before the first. */
	CHECK_EQ(do_mmu_update(host_continued_args[0], (unsigned int)host_continued_args[1],
			       host_continued_args[2], (unsigned int)host_continued_args[3]), 0);
	CHECK_EQ(pdone(), 3);
	CHECK_EQ(ents(L1)[5], pte(FRESH, USER));
	CHECK_EQ(fr(FRESH)->refcount, 4);

	/* A failure in a continued batch: pdone counts from the earlier part. */
	host_preempt = false;
	set_req(0, entry_ptr(L1, 6, 0), pte(OTHER_FRAME, USER));
	set_pdone(5);
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 1 | PREEMPTED, gva(PDONE_OFF), SELF), -PV_EBUSY);
	CHECK_EQ(pdone(), 5);
	/* Continued without pdone. */
	set_req(0, entry_ptr(L1, 6, 0), pte(FRESH, USER));
	CHECK_EQ(do_mmu_update(gva(REQS_OFF), 1 | PREEMPTED, 0, SELF), 0);
	CHECK_EQ(ents(L1)[6], pte(FRESH, USER));
	teardown();
}
