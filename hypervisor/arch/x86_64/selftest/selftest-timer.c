/*
 * Timer self-test: run the one-shot timer at TICK_HZ for TICK_COUNT ticks
 * and check, against the PIT as an independent clock, that (1) no tick
 * arrived before its deadline, (2) the ticks came at the programmed rate
 * and (3) now() advanced as the PIT did.  The CPU polls the PIT meanwhile
 * (it must be read at least every 50 ms), so it does not halt.  The
 * tolerance is wide because an emulator's clocks jitter with host load,
 * and a run that fails is retried twice (selftest_timer).
 */
#include "arch/cpu.h"
#include "arch/time.h"
#include "printk.h"
#include "selftest.h"
#include "time.h"

#define TICK_HZ 100
#define TICK_COUNT 50
#define TICK_NS (NSEC_PER_SEC / TICK_HZ)
#define TOLERANCE_PERCENT 20
#define RUNS 3

static volatile unsigned ticks, early_ticks;
static uint64_t next_deadline;

static void tick(struct cpu_regs *regs)
{
	(void)regs;
	if (now() < next_deadline)
		early_ticks++;
	ticks++;
	next_deadline += TICK_NS;
	if (ticks < TICK_COUNT)
		timer_set_deadline(next_deadline);
}

static bool within(uint64_t value, uint64_t expected)
{
	uint64_t slack = expected * TOLERANCE_PERCENT / 100;

	return value + slack >= expected && value <= expected + slack;
}

/* One run of the test: whether the ticks and clocks agreed. */
static bool timer_run(void)
{
	uint64_t start, elapsed_ns, pit_ticks = 0, pit_ns;

	ticks = early_ticks = 0;
	timer_set_handler(tick);
	pit_free_run_start();
	start = now();
	next_deadline = start + TICK_NS;
	timer_set_deadline(next_deadline);
	local_irq_enable();
	while (ticks < TICK_COUNT)
		pit_ticks += pit_free_run_elapsed();
	local_irq_disable();
	elapsed_ns = now() - start;
	pit_ticks += pit_free_run_elapsed();
	pit_ns = pit_ticks * NSEC_PER_SEC / PIT_HZ;
	timer_set_handler(NULL);

	printk("selftest timer: %u ticks at %u Hz in %lu us by now(), %lu us by the PIT, %u early\n",
	       ticks, TICK_HZ, elapsed_ns / 1000, pit_ns / 1000, early_ticks);
	return early_ticks == 0 && within(elapsed_ns, TICK_COUNT * TICK_NS) &&
	       within(pit_ns, elapsed_ns);
}

/*
 * A host that stalls the emulated CPU for longer than the PIT's 55 ms
 * wrap makes the polled PIT lose whole wraps; such a stall does not
 * repeat run after run, so a run that disagrees is retried.
 */
bool selftest_timer(void)
{
	for (unsigned int run = 0; run < RUNS; run++)
		if (timer_run())
			return true;
	return false;
}
