/*
 * Event channel ports (see evtchn.h and evtchn-internal.h): allocation,
 * binding, closing, sending, status and vCPU binding, with Xen 4.17's
 * rules and error codes, including the order in which they are checked
 * (which decides the code when several apply).
 *
 * Permission follows Xen's default policy (no XSM): acting on another
 * domain's ports (alloc_unbound, status, reset) needs privilege; binding
 * to a domain's unbound port needs only to be the domain it was offered
 * to.
 */
#include <stddef.h>

#include "evtchn-internal.h"
#include "heap.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "pirq.h"

/* Per-vCPU virqs; every other one, arch virqs included, is global (x86). */
static bool virq_is_global(unsigned int virq)
{
	switch (virq) {
	case PV_VIRQ_TIMER:
	case PV_VIRQ_DEBUG:
	case PV_VIRQ_XENOPROF:
	case PV_VIRQ_XENPMU:
		return false;
	default:
		return true;
	}
}

/* Xen's default policy for acting on @target's ports: itself, or privilege. */
static int may_act_on(const struct domain *curr, const struct domain *target)
{
	return curr == target || curr->privileged ? 0 : -PV_EPERM;
}

/* ---- The port table ---- */

/* The bucket of ports @first.. (a multiple of the bucket size). */
static struct evtchn *alloc_bucket(unsigned int first)
{
	struct evtchn *b = xzalloc(EVTCHN_BUCKET_PORTS * sizeof(struct evtchn));

	for (unsigned int i = 0; b && i < EVTCHN_BUCKET_PORTS; i++)
		b[i].port = first + i;
	return b;
}

/*
 * @d's port table, made with its first bucket and port 0 reserved if it
 * has none yet (Xen makes it with the domain); NULL if out of memory or
 * the domain is dying.
 */
static struct evtchn_domain *table(struct domain *d)
{
	struct evtchn_domain *t = d->evtchn;

	if (t || d->state == DOMAIN_DEAD)
		return t;
	t = xzalloc(sizeof(*t));
	if (!t)
		return NULL;
	t->buckets[0] = alloc_bucket(0);
	if (!t->buckets[0]) {
		xfree(t);
		return NULL;
	}
	t->valid = EVTCHN_BUCKET_PORTS;
	/* Xen's dom0 has no limit of its own: its ABI's is the only one. */
	t->max_port = PV_EVTCHN_FIFO_NR_CHANNELS - 1;
	t->ops = &evtchn_2l_ops;
	t->buckets[0][0].state = ECS_RESERVED;
	d->evtchn = t;
	return t;
}

/* Port @port of @d if it has storage, else NULL (invalid: -EINVAL). */
static struct evtchn *port_chn(struct domain *d, uint32_t port)
{
	struct evtchn_domain *t = table(d);

	if (!t || port >= t->valid)
		return NULL;
	return &t->buckets[port / EVTCHN_BUCKET_PORTS][port % EVTCHN_BUCKET_PORTS];
}

struct evtchn *evtchn_port_chn(struct domain *d, uint32_t port)
{
	return port_chn(d, port);
}

/* Whether the guest's bitmaps apply: a port in use (not free, not port 0). */
static bool usable(const struct evtchn *chn)
{
	return chn->state > ECS_RESERVED;
}

/*
 * Makes @port of @d allocatable (Xen's evtchn_allocate_port, without the
 * counting): -PV_ENOSPC beyond the domain's limit or its ABI's, -PV_EBUSY
 * if it is in use (or its ABI still holds it: a FIFO event still linked),
 * -PV_ENOMEM; storage is added up to it.
 */
static int claim_port(struct domain *d, unsigned int port)
{
	struct evtchn_domain *t = d->evtchn;

	if (port > t->max_port || port >= evtchn_abi_ports(t))
		return -PV_ENOSPC;
	if (port < t->valid) {
		const struct evtchn *chn =
			&t->buckets[port / EVTCHN_BUCKET_PORTS][port % EVTCHN_BUCKET_PORTS];

		if (chn->state != ECS_FREE || (t->ops->is_busy && t->ops->is_busy(d, chn)))
			return -PV_EBUSY;
		return 0;
	}
	while (port >= t->valid) {
		struct evtchn *b = alloc_bucket(t->valid);

		if (!b)
			return -PV_ENOMEM;
		t->buckets[t->valid / EVTCHN_BUCKET_PORTS] = b;
		t->valid += EVTCHN_BUCKET_PORTS;
	}
	return 0;
}

