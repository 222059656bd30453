/*
 * VCPUOP_initialise for a 64-bit PV vCPU (see arch/pv_vcpu.h): the checks
 * and effects of Xen 4.17's arch_set_info_guest for a vCPU that has
 * never been initialised.  Everything is checked and every reference
 * taken before the vCPU changes, so a refused context leaves it as it
 * was.  Unlike Xen, the page-table roots are taken before the GDT (whose
 * frames pv_set_gdt keeps), so that a refused GDT only has the roots to
 * give back; the error differs from Xen's only when both are bad.
 */
#include "arch/cpu.h"
#include "arch/layout.h"
#include "arch/debugreg.h"
#include "arch/pagetable.h"
#include "arch/pv_segments.h"
#include "arch/pv_vcpu.h"
#include "hypercall-abi/errno.h"
#include "mm/mm-internal.h"
#include "page_type.h"

#define LDT_MAX_ENTRIES 8192
#define GDT_ENTRIES_PER_FRAME 512
#define GDT_MAX_FRAMES 16

/* Guest selectors get RPL 3: a 64-bit PV kernel runs in ring 3. */
static uint16_t guest_selector(uint64_t sel)
{
	return (uint16_t)sel | 3;
}

static bool addresses_ok(const struct pv_vcpu_guest_context *c)
{
	const uint64_t addrs[] = {
		c->user_regs.rip, c->user_regs.rsp, c->kernel_sp,
		c->ldt_ents ? c->ldt_base : 0, c->fs_base, c->gs_base_kernel,
		c->gs_base_user, c->event_callback_eip, c->syscall_callback_eip,
		c->failsafe_callback_eip,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(addrs); i++) {
		if (!va_is_canonical(addrs[i]))
			return false;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(c->trap_ctxt); i++) {
		if (!va_is_canonical(c->trap_ctxt[i].address))
			return false;
	}
	return pv_guest_addr_ok(c->ldt_base) && !(c->ldt_base & (PAGE_SIZE - 1)) &&
	       c->ldt_ents <= LDT_MAX_ENTRIES;
}

static long check_context(const struct pv_vcpu_guest_context *c)
{
	if (!addresses_ok(c))
		return -PV_EINVAL;
	if ((c->gdt_ents + GDT_ENTRIES_PER_FRAME - 1) / GDT_ENTRIES_PER_FRAME > GDT_MAX_FRAMES)
		return -PV_EINVAL;
	if (!(c->flags & PV_VGCF_in_kernel) && !c->ctrlreg[1])
		return -PV_EINVAL;
	return 0;
}

/* Takes the roots' references and types: 0, or the error (nothing held). */
static long take_roots(struct domain *d, const struct pv_vcpu_guest_context *c)
{
	long rc = page_get_ref_and_type(c->ctrlreg[3] >> 12, d, PV_TYPE_L4);

	if (rc || !c->ctrlreg[1])
		return rc;
	rc = page_get_ref_and_type(c->ctrlreg[1] >> 12, d, PV_TYPE_L4);
	if (rc)
		page_put_ref_and_type(c->ctrlreg[3] >> 12);
	return rc;
}

static void put_roots(const struct pv_vcpu_guest_context *c)
{
	page_put_ref_and_type(c->ctrlreg[3] >> 12);
	if (c->ctrlreg[1])
		page_put_ref_and_type(c->ctrlreg[1] >> 12);
}

static void load_registers(struct cpu_regs *r, const struct pv_cpu_user_regs *u)
{
	*r = (struct cpu_regs){
		.r15 = u->r15, .r14 = u->r14, .r13 = u->r13, .r12 = u->r12,
		.r11 = u->r11, .r10 = u->r10, .r9 = u->r9, .r8 = u->r8,
		.rbp = u->rbp, .rdi = u->rdi, .rsi = u->rsi, .rdx = u->rdx,
		.rcx = u->rcx, .rbx = u->rbx, .rax = u->rax,
		.rip = u->rip, .cs = guest_selector(u->cs), .rsp = u->rsp,
		.ss = guest_selector(u->ss),
		/* IOPL is virtual (load_context); hardware interrupts stay on. */
		.rflags = (u->rflags & ~(RFLAGS_IOPL | RFLAGS_VM)) | RFLAGS_IF,
	};
}

static void load_context(struct vcpu *v, const struct pv_vcpu_guest_context *c)
{
	struct arch_vcpu *a = &v->arch;

	load_registers(&a->regs, &c->user_regs);
	/* As Xen: the context's IOPL becomes the vCPU's virtual IOPL (Linux asks for 1). */
	v->ioperm.iopl = (unsigned int)((c->user_regs.rflags & RFLAGS_IOPL) >> RFLAGS_IOPL_SHIFT);
	for (unsigned int i = 0; i < ARRAY_SIZE(a->traps); i++) {
		a->traps[i] = c->trap_ctxt[i];
		a->traps[i].cs = guest_selector(c->trap_ctxt[i].cs);
	}
	a->kernel_mode = c->flags & PV_VGCF_in_kernel;
	a->ldt_ents = (unsigned int)c->ldt_ents;
	a->ldt_base = c->ldt_ents ? c->ldt_base : 0;
	a->kernel_ss = guest_selector(c->kernel_ss);
	a->kernel_sp = c->kernel_sp;
	a->virtual_ts = c->ctrlreg[0] & CR0_TS;
	a->event_callback = c->event_callback_eip;
	a->failsafe_callback = c->failsafe_callback_eip;
	a->syscall_callback = c->syscall_callback_eip;
	a->failsafe_masks_events = c->flags & PV_VGCF_failsafe_disables_events;
	a->syscall_masks_events = c->flags & PV_VGCF_syscall_disables_events;
	a->fs_base = c->fs_base;
	a->gs_base_kernel = c->gs_base_kernel;
	a->gs_base_user = c->gs_base_user;
	a->kernel_cr3 = c->ctrlreg[3] & ~(PAGE_SIZE - 1);
	a->user_cr3 = c->ctrlreg[1] & ~(PAGE_SIZE - 1);
	a->seg.ds = c->user_regs.ds;
	a->seg.es = c->user_regs.es;
	a->seg.fs = c->user_regs.fs;
	a->seg.gs = c->user_regs.gs;
	/* As Xen: the reset values, then each register the context gives if it is valid. */
	debugreg_vcpu_init(v);
	for (unsigned int i = 0; i < ARRAY_SIZE(c->debugreg); i++)
		if (i != 4 && i != 5)
			pv_set_debugreg(v, i, c->debugreg[i]);
}

long pv_vcpu_initialise(struct vcpu *v, const struct pv_vcpu_guest_context *c)
{
	long rc = check_context(c);

	if (rc)
		return rc;
	rc = take_roots(v->domain, c);
	if (rc)
		return rc;
	rc = pv_set_gdt(v, c->gdt_frames, (unsigned int)c->gdt_ents);
	if (rc) {
		put_roots(c);
		return rc;
	}
	load_context(v, c);
	v->initialised = true;
	return 0;
}
