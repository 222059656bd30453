/*
 * vCPU scheduling, round robin for now: runnable vCPUs wait on one queue;
 * the running one keeps the CPU until it yields, blocks, dies or its time
 * slice ends.  Issue 6 brings the credit scheduler.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

#define SCHED_SLICE_NS 10000000ull

/* Makes @v runnable (queues it if it is not running). */
void sched_wake(struct vcpu *v);

/* Takes @v off the CPU and the queue (it died or blocked). */
void sched_remove(struct vcpu *v);

/*
 * Picks the vCPU to run after @current (NULL if none runs): @current
 * again if it is runnable and may keep the CPU (@rotate false), else the
 * first queued vCPU, @current going to the back of the queue.  Returns
 * NULL when nothing is runnable.
 */
struct vcpu *sched_pick(struct vcpu *current, bool rotate);

/*
 * SCHEDOP_block for @v (the caller): unmasks its event upcall and blocks
 * it unless an event is already waiting for delivery (Xen's
 * vcpu_block_enable_events).  Any event that reaches the vCPU
 * (arch_vcpu_kick) or its timers wakes it.
 */
void sched_block(struct vcpu *v);

/*
 * SCHEDOP_poll for @v (the caller) on the @nr_ports ports at guest
 * address @ports, until absolute system time @timeout (0: none), with
 * Xen's rules: -PV_EINVAL for more than 128 ports or a port that is not
 * in use, -PV_EFAULT for an unreadable list; returns 0 at once if an
 * event waits for delivery or a listed port is pending, else blocks until
 * one of them (any port if several are listed, as Xen) becomes pending,
 * an event is delivered, or the timeout passes.  Poll timers are armed
 * with @v's poll_timer, set up by sched_vcpu_init().
 */
long sched_poll(struct vcpu *v, uint64_t ports, uint32_t nr_ports, uint64_t timeout);

/* Port @port of @d became pending: wakes the vCPUs polling for it. */
void sched_check_pollers(struct domain *d, unsigned int port);

/* Prepares @v's poll timer (vcpu_create); stops it (domain death). */
void sched_vcpu_init(struct vcpu *v);
void sched_vcpu_stop(struct vcpu *v);

/* Asks for a scheduling decision at the next exit to a guest (arch). */
void request_reschedule(void);

#endif
