/* What happens to a guest that does something it cannot survive. */
#ifndef PV_GUEST_H
#define PV_GUEST_H

#include "arch/traps.h"
#include "domain.h"

/*
 * Logs @why with the vCPU's registers and the top of its stack, then
 * crashes its domain; the hypervisor and other domains go on.
 */
void guest_fatal(struct vcpu *v, const struct cpu_regs *regs, const char *why);

/*
 * The return to the guest in @regs faulted (a code or stack selector the
 * CPU cannot load for it): the vCPU enters its failsafe callback, as on
 * Xen, or its domain is crashed if it has none.
 */
void guest_iret_fault(struct cpu_regs *regs);

/* An exception raised by guest code (CS RPL 3). */
void guest_exception(struct cpu_regs *regs);

#endif
