/*
 * The virtual machine-check banks a PV vCPU sees behind CPUID's MCE/MCA
 * bits, as Xen's vMCE presents them: two banks, no error ever logged in
 * them (the hypervisor injects none), and the MSR semantics of Xen 4.17.
 */
#ifndef VMCE_H
#define VMCE_H

#include <stdbool.h>
#include <stdint.h>

#define VMCE_BANKS 2

struct vmce_bank {
	uint64_t status, addr, misc, ctl2;
};

/* Per vCPU; all zero at creation, which is Xen's initial state. */
struct vmce_vcpu {
	uint64_t mcg_status;
	struct vmce_bank bank[VMCE_BANKS];
};

/*
 * Whether @msr is in the machine-check ranges Xen hands to its vMCE:
 * MCG_CAP..MCG_CTL, the MCi_CTL2 block, the MCi_CTL..MCi_MISC block for
 * 32 banks, and MCG_EXT_CTL.
 */
bool vmce_msr(uint32_t msr);

/*
 * RDMSR and WRMSR of such an MSR by a vCPU on a host of vendor @vendor
 * (pcpu.h's PCPU_VENDOR_* bit): 0 with *val set (or the write done), or
 * -1 when the guest gets #GP(0).
 */
int vmce_rdmsr(const struct vmce_vcpu *vm, uint32_t vendor, uint32_t msr, uint64_t *val);
int vmce_wrmsr(struct vmce_vcpu *vm, uint32_t vendor, uint32_t msr, uint64_t val);

#endif
