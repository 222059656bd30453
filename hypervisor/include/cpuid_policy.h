/*
 * What CPUID tells a PV guest: the host's answer, filtered down to the
 * features a PV guest can use under this hypervisor, plus Xen's hypervisor
 * leaves at 0x40000000.  Portable (no CPU access): the caller runs the
 * real CPUID and passes its result in.
 */
#ifndef CPUID_POLICY_H
#define CPUID_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define CPUID_HV_BASE 0x40000000u
#define CPUID_HV_MAX_LEAF (CPUID_HV_BASE + 5) /* as Xen: leaves 0-5 */
/* "XenVMMXenVMM" in EBX, ECX, EDX. */
#define CPUID_XEN_SIG_EBX 0x566e6558u
#define CPUID_XEN_SIG_ECX 0x65584d4du
#define CPUID_XEN_SIG_EDX 0x4d4d566eu

struct cpuid_result {
	uint32_t a, b, c, d;
};

/* What the policy needs to know about the guest and the machine. */
struct cpuid_guest {
	unsigned int vcpu_id;
	uint32_t xen_version;	  /* major << 16 | minor */
	uint32_t tsc_khz;
	bool tsc_invariant;	  /* host TSC safe across CPUs/states */
	bool rdtscp;		  /* the host has RDTSCP */
	unsigned int maddr_bits;  /* bits needed for the highest machine address */
	uint64_t xcr0_max;	  /* XCR0 components the guest may enable; 0: no XSAVE */
	uint32_t xsave_size;	  /* XSAVE area size for the guest's XCR0 */
	uint32_t xsave_size_max;  /* ... for xcr0_max */
	bool osxsave;		  /* what CPUID.1:ECX.OSXSAVE says (the caller's rule) */
	bool mtrr;		  /* show the host's MTRR bit (Xen: dom0's kernel only) */
};

/*
 * Whether @leaf is answered without asking the CPU (hypervisor range and
 * anything the policy blanks).  Callers may skip the real CPUID then.
 */
bool cpuid_policy_synthetic(uint32_t leaf);

/*
 * Turns @r, the host's answer for (@leaf, @subleaf) (ignored for
 * synthetic leaves), into the guest's.
 */
void cpuid_policy_apply(uint32_t leaf, uint32_t subleaf, const struct cpuid_guest *g,
			struct cpuid_result *r);

#endif
