/*
 * A CPU-time meter for the credit scheduler's tests.  Command line:
 *   mode=hog start=S end=E     spins; counts its loop iterations between
 *                              system times S and E ms (the count is what
 *                              CPU time it got) and prints the count
 *   mode=ticker start=S end=E  takes the default 10 ms periodic timer,
 *                              blocked in between; checks the ticks of
 *                              S..E ms all came, none late by a slice
 *   mode=sleep end=E           stays blocked until E ms
 * Every mode starts before S, so all of them are measured over the same
 * window of time.
 */
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/vcpu.h"
#include "lib/string.h"

#define TICK_MS 10
/*
 * A timer tick may be this late: one 30 ms time slice would be too late.
 * A few may be later (a loaded host can stall QEMU itself); without
 * preemption on wake-up, most would be.
 */
#define TICK_LATE_MAX_MS 25
#define TICKS_LATE_MAX_PERCENT 10

static volatile struct pv_vcpu_info *vcpu;

/* The number after "@key=" on the command line, in ms as ns; 0 if absent. */
static uint64_t ms_option(const char *key)
{
	char buf[16];
	const char *value = cmdline_value(key, buf, sizeof(buf));
	unsigned long ms = 0;

	if (value && parse_ulong(value, NULL, &ms))
		CHECK(!"a number");
	return ms * MS;
}

/* Blocks (with upcalls masked between blocks) until @ticks_wanted ticks have come. */
static void block_until_tick(unsigned int ticks_wanted)
{
	for (;;) {
		vcpu->evtchn_upcall_mask = 1;
		if (ticks >= ticks_wanted)
			break;
		CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_block, 0), 0);
	}
	vcpu->evtchn_upcall_mask = 0;
}

static void hog(uint64_t start, uint64_t end)
{
	unsigned long count = 0;

	CHECK(system_time() < start);
	while (system_time() < start)
		;
	while (system_time() < end)
		count++;
	printf("cpuhog: hog counted %lu\n", count);
}

static void ticker(uint64_t start, uint64_t end)
{
	uint64_t last, late_max = 0;
	unsigned int n, late = 0;

	CHECK(system_time() < start);
	do
		block_until_tick(ticks + 1);
	while (tick_time < start);
	n = ticks;
	last = tick_time;
	while (tick_time < end) {
		block_until_tick(ticks + 1);
		if (tick_time - last > TICK_MS * MS + late_max)
			late_max = tick_time - last - TICK_MS * MS;
		if (tick_time - last > (TICK_MS + TICK_LATE_MAX_MS) * MS)
			late++;
		last = tick_time;
	}
	n = ticks - n;
	printf("cpuhog: ticker got %u ticks, at most %lu ms late, %u more than %u ms late\n", n,
	       (unsigned long)(late_max / MS), late, TICK_LATE_MAX_MS);
	CHECK(n >= (end - start) / MS / TICK_MS * 8 / 10);
	CHECK(late * 100 <= n * TICKS_LATE_MAX_PERCENT);
}

static void sleep_until(uint64_t end)
{
	CHECK_EQ(HYPERCALL3(vcpu_op, PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	while (system_time() < end) {
		CHECK_EQ(HYPERCALL1(set_timer_op, end), 0);
		block_until_tick(ticks + 1);
	}
	printf("cpuhog: slept\n");
}

void test_main(const struct pv_start_info *si)
{
	char mode[8];
	uint64_t start = ms_option("start"), end = ms_option("end");

	vcpu = &map_shared_info(si)->vcpu_info[0];
	count_timer_ticks();
	if (!cmdline_value("mode", mode, sizeof(mode)) || !end) {
		CHECK(!"mode= and end= given");
		return;
	}
	if (!strcmp(mode, "hog"))
		hog(start, end);
	else if (!strcmp(mode, "ticker"))
		ticker(start, end);
	else if (!strcmp(mode, "sleep"))
		sleep_until(end);
	else
		CHECK(!"a known mode");
}