/*
 * The lowest free port of @d (Xen's get_free_port), not yet marked in use:
 * the caller binds it or leaves it free.  A negative error: -PV_EINVAL for
 * a dying domain, -PV_ENOSPC when none is left, -PV_ENOMEM.
 */
static int free_port(struct domain *d)
{
	struct evtchn_domain *t;

	if (d->state == DOMAIN_DEAD)
		return -PV_EINVAL;
	t = table(d);
	if (!t)
		return -PV_ENOMEM;
	for (unsigned int port = 0; port <= t->max_port; port++) {
		int rc = claim_port(d, port);

		if (!rc)
			return (int)port;
		if (rc != -PV_EBUSY)
			return rc;
	}
	return -PV_ENOSPC;
}

/* Puts free port @chn of @d into use as @state, notifying vCPU @vcpu. */
static void bind(struct domain *d, struct evtchn *chn, enum evtchn_state state,
		 unsigned int vcpu)
{
	chn->state = (uint8_t)state;
	chn->notify_vcpu = (uint8_t)vcpu;
	d->evtchn->active++;
	if (d->evtchn->ops->init)
		d->evtchn->ops->init(d, chn);
}

/*
 * Frees port @chn of @d (Xen's evtchn_free): its pending bit is cleared so
 * that a later binding does not start with a stale event (the mask bit
 * stays as the guest left it), and it notifies vCPU 0 again.
 */
static void release(struct domain *d, struct evtchn *chn)
{
	if (usable(chn))
		d->evtchn->ops->clear_pending(d, chn);
	chn->state = ECS_FREE;
	chn->notify_vcpu = 0;
	chn->remote_domid = 0;
	chn->remote_port = 0;
	chn->remote_dom = NULL;
	d->evtchn->active--;
}

/* Raises port @chn of @d on vCPU @vcpu (Xen's evtchn_port_set_pending). */
static void set_pending(struct domain *d, unsigned int vcpu, struct evtchn *chn)
{
	struct vcpu *v = domain_vcpu(d, vcpu);

	if (usable(chn) && v)
		d->evtchn->ops->set_pending(d, v, chn);
}

/* ---- Sub-operations ---- */

int evtchn_alloc_unbound(struct domain *curr, struct pv_evtchn_alloc_unbound *a)
{
	struct domain *d = domain_by_any_id(curr, a->dom);
	struct evtchn *chn;
	int port, rc;

	if (!d)
		return -PV_ESRCH;
	port = free_port(d);
	if (port < 0)
		return port;
	/* As on Xen, the port is found before permission is checked. */
	rc = may_act_on(curr, d);
	if (rc)
		return rc;
	chn = port_chn(d, (uint32_t)port);
	bind(d, chn, ECS_UNBOUND, 0);
	/* Any domain id may be named; DOMID_SELF means the caller. */
	chn->remote_domid = a->remote_dom == PV_DOMID_SELF ? curr->domid : a->remote_dom;
	a->port = (uint32_t)port;
	return 0;
}

int evtchn_bind_interdomain(struct domain *curr, struct pv_evtchn_bind_interdomain *b)
{
	struct domain *ld = curr, *rd = domain_by_any_id(curr, b->remote_dom);
	struct evtchn *lchn, *rchn;
	int lport;

	if (!rd)
		return -PV_ESRCH;
	lport = free_port(ld);
	if (lport < 0)
		return lport;
	lchn = port_chn(ld, (uint32_t)lport);
	rchn = port_chn(rd, b->remote_port);
	if (!rchn || rchn->state != ECS_UNBOUND || rchn->remote_domid != ld->domid)
		return -PV_EINVAL;

	bind(ld, lchn, ECS_INTERDOMAIN, 0);
	lchn->remote_dom = rd;
	lchn->remote_port = b->remote_port;
	/* The remote port keeps the vCPU it notifies. */
	rchn->state = ECS_INTERDOMAIN;
	rchn->remote_dom = ld;
	rchn->remote_port = (uint32_t)lport;
	rchn->remote_domid = 0;
	/*
	 * A send on the remote port while it was unbound was dropped: as Xen
	 * does, the new port starts pending so that nothing is lost.
	 */
	set_pending(ld, lchn->notify_vcpu, lchn);
	b->local_port = (uint32_t)lport;
	return 0;
}

