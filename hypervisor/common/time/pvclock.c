/*
 * pvclock and wall clock records (see pvclock.h).  The version is bumped
 * to odd before the fields change and to the next even value after, with
 * compiler barriers in between (one CPU: stores are seen in program
 * order by the guest vCPU, which only runs after we return).
 */
#include <stddef.h>

#include "arch/guest_access.h"
#include "evtchn.h"
#include "pvclock.h"

#define barrier() __asm__ volatile("" ::: "memory")

static uint32_t version_begin(uint32_t v)
{
	return (v + 1) | 1;
}

void pvclock_write(struct pv_vcpu_time_info *t, uint64_t tsc, uint64_t system_time,
		   struct time_scale scale)
{
	volatile struct pv_vcpu_time_info *u = t;
	uint32_t version = version_begin(u->version);

	u->version = version;
	barrier();
	u->tsc_timestamp = tsc;
	u->system_time = system_time;
	u->tsc_to_system_mul = scale.mul_frac;
	u->tsc_shift = scale.shift;
	u->flags = PV_PVCLOCK_TSC_STABLE_BIT;
	barrier();
	u->version = version + 1;
}

uint64_t pvclock_read(const struct pv_vcpu_time_info *t, uint64_t tsc)
{
	struct time_scale s = { .mul_frac = t->tsc_to_system_mul, .shift = t->tsc_shift };

	return t->system_time + time_scale_apply(tsc - t->tsc_timestamp, s);
}

void wallclock_write(struct pv_shared_info *s, uint64_t boot_epoch_ns)
{
	volatile struct pv_shared_info *u = s;
	uint64_t sec = boot_epoch_ns / NSEC_PER_SEC;
	uint32_t version = version_begin(u->wc_version);

	u->wc_version = version;
	barrier();
	u->wc_sec = (uint32_t)sec;
	u->wc_sec_hi = (uint32_t)(sec >> 32);
	u->wc_nsec = (uint32_t)(boot_epoch_ns % NSEC_PER_SEC);
	barrier();
	u->wc_version = version + 1;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static uint64_t days_from_civil(unsigned int y, unsigned int m, unsigned int d)
{
	uint64_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

uint64_t epoch_seconds(unsigned int year, unsigned int month, unsigned int day,
		       unsigned int hour, unsigned int min, unsigned int sec)
{
	return days_from_civil(year, month, day) * 86400 + hour * 3600ull + min * 60ull + sec;
}

void pvclock_update_vcpu(struct vcpu *v)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);
	uint64_t tsc, ns;

	if (!vi)
		return;
	time_sample(&tsc, &ns);
	pvclock_write(&vi->time, tsc, ns, time_tsc_scale());
	pvclock_publish(v);
}

/* Copies the version field of @t to the guest's record at @area. */
static bool publish_version(uint64_t area, const struct pv_vcpu_time_info *t)
{
	return !copy_to_guest(area + offsetof(struct pv_vcpu_time_info, version), &t->version,
			      sizeof(t->version));
}

bool pvclock_publish(struct vcpu *v)
{
	const struct pv_vcpu_info *vi = vcpu_shared_info(v);
	struct pv_vcpu_time_info copy;
	uint32_t done;
	bool ok;

	if (!v->time_area_guest || !vi)
		return true;
	copy = vi->time;
	done = copy.version;
	copy.version = done - 1; /* odd: an update in progress */
	ok = publish_version(v->time_area_guest, &copy);
	barrier();
	ok = ok && !copy_to_guest(v->time_area_guest, &copy, sizeof(copy));
	barrier();
	copy.version = done;
	ok = ok && publish_version(v->time_area_guest, &copy);
	v->time_area_stale = !ok;
	return ok;
}

void wallclock_update_domain(struct domain *d)
{
	struct pv_shared_info *s = domain_shared_info(d);

	if (s)
		wallclock_write(s, time_boot_epoch_ns());
}
