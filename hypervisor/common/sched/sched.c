/*
 * Scheduling decisions on the one CPU, Xen credit1's way (see sched.h;
 * credit in credit.c, the queue in runqueue.c).  Three timers drive it:
 * the time slice (a decision at its end), the tick (a third of a slice
 * while a vCPU runs: it debits the running vCPU, ends its boost and makes
 * it earn credit), and the accounting period (one slice, while any vCPU
 * earns).  As on Xen, a vCPU keeps the CPU for at least the rate limit
 * (1 ms) unless it yields, blocks or is parked.
 */
#include <stddef.h>

#include "cmdline.h"
#include "hypercall-abi/errno.h"
#include "lib/string.h"
#include "sched.h"
#include "sched-internal.h"
#include "time.h"

#define TSLICE_DEFAULT_MS 30
#define TSLICE_MIN_MS 1	   /* Xen's XEN_SYSCTL_CSCHED_TSLICE_MIN */
#define TSLICE_MAX_MS 1000 /* and _MAX */
#define TICKS_PER_TSLICE 3
#define RATELIMIT_NS 1000000ull /* Xen's default sched_ratelimit_us=1000 */
#define MIN_SLICE_NS 100000ull	/* Xen's CSCHED_MIN_TIMER */
#define WEIGHT_MAX 65535

static unsigned int tslice_ms = TSLICE_DEFAULT_MS;

static int parse_tslice(const char *value)
{
	const char *end;
	unsigned long ms;

	if (parse_ulong(value, &end, &ms) || *end || ms < TSLICE_MIN_MS || ms > TSLICE_MAX_MS)
		return -1;
	tslice_ms = (unsigned int)ms;
	return 0;
}
BOOT_PARAM_CUSTOM("sched_credit_tslice_ms", parse_tslice);

unsigned int sched_tslice_ms(void)
{
	return tslice_ms;
}

int sched_credits_per_tslice(void)
{
	return SCHED_CREDITS_PER_MS * (int)tslice_ms;
}

static uint64_t tslice_ns(void)
{
	return tslice_ms * SCHED_NS_PER_MS;
}

static uint64_t tick_ns(void)
{
	return tslice_ns() / (tslice_ms < TICKS_PER_TSLICE ? 1 : TICKS_PER_TSLICE);
}

static uint64_t ratelimit_ns(void)
{
	return MIN(RATELIMIT_NS, tslice_ns());
}

static void slice_end(void *data);
static void tick(void *data);
static void account(void *data);

static struct timer slice_timer = { .fn = slice_end };
static struct timer tick_timer = { .fn = tick };
static struct timer account_timer = { .fn = account };

/* The vCPU sched_pick() last chose and since when it has run. */
static struct vcpu *running;
static uint64_t running_since;

static bool can_run(const struct vcpu *v)
{
	return v->state == VCPU_RUNNABLE && !v->sched.parked;
}

static void slice_end(void *data)
{
	(void)data;
	request_reschedule();
}

static void tick(void *data)
{
	struct vcpu *v = running;
	uint64_t t = now();

	(void)data;
	if (!v)
		return;
	/* Found running at a tick: it uses the CPU and has had its boost. */
	if (v->sched.pri == SCHED_PRI_BOOST)
		v->sched.pri = SCHED_PRI_UNDER;
	credit_debit(v, t);
	if (!v->sched.active) {
		credit_start_earning(v);
		if (!timer_active(&account_timer))
			timer_set(&account_timer, t + tslice_ns());
	}
	timer_set(&tick_timer, t + tick_ns());
}

static void account(void *data)
{
	(void)data;
	if (credit_account())
		timer_set(&account_timer, now() + tslice_ns());
}

/* @v became runnable: preempts the running vCPU if it is more urgent (Xen's tickle). */
static void tickle(const struct vcpu *v)
{
	if (!running || v->sched.pri > running->sched.pri)
		request_reschedule();
}

void sched_domain_init(struct domain *d)
{
	d->sched.weight = SCHED_DEFAULT_WEIGHT;
	d->sched.cap = 0;
}

int sched_set_params(struct domain *d, unsigned int weight, unsigned int cap)
{
	if (weight < 1 || weight > WEIGHT_MAX)
		return -PV_EINVAL;
	if (cap > 100 * MAX(d->vcpu_count, 1u))
		return -PV_EINVAL;
	d->sched.weight = weight;
	d->sched.cap = cap;
	return 0;
}

void sched_wake(struct vcpu *v)
{
	sched_vcpu_stop(v); /* a wake-up ends any poll */
	v->state = VCPU_RUNNABLE;
	if (v == running || v->sched.on_run_queue || v->sched.parked)
		return;
	if (v->sched.pri == SCHED_PRI_UNDER)
		v->sched.pri = SCHED_PRI_BOOST;
	runq_insert(v);
	tickle(v);
}

void sched_remove(struct vcpu *v)
{
	if (v == running) {
		credit_debit(v, now());
		running = NULL;
	}
	runq_remove(v);
	if (v->state == VCPU_DOWN) {
		credit_stop_earning(v);
		v->sched.parked = false;
	}
}

void sched_vcpu_yield(struct vcpu *v)
{
	v->sched.yielding = true;
	request_reschedule();
}

void sched_park(struct vcpu *v)
{
	v->sched.parked = true;
	runq_remove(v);
	if (v == running)
		request_reschedule();
}

void sched_unpark(struct vcpu *v)
{
	v->sched.parked = false;
	if (v->state == VCPU_RUNNABLE && v != running) {
		runq_insert(v);
		tickle(v);
	}
}

struct vcpu *sched_pick(struct vcpu *current, bool rotate)
{
	struct vcpu *prev = current == running ? current : NULL, *next;
	bool keep = prev && can_run(prev);
	uint64_t t;

	if (keep && !rotate)
		return prev;
	t = now();
	if (prev) {
		uint64_t ran = t - running_since;

		credit_debit(prev, t);
		if (keep && !prev->sched.yielding && ran < ratelimit_ns()) {
			timer_set(&slice_timer, t + MAX(ratelimit_ns() - ran, MIN_SLICE_NS));
			return prev;
		}
		if (keep)
			runq_insert(prev);
		prev->sched.yielding = false;
	}
	next = runq_pop();
	if (next != prev)
		running_since = t;
	running = next;
	if (!next) {
		timer_stop(&slice_timer);
		timer_stop(&tick_timer);
		return NULL;
	}
	next->sched.debited_until = t;
	timer_set(&slice_timer, t + tslice_ns());
	if (!timer_active(&tick_timer))
		timer_set(&tick_timer, t + tick_ns());
	return next;
}
