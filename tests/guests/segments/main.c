/*
 * Segments from inside a guest: set_gdt and update_descriptor (good and
 * bad, with Xen's error codes), an LDT after MMUEXT_SET_LDT (a page of it
 * that cannot be a descriptor page faults at its own address), the data
 * segment selectors and the FS/GS bases kept per domain across many
 * yields, and the failsafe callback with Xen's frame once a loaded
 * selector became unloadable.  dom0 and a domU run it side by side with
 * different values and the same number of yields, so that each yield
 * switches to the other.  With "failsafe=none" on its command line the kernel
 * only makes a loaded selector unloadable, without a failsafe callback,
 * and yields until the hypervisor crashes it.
 */
#include "guest.h"
#include "guest_events.h"
#include "guest_mm.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/mmu.h"

#define RO_FLAGS (PTE_P | PTE_A)
#define RW_FLAGS (PTE_P | PTE_RW | PTE_A | PTE_D)
#define GDT_ENTRIES 1024 /* both gdt_frames */
#define SEL_FLAT 0x0b     /* GDT entry 1 */
#define SEL_FS 0x13       /* entry 2: per-domain base */
#define SEL_DS 0x1b       /* entry 3 */
#define SEL_FAILSAFE 0x23 /* entry 4: made not present while loaded */
#define SEL_HIGH 0x1003   /* entry 512, in the second frame */
#define SEL_LDT 0x0f      /* LDT entry 1: per-domain base */
#define SEL_LDT_PAGE1 0x1007 /* LDT entry 512, on a page still writable */
#define PFEC_PRESENT 1
#define GDT_CODE_ENTRY 5  /* written by update_descriptor */
#define DESC_DPL(d) (((d) >> 45) & 3)
#define DESC_P (1ull << 47)
#define CS_KERNEL_SLOT 0xe030
#define RFLAGS_IF 0x200ul
#define YIELDS 40

static uint64_t gdt_frames[2][512] __attribute__((aligned(4096)));
static uint64_t ldt[2][512] __attribute__((aligned(4096)));
static uint64_t bad_page[512] __attribute__((aligned(4096)));
static uint64_t scratch[512] __attribute__((aligned(4096)));
static volatile uint64_t fs_marker, ldt_marker, high_marker, gs_marker;

/* A present, DPL 3, writable, 4 GiB data segment at @base. */
static uint64_t data_desc(uint32_t base)
{
	return 0xffffull | (uint64_t)(base & 0xffffff) << 16 | 0xf2ull << 40 | 0xcfull << 48 |
	       (uint64_t)(base >> 24) << 56;
}

/* A 64-bit call gate to @sel:@offset with @dpl (upper half zero). */
static uint64_t call_gate(unsigned int sel, unsigned int dpl)
{
	return 0x1000ull | (uint64_t)sel << 16 | (0x8cull | dpl << 5) << 40;
}

static uint64_t maddr_of(const volatile void *p)
{
	return va_to_mfn(p) << 12 | ((uint64_t)p & (PAGE_SIZE - 1));
}

static long remap(const void *page, uint64_t flags)
{
	return HYPERCALL3(update_va_mapping, (uint64_t)page, va_to_mfn(page) << 12 | flags,
			  PV_UVMF_INVLPG);
}

