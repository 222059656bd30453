/*
 * The credit scheduler's run queue (see sched-internal.h): one CPU, one
 * queue, a singly linked list ordered by priority.
 */
#include <stddef.h>

#include "sched-internal.h"

static struct vcpu *queue_head;

void runq_insert(struct vcpu *v)
{
	struct vcpu **link = &queue_head;

	if (v->sched.on_run_queue)
		return;
	while (*link && (*link)->sched.pri >= v->sched.pri)
		link = &(*link)->sched.run_next;
	if (v->sched.yielding && *link)
		link = &(*link)->sched.run_next;
	v->sched.run_next = *link;
	v->sched.on_run_queue = true;
	*link = v;
}

void runq_remove(struct vcpu *v)
{
	struct vcpu **link = &queue_head;

	if (!v->sched.on_run_queue)
		return;
	while (*link != v)
		link = &(*link)->sched.run_next;
	*link = v->sched.run_next;
	v->sched.run_next = NULL;
	v->sched.on_run_queue = false;
}

struct vcpu *runq_pop(void)
{
	struct vcpu *v = queue_head;

	if (v)
		runq_remove(v);
	return v;
}

void runq_sort(void)
{
	struct vcpu *ahead = NULL, **ahead_tail = &ahead;
	struct vcpu *behind = NULL, **behind_tail = &behind;

	for (struct vcpu *v = queue_head; v; v = v->sched.run_next) {
		struct vcpu ***tail = v->sched.pri >= SCHED_PRI_UNDER ? &ahead_tail : &behind_tail;

		**tail = v;
		*tail = &v->sched.run_next;
	}
	*behind_tail = NULL;
	*ahead_tail = behind;
	queue_head = ahead;
}
