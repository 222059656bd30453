/*
 * Round-robin scheduling (see sched.h).  The queue holds runnable vCPUs
 * that are not running; the running vCPU is never on it.
 */
#include <stddef.h>

#include "sched.h"

static struct vcpu *queue_head, *queue_tail;

static void enqueue(struct vcpu *v)
{
	if (v->on_run_queue)
		return;
	v->run_next = NULL;
	v->on_run_queue = true;
	if (queue_tail)
		queue_tail->run_next = v;
	else
		queue_head = v;
	queue_tail = v;
}

static void dequeue(struct vcpu *v)
{
	struct vcpu **link = &queue_head, *prev = NULL;

	if (!v->on_run_queue)
		return;
	while (*link && *link != v) {
		prev = *link;
		link = &(*link)->run_next;
	}
	if (*link)
		*link = v->run_next;
	if (queue_tail == v)
		queue_tail = prev;
	v->on_run_queue = false;
	v->run_next = NULL;
}

void sched_wake(struct vcpu *v)
{
	sched_vcpu_stop(v); /* a wake-up ends any poll */
	v->state = VCPU_RUNNABLE;
	enqueue(v);
}

void sched_remove(struct vcpu *v)
{
	dequeue(v);
}

struct vcpu *sched_pick(struct vcpu *current, bool rotate)
{
	struct vcpu *next;

	if (current && current->state == VCPU_RUNNABLE && (!rotate || !queue_head))
		return current;
	next = queue_head;
	if (next)
		dequeue(next);
	if (current && current->state == VCPU_RUNNABLE)
		enqueue(current);
	return next;
}
