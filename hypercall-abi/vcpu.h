/*
 * vcpu_op(cmd, vcpuid, arg): bringing vCPUs up and down, their timers, and
 * where the hypervisor writes their per-vCPU data.
 *
 * A vCPU is initialised once with a full context (struct
 * pv_vcpu_guest_context, arch-x86_64.h), then brought up.  Each vCPU has
 * a single-shot timer (absolute system time; fires PV_VIRQ_TIMER) and a
 * periodic one.  Runstate accounting tells the guest how long each vCPU
 * ran, waited, blocked or was offline; the guest may have it written into
 * its own memory on every change.
 */
#ifndef PV_ABI_VCPU_H
#define PV_ABI_VCPU_H

#define PV_VCPUOP_initialise 0  /* struct pv_vcpu_guest_context */
#define PV_VCPUOP_up 1
#define PV_VCPUOP_down 2
#define PV_VCPUOP_is_up 3       /* returns 1 if up, 0 if down */
#define PV_VCPUOP_get_runstate_info 4 /* struct pv_vcpu_runstate_info, out */
#define PV_VCPUOP_register_runstate_memory_area 5
#define PV_VCPUOP_set_periodic_timer 6
#define PV_VCPUOP_stop_periodic_timer 7
#define PV_VCPUOP_set_singleshot_timer 8
#define PV_VCPUOP_stop_singleshot_timer 9
#define PV_VCPUOP_register_vcpu_info 10
#define PV_VCPUOP_send_nmi 11
#define PV_VCPUOP_get_physid 12 /* struct pv_vcpu_get_physid, out */
#define PV_VCPUOP_register_vcpu_time_memory_area 13

/* pv_vcpu_runstate_info.state */
#define PV_RUNSTATE_running 0  /* on a physical CPU */
#define PV_RUNSTATE_runnable 1 /* ready, waiting for a CPU */
#define PV_RUNSTATE_blocked 2  /* waiting for an event */
#define PV_RUNSTATE_offline 3  /* down, or paused by the toolstack */

/* Bit 63 of state_entry_time while an update is in progress (if enabled). */
#define PV_RUNSTATE_UPDATE 0x8000000000000000

/* pv_vcpu_set_singleshot_timer.flags */
#define PV_VCPU_SSHOTTMR_future_BIT 0
#define PV_VCPU_SSHOTTMR_future (1 << 0) /* may fail with -ETIME if past */

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_vcpu_runstate_info {
	int32_t state; /* PV_RUNSTATE_* */
	uint64_t state_entry_time; /* system time the state began */
	uint64_t time[4];          /* ns spent in each state */
};
_Static_assert(sizeof(struct pv_vcpu_runstate_info) == 48, "vcpu_runstate_info: xen/vcpu.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_runstate_info, state_entry_time) == 8,
	       "vcpu_runstate_info.state_entry_time: xen/vcpu.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_runstate_info, time) == 16,
	       "vcpu_runstate_info.time: xen/vcpu.h");

struct pv_vcpu_register_runstate_memory_area {
	union {
		uint64_t p; /* guest pointer: struct pv_vcpu_runstate_info */
	} addr;
};
_Static_assert(sizeof(struct pv_vcpu_register_runstate_memory_area) == 8,
	       "vcpu_register_runstate_memory_area: xen/vcpu.h");

struct pv_vcpu_set_periodic_timer {
	uint64_t period_ns;
};
_Static_assert(sizeof(struct pv_vcpu_set_periodic_timer) == 8,
	       "vcpu_set_periodic_timer: xen/vcpu.h");

struct pv_vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns; /* system time */
	uint32_t flags;          /* PV_VCPU_SSHOTTMR_* */
};
_Static_assert(sizeof(struct pv_vcpu_set_singleshot_timer) == 16,
	       "vcpu_set_singleshot_timer: xen/vcpu.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_set_singleshot_timer, flags) == 8,
	       "vcpu_set_singleshot_timer.flags: xen/vcpu.h");

/* Moves the vCPU's vcpu_info out of shared_info, into a guest page. */
struct pv_vcpu_register_vcpu_info {
	uint64_t mfn;    /* the page */
	uint32_t offset; /* of the vcpu_info in it; must not cross the page */
	uint32_t rsvd;
};
_Static_assert(sizeof(struct pv_vcpu_register_vcpu_info) == 16,
	       "vcpu_register_vcpu_info: xen/vcpu.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_register_vcpu_info, offset) == 8,
	       "vcpu_register_vcpu_info.offset: xen/vcpu.h");

/* The physical CPU's APIC id (bits 0-31) and ACPI id (bits 32-63). */
struct pv_vcpu_get_physid {
	uint64_t phys_id;
};
_Static_assert(sizeof(struct pv_vcpu_get_physid) == 8, "vcpu_get_physid: xen/vcpu.h");

struct pv_vcpu_register_time_memory_area {
	union {
		uint64_t p; /* guest pointer: struct pv_vcpu_time_info */
	} addr;
};
_Static_assert(sizeof(struct pv_vcpu_register_time_memory_area) == 8,
	       "vcpu_register_time_memory_area: xen/vcpu.h");
#endif

#endif
