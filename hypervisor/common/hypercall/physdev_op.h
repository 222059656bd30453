/*
 * Shared by the physdev_op files of this directory: the dispatcher
 * (physdev_op.c) hands other sub-ops to physdev_pirq.c, which hands the
 * ones it does not know to physdev_apic.c, and that to physdev_pci.c.
 */
#ifndef PHYSDEV_OP_H
#define PHYSDEV_OP_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "hypercall.h"

/* Xen's default XSM policy for these sub-ops: only the privileged domain. */
static inline bool caller_privileged(void)
{
	return calling_vcpu()->domain->privileged;
}

/*
 * pci_device_add/remove, manage_pci_*, restore_msi(_ext),
 * pci_mmcfg_reserved and dbgp_op; any other @cmd: -PV_ENOSYS.
 */
long physdev_pci_op(int cmd, uint64_t arg);

/* apic_read, apic_write and alloc_irq_vector; any other @cmd: physdev_pci_op(). */
long physdev_apic_op(int cmd, uint64_t arg);

/*
 * setup_gsi, map_pirq, unmap_pirq, get_free_pirq, irq_status_query, eoi
 * and pirq_eoi_gmfn_v1/v2; any other @cmd: physdev_apic_op().
 */
long physdev_pirq_op(int cmd, uint64_t arg);

#endif
