/* Giving a PV vCPU a whole context (VCPUOP_initialise; arch/x86_64/pv/vcpu-context.c). */
#ifndef ARCH_PV_VCPU_H
#define ARCH_PV_VCPU_H

#include <stdint.h>

#include "domain.h"
#include "hypercall-abi/arch-x86_64.h"

/*
 * Sets up @v, which has never run, from @c with Xen 4.17's checks for a
 * 64-bit PV vCPU (arch_set_info_guest): non-canonical addresses, a bad
 * LDT, too many GDT entries, no user root for a vCPU starting in user
 * mode: -PV_EINVAL; the roots in ctrlreg[3] (kernel) and ctrlreg[1]
 * (user, 0 for none) take a reference and an L4 type (their errors); the
 * GDT frames go to pv_set_gdt().  On success @v is initialised (still
 * down unless @c has PV_VGCF_online); on failure it is unchanged.
 */
long pv_vcpu_initialise(struct vcpu *v, const struct pv_vcpu_guest_context *c);

#endif
