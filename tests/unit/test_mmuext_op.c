/*
 * Tests for the mmuext_op hypercall (do_mmuext_op,
 * hypervisor/arch/x86_64/pv/mm/mmuext-op.c) against Xen 4.17's
 * do_mmuext_op for 64-bit PV guests: every command's success and error
 * answers, the order of the checks made before any operation runs, batches
 * stopping at the first failure with *pdone counting what was done, and
 * continuations.
 *
 * Each test runs in the page-table world of pt_world.h, with vCPU 0 of
 * `dom` in kernel mode on a pinned root K4 -> K3 -> K2 -> K1 (slot 0 of
 * each; K1 maps DATA writable), held as its kernel root as the domain
 * builder does.  The operation array, pdone and vCPU bitmaps live in the
 * host guest memory.  After the operations the reference counts are
 * recounted from scratch (check_state), and releasing everything must
 * bring every count back to 0.
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
#include "page_type.h"
#include "pt_world.h"

/* The kernel root vCPU 0 starts on, and what it maps. */
#define K4 10
#define K3 11
#define K2 12
#define K1 13
#define DATA 20
/* Another hierarchy, built but not validated (new_chain()). */
#define N4 30
#define N3 31
#define N2 32
#define N1 33
#define DATA2 34
/* Loose frames. */
#define FRESH 40
#define FRESH2 41
#define GARBAGE 42   /* 0xff.. in every entry: no table level accepts it */
#define SRC 43
#define DST 44
#define WRITABLE 45  /* held writable by the test */
#define DESC 46      /* held as a descriptor page by the test */
#define BUSY_L1 47   /* as an L1: maps another domain's frame */

#define P PTE_P
#define PRW (PTE_P | PTE_RW)
#define SELF PV_DOMID_SELF
#define PREEMPTED 0x80000000u

/* Offsets in the host guest memory (and PDONE_OFF, pt_world.h). */
#define MASK_OFF 0x80
#define OPS_OFF 0x100
#define BAD_VA 0x1000ull                 /* canonical, not guest memory here */
#define HV_VA 0xffff830000000000ull      /* the hypervisor's range */
#define NONCANON_VA 0x0000800000000000ull

static struct vcpu *vcpu;

/* ---- Setting up ---- */

