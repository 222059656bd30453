/*
 * Tests for PV page types and reference counts (page_type.h,
 * hypervisor/arch/x86_64/pv/mm/).
 *
 * Every test starts a fresh world (pt_world.h): a frame table of NFRAMES
 * frames over a fake memory, frames 1-299 owned by `dom`, 300-399 by
 * `other`, some unowned or free.
 * Table-driven cases try each entry rule at each level, through both ways
 * of checking an entry: validation (pinning a table that already holds the
 * entry) and page_table_update() of a live table.  After each case the
 * whole state is checked against counts recomputed from scratch
 * (check_state()), and releasing everything must bring every count back to
 * 0.  A randomised test does the same after every step of a long sequence.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "arch/pagetable.h"
#include "domain.h"
#include "frame.h"
#include "harness.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "page_type.h"
#include "pt_world.h"

#define ALL_ONES_FRAME 0xffffffffffull

#define PTE_PAT4K (1ull << 7)
#define PTE_AVAIL_BITS (7ull << 9)
#define PTE_AVAIL_HIGH_BITS (0x7ffull << 52)
#define PTE_KERNEL_MARK (1ull << 52)
#define P PTE_P
#define PRW (PTE_P | PTE_RW)

/* ---- Table-driven entry rules ---- */

/* Frames every entry case can name (prepare()). */
#define T 10            /* the table under test */
#define FRESH 11        /* an empty frame of the domain */
#define PINNED_L1 20
#define DESC 21         /* a descriptor page, held */
#define PINNED_L2 22
#define PINNED_L3 23
#define PINNED_L4 24
#define WRITABLE 25     /* held as writable */
#define BAD_L1 26       /* as an L1: a PCD entry */
#define BUSY_L1 27      /* as an L1: maps another domain's frame */
#define MMIO_L1 28      /* as an L1: maps a frame beyond RAM */
#define LINEAR_L2 29    /* pinned L2 with a linear entry naming PINNED_L2 */
#define SELF ((uint64_t)-1)

static const uint64_t pinned_table[5] = { 0, PINNED_L1, PINNED_L2, PINNED_L3, PINNED_L4 };

static void prepare(void)
{
	for (unsigned int level = 1; level <= 4; level++)
		CHECK_EQ(page_pin(pinned_table[level], dom, level), 0);
	CHECK_EQ(hold_type(DESC, PV_TYPE_SEG_DESC), 0);
	CHECK_EQ(hold_type(WRITABLE, PV_TYPE_WRITABLE), 0);
	ents(BAD_L1)[7] = pte(FRESH, P | PTE_PCD);
	ents(BUSY_L1)[7] = pte(OTHER_FRAME, PRW);
	ents(MMIO_L1)[7] = pte(BEYOND_FRAME, P);
	ents(LINEAR_L2)[1] = pte(PINNED_L2, P);
	CHECK_EQ(page_pin(LINEAR_L2, dom, PV_TYPE_L2), 0);
	CHECK_EQ(fr(LINEAR_L2)->linear_count, 1);
	CHECK_EQ(fr(PINNED_L2)->linear_count, -1);
}

struct entry_case {
	unsigned int level; /* 0: every level of its group */
	uint64_t target;
	uint64_t flags;
	int rc;
};

static const struct entry_case l1_cases[] = {
	{ 1, FRESH, P, 0 },
	{ 1, FRESH, PRW, 0 },
	{ 1, FRESH, PRW | PTE_US | PTE_A | PTE_D | PTE_G | PTE_NX, 0 },
	{ 1, FRESH, PRW | PTE_AVAIL_BITS | PTE_AVAIL_HIGH_BITS, 0 },
	{ 1, FRESH, P | PTE_PWT, -PV_EINVAL },
	{ 1, FRESH, P | PTE_PCD, -PV_EINVAL },
	{ 1, FRESH, P | PTE_PAT4K, -PV_EINVAL },
	{ 1, OTHER_FRAME, P, -PV_EBUSY },
	{ 1, UNOWNED_FRAME, P, -PV_EBUSY },
	{ 1, 0, P, -PV_EBUSY },
	{ 1, FREE_FRAME, P, -PV_EBUSY },
	{ 1, BEYOND_FRAME, P, -PV_EPERM },
	{ 1, ALL_ONES_FRAME, P, -PV_EINVAL },
	{ 1, PINNED_L1, P, 0 },
	{ 1, PINNED_L1, PRW, -PV_EBUSY },
	{ 1, PINNED_L4, PRW, -PV_EBUSY },
	{ 1, DESC, P, 0 },
	{ 1, DESC, PRW, -PV_EBUSY },
	{ 1, WRITABLE, PRW, 0 },
	{ 1, SELF, P, 0 },
	{ 1, SELF, PRW, -PV_EBUSY },
	{ 1, BEYOND_FRAME, PRW & ~PTE_P, 0 }, /* not present: never looked at */
	{ 1, ALL_ONES_FRAME, 0xffe, 0 },
};

/* Cases for an L2, L3 or L4 table; LOWER/SAME are the pinned tables one level down / at the level. */
#define LOWER ((uint64_t)-2)
#define SAME ((uint64_t)-3)

