/*
 * The PV guest's CPUID policy.  Features are kept by allow-list: a bit the
 * list does not name is hidden, so a new CPU's features stay hidden until
 * someone decides a PV guest can use them.  Hidden, among others: VMX/SVM
 * and SMX (no nested virtualisation), MONITOR/MWAIT, PCID/INVPCID and
 * 1 GiB pages (the hypervisor owns the paging), x2APIC and TSC-deadline
 * (no virtual APIC), MTRR (but to dom0's kernel, which on Xen takes it
 * as a sign of the memtype platform ops), PSE/PGE/VME, FSGSBASE (the
 * guest goes through set_segment_base), SMEP/SMAP/UMIP/PKU (the guest
 * kernel runs in ring 3), LA57 (4-level paging only), AVX-512, MPX, PKU
 * and XSAVES (state components the hypervisor does not switch),
 * performance monitoring and the speculation-control MSR family.  Shown,
 * as Xen shows them to PV guests: the host's APIC bit (a PV kernel drives
 * no local APIC; Linux then takes its interrupt routing from ACPI's
 * MADT), DE, ACPI (the thermal MSRs stay #GP), and MCE/MCA, whose MSRs
 * are the virtual machine-check banks of common/emul/vmce.c.  XSAVE
 * (with XSAVEOPT, XSAVEC, XGETBV1) is shown when the hypervisor switches
 * XSAVE state, and AVX, AVX2, FMA, F16C, XOP, FMA4 when that includes the YMM
 * registers; leaf 0xd then describes exactly those components, and
 * OSXSAVE is whatever the caller says (Xen's rule, pv/emul-cpuid.c).  Leaf 1
 * ECX bit 31 says "hypervisor present".  The hypervisor leaves follow
 * Xen's layout for PV guests: 0 signature and highest leaf, 1 version, 2
 * hypercall page count and MSR (and the PV feature "preserve A/D bits in
 * mmu_update"), 3 TSC information, 4 (HVM only) zero, 5 machine-address
 * width.  Other leaves read as zero.
 */
#include "cpuid_policy.h"

#define BIT(n) (1u << (n))

/*
 * Leaf 1 EDX: FPU DE TSC MSR PAE MCE CX8 APIC SEP MCA CMOV PAT CLFLUSH ACPI MMX
 * FXSR SSE SSE2 SS HTT.
 */
#define L1_EDX_ALLOW                                                                    \
	(BIT(0) | BIT(2) | BIT(4) | BIT(5) | BIT(6) | BIT(7) | BIT(8) | BIT(9) | BIT(11) | \
	 BIT(14) | BIT(15) | BIT(16) | BIT(19) | BIT(22) | BIT(23) | BIT(24) | BIT(25) |   \
	 BIT(26) | BIT(27) | BIT(28))
/* Leaf 1 ECX: SSE3 PCLMULQDQ SSSE3 CX16 SSE4.1 SSE4.2 MOVBE POPCNT AES RDRAND. */
#define L1_ECX_ALLOW                                                                      \
	(BIT(0) | BIT(1) | BIT(9) | BIT(13) | BIT(19) | BIT(20) | BIT(22) | BIT(23) | BIT(25) | \
	 BIT(30))
