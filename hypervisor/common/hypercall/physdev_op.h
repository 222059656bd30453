/*
 * Shared by the physdev_op files of this directory: the dispatcher
 * (physdev_op.c) hands the PCI device sub-ops to physdev_pci.c.
 */
#ifndef PHYSDEV_OP_H
#define PHYSDEV_OP_H

#include <stdint.h>

/*
 * pci_device_add/remove, manage_pci_*, restore_msi(_ext),
 * pci_mmcfg_reserved and dbgp_op; any other @cmd: -PV_ENOSYS.
 */
long physdev_pci_op(int cmd, uint64_t arg);

#endif
