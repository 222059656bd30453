/*
 * Guest-visible time (common/time/pvclock.c): each vCPU's vcpu_time_info
 * (pvclock) and the domain's wall clock in shared_info, written under
 * Xen's version protocol (odd while an update is in progress, even once
 * it is done; readers retry until they see the same even version before
 * and after reading).
 *
 * A vCPU's record holds a (TSC, system time) pair taken together, the
 * TSC-to-ns scale (time.h's struct time_scale, pvclock's format) and
 * PV_PVCLOCK_TSC_STABLE_BIT: as Xen does when its clock source is the
 * TSC, which is always ours.  It is refreshed when the vCPU is scheduled
 * in and on each timer tick while it runs.  The wall clock is the time of
 * day at system time 0, from the RTC read at boot (arch), so that wall
 * clock + system time = now.
 */
#ifndef PVCLOCK_H
#define PVCLOCK_H

#include <stdint.h>

#include "domain.h"
#include "hypercall-abi/shared_info.h"
#include "time.h"

/* Writes @t with the pair (@tsc, @system_time) and @scale. */
void pvclock_write(struct pv_vcpu_time_info *t, uint64_t tsc, uint64_t system_time,
		   struct time_scale scale);

/* The system time @t gives at TSC value @tsc (what a guest computes). */
uint64_t pvclock_read(const struct pv_vcpu_time_info *t, uint64_t tsc);

/* Writes @s's wall clock: @boot_epoch_ns is the time of day (ns since 1970) at system time 0. */
void wallclock_write(struct pv_shared_info *s, uint64_t boot_epoch_ns);

/* Seconds since 1970-01-01 00:00 UTC of a calendar date and time (year >= 1970). */
uint64_t epoch_seconds(unsigned int year, unsigned int month, unsigned int day,
		       unsigned int hour, unsigned int min, unsigned int sec);

/*
 * Refreshes @v's vcpu_time_info from the clock now (no-op if the domain
 * has no shared_info or @v no vcpu_info there).  Needs the arch's
 * time_sample().
 */
void pvclock_update_vcpu(struct vcpu *v);

/*
 * Writes @v's time record into the guest's copy, if it registered one
 * (VCPUOP_register_vcpu_time_memory_area), through the page tables loaded
 * now, under the version protocol.  False (and time_area_stale set) if it
 * could not be written.
 */
bool pvclock_publish(struct vcpu *v);

/* Writes @d's wall clock from the time of day the arch read at boot (or dom0 set). */
void wallclock_update_domain(struct domain *d);

/* Arch: the TSC and now() taken together; the TSC scale; the time of day (ns since 1970) at now() == 0. */
void time_sample(uint64_t *tsc, uint64_t *system_time);
struct time_scale time_tsc_scale(void);
uint64_t time_boot_epoch_ns(void);
/* Arch: sets that time of day (platform_op settime, from dom0). */
void time_set_boot_epoch_ns(uint64_t ns);

#endif
