/*
 * A vCPU's guest timers (common/time/vcpu_timer.c), as Xen 4.17 has them:
 * a single-shot timer (set_timer_op, VCPUOP_set/stop_singleshot_timer)
 * and a periodic one (VCPUOP_set/stop_periodic_timer; PV vCPUs start with
 * a 10 ms period, which a guest that uses the single-shot timer stops).
 * Both raise VIRQ_TIMER on the vCPU.  The periodic timer is (re)armed
 * when the vCPU is scheduled in and each time it fires: an event is sent
 * once a full period has passed since the last one.
 */
#ifndef VCPU_TIMER_H
#define VCPU_TIMER_H

#include <stdint.h>

#include "domain.h"

#define VCPU_PERIODIC_DEFAULT_NS 10000000ull /* Xen's default for PV vCPUs */
#define VCPU_PERIODIC_MIN_NS 1000000ull	    /* shorter periods: -EINVAL */
#define VCPU_PERIODIC_MAX_NS (~0ull >> 2)   /* longer ones: -EINVAL (STIME_DELTA_MAX) */

/* Prepares @v's timers (vcpu_create). */
void vcpu_timers_init(struct vcpu *v);

/* Stops @v's timers (its domain died). */
void vcpu_timers_stop(struct vcpu *v);

/* Arms the single-shot timer at @expires (ns, system time). */
void vcpu_singleshot_set(struct vcpu *v, uint64_t expires);
void vcpu_singleshot_stop(struct vcpu *v);

/* Sets the periodic timer's period (0 stops it). */
void vcpu_periodic_set(struct vcpu *v, uint64_t period);

/* @v is being scheduled in: sends a due periodic event and re-arms. */
void vcpu_periodic_work(struct vcpu *v);

/* Raises VIRQ_TIMER on @v. */
void vcpu_send_timer_event(struct vcpu *v);

#endif