static const struct entry_case upper_cases[] = {
	{ 0, FRESH, P, 0 },
	{ 0, FRESH, PRW | PTE_US | PTE_A | PTE_D | PTE_NX, 0 },
	{ 0, FRESH, PRW | PTE_AVAIL_BITS | PTE_AVAIL_HIGH_BITS, 0 },
	{ 0, FRESH, PRW | PTE_PS, -PV_EINVAL },
	{ 0, FRESH, PRW | PTE_G, -PV_EINVAL },
	{ 0, FRESH, PRW | PTE_PWT, -PV_EINVAL },
	{ 0, FRESH, PRW | PTE_PCD, -PV_EINVAL },
	{ 0, OTHER_FRAME, PRW, -PV_EINVAL },
	{ 0, UNOWNED_FRAME, PRW, -PV_EINVAL },
	{ 0, FREE_FRAME, PRW, -PV_EINVAL },
	{ 0, BEYOND_FRAME, PRW, -PV_EINVAL },
	{ 0, LOWER, PRW, 0 },
	{ 0, WRITABLE, PRW, -PV_EINVAL },
	{ 0, DESC, P, -PV_EINVAL },
	{ 0, SELF, P, 0 },
	{ 0, SELF, PRW, -PV_EINVAL },
	{ 0, SAME, P, 0 },
	{ 0, SAME, PRW, -PV_EINVAL },
	{ 2, BAD_L1, PRW, -PV_EINVAL },
	{ 2, BUSY_L1, PRW, -PV_EBUSY },
	{ 2, MMIO_L1, PRW, -PV_EPERM },
	{ 2, LINEAR_L2, P, -PV_EINVAL }, /* names a table with linear entries */
	{ 3, PINNED_L1, PRW, -PV_EINVAL },
	{ 4, PINNED_L2, PRW, -PV_EINVAL },
	{ 0, BEYOND_FRAME, PRW & ~PTE_P, 0 },
};

static uint64_t case_target(const struct entry_case *c, unsigned int level)
{
	if (c->target == SELF)
		return T;
	if (c->target == LOWER)
		return pinned_table[level - 1];
	if (c->target == SAME)
		return pinned_table[level];
	return c->target;
}

static void report_case(const char *path, unsigned int level, unsigned int i, int rc, int want)
{
	if (rc != want) {
		printf("  %s, level %u, case %u: rc %d, want %d\n", path, level, i, rc, want);
		CHECK(false);
	}
}

/* The entry already sits in table T when T is pinned. */
static void run_case_by_validation(const struct entry_case *c, unsigned int level, unsigned int i)
{
	uint64_t e = pte(case_target(c, level), c->flags);
	int rc;

	world_start();
	prepare();
	ents(T)[3] = e;
	rc = page_pin(T, dom, level);
	report_case("validation", level, i, rc, c->rc);
	if (rc) {
		CHECK_EQ(fr(T)->type_count, 0);
		CHECK_EQ(fr(T)->refcount, 0);
	}
	check_state("validation case", i);
	release_and_check_zero();
	world_end();
}

/* The entry goes into table T, pinned empty, through page_table_update(). */
static void run_case_by_update(const struct entry_case *c, unsigned int level, unsigned int i)
{
	uint64_t e = pte(case_target(c, level), c->flags);
	int rc;

	world_start();
	prepare();
	CHECK_EQ(page_pin(T, dom, level), 0);
	rc = page_table_update(T, 3, e, dom, false);
	report_case("update", level, i, rc, c->rc);
	if (rc)
		CHECK_EQ(ents(T)[3], 0);
	check_state("update case", i);
	release_and_check_zero();
	world_end();
}

static void run_cases(const struct entry_case *cases, unsigned int count,
		      unsigned int first_level, unsigned int last_level)
{
	for (unsigned int level = first_level; level <= last_level; level++) {
		for (unsigned int i = 0; i < count; i++) {
			if (cases[i].level && cases[i].level != level)
				continue;
			run_case_by_validation(&cases[i], level, i);
			run_case_by_update(&cases[i], level, i);
		}
	}
}

TEST(page_type_l1_entry_rules)
{
	run_cases(l1_cases, ARRAY_SIZE(l1_cases), 1, 1);
}

TEST(page_type_upper_entry_rules)
{
	run_cases(upper_cases, ARRAY_SIZE(upper_cases), 2, 4);
}

/* ---- References and types ---- */