#define SELECTOR_ACCESS(seg)                                                      \
	static unsigned int read_##seg(void)                                      \
	{                                                                         \
		unsigned int v;                                                   \
		__asm__ volatile("mov %%" #seg ", %0" : "=r"(v));                 \
		return v & 0xffff;                                                \
	}                                                                         \
	static void load_##seg(unsigned int v)                                    \
	{                                                                         \
		__asm__ volatile("mov %0, %%" #seg : : "r"(v) : "memory");        \
	}
SELECTOR_ACCESS(ds)
SELECTOR_ACCESS(es)
SELECTOR_ACCESS(fs)
SELECTOR_ACCESS(gs)

/* Reads @p through %fs / %gs, whose base is @base. */
static uint64_t read_via_fs(const volatile uint64_t *p, uint64_t base)
{
	uint64_t v;

	__asm__ volatile("movq %%fs:(%1), %0" : "=r"(v) : "r"((uint64_t)p - base));
	return v;
}

static uint64_t read_via_gs(const volatile uint64_t *p, uint64_t base)
{
	uint64_t v;

	__asm__ volatile("movq %%gs:(%1), %0" : "=r"(v) : "r"((uint64_t)p - base));
	return v;
}

static void yield(void)
{
	HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
}

/* ---- The failsafe callback: records Xen's frame, returns with iret ---- */

static volatile unsigned int failsafes;
static volatile uint64_t failsafe_frame[11];
static volatile uint8_t failsafe_mask;

void failsafe_record(const uint64_t *frame);
void failsafe_record(const uint64_t *frame)
{
	for (unsigned int i = 0; i < 11; i++)
		failsafe_frame[i] = frame[i];
	failsafe_mask = guest_shared->vcpu_info[0].evtchn_upcall_mask;
	failsafes++;
}

/*
 * An entry from the hypervisor: calls @record with the frame (from RCX
 * up), drops the @words words after R11 and returns with iret.
 */
#define ENTRY_STUB(name, record, words)                                   \
	void name(void);                                                  \
	__asm__(".text\n" #name ":\n\t"                                   \
		"pushq %rax; pushq %rdi; pushq %rsi; pushq %rdx\n\t"       \
		"pushq %r8; pushq %r9; pushq %r10\n\t"                     \
		"leaq 56(%rsp), %rdi\n\t"                                  \
		"call " #record "\n\t"                                     \
		"popq %r10; popq %r9; popq %r8\n\t"                        \
		"popq %rdx; popq %rsi; popq %rdi; popq %rax\n\t"           \
		"popq %rcx; popq %r11\n\t"                                 \
		"addq $8 * " #words ", %rsp\n\t"                           \
		"pushq $0\n\t"                                             \
		"jmp " IRET_STUB "\n")

ENTRY_STUB(failsafe_entry, failsafe_record, 4); /* DS, ES, FS, GS */

/* ---- Page faults: counted, the 2-byte "mov %eax, %fs" skipped ---- */

static volatile unsigned int page_faults;
static volatile uint64_t pf_error, pf_cr2;

void pf_record(uint64_t *frame);
void pf_record(uint64_t *frame)
{
	page_faults++;
	pf_error = frame[2];
	pf_cr2 = guest_shared->vcpu_info[0].arch.cr2;
	frame[3] += 2;
}

ENTRY_STUB(pf_entry, pf_record, 1); /* the error code */

static void install_pf_handler(const struct pv_start_info *si)
{
	static const struct pv_trap_info table[] = { { 14, 0, 0, (uint64_t)pf_entry },
						     { 0, 0, 0, 0 } };

	map_shared_info(si);
	CHECK_EQ(HYPERCALL1(set_trap_table, table), 0);
}

static void register_failsafe(void)
{
	struct pv_callback_register cb = { .type = PV_CALLBACKTYPE_failsafe,
					   .flags = PV_CALLBACKF_mask_events,
					   .address = (uint64_t)failsafe_entry };

	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
}

/* ---- set_gdt ---- */

static void set_gdt_refused(const struct pv_start_info *si)
{
	uint64_t list[2];

	CHECK_EQ(HYPERCALL2(set_gdt, list, PV_FIRST_RESERVED_GDT_ENTRY + 1), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(set_gdt, 0x1000, 1), -PV_EFAULT);
	list[0] = va_to_mfn(scratch); /* mapped writable */
	CHECK_EQ(HYPERCALL2(set_gdt, list, 1), -PV_EINVAL);
	list[0] = va_to_mfn((void *)si->pt_base); /* our L4 */
	CHECK_EQ(HYPERCALL2(set_gdt, list, 1), -PV_EINVAL);
	list[0] = 1; /* not ours */
	CHECK_EQ(HYPERCALL2(set_gdt, list, 1), -PV_EINVAL);
	list[0] = 1ull << 40; /* no such frame */
	CHECK_EQ(HYPERCALL2(set_gdt, list, 1), -PV_EINVAL);
	/* A call gate to a hypervisor selector cannot be in a descriptor page. */
	bad_page[8] = call_gate(0xe008, 3);
	CHECK_EQ(remap(bad_page, RO_FLAGS), 0);
	list[0] = va_to_mfn(bad_page);
	CHECK_EQ(HYPERCALL2(set_gdt, list, 1), -PV_EINVAL);
	/* Good first frame, bad second: the first is not kept. */
	list[0] = va_to_mfn(gdt_frames[0]);
	list[1] = va_to_mfn(bad_page);
	CHECK_EQ(remap(gdt_frames[0], RO_FLAGS), 0);
	CHECK_EQ(HYPERCALL2(set_gdt, list, GDT_ENTRIES), -PV_EINVAL);
	CHECK_EQ(remap(gdt_frames[0], RW_FLAGS), 0);
	CHECK_EQ(remap(bad_page, RW_FLAGS), 0);
	printf("segments: bad set_gdt refused\n");
}

static void set_gdt_good(uint32_t fs_base, uint32_t high_base)
{
	uint64_t list[2] = { va_to_mfn(gdt_frames[0]), va_to_mfn(gdt_frames[1]) };

	gdt_frames[0][SEL_FLAT >> 3] = data_desc(0);
	gdt_frames[0][SEL_FS >> 3] = data_desc(fs_base);
	gdt_frames[0][SEL_DS >> 3] = data_desc(0);
	gdt_frames[0][SEL_FAILSAFE >> 3] = data_desc(0);
	gdt_frames[1][(SEL_HIGH >> 3) - 512] = data_desc(high_base);
	CHECK_EQ(remap(gdt_frames[0], RO_FLAGS), 0);
	CHECK_EQ(remap(gdt_frames[1], RO_FLAGS), 0);
	CHECK_EQ(HYPERCALL2(set_gdt, list, GDT_ENTRIES), 0);
	/* In use as a descriptor page: it cannot be mapped writable. */
	CHECK(remap(gdt_frames[0], RW_FLAGS) < 0);

	load_ds(SEL_DS);
	load_es(SEL_FLAT);
	load_fs(SEL_FS);
	CHECK_EQ(read_via_fs(&fs_marker, fs_base), fs_marker);
	load_fs(SEL_HIGH);
	CHECK_EQ(read_via_fs(&high_marker, high_base), high_marker);
	load_gs(SEL_FLAT);
	CHECK_EQ(read_ds(), SEL_DS);
	CHECK_EQ(read_es(), SEL_FLAT);
	CHECK_EQ(read_fs(), SEL_HIGH);
	CHECK_EQ(read_gs(), SEL_FLAT);
	printf("segments: own GDT descriptors loaded and read through\n");
}

/* ---- update_descriptor ---- */

static void update_descriptor_cases(const struct pv_start_info *si)
{
	uint64_t code_dpl0 = 0x00af9a000000ffffull;
	uint64_t entry = maddr_of(&gdt_frames[0][GDT_CODE_ENTRY]);

	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[1]) + 4, data_desc(0)), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[1]), call_gate(0xe008, 3)),
		 -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[1]), call_gate(PV_FLAT_KERNEL_CS, 3) | 1ull << 32),
		 -PV_EINVAL); /* reserved bits */
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[1]), 0x0000890000000067ull),
		 -PV_EINVAL); /* a TSS */
	CHECK_EQ(HYPERCALL2(update_descriptor, 0x1000, data_desc(0)), -PV_EINVAL); /* not ours */
	CHECK_EQ(HYPERCALL2(update_descriptor, va_to_mfn((void *)si->pt_base) << 12, 0),
		 -PV_EINVAL); /* a page table */
	CHECK_EQ(scratch[1], 0);

	/* A writable page takes it as it is given, fixed up. */
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[1]), data_desc(0x1234000)), 0);
	CHECK_EQ(scratch[1], data_desc(0x1234000));
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[2]), code_dpl0), 0);
	CHECK_EQ(scratch[2], code_dpl0 | 3ull << 45);
	/* A call gate: DPL 0, the guest's DPL in the selector's RPL. */
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&scratch[3]), call_gate(PV_FLAT_KERNEL_CS, 3)), 0);
	CHECK_EQ(DESC_DPL(scratch[3]), 0);
	CHECK_EQ((scratch[3] >> 16) & 0xffff, PV_FLAT_KERNEL_CS | 3);

	/* Into the live GDT (read-only to us): a DPL-0 code segment becomes DPL 3. */
	CHECK_EQ(HYPERCALL2(update_descriptor, entry, code_dpl0), 0);
	CHECK_EQ(gdt_frames[0][GDT_CODE_ENTRY], code_dpl0 | 3ull << 45);
	printf("segments: update_descriptor answers as Xen\n");
}

