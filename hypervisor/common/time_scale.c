/*
 * Fixed-point conversion of clock ticks to nanoseconds (see time.h).  The
 * scale is chosen so that mul_frac = 2^32 * ns_per_tick * 2^-shift has its
 * top bit set, which keeps 31-32 bits of precision for any frequency from
 * a few Hz to many GHz.
 */
#include "time.h"

struct time_scale time_scale_from_hz(uint64_t hz)
{
	/* ns per tick = NSEC_PER_SEC / hz, as a 32.32 fraction once shifted. */
	uint64_t num = NSEC_PER_SEC, den = hz;
	int shift = 0;

	while (den > num * 2 && shift > -32) {
		num <<= 1;
		shift--;
	}
	while (num >= den) {
		den <<= 1;
		shift++;
	}
	/* Now 1/2 <= num/den < 1: mul_frac = num/den * 2^32, bit by bit. */
	uint32_t frac = 0;

	for (int bit = 31; bit >= 0; bit--) {
		num <<= 1;
		if (num >= den) {
			num -= den;
			frac |= 1u << bit;
		}
	}
	return (struct time_scale){ .mul_frac = frac, .shift = (int8_t)shift };
}

uint64_t time_scale_apply(uint64_t ticks, struct time_scale scale)
{
	if (scale.shift < 0)
		ticks >>= -scale.shift;
	else
		ticks <<= scale.shift;
	return (uint64_t)(((unsigned __int128)ticks * scale.mul_frac) >> 32);
}
