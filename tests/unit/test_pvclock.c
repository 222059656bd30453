/*
 * Tests for guest time records (hypervisor/common/time/pvclock.c): the
 * version protocol (odd -> even, always advancing), the fields a guest
 * reads, the guest's arithmetic giving the hypervisor's time back, the
 * wall clock split into seconds/ns/high seconds, and calendar dates to
 * seconds since 1970.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pvclock.h"

TEST(pvclock_write_fields_and_version)
{
	struct pv_vcpu_time_info t;
	struct time_scale s = time_scale_from_hz(2600000000ull);

	memset(&t, 0, sizeof(t));
	pvclock_write(&t, 123456789, 5000, s);
	CHECK_EQ(t.version, 2);
	CHECK_EQ(t.tsc_timestamp, 123456789);
	CHECK_EQ(t.system_time, 5000);
	CHECK_EQ(t.tsc_to_system_mul, s.mul_frac);
	CHECK_EQ(t.tsc_shift, s.shift);
	CHECK_EQ(t.flags, PV_PVCLOCK_TSC_STABLE_BIT);
	pvclock_write(&t, 1, 2, s);
	CHECK_EQ(t.version, 4);
	/* A version left odd (an update cut short) still ends even and larger. */
	t.version = 7;
	pvclock_write(&t, 1, 2, s);
	CHECK_EQ(t.version, 10);
	t.version = UINT32_MAX - 1;
	pvclock_write(&t, 1, 2, s);
	CHECK_EQ(t.version % 2, 0);
}

TEST(pvclock_read_matches_scale)
{
	static const uint64_t hzs[] = { 1000000000ull, 2600000000ull, 3999999999ull, 1193182 };

	for (unsigned int i = 0; i < sizeof(hzs) / sizeof(hzs[0]); i++) {
		struct time_scale s = time_scale_from_hz(hzs[i]);
		struct pv_vcpu_time_info t = { 0 };
		uint64_t boot_tsc = 1000, tsc_stamp = boot_tsc + hzs[i] * 5;
		uint64_t stime = time_scale_apply(tsc_stamp - boot_tsc, s);

		pvclock_write(&t, tsc_stamp, stime, s);
		CHECK_EQ(pvclock_read(&t, tsc_stamp), stime);
		/* One second later, within the scale's precision (ns). */
		uint64_t later = pvclock_read(&t, tsc_stamp + hzs[i]);
		CHECK(later >= stime + NSEC_PER_SEC - 2 && later <= stime + NSEC_PER_SEC);
		/* Guest time and the hypervisor's agree to a rounding step. */
		uint64_t direct = time_scale_apply(tsc_stamp + hzs[i] - boot_tsc, s);
		CHECK(later <= direct + 1 && direct <= later + 1);
	}
}

TEST(wallclock_write_split)
{
	struct pv_shared_info *s = calloc(1, sizeof(*s));
	uint64_t t = 0x123456789ull * NSEC_PER_SEC + 987654321;

	wallclock_write(s, t);
	CHECK_EQ(s->wc_version, 2);
	CHECK_EQ(s->wc_sec, 0x23456789u);
	CHECK_EQ(s->wc_sec_hi, 0x1u);
	CHECK_EQ(s->wc_nsec, 987654321u);
	wallclock_write(s, 5);
	CHECK_EQ(s->wc_version, 4);
	CHECK_EQ(s->wc_sec, 0);
	CHECK_EQ(s->wc_sec_hi, 0);
	CHECK_EQ(s->wc_nsec, 5);
	free(s);
}

TEST(epoch_seconds_dates)
{
	CHECK_EQ(epoch_seconds(1970, 1, 1, 0, 0, 0), 0);
	CHECK_EQ(epoch_seconds(1970, 1, 2, 0, 0, 1), 86401);
	CHECK_EQ(epoch_seconds(2000, 3, 1, 0, 0, 0), 951868800);
	CHECK_EQ(epoch_seconds(2000, 2, 29, 23, 59, 59), 951868799);
	CHECK_EQ(epoch_seconds(2024, 2, 29, 12, 0, 0), 1709208000);
	CHECK_EQ(epoch_seconds(2038, 1, 19, 3, 14, 8), 2147483648ull);
	CHECK_EQ(epoch_seconds(2100, 3, 1, 0, 0, 0), 4107542400ull);
	CHECK_EQ(epoch_seconds(2026, 11, 22, 2, 38, 14), 1795315094ull);
}