static void setup(void)
{
	world_start();
	vcpu = world_kernel_vcpu(K4, K3, K2, K1, DATA);
	CHECK_EQ(page_pin(K4, dom, PV_TYPE_L4), 0);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		ents(GARBAGE)[i] = ~0ull;
	ents(BUSY_L1)[3] = pte(OTHER_FRAME, PRW);
	CHECK_EQ(hold_type(WRITABLE, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(hold_type(DESC, PV_TYPE_SEG_DESC), 0);
	host_tlb_flushes = host_cr3_reloads = host_cache_flushes = 0;
	host_invlpg_last = 0;
	host_cr3_loaded = 0;
	host_continued_nr = host_continued_nargs = 0;
	memset(host_continued_args, 0, sizeof(host_continued_args));
}

/* Checks the counts, releases everything, checks they are all 0. */
static void teardown(void)
{
	check_state("after the operations", 0);
	release_and_check_zero();
	world_end();
	CHECK(!strstr(console_captured(), "still held"));
	host_preempt = false;
}

/* N4 -> N3 -> N2 -> N1 (slot 0 of each), N1 mapping DATA2 writable. */
static void new_chain(void)
{
	ents(N4)[0] = pte(N3, PRW);
	ents(N3)[0] = pte(N2, PRW);
	ents(N2)[0] = pte(N1, PRW);
	ents(N1)[0] = pte(DATA2, PRW);
}

/* ---- Operations ---- */

static uint64_t gva(uint64_t off)
{
	return HOST_GUEST_BASE + off;
}

static void put_op_at(uint64_t off, uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
	struct pv_mmuext_op op;

	memset(&op, 0, sizeof(op));
	op.cmd = cmd;
	op.arg1.mfn = arg1;
	op.arg2.src_mfn = arg2;
	memcpy(host_guest_memory + off, &op, sizeof(op));
}

/* Operation @i of the array at OPS_OFF. */
static void set_op(unsigned int i, uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
	put_op_at(OPS_OFF + i * sizeof(struct pv_mmuext_op), cmd, arg1, arg2);
}

static void set_mask(uint64_t mask)
{
	memcpy(host_guest_memory + MASK_OFF, &mask, sizeof(mask));
}

/* mmuext_op on the array at OPS_OFF with pdone; *pdone starts at 99. */
static long ext(unsigned int count, unsigned int foreigndom)
{
	set_pdone(99);
	return do_mmuext_op(gva(OPS_OFF), count, gva(PDONE_OFF), foreigndom);
}

/* One operation, no pdone. */
static long ext1(uint32_t cmd, uint64_t arg1, uint64_t arg2)
{
	set_op(0, cmd, arg1, arg2);
	return do_mmuext_op(gva(OPS_OFF), 1, 0, SELF);
}

static bool pinned(uint64_t mfn)
{
	return fr(mfn)->type_flags & PV_TYPE_PINNED;
}

/* ---- Pinning ---- */

TEST(mmuext_pin_each_level_and_unpin)
{
	setup();
	new_chain();
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, N1, 0), 0);
	CHECK(pinned(N1));
	CHECK_EQ(fr(N1)->type, PV_TYPE_L1);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L2_TABLE, N2, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L3_TABLE, N3, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L4_TABLE, N4, 0), 0);
	CHECK_EQ(fr(N4)->type, PV_TYPE_L4);
	/* The pin and the L2's entry. */
	CHECK_EQ(fr(N1)->type_count, 2);
	CHECK_EQ(fr(DATA2)->type, PV_TYPE_WRITABLE);
	CHECK(check_state("pinned", 0));
	/* Unpinning the top leaves the lower pins holding their tables. */
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, N4, 0), 0);
	CHECK(!pinned(N4));
	CHECK_EQ(fr(N4)->type_count, 0);
	CHECK_EQ(fr(N3)->type_count, 1);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, N3, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, N2, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, N1, 0), 0);
	/* Everything released at once: DATA2 may be a table now. */
	CHECK_EQ(fr(DATA2)->type_count, 0);
	CHECK_EQ(fr(N1)->refcount, 0);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, DATA2, 0), 0);
	teardown();
}

TEST(mmuext_pin_errors)
{
	setup();
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, FRESH, 0), 0);
	/* Already pinned: -EINVAL, and the counts are as before. */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, FRESH, 0), -PV_EINVAL);
	CHECK_EQ(fr(FRESH)->refcount, 1);
	CHECK_EQ(fr(FRESH)->type_count, 1);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L4_TABLE, K4, 0), -PV_EINVAL);
	/* Pinned as another level: a type conflict. */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L2_TABLE, FRESH, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, K2, 0), -PV_EINVAL);
	/* Frames that are not the caller's. */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, UNOWNED_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, FREE_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, 0, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, ~0ull, 0), -PV_EINVAL);
	CHECK_EQ(fr(OTHER_FRAME)->refcount, 0);
	/* Garbage contents do not validate at any level. */
	for (uint32_t cmd = PV_MMUEXT_PIN_L1_TABLE; cmd <= PV_MMUEXT_PIN_L4_TABLE; cmd++)
		CHECK_EQ(ext1(cmd, GARBAGE, 0), -PV_EINVAL);
	CHECK_EQ(fr(GARBAGE)->refcount, 0);
	CHECK_EQ(fr(GARBAGE)->type_count, 0);
	/* Validation errors come back as they are (an L1 entry naming another domain's frame). */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, BUSY_L1, 0), -PV_EBUSY);
	/* Mapped writable, or a descriptor page: in use as another type. */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, WRITABLE, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, DATA, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, DESC, 0), -PV_EINVAL);
	CHECK(check_state("pin errors", 0));
	teardown();
}