int evtchn_bind_virq(struct domain *curr, struct pv_evtchn_bind_virq *b)
{
	struct domain *d = curr;
	struct evtchn *chn;
	struct evtchn_domain *t;
	int port;

	if (b->virq >= PV_NR_VIRQS)
		return -PV_EINVAL;
	if (virq_is_global(b->virq) && b->vcpu != 0)
		return -PV_EINVAL;
	if (!domain_vcpu(d, b->vcpu))
		return -PV_ENOENT;
	t = table(d);
	if (!t)
		return d->state == DOMAIN_DEAD ? -PV_EINVAL : -PV_ENOMEM;
	if (t->virq_port[b->vcpu][b->virq])
		return -PV_EEXIST;
	port = free_port(d);
	if (port < 0)
		return port;
	chn = port_chn(d, (uint32_t)port);
	bind(d, chn, ECS_VIRQ, b->vcpu);
	chn->virq = b->virq;
	t->virq_port[b->vcpu][b->virq] = (uint32_t)port;
	b->port = (uint32_t)port;
	return 0;
}

int evtchn_bind_pirq(struct domain *curr, struct pv_evtchn_bind_pirq *b)
{
	int port, rc = pirq_bind_check(curr, b->pirq);

	if (rc)
		return rc;
	port = free_port(curr);
	if (port < 0)
		return port;
	rc = pirq_guest_bind(curr, b->pirq, (uint32_t)port, b->flags & PV_BIND_PIRQ__WILL_SHARE);
	if (rc)
		return rc;
	bind(curr, port_chn(curr, (uint32_t)port), ECS_PIRQ, 0);
	port_chn(curr, (uint32_t)port)->pirq = b->pirq;
	b->port = (uint32_t)port;
	return 0;
}

void evtchn_send_pirq(struct domain *d, uint32_t port)
{
	struct evtchn *chn = port_chn(d, port);

	if (chn && chn->state == ECS_PIRQ)
		set_pending(d, chn->notify_vcpu, chn);
}

int evtchn_bind_ipi(struct domain *curr, struct pv_evtchn_bind_ipi *b)
{
	int port;

	if (!domain_vcpu(curr, b->vcpu))
		return -PV_ENOENT;
	port = free_port(curr);
	if (port < 0)
		return port;
	bind(curr, port_chn(curr, (uint32_t)port), ECS_IPI, b->vcpu);
	b->port = (uint32_t)port;
	return 0;
}

/* Closes port @port of @d1 (Xen's evtchn_close); both ends of a channel. */
static int close_port(struct domain *d1, uint32_t port)
{
	struct evtchn *chn1 = port_chn(d1, port), *chn2;
	struct domain *d2;

	if (!chn1)
		return -PV_EINVAL;
	switch (chn1->state) {
	case ECS_FREE:
	case ECS_RESERVED:
		return -PV_EINVAL;
	case ECS_UNBOUND:
	case ECS_IPI:
		break;
	case ECS_PIRQ:
		pirq_guest_unbind(d1, chn1->pirq);
		break;
	case ECS_VIRQ: {
		/* A global virq's port may notify another vCPU but is listed on vCPU 0. */
		unsigned int vcpu = virq_is_global(chn1->virq) ? 0 : chn1->notify_vcpu;

		d1->evtchn->virq_port[vcpu][chn1->virq] = 0;
		break;
	}
	case ECS_INTERDOMAIN:
		d2 = chn1->remote_dom;
		chn2 = port_chn(d2, chn1->remote_port);
		release(d1, chn1);
		/* The other end goes back to waiting for us, as on Xen. */
		if (chn2 && chn2->state == ECS_INTERDOMAIN && chn2->remote_dom == d1) {
			chn2->state = ECS_UNBOUND;
			chn2->remote_dom = NULL;
			chn2->remote_port = 0;
			chn2->remote_domid = d1->domid;
		}
		return 0;
	}
	release(d1, chn1);
	return 0;
}

