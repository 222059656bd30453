/*
 * physdev_op's I/O APIC sub-ops, with Xen 4.17's checks in its order: the
 * argument is read first (-EFAULT), then only the privileged domain may go
 * on (Xen's XSM_PRIV for its "apic" hook: -EPERM).
 *
 * apic_read reads a register of an I/O APIC the hypervisor found, named by
 * its physical address (-EINVAL for any other); apic_write turns dom0's
 * redirection entries into pirq mappings (pirq.h); alloc_irq_vector is the
 * dummy Xen keeps, answering the vector equal to the IRQ, since vectors
 * are the hypervisor's business.  Each writes the whole structure back.
 */
#include "arch/guest_access.h"
#include "arch/ioapic.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall.h"
#include "physdev_op.h"
#include "pirq.h"

static long apic_read(uint64_t arg)
{
	struct pv_physdev_apic apic;
	long rc;

	if (copy_from_guest(&apic, arg, sizeof(apic)))
		return -PV_EFAULT;
	if (!caller_privileged())
		return -PV_EPERM;
	rc = ioapic_guest_read(apic.apic_physbase, apic.reg, &apic.value);
	if (copy_to_guest(arg, &apic, sizeof(apic)))
		return -PV_EFAULT;
	return rc;
}

static long apic_write(uint64_t arg)
{
	struct pv_physdev_apic apic;

	if (copy_from_guest(&apic, arg, sizeof(apic)))
		return -PV_EFAULT;
	if (!caller_privileged())
		return -PV_EPERM;
	return pirq_ioapic_write(calling_vcpu()->domain, apic.apic_physbase, apic.reg, apic.value);
}

static long alloc_irq_vector(uint64_t arg)
{
	struct pv_physdev_irq irq;

	if (copy_from_guest(&irq, arg, sizeof(irq)))
		return -PV_EFAULT;
	if (!caller_privileged())
		return -PV_EPERM;
	irq.vector = irq.irq;
	return copy_to_guest(arg, &irq, sizeof(irq)) ? -PV_EFAULT : 0;
}

long physdev_apic_op(int cmd, uint64_t arg)
{
	switch (cmd) {
	case PV_PHYSDEVOP_apic_read:
		return apic_read(arg);
	case PV_PHYSDEVOP_apic_write:
		return apic_write(arg);
	case PV_PHYSDEVOP_alloc_irq_vector:
		return alloc_irq_vector(arg);
	default:
		return physdev_pci_op(cmd, arg);
	}
}