TEST(mmuext_unpin_errors)
{
	setup();
	/* Not pinned: a free frame, a table in use but unpinned, twice. */
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, FRESH, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, K3, 0), -PV_EINVAL);
	CHECK_EQ(fr(K3)->type_count, 1);
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L1_TABLE, FRESH, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, FRESH, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, FRESH, 0), -PV_EINVAL);
	/* Not the caller's (even pinned by its owner). */
	frame_set_owner(FRESH2, 2);
	CHECK_EQ(page_pin(FRESH2, other, PV_TYPE_L1), 0);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, FRESH2, 0), -PV_EINVAL);
	CHECK(pinned(FRESH2));
	CHECK_EQ(page_unpin(FRESH2, other), 0);
	frame_set_owner(FRESH2, 1);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, UNOWNED_FRAME, 0), -PV_EINVAL);
	/* The kernel root stays held by the vCPU when its pin goes. */
	CHECK_EQ(ext1(PV_MMUEXT_UNPIN_TABLE, K4, 0), 0);
	CHECK_EQ(fr(K4)->type_count, 1);
	CHECK_EQ(fr(K1)->type_count, 1);
	CHECK(check_state("unpin errors", 0));
	teardown();
}

/* ---- Base pointers ---- */

TEST(mmuext_new_baseptr)
{
	setup();
	new_chain();
	/* An unpinned L4, validated on the way in; the old root keeps its pin. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, N4, 0), 0);
	CHECK_EQ(vcpu->arch.kernel_cr3, (uint64_t)N4 << 12);
	CHECK_EQ(host_cr3_reloads, 1);
	CHECK_EQ(host_cr3_loaded, (uint64_t)N4 << 12);
	CHECK_EQ(fr(N4)->type, PV_TYPE_L4);
	CHECK_EQ(fr(N4)->type_count, 1);
	CHECK_EQ(fr(N1)->type_count, 1);
	CHECK_EQ(fr(K4)->type_count, 1);
	CHECK_EQ(fr(K4)->refcount, 1);
	CHECK(check_state("on N4", 0));
	/* The same root again: reloaded, nothing else. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, N4, 0), 0);
	CHECK_EQ(host_cr3_reloads, 2);
	CHECK_EQ(fr(N4)->type_count, 1);
	/* Back: N4 had nothing else holding it and lets go of its tables. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, K4, 0), 0);
	CHECK_EQ(vcpu->arch.kernel_cr3, (uint64_t)K4 << 12);
	CHECK_EQ(host_cr3_loaded, (uint64_t)K4 << 12);
	CHECK_EQ(fr(N4)->type_count, 0);
	CHECK_EQ(fr(N4)->refcount, 0);
	CHECK_EQ(fr(N1)->type_count, 0);
	CHECK_EQ(fr(DATA2)->type_count, 0);
	CHECK_EQ(fr(K4)->type_count, 2);
	/* A pinned root keeps its validation when left. */
	CHECK_EQ(ext1(PV_MMUEXT_PIN_L4_TABLE, N4, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, N4, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, K4, 0), 0);
	CHECK_EQ(fr(N4)->type_count, 1);
	CHECK(pinned(N4));
	/* In user mode the CPU runs on the user root: nothing to reload. */
	host_cr3_reloads = 0;
	vcpu->arch.kernel_mode = false;
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, N4, 0), 0);
	CHECK_EQ(host_cr3_reloads, 0);
	CHECK_EQ(vcpu->arch.kernel_cr3, (uint64_t)N4 << 12);
	vcpu->arch.kernel_mode = true;
	teardown();
}

TEST(mmuext_new_baseptr_errors)
{
	setup();
	new_chain();
	/* Not an L4: in use as an L1, garbage, an L4 whose L1 maps another domain's frame. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, K1, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, GARBAGE, 0), -PV_EINVAL);
	ents(N1)[1] = pte(OTHER_FRAME, P);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, N4, 0), -PV_EBUSY);
	CHECK_EQ(fr(N4)->type_count, 0);
	CHECK_EQ(fr(N1)->type_count, 0);
	CHECK_EQ(fr(N4)->refcount, 0);
	/* Mapped writable, a descriptor page, not the caller's. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, DATA, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, DESC, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, FREE_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_BASEPTR, 0, 0), -PV_EINVAL);
	/* Nothing changed, nothing reloaded. */
	CHECK_EQ(vcpu->arch.kernel_cr3, (uint64_t)K4 << 12);
	CHECK_EQ(host_cr3_reloads, 0);
	CHECK_EQ(fr(K4)->type_count, 2);
	CHECK(check_state("base errors", 0));
	teardown();
}

