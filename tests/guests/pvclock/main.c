/*
 * Guest time: vcpu_time_info (pvclock) and the wall clock in shared_info.
 * Every read follows the version protocol (even version, same before and
 * after).  Checks: the record is filled (TSC_STABLE flag, a scale, a
 * version that is even); pvclock time computed from rdtsc never goes
 * backwards over many reads and across the hypervisor's updates of the
 * record; a new record continues the old one (the old record extrapolated
 * to the new TSC stamp gives the new system time, to a few ns); time
 * measured over a busy wait matches the TSC ticks through the scale; the
 * wall clock at boot plus system time is a plausible date.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/shared_info.h"

#define NSEC_PER_SEC 1000000000ull

static volatile struct pv_shared_info *shared;
static uint64_t shared_page[512] __attribute__((aligned(4096)));

#define barrier() __asm__ volatile("" ::: "memory")

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/* A consistent copy of the record and the TSC read inside the same window. */
static void snapshot(struct pv_vcpu_time_info *out, uint64_t *tsc)
{
	volatile struct pv_vcpu_time_info *t = &shared->vcpu_info[0].time;
	uint32_t v;

	do {
		v = t->version;
		barrier();
		out->tsc_timestamp = t->tsc_timestamp;
		out->system_time = t->system_time;
		out->tsc_to_system_mul = t->tsc_to_system_mul;
		out->tsc_shift = t->tsc_shift;
		out->flags = t->flags;
		*tsc = rdtsc();
		barrier();
	} while ((v & 1) || v != t->version);
	out->version = v;
}

static uint64_t time_at(const struct pv_vcpu_time_info *t, uint64_t tsc)
{
	return t->system_time + scale(tsc - t->tsc_timestamp, t->tsc_to_system_mul, t->tsc_shift);
}

static uint64_t system_time(void)
{
	struct pv_vcpu_time_info t;
	uint64_t tsc;

	snapshot(&t, &tsc);
	return time_at(&t, tsc);
}

static void wallclock(uint64_t *sec, uint32_t *nsec)
{
	uint32_t v;

	do {
		v = shared->wc_version;
		barrier();
		*sec = (uint64_t)shared->wc_sec_hi << 32 | shared->wc_sec;
		*nsec = shared->wc_nsec;
		barrier();
	} while ((v & 1) || v != shared->wc_version);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_vcpu_time_info a, b;
	uint64_t tsc_a, tsc_b, last, t, start, wc_sec, now_sec;
	uint32_t wc_nsec;
	unsigned int updates = 0, reads = 0;

	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)shared_page,
			    (si->shared_info & PTE_ADDR) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
			    PV_UVMF_INVLPG), 0);
	shared = (volatile struct pv_shared_info *)shared_page;

	snapshot(&a, &tsc_a);
	CHECK(a.version != 0 && !(a.version & 1));
	CHECK(a.flags & PV_PVCLOCK_TSC_STABLE_BIT);
	CHECK(a.tsc_to_system_mul >= 0x80000000u);
	CHECK(a.tsc_shift >= -32 && a.tsc_shift <= 32);
	CHECK(a.system_time > 0);
	CHECK(tsc_a >= a.tsc_timestamp);
	printf("pvclock: version %u, mul %#x, shift %d, flags %#x\n", a.version,
	       a.tsc_to_system_mul, a.tsc_shift, a.flags);

	/*
	 * Monotonic over 60 ms, through record updates (scheduler ticks,
	 * switches); longer if none came yet (a loaded host may stall QEMU
	 * past the whole window), up to 2 s.
	 */
	last = start = time_at(&a, tsc_a);
	while ((t = system_time()) < start + (updates ? 60 : 2000) * 1000000ull) {
		CHECK(t >= last);
		last = t;
		reads++;
		snapshot(&b, &tsc_b);
		if (b.version != a.version) {
			/* The new record continues the old one. */
			uint64_t old = time_at(&a, b.tsc_timestamp);
			uint64_t diff = old > b.system_time ? old - b.system_time : b.system_time - old;

			CHECK(b.version > a.version && !(b.version & 1));
			CHECK_EQ(b.tsc_to_system_mul, a.tsc_to_system_mul);
			CHECK_EQ(b.tsc_shift, a.tsc_shift);
			CHECK(b.tsc_timestamp >= a.tsc_timestamp);
			CHECK(diff <= 16);
			updates++;
			a = b;
		}
	}
	CHECK(updates >= 1);
	printf("pvclock: monotonic over %u reads, %u record updates\n", reads, updates);

	/* Time between two reads is the TSC delta through the scale. */
	snapshot(&a, &tsc_a);
	while (rdtsc() - tsc_a < 1000000)
		;
	snapshot(&b, &tsc_b);
	{
		uint64_t ta = time_at(&a, tsc_a), tb = time_at(&b, tsc_b);
		uint64_t want = scale(tsc_b - tsc_a, a.tsc_to_system_mul, a.tsc_shift);

		CHECK(tb > ta);
		CHECK(tb - ta <= want + 16 && want <= tb - ta + 16);
	}
	printf("pvclock: consistent with rdtsc\n");

	/* Wall clock: the time of day at system time 0. */
	wallclock(&wc_sec, &wc_nsec);
	CHECK(wc_nsec < NSEC_PER_SEC);
	CHECK(!(shared->wc_version & 1) && shared->wc_version != 0);
	now_sec = wc_sec + (wc_nsec + system_time()) / NSEC_PER_SEC;
	CHECK(now_sec > 1577836800ull);	/* 2020-01-01 */
	CHECK(now_sec < 4102444800ull);	/* 2100-01-01 */
	printf("pvclock: wallclock %lu.%09u at boot, now %lu\n", wc_sec, wc_nsec, now_sec);
}
