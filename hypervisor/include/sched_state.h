/*
 * The credit scheduler's state kept in each vCPU and domain (the
 * algorithm is in common/sched/; the API in sched.h).  Zeroed state is a
 * vCPU's start: no credit, priority UNDER, not accounted, not parked.
 */
#ifndef SCHED_STATE_H
#define SCHED_STATE_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* Xen credit1's time-share priorities, highest first. */
enum sched_priority {
	SCHED_PRI_BOOST = 1, /* woken from block: runs ahead of the busy */
	SCHED_PRI_UNDER = 0, /* has credit left */
	SCHED_PRI_OVER = -1, /* spent its credit: runs only when nothing UNDER waits */
};

struct sched_vcpu {
	struct vcpu *run_next; /* run queue link */
	bool on_run_queue;
	enum sched_priority pri;
	int credit;
	/* Earning credit at accounting: it ran at a tick since it last stopped earning. */
	bool active;
	/* Its capped domain overspent: kept off the CPU until credit comes back. */
	bool parked;
	bool yielding;
	uint64_t debited_until;	/* running time up to here has been debited */
	uint64_t debit_remainder; /* ns x credits/ms not yet a whole credit */
};

struct sched_domain {
	unsigned int weight; /* 1..65535 */
	unsigned int cap;    /* percent of one CPU, 0: uncapped */
};

#endif
