/*
 * vCPU scheduling: Xen credit1's credit scheduler on one CPU (see
 * common/sched/sched.c).  Each domain has a weight (share of the CPU
 * relative to the others, default 256) and a cap (at most this percent
 * of one CPU, 0 = none); its vCPUs earn credit in proportion to its
 * weight and spend it as they run.  Runnable vCPUs queue by priority:
 * BOOST (just woken from block), UNDER (credit left), OVER (none left);
 * a capped domain's vCPU that overspent is parked until it earns again.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

#define SCHED_DEFAULT_WEIGHT 256

/* The time slice: `sched_credit_tslice_ms=` (1..1000, as Xen), default 30 ms. */
unsigned int sched_tslice_ms(void);

/* Gives a new domain the default weight and no cap (domain_create). */
void sched_domain_init(struct domain *d);

/*
 * Sets @d's weight (1..65535) and cap (percent of one CPU, 0 for none, at
 * most 100 per vCPU, as Xen's toolstack checks): 0, or -PV_EINVAL.
 */
int sched_set_params(struct domain *d, unsigned int weight, unsigned int cap);

/*
 * Makes @v runnable: queues it if it is neither running nor queued nor
 * parked, boosted if it had credit left, and asks for a decision if it
 * is more urgent than the running vCPU.
 */
void sched_wake(struct vcpu *v);

/*
 * Takes @v off the CPU and the queue (it died or blocked), its running
 * time debited.  A dead one (VCPU_DOWN) also stops earning credit.
 */
void sched_remove(struct vcpu *v);

/* SCHEDOP_yield for @v (the caller): it requeues behind its priority's waiting vCPUs and one more. */
void sched_vcpu_yield(struct vcpu *v);

/*
 * Picks the vCPU to run after @current (the one running, or NULL): with
 * @rotate false, @current again if it may still run; else a decision:
 * @current keeps the CPU if it ran less than the rate limit (and is not
 * yielding), or goes back on the queue by priority, and the head of the
 * queue runs for a time slice.  Returns NULL when nothing can run.
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
