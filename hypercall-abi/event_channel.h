/*
 * Event channels: event_channel_op(cmd, arg) and the virtual IRQs.
 *
 * A port is a domain's end of a channel.  It is bound to a peer port in
 * another domain (interdomain), to a virtual IRQ of one vCPU (virq), to a
 * physical IRQ (pirq, privileged domains) or to IPIs between the domain's
 * own vCPUs (ipi).  Sending on a port marks the peer pending; delivery goes
 * through the shared-info bitmaps (shared_info.h) or, after
 * PV_EVTCHNOP_init_control, through the FIFO control blocks.  Each command
 * has its own argument structure, named after it.
 */
#ifndef PV_ABI_EVENT_CHANNEL_H
#define PV_ABI_EVENT_CHANNEL_H

#define PV_EVTCHNOP_bind_interdomain 0
#define PV_EVTCHNOP_bind_virq 1
#define PV_EVTCHNOP_bind_pirq 2
#define PV_EVTCHNOP_close 3
#define PV_EVTCHNOP_send 4
#define PV_EVTCHNOP_status 5
#define PV_EVTCHNOP_alloc_unbound 6
#define PV_EVTCHNOP_bind_ipi 7
#define PV_EVTCHNOP_bind_vcpu 8
#define PV_EVTCHNOP_unmask 9
#define PV_EVTCHNOP_reset 10
#define PV_EVTCHNOP_init_control 11
#define PV_EVTCHNOP_expand_array 12
#define PV_EVTCHNOP_set_priority 13

/*
 * Virtual IRQs.  Per-vCPU ones (timer, debug, xenoprof, xenpmu) are bound
 * on each vCPU separately; the others are global, bound once, and go to the
 * domain that handles them (dom0 unless set otherwise).
 */
#define PV_VIRQ_TIMER 0     /* per vCPU: timer expired or time updated */
#define PV_VIRQ_DEBUG 1     /* per vCPU: dump debug state */
#define PV_VIRQ_CONSOLE 2   /* global: input on the hypervisor console */
#define PV_VIRQ_DOM_EXC 3   /* global: a domain crashed or shut down */
#define PV_VIRQ_TBUF 4      /* global: trace records ready */
#define PV_VIRQ_DEBUGGER 6  /* global: a domain paused for the debugger */
#define PV_VIRQ_XENOPROF 7  /* per vCPU: profiling sample */
#define PV_VIRQ_CON_RING 8  /* global: hypervisor console ring has data */
#define PV_VIRQ_PCPU_STATE 9 /* global: a physical CPU changed state */
#define PV_VIRQ_MEM_EVENT 10 /* global: memory event */
#define PV_VIRQ_ARGO 11     /* global: Argo message */
#define PV_VIRQ_ENOMEM 12   /* global: hypervisor heap is low */
#define PV_VIRQ_XENPMU 13   /* per vCPU: performance counter overflow */
#define PV_VIRQ_ARCH_0 16
#define PV_VIRQ_ARCH_1 17
#define PV_VIRQ_ARCH_2 18
#define PV_VIRQ_ARCH_3 19
#define PV_VIRQ_ARCH_4 20
#define PV_VIRQ_ARCH_5 21
#define PV_VIRQ_ARCH_6 22
#define PV_VIRQ_ARCH_7 23
#define PV_NR_VIRQS 24

/* Ports of the two-level ABI: 64 selector bits times 64-bit words. */
#define PV_EVTCHN_2L_NR_CHANNELS 4096

/* pv_evtchn_bind_pirq.flags */
#define PV_BIND_PIRQ__WILL_SHARE 1

/* pv_evtchn_status.status */
#define PV_EVTCHNSTAT_closed 0
#define PV_EVTCHNSTAT_unbound 1
#define PV_EVTCHNSTAT_interdomain 2
#define PV_EVTCHNSTAT_pirq 3
#define PV_EVTCHNSTAT_virq 4
#define PV_EVTCHNSTAT_ipi 5

/*
 * FIFO ABI: each port has a 32-bit event word in guest-provided array
 * pages; bits 31-28 are its state, the low 17 bits link it into one of 16
 * priority queues whose heads sit in the vCPU's control block.
 */
#define PV_EVTCHN_FIFO_PRIORITY_MAX 0 /* most urgent */
#define PV_EVTCHN_FIFO_PRIORITY_DEFAULT 7
#define PV_EVTCHN_FIFO_PRIORITY_MIN 15
#define PV_EVTCHN_FIFO_MAX_QUEUES 16
#define PV_EVTCHN_FIFO_PENDING 31 /* bit numbers in the event word */
#define PV_EVTCHN_FIFO_MASKED 30
#define PV_EVTCHN_FIFO_LINKED 29
#define PV_EVTCHN_FIFO_BUSY 28
#define PV_EVTCHN_FIFO_LINK_BITS 17
#define PV_EVTCHN_FIFO_LINK_MASK 0x1ffff
#define PV_EVTCHN_FIFO_NR_CHANNELS 0x20000

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

/* Allocates a port in @dom that @remote_dom may bind to. */
struct pv_evtchn_alloc_unbound {
	pv_domid_t dom, remote_dom;
	pv_evtchn_port_t port; /* out */
};
_Static_assert(sizeof(struct pv_evtchn_alloc_unbound) == 8,
	       "evtchn_alloc_unbound: xen/event_channel.h");
_Static_assert(PV_OFFSETOF(struct pv_evtchn_alloc_unbound, port) == 4,
	       "evtchn_alloc_unbound.port: xen/event_channel.h");

/* Connects a new local port to an unbound port of @remote_dom. */
struct pv_evtchn_bind_interdomain {
	pv_domid_t remote_dom;
	pv_evtchn_port_t remote_port;
	pv_evtchn_port_t local_port; /* out */
};
_Static_assert(sizeof(struct pv_evtchn_bind_interdomain) == 12,
	       "evtchn_bind_interdomain: xen/event_channel.h");
