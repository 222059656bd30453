/* What the credit scheduler's files (common/sched/) share; see sched.h. */
#ifndef SCHED_INTERNAL_H
#define SCHED_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

#define SCHED_NS_PER_MS 1000000ull
#define SCHED_CREDITS_PER_MS 10

/* The credits a vCPU burns in one time slice. */
int sched_credits_per_tslice(void);

/*
 * The run queue: runnable vCPUs that are not running, highest priority
 * first, first come first served within a priority.  A yielding vCPU goes
 * behind one more vCPU (of lower priority) if there is one.
 */
void runq_insert(struct vcpu *v);
void runq_remove(struct vcpu *v);
struct vcpu *runq_pop(void);
/* After accounting changed priorities: UNDER and BOOST ahead of OVER, keeping their order. */
void runq_sort(void);

/* Debits @v's running time up to @now (credit.c). */
void credit_debit(struct vcpu *v, uint64_t now);

/* Puts @v among those that earn credit at accounting. */
void credit_start_earning(struct vcpu *v);
void credit_stop_earning(struct vcpu *v);

/*
 * The accounting period ended: shares out one period of CPU time as
 * credit to the earning vCPUs by their domains' weights and caps, and
 * recomputes their priorities, parking and unparking vCPUs of capped
 * domains (sched_park/sched_unpark).  Returns false if no vCPU earns.
 */
bool credit_account(void);

/* Keeps @v off the CPU until sched_unpark(@v) (sched.c). */
void sched_park(struct vcpu *v);
void sched_unpark(struct vcpu *v);

#endif
