/*
 * Tests for the credit scheduler (hypervisor/common/sched/).
 *
 * Most run a model CPU over simulated time: in 100 us steps it runs the
 * vCPU sched_pick() chose, advances the host clock (host_now), runs the
 * software timers as the timer interrupt would, plays each vCPU's
 * workload (always busy, or running in bursts and blocking between
 * them), and picks again the way the exit path does, rotating when a
 * reschedule was requested.  Every test kills and reaps its domains and
 * lets the scheduler's timers run out, leaving nothing queued or armed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "sched.h"
#include "timer.h"

#define STEP_NS 100000ull
#define MS 1000000ull
#define SIM_MAX 4

struct sim_vcpu {
	struct vcpu *v;
	uint64_t ran_ns;
	/* Bursty workload: runs burst_ns, then blocks for sleep_ns (busy if burst_ns is 0). */
	uint64_t burst_ns, sleep_ns;
	uint64_t in_burst_ns, wake_at;
	/* Wake-up to running: the start of the current wait and the longest seen. */
	bool waiting;
	uint64_t woke_at, max_latency_ns;
};

struct sim {
	struct sim_vcpu vc[SIM_MAX];
	unsigned int n;
	struct vcpu *cur;
	unsigned int seen_reschedules;
	uint64_t idle_ns;
};

static uint16_t next_domid = 300;

static void sim_start(struct sim *s)
{
	*s = (struct sim){ .seen_reschedules = host_reschedules };
	host_now += 1000 * MS;
	CHECK(sched_pick(NULL, false) == NULL);
}

/* Adds a domain of one vCPU with @weight and @cap, woken; returns its index. */
static unsigned int sim_add(struct sim *s, unsigned int weight, unsigned int cap)
{
	struct domain *d = domain_create(next_domid++, "sched", false);
	struct sim_vcpu *sv = &s->vc[s->n];

	CHECK(d != NULL && s->n < SIM_MAX);
	if (!d || s->n >= SIM_MAX)
		abort();
	d->state = DOMAIN_RUNNING;
	sv->v = vcpu_create(d, 0);
	CHECK(sv->v != NULL);
	if (!sv->v)
		abort();
	CHECK_EQ(sched_set_params(d, weight, cap), 0);
	sched_wake(sv->v);
	return s->n++;
}

/* Adds a second vCPU to the domain of vCPU @i, woken; returns its index. */
static unsigned int sim_add_sibling(struct sim *s, unsigned int i)
{
	struct sim_vcpu *sv = &s->vc[s->n];

	CHECK(s->n < SIM_MAX);
	if (s->n >= SIM_MAX)
		abort();
	sv->v = vcpu_create(s->vc[i].v->domain, 1);
	CHECK(sv->v != NULL);
	if (!sv->v)
		abort();
	sched_wake(sv->v);
	return s->n++;
}

static struct sim_vcpu *find(struct sim *s, const struct vcpu *v)
{
	for (unsigned int i = 0; i < s->n; i++) {
		if (s->vc[i].v == v)
			return &s->vc[i];
	}
	return NULL;
}

static void sim_step(struct sim *s)
{
	struct sim_vcpu *running = find(s, s->cur);
	bool rotate;

	host_now += STEP_NS;
	if (running) {
		running->ran_ns += STEP_NS;
		running->in_burst_ns += STEP_NS;
	} else {
		CHECK(s->cur == NULL);
		s->idle_ns += STEP_NS;
	}
	timers_run(host_now);
	for (unsigned int i = 0; i < s->n; i++) {
		struct sim_vcpu *sv = &s->vc[i];

		if (sv == running && sv->burst_ns && sv->in_burst_ns >= sv->burst_ns) {
			sv->in_burst_ns = 0;
			sv->wake_at = host_now + sv->sleep_ns;
			sched_block(sv->v);
		} else if (sv->v->state == VCPU_BLOCKED && host_now >= sv->wake_at) {
			sched_wake(sv->v);
			sv->waiting = true;
			sv->woke_at = host_now;
		}
	}
	rotate = host_reschedules != s->seen_reschedules;
	s->seen_reschedules = host_reschedules;
	s->cur = sched_pick(s->cur, rotate);
	running = find(s, s->cur);
	if (running && running->waiting) {
		running->waiting = false;
		if (host_now - running->woke_at > running->max_latency_ns)
			running->max_latency_ns = host_now - running->woke_at;
	}
}