#define L1_EDX_MTRR BIT(12)
#define L1_ECX_HYPERVISOR BIT(31)
#define L1_ECX_XSAVE BIT(26)
#define L1_ECX_OSXSAVE BIT(27)
/* Leaf 1 ECX: FMA AVX F16C, usable only with the YMM state. */
#define L1_ECX_YMM_ALLOW (BIT(12) | BIT(28) | BIT(29))
/* Leaf 7.0 EBX: AVX2. */
#define L7_EBX_YMM_ALLOW BIT(5)
/* Leaf 0xd.1 EAX: XSAVEOPT XSAVEC XGETBV1 (not XSAVES: no supervisor state). */
#define LD1_EAX_ALLOW (BIT(0) | BIT(1) | BIT(2))
#define XCR0_YMM (1ull << 2)
#define LEAF_XSTATE 0xdu
/* Leaf 7.0 EBX: BMI1 BMI2 ERMS RDSEED ADX CLFLUSHOPT CLWB SHA. */
#define L7_EBX_ALLOW (BIT(3) | BIT(8) | BIT(9) | BIT(18) | BIT(19) | BIT(23) | BIT(24) | BIT(29))
/* Leaf 7.0 ECX: GFNI RDPID CLDEMOTE. */
#define L7_ECX_ALLOW (BIT(8) | BIT(22) | BIT(25))
/* Leaf 7.0 EDX: FSRM MD_CLEAR SERIALIZE. */
#define L7_EDX_ALLOW (BIT(4) | BIT(10) | BIT(14))
/* 0x80000001 ECX: LAHF_LM ABM SSE4A MISALIGNSSE PREFETCHW TBM. */
#define E1_ECX_ALLOW (BIT(0) | BIT(5) | BIT(6) | BIT(7) | BIT(8) | BIT(21))
/* 0x80000001 ECX: XOP FMA4, usable only with the YMM state. */
#define E1_ECX_YMM_ALLOW (BIT(11) | BIT(16))
/* 0x80000001 EDX: AMD's copies of leaf 1, SYSCALL NX MMXEXT FFXSR RDTSCP LM 3DNow!. */
#define E1_EDX_ALLOW                                                                     \
	((L1_EDX_ALLOW & ~(BIT(11) | BIT(19) | BIT(25) | BIT(26) | BIT(27) | BIT(28))) |   \
	 BIT(11) | BIT(20) | BIT(22) | BIT(25) | BIT(27) | BIT(29) | BIT(30) | BIT(31))
/* 0x80000007 EDX: invariant TSC. */
#define E7_EDX_ALLOW BIT(8)

#define HV_FEAT_PRESERVE_AD BIT(0) /* leaf 2 ECX: XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD */
#define HV_TSC_SAFE BIT(1)	   /* leaf 3.0 EAX: host TSC is safe */
#define HV_TSC_RDTSCP BIT(2)	   /* leaf 3.0 EAX: RDTSCP available */

#define BASIC_MAX 0xdu
#define EXT_MAX 0x80000008u

static bool hv_range(uint32_t leaf)
{
	return leaf >= CPUID_HV_BASE && leaf < CPUID_HV_BASE + 0x10000;
}

bool cpuid_policy_synthetic(uint32_t leaf)
{
	switch (leaf) {
	case 0: case 1: case 2: case 4: case 7: case LEAF_XSTATE:
	case 0x80000000: case 0x80000001: case 0x80000002: case 0x80000003:
	case 0x80000004: case 0x80000005: case 0x80000006: case 0x80000007:
	case 0x80000008:
		return false;
	default:
		return true;
	}
}

static void hypervisor_leaf(uint32_t idx, uint32_t subleaf, const struct cpuid_guest *g,
			    struct cpuid_result *r)
{
	*r = (struct cpuid_result){ 0, 0, 0, 0 };
	switch (idx) {
	case 0:
		*r = (struct cpuid_result){ CPUID_HV_MAX_LEAF, CPUID_XEN_SIG_EBX, CPUID_XEN_SIG_ECX,
					    CPUID_XEN_SIG_EDX };
		break;
	case 1:
		r->a = g->xen_version;
		break;
	case 2:
		r->a = 1; /* hypercall pages */
		r->b = CPUID_HV_BASE; /* the hypercall-page MSR */
		r->c = HV_FEAT_PRESERVE_AD;
		break;
	case 3:
		if (subleaf == 0) {
			/* Native TSC (no virtual TSC), tsc_mode 0 (default), incarnation 0. */
			r->a = (g->tsc_invariant ? HV_TSC_SAFE : 0) | (g->rdtscp ? HV_TSC_RDTSCP : 0);
			r->c = g->tsc_khz;
		} else if (subleaf == 2) {
			r->a = g->tsc_khz;
		}
		break;
	case 5:
		if (subleaf == 0)
			r->b = g->maddr_bits;
		break;
	default: /* 4 is for HVM guests only */
		break;
	}
}

