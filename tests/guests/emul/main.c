/*
 * Instructions the hypervisor emulates for a PV kernel, and
 * set_segment_base, from inside a guest.
 *
 * - CPUID through Xen's forced-emulation prefix (ud2a "xen" cpuid): the
 *   hypervisor leaves (signature, version 4.17, hypercall page, HVM-only
 *   leaf empty), hidden features, RIP past the seven bytes; from user
 *   mode too.
 * - Privileged instructions from kernel mode (#GP(0) in ring 3): RDMSR
 *   and WRMSR of FS/GS/shadow-GS base, EFER, APIC_BASE, PAT, MISC_ENABLE,
 *   TSC, the machine-check banks; MOV from CR0/CR2/CR3/CR4, MOV to CR0 (TS only), CR2, CR3
 *   (a new kernel root), CLTS; a write to
 *   GS_BASE before any trap table exists (as Linux's startup_xen), and a
 *   read of an MSR we do not emulate before a #GP handler exists (reads
 *   0).  Anything else (HLT, MOV to CR8, unknown MSRs, bad values)
 *   reaches our own #GP handler with error code 0 at the instruction;
 *   so do privileged instructions from user mode.
 * - set_segment_base: FS, GS_KERNEL, GS_USER read back through %fs/%gs
 *   loads and RDMSR, GS_USER_SEL loads %gs (RPL forced to 3; a selector
 *   that cannot be loaded becomes null), and the errors.
 */
#include "guest.h"
#include "guest_mm.h"
#include "guest_trap.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"

#define MSR_TSC 0x10
#define MSR_APIC_BASE 0x1b
#define MSR_SYSENTER_CS 0x174 /* not emulated (QEMU has it) */
#define MSR_MCG_CAP 0x179
#define MSR_MCG_STATUS 0x17a
#define MSR_MISC_ENABLE 0x1a0
#define MSR_PAT 0x277
#define MSR_MC0_CTL 0x400
#define MSR_MCG_EXT_CTL 0x4d0
#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102

#define NONCANONICAL 0x0000800000000000ul

struct regs4 {
	uint32_t a, b, c, d;
};

static struct regs4 xen_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct regs4 r;

	__asm__ volatile("ud2a; .ascii \"xen\"; cpuid"
			 : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static struct regs4 native_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct regs4 r;

	__asm__ volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d) : "a"(leaf), "c"(subleaf));
	return r;
}

#define BIT(n) (1u << (n))

