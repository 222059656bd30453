/*
 * A PV vCPU's FPU, SSE and AVX registers, switched lazily between vCPUs
 * (arch/x86_64/pv/fpu.c), fpu_taskswitch and the guest's XCR0.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu_fpu {
	/* The saved registers (xstate.h), made at the first use; NULL before. */
	void *area;
	void *allocation; /* what area was carved from (aligned inside it) */
	uint64_t xcr0;	  /* the guest's XCR0 (XSETBV); 0: never set, x87|SSE */
	bool cr4_osxsave; /* the guest's view of CR4.OSXSAVE */
};

struct vcpu;
struct cpu_regs;

/* @v's XCR0: what its kernel set, x87|SSE before that. */
uint64_t fpu_guest_xcr0(const struct vcpu *v);

/* @v is being freed: its area goes, and it no longer owns the registers. */
void fpu_vcpu_release(struct vcpu *v);

/* @v is about to run: its XCR0, and CR0.TS unless it owns the registers. */
void fpu_switch_to(struct vcpu *v);

/*
 * #NM from @v: the registers become @v's (saving the previous owner's),
 * then, if @v's virtual TS is set, #NM goes to the guest's handler and
 * the virtual TS is cleared (as on Xen).  True if it was #NM.
 */
bool pv_fpu_trap(struct vcpu *v, struct cpu_regs *regs);

/* Sets (MOV to CR0, fpu_taskswitch(1)) or clears (CLTS) @v's virtual TS. */
void fpu_set_virtual_ts(struct vcpu *v, bool set);

/*
 * XSETBV from @v's kernel: 0 done, else the vector to raise: #UD while the
 * guest's CR4.OSXSAVE is clear, #GP for another XCR or a value the policy
 * refuses.
 */
unsigned int pv_xsetbv(struct vcpu *v, uint32_t xcr, uint64_t value);

#endif