TEST(page_type_general_refs)
{
	world_start();
	CHECK_EQ(page_get_ref(5, dom), 0);
	CHECK_EQ(fr(5)->refcount, 1);
	CHECK_EQ(page_get_ref(5, other), -PV_EINVAL);
	CHECK_EQ(page_get_ref(OTHER_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_get_ref(UNOWNED_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_get_ref(FREE_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_get_ref(BEYOND_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_get_ref(5, NULL), -PV_EINVAL);
	page_put_ref(5);
	CHECK_EQ(fr(5)->refcount, 0);
	/* A free frame is nobody's, whatever its owner field says. */
	frame_set_owner(FREE_FRAME, 1);
	CHECK_EQ(page_get_ref(FREE_FRAME, dom), -PV_EINVAL);
	frame_set_owner(FREE_FRAME, FRAME_OWNER_NONE);
	/* Overflow is refused, never wrapped; an RO mapping then answers -EBUSY. */
	frame_get(6)->refcount = UINT32_MAX;
	CHECK_EQ(page_get_ref(6, dom), -PV_EINVAL);
	ents(T)[0] = pte(6, P);
	CHECK_EQ(page_pin(T, dom, PV_TYPE_L1), -PV_EBUSY);
	frame_get(6)->refcount = 0;
	release_and_check_zero();
	world_end();
}

TEST(page_type_changes_only_at_count_zero)
{
	world_start();
	CHECK_EQ(hold_type(5, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(fr(5)->type, PV_TYPE_WRITABLE);
	CHECK(fr(5)->type_flags & PV_TYPE_VALIDATED);
	CHECK_EQ(page_get_type(5, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(hold_type(5, PV_TYPE_SEG_DESC), -PV_EINVAL);
	CHECK_EQ(hold_type(5, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(fr(5)->type_count, 2);
	CHECK(check_state("writable held", 0));
	drop_type(5);
	drop_type(5);
	CHECK_EQ(fr(5)->type_count, 0);
	/* Writable -> L1 at count 0: allowed, and stale TLB entries are flushed. */
	host_type_flushes = 0;
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L1), 0);
	CHECK_EQ(host_type_flushes, 1);
	CHECK_EQ(host_flush_old_type, PV_TYPE_WRITABLE);
	CHECK_EQ(host_flush_new_type, PV_TYPE_L1);
	/* A fresh frame has no old use to flush. */
	CHECK_EQ(page_pin(6, dom, PV_TYPE_L2), 0);
	CHECK_EQ(host_type_flushes, 1);
	/* Bad arguments. */
	CHECK_EQ(page_get_type(5, dom, PV_TYPE_NONE), -PV_EINVAL);
	CHECK_EQ(page_get_type(5, dom, (enum pv_page_type)7), -PV_EINVAL);
	CHECK_EQ(page_get_type(BEYOND_FRAME, dom, PV_TYPE_WRITABLE), -PV_EINVAL);
	CHECK_EQ(page_get_ref_and_type(OTHER_FRAME, dom, PV_TYPE_WRITABLE), -PV_EINVAL);
	CHECK_EQ(fr(OTHER_FRAME)->refcount, 0);
	/*
	 * A frame in the middle of its validation (count 1, not validated yet)
	 * takes no further reference of its type: the validation of a cycle
	 * would otherwise wait for itself.
	 */
	frame_get(8)->type = PV_TYPE_L2;
	frame_get(8)->type_count = 1;
	CHECK_EQ(page_get_type(8, dom, PV_TYPE_L2), -PV_EINVAL);
	CHECK_EQ(fr(8)->type_count, 1);
	frame_get(8)->type_count = 0;
	/* Type count overflow is refused. */
	frame_get(7)->type = PV_TYPE_WRITABLE;
	frame_get(7)->type_flags = PV_TYPE_VALIDATED;
	frame_get(7)->type_count = UINT32_MAX;
	CHECK_EQ(page_get_type(7, dom, PV_TYPE_WRITABLE), -PV_EINVAL);
	frame_get(7)->type_count = 0;
	frame_get(7)->type_flags = 0;
	CHECK(check_state("after type changes", 0));
	release_and_check_zero();
	world_end();
}

TEST(page_type_pin_unpin)
{
	world_start();
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L2), 0);
	CHECK_EQ(fr(5)->refcount, 1);
	CHECK_EQ(fr(5)->type_count, 1);
	CHECK(fr(5)->type_flags & PV_TYPE_PINNED);
	/* Already pinned, at this level or another: -EINVAL, nothing changes. */
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L2), -PV_EINVAL);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(fr(5)->refcount, 1);
	CHECK_EQ(fr(5)->type_count, 1);
	/* Not the caller's frame, not a level, no such frame. */
	CHECK_EQ(page_pin(OTHER_FRAME, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(page_pin(UNOWNED_FRAME, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(page_pin(BEYOND_FRAME, dom, PV_TYPE_L1), -PV_EINVAL);
	CHECK_EQ(page_pin(6, dom, PV_TYPE_WRITABLE), -PV_EINVAL);
	CHECK_EQ(page_pin(6, dom, PV_TYPE_SEG_DESC), -PV_EINVAL);
	CHECK_EQ(page_pin(6, dom, PV_TYPE_NONE), -PV_EINVAL);
	CHECK_EQ(fr(6)->refcount, 0);
	/* Unpin: only the owner, only when pinned. */
	CHECK_EQ(page_unpin(5, other), -PV_EINVAL);
	CHECK_EQ(page_unpin(6, dom), -PV_EINVAL);
	CHECK_EQ(page_unpin(BEYOND_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_unpin(5, dom), 0);
	CHECK_EQ(page_unpin(5, dom), -PV_EINVAL);
	CHECK_EQ(fr(5)->refcount, 0);
	CHECK_EQ(fr(5)->type_count, 0);
	CHECK_EQ(fr(5)->type_flags, 0);
	/* Another domain's pin is its own. */
	CHECK_EQ(page_pin(OTHER_FRAME, other, PV_TYPE_L1), 0);
	CHECK_EQ(page_unpin(OTHER_FRAME, dom), -PV_EINVAL);
	CHECK_EQ(page_unpin(OTHER_FRAME, other), 0);
	release_and_check_zero();
	world_end();
}

/* L4 5 -> L3 6 -> L2 7 -> L1 8 -> data 9 (RW) and 10 (RO), all released at once. */
static void build_hierarchy(void)
{
	ents(5)[0] = pte(6, PRW);
	ents(5)[511] = pte(6, PRW); /* one lower table named twice */
	ents(6)[1] = pte(7, PRW);
	ents(7)[2] = pte(8, PRW);
	ents(8)[3] = pte(9, PRW);
	ents(8)[4] = pte(10, P);
}

TEST(page_type_nested_validation_and_eager_release)
{
	world_start();
	build_hierarchy();
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	CHECK_EQ(fr(6)->type, PV_TYPE_L3);
	CHECK_EQ(fr(6)->type_count, 2);
	CHECK_EQ(fr(6)->refcount, 2);
	CHECK_EQ(fr(7)->type, PV_TYPE_L2);
	CHECK_EQ(fr(8)->type, PV_TYPE_L1);
	CHECK_EQ(fr(9)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(9)->type_count, 1);
	CHECK_EQ(fr(10)->refcount, 1);
	CHECK_EQ(fr(10)->type_count, 0);
	CHECK(check_state("hierarchy pinned", 0));
	/* The L1 is a page table now: no writable mapping of it anywhere. */
	CHECK_EQ(page_table_update(8, 5, pte(8, PRW), dom, false), -PV_EBUSY);
	CHECK_EQ(page_table_update(8, 5, pte(7, PRW), dom, false), -PV_EBUSY);
	CHECK_EQ(page_table_update(8, 5, pte(7, P), dom, false), 0);
	/* Unpinning the root releases everything below it at once. */
	CHECK_EQ(page_unpin(5, dom), 0);
	for (uint64_t mfn = 5; mfn <= 10; mfn++) {
		CHECK_EQ(fr(mfn)->type_count, 0);
		CHECK_EQ(fr(mfn)->refcount, 0);
	}
	/* ... so the former page tables can be mapped writable right away. */
	CHECK_EQ(page_pin(11, dom, PV_TYPE_L1), 0);
	CHECK_EQ(page_table_update(11, 0, pte(8, PRW), dom, false), 0);
	CHECK_EQ(page_table_update(11, 1, pte(5, PRW), dom, false), 0);
	CHECK(check_state("after release", 0));
	release_and_check_zero();
	world_end();
}

TEST(page_type_error_propagates_and_unwinds)
{
	world_start();
	build_hierarchy();
	/* A bad leaf four levels down fails the whole pin with its own error. */
	ents(8)[100] = pte(OTHER_FRAME, P);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EBUSY);
	ents(8)[100] = pte(BEYOND_FRAME, P);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EPERM);
	ents(8)[100] = pte(11, P | PTE_PCD);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EINVAL);
	/* Nothing stays held; the tables whose validation failed have no type. */
	for (uint64_t mfn = 5; mfn <= 11; mfn++) {
		CHECK_EQ(fr(mfn)->type_count, 0);
		CHECK_EQ(fr(mfn)->refcount, 0);
		if (mfn <= 8)
			CHECK_EQ(fr(mfn)->type, PV_TYPE_NONE);
	}
	CHECK(check_state("after failed pins", 0));
	/* A failure in the second L3 slot releases what the first one took. */
	ents(8)[100] = 0;
	ents(5)[1] = pte(12, PRW);
	ents(12)[0] = pte(13, PRW | PTE_PS);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EINVAL);
	CHECK(check_state("after failed second slot", 0));
	CHECK_EQ(fr(9)->type_count, 0);
	ents(12)[0] = 0;
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	release_and_check_zero();
	world_end();
}

TEST(page_type_cycles_are_refused)
{
	world_start();
	/* A table naming itself read-only: allowed, and holds nothing. */
	ents(5)[0] = pte(5, P);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	CHECK_EQ(fr(5)->refcount, 1);
	CHECK_EQ(fr(5)->type_count, 1);
	CHECK_EQ(page_unpin(5, dom), 0);
	CHECK_EQ(fr(5)->type_count, 0);
	/* Writable: refused, at every level. */
	for (unsigned int level = 2; level <= 4; level++) {
		ents(5)[0] = pte(5, PRW);
		CHECK_EQ(page_pin(5, dom, level), -PV_EINVAL);
	}
	/* L4 -> L3 -> back to the L4 as an L2: the L4 is in use as an L4. */
	ents(5)[0] = pte(6, PRW);
	ents(6)[0] = pte(5, PRW);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EINVAL);
	ents(6)[0] = pte(5, P);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EINVAL);
	/* A longer cycle: L4 5 -> L3 6 -> L2 7 -> L1 8 -> 5 as a writable page. */
	ents(6)[0] = pte(7, PRW);
	ents(7)[0] = pte(8, PRW);
	ents(8)[0] = pte(5, PRW);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), -PV_EBUSY);
	/* Read-only, the leaf may map its own root: that is no cycle of types. */
	ents(8)[0] = pte(5, P);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	CHECK_EQ(fr(5)->refcount, 2);
	CHECK(check_state("cycles", 0));
	/* An L2 naming an L1 that names the L2 back writable. */
	ents(20)[0] = pte(21, PRW);
	ents(21)[0] = pte(20, PRW);
	CHECK_EQ(page_pin(20, dom, PV_TYPE_L2), -PV_EBUSY);
	CHECK_EQ(fr(20)->type_count, 0);
	CHECK_EQ(fr(21)->type_count, 0);
	release_and_check_zero();
	world_end();
}

TEST(page_type_linear_chains_are_one_step)
{
	world_start();
	for (uint64_t mfn = 5; mfn <= 7; mfn++)
		CHECK_EQ(page_pin(mfn, dom, PV_TYPE_L2), 0);
	CHECK_EQ(page_table_update(5, 0, pte(6, P), dom, false), 0);
	CHECK_EQ(fr(5)->linear_count, 1);
	CHECK_EQ(fr(6)->linear_count, -1);
	CHECK_EQ(fr(6)->type_count, 2);
	/* 6 is named linearly: it may not get linear entries itself. */
	CHECK_EQ(page_table_update(6, 0, pte(7, P), dom, false), -PV_EINVAL);
	/* 5 has linear entries: nothing may name it linearly. */
	CHECK_EQ(page_table_update(7, 0, pte(5, P), dom, false), -PV_EINVAL);
	/* Many tables may name the same one. */
	CHECK_EQ(page_table_update(7, 0, pte(6, P), dom, false), 0);
	CHECK_EQ(fr(6)->linear_count, -2);
	CHECK(check_state("linear", 0));
	/* Once nothing names 6, it may have linear entries. */
	CHECK_EQ(page_table_update(5, 0, 0, dom, false), 0);
	CHECK_EQ(page_table_update(7, 0, 0, dom, false), 0);
	CHECK_EQ(fr(6)->linear_count, 0);
	CHECK_EQ(page_table_update(6, 0, pte(7, P), dom, false), 0);
	/* A linear target must already be validated: an unpinned L2 is not. */
	CHECK_EQ(page_unpin(5, dom), 0);
	ents(5)[0] = pte(5, P);
	CHECK_EQ(page_table_update(6, 1, pte(5, P), dom, false), 0); /* validates 5 as an L1 */
	CHECK_EQ(fr(5)->type, PV_TYPE_L1);
	CHECK(check_state("linear", 1));
	/*
	 * An L3 at type count 0 that would only validate as an L3: an L3
	 * naming it read-only gets -EINVAL (as an L2 it fails, and as a
	 * linear target it is not validated), never a fresh validation.
	 */
	CHECK_EQ(page_pin(30, dom, PV_TYPE_L3), 0);
	CHECK_EQ(page_pin(31, dom, PV_TYPE_L3), 0);
	CHECK_EQ(page_table_update(31, 0, pte(6, PRW), dom, false), 0);
	CHECK_EQ(page_unpin(31, dom), 0);
	CHECK_EQ(fr(31)->type, PV_TYPE_L3);
	CHECK_EQ(fr(31)->type_count, 0);
	CHECK_EQ(page_table_update(30, 0, pte(31, P), dom, false), -PV_EINVAL);
	CHECK_EQ(fr(31)->type_count, 0);
	CHECK_EQ(fr(31)->refcount, 0);
	CHECK_EQ(page_pin(31, dom, PV_TYPE_L3), 0);
	CHECK_EQ(page_table_update(30, 0, pte(31, P), dom, false), 0);
	CHECK(check_state("linear", 2));
	/* Releasing the last reference to a linear target releases it too. */
	CHECK_EQ(page_unpin(7, dom), 0);
	CHECK_EQ(fr(7)->type_count, 1);
	CHECK_EQ(page_table_update(6, 0, 0, dom, false), 0);
	CHECK_EQ(fr(7)->type_count, 0);
	CHECK_EQ(fr(7)->linear_count, 0);
	CHECK_EQ(fr(6)->linear_count, 0);
	release_and_check_zero();
	world_end();
}

TEST(page_type_l4_hypervisor_slots)
{
	world_start();
	/* Whatever the guest left there is skipped, then replaced. */
	for (unsigned int i = PV_L4_HV_FIRST_SLOT; i <= PV_L4_HV_LAST_SLOT; i++)
		ents(5)[i] = pte(OTHER_FRAME, PRW | PTE_PS | PTE_PCD);
	ents(5)[255] = pte(6, PRW);
	ents(5)[272] = pte(7, PRW);
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	for (unsigned int i = PV_L4_HV_FIRST_SLOT; i <= PV_L4_HV_LAST_SLOT; i++)
		CHECK_EQ(ents(5)[i], HOST_L4_HV_ENTRY(i));
	CHECK_EQ(fr(6)->type, PV_TYPE_L3);
	CHECK_EQ(fr(7)->type, PV_TYPE_L3);
	/* No update may touch them; the neighbours are the guest's. */
	CHECK_EQ(page_table_update(5, 256, 0, dom, false), -PV_EINVAL);
	CHECK_EQ(page_table_update(5, 271, pte(8, PRW), dom, false), -PV_EINVAL);
	CHECK_EQ(page_table_update(5, 263, pte(8, PRW), dom, false), -PV_EINVAL);
	CHECK_EQ(ents(5)[256], HOST_L4_HV_ENTRY(256));
	CHECK_EQ(page_table_update(5, 255, 0, dom, false), 0);
	CHECK_EQ(page_table_update(5, 272, pte(8, PRW), dom, false), 0);
	CHECK_EQ(fr(6)->type_count, 0);
	CHECK_EQ(fr(8)->type, PV_TYPE_L3);
	/* Slots 256-271 of lower levels are ordinary. */
	CHECK_EQ(page_pin(9, dom, PV_TYPE_L3), 0);
	CHECK_EQ(page_table_update(9, 260, pte(10, PRW), dom, false), 0);
	CHECK(check_state("l4 slots", 0));
	release_and_check_zero();
	world_end();
}

TEST(page_type_update_checks_and_fast_path)
{
	world_start();
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L1), 0);
	/* Only a validated table of the caller, and only 512 entries. */
	CHECK_EQ(page_table_update(5, 512, 0, dom, false), -PV_EINVAL);
	CHECK_EQ(page_table_update(5, 0, 0, other, false), -PV_EINVAL);
	CHECK_EQ(page_table_update(6, 0, 0, dom, false), -PV_EINVAL); /* untyped */
	CHECK_EQ(hold_type(7, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(page_table_update(7, 0, 0, dom, false), -PV_EINVAL);
	CHECK_EQ(hold_type(8, PV_TYPE_SEG_DESC), 0);
	CHECK_EQ(page_table_update(8, 0, 0, dom, false), -PV_EINVAL);
	CHECK_EQ(page_table_update(BEYOND_FRAME, 0, 0, dom, false), -PV_EINVAL);
	CHECK_EQ(page_pin(OTHER_FRAME, other, PV_TYPE_L1), 0);
	CHECK_EQ(page_table_update(OTHER_FRAME, 0, pte(OTHER_FRAME + 1, P), dom, false),
		 -PV_EINVAL);
	CHECK_EQ(page_unpin(OTHER_FRAME, other), 0);
	/* RO -> RW -> RO of the same frame moves its writable reference. */
	CHECK_EQ(page_table_update(5, 0, pte(9, P), dom, false), 0);
	CHECK_EQ(fr(9)->refcount, 1);
	CHECK_EQ(fr(9)->type_count, 0);
	CHECK_EQ(page_table_update(5, 0, pte(9, PRW), dom, false), 0);
	CHECK_EQ(fr(9)->refcount, 1);
	CHECK_EQ(fr(9)->type_count, 1);
	/* Changing only bits that take no references keeps them. */
	CHECK_EQ(page_table_update(5, 0, pte(9, PRW | PTE_NX | PTE_D), dom, false), 0);
	CHECK_EQ(fr(9)->refcount, 1);
	CHECK_EQ(fr(9)->type_count, 1);
	/* A refused update leaves the entry as it was. */
	CHECK_EQ(page_table_update(5, 0, pte(9, PRW | PTE_PCD), dom, false), -PV_EINVAL);
	CHECK_EQ(pte_frame(ents(5)[0]), 9);
	CHECK(ents(5)[0] & PTE_NX);
	CHECK_EQ(page_table_update(5, 0, pte(9, P), dom, false), 0);
	CHECK_EQ(fr(9)->type_count, 0);
	/* Moving an entry to another frame moves its references. */
	CHECK_EQ(page_table_update(5, 0, pte(10, PRW), dom, false), 0);
	CHECK_EQ(fr(9)->refcount, 0);
	CHECK_EQ(fr(10)->type_count, 1);
	CHECK_EQ(page_table_update(5, 0, 0x12345000, dom, false), 0); /* not present */
	CHECK_EQ(fr(10)->refcount, 0);
	CHECK_EQ(fr(10)->type_count, 0);
	CHECK(check_state("updates", 0));
	release_and_check_zero();
	world_end();
}

TEST(page_type_preserve_ad_and_adjust)
{
	world_start();
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L1), 0);
	/* A kernel page (US clear) is made user-accessible, marked and kept non-global. */
	CHECK_EQ(page_table_update(5, 0, pte(9, PRW), dom, false), 0);
	CHECK_EQ(ents(5)[0], pte(9, PRW | PTE_US | PTE_KERNEL_MARK));
	/* A user page becomes global. */
	CHECK_EQ(page_table_update(5, 1, pte(10, P | PTE_US), dom, false), 0);
	CHECK_EQ(ents(5)[1], pte(10, P | PTE_US | PTE_G));
	/* A/D bits the CPU set survive a preserving update, not a plain one. */
	ents(5)[0] |= PTE_A | PTE_D;
	CHECK_EQ(page_table_update(5, 0, pte(9, PRW | PTE_NX), dom, true), 0);
	CHECK_EQ(ents(5)[0], pte(9, PRW | PTE_NX | PTE_US | PTE_KERNEL_MARK | PTE_A | PTE_D));
	CHECK_EQ(page_table_update(5, 0, pte(11, PRW), dom, true), 0);
	CHECK(ents(5)[0] & PTE_D);
	CHECK_EQ(page_table_update(5, 0, pte(11, PRW), dom, false), 0);
	CHECK(!(ents(5)[0] & (PTE_A | PTE_D)));
	/* Validation adjusts in place too: upper levels get US, L4 also A. */
	ents(6)[0] = pte(7, PRW);
	ents(7)[0] = pte(8, PRW);
	ents(8)[0] = pte(12, PRW);
	ents(12)[0] = pte(13, PRW);
	CHECK_EQ(page_pin(6, dom, PV_TYPE_L4), 0);
	CHECK_EQ(ents(6)[0], pte(7, PRW | PTE_US | PTE_A));
	CHECK_EQ(ents(7)[0], pte(8, PRW | PTE_US));
	CHECK_EQ(ents(8)[0], pte(12, PRW | PTE_US));
	CHECK_EQ(ents(12)[0], pte(13, PRW | PTE_US | PTE_KERNEL_MARK));
	CHECK(check_state("adjust", 0));
	release_and_check_zero();
	world_end();
}

