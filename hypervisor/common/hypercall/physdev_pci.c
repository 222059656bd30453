/*
 * physdev_op's PCI device sub-ops, with Xen 4.17's checks in its order.
 * Dom0 reports the functions it finds (pci_device_add, manage_pci_add,
 * manage_pci_add_ext) and removes them; the answers follow Xen's device
 * list (pci_registry.h), which the boot scan fills as Xen's does.  Only
 * the privileged domain may change it (Xen's default XSM policy: -EPERM).
 *
 * There is no MSI, no IOMMU, no MCFG table read and no EHCI debug port,
 * so restore_msi has nothing to restore, pci_mmcfg_reserved knows no
 * region, and dbgp_op has no port to act on: the answers Xen gives in
 * those states.
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall.h"
#include "pci_registry.h"
#include "physdev_op.h"
#include "printk.h"

/* Xen's pci_add_device: a virtual function's physical one is added first. */
static long add_function(uint16_t seg, uint8_t bus, uint8_t devfn,
			 const struct pci_function_info *info)
{
	long rc;

	if (info && info->is_virtfn && !pci_function_find(seg, info->physfn_bus, info->physfn_devfn))
		add_function(seg, info->physfn_bus, info->physfn_devfn, NULL);
	if (!caller_privileged())
		return -PV_EPERM;
	rc = pci_function_add(seg, bus, devfn, info);
	if (!rc)
		printk(LOG_DEBUG "PCI add %04x:%02x:%02x.%u\n", seg, bus, devfn >> 3, devfn & 7);
	return rc;
}

static long remove_function(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	long rc;

	if (!caller_privileged())
		return -PV_EPERM;
	rc = pci_function_remove(seg, bus, devfn);
	if (!rc)
		printk(LOG_DEBUG "PCI remove %04x:%02x:%02x.%u\n", seg, bus, devfn >> 3, devfn & 7);
	return rc;
}

static long pci_device_add(uint64_t arg)
{
	struct pv_physdev_pci_device_add add;
	struct pci_function_info info = { 0 };
	uint32_t pxm;

	if (copy_from_guest(&add, arg, sizeof(add)))
		return -PV_EFAULT;
	info.is_extfn = add.flags & PV_PCI_DEV_EXTFN;
	if (add.flags & PV_PCI_DEV_VIRTFN) {
		info.is_virtfn = true;
		info.physfn_bus = add.physfn.bus;
		info.physfn_devfn = add.physfn.devfn;
	}
	/* The proximity domain is read (so it must be readable) but not used. */
	if ((add.flags & PV_PCI_DEV_PXM) &&
	    copy_from_guest(&pxm, arg + PV_OFFSETOF(struct pv_physdev_pci_device_add, optarr),
			    sizeof(pxm)))
		return -PV_EFAULT;
	return add_function(add.seg, add.bus, add.devfn, &info);
}

static long pci_device_remove(uint64_t arg)
{
	struct pv_physdev_pci_device dev;

	if (copy_from_guest(&dev, arg, sizeof(dev)))
		return -PV_EFAULT;
	return remove_function(dev.seg, dev.bus, dev.devfn);
}

static long manage_pci(int cmd, uint64_t arg)
{
	struct pv_physdev_manage_pci manage;

	if (copy_from_guest(&manage, arg, sizeof(manage)))
		return -PV_EFAULT;
	if (cmd == PV_PHYSDEVOP_manage_pci_add)
		return add_function(0, manage.bus, manage.devfn, NULL);
	return remove_function(0, manage.bus, manage.devfn);
}

static long manage_pci_add_ext(uint64_t arg)
{
	struct pv_physdev_manage_pci_ext ext;
	struct pci_function_info info;

	if (copy_from_guest(&ext, arg, sizeof(ext)))
		return -PV_EFAULT;
	if (ext.is_extfn > 1 || ext.is_virtfn > 1)
		return -PV_EINVAL;
	info = (struct pci_function_info){
		.is_extfn = ext.is_extfn,
		.is_virtfn = ext.is_virtfn,
		.physfn_bus = ext.physfn.bus,
		.physfn_devfn = ext.physfn.devfn,
	};
	return add_function(0, ext.bus, ext.devfn, &info);
}

/* A known function has no MSI state here to restore: 0 once permitted. */
static long restore_msi(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	if (!pci_function_find(seg, bus, devfn))
		return -PV_ENODEV;
	return caller_privileged() ? 0 : -PV_EPERM;
}

static long restore_msi_op(int cmd, uint64_t arg)
{
	struct pv_physdev_restore_msi old;
	struct pv_physdev_pci_device dev;

	if (cmd == PV_PHYSDEVOP_restore_msi) {
		if (copy_from_guest(&old, arg, sizeof(old)))
			return -PV_EFAULT;
		return restore_msi(0, old.bus, old.devfn);
	}
	if (copy_from_guest(&dev, arg, sizeof(dev)))
		return -PV_EFAULT;
	return restore_msi(dev.seg, dev.bus, dev.devfn);
}

/* Xen checks the privilege before reading the argument here. */
static long pci_mmcfg_reserved(uint64_t arg)
{
	struct pv_physdev_pci_mmcfg_reserved info;

	if (!caller_privileged())
		return -PV_EPERM;
	if (copy_from_guest(&info, arg, sizeof(info)))
		return -PV_EFAULT;
	if (info.flags & ~(uint32_t)PV_PCI_MMCFG_RESERVED)
		return -PV_EINVAL;
	return -PV_ENODEV;
}

static long dbgp_op(uint64_t arg)
{
	struct pv_physdev_dbgp_op op;

	if (!caller_privileged())
		return -PV_EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	return 0;
}

long physdev_pci_op(int cmd, uint64_t arg)
{
	switch (cmd) {
	case PV_PHYSDEVOP_pci_device_add:
		return pci_device_add(arg);
	case PV_PHYSDEVOP_pci_device_remove:
		return pci_device_remove(arg);
	case PV_PHYSDEVOP_manage_pci_add:
	case PV_PHYSDEVOP_manage_pci_remove:
		return manage_pci(cmd, arg);
	case PV_PHYSDEVOP_manage_pci_add_ext:
		return manage_pci_add_ext(arg);
	case PV_PHYSDEVOP_restore_msi:
	case PV_PHYSDEVOP_restore_msi_ext:
		return restore_msi_op(cmd, arg);
	case PV_PHYSDEVOP_pci_mmcfg_reserved:
		return pci_mmcfg_reserved(arg);
	case PV_PHYSDEVOP_dbgp_op:
		return dbgp_op(arg);
	default:
		return -PV_ENOSYS;
	}
}