TEST(mmuext_new_user_baseptr)
{
	setup();
	new_chain();
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, N4, 0), 0);
	CHECK_EQ(vcpu->arch.user_cr3, (uint64_t)N4 << 12);
	CHECK_EQ(fr(N4)->type_count, 1);
	CHECK_EQ(fr(N4)->refcount, 1);
	/* Again: nothing happens. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, N4, 0), 0);
	CHECK_EQ(fr(N4)->type_count, 1);
	CHECK(check_state("user N4", 0));
	/* The kernel root may be the user root too. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, K4, 0), 0);
	CHECK_EQ(fr(N4)->type_count, 0);
	CHECK_EQ(fr(N1)->type_count, 0);
	CHECK_EQ(fr(K4)->type_count, 3);
	/* Errors leave the user root as it was. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, GARBAGE, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, K2, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(vcpu->arch.user_cr3, (uint64_t)K4 << 12);
	/* 0 clears it, and clearing nothing is fine. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);
	CHECK_EQ(vcpu->arch.user_cr3, 0);
	CHECK_EQ(fr(K4)->type_count, 2);
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, 0, 0), 0);
	/* Hypercalls come from kernel mode: the CPU never reloads for the user root. */
	CHECK_EQ(host_cr3_reloads, 0);
	/* Left set: the domain's release drops it. */
	CHECK_EQ(ext1(PV_MMUEXT_NEW_USER_BASEPTR, N4, 0), 0);
	teardown();
}

/* ---- Flushes ---- */

TEST(mmuext_tlb_flushes)
{
	uint64_t va = 0x12345000;

	setup();
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
	CHECK_EQ(host_tlb_flushes, 1);
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_ALL, 0, 0), 0);
	CHECK_EQ(host_tlb_flushes, 2);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_LOCAL, va, 0), 0);
	CHECK_EQ(host_tlb_flushes, 3);
	CHECK_EQ(host_invlpg_last, va);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_ALL, va + 0x1000, 0), 0);
	CHECK_EQ(host_invlpg_last, va + 0x1000);
	CHECK_EQ(host_tlb_flushes, 4);
	/* INVLPG_LOCAL ignores only non-canonical addresses, the others any non-guest one. */
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_LOCAL, NONCANON_VA, 0), 0);
	CHECK_EQ(host_tlb_flushes, 4);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_LOCAL, HV_VA, 0), 0);
	CHECK_EQ(host_tlb_flushes, 5);
	CHECK_EQ(host_invlpg_last, HV_VA);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_ALL, HV_VA, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_ALL, NONCANON_VA, 0), 0);
	CHECK_EQ(host_tlb_flushes, 5);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_ALL, 0xffff880000000000ull, 0), 0);
	CHECK_EQ(host_tlb_flushes, 6);
	teardown();
}