/* Runs @ns of simulated time; returns what each vCPU ran in it (ns), in @ran. */
static void sim_run(struct sim *s, uint64_t ns, uint64_t *ran)
{
	uint64_t before[SIM_MAX];

	for (unsigned int i = 0; i < s->n; i++)
		before[i] = s->vc[i].ran_ns;
	for (uint64_t t = 0; t < ns; t += STEP_NS)
		sim_step(s);
	for (unsigned int i = 0; ran && i < s->n; i++)
		ran[i] = s->vc[i].ran_ns - before[i];
}

static void sim_end(struct sim *s)
{
	unsigned int rounds = 0;

	unsigned int domains = 0;

	for (unsigned int i = 0; i < s->n; i++) {
		domains += s->vc[i].v->id == 0; /* every domain has a vCPU 0 */
		domain_destroy(s->vc[i].v->domain);
	}
	s->cur = sched_pick(s->cur, true);
	CHECK(s->cur == NULL);
	/* Nothing runs: the tick and the accounting stop by themselves. */
	while (timers_next() && rounds++ < 10) {
		host_now += 100 * MS;
		timers_run(host_now);
	}
	CHECK_EQ(timers_next(), 0);
	CHECK_EQ(domain_reap(), domains);
}

/* @ran out of @total is within @tolerance (percent) of @want percent. */
static bool share_near(uint64_t ran, uint64_t total, unsigned int want, unsigned int tolerance)
{
	uint64_t pct100 = ran * 10000 / total; /* hundredths of a percent */

	return pct100 + tolerance * 100 >= want * 100 && pct100 <= (want + tolerance) * 100;
}

static void check_weights(const unsigned int *weights, unsigned int n)
{
	struct sim s;
	uint64_t ran[SIM_MAX], total = 0;
	unsigned int weight_sum = 0;

	sim_start(&s);
	for (unsigned int i = 0; i < n; i++) {
		sim_add(&s, weights[i], 0);
		weight_sum += weights[i];
	}
	sim_run(&s, 300 * MS, NULL); /* settle */
	sim_run(&s, 6000 * MS, ran);
	for (unsigned int i = 0; i < n; i++)
		total += ran[i];
	CHECK_EQ(total, 6000 * MS);
	for (unsigned int i = 0; i < n; i++) {
		unsigned int want = weights[i] * 100 / weight_sum;

		if (!share_near(ran[i], total, want, 3))
			unit_fail_values(__FILE__, __LINE__, "share (0.01%) near weight's",
					 (long long)(ran[i] * 10000 / total), want * 100);
	}
	sim_end(&s);
}

TEST(sched_shares_follow_weights)
{
	static const unsigned int two[] = { 512, 256 };
	static const unsigned int three[] = { 256, 256, 512 };
	static const unsigned int four[] = { 100, 200, 300, 400 };

	check_weights(two, 2);
	check_weights(three, 3);
	check_weights(four, 4);
}

TEST(sched_cap_limits_even_on_idle_cpu)
{
	struct sim s;
	uint64_t ran[SIM_MAX];
	bool parked_seen = false;

	/* Alone: the CPU idles rather than run it past its cap. */
	sim_start(&s);
	sim_add(&s, 256, 25);
	for (unsigned int i = 0; i < 3000; i++) {
		sim_step(&s);
		parked_seen |= s.vc[0].v->sched.parked;
	}
	CHECK(parked_seen);
	sim_run(&s, 3000 * MS, ran);
	CHECK(share_near(ran[0], 3000 * MS, 22, 4));
	CHECK(s.idle_ns > 2000 * MS);
	sim_end(&s);

	/* Beside a busy uncapped one with less weight. */
	sim_start(&s);
	sim_add(&s, 1024, 25);
	sim_add(&s, 256, 0);
	sim_run(&s, 300 * MS, NULL);
	sim_run(&s, 3000 * MS, ran);
	CHECK(share_near(ran[0], 3000 * MS, 22, 4));
	CHECK(share_near(ran[1], 3000 * MS, 74, 4));
	sim_end(&s);
}

/* As on Xen, a domain's weight counts once per busy vCPU; its cap once for all. */
TEST(sched_domain_with_two_vcpus)
{
	struct sim s;
	uint64_t ran[SIM_MAX];

	sim_start(&s);
	sim_add(&s, 256, 0);
	sim_add_sibling(&s, 0);
	sim_add(&s, 256, 0);
	sim_run(&s, 300 * MS, NULL);
	sim_run(&s, 6000 * MS, ran);
	CHECK(share_near(ran[0] + ran[1], 6000 * MS, 66, 3));
	CHECK(share_near(ran[0], 6000 * MS, 33, 3));
	CHECK(share_near(ran[2], 6000 * MS, 33, 3));
	sim_end(&s);

	sim_start(&s);
	sim_add(&s, 256, 50);
	sim_add_sibling(&s, 0);
	sim_run(&s, 300 * MS, NULL);
	sim_run(&s, 3000 * MS, ran);
	CHECK(share_near(ran[0] + ran[1], 3000 * MS, 46, 5));
	CHECK(share_near(ran[0], 3000 * MS, 23, 5));
	sim_end(&s);
}

