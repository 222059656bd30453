/*
 * The bounce frame: how a PV guest kernel is entered for an exception,
 * a system call or an event (Xen's x86-64 layout).  On the guest kernel
 * stack (the current one in kernel mode; kernel_sp from stack_switch when
 * coming from user mode, after switching to kernel mode), aligned down to
 * 16 bytes, from the lowest address: RCX, R11, [error code], RIP, CS,
 * RFLAGS, RSP, SS (the failsafe callback's frame has DS, ES, FS, GS where
 * the error code would be).  The CS slot carries the previous event mask in bits
 * 32-39 and has RPL 0 if the guest was in kernel mode; the RFLAGS slot's
 * IF is the inverse of that mask, its IOPL the virtual IOPL under VMASST
 * architectural_iopl (else 0).  The handler runs with TF, NT, RF, AC
 * and VM clear, and events masked if asked.
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "arch/layout.h"
#include "evtchn.h"
#include "hypercall-abi/shared_info.h"
#include "printk.h"
#include "pv_guest.h"
#include "pv_io.h"
#include "pv_traps.h"

#define FRAME_WORDS_MAX 11

int pv_bounce_words(struct vcpu *v, struct cpu_regs *regs, uint64_t handler,
		    const uint64_t *words, unsigned int nr_words, bool mask_events)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);
	bool was_kernel = v->arch.kernel_mode;
	uint64_t frame[FRAME_WORDS_MAX], sp;
	unsigned int n = 0;
	uint8_t saved_mask;

	if (!vi) {
		guest_fatal(v, regs, "no vcpu_info to bounce an event through");
		return -1;
	}
	saved_mask = vi->evtchn_upcall_mask;

	if (!was_kernel)
		pv_toggle_mode(v);
	sp = (was_kernel ? regs->rsp : v->arch.kernel_sp) & ~15ul;
	frame[n++] = regs->rcx;
	frame[n++] = regs->r11;
	for (unsigned int i = 0; i < nr_words; i++)
		frame[n++] = words[i];
	frame[n++] = regs->rip;
	frame[n++] = (was_kernel ? regs->cs & ~3ul : regs->cs) | (uint64_t)saved_mask << 32;
	frame[n++] = (regs->rflags & ~(RFLAGS_IF | RFLAGS_IOPL)) | (saved_mask ? 0 : RFLAGS_IF) |
		     (pv_architectural_iopl(v) ? (uint64_t)v->ioperm.iopl << RFLAGS_IOPL_SHIFT : 0);
	frame[n++] = regs->rsp;
	frame[n++] = regs->ss;
	sp -= n * sizeof(uint64_t);
	if (copy_to_guest(sp, frame, n * sizeof(uint64_t))) {
		guest_fatal(v, regs, "cannot write the bounce frame on the guest kernel stack");
		return -1;
	}
	regs->rsp = sp;
	regs->rip = handler;
	regs->cs = FLAT_USER_CS64;
	regs->ss = FLAT_USER_DS;
	regs->rflags &= ~(RFLAGS_TF | RFLAGS_NT | RFLAGS_RF | RFLAGS_VM | RFLAGS_AC);
	if (mask_events)
		vi->evtchn_upcall_mask = 1;
	return 0;
}

int pv_bounce(struct vcpu *v, struct cpu_regs *regs, uint64_t handler, bool has_error_code,
	      uint64_t error_code, bool mask_events)
{
	return pv_bounce_words(v, regs, handler, &error_code, has_error_code ? 1 : 0, mask_events);
}

/*
 * An NMI sent by VCPUOP_send_nmi goes first, as on Xen: through vector 2
 * of the virtual IDT (the NMI callback), events masked as that entry
 * says; further NMIs wait until the guest's iret.  With no handler the
 * NMI is dropped.
 */
static bool deliver_nmi(struct vcpu *v, struct cpu_regs *regs)
{
	const struct pv_trap_info *t = &v->arch.traps[VECTOR_NMI];

	if (!v->nmi_pending || v->nmi_masked)
		return false;
	v->nmi_pending = false;
	if (!t->address)
		return false;
	v->nmi_masked = true;
	pv_bounce(v, regs, t->address, false, 0, t->flags & PV_TI_IF);
	return true;
}

void pv_deliver_events(struct vcpu *v, struct cpu_regs *regs)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);

	if (deliver_nmi(v, regs))
		return;
	if (vi && vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask && v->arch.event_callback)
		pv_bounce(v, regs, v->arch.event_callback, false, 0, true);
}
