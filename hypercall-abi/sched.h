/*
 * sched_op(cmd, arg): giving up the CPU, blocking, and shutting down.
 *
 * yield and block take no argument (block waits until an event is pending
 * for the vCPU, and unmasks its upcall first); poll blocks until one of a
 * list of ports is pending or a timeout passes; shutdown ends the calling
 * domain with a reason the toolstack acts on; remote_shutdown does the
 * same to another domain (privileged).
 */
#ifndef PV_ABI_SCHED_H
#define PV_ABI_SCHED_H

#define PV_SCHEDOP_yield 0
#define PV_SCHEDOP_block 1
#define PV_SCHEDOP_shutdown 2 /* struct pv_sched_shutdown */
#define PV_SCHEDOP_poll 3     /* struct pv_sched_poll */
#define PV_SCHEDOP_remote_shutdown 4 /* struct pv_sched_remote_shutdown */
#define PV_SCHEDOP_shutdown_code 5   /* struct pv_sched_shutdown: record only */
#define PV_SCHEDOP_watchdog 6        /* struct pv_sched_watchdog */
#define PV_SCHEDOP_pin_override 7    /* struct pv_sched_pin_override (dom0) */

/* Shutdown reasons. */
#define PV_SHUTDOWN_poweroff 0
#define PV_SHUTDOWN_reboot 1
#define PV_SHUTDOWN_suspend 2 /* save the domain, it will be resumed */
#define PV_SHUTDOWN_crash 3
#define PV_SHUTDOWN_watchdog 4 /* a watchdog expired */
#define PV_SHUTDOWN_soft_reset 5 /* reset the domain in place (kexec) */
#define PV_SHUTDOWN_MAX 5

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_sched_shutdown {
	uint32_t reason; /* PV_SHUTDOWN_* */
};
_Static_assert(sizeof(struct pv_sched_shutdown) == 4, "sched_shutdown: xen/sched.h");

struct pv_sched_poll {
	uint64_t ports; /* guest pointer: pv_evtchn_port_t[nr_ports] */
	uint32_t nr_ports;
	uint64_t timeout; /* absolute system time in ns; 0: none */
};
_Static_assert(sizeof(struct pv_sched_poll) == 24, "sched_poll: xen/sched.h");
_Static_assert(PV_OFFSETOF(struct pv_sched_poll, nr_ports) == 8,
	       "sched_poll.nr_ports: xen/sched.h");
_Static_assert(PV_OFFSETOF(struct pv_sched_poll, timeout) == 16, "sched_poll.timeout: xen/sched.h");

struct pv_sched_remote_shutdown {
	pv_domid_t domain_id;
	uint32_t reason; /* PV_SHUTDOWN_* */
};
_Static_assert(sizeof(struct pv_sched_remote_shutdown) == 8,
	       "sched_remote_shutdown: xen/sched.h");
_Static_assert(PV_OFFSETOF(struct pv_sched_remote_shutdown, reason) == 4,
	       "sched_remote_shutdown.reason: xen/sched.h");

/*
 * id 0 creates a watchdog and returns its id; with a non-zero id, timeout 0
 * destroys that watchdog and any other timeout re-arms it.
 */
struct pv_sched_watchdog {
	uint32_t id;
	uint32_t timeout; /* seconds */
};
_Static_assert(sizeof(struct pv_sched_watchdog) == 8, "sched_watchdog: xen/sched.h");

struct pv_sched_pin_override {
	int32_t pcpu; /* negative: drop the override */
};
_Static_assert(sizeof(struct pv_sched_pin_override) == 4, "sched_pin_override: xen/sched.h");
#endif

#endif
