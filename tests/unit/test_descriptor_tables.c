/*
 * Tests for the guest's descriptor tables
 * (hypervisor/arch/x86_64/pv/mm/descriptor-tables.c) against Xen 4.17:
 * set_gdt / pv_set_gdt (checks, error codes, references taken on the new
 * frames and dropped on the old ones), update_descriptor (every refusal is
 * -EINVAL; the descriptor is fixed up as check_descriptor does) and the
 * LDT pages mapped on first use.
 *
 * The page-table world of pt_world.h, with vCPU 0 of `dom` on the kernel
 * root K4 -> K3 -> K2 -> K1 (slot 0 of each); K1 maps DATA writable at
 * virtual address 0 and, for the LDT tests, LDTPAGE read-only at 0x1000.
 * check_state() counts the GDT and LDT frames' references too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/pagetable.h"
#include "arch/pv_segments.h"
#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "page_type.h"
#include "pt_world.h"

#define K4 10
#define K3 11
#define K2 12
#define K1 13
#define DATA 20
#define GDT0 30
#define GDT1 31
#define GDT2 32
#define BADDESC 33 /* holds a call gate to a hypervisor selector */
#define WRITABLE 34
#define FRESH 35
#define LDTPAGE 36

#define PRW (PTE_P | PTE_RW)
#define LIST_OFF 0x100

#define DATA_DESC 0x00cff2000000ffffull     /* DPL 3 data */
#define CODE_DPL0 0x00af9a000000ffffull     /* DPL 0 64-bit code */
#define GATE(sel, dpl) (0x1000ull | (uint64_t)(sel) << 16 | (0x8cull | (dpl) << 5) << 40)

static struct vcpu *vcpu;

static void setup(void)
{
	world_start();
	vcpu = world_kernel_vcpu(K4, K3, K2, K1, DATA);
	ents(BADDESC)[7] = GATE(0xe008, 3);
	CHECK_EQ(hold_type(WRITABLE, PV_TYPE_WRITABLE), 0);
	host_descriptor_table_changes = 0;
}

static void teardown(void)
{
	check_state("after the operations", 0);
	release_and_check_zero();
	world_end();
}

static void check_held_as_descriptors(uint64_t mfn, uint32_t count)
{
	CHECK_EQ(fr(mfn)->type_count, count);
	if (count)
		CHECK_EQ(fr(mfn)->type, PV_TYPE_SEG_DESC);
}

TEST(set_gdt_refusals_hold_nothing)
{
	static const uint64_t refused[] = { OTHER_FRAME, UNOWNED_FRAME, BEYOND_FRAME,
					    WRITABLE,    K1,	    BADDESC };
	uint64_t frames[3] = { GDT0, GDT1, GDT2 };

	setup();
	CHECK_EQ(pv_set_gdt(vcpu, frames, PV_FIRST_RESERVED_GDT_ENTRY + 1), -PV_EINVAL);
	/* Another domain's, nobody's, no frame, writable, a page table, a bad descriptor. */
	for (unsigned int i = 0; i < ARRAY_SIZE(refused); i++)
		CHECK_EQ(pv_set_gdt(vcpu, &refused[i], 1), -PV_EINVAL);
	/* The third frame is bad: the first two are let go again. */
	frames[0] = GDT0;
	frames[2] = BADDESC;
	CHECK_EQ(pv_set_gdt(vcpu, frames, 1025), -PV_EINVAL);
	check_held_as_descriptors(GDT0, 0);
	check_held_as_descriptors(GDT1, 0);
	CHECK_EQ(fr(GDT0)->refcount, 0);
	CHECK_EQ(host_descriptor_table_changes, 0);
	CHECK_EQ(vcpu->arch.seg.gdt_frames[0], 0);
	teardown();
}

TEST(set_gdt_takes_new_frames_and_drops_old_ones)
{
	uint64_t frames[3] = { GDT0, GDT1, GDT2 };

	setup();
	ents(GDT0)[1] = CODE_DPL0; /* fixed up to DPL 3 by validation */
	CHECK_EQ(pv_set_gdt(vcpu, frames, 1025), 0);
	CHECK_EQ(vcpu->arch.seg.gdt_ents, 1025);
	CHECK_EQ(ents(GDT0)[1], CODE_DPL0 | 3ull << 45);
	for (unsigned int i = 0; i < 3; i++)
		check_held_as_descriptors(frames[i], 1);
	CHECK(check_state("three frames", 0));
	/* 512 entries need one frame: the others go. */
	frames[0] = GDT1;
	CHECK_EQ(pv_set_gdt(vcpu, frames, 512), 0);
	check_held_as_descriptors(GDT0, 0);
	check_held_as_descriptors(GDT1, 1);
	check_held_as_descriptors(GDT2, 0);
	CHECK_EQ(vcpu->arch.seg.gdt_frames[0], GDT1);
	CHECK_EQ(vcpu->arch.seg.gdt_frames[1], 0);
	CHECK(check_state("one frame", 0));
	CHECK_EQ(host_descriptor_table_changes, 2);
	pv_destroy_gdt(vcpu);
	check_held_as_descriptors(GDT1, 0);
	CHECK_EQ(vcpu->arch.seg.gdt_ents, 0);
	/* Teardown drops a GDT still set. */
	frames[0] = GDT2;
	CHECK_EQ(pv_set_gdt(vcpu, frames, 1), 0);
	teardown();
}

