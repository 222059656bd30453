/*
 * grant_table_op(cmd, args, count), Xen 4.17's checks in Xen's order.
 *
 * The hypercall's own answer covers the call (bad count, bad pointer,
 * unknown sub-op); what went wrong with the domain or table named inside
 * is the per-op status (PV_GNTST_*), with 0 returned.  Implemented: the
 * table itself (setup_table, query_size, get_version, set_version for
 * version 1).  Version 2 is not: set_version(2) answers as Xen built with
 * gnttab=max-ver:1 (-ENOSYS, version 1 written back), and
 * get_status_frames, which only a version 2 table has frames for, gives
 * GNTST_general_error for any frame asked.  The mapping and copying
 * sub-ops answer -ENOSYS.
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "grant_table.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/grant_table.h"
#include "hypercall.h"

/*
 * Bits 12 and up of cmd carry a continuation's progress; only cache_flush
 * has any, so any other sub-op with them set is -EINVAL.
 */
#define GNTTABOP_CMD_MASK 0xfffu

/* Whether @curr may look at or set up @d's table (Xen's XSM_TARGET). */
static bool may_use(const struct domain *curr, const struct domain *d)
{
	return d == curr || curr->privileged;
}

/*
 * The domain whose table an op names, in *@d: PV_GNTST_okay, or the
 * status saying why the caller cannot have it.
 */
static int16_t table_owner(struct domain *curr, pv_domid_t domid, struct domain **d)
{
	*d = domain_by_any_id(curr, domid);
	if (!*d)
		return PV_GNTST_bad_domain;
	if (!may_use(curr, *d))
		return PV_GNTST_permission_denied;
	return PV_GNTST_okay;
}

/* The version @d's table is in (1 before it has one). */
static uint32_t table_version(const struct domain *d)
{
	return d->grant_table ? d->grant_table->version : 1;
}

/*
 * Ends an op that writes back only its status, at @status_va: 0, or
 * -EFAULT if it cannot be written.
 */
static long return_status(uint64_t status_va, int16_t status)
{
	return copy_to_guest(status_va, &status, sizeof(status)) ? -PV_EFAULT : 0;
}

/* @op's status for @curr; the named table's frames go to @op->frame_list. */
static int16_t setup_table(struct domain *curr, struct pv_gnttab_setup_table *op)
{
	struct domain *d;
	struct grant_table *gt;
	int16_t status = table_owner(curr, op->dom, &d);

	if (status != PV_GNTST_okay)
		return status;
	if (op->nr_frames > GRANT_TABLE_MAX_FRAMES)
		return PV_GNTST_general_error;
	gt = grant_table_get(d);
	if (!gt || grant_table_grow(d, op->nr_frames))
		return PV_GNTST_general_error;
	for (unsigned int i = 0; i < op->nr_frames; i++) {
		if (copy_to_guest(op->frame_list + i * sizeof(uint64_t), &gt->frames[i],
				  sizeof(uint64_t)))
			status = PV_GNTST_bad_virt_addr;
	}
	return status;
}

static long do_setup_table(struct domain *curr, uint64_t uop, unsigned int count)
{
	struct pv_gnttab_setup_table op;

	if (count != 1)
		return -PV_EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -PV_EFAULT;
	if (!guest_range_ok(op.frame_list, (uint64_t)op.nr_frames * sizeof(uint64_t)))
		return -PV_EFAULT;
	return return_status(uop + PV_OFFSETOF(struct pv_gnttab_setup_table, status),
			     setup_table(curr, &op));
}

static long do_query_size(struct domain *curr, uint64_t uop, unsigned int count)
{
	struct pv_gnttab_query_size op;
	struct domain *d;
	const struct grant_table *gt;

	if (count != 1)
		return -PV_EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -PV_EFAULT;
	op.status = table_owner(curr, op.dom, &d);
	if (op.status == PV_GNTST_okay) {
		gt = grant_table_get(d);
		if (gt) {
			op.nr_frames = gt->nr_frames;
			op.max_nr_frames = GRANT_TABLE_MAX_FRAMES;
		} else {
			op.status = PV_GNTST_general_error;
		}
	}
	if (copy_to_guest(uop, &op, sizeof(op)))
		return -PV_EFAULT;
	return 0;
}

static long do_set_version(struct domain *curr, uint64_t uop)
{
	struct pv_gnttab_set_version op;
	long rc = 0;

	if (copy_from_guest(&op, uop, sizeof(op)))
		return -PV_EFAULT;
	if (op.version != 1 && op.version != 2)
		rc = -PV_EINVAL;
	else if (op.version == 2)
		rc = -PV_ENOSYS;
	/* Version 1 is the only one a table can be in, so it stays as it is. */
	op.version = table_version(curr);
	if (copy_to_guest(uop, &op, sizeof(op)))
		return -PV_EFAULT;
	return rc;
}

static long do_get_version(struct domain *curr, uint64_t uop)
{
	struct pv_gnttab_get_version op;
	struct domain *d;

	if (copy_from_guest(&op, uop, sizeof(op)))
		return -PV_EFAULT;
	d = domain_by_any_id(curr, op.dom);
	if (!d)
		return -PV_ESRCH;
	if (!may_use(curr, d))
		return -PV_EPERM;
	op.version = table_version(d);
	if (copy_to_guest(uop + PV_OFFSETOF(struct pv_gnttab_get_version, version), &op.version,
			  sizeof(op.version)))
		return -PV_EFAULT;
	return 0;
}

/* A version 1 table has no status frames: any asked for is an error. */
static long do_get_status_frames(struct domain *curr, uint64_t uop, unsigned int count)
{
	struct pv_gnttab_get_status_frames op;
	struct domain *d;

	if (count != 1)
		return -PV_EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -PV_EFAULT;
	if (!guest_range_ok(op.frame_list, (uint64_t)op.nr_frames * sizeof(uint64_t)))
		return -PV_EFAULT;
	op.status = table_owner(curr, op.dom, &d);
	if (op.status == PV_GNTST_okay && op.nr_frames)
		op.status = PV_GNTST_general_error;
	return return_status(uop + PV_OFFSETOF(struct pv_gnttab_get_status_frames, status),
			     op.status);
}

long do_grant_table_op(unsigned int cmd, uint64_t uop, unsigned int count)
{
	struct domain *curr = current_domain();

	if ((int)count < 0)
		return -PV_EINVAL;
	if ((cmd & GNTTABOP_CMD_MASK) != PV_GNTTABOP_cache_flush && (cmd & ~GNTTABOP_CMD_MASK))
		return -PV_EINVAL;
	switch (cmd & GNTTABOP_CMD_MASK) {
	case PV_GNTTABOP_setup_table:
		return do_setup_table(curr, uop, count);
	case PV_GNTTABOP_query_size:
		return do_query_size(curr, uop, count);
	case PV_GNTTABOP_set_version:
		return do_set_version(curr, uop);
	case PV_GNTTABOP_get_version:
		return do_get_version(curr, uop);
	case PV_GNTTABOP_get_status_frames:
		return do_get_status_frames(curr, uop, count);
	default:
		/* Also map, unmap, transfer, copy, swap and cache_flush: not yet. */
		return -PV_ENOSYS;
	}
}