/* ---- Descriptor pages ---- */

#define DESC_P (1ull << 47)
#define DESC_S (1ull << 44)
#define DESC_DPL(n) ((uint64_t)(n) << 45)
#define DESC_TYPE(t) ((uint64_t)(t) << 40)
#define CODE64 (DESC_P | DESC_S | DESC_TYPE(0xb) | (1ull << 53) | 0xffff)

static uint64_t call_gate(unsigned int sel, unsigned int dpl)
{
	return DESC_P | DESC_TYPE(0xc) | DESC_DPL(dpl) | (uint64_t)sel << 16 | 0x1234;
}

TEST(page_type_descriptor_pages)
{
	uint64_t d;

	world_start();
	/* Not present: anything goes. */
	d = 0xffff7fffffffffffull;
	CHECK(pv_descriptor_check(dom, &d));
	CHECK_EQ(d, 0xffff7fffffffffffull);
	/* Code/data: DPL raised to 3. */
	d = CODE64 | DESC_DPL(0);
	CHECK(pv_descriptor_check(dom, &d));
	CHECK_EQ(d, CODE64 | DESC_DPL(3));
	/* System descriptors: type 0 passes, a TSS or LDT descriptor does not. */
	d = DESC_P | DESC_TYPE(0);
	CHECK(pv_descriptor_check(dom, &d));
	d = DESC_P | DESC_TYPE(0x9);
	CHECK(!pv_descriptor_check(dom, &d));
	d = DESC_P | DESC_TYPE(0x2);
	CHECK(!pv_descriptor_check(dom, &d));
	/* Call gates: guest selectors only, DPL moved into the RPL, reserved bits 0. */
	d = call_gate(0x10, 3);
	CHECK(pv_descriptor_check(dom, &d));
	CHECK_EQ(d, DESC_P | DESC_TYPE(0xc) | (uint64_t)0x13 << 16 | 0x1234);
	d = call_gate(0xe008, 3); /* the hypervisor's own code segment */
	CHECK(!pv_descriptor_check(dom, &d));
	d = call_gate(0xe033, 0); /* the flat kernel CS */
	CHECK(pv_descriptor_check(dom, &d));
	d = call_gate(0xe00c, 3); /* an LDT selector */
	CHECK(pv_descriptor_check(dom, &d));
	d = call_gate(0x10, 3) | (1ull << 32);
	CHECK(!pv_descriptor_check(dom, &d));
	/* As a page type. */
	ents(5)[0] = CODE64;
	ents(5)[1] = call_gate(0x10, 3);
	CHECK_EQ(hold_type(5, PV_TYPE_SEG_DESC), 0);
	CHECK_EQ(ents(5)[0], CODE64 | DESC_DPL(3));
	CHECK_EQ(fr(5)->refcount, 1);
	ents(6)[9] = call_gate(0xe008, 3);
	CHECK_EQ(hold_type(6, PV_TYPE_SEG_DESC), -PV_EINVAL);
	CHECK_EQ(fr(6)->type_count, 0);
	CHECK_EQ(fr(6)->refcount, 0);
	/* Never writable while a descriptor page. */
	CHECK_EQ(page_pin(7, dom, PV_TYPE_L1), 0);
	CHECK_EQ(page_table_update(7, 0, pte(5, PRW), dom, false), -PV_EBUSY);
	CHECK_EQ(page_table_update(7, 0, pte(5, P), dom, false), 0);
	CHECK(check_state("descriptors", 0));
	release_and_check_zero();
	world_end();
}