/* Leaf 0xd: the components the guest may enable, and their layout. */
static void xstate_leaf(uint32_t subleaf, const struct cpuid_guest *g, struct cpuid_result *r)
{
	if (!g->xcr0_max) {
		*r = (struct cpuid_result){ 0, 0, 0, 0 };
		return;
	}
	switch (subleaf) {
	case 0:
		*r = (struct cpuid_result){ (uint32_t)g->xcr0_max, g->xsave_size, g->xsave_size_max,
					    (uint32_t)(g->xcr0_max >> 32) };
		break;
	case 1:
		*r = (struct cpuid_result){ r->a & LD1_EAX_ALLOW, 0, 0, 0 };
		break;
	default:
		if (subleaf >= 63 || !(g->xcr0_max & (1ull << subleaf)))
			*r = (struct cpuid_result){ 0, 0, 0, 0 };
		break; /* a component's size and offset as the host's */
	}
}

void cpuid_policy_apply(uint32_t leaf, uint32_t subleaf, const struct cpuid_guest *g,
			struct cpuid_result *r)
{
	if (hv_range(leaf)) {
		if (leaf <= CPUID_HV_MAX_LEAF)
			hypervisor_leaf(leaf - CPUID_HV_BASE, subleaf, g, r);
		else
			*r = (struct cpuid_result){ 0, 0, 0, 0 };
		return;
	}
	switch (leaf) {
	case 0:
		if (r->a > BASIC_MAX)
			r->a = BASIC_MAX;
		break;
	case 1:
		/* Initial APIC ID: as Xen, twice the vCPU number; keep CLFLUSH size, count. */
		r->b = (r->b & 0x00ffffffu) | (uint32_t)(g->vcpu_id * 2) << 24;
		r->c &= L1_ECX_ALLOW | (g->xcr0_max ? L1_ECX_XSAVE : 0) |
			(g->xcr0_max & XCR0_YMM ? L1_ECX_YMM_ALLOW : 0);
		r->c |= L1_ECX_HYPERVISOR | (g->osxsave ? L1_ECX_OSXSAVE : 0);
		r->d &= L1_EDX_ALLOW | (g->mtrr ? L1_EDX_MTRR : 0);
		break;
	case 2: case 4:
	case 0x80000002: case 0x80000003: case 0x80000004:
	case 0x80000005: case 0x80000006:
		break; /* cache and brand information as the host's */
	case 7:
		if (subleaf == 0) {
			r->a = 0; /* no further subleaves */
			r->b &= L7_EBX_ALLOW | (g->xcr0_max & XCR0_YMM ? L7_EBX_YMM_ALLOW : 0);
			r->c &= L7_ECX_ALLOW;
			r->d &= L7_EDX_ALLOW;
		} else {
			*r = (struct cpuid_result){ 0, 0, 0, 0 };
		}
		break;
	case LEAF_XSTATE:
		xstate_leaf(subleaf, g, r);
		break;
	case 0x80000000:
		if (r->a > EXT_MAX)
			r->a = EXT_MAX;
		break;
	case 0x80000001:
		r->c &= E1_ECX_ALLOW | (g->xcr0_max & XCR0_YMM ? E1_ECX_YMM_ALLOW : 0);
		r->d &= E1_EDX_ALLOW;
		break;
	case 0x80000007:
		*r = (struct cpuid_result){ 0, 0, 0, r->d & E7_EDX_ALLOW };
		break;
	case 0x80000008:
		*r = (struct cpuid_result){ r->a & 0xffff, 0, 0, 0 }; /* address sizes only */
		break;
	default:
		*r = (struct cpuid_result){ 0, 0, 0, 0 };
		break;
	}
}
