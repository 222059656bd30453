/*
 * vcpu_op (hypercall 24) with Xen 4.17's rules.  The vCPU must exist in
 * the calling domain (-ENOENT), then per sub-op:
 *  - initialise: the context is read (-EFAULT), a vCPU given one before
 *    is -EEXIST, then the arch checks (arch/pv_vcpu.h); up: -EINVAL for a
 *    vCPU never initialised, else it becomes runnable if it was down;
 *    down: the last vCPU up going down powers the domain off (as Xen), any
 *    other stops until brought up again (a vCPU downing itself returns
 *    from the hypercall only then); is_up.
 *  - Timers: set/stop_singleshot_timer act only on the calling vCPU
 *    (-EINVAL otherwise); a single-shot time already past sends the timer
 *    event at once (Xen 4.17 ignores VCPU_SSHOTTMR_future: no -ETIME); a
 *    periodic period under 1 ms or above 2^62 ns is -EINVAL.
 *  - Runstate: get_runstate_info; register_runstate_memory_area (an
 *    address outside guest space is -EFAULT; the area gets a copy at
 *    once and at every change, see runstate.h).
 *  - register_vcpu_info (vcpu_info.h); send_nmi (the argument must be
 *    NULL, else -EINVAL; the NMI is delivered through the guest's NMI
 *    callback); get_physid, see below.
 *  - register_vcpu_time_memory_area: as for the runstate area, an
 *    address outside guest space is -EFAULT; the vCPU's time record is
 *    copied there at once and whenever it is refreshed.
 *  - Anything else: -ENOSYS.
 */
#include "arch/guest_access.h"
#include "arch/pv_vcpu.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/vcpu.h"
#include "hypercall.h"
#include "pcpu.h"
#include "evtchn.h"
#include "heap.h"
#include "pvclock.h"
#include "runstate.h"
#include "sched.h"
#include "time.h"
#include "vcpu_info.h"
#include "vcpu_timer.h"

static void sync_runstate(struct vcpu *v)
{
	runstate_sync(v, v == calling_vcpu(), now());
}

static long up(struct vcpu *v)
{
	if (!v->initialised)
		return -PV_EINVAL;
	if (v->state == VCPU_DOWN) {
		sched_wake(v);
		sync_runstate(v);
		request_reschedule();
	}
	return 0;
}

static long initialise(struct vcpu *v, uint64_t arg)
{
	struct pv_vcpu_guest_context *c = xmalloc(sizeof(*c));
	long rc;

	if (!c)
		return -PV_ENOMEM;
	if (copy_from_guest(c, arg, sizeof(*c)))
		rc = -PV_EFAULT;
	else if (v->initialised)
		rc = -PV_EEXIST;
	else
		rc = pv_vcpu_initialise(v, c);
	if (!rc && (c->flags & PV_VGCF_online))
		up(v);
	xfree(c);
	return rc;
}

static bool others_up(const struct vcpu *v)
{
	const struct domain *d = v->domain;

	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		if (i != v->id && d->vcpus[i] && d->vcpus[i]->state != VCPU_DOWN)
			return true;
	}
	return false;
}

static long down(struct vcpu *v)
{
	if (!others_up(v)) {
		domain_shutdown(v->domain, PV_SHUTDOWN_poweroff);
		return 0;
	}
	if (v->state != VCPU_DOWN) {
		sched_vcpu_stop(v);
		sched_remove(v);
		v->state = VCPU_DOWN;
		sync_runstate(v);
		request_reschedule();
	}
	return 0;
}

/*
 * Sets *@area to the guest address in the register_*_memory_area argument
 * at @arg: -PV_EFAULT (*@area unchanged) if it is unreadable or @size
 * bytes there are not guest memory.  (Both arguments are one pointer.)
 */
