/*
 * Tests for the ticks-to-nanoseconds scale (hypervisor/common/time_scale.c).
 *
 * For clocks from 1 Hz to 10 GHz the scale is compared with exact values:
 * shift is the smallest one that makes ns-per-tick / 2^shift < 1,
 * mul_frac is that fraction times 2^32 rounded down (so its top bit is
 * set), and time_scale_apply() is checked against ticks * 10^9 / hz
 * computed in 128 bits: never above it, and below it by no more than the
 * fixed-point format allows (not at all where the scale is exact, such as
 * 1 Hz, 32768 Hz or 1 GHz).
 */
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"
#include "time.h"

typedef unsigned __int128 u128;

struct freq {
	uint64_t hz;
	int shift;
};

/* shift = floor(log2(10^9 / hz)) + 1, worked out by hand. */
static const struct freq freqs[] = {
	{ 1, 30 },
	{ 2, 29 },
	{ 3, 29 },
	{ 1000, 20 },
	{ 32768, 15 },
	{ 1193182, 10 },	/* the PIT */
	{ 14318180, 7 },	/* the HPET */
	{ 100000000, 4 },
	{ 999999999, 1 },
	{ 1000000000, 1 },
	{ 1000000001, 0 },
	{ 2000000000, 0 },
	{ 2000000001, -1 },
	{ 2600000000, -1 },
	{ 3999000000, -1 },
	{ 4000000000, -1 },
	{ 4000000001, -2 },
	{ 1ull << 32, -2 },
	{ 10000000000, -3 },
	{ 1000000000000, -9 },
};

/* Ticks the scale can convert: (ticks << shift) and the result fit. */
static uint64_t max_ticks(uint64_t hz, int shift)
{
	u128 by_result = ((u128)UINT64_MAX * hz) / NSEC_PER_SEC;
	u128 max = shift > 0 ? (UINT64_MAX >> shift) : UINT64_MAX;

	return (uint64_t)(by_result < max ? by_result : max);
}

static uint64_t ts_rnd_state = 0x853c49e6748fea9bull;

static uint64_t ts_rnd(void)
{
	return xorshift64(&ts_rnd_state);
}

/*
 * Checks one conversion.  The scale rounds down everywhere, so the result
 * never exceeds the exact value; it may fall short by the relative error of
 * mul_frac (under 2^-31 as mul_frac >= 2^31, so far below the 10^-8 the
 * hypervisor needs), 1 ns of final rounding and, for a negative
 * shift, the ticks shifted out (worth under 1 ns together) when @exact_ticks
 * is false.
 */
static bool check_apply(uint64_t hz, struct time_scale sc, uint64_t ticks,
			bool exact_ticks)
{
	uint64_t want = (uint64_t)((u128)ticks * NSEC_PER_SEC / hz);
	uint64_t got = time_scale_apply(ticks, sc);
	/* 2^-30 relative, twice the worst case and well within 10^-8. */
	uint64_t slack = (want >> 30) + 1;

	/* An exact mul_frac and no ticks shifted out: no error at all. */
	if (sc.shift >= 0 && ((u128)NSEC_PER_SEC << (32 - sc.shift)) % hz == 0)
		slack = 0;
	if (!exact_ticks && sc.shift < 0) {
		uint64_t lost = ticks & ((1ull << -sc.shift) - 1);

		slack += (uint64_t)(((u128)lost * NSEC_PER_SEC + hz - 1) / hz);
	}
	if (got <= want && want - got <= slack)
		return true;
	printf("  %llu Hz, %llu ticks: got %llu ns, want %llu ns\n",
	       (unsigned long long)hz, (unsigned long long)ticks,
	       (unsigned long long)got, (unsigned long long)want);
	return false;
}

TEST(time_scale_from_hz)
{
	for (unsigned i = 0; i < ARRAY_SIZE(freqs); i++) {
		uint64_t hz = freqs[i].hz;
		int shift = freqs[i].shift;
		struct time_scale sc = time_scale_from_hz(hz);
		/* 2^32 * 10^9 / hz / 2^shift, rounded down (shift < 32 here). */
		u128 frac = ((u128)NSEC_PER_SEC << (32 - shift)) / hz;

		if (sc.shift != shift || sc.mul_frac != frac)
			printf("  %llu Hz\n", (unsigned long long)hz);
		CHECK_EQ(sc.shift, shift);
		CHECK_EQ(sc.mul_frac, frac);
		CHECK(sc.mul_frac >= 1u << 31);
		CHECK(sc.shift >= -32 && sc.shift <= 31);
	}
}

TEST(time_scale_apply_exact)
{
	for (unsigned i = 0; i < ARRAY_SIZE(freqs); i++) {
		uint64_t hz = freqs[i].hz;
		struct time_scale sc = time_scale_from_hz(hz);
		uint64_t max = max_ticks(hz, sc.shift);
		const uint64_t ticks[] = { 0, 1, hz, 10 * hz, 3600 * hz, 1ull << 40 };

		CHECK_EQ(time_scale_apply(0, sc), 0);
		for (unsigned j = 0; j < ARRAY_SIZE(ticks); j++) {
			if (ticks[j] <= max)
				CHECK(check_apply(hz, sc, ticks[j], true));
		}
		CHECK(check_apply(hz, sc, max, false));
	}
}

TEST(time_scale_apply_random)
{
	for (unsigned i = 0; i < ARRAY_SIZE(freqs); i++) {
		uint64_t hz = freqs[i].hz;
		struct time_scale sc = time_scale_from_hz(hz);
		uint64_t max = max_ticks(hz, sc.shift);
		unsigned bad = 0, backwards = 0;

		for (unsigned j = 0; j < 20000; j++) {
			/* Values of every magnitude. */
			uint64_t t = ts_rnd() >> (ts_rnd() % 64);

			if (max != UINT64_MAX)
				t %= max + 1;
			bad += !check_apply(hz, sc, t, false);
			if (t < max)
				backwards += time_scale_apply(t + 1, sc) <
					     time_scale_apply(t, sc);
			if (bad > 5)
				break;
		}
		CHECK_EQ(bad, 0);
		CHECK_EQ(backwards, 0);
	}
}
