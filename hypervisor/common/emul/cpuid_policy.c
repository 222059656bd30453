/*
 * The PV guest's CPUID policy.  Features are kept by allow-list: a bit the
 * list does not name is hidden, so a new CPU's features stay hidden until
 * someone decides a PV guest can use them.  Hidden, among others: VMX/SVM
 * and SMX (no nested virtualisation), MONITOR/MWAIT, PCID/INVPCID and
 * 1 GiB pages (the hypervisor owns the paging), x2APIC, the local APIC and
 * TSC-deadline (no virtual APIC), MTRR/MCE/MCA, PSE/PGE/VME, FSGSBASE (the
 * guest goes through set_segment_base), SMEP/SMAP/UMIP/PKU (the guest
 * kernel runs in ring 3), LA57 (4-level paging only), XSAVE and all that
 * needs it (AVX, AVX-512, FMA, F16C: XSETBV is not emulated, so OSXSAVE,
 * which mirrors the guest's own view of CR4.OSXSAVE, is always clear too),
 * performance monitoring and the speculation-control MSR family.  Leaf 1
 * ECX bit 31 says "hypervisor present".  The hypervisor leaves follow
 * Xen's layout for PV guests: 0 signature and highest leaf, 1 version, 2
 * hypercall page count and MSR (and the PV feature "preserve A/D bits in
 * mmu_update"), 3 TSC information, 4 (HVM only) zero, 5 machine-address
 * width.  Other leaves read as zero.
 */
#include "cpuid_policy.h"

#define BIT(n) (1u << (n))

/* Leaf 1 EDX: FPU TSC MSR PAE CX8 SEP CMOV PAT CLFLUSH MMX FXSR SSE SSE2 SS HTT. */
#define L1_EDX_ALLOW                                                                      \
	(BIT(0) | BIT(4) | BIT(5) | BIT(6) | BIT(8) | BIT(11) | BIT(15) | BIT(16) | BIT(19) | \
	 BIT(23) | BIT(24) | BIT(25) | BIT(26) | BIT(27) | BIT(28))
/* Leaf 1 ECX: SSE3 PCLMULQDQ SSSE3 CX16 SSE4.1 SSE4.2 MOVBE POPCNT AES RDRAND. */
#define L1_ECX_ALLOW                                                                      \
	(BIT(0) | BIT(1) | BIT(9) | BIT(13) | BIT(19) | BIT(20) | BIT(22) | BIT(23) | BIT(25) | \
	 BIT(30))
#define L1_ECX_HYPERVISOR BIT(31)
/* Leaf 7.0 EBX: BMI1 BMI2 ERMS RDSEED ADX CLFLUSHOPT CLWB SHA. */
#define L7_EBX_ALLOW (BIT(3) | BIT(8) | BIT(9) | BIT(18) | BIT(19) | BIT(23) | BIT(24) | BIT(29))
/* Leaf 7.0 ECX: GFNI RDPID. */
#define L7_ECX_ALLOW (BIT(8) | BIT(22))
/* Leaf 7.0 EDX: FSRM MD_CLEAR. */
#define L7_EDX_ALLOW (BIT(4) | BIT(10))
/* 0x80000001 ECX: LAHF_LM ABM SSE4A MISALIGNSSE PREFETCHW. */
#define E1_ECX_ALLOW (BIT(0) | BIT(5) | BIT(6) | BIT(7) | BIT(8))
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
	case 0: case 1: case 2: case 4: case 7:
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
		r->c = (r->c & L1_ECX_ALLOW) | L1_ECX_HYPERVISOR;
		r->d &= L1_EDX_ALLOW;
		break;
	case 2: case 4:
	case 0x80000002: case 0x80000003: case 0x80000004:
	case 0x80000005: case 0x80000006:
		break; /* cache and brand information as the host's */
	case 7:
		if (subleaf == 0) {
			r->a = 0; /* no further subleaves */
			r->b &= L7_EBX_ALLOW;
			r->c &= L7_ECX_ALLOW;
			r->d &= L7_EDX_ALLOW;
		} else {
			*r = (struct cpuid_result){ 0, 0, 0, 0 };
		}
		break;
	case 0x80000000:
		if (r->a > EXT_MAX)
			r->a = EXT_MAX;
		break;
	case 0x80000001:
		r->c &= E1_ECX_ALLOW;
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
