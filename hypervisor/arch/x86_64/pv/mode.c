/*
 * Guest kernel/user mode (x86-64 PV): both run in ring 3, so the mode is
 * the hypervisor's own flag, and each switch loads the other page-table
 * root and the other GS base, as SWAPGS and the CR3 change would on bare
 * metal.  No global flush: the mappings the two roots share are the
 * guest's user pages, which are global.  Runstate and time copies that
 * could not be written from user mode are written on the way back to the
 * kernel.
 */
#include "arch/cpu.h"
#include "arch/percpu.h"
#include "pv_traps.h"
#include "pvclock.h"
#include "runstate.h"

void pv_toggle_mode(struct vcpu *v)
{
	struct arch_vcpu *a = &v->arch;

	a->kernel_mode = !a->kernel_mode;
	write_cr3(a->kernel_mode ? a->kernel_cr3 : a->user_cr3);
	this_cpu()->guest_gs_base = a->kernel_mode ? a->gs_base_kernel : a->gs_base_user;
	if (a->kernel_mode && v->runstate_guest_stale && runstate_publish(v))
		v->runstate_guest_stale = false;
	if (a->kernel_mode && v->time_area_stale)
		pvclock_publish(v);
}

struct cpu_regs *guest_regs(void)
{
	return (struct cpu_regs *)(this_cpu()->stack_top - sizeof(struct cpu_regs));
}
