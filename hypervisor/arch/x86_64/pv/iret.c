/*
 * The iret hypercall: how a PV guest kernel returns from a bounce frame,
 * to itself or to its user space.  At the SYSCALL its stack holds an
 * iret_context (the hypercall page's stub pushed RCX, R11 and RAX); a
 * return to CS with RPL 3 switches to user mode, which needs a user
 * page-table root.  Selectors are forced to RPL 3, IOPL and VM cleared,
 * hardware IF set; the event mask follows the frame's IF.  Unless the
 * frame says VGCF_in_syscall, R11 and RCX are restored too.  The call
 * "returns" the saved RAX, and ends an NMI's masking of further NMIs.  A
 * context that cannot be read, or a switch to user mode without user page
 * tables, is fatal, as on Xen.  Under VMASST architectural_iopl the
 * frame's IOPL becomes the virtual IOPL.
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/shared_info.h"
#include "evtchn.h"
#include "hypercall.h"
#include "pv_guest.h"
#include "pv_io.h"
#include "pv_traps.h"


long do_iret(void)
{
	struct vcpu *v = calling_vcpu();
	struct cpu_regs *regs = guest_regs();
	struct pv_iret_context c;

	if (copy_from_guest(&c, regs->rsp, sizeof(c))) {
		guest_fatal(v, regs, "fault while reading the iret context from the guest stack");
		return 0;
	}
	if ((c.cs & 3) == 3) {
		if (!v->arch.user_cr3) {
			guest_fatal(v, regs, "switching to user mode with no user page tables");
			return 0;
		}
		pv_toggle_mode(v);
	}
	if (pv_architectural_iopl(v))
		v->ioperm.iopl = (c.rflags & RFLAGS_IOPL) >> RFLAGS_IOPL_SHIFT;
	regs->rip = c.rip;
	regs->cs = c.cs | 3;
	regs->rflags = (c.rflags & ~(RFLAGS_IOPL | RFLAGS_VM)) | RFLAGS_IF;
	regs->rsp = c.rsp;
	regs->ss = c.ss | 3;
	if (!(c.flags & PV_VGCF_in_syscall)) {
		regs->r11 = c.r11;
		regs->rcx = c.rcx;
	}
	if (vcpu_shared_info(v))
		vcpu_shared_info(v)->evtchn_upcall_mask = !(c.rflags & RFLAGS_IF);
	v->nmi_masked = false;
	return (long)c.rax;
}
