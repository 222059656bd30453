/*
 * hvm_op (hypercall 34) as Xen 4.17 answers a PV caller on a machine with
 * no HVM domains, which is every Ringvisor machine: the checks Xen makes
 * before it needs an HVM domain, in its order, then the error it gives
 * for a domain that is not one.
 *
 *  - set_param, get_param: the argument is read (-EFAULT), the index
 *    checked (-EINVAL), the domain found by any id (-ESRCH); then -EINVAL.
 *  - get_mem_type: read, domain found, another domain only for the
 *    privileged caller (-EPERM); then -EINVAL.
 *  - pagetable_dying: read, domain found; another domain -EOPNOTSUPP, the
 *    caller's own -EINVAL.
 *  - flush_tlbs and set_evtchn_upcall_vector are for HVM callers: -EINVAL.
 *  - get_time works for anyone: the system time in ns.
 *  - xentrace: a record with no class bits and at most 28 bytes is taken
 *    (and dropped: there is no trace buffer), else -EINVAL.
 *  - guest_request_vm_event: with a null argument nothing is monitoring
 *    the domain, so nothing happens; otherwise -EINVAL.
 *  - altp2m needs hardware support for HVM: -EOPNOTSUPP.
 *  - Anything else: -ENOSYS.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hvm_op.h"
#include "hypercall.h"
#include "time.h"

static long param(struct domain *self, uint64_t arg)
{
	struct pv_hvm_param p;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -PV_EFAULT;
	if (p.index >= PV_HVM_NR_PARAMS)
		return -PV_EINVAL;
	return domain_by_any_id(self, p.domid) ? -PV_EINVAL : -PV_ESRCH;
}

static long get_mem_type(struct domain *self, uint64_t arg)
{
	struct pv_hvm_get_mem_type t;
	struct domain *d;

	if (copy_from_guest(&t, arg, sizeof(t)))
		return -PV_EFAULT;
	d = domain_by_any_id(self, t.domid);
	if (!d)
		return -PV_ESRCH;
	return d == self || self->privileged ? -PV_EINVAL : -PV_EPERM;
}

static long pagetable_dying(struct domain *self, uint64_t arg)
{
	struct pv_hvm_pagetable_dying p;
	struct domain *d;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -PV_EFAULT;
	d = domain_by_any_id(self, p.domid);
	if (!d)
		return -PV_ESRCH;
	return d == self ? -PV_EINVAL : -PV_EOPNOTSUPP;
}

static long get_time(uint64_t arg)
{
	struct pv_hvm_get_time t = { .now = now() };

	return copy_to_guest(arg, &t, sizeof(t)) ? -PV_EFAULT : 0;
}

static long xentrace(uint64_t arg)
{
	struct pv_hvm_xentrace tr;

	if (copy_from_guest(&tr, arg, sizeof(tr)))
		return -PV_EFAULT;
	if (tr.extra_bytes > sizeof(tr.extra) || tr.event >> PV_TRC_SUBCLS_SHIFT)
		return -PV_EINVAL;
	return 0;
}

long do_hvm_op(uint64_t op, uint64_t arg)
{
	struct domain *self = current_domain();

	switch (op) {
	case PV_HVMOP_set_param:
	case PV_HVMOP_get_param:
		return param(self, arg);
	case PV_HVMOP_flush_tlbs:
	case PV_HVMOP_set_evtchn_upcall_vector:
		return -PV_EINVAL;
	case PV_HVMOP_get_mem_type:
		return get_mem_type(self, arg);
	case PV_HVMOP_pagetable_dying:
		return pagetable_dying(self, arg);
	case PV_HVMOP_get_time:
		return get_time(arg);
	case PV_HVMOP_xentrace:
		return xentrace(arg);
	case PV_HVMOP_guest_request_vm_event:
		return arg ? -PV_EINVAL : 0;
	case PV_HVMOP_altp2m:
		return -PV_EOPNOTSUPP;
	default:
		return -PV_ENOSYS;
	}
}