static void check_cpuid(void)
{
	struct regs4 r = xen_cpuid(0x40000000, 0), n;

	CHECK_EQ(r.a, 0x40000005);
	CHECK_EQ(r.b, 0x566e6558); /* "XenV" */
	CHECK_EQ(r.c, 0x65584d4d); /* "MMXe" */
	CHECK_EQ(r.d, 0x4d4d566e); /* "nVMM" */
	r = xen_cpuid(0x40000001, 0);
	CHECK_EQ(r.a, 4 << 16 | 17);
	r = xen_cpuid(0x40000002, 0);
	CHECK_EQ(r.a, 1);
	CHECK_EQ(r.b, 0x40000000);
	CHECK_EQ(r.c & 1, 1); /* mmu_update preserves A/D */
	r = xen_cpuid(0x40000003, 2);
	CHECK(r.a > 0); /* TSC kHz */
	r = xen_cpuid(0x40000004, 0); /* HVM only */
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = xen_cpuid(0x40000005, 0);
	CHECK(r.b >= 20 && r.b <= 52); /* machine-address width */
	r = xen_cpuid(0x40000006, 0);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = xen_cpuid(0x40000100, 0);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);

	/* The vendor as the CPU says; the basic range capped. */
	r = xen_cpuid(0, 0);
	n = native_cpuid(0, 0);
	CHECK_EQ(r.b, n.b);
	CHECK_EQ(r.c, n.c);
	CHECK_EQ(r.d, n.d);
	CHECK(r.a >= 1 && r.a <= 0xd);

	r = xen_cpuid(1, 0);
	CHECK(r.c & BIT(31)); /* hypervisor */
	CHECK_EQ(r.c & (BIT(3) | BIT(5) | BIT(17) | BIT(21) | BIT(24)),
		 0); /* MONITOR VMX PCID X2APIC TSC-deadline */
	CHECK_EQ(r.d & (BIT(0) | BIT(6) | BIT(8) | BIT(25) | BIT(26)),
		 BIT(0) | BIT(6) | BIT(8) | BIT(25) | BIT(26)); /* FPU PAE CX8 SSE SSE2 */
	CHECK_EQ(r.d & (BIT(1) | BIT(3) | BIT(13) | BIT(17)), 0); /* VME PSE PGE PSE36 */
	n = native_cpuid(1, 0);
	/* XSAVE with the CPU's, and OSXSAVE with it for the kernel (tests/guests/fpu). */
	CHECK_EQ(r.c & (BIT(26) | BIT(27)), n.c & BIT(26) ? BIT(26) | BIT(27) : 0);
	CHECK_EQ(r.d & BIT(12), n.d & BIT(12)); /* dom0's kernel sees the host's MTRR, as on Xen */
	CHECK(n.d & BIT(9)); /* QEMU's CPUs have an APIC, MCE and MCA */
	CHECK_EQ(r.d & (BIT(7) | BIT(9) | BIT(14)), n.d & (BIT(7) | BIT(9) | BIT(14)));
	CHECK_EQ(r.b >> 24, 0); /* APIC ID: vCPU 0 */

	if (xen_cpuid(0, 0).a >= 7) {
		r = xen_cpuid(7, 0);
		CHECK_EQ(r.a, 0);
		CHECK_EQ(r.b & (BIT(0) | BIT(7) | BIT(10) | BIT(20)),
			 0); /* FSGSBASE SMEP INVPCID SMAP */
		CHECK_EQ(r.c & (BIT(2) | BIT(3) | BIT(16)), 0); /* UMIP PKU LA57 */
	}
	r = xen_cpuid(0x80000001, 0);
	CHECK(r.d & BIT(29)); /* long mode */
	CHECK(r.d & BIT(20)); /* NX */
	CHECK_EQ(r.d & BIT(26), 0); /* 1 GiB pages */
	CHECK_EQ(r.c & BIT(2), 0); /* SVM */
	r = xen_cpuid(0x80000000, 0);
	CHECK(r.a >= 0x80000001 && r.a <= 0x80000008);
	printf("emul: cpuid: XenVMMXenVMM, version 4.17, features filtered\n");
}

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static volatile uint64_t fs_target = 0x1111222233334444ul, gs_target = 0x5555666677778888ul;
static volatile uint64_t gs_user_target = 0x99990000aaaabbbbul;