/* ---- Teardown and the allocator ---- */

TEST(page_type_release_domain)
{
	world_start();
	build_hierarchy();
	CHECK_EQ(page_pin(5, dom, PV_TYPE_L4), 0);
	CHECK_EQ(page_pin(8, dom, PV_TYPE_L1), 0);
	CHECK_EQ(page_pin(20, dom, PV_TYPE_L2), 0);
	CHECK_EQ(page_pin(OTHER_FRAME, other, PV_TYPE_L1), 0);
	page_types_release_domain(dom);
	for (uint64_t mfn = 1; mfn < OTHER_FRAME; mfn++) {
		CHECK_EQ(fr(mfn)->refcount, 0);
		CHECK_EQ(fr(mfn)->type_count, 0);
	}
	CHECK(!strstr(console_captured(), "still held"));
	/* The other domain keeps its pin. */
	CHECK(fr(OTHER_FRAME)->type_flags & PV_TYPE_PINNED);
	CHECK_EQ(page_unpin(OTHER_FRAME, other), 0);
	/* A reference nobody dropped is reported. */
	CHECK_EQ(page_get_ref(9, dom), 0);
	page_types_release_domain(dom);
	CHECK(strstr(console_captured(), "frame 0x9 still held: 1 references") != NULL);
	page_put_ref(9);
	world_end();
}

