/*
 * vm_assist: turns optional hypervisor assists on and off.  The types a
 * 64-bit PV domain may name are those Xen 4.17 accepts; any other type is
 * -PV_EINVAL, any other command -PV_ENOSYS.  Which ones change behaviour
 * is listed in docs/abi.md: they are recorded here and honoured by the
 * code they concern as it arrives.
 */
#include "hypercall-abi/errno.h"
#include "hypercall-abi/mmu.h"
#include "hypercall.h"

#define BITS_PER_LONG 64

static const unsigned long valid_types =
	1ul << PV_VMASST_TYPE_4gb_segments | 1ul << PV_VMASST_TYPE_4gb_segments_notify |
	1ul << PV_VMASST_TYPE_writable_pagetables | 1ul << PV_VMASST_TYPE_pae_extended_cr3 |
	1ul << PV_VMASST_TYPE_architectural_iopl | 1ul << PV_VMASST_TYPE_runstate_update_flag |
	1ul << PV_VMASST_TYPE_m2p_strict;

long do_vm_assist(unsigned int cmd, unsigned int type)
{
	struct domain *d = current_domain();

	if (type >= BITS_PER_LONG || !(valid_types & 1ul << type))
		return -PV_EINVAL;
	switch (cmd) {
	case PV_VMASST_CMD_enable:
		d->vm_assist |= 1ul << type;
		return 0;
	case PV_VMASST_CMD_disable:
		d->vm_assist &= ~(1ul << type);
		return 0;
	default:
		return -PV_ENOSYS;
	}
}
