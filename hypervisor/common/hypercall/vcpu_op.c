/*
 * vcpu_op (hypercall 24), the timer sub-ops and is_up, with Xen 4.17's
 * rules: the vCPU must exist in the calling domain (-ENOENT);
 * set/stop_singleshot_timer act only on the calling vCPU (-EINVAL
 * otherwise); a single-shot time already past sends the timer event at
 * once (Xen 4.17 ignores VCPU_SSHOTTMR_future: no -ETIME); a periodic
 * period under 1 ms or above 2^62 ns is -EINVAL.  Other sub-ops answer
 * -ENOSYS for now.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/vcpu.h"
#include "hypercall.h"
#include "time.h"
#include "vcpu_timer.h"

long do_vcpu_op(int cmd, unsigned int vcpuid, uint64_t arg)
{
	struct domain *d = current_domain();
	struct vcpu *v = vcpuid < DOMAIN_MAX_VCPUS ? d->vcpus[vcpuid] : NULL;

	if (!v)
		return -PV_ENOENT;
	switch (cmd) {
	case PV_VCPUOP_is_up:
		return v->state != VCPU_DOWN;
	case PV_VCPUOP_set_periodic_timer: {
		struct pv_vcpu_set_periodic_timer set;

		if (copy_from_guest(&set, arg, sizeof(set)))
			return -PV_EFAULT;
		if (set.period_ns < VCPU_PERIODIC_MIN_NS || set.period_ns > VCPU_PERIODIC_MAX_NS)
			return -PV_EINVAL;
		vcpu_periodic_set(v, set.period_ns);
		return 0;
	}
	case PV_VCPUOP_stop_periodic_timer:
		vcpu_periodic_set(v, 0);
		return 0;
	case PV_VCPUOP_set_singleshot_timer: {
		struct pv_vcpu_set_singleshot_timer set;

		if (v != calling_vcpu())
			return -PV_EINVAL;
		if (copy_from_guest(&set, arg, sizeof(set)))
			return -PV_EFAULT;
		if (set.timeout_abs_ns < now()) {
			vcpu_singleshot_stop(v);
			vcpu_send_timer_event(v);
			return 0;
		}
		vcpu_singleshot_set(v, set.timeout_abs_ns);
		return 0;
	}
	case PV_VCPUOP_stop_singleshot_timer:
		if (v != calling_vcpu())
			return -PV_EINVAL;
		vcpu_singleshot_stop(v);
		return 0;
	default:
		return -PV_ENOSYS;
	}
}