TEST(mmuext_flush_multi)
{
	uint64_t va = 0x7000;

	setup();
	set_mask(1);
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, gva(MASK_OFF)), 0);
	CHECK_EQ(host_tlb_flushes, 1);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_MULTI, va, gva(MASK_OFF)), 0);
	CHECK_EQ(host_tlb_flushes, 2);
	CHECK_EQ(host_invlpg_last, va);
	/* A mask naming no vCPU of the domain flushes nothing. */
	set_mask(0);
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, gva(MASK_OFF)), 0);
	set_mask(1ull << 5 | 1ull << 63);
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, gva(MASK_OFF)), 0);
	CHECK_EQ(host_tlb_flushes, 2);
	/* A bitmap that cannot be read: -EINVAL (not -EFAULT), as on Xen. */
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, BAD_VA), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_MULTI, va, HV_VA), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_MULTI, HV_VA, 0), -PV_EINVAL);
	CHECK_EQ(host_tlb_flushes, 2);
	/* Only the first word is read: one reaching past guest memory is still fine. */
	set_mask(1);
	host_guest_memory[HOST_GUEST_SIZE - 8] = 1;
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, gva(HOST_GUEST_SIZE - 8)), 0);
	CHECK_EQ(ext1(PV_MMUEXT_TLB_FLUSH_MULTI, 0, gva(HOST_GUEST_SIZE - 4)), -PV_EINVAL);
	CHECK_EQ(host_tlb_flushes, 3);
	/* INVLPG_MULTI with an address that is not the guest's: nothing. */
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_MULTI, HV_VA, gva(MASK_OFF)), 0);
	CHECK_EQ(ext1(PV_MMUEXT_INVLPG_MULTI, NONCANON_VA, gva(MASK_OFF)), 0);
	CHECK_EQ(host_tlb_flushes, 3);
	teardown();
}

TEST(mmuext_flush_cache)
{
	setup();
	/* A domain without device access. */
	CHECK_EQ(ext1(PV_MMUEXT_FLUSH_CACHE, 0, 0), -PV_EACCES);
	CHECK_EQ(ext1(PV_MMUEXT_FLUSH_CACHE_GLOBAL, 0, 0), -PV_EINVAL);
	CHECK_EQ(host_cache_flushes, 0);
	dom->privileged = true;
	CHECK_EQ(ext1(PV_MMUEXT_FLUSH_CACHE, 0, 0), 0);
	CHECK_EQ(ext1(PV_MMUEXT_FLUSH_CACHE_GLOBAL, 0, 0), 0);
	CHECK_EQ(host_cache_flushes, 2);
	dom->privileged = false;
	teardown();
}

/* ---- LDT ---- */

static long set_ldt(uint64_t base, uint64_t arg2)
{
	return ext1(PV_MMUEXT_SET_LDT, base, arg2);
}

TEST(mmuext_set_ldt)
{
	setup();
	CHECK_EQ(set_ldt(0x10000, 16), 0);
	CHECK_EQ(vcpu->arch.ldt_base, 0x10000);
	CHECK_EQ(vcpu->arch.ldt_ents, 16);
	/* Errors leave it as it was. */
	CHECK_EQ(set_ldt(0x10008, 16), -PV_EINVAL);
	CHECK_EQ(set_ldt(0x20000, 8193), -PV_EINVAL);
	CHECK_EQ(set_ldt(HV_VA, 1), -PV_EINVAL);
	CHECK_EQ(set_ldt(0xffff800000000000ull, 1), -PV_EINVAL);
	CHECK_EQ(set_ldt(0xffff87fffffff000ull, 1), -PV_EINVAL);
	CHECK_EQ(set_ldt(NONCANON_VA, 1), -PV_EINVAL);
	CHECK_EQ(set_ldt(0xfffff00000000000ull - 0x1000, 1), 0);
	CHECK_EQ(vcpu->arch.ldt_base, 0xfffff00000000000ull - 0x1000);
	CHECK_EQ(vcpu->arch.ldt_ents, 1);
	/* Only the start is checked, as on Xen. */
	CHECK_EQ(set_ldt(0x00007ffffffff000ull, 8192), 0);
	CHECK_EQ(set_ldt(0xffff880000000000ull, 8192), 0);
	CHECK_EQ(vcpu->arch.ldt_ents, 8192);
	/* nr_ents is the low 32 bits of arg2. */
	CHECK_EQ(set_ldt(0x30000, 0xffffffff00000020ull), 0);
	CHECK_EQ(vcpu->arch.ldt_base, 0x30000);
	CHECK_EQ(vcpu->arch.ldt_ents, 32);
	/* No entries: cleared, whatever the address says. */
	CHECK_EQ(set_ldt(HV_VA + 3, 0x100000000ull), 0);
	CHECK_EQ(vcpu->arch.ldt_base, 0);
	CHECK_EQ(vcpu->arch.ldt_ents, 0);
	CHECK_EQ(set_ldt(NONCANON_VA, 0), 0);
	CHECK_EQ(set_ldt(0, 0), 0);
	CHECK_EQ(host_tlb_flushes, 0);
	teardown();
}

