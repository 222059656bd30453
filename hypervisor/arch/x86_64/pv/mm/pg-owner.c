/*
 * The page owner a page-table hypercall names (its foreigndom argument),
 * looked up as Xen's get_pg_owner does.  Shared by mmu_update and
 * mmuext_op.
 */
#include "hypercall-abi/errno.h"
#include "hypercall-abi/types.h"
#include "mm-internal.h"

int pv_lookup_pg_owner(const struct domain *d, uint16_t domid, bool *foreign)
{
	/* The caller names itself as DOMID_SELF only. */
	if (domid == d->domid)
		return -PV_ESRCH;
	if (domid != PV_DOMID_SELF && domid != PV_DOMID_IO && domid != PV_DOMID_XEN &&
	    !domain_find(domid))
		return -PV_ESRCH;
	*foreign = domid != PV_DOMID_SELF;
	return 0;
}
