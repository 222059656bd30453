/*
 * Time.  now() is nanoseconds since boot from the TSC.  struct time_scale
 * is the fixed-point ticks-to-nanoseconds conversion that PV guests also
 * use (pvclock's tsc_to_system_mul / tsc_shift): ns = ((ticks << shift) *
 * mul_frac) >> 32, shifting right for a negative shift.
 */
#ifndef TIME_H
#define TIME_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_MSEC 1000000ull

struct time_scale {
	uint32_t mul_frac;
	int8_t shift;
};

/* The scale converting ticks of a @hz clock to nanoseconds. */
struct time_scale time_scale_from_hz(uint64_t hz);

/* @ticks converted with @scale. */
uint64_t time_scale_apply(uint64_t ticks, struct time_scale scale);

/* Nanoseconds since the TSC was calibrated (arch). */
uint64_t now(void);

#endif