static uint64_t fs_load(void)
{
	uint64_t v;

	__asm__ volatile("movq %%fs:0, %0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t gs_load(void)
{
	uint64_t v;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(v) : : "memory");
	return v;
}

static uint16_t gs_selector(void)
{
	uint16_t s;

	__asm__ volatile("movw %%gs, %0" : "=r"(s));
	return s;
}

/* Before any trap table: Linux's first instruction that traps, and Xen's RDMSR rule. */
static void check_early_msrs(void)
{
	wrmsr(MSR_GS_BASE, (uint64_t)&gs_target);
	CHECK_EQ(gs_load(), 0x5555666677778888ul);
	CHECK_EQ(rdmsr(MSR_GS_BASE), (uint64_t)&gs_target);
	CHECK_EQ(rdmsr(MSR_SYSENTER_CS), 0); /* not emulated, no #GP handler: reads 0 */
	printf("emul: early wrmsr GS_BASE and faked rdmsr\n");
}

static void check_msrs(void)
{
	uint64_t efer = rdmsr(MSR_EFER), misc, t1, t2;

	CHECK_EQ(efer & 0xd01, 0xd01); /* SCE LME LMA NXE */
	CHECK_EQ(efer & BIT(12), 0);	/* SVME hidden */
	wrmsr(MSR_EFER, efer);		/* writing back the same value is fine */
	EXPECT_GP("wrmsr", MSR_EFER, (uint32_t)(efer & ~0x800ul), efer >> 32);
	CHECK_EQ(rdmsr(MSR_APIC_BASE), 0xfee00000ul | BIT(11) | BIT(8));
	CHECK_EQ(rdmsr(MSR_PAT), 0x0000050100070406ul);
	misc = rdmsr(MSR_MISC_ENABLE);
	CHECK_EQ(misc & (BIT(11) | BIT(12) | BIT(23)), BIT(11) | BIT(12) | BIT(23));
	CHECK_EQ(misc & (BIT(7) | BIT(18)), 0);
	wrmsr(MSR_MISC_ENABLE, misc);
	wrmsr(MSR_MISC_ENABLE, misc ^ BIT(18)); /* ignored, as on Xen */
	CHECK_EQ(rdmsr(MSR_MISC_ENABLE), misc);
	t1 = rdmsr(MSR_TSC);
	t2 = rdmsr(MSR_TSC);
	CHECK(t1 && t2 > t1);

	wrmsr(MSR_FS_BASE, (uint64_t)&fs_target);
	CHECK_EQ(fs_load(), 0x1111222233334444ul);
	CHECK_EQ(rdmsr(MSR_FS_BASE), (uint64_t)&fs_target);
	wrmsr(MSR_SHADOW_GS_BASE, 0x1234567000ul);
	CHECK_EQ(rdmsr(MSR_SHADOW_GS_BASE), 0x1234567000ul);
	CHECK_EQ(gs_load(), 0x5555666677778888ul); /* the kernel's is still active */
	EXPECT_GP("wrmsr", MSR_GS_BASE, 0, NONCANONICAL >> 32);
	EXPECT_GP("wrmsr", MSR_FS_BASE, 0, NONCANONICAL >> 32);
	CHECK_EQ(rdmsr(MSR_FS_BASE), (uint64_t)&fs_target);
	/* Machine-check banks: two, never an error in them. */
	CHECK_EQ(rdmsr(MSR_MCG_CAP) & (0xff | BIT(8) | BIT(27)), 2); /* no CTL_P, LMCE_P */
	CHECK_EQ(rdmsr(MSR_MCG_STATUS), 0);
	CHECK_EQ(rdmsr(MSR_MC0_CTL), ~0ul);
	wrmsr(MSR_MC0_CTL, 0);
	CHECK_EQ(rdmsr(MSR_MC0_CTL), ~0ul);
	wrmsr(MSR_MC0_CTL + 1, 0);
	EXPECT_GP("wrmsr", MSR_MC0_CTL + 1, 1, 0);
	CHECK_EQ(rdmsr(MSR_MC0_CTL + 5), 0);
	CHECK_EQ(rdmsr(MSR_MC0_CTL + 8), 0); /* no third bank */
	EXPECT_GP("rdmsr", MSR_MCG_EXT_CTL, 0, 0);
	/* Not emulated, now that there is a #GP handler. */
	EXPECT_GP("rdmsr", MSR_SYSENTER_CS, 0, 0);
	EXPECT_GP("wrmsr", MSR_SYSENTER_CS, 0, 0);
	EXPECT_GP("rdmsr", 0x12345678, 0, 0);
	printf("emul: msrs emulated, others #GP\n");
}

static uint64_t read_cr(int n)
{
	uint64_t v = 0;

	switch (n) {
	case 0: __asm__ volatile("movq %%cr0, %0" : "=r"(v)); break;
	case 2: __asm__ volatile("movq %%cr2, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("movq %%cr3, %0" : "=r"(v)); break;
	case 4: __asm__ volatile("movq %%cr4, %0" : "=r"(v)); break;
	}
	return v;
}

static void check_crs(const struct pv_start_info *si)
{
	uint64_t cr0 = read_cr(0), cr4;

	CHECK_EQ(cr0 & 0x80000001ul, 0x80000001ul); /* PG PE */
	CHECK_EQ(cr0 & 8, 0);			     /* TS */
	__asm__ volatile("movq %0, %%cr0" : : "r"(cr0 | 8));
	CHECK_EQ(read_cr(0), cr0 | 8);
	__asm__ volatile("clts");
	CHECK_EQ(read_cr(0), cr0);
	__asm__ volatile("movq %0, %%r9; movq %%r9, %%cr0" : : "r"(cr0 | 8) : "r9");
	CHECK_EQ(read_cr(0), cr0 | 8);
	__asm__ volatile("movq %0, %%cr0" : : "r"(cr0));
	CHECK_EQ(read_cr(0), cr0);
	/* Only TS may change. */
	EXPECT_GP("movq %%rax, %%cr0", 0, cr0 & ~0x10000ul, 0);
	CHECK_EQ(read_cr(0), cr0);

	CHECK_EQ(read_cr(3), va_to_mfn((void *)si->pt_base) << 12);

	trap_resume = 0;
	__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"
			 "movq %%rax, trap_resume(%%rip)\n\t"
			 "movq (%0), %%rax\n"
			 "1:"
			 : : "r"(0x100000000000ul) : "rax", "memory");
	CHECK_EQ(trap_vector, 14);
	CHECK_EQ(read_cr(2), 0x100000000000ul);

	cr4 = read_cr(4);
	CHECK(cr4 & BIT(5));		  /* PAE */
	CHECK_EQ(cr4 & (BIT(7) | BIT(17) | BIT(16) | BIT(18) | BIT(20)), 0); /* PGE PCIDE FSGSBASE OSXSAVE SMEP */
	__asm__ volatile("movq %0, %%cr4" : : "r"(cr4)); /* accepted */
	CHECK_EQ(read_cr(4), cr4);

	/*
	 * MOV to CR3 as MMUEXT_NEW_BASEPTR (the same root reloads; a frame
	 * that cannot be an L4 table is #GP), to CR2 into vcpu_info, as Xen.
	 */
	__asm__ volatile("movq %0, %%cr3" : : "r"(read_cr(3)) : "memory");
	CHECK_EQ(read_cr(3), va_to_mfn((void *)si->pt_base) << 12);
	EXPECT_GP("movq %%rax, %%cr3", 0, va_to_mfn(&fs_target) << 12, 0);
	CHECK_EQ(read_cr(3), va_to_mfn((void *)si->pt_base) << 12);
	__asm__ volatile("movq %0, %%cr2" : : "r"(0x1234000ul));
	CHECK_EQ(read_cr(2), 0x1234000ul);

	/* Not emulated. */
	EXPECT_GP("hlt", 0, 0, 0);
	__asm__ volatile("wbinvd"); /* dom0 has I/O ports: emulated (tests/guests/ioport) */
	EXPECT_GP("invd", 0, 0, 0);
	EXPECT_GP("movq %%rax, %%cr8", 0, 0, 0);
	printf("emul: control registers emulated, others #GP\n");
}

static void check_segment_base(void)
{
	uint64_t fs = (uint64_t)&fs_target, gs = (uint64_t)&gs_target;

	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_FS, 0), 0);
	CHECK_EQ(rdmsr(MSR_FS_BASE), 0);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_FS, fs), 0);
	CHECK_EQ(fs_load(), 0x1111222233334444ul);
	CHECK_EQ(rdmsr(MSR_FS_BASE), fs);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_KERNEL, fs), 0);
	CHECK_EQ(gs_load(), 0x1111222233334444ul);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_KERNEL, gs), 0);
	CHECK_EQ(gs_load(), 0x5555666677778888ul);
	CHECK_EQ(rdmsr(MSR_GS_BASE), gs);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER, (uint64_t)&gs_user_target), 0);
	CHECK_EQ(rdmsr(MSR_SHADOW_GS_BASE), (uint64_t)&gs_user_target);
	CHECK_EQ(gs_load(), 0x5555666677778888ul);

	/* Errors change nothing. */
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_FS, NONCANONICAL), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER, NONCANONICAL), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_KERNEL, NONCANONICAL), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(set_segment_base, 4, 0), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(set_segment_base, 0x100, 0), -PV_EINVAL);
	CHECK_EQ(fs_load(), 0x1111222233334444ul);
	CHECK_EQ(gs_load(), 0x5555666677778888ul);
	CHECK_EQ(rdmsr(MSR_SHADOW_GS_BASE), (uint64_t)&gs_user_target);

	/* User %gs selectors: the flat data segment, with RPL forced to 3. */
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER_SEL, 0xe028), 0);
	CHECK_EQ(gs_selector(), 0xe02b);
	CHECK_EQ(rdmsr(MSR_SHADOW_GS_BASE), 0); /* the descriptor's base */
	CHECK_EQ(gs_load(), 0x5555666677778888ul); /* the kernel's base untouched */
	/* An LDT selector with no LDT: null instead, and still success. */
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER_SEL, 0x100f), 0);
	CHECK_EQ(gs_selector(), 0);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER_SEL, 0xffff0000ul | 0xe02b), 0);
	CHECK_EQ(gs_selector(), 0xe02b);
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER_SEL, 0), 0);
	CHECK_EQ(gs_selector(), 0);
	CHECK_EQ(rdmsr(MSR_SHADOW_GS_BASE), 0);
	CHECK_EQ(gs_load(), 0x5555666677778888ul);
	printf("emul: set_segment_base\n");
}