/* ---- LDT ---- */

static void set_ldt(const void *base, unsigned int entries)
{
	struct pv_mmuext_op op = { .cmd = PV_MMUEXT_SET_LDT };
	unsigned int done = 0;

	op.arg1.linear_addr = (uint64_t)base;
	op.arg2.nr_ents = entries;
	CHECK_EQ(hypercall(PV_HYPERVISOR_mmuext_op, (uint64_t)&op, 1, (uint64_t)&done,
			   PV_DOMID_SELF, 0),
		 0);
}

static void ldt_cases(const struct pv_start_info *si, uint32_t ldt_base)
{
	ldt[0][SEL_LDT >> 3] = data_desc(ldt_base);
	CHECK_EQ(remap(ldt[0], RO_FLAGS), 0);
	/* The second page stays writable: using it faults, at its address. */
	set_ldt(ldt, 1024);
	install_pf_handler(si);
	__asm__ volatile("mov %0, %%fs" : : "a"(SEL_LDT_PAGE1) : "memory");
	CHECK_EQ(page_faults, 1);
	CHECK_EQ(pf_cr2, (uint64_t)ldt[1]);
	CHECK_EQ(pf_error & PFEC_PRESENT, 0);
	set_ldt(ldt, 512);
	load_fs(SEL_LDT);
	CHECK_EQ(read_fs(), SEL_LDT);
	CHECK_EQ(read_via_fs(&ldt_marker, ldt_base), ldt_marker);
	/* Mapped as the LDT: it cannot be made writable. */
	CHECK(remap(ldt[0], RW_FLAGS) < 0);
	printf("segments: LDT selectors usable after set_ldt\n");
}