/* ---- Clearing and copying pages ---- */

static void fill(uint64_t mfn, uint64_t seed)
{
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		ents(mfn)[i] = seed * 0x9e3779b97f4a7c15ull + i;
}

static bool same(uint64_t a, uint64_t b)
{
	return !memcmp(ents(a), ents(b), PT_ENTRIES * sizeof(uint64_t));
}

static bool zero(uint64_t mfn)
{
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (ents(mfn)[i])
			return false;
	}
	return true;
}

TEST(mmuext_copy_and_clear_page)
{
	setup();
	fill(SRC, 1);
	fill(DST, 2);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, DST, SRC), 0);
	CHECK(same(DST, SRC));
	CHECK_EQ(fr(DST)->refcount, 0);
	CHECK_EQ(fr(DST)->type_count, 0);
	CHECK_EQ(fr(SRC)->refcount, 0);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, DST, 0), 0);
	CHECK(zero(DST));
	CHECK_EQ(fr(DST)->type_count, 0);
	/* A page onto itself; a page held writable elsewhere is fine too. */
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, SRC, SRC), 0);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, WRITABLE, SRC), 0);
	CHECK(same(WRITABLE, SRC));
	CHECK_EQ(fr(WRITABLE)->type_count, 1);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, DATA, 0), 0);
	/* The source may be a page table (it is only read). */
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, DST, K2), 0);
	CHECK_EQ(ents(DST)[0], ents(K2)[0]);
	CHECK_EQ(fr(DST)->type, PV_TYPE_WRITABLE);
	CHECK(check_state("copied", 0));
	teardown();
}

TEST(mmuext_copy_and_clear_page_errors)
{
	setup();
	fill(SRC, 3);
	fill(FRESH, 4);
	/* The destination must be able to become writable. */
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, K1, SRC), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, DESC, SRC), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, K4, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, DESC, 0), -PV_EINVAL);
	CHECK_EQ(ents(K1)[0], pte(DATA, PRW | PTE_US | (1ull << 52)));
	/* Either frame not the caller's. */
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, FRESH, OTHER_FRAME), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, OTHER_FRAME, SRC), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, FRESH, BEYOND_FRAME), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, BEYOND_FRAME, SRC), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_COPY_PAGE, UNOWNED_FRAME, FREE_FRAME), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, UNOWNED_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(ext1(PV_MMUEXT_CLEAR_PAGE, ~0ull, 0), -PV_EINVAL);
	/* Nothing written, nothing held. */
	CHECK(!zero(FRESH));
	CHECK_EQ(ents(FRESH)[0], 4 * 0x9e3779b97f4a7c15ull);
	CHECK_EQ(fr(SRC)->refcount, 0);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(fr(OTHER_FRAME)->refcount, 0);
	CHECK(check_state("copy errors", 0));
	teardown();
}

/* ---- Other commands ---- */

TEST(mmuext_unsupported_commands)
{
	setup();
	CHECK_EQ(ext1(PV_MMUEXT_MARK_SUPER, FRESH, 0), -PV_EOPNOTSUPP);
	CHECK_EQ(ext1(PV_MMUEXT_UNMARK_SUPER, FRESH, 0), -PV_EOPNOTSUPP);
	CHECK_EQ(ext1(PV_MMUEXT_MARK_SUPER, BEYOND_FRAME, 0), -PV_EOPNOTSUPP);
	CHECK_EQ(ext1(14, 0, 0), -PV_ENOSYS);
	CHECK_EQ(ext1(21, 0, 0), -PV_ENOSYS);
	CHECK_EQ(ext1(0x100, 0, 0), -PV_ENOSYS);
	CHECK_EQ(ext1(0xffffffffu, 0, 0), -PV_ENOSYS);
	teardown();
}

/* ---- Batches ---- */

