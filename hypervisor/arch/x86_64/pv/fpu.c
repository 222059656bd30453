/*
 * Lazy FPU switching for PV vCPUs.  The CPU's x87/SSE/AVX registers
 * belong to one vCPU at a time, the owner.  Switching to another vCPU
 * leaves them in place and sets CR0.TS; that vCPU's first FPU instruction
 * raises #NM in the hypervisor, which saves the owner's registers, loads
 * the vCPU's (the reset state the first time) and clears TS.  So no vCPU
 * ever runs with TS clear on registers that are not its own.
 *
 * The guest's virtual CR0.TS (fpu_taskswitch, MOV CR0, CLTS) works as on
 * Xen: while it is set the real TS is set too, and the #NM that follows
 * goes to the guest's handler after the registers are made its own; the
 * virtual TS is cleared on that delivery.
 */
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/percpu.h"
#include "arch/xstate.h"
#include "domain.h"
#include "heap.h"
#include "hypercall.h"
#include "pv_guest.h"
#include "pv_traps.h"
#include "xcr0_policy.h"

#define VECTOR_UD 6
#define VECTOR_NM 7
#define VECTOR_GP 13

/* Whose registers the CPU holds (one CPU); NULL for nobody's. */
static struct vcpu *fpu_owner;

uint64_t fpu_guest_xcr0(const struct vcpu *v)
{
	return v->arch.fpu.xcr0 ? v->arch.fpu.xcr0 : XCR0_X87 | XCR0_SSE;
}

void fpu_vcpu_release(struct vcpu *v)
{
	if (fpu_owner == v)
		fpu_owner = NULL;
	xfree(v->arch.fpu.allocation);
	v->arch.fpu.allocation = v->arch.fpu.area = NULL;
}

/* Real TS for @v running now: clear only on its own registers and virtual TS clear. */
static void load_ts(const struct vcpu *v)
{
	if (fpu_owner == v && !v->arch.virtual_ts)
		clts();
	else
		stts();
}

void fpu_switch_to(struct vcpu *v)
{
	xstate_load_xcr0(fpu_guest_xcr0(v));
	load_ts(v);
}

static bool make_area(struct vcpu *v)
{
	struct vcpu_fpu *f = &v->arch.fpu;
	uintptr_t p;

	f->allocation = xmalloc(xstate_area_size() + XSTATE_AREA_ALIGN);
	if (!f->allocation)
		return false;
	p = ((uintptr_t)f->allocation + XSTATE_AREA_ALIGN - 1) & ~(uintptr_t)(XSTATE_AREA_ALIGN - 1);
	f->area = (void *)p;
	xstate_init_area(f->area);
	return true;
}

/* Makes the CPU's registers @v's; false if @v has no memory for them. */
static bool take_registers(struct vcpu *v)
{
	if (fpu_owner == v)
		return true;
	if (!v->arch.fpu.area && !make_area(v))
		return false;
	clts();
	if (fpu_owner)
		xstate_save(fpu_owner->arch.fpu.area);
	xstate_restore(v->arch.fpu.area);
	fpu_owner = v;
	return true;
}

bool pv_fpu_trap(struct vcpu *v, struct cpu_regs *regs)
{
	if (regs->vector != VECTOR_NM)
		return false;
	if (!take_registers(v)) {
		guest_fatal(v, regs, "no memory for the FPU state");
		return true;
	}
	clts();
	if (v->arch.virtual_ts) {
		v->arch.virtual_ts = false;
		pv_inject_exception(v, regs, VECTOR_NM, false, 0);
	}
	return true;
}

void fpu_set_virtual_ts(struct vcpu *v, bool set)
{
	v->arch.virtual_ts = set;
	if (v == current_vcpu())
		load_ts(v);
}

long do_fpu_taskswitch(int set)
{
	fpu_set_virtual_ts(calling_vcpu(), set != 0);
	return 0;
}

unsigned int pv_xsetbv(struct vcpu *v, uint32_t xcr, uint64_t value)
{
	if (!v->arch.fpu.cr4_osxsave)
		return VECTOR_UD;
	if (xcr != 0 || !xcr0_acceptable(value, xstate_xcr0_max()))
		return VECTOR_GP;
	v->arch.fpu.xcr0 = value;
	if (v == current_vcpu())
		xstate_load_xcr0(value);
	return 0;
}