/* ---- User mode ---- */

static uint8_t kernel_stack[8192] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));
volatile uint32_t user_cpuid[4];
volatile uint64_t user_gs_value, user_gp_rip;
void user_code(void);
void syscall_entry(void);
void user_finished(void);
extern char user_rdmsr[], user_resume[];

/* Forced CPUID, a %gs load (user base), RDMSR (#GP to the kernel), then leave. */
__asm__(".text\nuser_code:\n\t"
	"movl $0x40000000, %eax\n\t"
	"xorl %ecx, %ecx\n\t"
	"ud2a; .ascii \"xen\"; cpuid\n\t"
	"movl %eax, user_cpuid(%rip)\n\t"
	"movl %ebx, user_cpuid+4(%rip)\n\t"
	"movl %ecx, user_cpuid+8(%rip)\n\t"
	"movl %edx, user_cpuid+12(%rip)\n\t"
	"movq %gs:0, %rax\n\t"
	"movq %rax, user_gs_value(%rip)\n\t"
	"movl $0x1b, %ecx\n"
	"user_rdmsr:\n\t"
	"rdmsr\n"
	"user_resume:\n\t"
	"movl $999, %eax\n\t"
	"syscall\n\t"
	"1: jmp 1b\n");

__asm__(".text\nsyscall_entry:\n\t"
	"jmp user_finished\n");