int evtchn_close(struct domain *curr, uint32_t port)
{
	return close_port(curr, port);
}

int evtchn_send(struct domain *curr, uint32_t port)
{
	struct evtchn *lchn = port_chn(curr, port), *rchn;
	struct domain *rd;

	if (!lchn)
		return -PV_EINVAL;
	switch (lchn->state) {
	case ECS_INTERDOMAIN:
		rd = lchn->remote_dom;
		rchn = port_chn(rd, lchn->remote_port);
		if (rchn)
			set_pending(rd, rchn->notify_vcpu, rchn);
		return 0;
	case ECS_IPI:
		set_pending(curr, lchn->notify_vcpu, lchn);
		return 0;
	case ECS_UNBOUND:
		/* Nobody at the other end yet: dropped (bind_interdomain makes up for it). */
		return 0;
	default:
		/* Free, reserved, virq: nothing to send to. */
		return -PV_EINVAL;
	}
}

int evtchn_status(struct domain *curr, struct pv_evtchn_status *s)
{
	struct domain *d = domain_by_any_id(curr, s->dom);
	struct evtchn *chn;
	int rc;

	if (!d)
		return -PV_ESRCH;
	chn = port_chn(d, s->port);
	if (!chn)
		return -PV_EINVAL;
	rc = may_act_on(curr, d);
	if (rc)
		return rc;
	/* As on Xen, the union keeps what the caller passed except the field set. */
	switch (chn->state) {
	case ECS_FREE:
	case ECS_RESERVED:
		s->status = PV_EVTCHNSTAT_closed;
		break;
	case ECS_UNBOUND:
		s->status = PV_EVTCHNSTAT_unbound;
		s->u.unbound.dom = chn->remote_domid;
		break;
	case ECS_INTERDOMAIN:
		s->status = PV_EVTCHNSTAT_interdomain;
		s->u.interdomain.dom = chn->remote_dom->domid;
		s->u.interdomain.port = chn->remote_port;
		break;
	case ECS_VIRQ:
		s->status = PV_EVTCHNSTAT_virq;
		s->u.virq = chn->virq;
		break;
	case ECS_IPI:
		s->status = PV_EVTCHNSTAT_ipi;
		break;
	case ECS_PIRQ:
		s->status = PV_EVTCHNSTAT_pirq;
		s->u.pirq = chn->pirq;
		break;
	}
	s->vcpu = chn->notify_vcpu;
	return 0;
}

int evtchn_bind_vcpu(struct domain *curr, uint32_t port, uint32_t vcpu)
{
	struct evtchn *chn;

	if (!domain_vcpu(curr, vcpu))
		return -PV_ENOENT;
	chn = port_chn(curr, port);
	if (!chn)
		return -PV_EINVAL;
	switch (chn->state) {
	case ECS_VIRQ:
		/* Only a global virq moves: a per-vCPU one belongs to its vCPU. */
		if (!virq_is_global(chn->virq))
			return -PV_EINVAL;
		break;
	case ECS_UNBOUND:
	case ECS_INTERDOMAIN:
	case ECS_PIRQ:
		break;
	default:
		/* Free, reserved, and IPIs (their vCPU is the point). */
		return -PV_EINVAL;
	}
	chn->notify_vcpu = (uint8_t)vcpu;
	return 0;
}

int evtchn_unmask(struct domain *curr, uint32_t port)
{
	struct evtchn *chn = port_chn(curr, port);

	if (!chn)
		return -PV_EINVAL;
	/* A free port (or port 0) is left as it is, and that is not an error. */
	if (usable(chn))
		curr->evtchn->ops->unmask(curr, domain_vcpu(curr, chn->notify_vcpu), chn);
	return 0;
}

int evtchn_set_priority(struct domain *curr, uint32_t port, uint32_t priority)
{
	struct evtchn *chn = port_chn(curr, port);

	if (!chn)
		return -PV_EINVAL;
	/* Priorities are FIFO-only: the two-level ABI has none. */
	if (!curr->evtchn->ops->set_priority)
		return -PV_ENOSYS;
	if (!usable(chn))
		return -PV_EACCES;
	return curr->evtchn->ops->set_priority(curr, chn, priority);
}

