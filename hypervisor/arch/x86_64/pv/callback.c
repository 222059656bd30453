/*
 * Entry points a PV guest kernel registers: callback_op (register and
 * unregister), the older set_callbacks, and stack_switch (the kernel stack
 * for entries from user mode).  As Xen 4.17: addresses must be canonical
 * (-EINVAL); only the NMI callback, which lives in the virtual IDT's
 * vector 2, can be unregistered (others -EINVAL); unknown types -ENOSYS.
 */
#include "arch/guest_access.h"
#include "arch/pagetable.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "lib/string.h"
#include "pv_traps.h"

#define VECTOR_NMI 2

static long register_callback(struct vcpu *v, const struct pv_callback_register *r)
{
	struct arch_vcpu *a = &v->arch;
	bool mask = r->flags & PV_CALLBACKF_mask_events;

	if (!va_is_canonical(r->address))
		return -PV_EINVAL;
	switch (r->type) {
	case PV_CALLBACKTYPE_event:
		a->event_callback = r->address;
		return 0;
	case PV_CALLBACKTYPE_failsafe:
		a->failsafe_callback = r->address;
		a->failsafe_masks_events = mask;
		return 0;
	case PV_CALLBACKTYPE_syscall:
		a->syscall_callback = r->address;
		a->syscall_masks_events = mask;
		return 0;
	case PV_CALLBACKTYPE_syscall32:
		a->syscall32_callback = r->address;
		a->syscall32_masks_events = mask;
		return 0;
	case PV_CALLBACKTYPE_sysenter:
		a->sysenter_callback = r->address;
		a->sysenter_masks_events = mask;
		return 0;
	case PV_CALLBACKTYPE_nmi:
		a->traps[VECTOR_NMI] = (struct pv_trap_info){
			.vector = VECTOR_NMI, .flags = PV_TI_IF, .cs = PV_FLAT_USER_CS64,
			.address = r->address,
		};
		return 0;
	default:
		return -PV_ENOSYS;
	}
}

static long unregister_callback(struct vcpu *v, uint16_t type)
{
	switch (type) {
	case PV_CALLBACKTYPE_event:
	case PV_CALLBACKTYPE_failsafe:
	case PV_CALLBACKTYPE_syscall:
	case PV_CALLBACKTYPE_syscall32:
	case PV_CALLBACKTYPE_sysenter:
		return -PV_EINVAL;
	case PV_CALLBACKTYPE_nmi:
		memset(&v->arch.traps[VECTOR_NMI], 0, sizeof(v->arch.traps[VECTOR_NMI]));
		return 0;
	default:
		return -PV_ENOSYS;
	}
}

long do_callback_op(int cmd, uint64_t arg)
{
	struct pv_callback_register reg;
	struct pv_callback_unregister unreg;

	switch (cmd) {
	case PV_CALLBACKOP_register:
		if (copy_from_guest(&reg, arg, sizeof(reg)))
			return -PV_EFAULT;
		return register_callback(calling_vcpu(), &reg);
	case PV_CALLBACKOP_unregister:
		if (copy_from_guest(&unreg, arg, sizeof(unreg)))
			return -PV_EFAULT;
		return unregister_callback(calling_vcpu(), unreg.type);
	default:
		return -PV_ENOSYS;
	}
}

/* Each address is registered as by callback_op, errors ignored: Xen's answer is 0. */
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
	struct vcpu *v = calling_vcpu();
	const struct pv_callback_register regs[] = {
		{ .type = PV_CALLBACKTYPE_event, .address = event },
		{ .type = PV_CALLBACKTYPE_failsafe, .address = failsafe },
		{ .type = PV_CALLBACKTYPE_syscall, .address = syscall },
	};

	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		register_callback(v, &regs[i]);
	return 0;
}

long do_stack_switch(uint64_t ss, uint64_t sp)
{
	struct vcpu *v = calling_vcpu();

	v->arch.kernel_ss = (uint16_t)(ss | 3); /* as Xen: the guest's RPL is 3 */
	v->arch.kernel_sp = sp;
	return 0;
}
