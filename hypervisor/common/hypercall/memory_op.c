/*
 * memory_op: the dispatch, the queries (the domain's memory map, one RAM
 * range as Xen's toolstack gives a PV domU, none for dom0; the machine's map, in
 * machine_memory_map.c; the highest machine frame; a
 * domain's current and maximum reservation; where the M2P is and which
 * frames back it) and add_to_physmap.  The reservation changes are in
 * memory_reservation.c, exchange in memory_exchange.c.  Every other sub-op answers -PV_ENOSYS.
 *
 * As on Xen, the common sub-ops are chosen by the low 6 bits of cmd and
 * see the bits above as a start extent; the x86 ones (memory_map and the
 * M2P queries) are chosen by the whole cmd, so a start extent makes them
 * unknown (-ENOSYS).
 */
#include "arch/guest_access.h"
#include "frame.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "m2p.h"
#include "memory_op.h"

#define M2P_UNIT (2ull << 20) /* machphys_mfn_list: one frame per 2 MiB */

/* DOMID_SELF or an existing domain (the caller's own id included). */
static long find(struct domain *self, pv_domid_t domid, struct domain **out)
{
	*out = domain_by_any_id(self, domid);
	return *out ? 0 : -PV_ESRCH;
}

/* As find(), then another domain only for a privileged caller. */
static long lookup(struct domain *self, uint64_t arg, struct domain **out)
{
	pv_domid_t domid;
	long rc;

	if (copy_from_guest(&domid, arg, sizeof(domid)))
		return -PV_EFAULT;
	rc = find(self, domid, out);
	if (!rc && *out != self && !self->privileged)
		rc = -PV_EPERM;
	return rc;
}

static long reservation(struct domain *self, uint64_t arg, bool maximum)
{
	struct domain *d;
	long rc = lookup(self, arg, &d);

	if (rc)
		return rc;
	return (long)(maximum ? d->max_pages : d->nr_pages);
}

/*
 * The domain's RAM as configured: it does not shrink when pages go back.
 * A domain with no map set (dom0) gets -ENOSYS, once Xen has read @arg.
 */
static long memory_map(struct domain *d, uint64_t arg)
{
	struct pv_memory_map map;
	struct e820_entry ram = { 0, d->memory_map_pages << 12, E820_RAM };

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -PV_EFAULT;
	if (!d->memory_map_pages)
		return -PV_ENOSYS;
	if (map.nr_entries > 1)
		map.nr_entries = 1;
	if ((map.nr_entries && copy_to_guest(map.buffer, &ram, sizeof(ram))) ||
	    copy_to_guest(arg, &map, sizeof(map)))
		return -PV_EFAULT;
	return 0;
}

/*
 * The read-only M2P's range; the highest frame it covers is the last
 * machine frame for the privileged domain (Xen's hardware domain without
 * memory hotplug), the last the range could hold for others.
 */
static long machphys_mapping(struct domain *d, uint64_t arg)
{
	struct pv_machphys_mapping m = {
		.v_start = PV_MACH2PHYS_VIRT_START,
		.v_end = PV_MACH2PHYS_VIRT_END,
		.max_mfn = d->privileged ? m2p_nr_entries() - 1 : PV_MACH2PHYS_NR_ENTRIES - 1,
	};

	return copy_to_guest(arg, &m, sizeof(m)) ? -PV_EFAULT : 0;
}

/* The frame backing each 2 MiB of the M2P, up to max_extents of them. */
static long machphys_mfn_list(uint64_t arg)
{
	struct pv_machphys_mfn_list l;
	uint64_t bytes = m2p_nr_entries() * sizeof(uint64_t);
	uint32_t i;

	if (copy_from_guest(&l, arg, sizeof(l)))
		return -PV_EFAULT;
	for (i = 0; i != l.max_extents && i * M2P_UNIT < bytes; i++) {
		uint64_t mfn = m2p_backing_mfn(i * M2P_UNIT);

		if (copy_to_guest(l.extent_start + i * sizeof(mfn), &mfn, sizeof(mfn)))
			return -PV_EFAULT;
	}
	l.nr_extents = i;
	return copy_to_guest(arg, &l, sizeof(l)) ? -PV_EFAULT : 0;
}

/*
 * Every space is refused for a PV (untranslated) domain, as Xen's
 * permission check does once it has found the domain.
 */
static long add_to_physmap(struct domain *self, uint64_t start_extent, uint64_t arg)
{
	struct pv_add_to_physmap xatp;
	struct domain *d;

	if (start_extent != (uint16_t)start_extent)
		return -PV_EDOM;
	if (copy_from_guest(&xatp, arg, sizeof(xatp)))
		return -PV_EFAULT;
	if (xatp.space == PV_XENMAPSPACE_gmfn_foreign)
		return -PV_ENOSYS; /* add_to_physmap_batch only */
	if (find(self, xatp.domid, &d))
		return -PV_ESRCH;
	return -PV_EACCES;
}

/* The x86 sub-ops, chosen by the whole of @cmd. */
static long arch_memory_op(struct domain *d, uint64_t cmd, uint64_t arg)
{
	switch (cmd) {
	case PV_XENMEM_memory_map:
		return memory_map(d, arg);
	case PV_XENMEM_machine_memory_map:
		return machine_memory_map(d, arg);
	case PV_XENMEM_machphys_mapping:
		return machphys_mapping(d, arg);
	case PV_XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	default:
		return -PV_ENOSYS;
	}
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_domain();
	uint64_t start_extent = cmd >> MEMOP_EXTENT_SHIFT;
	unsigned int op = cmd & MEMOP_CMD_MASK;

	switch (op) {
	case PV_XENMEM_increase_reservation:
	case PV_XENMEM_decrease_reservation:
	case PV_XENMEM_populate_physmap:
		return memory_reservation_op(op, start_extent, arg);
	case PV_XENMEM_maximum_ram_page:
		return start_extent ? -PV_EINVAL : (long)frames_table_size();
	case PV_XENMEM_current_reservation:
		return start_extent ? -PV_EINVAL : reservation(d, arg, false);
	case PV_XENMEM_maximum_reservation:
		return start_extent ? -PV_EINVAL : reservation(d, arg, true);
	case PV_XENMEM_exchange:
		return start_extent ? -PV_EINVAL : memory_exchange(arg);
	case PV_XENMEM_add_to_physmap:
		return add_to_physmap(d, start_extent, arg);
	default:
		/* Also the common sub-ops not implemented yet: -ENOSYS either way. */
		return arch_memory_op(d, cmd, arg);
	}
}
