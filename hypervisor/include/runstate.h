/*
 * vCPU runstate accounting (common/sched/runstate.c), as Xen keeps it:
 * the state a vCPU is in (running, runnable, blocked, offline), when it
 * entered it, and the nanoseconds spent in each state so far.  A guest
 * may register an area (VCPUOP_register_runstate_memory_area) that gets
 * a copy at every change; with VMASST runstate_update_flag, bit 63 of its
 * state_entry_time is set while the copy is being written.
 */
#ifndef RUNSTATE_H
#define RUNSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

/* Starts @v's accounting: offline since @t (vcpu_create). */
void runstate_init(struct vcpu *v, uint64_t t);

/*
 * Brings @v's runstate up to date at system time @t: the state follows
 * from its scheduling state and whether it is on the CPU (@running); on
 * a change the time spent in the old state is added up.
 */
void runstate_sync(struct vcpu *v, bool running, uint64_t t);

/* @v's runstate as of @t: the current state's time counts up to @t. */
void runstate_get(const struct vcpu *v, uint64_t t, struct pv_vcpu_runstate_info *out);

/*
 * Writes @v's runstate into its registered guest area (if any), through
 * the page tables loaded now.  Returns false if it could not be written.
 */
bool runstate_publish(struct vcpu *v);

#endif