TEST(page_type_frames_alloc_resets_accounting)
{
	struct frame small[4] = { 0 };
	uint64_t mfn;

	frames_init(small, 4);
	frames_add_free(2, 4);
	mfn = frames_alloc(1);
	CHECK_EQ(mfn, 2);
	small[2] = (struct frame){ .state = small[2].state, .order = 1, .owner = 7,
				   .refcount = 3, .type_count = 2, .type = PV_TYPE_L2,
				   .type_flags = PV_TYPE_PINNED, .linear_count = -1 };
	small[3].owner = 7;
	small[3].refcount = 9;
	CHECK_EQ(frames_free(2, 1), 0);
	CHECK_EQ(small[2].owner, FRAME_OWNER_NONE);
	CHECK_EQ(small[3].owner, FRAME_OWNER_NONE);
	CHECK_EQ(frames_alloc(0), 2);
	CHECK_EQ(frames_alloc(0), 3);
	for (unsigned int i = 2; i < 4; i++) {
		CHECK_EQ(small[i].owner, FRAME_OWNER_NONE);
		CHECK_EQ(small[i].refcount, 0);
		CHECK_EQ(small[i].type_count, 0);
		CHECK_EQ(small[i].type, PV_TYPE_NONE);
		CHECK_EQ(small[i].type_flags, 0);
		CHECK_EQ(small[i].linear_count, 0);
	}
	CHECK(frame_get(3) == &small[3]);
	CHECK(frame_get(4) == NULL);
	/* Leave the allocator on memory that outlives this test. */
	world_start();
	world_end();
}

