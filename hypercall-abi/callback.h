/*
 * callback_op(cmd, arg): where the hypervisor enters the guest kernel.
 *
 * A PV kernel has no IDT of its own for asynchronous entries; it registers
 * entry points instead: the event callback (event-channel upcalls), the
 * failsafe callback (the hypervisor could not restore the guest's segment
 * state on return), the syscall callback (SYSCALL from guest user mode),
 * and the NMI callback.  The older set_callbacks hypercall sets the first
 * three in one go.
 */
#ifndef PV_ABI_CALLBACK_H
#define PV_ABI_CALLBACK_H

#define PV_CALLBACKOP_register 0   /* struct pv_callback_register */
#define PV_CALLBACKOP_unregister 1 /* struct pv_callback_unregister */

#define PV_CALLBACKTYPE_event 0
#define PV_CALLBACKTYPE_failsafe 1
#define PV_CALLBACKTYPE_syscall 2 /* SYSCALL from 64-bit user mode */
#define PV_CALLBACKTYPE_sysenter_deprecated 3 /* 32-bit hypervisors only */
#define PV_CALLBACKTYPE_nmi 4
#define PV_CALLBACKTYPE_sysenter 5  /* SYSENTER from 32-bit user mode (Intel) */
#define PV_CALLBACKTYPE_syscall32 7 /* SYSCALL from 32-bit user mode (AMD) */

/* pv_callback_register.flags; event and NMI callbacks always mask events. */
#define PV_CALLBACKF_mask_events_BIT 0
#define PV_CALLBACKF_mask_events (1 << 0)

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_callback_register {
	uint16_t type;  /* PV_CALLBACKTYPE_* */
	uint16_t flags; /* PV_CALLBACKF_* */
	uint64_t address;
};
_Static_assert(sizeof(struct pv_callback_register) == 16, "callback_register: xen/callback.h");
_Static_assert(PV_OFFSETOF(struct pv_callback_register, address) == 8,
	       "callback_register.address: xen/callback.h");

struct pv_callback_unregister {
	uint16_t type;
	uint16_t _unused;
};
_Static_assert(sizeof(struct pv_callback_unregister) == 4, "callback_unregister: xen/callback.h");
#endif

#endif