/* ---- Per-domain state across yields ---- */

static void kept_across_yields(uint32_t ldt_base, uint64_t gs_base)
{
	unsigned int bad = 0;

	load_ds(SEL_DS);
	load_es(SEL_LDT);
	load_fs(SEL_LDT);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER_SEL, SEL_FLAT), 0);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_KERNEL, gs_base), 0);
	for (unsigned int i = 0; i < YIELDS; i++) {
		yield();
		bad += read_ds() != SEL_DS || read_es() != SEL_LDT || read_fs() != SEL_LDT ||
		       read_gs() != SEL_FLAT || read_via_fs(&ldt_marker, ldt_base) != ldt_marker ||
		       read_via_gs(&gs_marker, gs_base) != gs_marker;
	}
	CHECK_EQ(bad, 0);
	printf("segments: selectors and bases kept across %u yields\n", YIELDS);
}

/* ---- Failsafe ---- */

static void failsafe_case(uint32_t ldt_base)
{
	uint64_t entry = maddr_of(&gdt_frames[0][SEL_FAILSAFE >> 3]);

	register_failsafe();
	/* Events unmasked (no event callback: nothing is delivered). */
	guest_shared->vcpu_info[0].evtchn_upcall_mask = 0;
	load_ds(SEL_FAILSAFE);
	CHECK_EQ(HYPERCALL2(update_descriptor, entry, data_desc(0) & ~DESC_P), 0);
	for (unsigned int i = 0; i < YIELDS && !failsafes; i++)
		yield();
	CHECK_EQ(failsafes, 1);
	CHECK_EQ(read_ds(), 0);
	CHECK_EQ(failsafe_frame[2], SEL_FAILSAFE);
	CHECK_EQ(failsafe_frame[3], SEL_LDT);
	CHECK_EQ(failsafe_frame[4], SEL_LDT);
	CHECK_EQ(failsafe_frame[5], SEL_FLAT);
	/* Events were unmasked: mask 0 in CS, IF set; masked in the callback as asked. */
	CHECK_EQ(failsafe_frame[7], CS_KERNEL_SLOT);
	CHECK(failsafe_frame[8] & RFLAGS_IF);
	CHECK_EQ(failsafe_mask, 1);
	CHECK_EQ(guest_shared->vcpu_info[0].evtchn_upcall_mask, 0); /* iret unmasked */
	CHECK_EQ(failsafe_frame[10], SS_GUEST);
	/* The others were loaded. */
	CHECK_EQ(read_es(), SEL_LDT);
	CHECK_EQ(read_via_fs(&ldt_marker, ldt_base), ldt_marker);
	printf("segments: failsafe callback entered with Xen's frame\n");
}

