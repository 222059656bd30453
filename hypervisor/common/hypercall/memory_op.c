/*
 * memory_op, the queries of issue 4: the domain's memory map (one RAM
 * range covering its pseudo-physical memory, as Xen's toolstack gives a PV
 * guest), the highest machine frame, and a domain's current and maximum
 * reservation.  The reservation changes and the M2P queries arrive with
 * PV memory management (issue 5); until then they, and every other
 * sub-op, answer -PV_ENOSYS.
 */
#include "arch/guest_access.h"
#include "frame.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"

#define MEMOP_CMD_MASK 0x3f
#define MEMOP_EXTENT_SHIFT 6
#define E820_RAM 1

struct e820_entry {
	uint64_t addr, size;
	uint32_t type;
} __packed;
_Static_assert(sizeof(struct e820_entry) == 20, "e820 entry");

/* DOMID_SELF or the caller's own id, or any domain for a privileged caller. */
static long lookup(struct domain *self, uint64_t arg, struct domain **out)
{
	pv_domid_t domid;

	if (copy_from_guest(&domid, arg, sizeof(domid)))
		return -PV_EFAULT;
	*out = domid == PV_DOMID_SELF ? self : domain_find(domid);
	if (!*out)
		return -PV_ESRCH;
	if (*out != self && !self->privileged)
		return -PV_EPERM;
	return 0;
}

static long reservation(struct domain *self, uint64_t arg, bool maximum)
{
	struct domain *d;
	long rc = lookup(self, arg, &d);

	if (rc)
		return rc;
	return (long)(maximum ? d->max_pages : d->nr_pages);
}

static long memory_map(struct domain *d, uint64_t arg)
{
	struct pv_memory_map map;
	struct e820_entry ram = { 0, d->nr_pages << 12, E820_RAM };

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -PV_EFAULT;
	if (map.nr_entries > 1)
		map.nr_entries = 1;
	if ((map.nr_entries && copy_to_guest(map.buffer, &ram, sizeof(ram))) ||
	    copy_to_guest(arg, &map, sizeof(map)))
		return -PV_EFAULT;
	return 0;
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_domain();

	uint64_t start_extent = cmd >> MEMOP_EXTENT_SHIFT;

	switch (cmd & MEMOP_CMD_MASK) {
	case PV_XENMEM_maximum_ram_page:
		return start_extent ? -PV_EINVAL : (long)frames_table_size();
	case PV_XENMEM_current_reservation:
		return start_extent ? -PV_EINVAL : reservation(d, arg, false);
	case PV_XENMEM_maximum_reservation:
		return start_extent ? -PV_EINVAL : reservation(d, arg, true);
	case PV_XENMEM_memory_map:
		return memory_map(d, arg);
	default:
		return -PV_ENOSYS;
	}
}
