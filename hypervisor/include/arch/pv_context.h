/* Switching the CPU between vCPUs and into guests (arch/x86_64/pv/context.c). */
#ifndef ARCH_PV_CONTEXT_H
#define ARCH_PV_CONTEXT_H

#include "arch/traps.h"
#include "compiler.h"

/*
 * Called with the frame at the top of the stack just before every return
 * to a guest: reaps dead domains, picks the vCPU to run (idling while none
 * is runnable, powering off once no domain is left) and loads its state.
 */
void exit_to_guest(struct cpu_regs *regs);

struct vcpu;

/*
 * @v, the vCPU running on this CPU, has a new page-table root for the mode
 * it is in: loads it now, dropping every TLB entry (global ones included)
 * made through the old one.
 */
void arch_reload_cr3(struct vcpu *v);

/* Starts running guests on this CPU; never returns. */
__noreturn void run_guests(void);

/* Called when the last domain is gone (setup.c). */
__noreturn void hypervisor_finish(unsigned int failures);

#endif
