/*
 * vCPU guest timers (see vcpu_timer.h).
 */
#include "evtchn.h"
#include "hypercall-abi/event_channel.h"
#include "time.h"
#include "vcpu_timer.h"

void vcpu_send_timer_event(struct vcpu *v)
{
	evtchn_send_virq(v, PV_VIRQ_TIMER);
}

static void singleshot_fn(void *data)
{
	vcpu_send_timer_event(data);
}

void vcpu_periodic_work(struct vcpu *v)
{
	uint64_t t, next;

	if (!v->periodic_period)
		return;
	t = now();
	next = v->periodic_last_event + v->periodic_period;
	if (t >= next) {
		vcpu_send_timer_event(v);
		v->periodic_last_event = t;
		next = t + v->periodic_period;
	}
	timer_set(&v->periodic_timer, next);
}

static void periodic_fn(void *data)
{
	vcpu_periodic_work(data);
}

void vcpu_timers_init(struct vcpu *v)
{
	timer_setup(&v->singleshot_timer, singleshot_fn, v);
	timer_setup(&v->periodic_timer, periodic_fn, v);
	v->periodic_period = VCPU_PERIODIC_DEFAULT_NS;
	v->periodic_last_event = 0;
}

void vcpu_timers_stop(struct vcpu *v)
{
	timer_stop(&v->singleshot_timer);
	timer_stop(&v->periodic_timer);
	v->periodic_period = 0;
}

void vcpu_singleshot_set(struct vcpu *v, uint64_t expires)
{
	timer_set(&v->singleshot_timer, expires);
}

void vcpu_singleshot_stop(struct vcpu *v)
{
	timer_stop(&v->singleshot_timer);
}

void vcpu_periodic_set(struct vcpu *v, uint64_t period)
{
	timer_stop(&v->periodic_timer);
	v->periodic_period = period;
	if (period)
		vcpu_periodic_work(v);
}