TEST(mmuext_batch_stops_at_first_failure)
{
	setup();
	set_op(0, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	set_op(1, PV_MMUEXT_PIN_L1_TABLE, FRESH, 0);
	set_op(2, PV_MMUEXT_PIN_L1_TABLE, FRESH, 0);
	set_op(3, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	CHECK_EQ(ext(4, SELF), -PV_EINVAL);
	CHECK_EQ(pdone(), 2);
	CHECK_EQ(host_tlb_flushes, 1);
	CHECK(pinned(FRESH));
	/* All done. */
	set_op(1, PV_MMUEXT_UNPIN_TABLE, FRESH, 0);
	CHECK_EQ(ext(4, SELF), 0);
	CHECK_EQ(pdone(), 4);
	CHECK_EQ(host_tlb_flushes, 3);
	CHECK(pinned(FRESH));
	/* Nothing to do; no pdone. */
	CHECK_EQ(ext(0, SELF), 0);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(do_mmuext_op(gva(OPS_OFF), 4, 0, SELF), 0);
	CHECK_EQ(do_mmuext_op(0, 0, 0, SELF), 0);
	teardown();
}

TEST(mmuext_batch_bad_pointers)
{
	uint64_t last = HOST_GUEST_SIZE - sizeof(struct pv_mmuext_op);

	setup();
	set_pdone(99);
	/* An array starting outside guest space: nothing runs, pdone untouched. */
	CHECK_EQ(do_mmuext_op(HV_VA, 1, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(do_mmuext_op(NONCANON_VA, 0, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(do_mmuext_op(0xffff87ffffffffe8ull, 0, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(pdone(), 99);
	/* A guest address that cannot be read: -EFAULT at that operation. */
	CHECK_EQ(do_mmuext_op(BAD_VA, 1, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(pdone(), 0);
	/* Only the start of the array is checked first: what can be read runs. */
	put_op_at(last, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	set_pdone(99);
	CHECK_EQ(do_mmuext_op(gva(last), 2, gva(PDONE_OFF), SELF), -PV_EFAULT);
	CHECK_EQ(pdone(), 1);
	CHECK_EQ(host_tlb_flushes, 1);
	/* A pdone that cannot be written does not change the answer. */
	set_op(0, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	CHECK_EQ(do_mmuext_op(gva(OPS_OFF), 1, BAD_VA, SELF), 0);
	CHECK_EQ(host_tlb_flushes, 2);
	teardown();
}

TEST(mmuext_foreign_domains)
{
	setup();
	set_op(0, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	/* The caller's own id (it must say DOMID_SELF), unknown ids: -ESRCH. */
	CHECK_EQ(ext(1, 1), -PV_ESRCH);
	CHECK_EQ(ext(1, 77), -PV_ESRCH);
	CHECK_EQ(ext(1, PV_DOMID_COW), -PV_ESRCH);
	CHECK_EQ(ext(1, PV_DOMID_INVALID), -PV_ESRCH);
	CHECK_EQ(pdone(), 99);
	/* Another domain, DOMID_IO, DOMID_XEN: refused before anything runs. */
	CHECK_EQ(ext(1, 2), -PV_EPERM);
	CHECK_EQ(ext(1, PV_DOMID_IO), -PV_EPERM);
	CHECK_EQ(ext(1, PV_DOMID_XEN), -PV_EPERM);
	CHECK_EQ(pdone(), 99);
	CHECK_EQ(host_tlb_flushes, 0);
	/*
	 * The privileged domain may name them: each operation then runs, those
	 * that act on the caller refused (-EPERM), and the count is written.
	 */
	dom->privileged = true;
	CHECK_EQ(ext(1, 2), -PV_EPERM);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(ext(1, PV_DOMID_IO), -PV_EPERM);
	CHECK_EQ(pdone(), 0);
	CHECK_EQ(host_tlb_flushes, 0);
	set_op(0, PV_MMUEXT_NEW_BASEPTR, K4, 0);
	CHECK_EQ(ext(1, 2), -PV_EPERM);
	set_op(0, PV_MMUEXT_SET_LDT, 0, 0);
	CHECK_EQ(ext(1, PV_DOMID_XEN), -PV_EPERM);
	set_op(0, PV_MMUEXT_MARK_SUPER, OTHER_FRAME + 5, 0);
	CHECK_EQ(ext(1, 2), -PV_EOPNOTSUPP);
	/* Operations on frames act on the owner's: pinned, copied, unpinned. */
	set_op(0, PV_MMUEXT_PIN_L1_TABLE, OTHER_FRAME + 5, 0);
	set_op(1, PV_MMUEXT_COPY_PAGE, OTHER_FRAME + 6, OTHER_FRAME + 5);
	set_op(2, PV_MMUEXT_CLEAR_PAGE, OTHER_FRAME + 6, 0);
	set_op(3, PV_MMUEXT_UNPIN_TABLE, OTHER_FRAME + 5, 0);
	CHECK_EQ(ext(4, 2), 0);
	CHECK_EQ(pdone(), 4);
	CHECK_EQ(frame_info(OTHER_FRAME + 5)->type_count, 0);
	/* Not the caller's own frames, and none of DOMID_IO's or DOMID_XEN's. */
	set_op(0, PV_MMUEXT_PIN_L1_TABLE, FRESH, 0);
	CHECK_EQ(ext(1, 2), -PV_EINVAL);
	set_op(0, PV_MMUEXT_PIN_L1_TABLE, OTHER_FRAME + 5, 0);
	CHECK_EQ(ext(1, PV_DOMID_IO), -PV_EINVAL);
	set_op(0, PV_MMUEXT_CLEAR_PAGE, OTHER_FRAME + 5, 0);
	CHECK_EQ(ext(1, PV_DOMID_XEN), -PV_EINVAL);
	CHECK_EQ(pdone(), 0);
	set_op(0, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	dom->privileged = false;
	/* Only bits 0-15 name the domain. */
	CHECK_EQ(ext(1, SELF | 5u << 16), 0);
	CHECK_EQ(ext(1, 0xffff0000u | 2), -PV_EPERM);
	CHECK_EQ(host_tlb_flushes, 1);
	/* A bad array is found before a bad domain. */
	CHECK_EQ(do_mmuext_op(HV_VA, 1, 0, 77), -PV_EFAULT);
	teardown();
}

TEST(mmuext_continuation)
{
	setup();
	for (unsigned int i = 0; i < 3; i++)
		set_op(i, PV_MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	/* The first operation always runs; then the batch stops for later. */
	host_preempt = true;
	CHECK_EQ(ext(3, SELF), 0x7fff);
	CHECK_EQ(host_tlb_flushes, 1);
	CHECK_EQ(pdone(), 1);
	CHECK_EQ(host_continued_nr, PV_HYPERVISOR_mmuext_op);
	CHECK_EQ(host_continued_nargs, 4);
	CHECK_EQ(host_continued_args[0], gva(OPS_OFF) + sizeof(struct pv_mmuext_op));
	CHECK_EQ(host_continued_args[1], 2 | PREEMPTED);
	CHECK_EQ(host_continued_args[2], gva(PDONE_OFF));
	CHECK_EQ(host_continued_args[3], SELF);
	/* The continued call adds to pdone. */
	host_preempt = false;
	CHECK_EQ(do_mmuext_op(host_continued_args[0], (unsigned int)host_continued_args[1],
			      host_continued_args[2], (unsigned int)host_continued_args[3]), 0);
	CHECK_EQ(pdone(), 3);
	CHECK_EQ(host_tlb_flushes, 3);
	/* Xen's form for a result given after the work: the result is foreigndom. */
	CHECK_EQ(do_mmuext_op(0, PREEMPTED, 0, (unsigned int)-PV_EINVAL), -PV_EINVAL);
	CHECK_EQ(do_mmuext_op(0, PREEMPTED, gva(PDONE_OFF), 0), 0);
	CHECK_EQ(pdone(), 3);
	/* With an array it is an ordinary continued call of 0 operations. */
	CHECK_EQ(do_mmuext_op(gva(OPS_OFF), PREEMPTED, gva(PDONE_OFF), SELF), 0);
	CHECK_EQ(pdone(), 3);
	teardown();
}
