/*
 * Event channels (common/event/), with Xen 4.17's semantics and both of
 * its port ABIs.  On the two-level ABI (every domain's start) a domain
 * has up to PV_EVTCHN_2L_NR_CHANNELS ports; raising a port sets its bit in
 * shared_info's evtchn_pending and, unless its evtchn_mask bit is set, the
 * word's bit in the notified vCPU's evtchn_pending_sel and that vCPU's
 * evtchn_upcall_pending, then kicks the vCPU (arch_vcpu_kick).  On the
 * FIFO ABI (after EVTCHNOP_init_control; up to PV_EVTCHN_FIFO_NR_CHANNELS
 * ports) raising a port links its event word onto a queue of the notified
 * vCPU in guest pages and raises the same upcall flag.  Delivering the
 * upcall itself, when the vCPU next returns to the guest with an event
 * pending and unmasked, is the arch's exit path's job.
 *
 * A domain's port table is made when it first uses one; ports are closed
 * when the domain dies (evtchn_domain_destroy: the peers of its
 * interdomain channels see their ports go back to unbound, as on Xen) and
 * the table is freed when the domain is reaped.
 *
 * Everything here runs with interrupts off on the one CPU that runs
 * guests: there is no locking.
 */
#ifndef EVTCHN_H
#define EVTCHN_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/shared_info.h"

/*
 * The sub-operations of event_channel_op, for the hypercall handler
 * (common/hypercall/event_channel_op.c), which copies the arguments in
 * and out.  @curr is the calling domain; out fields are set on success.
 * Each returns 0 or Xen's negative error code.
 */
int evtchn_alloc_unbound(struct domain *curr, struct pv_evtchn_alloc_unbound *a);
int evtchn_bind_interdomain(struct domain *curr, struct pv_evtchn_bind_interdomain *b);
int evtchn_bind_virq(struct domain *curr, struct pv_evtchn_bind_virq *b);
int evtchn_bind_ipi(struct domain *curr, struct pv_evtchn_bind_ipi *b);
int evtchn_bind_pirq(struct domain *curr, struct pv_evtchn_bind_pirq *b);
int evtchn_close(struct domain *curr, uint32_t port);
int evtchn_send(struct domain *curr, uint32_t port);
int evtchn_status(struct domain *curr, struct pv_evtchn_status *s);
int evtchn_bind_vcpu(struct domain *curr, uint32_t port, uint32_t vcpu);
int evtchn_unmask(struct domain *curr, uint32_t port);
int evtchn_set_priority(struct domain *curr, uint32_t port, uint32_t priority);
int evtchn_init_control(struct domain *curr, struct pv_evtchn_init_control *c);
int evtchn_expand_array(struct domain *curr, uint64_t array_gfn);

/*
 * EVTCHNOP_reset of @d (DOMID_SELF resolved) by @curr, or its
 * continuation (@resuming): 0, Xen's error code, or EVTCHN_RESET_PREEMPTED
 * when it stopped for preemption and must be continued.
 */
#define EVTCHN_RESET_PREEMPTED 1
int evtchn_reset(struct domain *curr, struct domain *d, bool resuming);

/*
 * Raises per-vCPU virq @virq (TIMER, DEBUG, XENOPROF, XENPMU) on @v: 0 if
 * a port is bound to it there, -PV_ENOENT if none is (nothing happens),
 * -PV_EINVAL for a global or unknown virq.
 */
int evtchn_send_virq(struct vcpu *v, unsigned int virq);

/*
 * Raises global virq @virq in @d (the port bound on vCPU 0, delivered to
 * whichever vCPU the port notifies): 0, -PV_ENOENT if @d has not bound it,
 * -PV_EINVAL for a per-vCPU or unknown virq.
 */
int evtchn_send_global_virq(struct domain *d, unsigned int virq);

/* As evtchn_send_global_virq(), to the domain that handles global virqs (dom0). */
int evtchn_send_global_virq_to_handler(unsigned int virq);

/* A physical IRQ for @d's pirq port @port (common/irq/irq_guest.c): raises it. */
void evtchn_send_pirq(struct domain *d, uint32_t port);

/* Whether @virq has a port on @v (global ones: on its domain's vCPU 0). */
bool evtchn_virq_bound(const struct vcpu *v, unsigned int virq);

/* Whether @port of @d is pending: 1 or 0, -PV_EINVAL if it is not in use (SCHEDOP_poll). */
int evtchn_port_poll(struct domain *d, uint32_t port);

/* Closes every port of dying domain @d (domain_kill). */
void evtchn_domain_destroy(struct domain *d);

/* Frees @d's port table (domain reap). */
void evtchn_domain_free(struct domain *d);

/*
 * @d's shared_info page (the frame at d->shared_info_mfn), or NULL while
 * it has none; @v's vcpu_info: where VCPUOP_register_vcpu_info put it,
 * else in shared_info (vCPUs 0-31), else NULL.
 */
struct pv_shared_info *domain_shared_info(const struct domain *d);
struct pv_vcpu_info *vcpu_shared_info(const struct vcpu *v);

/* Raises @v's evtchn_upcall_pending; if it was clear, kicks @v. */
void evtchn_mark_upcall_pending(struct vcpu *v);

/*
 * Arch hook: @v has just been given an event to deliver (its
 * evtchn_upcall_pending went from 0 to 1).  Wakes it if it is blocked;
 * if it runs or is runnable, it sees the event at its next return to the
 * guest.
 */
void arch_vcpu_kick(struct vcpu *v);

#endif
