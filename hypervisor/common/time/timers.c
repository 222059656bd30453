/*
 * The sorted list of software timers (see timer.h).  Few timers are armed
 * at once (a time slice and a couple per vCPU), so a linked list with
 * insertion in order is enough.
 */
#include <stddef.h>

#include "timer.h"

static struct timer *head;
static bool running; /* in timers_run(): it programs the hardware once at the end */

static void program(void)
{
	if (!running)
		arch_timer_program(head ? head->expires : 0);
}

void timer_setup(struct timer *t, void (*fn)(void *data), void *data)
{
	t->expires = 0;
	t->fn = fn;
	t->data = data;
	t->next = NULL;
	t->active = false;
}

static void unlink(struct timer *t)
{
	struct timer **link = &head;

	while (*link && *link != t)
		link = &(*link)->next;
	if (*link)
		*link = t->next;
	t->next = NULL;
	t->active = false;
}

void timer_set(struct timer *t, uint64_t expires)
{
	struct timer **link = &head;
	bool was_first = head == t;

	if (t->active)
		unlink(t);
	/* Expiry 0 is "not armed" to the hardware: the earliest real time is 1. */
	t->expires = expires ? expires : 1;
	while (*link && (*link)->expires <= t->expires)
		link = &(*link)->next;
	t->next = *link;
	*link = t;
	t->active = true;
	if (was_first || head == t)
		program();
}

void timer_stop(struct timer *t)
{
	bool was_first = head == t;

	if (!t->active)
		return;
	unlink(t);
	if (was_first)
		program();
}

void timers_run(uint64_t now)
{
	struct timer *t;

	running = true;
	while ((t = head) && t->expires <= now) {
		head = t->next;
		t->next = NULL;
		t->active = false;
		t->fn(t->data);
	}
	running = false;
	program();
}

uint64_t timers_next(void)
{
	return head ? head->expires : 0;
}
