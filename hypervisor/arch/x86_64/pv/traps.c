/*
 * The guest's virtual IDT: set_trap_table, and raising exceptions through
 * it.  A page fault also leaves its address in vcpu_info.arch.cr2 and has
 * its user bit set from the guest's mode (the hardware always says user:
 * the guest kernel runs in ring 3).  An "int N" a guest executes reaches
 * the hypervisor as #GP through a gate it may not use; it is delivered as
 * vector N if the guest's own entry for N allows the caller's privilege
 * (DPL 3 for user mode, 1 or more for the kernel), else as #GP.
 */
#include "arch/cpu.h"
#include "arch/entry.h"
#include "arch/guest_access.h"
#include "arch/pagetable.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/shared_info.h"
#include "evtchn.h"
#include "hypercall.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "pv_guest.h"
#include "pv_traps.h"

#define VECTOR_INVALID_OPCODE 6
#define GP_IDT (1u << 1)
#define INT_N_OPCODE 0xcd

long do_set_trap_table(uint64_t table)
{
	struct vcpu *v = calling_vcpu();
	struct pv_trap_info t;

	if (!table) {
		memset(v->arch.traps, 0, sizeof(v->arch.traps));
		return 0;
	}
	for (;;) {
		if (copy_from_guest(&t, table, sizeof(t)))
			return -PV_EFAULT;
		if (!t.address)
			return 0;
		if (!va_is_canonical(t.address))
			return -PV_EINVAL;
		t.cs = PV_FLAT_USER_CS64; /* the selector is meaningless for 64-bit guests */
		v->arch.traps[t.vector] = t;
		table += sizeof(t);
		if (hypercall_preempt_check())
			return hypercall_continue(PV_HYPERVISOR_set_trap_table, 1, &table);
	}
}

void pv_inject_exception(struct vcpu *v, struct cpu_regs *regs, unsigned int vector,
			 bool has_error_code, uint64_t error_code)
{
	pv_inject_fault(v, regs, vector, has_error_code, error_code, read_cr2());
}

void pv_inject_fault(struct vcpu *v, struct cpu_regs *regs, unsigned int vector,
		     bool has_error_code, uint64_t error_code, uint64_t cr2)
{
	const struct pv_trap_info *t = &v->arch.traps[vector & 0xff];
	char why[128];

	if (!t->address) {
		snprintf(why, sizeof(why), "unhandled exception %s, error code %#lx",
			 exception_name(vector), error_code);
		if (vector == VECTOR_PAGE_FAULT)
			snprintf(why + strlen(why), sizeof(why) - strlen(why),
				 ", fault address %016lx", cr2);
		guest_fatal(v, regs, why);
		return;
	}
	if (vector == VECTOR_PAGE_FAULT) {
		struct pv_vcpu_info *vi = vcpu_shared_info(v);

		if (vi)
			vi->arch.cr2 = cr2;
		error_code = (error_code & ~PFEC_USER) | (v->arch.kernel_mode ? 0 : PFEC_USER);
	}
	pv_bounce(v, regs, t->address, has_error_code, error_code, t->flags & PV_TI_IF);
}

/*
 * An "int N" refused by the hypervisor's IDT: the guest's own gate decides.
 * A refused one gets the #GP the CPU raised, with its error code, as Xen
 * reflects it.
 */
bool pv_software_interrupt(struct vcpu *v, struct cpu_regs *regs)
{
	uint8_t insn[2];
	const struct pv_trap_info *t;
	unsigned int needed = v->arch.kernel_mode ? 1 : 3;

	/* The vector from the instruction: some emulators get the code wrong. */
	if (regs->vector != 13 || !(regs->error_code & GP_IDT) ||
	    copy_from_guest(insn, regs->rip, sizeof(insn)) || insn[0] != INT_N_OPCODE)
		return false;
	t = &v->arch.traps[insn[1]];
	if (!t->address || (t->flags & PV_TI_DPL_MASK) < needed) {
		pv_inject_exception(v, regs, 13, true, regs->error_code);
		return true;
	}
	regs->rip += sizeof(insn);
	pv_bounce(v, regs, t->address, false, 0, t->flags & PV_TI_IF);
	return true;
}

void pv_guest_syscall(struct vcpu *v, struct cpu_regs *regs)
{
	bool compat = regs->vector == VECTOR_SYSCALL_COMPAT;
	uint64_t handler = compat ? v->arch.syscall32_callback : v->arch.syscall_callback;
	bool mask = compat ? v->arch.syscall32_masks_events : v->arch.syscall_masks_events;

	if (!handler) {
		pv_inject_exception(v, regs, VECTOR_INVALID_OPCODE, false, 0);
		return;
	}
	if (!pv_bounce(v, regs, handler, false, 0, mask))
		regs->rflags &= ~RFLAGS_DF;
}
