/*
 * Event channels inside common/event/: the per-domain port table
 * (evtchn.c) and the two ways of delivering to the guest behind it, the
 * port ABIs: two-level through shared_info (evtchn_2l.c), which every
 * domain starts with, and FIFO queues in guest pages (evtchn_fifo.c),
 * which a domain switches to with EVTCHNOP_init_control.
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
#define EVTCHN_NR_BUCKETS (PV_EVTCHN_FIFO_NR_CHANNELS / EVTCHN_BUCKET_PORTS)

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
	uint32_t port;         /* its own number */
	uint8_t state;         /* enum evtchn_state */
	uint8_t notify_vcpu;   /* vCPU whose selector and upcall flag are set */
	uint16_t remote_domid; /* ECS_UNBOUND: who may bind */
	uint32_t remote_port;  /* ECS_INTERDOMAIN */
	/* FIFO only: the queue for its next event, and the one it was last linked on. */
	uint8_t priority;
	uint8_t last_vcpu, last_priority;
	/* FIFO only: pending while its event word had no page (raised when the page comes). */
	bool fifo_pending;
	union {
		struct domain *remote_dom; /* ECS_INTERDOMAIN */
		unsigned int virq;         /* ECS_VIRQ */
		unsigned int pirq;         /* ECS_PIRQ */
	};
};

/*
 * A port ABI: how a port's events reach the guest.  @chn is a port in use
 * (not free, not port 0) except for is_busy; @v is the vCPU it notifies.
 */
struct evtchn_port_ops {
	void (*set_pending)(struct domain *d, struct vcpu *v, struct evtchn *chn);
	void (*clear_pending)(struct domain *d, const struct evtchn *chn);
	/* EVTCHNOP_unmask: clears the mask and re-raises the port if it is pending. */
	void (*unmask)(struct domain *d, struct vcpu *v, struct evtchn *chn);
	bool (*is_pending)(struct domain *d, const struct evtchn *chn);
	/* Whether a free port may not be allocated yet (NULL: never). */
	bool (*is_busy)(struct domain *d, const struct evtchn *chn);
	/* A port just bound (NULL: nothing to do). */
	void (*init)(struct domain *d, struct evtchn *chn);
	/* EVTCHNOP_set_priority (NULL: -ENOSYS): 0 or -PV_EINVAL. */
	int (*set_priority)(struct domain *d, struct evtchn *chn, uint32_t priority);
};

extern const struct evtchn_port_ops evtchn_2l_ops;

/* Whether @port's bit in @d's shared_info evtchn_pending is set (two-level). */
bool evtchn_2l_port_pending(const struct domain *d, unsigned int port);

struct evtchn_domain {
	struct evtchn *buckets[EVTCHN_NR_BUCKETS];
	unsigned int valid;          /* ports with storage: a multiple of the bucket size */
	unsigned int active;         /* ports in use (port 0 not counted) */
	unsigned int max_port;       /* highest port that may be allocated */
	unsigned int reset_next;     /* EVTCHNOP_reset in progress: the port to resume at */
	const struct evtchn_port_ops *ops; /* the port ABI in use */
	struct evtchn_fifo_domain *fifo;   /* the FIFO ABI's state, NULL on two-level */
	/* The port bound to each virq of each vCPU (0: none); global virqs use vCPU 0's. */
	uint32_t virq_port[DOMAIN_MAX_VCPUS][PV_NR_VIRQS];
};

/* Port @port of @d if it has storage, else NULL. */
struct evtchn *evtchn_port_chn(struct domain *d, uint32_t port);

/* How many ports the domain's ABI can name (Xen's max_evtchns). */
static inline unsigned int evtchn_abi_ports(const struct evtchn_domain *t)
{
	return t->fifo ? PV_EVTCHN_FIFO_NR_CHANNELS : PV_EVTCHN_2L_NR_CHANNELS;
}

/* ---- FIFO ABI (evtchn_fifo.c) ---- */

/*
 * EVTCHNOP_init_control for the calling domain @d (see evtchn_fifo.c):
 * sets @c->link_bits; 0 or Xen's error code.  The first one switches the
 * domain to the FIFO ABI.
 */
int evtchn_fifo_init_control(struct domain *d, struct pv_evtchn_init_control *c);

/* EVTCHNOP_expand_array: 0 or Xen's error code. */
int evtchn_fifo_expand_array(struct domain *d, uint64_t array_gfn);

/* Drops @d's FIFO state and the guest pages it holds; @d is back on two-level. */
void evtchn_fifo_destroy(struct domain *d);

#endif