_Static_assert(PV_OFFSETOF(struct pv_evtchn_bind_interdomain, remote_port) == 4,
	       "evtchn_bind_interdomain.remote_port: xen/event_channel.h");

struct pv_evtchn_bind_virq {
	uint32_t virq; /* PV_VIRQ_* */
	uint32_t vcpu;
	pv_evtchn_port_t port; /* out */
};
_Static_assert(sizeof(struct pv_evtchn_bind_virq) == 12,
	       "evtchn_bind_virq: xen/event_channel.h");

struct pv_evtchn_bind_pirq {
	uint32_t pirq;
	uint32_t flags; /* PV_BIND_PIRQ__* */
	pv_evtchn_port_t port; /* out */
};
_Static_assert(sizeof(struct pv_evtchn_bind_pirq) == 12,
	       "evtchn_bind_pirq: xen/event_channel.h");

struct pv_evtchn_bind_ipi {
	uint32_t vcpu;
	pv_evtchn_port_t port; /* out */
};
_Static_assert(sizeof(struct pv_evtchn_bind_ipi) == 8, "evtchn_bind_ipi: xen/event_channel.h");

struct pv_evtchn_close {
	pv_evtchn_port_t port;
};
_Static_assert(sizeof(struct pv_evtchn_close) == 4, "evtchn_close: xen/event_channel.h");

struct pv_evtchn_send {
	pv_evtchn_port_t port;
};
_Static_assert(sizeof(struct pv_evtchn_send) == 4, "evtchn_send: xen/event_channel.h");

struct pv_evtchn_status {
	pv_domid_t dom;
	pv_evtchn_port_t port;
	uint32_t status; /* out: PV_EVTCHNSTAT_* */
	uint32_t vcpu;   /* out: vCPU notified */
	union {          /* out, by status */
		struct {
			pv_domid_t dom;
		} unbound;
		struct {
			pv_domid_t dom;
			pv_evtchn_port_t port;
		} interdomain;
		uint32_t pirq;
		uint32_t virq;
	} u;
};
_Static_assert(sizeof(struct pv_evtchn_status) == 24, "evtchn_status: xen/event_channel.h");
_Static_assert(PV_OFFSETOF(struct pv_evtchn_status, u) == 16,
	       "evtchn_status.u: xen/event_channel.h");

/* Moves delivery of @port to @vcpu. */
struct pv_evtchn_bind_vcpu {
	pv_evtchn_port_t port;
	uint32_t vcpu;
};
_Static_assert(sizeof(struct pv_evtchn_bind_vcpu) == 8, "evtchn_bind_vcpu: xen/event_channel.h");

struct pv_evtchn_unmask {
	pv_evtchn_port_t port;
};
_Static_assert(sizeof(struct pv_evtchn_unmask) == 4, "evtchn_unmask: xen/event_channel.h");

/* Closes every port of @dom. */
struct pv_evtchn_reset {
	pv_domid_t dom;
};
_Static_assert(sizeof(struct pv_evtchn_reset) == 2, "evtchn_reset: xen/event_channel.h");

/* Switches the domain to the FIFO ABI, one control block per vCPU. */
struct pv_evtchn_init_control {
	uint64_t control_gfn;
	uint32_t offset; /* of the control block in that page */
	uint32_t vcpu;
	uint8_t link_bits; /* out */
	uint8_t _pad[7];
};
_Static_assert(sizeof(struct pv_evtchn_init_control) == 24,
	       "evtchn_init_control: xen/event_channel.h");
_Static_assert(PV_OFFSETOF(struct pv_evtchn_init_control, link_bits) == 16,
	       "evtchn_init_control.link_bits: xen/event_channel.h");

/* Adds a page of FIFO event words. */
struct pv_evtchn_expand_array {
	uint64_t array_gfn;
};
_Static_assert(sizeof(struct pv_evtchn_expand_array) == 8,
	       "evtchn_expand_array: xen/event_channel.h");

struct pv_evtchn_set_priority {
	pv_evtchn_port_t port;
	uint32_t priority; /* PV_EVTCHN_FIFO_PRIORITY_MAX..MIN */
};
_Static_assert(sizeof(struct pv_evtchn_set_priority) == 8,
	       "evtchn_set_priority: xen/event_channel.h");

/* The argument of the old event_channel_op_compat hypercall. */
struct pv_evtchn_op {
	uint32_t cmd; /* PV_EVTCHNOP_* */
	union {
		struct pv_evtchn_alloc_unbound alloc_unbound;
		struct pv_evtchn_bind_interdomain bind_interdomain;
		struct pv_evtchn_bind_virq bind_virq;
		struct pv_evtchn_bind_pirq bind_pirq;
		struct pv_evtchn_bind_ipi bind_ipi;
		struct pv_evtchn_close close;
		struct pv_evtchn_send send;
		struct pv_evtchn_status status;
		struct pv_evtchn_bind_vcpu bind_vcpu;
		struct pv_evtchn_unmask unmask;
	} u;
};
_Static_assert(sizeof(struct pv_evtchn_op) == 28, "evtchn_op: xen/event_channel.h");

/* Per-vCPU FIFO state: the ready bitmap and each queue's head port. */
struct pv_evtchn_fifo_control_block {
	uint32_t ready;
	uint32_t _rsvd;
	uint32_t head[PV_EVTCHN_FIFO_MAX_QUEUES];
};
_Static_assert(sizeof(struct pv_evtchn_fifo_control_block) == 72,
	       "evtchn_fifo_control_block: xen/event_channel.h");
#endif

#endif
