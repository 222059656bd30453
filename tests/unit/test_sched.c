/*
 * Tests for the round-robin scheduler (hypervisor/common/sched/sched.c).
 *
 * vCPUs are plain calloc'd structures with a domain and a state.  The run
 * queue is global, so every test drains it (drain() picks with no current
 * vCPU until nothing is left) and checks it is empty before it returns.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain.h"
#include "harness.h"
#include "sched.h"

static struct domain sched_dom;

static struct vcpu *new_vcpu(unsigned int id)
{
	struct vcpu *v = calloc(1, sizeof(*v));

	CHECK(v != NULL);
	if (!v)
		abort();
	v->domain = &sched_dom;
	v->id = id;
	v->state = VCPU_DOWN;
	return v;
}

/* Empties the queue; returns how many vCPUs were on it. */
static unsigned int drain(void)
{
	unsigned int n = 0;

	while (sched_pick(NULL, false)) {
		n++;
		CHECK(n <= 16);
		if (n > 16)
			break;
	}
	return n;
}

static void free_vcpus(struct vcpu **v, unsigned int n)
{
	CHECK_EQ(drain(), 0);
	for (unsigned int i = 0; i < n; i++) {
		CHECK(!v[i]->on_run_queue);
		free(v[i]);
	}
}

TEST(sched_round_robin)
{
	struct vcpu *v[3];
	struct vcpu *cur;

	CHECK_EQ(drain(), 0);
	for (unsigned int i = 0; i < 3; i++) {
		v[i] = new_vcpu(i);
		sched_wake(v[i]);
		CHECK_EQ(v[i]->state, VCPU_RUNNABLE);
		CHECK(v[i]->on_run_queue);
	}

	/* Nothing running: the first woken runs, and leaves the queue. */
	cur = sched_pick(NULL, false);
	CHECK(cur == v[0]);
	CHECK(!v[0]->on_run_queue);

	/* Each rotation runs the next one and queues the current at the back. */
	for (unsigned int step = 1; step <= 9; step++) {
		struct vcpu *next = sched_pick(cur, true);

		CHECK(next == v[step % 3]);
		CHECK(!next->on_run_queue);
		CHECK(cur->on_run_queue);
		cur = next;
	}
	CHECK(cur == v[0]);

	/* What is queued comes out in order: v1, then v2. */
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == v[2]);
	CHECK(sched_pick(NULL, false) == NULL);
	free_vcpus(v, 3);
}

TEST(sched_keep_current)
{
	struct vcpu *v[3];

	for (unsigned int i = 0; i < 3; i++)
		v[i] = new_vcpu(i);
	sched_wake(v[0]);
	sched_wake(v[1]);
	sched_wake(v[2]);
	CHECK(sched_pick(NULL, false) == v[0]);

	/* Without rotation a runnable current keeps the CPU; the queue stays. */
	for (unsigned int i = 0; i < 3; i++)
		CHECK(sched_pick(v[0], false) == v[0]);
	CHECK(!v[0]->on_run_queue);
	CHECK(v[1]->on_run_queue && v[2]->on_run_queue);

	/* With rotation it goes to the back; with an empty queue it stays. */
	CHECK(sched_pick(v[0], true) == v[1]);
	CHECK(sched_pick(v[1], true) == v[2]);
	CHECK(sched_pick(v[2], true) == v[0]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == v[2]);
	CHECK(sched_pick(v[0], true) == v[0]);
	CHECK(sched_pick(v[0], false) == v[0]);
	CHECK(!v[0]->on_run_queue);
	free_vcpus(v, 3);
}

TEST(sched_current_not_runnable)
{
	struct vcpu *v[3];
	struct vcpu *cur;

	for (unsigned int i = 0; i < 3; i++) {
		v[i] = new_vcpu(i);
		sched_wake(v[i]);
	}
	cur = sched_pick(NULL, false);
	CHECK(cur == v[0]);

	/* A blocked current is not re-queued, with or without rotation. */
	cur->state = VCPU_BLOCKED;
	CHECK(sched_pick(cur, false) == v[1]);
	CHECK(!v[0]->on_run_queue);
	v[1]->state = VCPU_DOWN;
	CHECK(sched_pick(v[1], true) == v[2]);
	CHECK(!v[1]->on_run_queue);
	/* The last one blocks: nothing is left to run. */
	v[2]->state = VCPU_BLOCKED;
	CHECK(sched_pick(v[2], false) == NULL);
	CHECK(sched_pick(v[2], true) == NULL);
	CHECK(!v[2]->on_run_queue);

	/* Woken again, they queue in the order they wake. */
	sched_wake(v[2]);
	sched_wake(v[0]);
	CHECK_EQ(v[2]->state, VCPU_RUNNABLE);
	CHECK(sched_pick(NULL, true) == v[2]);
	CHECK(sched_pick(v[2], true) == v[0]);
	CHECK(sched_pick(v[0], true) == v[2]);
	CHECK(sched_pick(NULL, false) == v[0]);
	free_vcpus(v, 3);
}

