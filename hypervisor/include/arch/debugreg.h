/*
 * A PV vCPU's debug registers (set_debugreg/get_debugreg, MOV DRn),
 * switched with the vCPU when it has a breakpoint enabled
 * (arch/x86_64/pv/debugreg.c).
 */
#ifndef ARCH_DEBUGREG_H
#define ARCH_DEBUGREG_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu_debugreg {
	uint64_t dr[4]; /* breakpoint addresses */
	uint64_t dr6;	/* the guest's view: what its #DBs hit */
	uint64_t dr7;
};

struct vcpu;
struct cpu_regs;

/* DR6 and DR7 at their reset values, no breakpoint. */
void debugreg_vcpu_init(struct vcpu *v);

/* @v is about to run: loads its registers if it has a breakpoint enabled, else disables the CPU's. */
void debugreg_switch_to(const struct vcpu *v);

/* Writes DR@reg of @v (the running vCPU): 0 or Xen's error (debugreg_policy.h). */
long pv_set_debugreg(struct vcpu *v, unsigned int reg, uint64_t value);

/* Reads DR@reg of @v into @value: false if there is no such register. */
bool pv_get_debugreg(const struct vcpu *v, unsigned int reg, uint64_t *value);

/* #DB from @v: what the CPU's DR6 says is added to the guest's view. */
void pv_debug_trap(struct vcpu *v);

/* An emulated instruction finished with TF set: DR6.BS for the #DB that follows. */
void pv_debug_single_step(struct vcpu *v);

/*
 * #DB in the hypervisor (a guest's data breakpoint hit by a copy to or
 * from its memory): noted and ignored, as on Xen.
 */
void debug_trap_in_hypervisor(const struct cpu_regs *regs);

#endif
