/*
 * set_segment_base (hypercall 25): a 64-bit PV kernel cannot write the
 * FS/GS base MSRs itself.  FS sets the FS base, GS_USER the user-mode GS
 * base, GS_KERNEL the kernel-mode (active) GS base; non-canonical bases
 * are refused with -EINVAL, as are unknown requests.  GS_USER_SEL loads a
 * selector (the low 16 bits, RPL forced to 3 unless null) into %gs for
 * user mode: the user GS base becomes what the descriptor gives, and a
 * selector that cannot be loaded leaves %gs null instead (the call does
 * not fail: Linux cannot cope with that).  The values live in the vCPU
 * (fs_base, gs_base_kernel, gs_base_user) and in the CPU through the
 * per-CPU guest_gs_base the exit path loads, as the emulated WRMSRs keep
 * them (pv_set_base).
 */
#include "arch/cpu.h"
#include "arch/percpu.h"
#include "arch/pv_segments.h"
#include "arch/segment_load.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "pv_guest.h"
#include "pv_traps.h"


/*
 * Loads @sel into %gs and returns the base it gave, putting the per-CPU
 * pointer back into MSR_GS_BASE at once (interrupts are off; NMIs do not
 * use GS).  A null selector, or one that cannot be loaded, gives base 0:
 * a flat selector is loaded first, as AMD keeps the old base on a null load.
 */
static uint64_t load_user_gs(unsigned int sel)
{
	uint64_t percpu = rdmsr(MSR_GS_BASE), base;

	if (sel <= 3 || !load_gs_selector(sel | 3)) {
		load_gs_selector(PV_FLAT_RING3_DS32);
		load_gs_selector(sel <= 3 ? sel : 0);
	}
	base = rdmsr(MSR_GS_BASE);
	wrmsr(MSR_GS_BASE, percpu);
	return base;
}

long do_set_segment_base(unsigned int which, uint64_t base)
{
	struct vcpu *v = calling_vcpu();

	switch (which) {
	case PV_SEGBASE_FS:
		return pv_set_base(v, MSR_FS_BASE, base) ? 0 : -PV_EINVAL;
	case PV_SEGBASE_GS_USER:
		return pv_set_base(v, MSR_KERNEL_GS_BASE, base) ? 0 : -PV_EINVAL;
	case PV_SEGBASE_GS_KERNEL:
		return pv_set_base(v, MSR_GS_BASE, base) ? 0 : -PV_EINVAL;
	case PV_SEGBASE_GS_USER_SEL:
		pv_ldt_prefault(v, (uint16_t)base);
		pv_set_base(v, MSR_KERNEL_GS_BASE, load_user_gs((uint16_t)base));
		return 0;
	default:
		return -PV_EINVAL;
	}
}
