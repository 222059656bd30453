/*
 * Software timers on the one hardware one-shot timer (common/time/timers.c).
 * Active timers sit on a list sorted by expiry (ns, now() base; equal
 * expiries keep the order they were set in); the arch's one-shot timer
 * is always programmed for the first.  When it fires, timers_run() calls
 * every expired timer's function in expiry order, each taken off the list
 * first, so a function may set its own timer again (or any other).  The
 * scheduler's time slice and each vCPU's single-shot and periodic timers
 * are such timers.  One CPU, interrupts off: no locking.
 */
#ifndef TIMER_H
#define TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct timer {
	uint64_t expires;
	void (*fn)(void *data);
	void *data;
	struct timer *next;
	bool active;
};

/* Prepares @t (inactive) to call @fn(@data) when it expires. */
void timer_setup(struct timer *t, void (*fn)(void *data), void *data);

/* (Re)arms @t for @expires; a time already past fires at the next timers_run(). */
void timer_set(struct timer *t, uint64_t expires);

/* Disarms @t if it is armed. */
void timer_stop(struct timer *t);

static inline bool timer_active(const struct timer *t)
{
	return t->active;
}

/* Runs every timer expired at @now, then programs the arch timer for the next. */
void timers_run(uint64_t now);

/* The first armed expiry, or 0 if no timer is armed. */
uint64_t timers_next(void);

/* Arch: programs the one-shot timer to fire at @deadline (0: disarm). */
void arch_timer_program(uint64_t deadline);

#endif
