/*
 * physdev_op's pirq sub-ops, with Xen 4.17's checks in its order (the
 * table and its rules are in common/irq/pirq.c): setup_gsi, map_pirq,
 * unmap_pirq, get_free_pirq, irq_status_query, eoi and pirq_eoi_gmfn.
 *
 * map_pirq and unmap_pirq act on DOMID_SELF or another domain
 * (-ESRCH if there is none) and need privilege, as Xen's XSM_DM_PRIV
 * without device-model domains (-EPERM); the others act on the caller.
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall.h"
#include "physdev_op.h"
#include "pirq.h"

static long setup_gsi(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_setup_gsi op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	return pirq_setup_gsi(curr, op.gsi, op.triggering, op.polarity);
}

static long map_into(struct domain *curr, struct pv_physdev_map_pirq *map)
{
	struct domain *d = domain_by_any_id(curr, map->domid);

	if (!d)
		return -PV_ESRCH;
	if (!curr->privileged)
		return -PV_EPERM;
	switch (map->type) {
	case PV_MAP_PIRQ_TYPE_GSI:
		return pirq_map_gsi(curr, d, map->index, &map->pirq);
	case PV_MAP_PIRQ_TYPE_MSI:
	case PV_MAP_PIRQ_TYPE_MULTI_MSI:
		return pirq_map_msi(curr, d, map->type, map->index, &map->pirq, map->entry_nr);
	default:
		return -PV_EINVAL;
	}
}

static long map_pirq(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_map_pirq map;
	long rc;

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -PV_EFAULT;
	/* Xen reads MSI_SEG as MSI (the segment does not matter without a device). */
	if (map.type == PV_MAP_PIRQ_TYPE_MSI_SEG)
		map.type = PV_MAP_PIRQ_TYPE_MSI;
	else if (map.type == PV_MAP_PIRQ_TYPE_MULTI_MSI && map.table_base)
		return -PV_EINVAL;
	rc = map_into(curr, &map);
	if (copy_to_guest(arg, &map, sizeof(map)))
		return -PV_EFAULT;
	return rc;
}

static long unmap_pirq(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_unmap_pirq op;
	struct domain *d;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	d = domain_by_any_id(curr, op.domid);
	if (!d)
		return -PV_ESRCH;
	if (!curr->privileged)
		return -PV_EPERM;
	return pirq_unmap(d, op.pirq);
}

static long get_free_pirq(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_get_free_pirq op;
	int pirq;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	pirq = pirq_get_free(curr, op.type);
	if (pirq < 0)
		return pirq;
	op.pirq = (uint32_t)pirq;
	return copy_to_guest(arg, &op, sizeof(op)) ? -PV_EFAULT : 0;
}

static long irq_status_query(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_irq_status_query op;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	rc = pirq_status(curr, (int)op.irq, &op.flags);
	if (rc)
		return rc;
	return copy_to_guest(arg, &op, sizeof(op)) ? -PV_EFAULT : 0;
}

static long eoi_map(struct domain *curr, uint64_t arg, bool v1)
{
	struct pv_physdev_pirq_eoi_gmfn op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	return pirq_eoi_map_register(curr, op.gmfn, v1);
}

static long eoi(struct domain *curr, uint64_t arg)
{
	struct pv_physdev_eoi op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	return pirq_eoi(curr, (int)op.irq);
}

long physdev_pirq_op(int cmd, uint64_t arg)
{
	struct domain *curr = calling_vcpu()->domain;

	switch (cmd) {
	case PV_PHYSDEVOP_setup_gsi:
		return setup_gsi(curr, arg);
	case PV_PHYSDEVOP_map_pirq:
		return map_pirq(curr, arg);
	case PV_PHYSDEVOP_unmap_pirq:
		return unmap_pirq(curr, arg);
	case PV_PHYSDEVOP_get_free_pirq:
		return get_free_pirq(curr, arg);
	case PV_PHYSDEVOP_irq_status_query:
		return irq_status_query(curr, arg);
	case PV_PHYSDEVOP_eoi:
		return eoi(curr, arg);
	case PV_PHYSDEVOP_pirq_eoi_gmfn_v1:
	case PV_PHYSDEVOP_pirq_eoi_gmfn_v2:
		return eoi_map(curr, arg, cmd == PV_PHYSDEVOP_pirq_eoi_gmfn_v1);
	default:
		return physdev_apic_op(cmd, arg);
	}
}
