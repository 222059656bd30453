/*
 * physdev_op's PCI device sub-ops from inside a guest; run as dom0 and
 * as a domU.
 *
 * Dom0: no function is known until dom0 reports it (Xen scans the bus
 * only for an IOMMU, and there is none): the host bridge 00:00.0 is
 * -ENODEV, then known (restore_msi 0) once reported, until removed, and
 * reported again for the domU; functions that do not exist are -ENODEV;
 * reporting one (pci_device_add, manage_pci_add,
 * manage_pci_add_ext, duplicates included) makes it known, removing it
 * twice is -ENODEV the second time; Xen's -EINVAL for bad add_ext flags
 * and pci_mmcfg_reserved flags, -ENODEV for an MMCFG region it does not
 * know, 0 for dbgp_op without a debug port; -EFAULT for bad pointers.
 * DomU: -EPERM for every sub-op that changes the list (after reading the
 * argument) and for pci_mmcfg_reserved and dbgp_op (before reading it);
 * restore_msi looks the device up first (the domU waits until dom0 has
 * reported the host bridge).
 */
#include "guest.h"
#include "hypercall-abi/physdev.h"

#define UNMAPPED 0x100000000000ul
#define HOST_BRIDGE_DEVFN 0x00
#define DOM0_WAIT_YIELDS 10000
#define ABSENT_DEVFN 0xfb /* 00:1f.3: nothing there on QEMU's pc machine */

static long physdev(int cmd, const void *arg)
{
	return HYPERCALL2(physdev_op, cmd, arg);
}

static long restore_msi(uint8_t bus, uint8_t devfn)
{
	struct pv_physdev_restore_msi op = { .bus = bus, .devfn = devfn };

	return physdev(PV_PHYSDEVOP_restore_msi, &op);
}

static long manage(int cmd, uint8_t bus, uint8_t devfn)
{
	struct pv_physdev_manage_pci op = { .bus = bus, .devfn = devfn };

	return physdev(cmd, &op);
}

static void dom0_host_bridge(void)
{
	CHECK_EQ(restore_msi(0, HOST_BRIDGE_DEVFN), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, HOST_BRIDGE_DEVFN), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_add, 0, HOST_BRIDGE_DEVFN), 0);
	CHECK_EQ(restore_msi(0, HOST_BRIDGE_DEVFN), 0);
	CHECK_EQ(restore_msi(0, ABSENT_DEVFN), -PV_ENODEV);
	CHECK_EQ(restore_msi(0x80, 0), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, ABSENT_DEVFN), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, HOST_BRIDGE_DEVFN), 0);
	CHECK_EQ(restore_msi(0, HOST_BRIDGE_DEVFN), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, HOST_BRIDGE_DEVFN), -PV_ENODEV);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_add, 0, HOST_BRIDGE_DEVFN), 0);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_add, 0, HOST_BRIDGE_DEVFN), 0);
	CHECK_EQ(restore_msi(0, HOST_BRIDGE_DEVFN), 0);
	printf("pcidev: host bridge unknown until reported; remove, add back\n");
}

static void dom0_reports(void)
{
	struct pv_physdev_pci_device_add add = { .seg = 1, .bus = 2, .devfn = 3 };
	struct pv_physdev_pci_device dev = { .seg = 1, .bus = 2, .devfn = 3 };
	struct pv_physdev_manage_pci_ext ext = { .bus = 0, .devfn = ABSENT_DEVFN, .is_extfn = 2 };

	CHECK_EQ(physdev(PV_PHYSDEVOP_restore_msi_ext, &dev), -PV_ENODEV);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_add, &add), 0);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_add, &add), 0);
	CHECK_EQ(physdev(PV_PHYSDEVOP_restore_msi_ext, &dev), 0);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_remove, &dev), 0);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_remove, &dev), -PV_ENODEV);
	CHECK_EQ(physdev(PV_PHYSDEVOP_restore_msi_ext, &dev), -PV_ENODEV);

	CHECK_EQ(physdev(PV_PHYSDEVOP_manage_pci_add_ext, &ext), -PV_EINVAL);
	ext.is_extfn = 1;
	CHECK_EQ(physdev(PV_PHYSDEVOP_manage_pci_add_ext, &ext), 0);
	CHECK_EQ(restore_msi(0, ABSENT_DEVFN), 0);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, ABSENT_DEVFN), 0);

	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_add, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_remove, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(physdev(PV_PHYSDEVOP_manage_pci_add_ext, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(physdev(PV_PHYSDEVOP_restore_msi, (void *)UNMAPPED), -PV_EFAULT);
	printf("pcidev: reported functions added and removed, errors as Xen\n");
}

static void dom0_mmcfg_dbgp(void)
{
	struct pv_physdev_pci_mmcfg_reserved mmcfg = {
		.address = 0xb0000000, .end_bus = 0xff, .flags = PV_PCI_MMCFG_RESERVED,
	};
	struct pv_physdev_dbgp_op dbgp = { .op = PV_PHYSDEVOP_DBGP_RESET_PREPARE };

	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_mmcfg_reserved, &mmcfg), -PV_ENODEV);
	mmcfg.flags = 3;
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_mmcfg_reserved, &mmcfg), -PV_EINVAL);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_mmcfg_reserved, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(physdev(PV_PHYSDEVOP_dbgp_op, &dbgp), 0);
	CHECK_EQ(physdev(PV_PHYSDEVOP_dbgp_op, (void *)UNMAPPED), -PV_EFAULT);
	printf("pcidev: pci_mmcfg_reserved and dbgp_op as Xen without MMCFG or debug port\n");
}

static void domu_refused(void)
{
	struct pv_physdev_pci_device_add add = { .bus = 5 };
	struct pv_physdev_pci_device dev = { .devfn = HOST_BRIDGE_DEVFN };
	struct pv_physdev_manage_pci_ext ext = { .bus = 5, .is_virtfn = 2 };

	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_add, &add), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_add, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_device_remove, &dev), -PV_EPERM);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_add, 5, 0), -PV_EPERM);
	CHECK_EQ(manage(PV_PHYSDEVOP_manage_pci_remove, 0, HOST_BRIDGE_DEVFN), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_manage_pci_add_ext, &ext), -PV_EINVAL);
	ext.is_virtfn = 1;
	CHECK_EQ(physdev(PV_PHYSDEVOP_manage_pci_add_ext, &ext), -PV_EPERM);
	CHECK_EQ(restore_msi(0, ABSENT_DEVFN), -PV_ENODEV);
	for (int i = 0; i < DOM0_WAIT_YIELDS && restore_msi(0, HOST_BRIDGE_DEVFN) == -PV_ENODEV; i++)
		HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
	CHECK_EQ(restore_msi(0, HOST_BRIDGE_DEVFN), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_restore_msi_ext, &dev), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_pci_mmcfg_reserved, (void *)UNMAPPED), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_dbgp_op, (void *)UNMAPPED), -PV_EPERM);
	printf("pcidev: domU refused as Xen\n");
}

void test_main(const struct pv_start_info *si)
{
	if (si->flags & PV_SIF_PRIVILEGED) {
		dom0_host_bridge();
		dom0_reports();
		dom0_mmcfg_dbgp();
	} else {
		domu_refused();
	}
}