TEST(sched_boost_preempts_busy_vcpu)
{
	struct sim s;
	uint64_t ran[SIM_MAX];
	unsigned int io;

	sim_start(&s);
	sim_add(&s, 256, 0);
	io = sim_add(&s, 256, 0);
	s.vc[io].burst_ns = 500000;
	s.vc[io].sleep_ns = 4500000;
	sim_run(&s, 300 * MS, NULL);
	s.vc[io].max_latency_ns = 0;
	sim_run(&s, 2000 * MS, ran);
	/* It runs within the rate limit (1 ms) of every wake-up, not a 30 ms slice later. */
	CHECK(s.vc[io].max_latency_ns <= 1 * MS + STEP_NS);
	CHECK(share_near(ran[io], 2000 * MS, 9, 2));
	CHECK(share_near(ran[0], 2000 * MS, 89, 2));
	sim_end(&s);
}

TEST(sched_boost_cannot_monopolise)
{
	struct sim s;
	uint64_t ran[SIM_MAX];

	sim_start(&s);
	sim_add(&s, 256, 0);
	sim_run(&s, 100 * MS, NULL);
	/* A second vCPU wakes boosted, takes the CPU, and never blocks again. */
	sim_add(&s, 256, 0);
	CHECK_EQ(s.vc[1].v->sched.pri, SCHED_PRI_BOOST);
	sim_run(&s, 2 * MS, NULL);
	CHECK(s.cur == s.vc[1].v);
	sim_run(&s, 20 * MS, NULL);
	CHECK(s.vc[1].v->sched.pri != SCHED_PRI_BOOST);
	sim_run(&s, 3000 * MS, ran);
	CHECK(share_near(ran[0], 3000 * MS, 47, 6));
	CHECK(share_near(ran[1], 3000 * MS, 47, 6));
	sim_end(&s);
}

TEST(sched_nobody_starves)
{
	static const unsigned int weights[] = { 64, 256, 1024, 256 };
	struct sim s;
	uint64_t ran[SIM_MAX], io_latency;

	sim_start(&s);
	for (unsigned int i = 0; i < 4; i++)
		sim_add(&s, weights[i], 0);
	/* The last one does I/O: 3 ms bursts, 7 ms asleep. */
	s.vc[3].burst_ns = 3 * MS;
	s.vc[3].sleep_ns = 7 * MS;
	sim_run(&s, 300 * MS, NULL);
	s.vc[3].max_latency_ns = 0;
	/* Each busy one runs in every second; the lightest gets about its 4.8%. */
	for (unsigned int window = 0; window < 5; window++) {
		sim_run(&s, 1000 * MS, ran);
		for (unsigned int i = 0; i < s.n; i++) {
			if (!ran[i])
				unit_fail_values(__FILE__, __LINE__, "vCPU ran in the window", i, -1);
		}
		CHECK(share_near(ran[0], 1000 * MS, 5, 3));
	}
	io_latency = s.vc[3].max_latency_ns;
	CHECK(io_latency <= 1 * MS + STEP_NS);
	sim_end(&s);
}

static void end_queued(struct vcpu **v, unsigned int n)
{
	struct sim s = { .n = n };

	for (unsigned int i = 0; i < n; i++)
		s.vc[i].v = v[i];
	sim_end(&s);
}

/* A queued vCPU of a new domain whose priority was @pri before it woke. */
static struct vcpu *queued_with(enum sched_priority pri)
{
	struct domain *d = domain_create(next_domid++, "q", false);
	struct vcpu *v = d ? vcpu_create(d, 0) : NULL;

	CHECK(v != NULL);
	if (!v)
		abort();
	d->state = DOMAIN_RUNNING;
	v->sched.pri = pri;
	sched_wake(v);
	CHECK(v->sched.on_run_queue);
	return v;
}

TEST(sched_queue_fifo_rate_limit_and_yield)
{
	struct vcpu *v[3];

	host_now += 1000 * MS;
	for (unsigned int i = 0; i < 3; i++)
		v[i] = queued_with(SCHED_PRI_UNDER);
	CHECK_EQ(v[0]->sched.pri, SCHED_PRI_BOOST);
	/* Equal priorities: first come, first served. */
	CHECK(sched_pick(NULL, false) == v[0]);
	CHECK(!v[0]->sched.on_run_queue && v[1]->sched.on_run_queue);
	/* Within the rate limit (1 ms) a decision keeps the running vCPU... */
	host_now += MS / 2;
	CHECK(sched_pick(v[0], true) == v[0]);
	/* ...after it, the current goes behind the others of its priority. */
	host_now += MS;
	CHECK(sched_pick(v[0], true) == v[1]);
	CHECK(v[0]->sched.on_run_queue);
	/* Yielding skips the rate limit. */
	sched_vcpu_yield(v[1]);
	CHECK(sched_pick(v[1], true) == v[2]);
	CHECK(!v[1]->sched.yielding);
	CHECK(sched_pick(NULL, false) == v[0]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == NULL);
	end_queued(v, 3);
}