/* Makes DS unloadable with no failsafe callback, then yields until crashed. */
static void no_failsafe(void)
{
	uint64_t list[1] = { va_to_mfn(gdt_frames[0]) };

	gdt_frames[0][SEL_FAILSAFE >> 3] = data_desc(0);
	CHECK_EQ(remap(gdt_frames[0], RO_FLAGS), 0);
	CHECK_EQ(HYPERCALL2(set_gdt, list, 512), 0);
	load_ds(SEL_FAILSAFE);
	CHECK_EQ(HYPERCALL2(update_descriptor, maddr_of(&gdt_frames[0][SEL_FAILSAFE >> 3]),
			    data_desc(0) & ~DESC_P), 0);
	printf("segments: DS unloadable, no failsafe callback\n");
	for (unsigned int i = 0; i < 1000; i++)
		yield();
}

void test_main(const struct pv_start_info *si)
{
	unsigned int k = si->flags & PV_SIF_INITDOMAIN ? 1 : 2;
	uint32_t fs_base = 0x10000000u * k, ldt_base = 0x01000000u * k;
	uint32_t high_base = 0x00100000u * k;
	char buf[8];

	fs_marker = 0xf5000 + k;
	ldt_marker = 0x1d7000 + k;
	high_marker = 0x419000 + k;
	gs_marker = 0x65000 + k;
	/* Xen's start of day: the flat data selector everywhere. */
	CHECK_EQ(read_ds(), SS_GUEST);
	CHECK_EQ(read_es(), SS_GUEST);
	CHECK_EQ(read_fs(), SS_GUEST);
	CHECK_EQ(read_gs(), SS_GUEST);
	if (cmdline_value("failsafe", buf, sizeof(buf))) {
		no_failsafe();
		return;
	}
	set_gdt_refused(si);
	set_gdt_good(fs_base, high_base);
	update_descriptor_cases(si);
	ldt_cases(si, ldt_base);
	kept_across_yields(ldt_base, (uint64_t)&gs_marker - 0x100 * k);
	failsafe_case(ldt_base);
	for (unsigned int i = 0; i < YIELDS; i++)
		yield();
}
