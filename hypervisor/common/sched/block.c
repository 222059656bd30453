/*
 * Blocking and polling (SCHEDOP_block, SCHEDOP_poll; see sched.h), as Xen
 * 4.17 does them.  A blocked vCPU is off the run queue in VCPU_BLOCKED
 * until arch_vcpu_kick() (an event for it), a poller check (a polled port
 * became pending) or its poll timeout makes it runnable again.  One CPU
 * with interrupts off while the hypervisor runs: the checks made after
 * marking the vCPU blocked cannot race with a wake-up.
 */
#include "arch/guest_access.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "sched.h"

#define POLL_MAX_PORTS 128 /* Xen's limit */

/* An event is waiting and the upcall is unmasked (Xen's local_events_need_delivery). */
static bool events_need_delivery(struct vcpu *v)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);

	return vi && vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask;
}

static void poll_end(struct vcpu *v)
{
	v->polling = false;
	v->poll_evtchn = 0;
	timer_stop(&v->poll_timer);
}

static void unblock(struct vcpu *v)
{
	poll_end(v);
	arch_vcpu_kick(v); /* makes a blocked vCPU runnable */
}

static void poll_timeout(void *data)
{
	struct vcpu *v = data;

	if (v->polling)
		unblock(v);
}

void sched_vcpu_init(struct vcpu *v)
{
	timer_setup(&v->poll_timer, poll_timeout, v);
}

void sched_vcpu_stop(struct vcpu *v)
{
	poll_end(v);
}

static void block(struct vcpu *v)
{
	v->state = VCPU_BLOCKED;
	sched_remove(v);
	request_reschedule();
}

void sched_block(struct vcpu *v)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);

	if (vi)
		vi->evtchn_upcall_mask = 0;
	if (events_need_delivery(v))
		return;
	block(v);
}

long sched_poll(struct vcpu *v, uint64_t ports, uint32_t nr_ports, uint64_t timeout)
{
	uint32_t port = 0;

	if (nr_ports > POLL_MAX_PORTS)
		return -PV_EINVAL;
	if (nr_ports && !guest_range_ok(ports, (uint64_t)nr_ports * sizeof(port)))
		return -PV_EFAULT;
	if (events_need_delivery(v))
		return 0;
	for (uint32_t i = 0; i < nr_ports; i++) {
		int rc;

		if (copy_from_guest(&port, ports + i * sizeof(port), sizeof(port)))
			return -PV_EFAULT;
		rc = evtchn_port_poll(v->domain, port);
		if (rc)
			return rc > 0 ? 0 : rc;
	}
	v->polling = true;
	v->poll_evtchn = nr_ports == 1 ? (int)port : -1;
	if (timeout)
		timer_set(&v->poll_timer, timeout);
	block(v);
	return 0;
}

void sched_check_pollers(struct domain *d, unsigned int port)
{
	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		struct vcpu *v = d->vcpus[i];

		if (v && v->polling && (v->poll_evtchn <= 0 || v->poll_evtchn == (int)port))
			unblock(v);
	}
}