TEST(sched_queue_priorities)
{
	struct vcpu *over, *busy, *woken, *late, *v[4];
	unsigned int before;

	host_now += 1000 * MS;
	over = queued_with(SCHED_PRI_OVER);
	busy = queued_with(SCHED_PRI_UNDER);
	/* No boost without credit; the boosted one runs first though it came later. */
	CHECK_EQ(over->sched.pri, SCHED_PRI_OVER);
	CHECK(sched_pick(NULL, false) == busy);
	busy->sched.pri = SCHED_PRI_UNDER; /* as its first tick does */

	/* A waking vCPU asks for a decision only if it is more urgent. */
	before = host_reschedules;
	woken = queued_with(SCHED_PRI_UNDER);
	CHECK_EQ(host_reschedules, before + 1);
	late = queued_with(SCHED_PRI_OVER);
	CHECK_EQ(host_reschedules, before + 1);
	CHECK(sched_pick(busy, false) == busy);

	/* Queue: woken (BOOST), over, late (OVER); busy (UNDER) goes between. */
	host_now += 2 * MS;
	CHECK(sched_pick(busy, true) == woken);
	woken->sched.pri = SCHED_PRI_UNDER;
	/* A yielding vCPU goes behind its priority and one more (over). */
	sched_vcpu_yield(woken);
	CHECK(sched_pick(woken, true) == busy);
	CHECK(sched_pick(NULL, false) == over);
	CHECK(sched_pick(NULL, false) == woken);
	CHECK(sched_pick(NULL, false) == late);
	CHECK(sched_pick(NULL, false) == NULL);
	v[0] = over, v[1] = busy, v[2] = woken, v[3] = late;
	end_queued(v, 4);
}

TEST(sched_blocked_and_dead_leave_the_queue)
{
	struct vcpu *v[3];

	host_now += 1000 * MS;
	for (unsigned int i = 0; i < 3; i++)
		v[i] = queued_with(SCHED_PRI_UNDER);
	CHECK(sched_pick(NULL, false) == v[0]);
	/* The running vCPU blocks: the next runs; woken twice, it queues once. */
	v[0]->state = VCPU_BLOCKED;
	sched_remove(v[0]);
	CHECK(sched_pick(v[0], true) == v[1]);
	sched_wake(v[0]);
	sched_wake(v[0]);
	/* A dying domain's vCPU leaves the queue and stops earning. */
	v[2]->sched.active = true;
	domain_destroy(v[2]->domain);
	CHECK(!v[2]->sched.on_run_queue && !v[2]->sched.active);
	CHECK(sched_pick(v[1], false) == v[1]);
	host_now += 2 * MS;
	CHECK(sched_pick(v[1], true) == v[0]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == NULL);
	end_queued(v, 3);
}

TEST(sched_params_ranges)
{
	struct domain *d = domain_create(next_domid++, "params", false);

	CHECK(d != NULL);
	if (!d)
		return;
	CHECK_EQ(d->sched.weight, SCHED_DEFAULT_WEIGHT);
	CHECK_EQ(d->sched.cap, 0);
	CHECK_EQ(sched_set_params(d, 0, 0), -PV_EINVAL);
	CHECK_EQ(sched_set_params(d, 65536, 0), -PV_EINVAL);
	CHECK_EQ(sched_set_params(d, 1, 101), -PV_EINVAL);
	CHECK_EQ(d->sched.weight, SCHED_DEFAULT_WEIGHT);
	CHECK_EQ(sched_set_params(d, 1, 100), 0);
	CHECK_EQ(sched_set_params(d, 65535, 0), 0);
	CHECK_EQ(d->sched.weight, 65535);
	/* The cap may reach 100 per vCPU. */
	CHECK(vcpu_create(d, 0) != NULL && vcpu_create(d, 1) != NULL);
	CHECK_EQ(sched_set_params(d, 512, 200), 0);
	CHECK_EQ(sched_set_params(d, 512, 201), -PV_EINVAL);
	CHECK_EQ(d->sched.cap, 200);
	domain_destroy(d);
	CHECK_EQ(domain_reap(), 1);
}
