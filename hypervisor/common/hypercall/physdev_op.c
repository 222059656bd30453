/*
 * physdev_op (33) and its older form physdev_op_compat (19), which 64-bit
 * PV guests still have on Xen 4.17: the argument is a whole struct
 * pv_physdev_op (command and union), -PV_EFAULT if it cannot be read.
 *
 * PHYSDEVOP_set_iopl and PHYSDEVOP_set_iobitmap set the calling vCPU's
 * port grants (ioport.h) with Xen's checks; the pirq sub-ops are in
 * physdev_pirq.c, the I/O APIC ones in physdev_apic.c, the PCI device ones
 * in physdev_pci.c.  Any unknown command answers -PV_ENOSYS.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall.h"
#include "physdev_op.h"

#define IOPL_MAX 3

static long set_iopl(struct vcpu *v, uint64_t arg)
{
	struct pv_physdev_set_iopl op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	if (op.iopl > IOPL_MAX)
		return -PV_EINVAL;
	v->ioperm.iopl = op.iopl;
	return 0;
}

static long set_iobitmap(struct vcpu *v, uint64_t arg)
{
	struct pv_physdev_set_iobitmap op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	/* Like Xen's guest_handle_okay: only where the bitmap starts is checked. */
	if (!guest_range_ok(op.bitmap, 1) || op.nr_ports > IOPORT_COUNT)
		return -PV_EINVAL;
	v->ioperm.bitmap = op.bitmap;
	v->ioperm.bitmap_ports = op.nr_ports;
	return 0;
}

long do_physdev_op(int cmd, uint64_t arg)
{
	struct vcpu *v = calling_vcpu();

	switch (cmd) {
	case PV_PHYSDEVOP_set_iopl:
		return set_iopl(v, arg);
	case PV_PHYSDEVOP_set_iobitmap:
		return set_iobitmap(v, arg);
	default:
		return physdev_pirq_op(cmd, arg);
	}
}

long do_physdev_op_compat(uint64_t arg)
{
	struct pv_physdev_op op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	return do_physdev_op((int)op.cmd, arg + PV_OFFSETOF(struct pv_physdev_op, u));
}