int evtchn_init_control(struct domain *curr, struct pv_evtchn_init_control *c)
{
	/* Xen makes the port table with the domain: no table is only ever -ENOMEM. */
	return table(curr) ? evtchn_fifo_init_control(curr, c) : -PV_ENOMEM;
}

int evtchn_expand_array(struct domain *curr, uint64_t array_gfn)
{
	return evtchn_fifo_expand_array(curr, array_gfn);
}

/* How often (in ports) a reset checks for preemption: Xen's choice. */
#define RESET_PREEMPT_PORTS 64

int evtchn_reset(struct domain *curr, struct domain *d, bool resuming)
{
	struct evtchn_domain *t;
	unsigned int port;

	/* Another domain only while its controller has it paused: never, yet. */
	if (d != curr)
		return -PV_EINVAL;
	t = table(d);
	if (!t)
		return -PV_ENOMEM;
	/*
	 * A fresh reset starts at port 1 unless one is already in progress
	 * (-EBUSY); a continuation resumes where it stopped, or finds none
	 * in progress (-EBUSY too).
	 */
	port = resuming ? t->reset_next : !t->reset_next;
	if (port > t->reset_next)
		t->reset_next = port;
	if (!port)
		return -PV_EBUSY;
	for (; port < t->valid && t->active; port++) {
		close_port(d, port);
		if (!(port % RESET_PREEMPT_PORTS) && hypercall_preempt_check()) {
			t->reset_next = port;
			return EVTCHN_RESET_PREEMPTED;
		}
	}
	t->reset_next = 0;
	if (t->active)
		return -PV_EAGAIN;
	/* Every port closed: the domain is back on the two-level ABI. */
	evtchn_fifo_destroy(d);
	return 0;
}

/* ---- Virtual IRQs ---- */

int evtchn_port_poll(struct domain *d, uint32_t port)
{
	struct evtchn *chn = port_chn(d, port);

	if (!chn || !usable(chn))
		return -PV_EINVAL;
	return d->evtchn->ops->is_pending(d, chn);
}

int evtchn_send_virq(struct vcpu *v, unsigned int virq)
{
	struct domain *d = v->domain;
	unsigned int port;

	if (virq >= PV_NR_VIRQS || virq_is_global(virq))
		return -PV_EINVAL;
	if (!d->evtchn || !(port = d->evtchn->virq_port[v->id][virq]))
		return -PV_ENOENT;
	set_pending(d, v->id, port_chn(d, port));
	return 0;
}

int evtchn_send_global_virq(struct domain *d, unsigned int virq)
{
	struct evtchn *chn;
	unsigned int port;

	if (virq >= PV_NR_VIRQS || !virq_is_global(virq))
		return -PV_EINVAL;
	if (!d || !d->evtchn || !(port = d->evtchn->virq_port[0][virq]))
		return -PV_ENOENT;
	chn = port_chn(d, port);
	set_pending(d, chn->notify_vcpu, chn);
	return 0;
}

/*
 * Global virqs go to the hardware domain, dom0 (Xen can hand each to
 * another domain through a domctl Ringvisor does not have yet).
 */
int evtchn_send_global_virq_to_handler(unsigned int virq)
{
	return evtchn_send_global_virq(domain_find(0), virq);
}

bool evtchn_virq_bound(const struct vcpu *v, unsigned int virq)
{
	const struct evtchn_domain *t = v->domain->evtchn;

	if (!t || virq >= PV_NR_VIRQS)
		return false;
	return t->virq_port[virq_is_global(virq) ? 0 : v->id][virq] != 0;
}

/* ---- Domain death ---- */

void evtchn_domain_destroy(struct domain *d)
{
	struct evtchn_domain *t = d->evtchn;

	if (!t)
		return;
	/* From the top down, as Xen; port 0 stays reserved. */
	for (unsigned int port = t->valid; --port;)
		close_port(d, port);
	evtchn_fifo_destroy(d);
}

void evtchn_domain_free(struct domain *d)
{
	struct evtchn_domain *t = d->evtchn;

	if (!t)
		return;
	for (unsigned int b = 0; b < EVTCHN_NR_BUCKETS; b++)
		xfree(t->buckets[b]);
	xfree(t);
	d->evtchn = NULL;
}