void user_finished(void)
{
	CHECK_EQ(user_cpuid[0], 0x40000005);
	CHECK_EQ(user_cpuid[1], 0x566e6558);
	CHECK_EQ(user_cpuid[2], 0x65584d4d);
	CHECK_EQ(user_cpuid[3], 0x4d4d566e);
	CHECK_EQ(user_gs_value, 0x99990000aaaabbbbul);
	CHECK_EQ(trap_vector, 13);
	CHECK_EQ(trap_error, 0);
	CHECK_EQ(trap_rip, (uint64_t)user_rdmsr);
	CHECK_EQ(trap_cs & 3, 3); /* from user mode */
	printf("emul: user mode: forced cpuid answered, rdmsr #GP\n");
	test_finish();
}

static void check_user_mode(void)
{
	user_mode_setup(syscall_entry, kernel_stack + sizeof(kernel_stack));
	trap_resume = (uint64_t)user_resume;
	enter_user_mode((uint64_t)user_code, (uint64_t)user_stack + sizeof(user_stack), 0x200);
}

void test_main(const struct pv_start_info *si)
{
	check_early_msrs();
	install_recording_traps();
	check_cpuid();
	check_msrs();
	check_crs(si);
	check_segment_base();
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_GS_USER, (uint64_t)&gs_user_target), 0);
	check_user_mode();
	test_fail(__FILE__, __LINE__, "returned from user mode the wrong way");
}