/* ---- Randomised sequence ---- */

/*
 * Frames 1..POOL are the domain's tables and pages.  Each has a preferred
 * role (mfn % 5: 0 a data page, 1-4 a table of that level) which most
 * entries and pins follow, so that deep, shared and linear structures
 * form; the rest is noise that must be refused cleanly.
 */
#define POOL 40
#define HELD_MAX 64

static uint64_t rng_state;

static uint64_t rnd(void)
{
	return xorshift64(&rng_state);
}

static unsigned int below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

static unsigned int role(uint64_t mfn)
{
	return (unsigned int)(mfn % 5);
}

static uint64_t pool_frame(void)
{
	return 1 + below(POOL);
}

static uint64_t pool_frame_with_role(unsigned int r)
{
	return 5 * (1 + below(POOL / 5 - 1)) + r; /* 5..39 + r: inside the pool */
}

static uint64_t random_target(uint64_t table_mfn)
{
	static const uint64_t odd[] = { OTHER_FRAME, UNOWNED_FRAME, FREE_FRAME, BEYOND_FRAME,
					ALL_ONES_FRAME, 0 };
	unsigned int r = role(table_mfn), pick = below(40);

	if (pick == 0)
		return odd[below(ARRAY_SIZE(odd))];
	if (pick <= 2)
		return table_mfn;
	if (pick <= 6 && r >= 2)
		return pool_frame_with_role(r); /* a linear candidate */
	if (pick <= 30)
		return pool_frame_with_role(r ? r - 1 : 0);
	return pool_frame();
}

static uint64_t random_flags(uint64_t table_mfn, uint64_t target)
{
	uint64_t f = below(8) ? PTE_P : 0;

	/* Mostly writable, except where only read-only can work. */
	if (role(table_mfn) == role(target) && role(target) >= 2)
		f |= below(5) ? 0 : PTE_RW;
	else if (role(table_mfn) == 1 && role(target))
		f |= below(5) ? 0 : PTE_RW;
	else
		f |= below(5) ? PTE_RW : 0;
	f |= below(2) ? PTE_US : 0;
	f |= below(2) ? PTE_A : 0;
	f |= below(4) ? 0 : PTE_D;
	f |= below(4) ? 0 : PTE_NX;
	f |= below(40) ? 0 : PTE_G;
	f |= below(8) ? 0 : (rnd() & (PTE_AVAIL_BITS | PTE_AVAIL_HIGH_BITS));
	f |= below(100) ? 0 : PTE_PCD;
	f |= below(100) ? 0 : PTE_PS;
	f |= below(150) ? 0 : PTE_PWT;
	return f;
}

static uint64_t random_entry(uint64_t table_mfn)
{
	uint64_t target = random_target(table_mfn);

	return pte(target, random_flags(table_mfn, target));
}

