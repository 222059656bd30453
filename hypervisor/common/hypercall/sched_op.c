/*
 * sched_op: yield, block, poll (common/sched/block.c), shutdown (with the
 * reason logged and recorded), shutdown_code, and remote_shutdown for
 * privileged domains.  The watchdog and pin_override answer -PV_ENOSYS.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "sched.h"


static long shutdown(struct domain *d, uint64_t arg, bool code_only)
{
	struct pv_sched_shutdown s;

	if (copy_from_guest(&s, arg, sizeof(s)))
		return -PV_EFAULT;
	if (code_only) {
		/* As on Xen, the first code recorded is the one that counts. */
		if (!d->shutdown_code_set)
			d->shutdown_code = (uint8_t)s.reason;
		d->shutdown_code_set = true;
	} else {
		domain_shutdown(d, (uint8_t)s.reason);
	}
	return 0;
}

static long remote_shutdown(struct domain *d, uint64_t arg)
{
	struct pv_sched_remote_shutdown s;
	struct domain *target;

	if (copy_from_guest(&s, arg, sizeof(s)))
		return -PV_EFAULT;
	target = domain_find(s.domain_id);
	if (!target)
		return -PV_ESRCH;
	if (!d->privileged)
		return -PV_EPERM;
	domain_shutdown(target, (uint8_t)s.reason);
	return 0;
}

long do_sched_op(int cmd, uint64_t arg)
{
	struct domain *d = current_domain();

	switch (cmd) {
	case PV_SCHEDOP_yield:
		sched_vcpu_yield(calling_vcpu());
		return 0;
	case PV_SCHEDOP_block:
		sched_block(calling_vcpu());
		return 0;
	case PV_SCHEDOP_poll: {
		struct pv_sched_poll p;

		if (copy_from_guest(&p, arg, sizeof(p)))
			return -PV_EFAULT;
		return sched_poll(calling_vcpu(), p.ports, p.nr_ports, p.timeout);
	}
	case PV_SCHEDOP_shutdown:
		return shutdown(d, arg, false);
	case PV_SCHEDOP_shutdown_code:
		return shutdown(d, arg, true);
	case PV_SCHEDOP_remote_shutdown:
		return remote_shutdown(d, arg);
	default:
		return -PV_ENOSYS;
	}
}