TEST(sched_remove_middle_and_tail)
{
	struct vcpu *v[4];

	for (unsigned int i = 0; i < 4; i++) {
		v[i] = new_vcpu(i);
		sched_wake(v[i]);
	}

	/* Out of the middle: the others keep their order. */
	sched_remove(v[1]);
	CHECK(!v[1]->on_run_queue);
	CHECK(v[1]->run_next == NULL);
	/* Out of the tail: a later wake must queue behind the new tail. */
	sched_remove(v[3]);
	CHECK(!v[3]->on_run_queue);
	sched_wake(v[1]);
	CHECK(sched_pick(NULL, false) == v[0]);
	CHECK(sched_pick(NULL, false) == v[2]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == NULL);

	/* Removing what is not queued changes nothing. */
	sched_remove(v[3]);
	sched_wake(v[0]);
	sched_remove(v[2]);
	CHECK(v[0]->on_run_queue);

	/* The head, then the only one left. */
	sched_wake(v[2]);
	sched_wake(v[3]);
	sched_remove(v[0]);
	CHECK(sched_pick(NULL, false) == v[2]);
	sched_remove(v[3]);
	CHECK(sched_pick(NULL, false) == NULL);
	sched_wake(v[1]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == NULL);
	free_vcpus(v, 4);
}

TEST(sched_wake_twice)
{
	struct vcpu *v[2];

	v[0] = new_vcpu(0);
	v[1] = new_vcpu(1);
	sched_wake(v[0]);
	sched_wake(v[1]);
	sched_wake(v[0]);
	sched_wake(v[1]);
	sched_wake(v[0]);
	CHECK(sched_pick(NULL, false) == v[0]);
	CHECK(sched_pick(NULL, false) == v[1]);
	CHECK(sched_pick(NULL, false) == NULL);

	/* Rotation queues the current once, behind what was waiting. */
	sched_wake(v[0]);
	CHECK(sched_pick(v[1], true) == v[0]);
	CHECK(sched_pick(v[0], true) == v[1]);
	CHECK(sched_pick(NULL, false) == v[0]);
	CHECK(sched_pick(NULL, false) == NULL);
	free_vcpus(v, 2);
}

TEST(sched_empty_queue)
{
	struct vcpu *v = new_vcpu(0);

	CHECK(sched_pick(NULL, false) == NULL);
	CHECK(sched_pick(NULL, true) == NULL);
	/* An empty queue leaves a runnable current running. */
	v->state = VCPU_RUNNABLE;
	CHECK(sched_pick(v, false) == v);
	CHECK(sched_pick(v, true) == v);
	CHECK(!v->on_run_queue);
	v->state = VCPU_DOWN;
	CHECK(sched_pick(v, false) == NULL);
	CHECK(sched_pick(v, true) == NULL);
	free_vcpus(&v, 1);
}

TEST(sched_domain_death_dequeues)
{
	struct domain *d = domain_create(200, "sched", false);
	struct vcpu *other = new_vcpu(9);
	struct vcpu *a, *b;

	CHECK(d != NULL);
	if (!d)
		return;
	a = vcpu_create(d, 0);
	b = vcpu_create(d, 1);
	CHECK(a && b);
	if (!a || !b)
		return;
	sched_wake(a);
	sched_wake(other);
	sched_wake(b);
	/* A dying domain's vCPUs leave the queue; the others stay in order. */
	domain_destroy(d);
	CHECK_EQ(a->state, VCPU_DOWN);
	CHECK_EQ(b->state, VCPU_DOWN);
	CHECK(!a->on_run_queue && !b->on_run_queue);
	CHECK(sched_pick(NULL, false) == other);
	CHECK(sched_pick(NULL, false) == NULL);
	CHECK_EQ(domain_reap(), 1);
	free_vcpus(&other, 1);
}
