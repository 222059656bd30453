/*
 * The TSC as the hypervisor's clock.  Its frequency and the APIC timer's
 * are measured together over several PIT windows; the median of each is
 * kept, so one window stretched by an SMI (or, under emulation, by the host
 * descheduling us) does not skew the result.
 */
#include "arch/cpu.h"
#include "arch/time.h"
#include "printk.h"
#include "pvclock.h"
#include "time.h"

#define WINDOWS 5
#define WINDOW_MS 10
#define WINDOW_PIT_TICKS (PIT_HZ * WINDOW_MS / 1000)

static uint64_t tsc_frequency, tsc_at_boot;
static struct time_scale tsc_scale;
static uint64_t boot_epoch_ns;

static uint64_t median(uint64_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	return v[n / 2];
}

void time_init(void)
{
	uint64_t tsc_hz_samples[WINDOWS], apic_hz_samples[WINDOWS];

	for (unsigned w = 0; w < WINDOWS; w++) {
		uint64_t t0, t1;
		uint32_t apic0, apic_counts;

		pit_oneshot_start(WINDOW_PIT_TICKS);
		apic0 = lapic_timer_measure_start();
		t0 = rdtsc();
		while (!pit_oneshot_done())
			cpu_relax();
		t1 = rdtsc();
		apic_counts = lapic_timer_measure_stop(apic0);
		tsc_hz_samples[w] = (t1 - t0) * PIT_HZ / WINDOW_PIT_TICKS;
		apic_hz_samples[w] = (uint64_t)apic_counts * PIT_HZ / WINDOW_PIT_TICKS;
	}
	tsc_frequency = median(tsc_hz_samples, WINDOWS);
	lapic_timer_set_hz(median(apic_hz_samples, WINDOWS));
	tsc_scale = time_scale_from_hz(tsc_frequency);
	tsc_at_boot = rdtsc();
	boot_epoch_ns = rtc_read_epoch_seconds() * NSEC_PER_SEC;
	if (boot_epoch_ns)
		boot_epoch_ns -= now();
	printk("Time: TSC %lu.%03lu MHz, APIC timer %lu.%03lu MHz (calibrated against the PIT)\n",
	       tsc_frequency / 1000000, tsc_frequency / 1000 % 1000,
	       lapic_timer_hz() / 1000000, lapic_timer_hz() / 1000 % 1000);
}

uint64_t tsc_hz(void)
{
	return tsc_frequency;
}

uint64_t now(void)
{
	return time_scale_apply(rdtsc() - tsc_at_boot, tsc_scale);
}

void time_sample(uint64_t *tsc, uint64_t *system_time)
{
	*tsc = rdtsc();
	*system_time = time_scale_apply(*tsc - tsc_at_boot, tsc_scale);
}

struct time_scale time_tsc_scale(void)
{
	return tsc_scale;
}

uint64_t time_boot_epoch_ns(void)
{
	return boot_epoch_ns;
}

void time_set_boot_epoch_ns(uint64_t ns)
{
	boot_epoch_ns = ns;
}
