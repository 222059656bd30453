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

/* Asks for a scheduling decision at the next exit to a guest (arch). */
void request_reschedule(void);

#endif
