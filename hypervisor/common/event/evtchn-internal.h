/*
 * Event channels inside common/event/: the per-domain port table
 * (evtchn.c) and the two-level delivery through shared_info (evtchn_2l.c).
 *
 * A domain's ports live in buckets of EVTCHN_BUCKET_PORTS, allocated in
 * order as ports are first needed; `valid` counts the ports that have
 * storage (Xen's valid_evtchns), and a port at or beyond it is invalid
 * (-EINVAL) for every operation, while a port below it that is free reads
 * as closed.  The bucket size is Xen's (a page of 64-byte channels), so the
 * two answer the same ports the same way.  Port 0 is reserved when the
 * table is made and is never handed out.
 */
#ifndef EVTCHN_INTERNAL_H
#define EVTCHN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "evtchn.h"
#include "hypercall-abi/event_channel.h"

#define EVTCHN_BUCKET_PORTS 64
#define EVTCHN_NR_BUCKETS (PV_EVTCHN_2L_NR_CHANNELS / EVTCHN_BUCKET_PORTS)

/* Port states. */
enum evtchn_state {
	ECS_FREE = 0,
	ECS_RESERVED,    /* port 0 */
	ECS_UNBOUND,     /* waiting for remote_domid to bind to it */
	ECS_INTERDOMAIN, /* connected to remote_port of remote_dom */
	ECS_VIRQ,        /* a virtual IRQ of notify_vcpu (global ones: any vCPU) */
	ECS_IPI,         /* IPIs to notify_vcpu */
	ECS_PIRQ,        /* a physical IRQ's pirq (common/irq/) */
};

struct evtchn {
	uint8_t state;         /* enum evtchn_state */
	uint8_t notify_vcpu;   /* vCPU whose selector and upcall flag are set */
	uint16_t remote_domid; /* ECS_UNBOUND: who may bind */
	uint32_t remote_port;  /* ECS_INTERDOMAIN */
	union {
		struct domain *remote_dom; /* ECS_INTERDOMAIN */
		unsigned int virq;         /* ECS_VIRQ */
		unsigned int pirq;         /* ECS_PIRQ */
	};
};

struct evtchn_domain {
	struct evtchn *buckets[EVTCHN_NR_BUCKETS];
	unsigned int valid;          /* ports with storage: a multiple of the bucket size */
	unsigned int active;         /* ports in use (port 0 not counted) */
	unsigned int max_port;       /* highest port that may be allocated */
	unsigned int reset_next;     /* EVTCHNOP_reset in progress: the port to resume at */
	/* The port bound to each virq of each vCPU (0: none); global virqs use vCPU 0's. */
	uint16_t virq_port[DOMAIN_MAX_VCPUS][PV_NR_VIRQS];
};

/* ---- Two-level ABI (evtchn_2l.c); the port is valid and its state usable ---- */

/* Marks @port pending, notifying vCPU @v of @d if the port is not masked. */
void evtchn_2l_set_pending(struct domain *d, struct vcpu *v, unsigned int port);

/* Whether @port of @d is pending. */
bool evtchn_2l_is_pending(struct domain *d, unsigned int port);

/* Clears @port's pending bit. */
void evtchn_2l_clear_pending(struct domain *d, unsigned int port);

/* Clears @port's mask bit; if it was masked and is pending, notifies @v. */
void evtchn_2l_unmask(struct domain *d, struct vcpu *v, unsigned int port);

#endif