static unsigned int random_index(void)
{
	static const unsigned int idx[] = { 0, 1, 2, 3, 4, 5, 255, 256, 263, 271, 272, 511 };

	return idx[below(ARRAY_SIZE(idx))];
}

static bool live_table(uint64_t mfn)
{
	const struct frame *f = mfn < NFRAMES ? fr(mfn) : NULL;

	return f && f->owner == 1 && pv_type_is_table(f->type) && f->type_count;
}

/* Mostly a frame that is (@live) or is not a live table. */
static uint64_t pick_frame(bool live)
{
	for (unsigned int tries = 0; tries < 8; tries++) {
		uint64_t mfn = pool_frame();

		if (live == live_table(mfn))
			return mfn;
	}
	return pool_frame();
}

static uint64_t held[HELD_MAX];
static unsigned int held_count;

/* What the sequence reached: each kind of answer, and structures. */
struct coverage {
	long pin[64], update[64];
	long linear_steps, shared_steps, deep_steps, cascades;
};

static struct coverage cov;

static void count_rc(long *hist, int rc)
{
	hist[-rc < 64 ? -rc : 63]++;
}

/* The guest writes a frame it may write: one that is no live table or descriptor page. */
static void op_write(void)
{
	uint64_t mfn = pool_frame();
	const struct frame *f = fr(mfn);

	if (f->type_count && f->type != PV_TYPE_WRITABLE)
		return;
	ents(mfn)[random_index()] = random_entry(mfn);
}

static void op_pin(void)
{
	uint64_t mfn = below(12) ? pick_frame(!below(4)) : random_target(1);
	unsigned int level = role(mfn) && below(4) ? role(mfn) : 1 + below(4);

	count_rc(cov.pin, page_pin(mfn, dom, level));
}

static void op_unpin(void)
{
	uint64_t mfn = pick_frame(below(2));
	uint32_t before = 0;

	for (uint64_t m = 1; m <= POOL; m++)
		before += fr(m)->type_count;
	if (!page_unpin(mfn, dom)) {
		uint32_t after = 0;

		for (uint64_t m = 1; m <= POOL; m++)
			after += fr(m)->type_count;
		cov.cascades += before - after > 1;
	}
}

static void op_update(void)
{
	uint64_t mfn = below(10) ? pick_frame(below(5)) : random_target(1);
	const struct frame *f = mfn < NFRAMES ? fr(mfn) : NULL;
	bool live = live_table(mfn);
	unsigned int index = below(40) ? random_index() : 512;
	int rc = page_table_update(mfn, index, random_entry(mfn), dom, below(2));

	count_rc(cov.update, rc);
	if (!live || index >= PT_ENTRIES || (f->type == 4 && pv_l4_slot_is_hypervisors(index)))
		CHECK_EQ(rc, -PV_EINVAL);
}

static void op_hold(void)
{
	static const enum pv_page_type types[] = { PV_TYPE_WRITABLE, PV_TYPE_WRITABLE,
						   PV_TYPE_L1, PV_TYPE_L2, PV_TYPE_L3,
						   PV_TYPE_L4, PV_TYPE_SEG_DESC };
	uint64_t mfn = pool_frame();

	if (held_count < HELD_MAX && !hold_type(mfn, types[below(ARRAY_SIZE(types))]))
		held[held_count++] = mfn;
}

static void op_drop(void)
{
	unsigned int i;

	if (!held_count)
		return;
	i = below(held_count);
	drop_type(held[i]);
	held[i] = held[--held_count];
}

static void random_step(void)
{
	unsigned int op = below(100);

	if (op < 30)
		op_write();
	else if (op < 52)
		op_pin();
	else if (op < 60)
		op_unpin();
	else if (op < 92)
		op_update();
	else if (op < 97)
		op_hold();
	else
		op_drop();
}

static void note_structures(void)
{
	bool linear = false, shared = false, deep = false;

	for (uint64_t mfn = 1; mfn <= POOL; mfn++) {
		const struct frame *f = fr(mfn);
		uint32_t own = !!(f->type_flags & PV_TYPE_PINNED) + extra_types[mfn];

		linear |= f->linear_count != 0;
		shared |= pv_type_is_table(f->type) && f->type_count >= own + 2;
		deep |= f->type == PV_TYPE_L2 && f->type_count > own; /* named by an L3 */
	}
	cov.linear_steps += linear;
	cov.shared_steps += shared;
	cov.deep_steps += deep;
}

static void check_coverage(long steps)
{
	static const int errors[] = { 0, -PV_EINVAL, -PV_EBUSY, -PV_EPERM };

	for (unsigned int i = 0; i < ARRAY_SIZE(errors); i++) {
		CHECK(cov.pin[-errors[i]] > 0);
		CHECK(cov.update[-errors[i]] > 0);
	}
	CHECK(cov.pin[0] > steps / 100);
	CHECK(cov.update[0] > steps / 20);
	CHECK(cov.linear_steps > steps / 20);
	CHECK(cov.shared_steps > steps / 20);
	CHECK(cov.deep_steps > steps / 20);
	CHECK(cov.cascades > steps / 1000);
}

static void random_run(uint64_t seed, long steps, bool teardown_by_release)
{
	world_start();
	rng_state = seed;
	held_count = 0;
	cov = (struct coverage){ .cascades = 0 };
	for (long step = 0; step < steps; step++) {
		random_step();
		if (!check_state("random", step))
			break;
		note_structures();
	}
	check_coverage(steps);
	if (!teardown_by_release) {
		while (held_count)
			op_drop();
		for (uint64_t mfn = 1; mfn <= POOL; mfn++)
			page_unpin(mfn, dom);
	}
	release_and_check_zero();
	world_end();
}

TEST(page_type_random_sequence)
{
	random_run(0x9e3779b97f4a7c15ull, 20000, false);
	random_run(0x0123456789abcdefull, 20000, true);
}