TEST(set_gdt_hypercall_copies_the_list)
{
	uint64_t frames[2] = { GDT0, GDT1 };

	setup();
	host_current_domain = dom;
	CHECK_EQ(do_set_gdt(0x1000, 1), -PV_EFAULT);
	/* The entry count is checked before the list is read. */
	CHECK_EQ(do_set_gdt(0x1000, PV_FIRST_RESERVED_GDT_ENTRY + 1), -PV_EINVAL);
	CHECK_EQ(do_set_gdt(HOST_GUEST_BASE, 0), 0);
	memcpy(host_guest_memory + LIST_OFF, frames, sizeof(frames));
	CHECK_EQ(do_set_gdt(HOST_GUEST_BASE + LIST_OFF, 513), 0);
	check_held_as_descriptors(GDT0, 1);
	check_held_as_descriptors(GDT1, 1);
	teardown();
}

TEST(update_descriptor_refusals)
{
	setup();
	host_current_domain = dom;
	CHECK_EQ(do_update_descriptor(FRESH << 12 | 4, DATA_DESC), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor(FRESH << 12, GATE(0xe008, 3)), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor(FRESH << 12, GATE(PV_FLAT_KERNEL_CS, 3) | 1ull << 32),
		 -PV_EINVAL);
	CHECK_EQ(do_update_descriptor(FRESH << 12, 0x0000890000000067ull), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor((uint64_t)OTHER_FRAME << 12, DATA_DESC), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor((uint64_t)UNOWNED_FRAME << 12, DATA_DESC), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor((uint64_t)BEYOND_FRAME << 12, DATA_DESC), -PV_EINVAL);
	CHECK_EQ(do_update_descriptor((uint64_t)K1 << 12 | 8, 0), -PV_EINVAL);
	CHECK_EQ(ents(FRESH)[0], 0);
	CHECK_EQ(ents(K1)[1], 0);
	teardown();
}

TEST(update_descriptor_writes_the_fixed_up_descriptor)
{
	uint64_t frames[1] = { GDT0 };

	setup();
	host_current_domain = dom;
	CHECK_EQ(do_update_descriptor(FRESH << 12 | 8, CODE_DPL0), 0);
	CHECK_EQ(ents(FRESH)[1], CODE_DPL0 | 3ull << 45);
	CHECK_EQ(fr(FRESH)->type_count, 0);
	CHECK_EQ(fr(FRESH)->refcount, 0);
	CHECK_EQ(do_update_descriptor(WRITABLE << 12 | 16, GATE(PV_FLAT_KERNEL_CS, 3)), 0);
	/* A gate: DPL 0, the guest's DPL kept in the selector's RPL. */
	CHECK_EQ(ents(WRITABLE)[2], GATE(PV_FLAT_KERNEL_CS | 3, 0));
	/* Into a live GDT frame: it stays a descriptor page. */
	CHECK_EQ(pv_set_gdt(vcpu, frames, 512), 0);
	CHECK_EQ(do_update_descriptor(GDT0 << 12 | 0xff8, DATA_DESC & ~(1ull << 47)), 0);
	CHECK_EQ(ents(GDT0)[511], DATA_DESC & ~(1ull << 47));
	check_held_as_descriptors(GDT0, 1);
	teardown();
}

TEST(ldt_pages_mapped_on_first_use)
{
	setup();
	CHECK_EQ(page_table_update(K1, 1, pte(LDTPAGE, PTE_P), dom, false), 0);
	vcpu->arch.ldt_base = 0x1000;
	vcpu->arch.ldt_ents = 512;
	CHECK_EQ(pv_map_ldt_page(vcpu, 1), -1); /* beyond the LDT */
	CHECK_EQ(pv_map_ldt_page(vcpu, 0), 0);
	CHECK_EQ(vcpu->arch.seg.ldt_frames[0], LDTPAGE);
	check_held_as_descriptors(LDTPAGE, 1);
	CHECK_EQ(pv_map_ldt_page(vcpu, 0), -1); /* already mapped */
	CHECK(check_state("LDT page mapped", 0));
	/* Mapped writable by the guest: no descriptor page. */
	vcpu->arch.ldt_base = 0;
	CHECK_EQ(pv_map_ldt_page(vcpu, 0), -1);
	/* Not mapped at all. */
	vcpu->arch.ldt_base = 0x200000;
	CHECK_EQ(pv_map_ldt_page(vcpu, 0), -1);
	pv_destroy_ldt(vcpu);
	check_held_as_descriptors(LDTPAGE, 0);
	CHECK_EQ(vcpu->arch.seg.ldt_frames[0], 0);
	/* Teardown drops a mapped page. */
	vcpu->arch.ldt_base = 0x1000;
	CHECK_EQ(pv_map_ldt_page(vcpu, 0), 0);
	teardown();
}