static long read_area(uint64_t arg, size_t size, uint64_t *area)
{
	uint64_t addr;

	_Static_assert(sizeof(struct pv_vcpu_register_runstate_memory_area) == sizeof(addr) &&
			       sizeof(struct pv_vcpu_register_time_memory_area) == sizeof(addr),
		       "a memory-area argument is one guest pointer");
	if (copy_from_guest(&addr, arg, sizeof(addr)) || !guest_range_ok(addr, size))
		return -PV_EFAULT;
	*area = addr;
	return 0;
}

static long register_runstate_area(struct vcpu *v, uint64_t arg)
{
	if (read_area(arg, sizeof(struct pv_vcpu_runstate_info), &v->runstate_guest))
		return -PV_EFAULT;
	sync_runstate(v);
	runstate_publish(v);
	return 0;
}

static long get_runstate(struct vcpu *v, uint64_t arg)
{
	struct pv_vcpu_runstate_info info;

	sync_runstate(v);
	runstate_get(v, now(), &info);
	return copy_to_guest(arg, &info, sizeof(info)) ? -PV_EFAULT : 0;
}

static long register_vcpu_info(struct vcpu *v, uint64_t arg)
{
	struct pv_vcpu_register_vcpu_info info;
	long rc;

	if (copy_from_guest(&info, arg, sizeof(info)))
		return -PV_EFAULT;
	rc = vcpu_info_register(v, info.mfn, info.offset);
	pvclock_update_vcpu(v);
	return rc;
}

static long register_time_area(struct vcpu *v, uint64_t arg)
{
	if (read_area(arg, sizeof(struct pv_vcpu_time_info), &v->time_area_guest))
		return -PV_EFAULT;
	pvclock_update_vcpu(v);
	return 0;
}

static long send_nmi(struct vcpu *v, uint64_t arg)
{
	if (arg)
		return -PV_EINVAL;
	if (!v->nmi_pending) {
		v->nmi_pending = true;
		arch_vcpu_kick(v);
	}
	return 0;
}

static long timer_op(int cmd, struct vcpu *v, uint64_t arg)
{
	switch (cmd) {
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

/*
 * Xen answers for the hardware domain's vCPUs whose hard affinity is one
 * physical CPU, which on Ringvisor's single CPU all are; others get
 * -EINVAL.  As Xen, it reports the physical CPU numbered as the vCPU (APIC
 * id, ACPI id << 32): all ones for vCPUs past the last CPU.
 */
static long get_physid(const struct vcpu *v, uint64_t arg)
{
	struct pv_vcpu_get_physid id = { .phys_id = ~0ull };
	struct pcpu_identity cpu;

	if (!v->domain->privileged)
		return -PV_EINVAL;
	if (v->id < PCPU_COUNT) {
		pcpu_identify(&cpu);
		id.phys_id = cpu.apic_id | (uint64_t)cpu.acpi_id << 32;
	}
	return copy_to_guest(arg, &id, sizeof(id)) ? -PV_EFAULT : 0;
}

long do_vcpu_op(int cmd, unsigned int vcpuid, uint64_t arg)
{
	struct vcpu *v = domain_vcpu(current_domain(), vcpuid);

	if (!v)
		return -PV_ENOENT;
	switch (cmd) {
	case PV_VCPUOP_initialise:
		return initialise(v, arg);
	case PV_VCPUOP_up:
		return up(v);
	case PV_VCPUOP_down:
		return down(v);
	case PV_VCPUOP_is_up:
		return v->state != VCPU_DOWN;
	case PV_VCPUOP_get_runstate_info:
		return get_runstate(v, arg);
	case PV_VCPUOP_register_runstate_memory_area:
		return register_runstate_area(v, arg);
	case PV_VCPUOP_register_vcpu_info:
		return register_vcpu_info(v, arg);
	case PV_VCPUOP_send_nmi:
		return send_nmi(v, arg);
	case PV_VCPUOP_get_physid:
		return get_physid(v, arg);
	case PV_VCPUOP_register_vcpu_time_memory_area:
		return register_time_area(v, arg);
	default:
		return timer_op(cmd, v, arg);
	}
}
