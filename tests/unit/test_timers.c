/*
 * Tests for the software timer list (hypervisor/common/time/timers.c):
 * expiry order (ties in setting order), re-arming and stopping, the
 * hardware programmed for the first expiry only when it changes (and once
 * per timers_run()), functions that re-arm themselves or others while
 * timers run, and expiry 0 meaning "at once".
 */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "timer.h"

extern uint64_t host_timer_deadline;
extern unsigned int host_timer_programs;

static char order[16];
static unsigned int fired;

struct tag {
	struct timer t;
	char name;
	uint64_t rearm; /* re-arm at this time when fired, once */
	struct timer *other; /* stop this one when fired */
};

static void record(void *data)
{
	struct tag *g = data;

	if (fired < sizeof(order) - 1)
		order[fired] = g->name;
	fired++;
	if (g->rearm) {
		uint64_t at = g->rearm;

		g->rearm = 0;
		timer_set(&g->t, at);
	}
	if (g->other)
		timer_stop(g->other);
}

static void reset(struct tag *tags, unsigned int n)
{
	for (unsigned int i = 0; i < sizeof(order); i++)
		order[i] = 0;
	fired = 0;
	for (unsigned int i = 0; i < n; i++) {
		timer_setup(&tags[i].t, record, &tags[i]);
		tags[i].name = (char)('a' + i);
		tags[i].rearm = 0;
		tags[i].other = NULL;
	}
}

static void drain(struct tag *tags, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		timer_stop(&tags[i].t);
}

TEST(timers_order_and_programming)
{
	struct tag g[5];

	reset(g, 5);
	timer_set(&g[0].t, 300);
	CHECK_EQ(host_timer_deadline, 300);
	timer_set(&g[1].t, 100);
	CHECK_EQ(host_timer_deadline, 100);
	unsigned int programs = host_timer_programs;
	timer_set(&g[2].t, 200);		/* not first: hardware untouched */
	CHECK_EQ(host_timer_programs, programs);
	timer_set(&g[3].t, 200);		/* ties run in setting order */
	timer_set(&g[4].t, 1000);
	CHECK_EQ(timers_next(), 100);
	CHECK(timer_active(&g[2].t));

	timers_run(99);
	CHECK_EQ(fired, 0);
	CHECK_EQ(host_timer_deadline, 100);
	programs = host_timer_programs;
	timers_run(250);
	CHECK_EQ(host_timer_programs, programs + 1); /* once, after all ran */
	CHECK(strcmp(order, "bcd") == 0);
	CHECK(!timer_active(&g[1].t) && !timer_active(&g[3].t));
	CHECK_EQ(host_timer_deadline, 300);
	timers_run(5000);
	CHECK(strcmp(order, "bcdae") == 0);
	CHECK_EQ(timers_next(), 0);
	CHECK_EQ(host_timer_deadline, 0);
}

TEST(timers_rearm_and_stop)
{
	struct tag g[3];

	reset(g, 3);
	timer_set(&g[0].t, 100);
	timer_set(&g[1].t, 200);
	timer_set(&g[0].t, 300);		/* moved behind b */
	CHECK_EQ(host_timer_deadline, 200);
	timer_stop(&g[1].t);			/* the first goes: reprogrammed */
	CHECK_EQ(host_timer_deadline, 300);
	timer_stop(&g[1].t);			/* stopping twice is harmless */
	timer_stop(&g[2].t);			/* never armed */
	timer_set(&g[2].t, 0);			/* 0: at once */
	CHECK_EQ(host_timer_deadline, 1);
	timers_run(1);
	CHECK(strcmp(order, "c") == 0);
	timer_stop(&g[0].t);
	CHECK_EQ(host_timer_deadline, 0);
	timers_run(10000);
	CHECK(strcmp(order, "c") == 0);
}

TEST(timers_functions_rearm_while_running)
{
	struct tag g[3];

	reset(g, 3);
	g[0].rearm = 150;			/* still due in this run */
	g[1].rearm = 900;			/* due later */
	g[0].other = &g[2].t;			/* a stops c before it runs */
	timer_set(&g[0].t, 100);
	timer_set(&g[1].t, 120);
	timer_set(&g[2].t, 130);
	timers_run(200);
	CHECK(strcmp(order, "aba") == 0);
	CHECK(timer_active(&g[1].t));
	CHECK(!timer_active(&g[2].t));
	CHECK_EQ(host_timer_deadline, 900);
	timers_run(900);
	CHECK(strcmp(order, "abab") == 0);
	drain(g, 3);
}
