/*
 * Tests for event channels (hypervisor/common/event/ and
 * common/hypercall/event_channel_op.c): every sub-op through the hypercall
 * handler with Xen 4.17's error codes, the two-level bitmaps in a fake
 * shared_info page (pending, mask, the vCPU's selector and upcall flag,
 * and the kicks), loopback and two-domain channels, closing either end,
 * virq and IPI rules (console input and domain crashes raising dom0's
 * global virqs), reset with its continuation, and teardown at domain
 * death.
 *
 * Each test starts from a fresh world: a frame table with nothing
 * allocated, fake machine memory whose frames 1 and 2 are the shared_info
 * pages of `d0` (domain 0, privileged: the global virq handler) and `du`
 * (domain 1), each with vCPUs 0 and 1.  finish() kills and reaps them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console_input.h"
#include "domain.h"
#include "evtchn.h"
#include "frame.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/physdev.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall.h"
#include "pirq.h"

#define EV_FRAMES 4
#define SELF PV_DOMID_SELF
#define RESET_CONT 14
#define BAD_VA 0x1000ull

static struct frame ev_table[EV_FRAMES];
static uint64_t ev_memory[EV_FRAMES * 512];
static struct domain *d0, *du;

static struct domain *make(uint16_t domid, bool privileged, uint64_t si_mfn)
{
	struct domain *d = domain_create(domid, privileged ? "ev0" : "evu", privileged);

	if (!d || !vcpu_create(d, 0) || !vcpu_create(d, 1))
		abort();
	d->state = DOMAIN_RUNNING;
	d->shared_info_mfn = si_mfn;
	return d;
}

static void start(void)
{
	memset(ev_table, 0, sizeof(ev_table));
	memset(ev_memory, 0, sizeof(ev_memory));
	frames_init(ev_table, EV_FRAMES);
	host_frame_memory_set(ev_memory, EV_FRAMES);
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	host_preempt = false;
	host_continued_nr = 0;
	memset(host_continued_args, 0, sizeof(host_continued_args));
	host_vcpu_kicks = 0;
	host_last_kicked = NULL;
	d0 = make(0, true, 1);
	du = make(1, false, 2);
	host_current_domain = d0;
}

static void finish(void)
{
	for (struct domain *d = domain_first(); d; d = d->next)
		domain_shutdown(d, PV_SHUTDOWN_poweroff);
	domain_reap();
	CHECK_EQ(domain_count(), 0);
	host_frame_memory_set(NULL, 0);
	host_current_domain = NULL;
	host_preempt = false;
	console_capture_reset();
}

static struct pv_shared_info *si(struct domain *d)
{
	return domain_shared_info(d);
}

static bool pending(struct domain *d, unsigned int port)
{
	return si(d)->evtchn_pending[port / 64] >> (port % 64) & 1;
}

static void set_mask(struct domain *d, unsigned int port, bool on)
{
	uint64_t bit = 1ull << (port % 64);

	if (on)
		si(d)->evtchn_mask[port / 64] |= bit;
	else
		si(d)->evtchn_mask[port / 64] &= ~bit;
}

static struct pv_vcpu_info *vi(struct domain *d, unsigned int vcpu)
{
	return &si(d)->vcpu_info[vcpu];
}

/* Clears every pending bit, selector and upcall flag of @d, and the kicks. */
static void clear_events(struct domain *d)
{
	memset(si(d)->evtchn_pending, 0, sizeof(si(d)->evtchn_pending));
	for (unsigned int i = 0; i < PV_LEGACY_MAX_VCPUS; i++) {
		vi(d, i)->evtchn_pending_sel = 0;
		vi(d, i)->evtchn_upcall_pending = 0;
	}
	host_vcpu_kicks = 0;
	host_last_kicked = NULL;
}

/* Whether no port of @d is pending (selectors and upcall flags aside). */
static bool no_pending_bits(struct domain *d)
{
	for (unsigned int i = 0; i < PV_EVTCHN_WORDS; i++) {
		if (si(d)->evtchn_pending[i])
			return false;
	}
	return true;
}

/* Whether nothing at all is pending in @d. */
static bool quiet(struct domain *d)
{
	if (!no_pending_bits(d))
		return false;
	for (unsigned int i = 0; i < PV_LEGACY_MAX_VCPUS; i++) {
		if (vi(d, i)->evtchn_pending_sel || vi(d, i)->evtchn_upcall_pending)
			return false;
	}
	return true;
}

/* ---- The hypercall, as domain @as, with its argument in guest memory ---- */

static void *arg(void)
{
	return host_guest_memory;
}

static long op(struct domain *as, int cmd, const void *a, size_t len)
{
	host_current_domain = as;
	memcpy(arg(), a, len);
	return do_event_channel_op(cmd, HOST_GUEST_BASE);
}

/* Returns the port, or the error. */
static long alloc_unbound(struct domain *as, uint16_t dom, uint16_t remote)
{
	struct pv_evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote, .port = 0xdead };
	long rc = op(as, PV_EVTCHNOP_alloc_unbound, &a, sizeof(a));

	memcpy(&a, arg(), sizeof(a));
	return rc ? rc : (long)a.port;
}

static long bind_interdomain(struct domain *as, uint16_t remote, uint32_t rport)
{
	struct pv_evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = rport };
	long rc = op(as, PV_EVTCHNOP_bind_interdomain, &b, sizeof(b));

	memcpy(&b, arg(), sizeof(b));
	return rc ? rc : (long)b.local_port;
}

static long bind_virq(struct domain *as, uint32_t virq, uint32_t vcpu)
{
	struct pv_evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
	long rc = op(as, PV_EVTCHNOP_bind_virq, &b, sizeof(b));

	memcpy(&b, arg(), sizeof(b));
	return rc ? rc : (long)b.port;
}

static long bind_ipi(struct domain *as, uint32_t vcpu)
{
	struct pv_evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = op(as, PV_EVTCHNOP_bind_ipi, &b, sizeof(b));

	memcpy(&b, arg(), sizeof(b));
	return rc ? rc : (long)b.port;
}

static long port_op(struct domain *as, int cmd, uint32_t port)
{
	return op(as, cmd, &port, sizeof(port));
}

static long ev_close(struct domain *as, uint32_t port)
{
	return port_op(as, PV_EVTCHNOP_close, port);
}

static long ev_send(struct domain *as, uint32_t port)
{
	return port_op(as, PV_EVTCHNOP_send, port);
}

static long ev_unmask(struct domain *as, uint32_t port)
{
	return port_op(as, PV_EVTCHNOP_unmask, port);
}

static long bind_vcpu(struct domain *as, uint32_t port, uint32_t vcpu)
{
	struct pv_evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

	return op(as, PV_EVTCHNOP_bind_vcpu, &b, sizeof(b));
}

static long ev_status(struct domain *as, uint16_t dom, uint32_t port, struct pv_evtchn_status *out)
{
	struct pv_evtchn_status s = { .dom = dom, .port = port, .status = 0xee, .vcpu = 0xee };
	long rc;

	s.u.interdomain.dom = 0xabcd;
	s.u.interdomain.port = 0x12345678;
	rc = op(as, PV_EVTCHNOP_status, &s, sizeof(s));
	memcpy(out, arg(), sizeof(*out));
	return rc;
}

/* The status of @port of @dom as seen by @as; -1 on error. */
static long status_of(struct domain *as, uint16_t dom, uint32_t port)
{
	struct pv_evtchn_status s;

	return ev_status(as, dom, port, &s) ? -1 : (long)s.status;
}

static long ev_reset(struct domain *as, int cmd, uint16_t dom)
{
	struct pv_evtchn_reset r = { .dom = dom };

	return op(as, cmd, &r, sizeof(r));
}

/* ---- Tests ---- */

TEST(evtchn_port0_and_port_validity)
{
	struct pv_evtchn_status s;

	start();
	/* Port 0 is reserved: closed, but nothing can be done with it. */
	CHECK_EQ(ev_status(d0, SELF, 0, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_closed);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(ev_close(d0, 0), -PV_EINVAL);
	CHECK_EQ(ev_send(d0, 0), -PV_EINVAL);
	CHECK_EQ(ev_unmask(d0, 0), 0);
	CHECK_EQ(bind_vcpu(d0, 0, 0), -PV_EINVAL);
	/* The first bucket (64 ports) exists from the start: closed, not invalid. */
	CHECK_EQ(status_of(d0, SELF, 63), PV_EVTCHNSTAT_closed);
	CHECK_EQ(ev_status(d0, SELF, 64, &s), -PV_EINVAL);
	CHECK_EQ(ev_status(d0, SELF, 4096, &s), -PV_EINVAL);
	CHECK_EQ(ev_status(d0, SELF, 0xffffffff, &s), -PV_EINVAL);
	CHECK_EQ(ev_close(d0, 63), -PV_EINVAL);
	CHECK_EQ(ev_close(d0, 64), -PV_EINVAL);
	CHECK_EQ(ev_send(d0, 63), -PV_EINVAL);
	CHECK_EQ(ev_send(d0, 5000), -PV_EINVAL);
	CHECK_EQ(ev_unmask(d0, 63), 0);
	CHECK_EQ(ev_unmask(d0, 64), -PV_EINVAL);
	/* A free port's mask bit is left alone by unmask, as on Xen. */
	set_mask(d0, 5, true);
	CHECK_EQ(ev_unmask(d0, 5), 0);
	CHECK(si(d0)->evtchn_mask[0] & (1ull << 5));
	/* The first port handed out is 1. */
	CHECK_EQ(alloc_unbound(d0, SELF, SELF), 1);
	CHECK(quiet(d0));
	finish();
}

TEST(evtchn_alloc_unbound_rules)
{
	struct pv_evtchn_status s;

	start();
	/* DOMID_SELF as remote is the caller; the own id works as dom. */
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 1);
	CHECK_EQ(ev_status(du, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 1);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(alloc_unbound(du, 1, 0), 2);
	CHECK_EQ(ev_status(du, 1, 2, &s), 0);
	CHECK_EQ(s.u.unbound.dom, 0);
	/* Any remote id is accepted, existing or not. */
	CHECK_EQ(alloc_unbound(du, SELF, 0x7ff1), 3);
	CHECK_EQ(alloc_unbound(du, SELF, 999), 4);
	CHECK_EQ(ev_status(du, SELF, 4, &s), 0);
	CHECK_EQ(s.u.unbound.dom, 999);
	/* Unknown domain; another one without privilege (no port taken there). */
	CHECK_EQ(alloc_unbound(du, 77, SELF), -PV_ESRCH);
	CHECK_EQ(alloc_unbound(du, 0, SELF), -PV_EPERM);
	CHECK_EQ(status_of(d0, SELF, 1), PV_EVTCHNSTAT_closed);
	/* The privileged domain allocates in another; SELF is then itself. */
	CHECK_EQ(alloc_unbound(d0, 1, SELF), 5);
	CHECK_EQ(ev_status(du, SELF, 5, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 0);
	CHECK_EQ(alloc_unbound(d0, SELF, SELF), 1);
	/* Bad argument pointers. */
	host_current_domain = du;
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_alloc_unbound, BAD_VA), -PV_EFAULT);
	/* 8 bytes, one past the end of guest memory. */
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_alloc_unbound,
				     HOST_GUEST_BASE + HOST_GUEST_SIZE - 7),
		 -PV_EFAULT);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 6);
	CHECK(quiet(du));
	finish();
}

TEST(evtchn_exhaustion_and_buckets)
{
	long port = 0;

	start();
	for (unsigned int i = 1; i < PV_EVTCHN_2L_NR_CHANNELS; i++) {
		port = alloc_unbound(du, SELF, SELF);
		if (port != (long)i)
			break;
		/* Storage grows a bucket of 64 at a time. */
		if (i % 64 == 63)
			CHECK_EQ(status_of(du, SELF, i + 1), -1);
		if (i % 64 == 0)
			CHECK_EQ(status_of(du, SELF, i + 1), PV_EVTCHNSTAT_closed);
	}
	CHECK_EQ(port, PV_EVTCHN_2L_NR_CHANNELS - 1);
	CHECK_EQ(status_of(du, SELF, 4095), PV_EVTCHNSTAT_unbound);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), -PV_ENOSPC);
	CHECK_EQ(bind_ipi(du, 0), -PV_ENOSPC);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 0), -PV_ENOSPC);
	CHECK_EQ(bind_interdomain(du, SELF, 7), -PV_ENOSPC);
	/* A port closed is the next one given. */
	CHECK_EQ(ev_close(du, 1000), 0);
	CHECK_EQ(bind_ipi(du, 1), 1000);
	CHECK_EQ(ev_close(du, 17), 0);
	CHECK_EQ(ev_close(du, 4095), 0);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 17);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 4095);
	finish();
}

TEST(evtchn_loopback_bitmaps)
{
	struct pv_evtchn_status s;
	long a, b;

	start();
	a = alloc_unbound(du, SELF, SELF);
	CHECK_EQ(a, 1);
	CHECK(quiet(du));
	b = bind_interdomain(du, SELF, (uint32_t)a);
	CHECK_EQ(b, 2);
	/* Binding raises the new port, in case a send on the other was dropped. */
	CHECK(pending(du, 2));
	CHECK(!pending(du, 1));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(host_vcpu_kicks, 1);
	CHECK(host_last_kicked == du->vcpus[0]);
	CHECK_EQ(ev_status(du, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, 1);
	CHECK_EQ(s.u.interdomain.port, 2);
	CHECK_EQ(ev_status(du, 1, 2, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.port, 1);
	CHECK_EQ(s.vcpu, 0);

	/* Unmasked: pending bit, selector bit, upcall flag, one kick. */
	clear_events(du);
	CHECK_EQ(ev_send(du, 2), 0);
	CHECK(pending(du, 1));
	CHECK(!pending(du, 2));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* Already pending: nothing more happens. */
	vi(du, 0)->evtchn_pending_sel = 0;
	vi(du, 0)->evtchn_upcall_pending = 0;
	CHECK_EQ(ev_send(du, 2), 0);
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 0);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* Selector bit already set: the upcall flag is not raised again. */
	clear_events(du);
	vi(du, 0)->evtchn_pending_sel = 1;
	CHECK_EQ(ev_send(du, 1), 0);
	CHECK(pending(du, 2));
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	CHECK_EQ(host_vcpu_kicks, 0);
	/* Upcall flag already set: a new selector bit, but no kick. */
	clear_events(du);
	vi(du, 0)->evtchn_upcall_pending = 1;
	CHECK_EQ(ev_send(du, 1), 0);
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1);
	CHECK_EQ(host_vcpu_kicks, 0);

	/* Masked: only the pending bit; unmask then delivers. */
	clear_events(du);
	set_mask(du, 1, true);
	CHECK_EQ(ev_send(du, 2), 0);
	CHECK(pending(du, 1));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 0);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	CHECK_EQ(host_vcpu_kicks, 0);
	CHECK_EQ(ev_unmask(du, 1), 0);
	CHECK_EQ(si(du)->evtchn_mask[0], 0);
	CHECK(pending(du, 1));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* Unmasking what is not masked, or masked but not pending, delivers nothing. */
	clear_events(du);
	si(du)->evtchn_pending[0] = 1ull << 1;
	CHECK_EQ(ev_unmask(du, 1), 0);
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 0);
	si(du)->evtchn_pending[0] = 0;
	set_mask(du, 1, true);
	CHECK_EQ(ev_unmask(du, 1), 0);
	CHECK_EQ(si(du)->evtchn_mask[0], 0);
	CHECK(quiet(du));

	/* Closing one end: it is freed with its pending bit; the other waits for us. */
	clear_events(du);
	CHECK_EQ(ev_send(du, 1), 0);
	set_mask(du, 2, true);
	CHECK(pending(du, 2));
	CHECK_EQ(ev_close(du, 2), 0);
	CHECK(!pending(du, 2));
	CHECK(si(du)->evtchn_mask[0] & (1ull << 2)); /* the mask stays */
	CHECK_EQ(ev_status(du, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 1);
	CHECK_EQ(status_of(du, SELF, 2), PV_EVTCHNSTAT_closed);
	CHECK_EQ(ev_close(du, 2), -PV_EINVAL);
	/* Unbound: a send is dropped. */
	clear_events(du);
	CHECK_EQ(ev_send(du, 1), 0);
	CHECK(quiet(du));
	/* And it can be bound to again. */
	CHECK_EQ(bind_interdomain(du, SELF, 1), 2);
	CHECK_EQ(ev_close(du, 1), 0);
	CHECK_EQ(status_of(du, SELF, 2), PV_EVTCHNSTAT_unbound);
	CHECK_EQ(ev_close(du, 2), 0);
	CHECK_EQ(status_of(du, SELF, 1), PV_EVTCHNSTAT_closed);
	finish();
}

TEST(evtchn_ports_in_other_words)
{
	start();
	/* Ports 64 and up: their own pending word and selector bit. */
	for (unsigned int i = 1; i < 130; i++)
		CHECK_EQ(alloc_unbound(du, SELF, SELF), i);
	CHECK_EQ(bind_interdomain(du, SELF, 70), 130);
	clear_events(du);
	CHECK_EQ(ev_send(du, 130), 0);
	CHECK_EQ(si(du)->evtchn_pending[1], 1ull << (70 - 64));
	CHECK_EQ(si(du)->evtchn_pending[0], 0);
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1ull << 1);
	CHECK_EQ(ev_send(du, 70), 0);
	CHECK_EQ(si(du)->evtchn_pending[2], 1ull << (130 - 128));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, (1ull << 1) | (1ull << 2));
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(host_vcpu_kicks, 1);
	finish();
}

TEST(evtchn_bind_interdomain_errors)
{
	long ipi, other;

	start();
	ipi = bind_ipi(du, 0);
	CHECK_EQ(ipi, 1);
	other = alloc_unbound(du, SELF, 0);
	CHECK_EQ(other, 2);
	CHECK_EQ(bind_interdomain(du, 77, 1), -PV_ESRCH);
	CHECK_EQ(bind_interdomain(du, SELF, 0), -PV_EINVAL);    /* reserved */
	CHECK_EQ(bind_interdomain(du, SELF, 5), -PV_EINVAL);    /* free */
	CHECK_EQ(bind_interdomain(du, SELF, 64), -PV_EINVAL);   /* no storage */
	CHECK_EQ(bind_interdomain(du, SELF, 5000), -PV_EINVAL); /* beyond the ABI */
	CHECK_EQ(bind_interdomain(du, SELF, (uint32_t)ipi), -PV_EINVAL);
	/* Offered to domain 0, not to us. */
	CHECK_EQ(bind_interdomain(du, SELF, (uint32_t)other), -PV_EINVAL);
	/* Domain 0 may bind it; then it is taken. */
	CHECK_EQ(bind_interdomain(d0, 1, (uint32_t)other), 1);
	CHECK_EQ(bind_interdomain(d0, 1, (uint32_t)other), -PV_EINVAL);
	/* Failed binds took no port. */
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 3);
	CHECK_EQ(alloc_unbound(d0, SELF, SELF), 2);
	host_current_domain = du;
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_bind_interdomain, BAD_VA), -PV_EFAULT);
	finish();
}

TEST(evtchn_two_domains)
{
	struct pv_evtchn_status s;
	long p0, p1;

	start();
	/* dom0 offers a port to domain 1, which binds to it. */
	p0 = alloc_unbound(d0, SELF, 1);
	CHECK_EQ(p0, 1);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 1); /* something local first */
	p1 = bind_interdomain(du, 0, (uint32_t)p0);
	CHECK_EQ(p1, 2);
	CHECK_EQ(ev_status(d0, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, 1);
	CHECK_EQ(s.u.interdomain.port, 2);
	/* The privileged domain may look at the other's ports, not the reverse. */
	CHECK_EQ(ev_status(d0, 1, 2, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, 0);
	CHECK_EQ(s.u.interdomain.port, 1);
	CHECK_EQ(ev_status(du, 0, 1, &s), -PV_EPERM);
	CHECK_EQ(ev_status(du, 0, 64, &s), -PV_EINVAL); /* the port is checked first */
	CHECK_EQ(ev_status(du, 55, 1, &s), -PV_ESRCH);
	/* Each send raises the other domain's end only. */
	clear_events(d0);
	clear_events(du);
	CHECK_EQ(ev_send(du, 2), 0);
	CHECK(pending(d0, 1));
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_pending, 1);
	CHECK(host_last_kicked == d0->vcpus[0]);
	CHECK(quiet(du));
	clear_events(d0);
	CHECK_EQ(ev_send(d0, 1), 0);
	CHECK(pending(du, 2));
	CHECK_EQ(vi(du, 0)->evtchn_pending_sel, 1);
	CHECK(host_last_kicked == du->vcpus[0]);
	CHECK(quiet(d0));
	/* domU closes its end: dom0's goes back to waiting for domain 1. */
	CHECK_EQ(ev_close(du, 2), 0);
	CHECK(!pending(du, 2));
	CHECK_EQ(ev_status(d0, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 1);
	clear_events(d0);
	clear_events(du);
	CHECK_EQ(ev_send(d0, 1), 0);
	CHECK(quiet(du));
	/* Bound again, then dom0 closes: domU's end waits for domain 0. */
	CHECK_EQ(bind_interdomain(du, 0, 1), 2);
	CHECK_EQ(ev_close(d0, 1), 0);
	CHECK_EQ(ev_status(du, SELF, 2, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 0);
	CHECK_EQ(status_of(d0, SELF, 1), PV_EVTCHNSTAT_closed);
	/* And dom0 can bind to it in turn. */
	CHECK_EQ(bind_interdomain(d0, 1, 2), 1);
	CHECK_EQ(status_of(du, SELF, 2), PV_EVTCHNSTAT_interdomain);
	finish();
}

TEST(evtchn_notify_vcpu)
{
	struct pv_evtchn_status s;
	long a, b;

	start();
	a = alloc_unbound(du, SELF, SELF);
	/* bind_vcpu: the vCPU is checked before the port. */
	CHECK_EQ(bind_vcpu(du, 9999, 2), -PV_ENOENT);
	CHECK_EQ(bind_vcpu(du, 9999, 32), -PV_ENOENT);
	CHECK_EQ(bind_vcpu(du, 9999, 1), -PV_EINVAL);
	CHECK_EQ(bind_vcpu(du, 5, 1), -PV_EINVAL); /* free */
	/* An unbound port keeps its vCPU when bound to. */
	CHECK_EQ(bind_vcpu(du, (uint32_t)a, 1), 0);
	CHECK_EQ(ev_status(du, SELF, (uint32_t)a, &s), 0);
	CHECK_EQ(s.vcpu, 1);
	b = bind_interdomain(du, SELF, (uint32_t)a);
	/* The new port notifies vCPU 0, raised at bind. */
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 0);
	clear_events(du);
	CHECK_EQ(ev_send(du, (uint32_t)b), 0);
	CHECK_EQ(vi(du, 1)->evtchn_pending_sel, 1);
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	CHECK(host_last_kicked == du->vcpus[1]);
	/* Interdomain ports move too; unmask notifies the port's vCPU. */
	CHECK_EQ(bind_vcpu(du, (uint32_t)b, 1), 0);
	clear_events(du);
	set_mask(du, (unsigned int)b, true);
	CHECK_EQ(ev_send(du, (uint32_t)a), 0);
	CHECK(quiet(du) == false);
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 0);
	CHECK_EQ(ev_unmask(du, (uint32_t)b), 0);
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	/* Closing frees the vCPU binding: the port notifies vCPU 0 again. */
	CHECK_EQ(ev_close(du, (uint32_t)b), 0);
	CHECK_EQ(ev_status(du, SELF, (uint32_t)b, &s), 0);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(ev_status(du, SELF, (uint32_t)a, &s), 0);
	CHECK_EQ(s.vcpu, 1); /* the other end keeps its own */
	finish();
}

TEST(evtchn_ipi)
{
	struct pv_evtchn_status s;
	long p;

	start();
	CHECK_EQ(bind_ipi(du, 2), -PV_ENOENT);
	CHECK_EQ(bind_ipi(du, 0xffffffff), -PV_ENOENT);
	p = bind_ipi(du, 1);
	CHECK_EQ(p, 1);
	CHECK_EQ(ev_status(du, SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_ipi);
	CHECK_EQ(s.vcpu, 1);
	CHECK_EQ(s.u.interdomain.dom, 0xabcd); /* the union is left as passed */
	CHECK(quiet(du));
	CHECK_EQ(ev_send(du, 1), 0);
	CHECK(pending(du, 1));
	CHECK_EQ(vi(du, 1)->evtchn_pending_sel, 1);
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 1);
	CHECK_EQ(vi(du, 0)->evtchn_upcall_pending, 0);
	CHECK(host_last_kicked == du->vcpus[1]);
	/* An IPI port stays on its vCPU. */
	CHECK_EQ(bind_vcpu(du, 1, 0), -PV_EINVAL);
	CHECK_EQ(bind_ipi(du, 1), 2); /* several per vCPU are fine */
	CHECK_EQ(ev_close(du, 1), 0);
	CHECK(!pending(du, 1));
	CHECK_EQ(ev_send(du, 1), -PV_EINVAL);
	host_current_domain = du;
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_bind_ipi, BAD_VA), -PV_EFAULT);
	finish();
}

TEST(evtchn_virq_binding_rules)
{
	struct pv_evtchn_status s;
	long t0, t1, con, arch;

	start();
	/* Per-vCPU virqs: one port each per vCPU. */
	t0 = bind_virq(du, PV_VIRQ_TIMER, 0);
	t1 = bind_virq(du, PV_VIRQ_TIMER, 1);
	CHECK_EQ(t0, 1);
	CHECK_EQ(t1, 2);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 0), -PV_EEXIST);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 1), -PV_EEXIST);
	CHECK_EQ(bind_virq(du, PV_VIRQ_DEBUG, 1), 3);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 2), -PV_ENOENT);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 0xffffffff), -PV_ENOENT);
	/* Bad virqs, and global ones elsewhere than vCPU 0 (checked before the vCPU). */
	CHECK_EQ(bind_virq(du, PV_NR_VIRQS, 0), -PV_EINVAL);
	CHECK_EQ(bind_virq(du, 0xffffffff, 0), -PV_EINVAL);
	CHECK_EQ(bind_virq(du, PV_VIRQ_CONSOLE, 1), -PV_EINVAL);
	CHECK_EQ(bind_virq(du, PV_VIRQ_DOM_EXC, 5), -PV_EINVAL);
	CHECK_EQ(bind_virq(du, PV_VIRQ_ARCH_0, 1), -PV_EINVAL);
	/* As on Xen 4.17, any domain may bind a global virq (only the handler gets it). */
	con = bind_virq(du, PV_VIRQ_CONSOLE, 0);
	CHECK_EQ(con, 4);
	CHECK_EQ(bind_virq(du, PV_VIRQ_CONSOLE, 0), -PV_EEXIST);
	arch = bind_virq(du, PV_VIRQ_ARCH_0, 0);
	CHECK_EQ(arch, 5);
	CHECK_EQ(bind_virq(du, 5, 0), 6); /* an unused number, global */
	CHECK_EQ(ev_status(du, SELF, 2, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_virq);
	CHECK_EQ(s.u.virq, PV_VIRQ_TIMER);
	CHECK_EQ(s.vcpu, 1);
	CHECK_EQ(ev_status(du, SELF, 4, &s), 0);
	CHECK_EQ(s.u.virq, PV_VIRQ_CONSOLE);
	CHECK_EQ(s.vcpu, 0);
	/* Nothing can be sent on a virq port. */
	CHECK_EQ(ev_send(du, 1), -PV_EINVAL);
	CHECK_EQ(ev_send(du, 4), -PV_EINVAL);
	/* A per-vCPU virq stays on its vCPU; a global one moves. */
	CHECK_EQ(bind_vcpu(du, 1, 1), -PV_EINVAL);
	CHECK_EQ(bind_vcpu(du, 4, 1), 0);
	CHECK_EQ(ev_status(du, SELF, 4, &s), 0);
	CHECK_EQ(s.vcpu, 1);
	/* Closing frees the virq for binding again (a moved global one too). */
	CHECK_EQ(ev_close(du, 4), 0);
	CHECK_EQ(ev_close(du, 2), 0);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 1), 2);
	CHECK_EQ(bind_virq(du, PV_VIRQ_CONSOLE, 0), 4);
	host_current_domain = du;
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_bind_virq, BAD_VA), -PV_EFAULT);
	finish();
}

TEST(evtchn_virq_sending)
{
	long t1, con, exc;

	start();
	/* Not bound yet; wrong kind of virq for each function. */
	CHECK_EQ(evtchn_send_virq(du->vcpus[0], PV_VIRQ_TIMER), -PV_ENOENT);
	CHECK_EQ(evtchn_send_virq(du->vcpus[0], PV_VIRQ_CONSOLE), -PV_EINVAL);
	CHECK_EQ(evtchn_send_virq(du->vcpus[0], PV_NR_VIRQS), -PV_EINVAL);
	CHECK_EQ(evtchn_send_global_virq(du, PV_VIRQ_TIMER), -PV_EINVAL);
	CHECK_EQ(evtchn_send_global_virq(du, PV_VIRQ_CONSOLE), -PV_ENOENT);
	CHECK_EQ(evtchn_send_global_virq(NULL, PV_VIRQ_CONSOLE), -PV_ENOENT);
	CHECK_EQ(evtchn_send_global_virq_to_handler(PV_VIRQ_CONSOLE), -PV_ENOENT);
	CHECK(!evtchn_virq_bound(du->vcpus[1], PV_VIRQ_TIMER));

	t1 = bind_virq(du, PV_VIRQ_TIMER, 1);
	CHECK(evtchn_virq_bound(du->vcpus[1], PV_VIRQ_TIMER));
	CHECK(!evtchn_virq_bound(du->vcpus[0], PV_VIRQ_TIMER));
	CHECK_EQ(evtchn_send_virq(du->vcpus[0], PV_VIRQ_TIMER), -PV_ENOENT);
	CHECK_EQ(evtchn_send_virq(du->vcpus[1], PV_VIRQ_TIMER), 0);
	CHECK(pending(du, (unsigned int)t1));
	CHECK_EQ(vi(du, 1)->evtchn_upcall_pending, 1);
	CHECK(host_last_kicked == du->vcpus[1]);

	/* A global virq goes to the vCPU its port notifies. */
	con = bind_virq(d0, PV_VIRQ_CONSOLE, 0);
	CHECK(evtchn_virq_bound(d0->vcpus[1], PV_VIRQ_CONSOLE)); /* global: any vCPU */
	CHECK_EQ(bind_vcpu(d0, (uint32_t)con, 1), 0);
	CHECK_EQ(evtchn_send_global_virq_to_handler(PV_VIRQ_CONSOLE), 0);
	CHECK(pending(d0, (unsigned int)con));
	CHECK_EQ(vi(d0, 1)->evtchn_upcall_pending, 1);
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_pending, 0);
	/* The handler is dom0: domain 1's binding hears nothing. */
	CHECK_EQ(bind_virq(du, PV_VIRQ_CONSOLE, 0), 2);
	clear_events(du);
	CHECK_EQ(evtchn_send_global_virq_to_handler(PV_VIRQ_CONSOLE), 0);
	CHECK(quiet(du));
	CHECK_EQ(evtchn_send_global_virq(du, PV_VIRQ_CONSOLE), 0);
	CHECK(pending(du, 2));

	/* A domain dying raises VIRQ_DOM_EXC in dom0. */
	exc = bind_virq(d0, PV_VIRQ_DOM_EXC, 0);
	clear_events(d0);
	domain_shutdown(du, PV_SHUTDOWN_poweroff);
	CHECK(pending(d0, (unsigned int)exc));
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_pending, 1);
	/* A dead domain's virqs are gone. */
	CHECK_EQ(evtchn_send_virq(du->vcpus[1], PV_VIRQ_TIMER), -PV_ENOENT);
	finish();
}

/*
 * Console input raises VIRQ_CONSOLE in dom0 for every byte, a dropped
 * one too (as on Xen); any domain crashing raises VIRQ_DOM_EXC.
 */
TEST(evtchn_console_and_dom_exc_virqs)
{
	uint64_t buf = host_guest_addr(host_guest_memory);
	long con, exc;

	start();
	while (console_input_read(CONSOLE_INPUT_SIZE, buf) > 0)
		; /* input other tests left */
	/* Unbound: the input still waits in the ring. */
	console_input_receive('a');
	CHECK(quiet(d0));
	con = bind_virq(d0, PV_VIRQ_CONSOLE, 0);
	exc = bind_virq(d0, PV_VIRQ_DOM_EXC, 0);
	CHECK(quiet(d0));
	console_input_receive('b');
	CHECK(pending(d0, (unsigned int)con));
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_pending, 1);
	CHECK_EQ(console_input_read(2, buf), 2);
	CHECK(!memcmp(host_guest_memory, "ab", 2));
	for (unsigned int i = 0; i < CONSOLE_INPUT_SIZE; i++)
		console_input_receive('c');
	clear_events(d0);
	console_input_receive('d');
	CHECK(pending(d0, (unsigned int)con));
	CHECK_EQ(console_input_read(1000, buf), CONSOLE_INPUT_SIZE);
	CHECK_EQ(host_guest_memory[CONSOLE_INPUT_SIZE - 1], 'c');
	CHECK(!pending(d0, (unsigned int)exc));

	clear_events(d0);
	domain_crash(du);
	CHECK(pending(d0, (unsigned int)exc));
	CHECK(!pending(d0, (unsigned int)con));
	finish();
}

/* VIRQ_DEBUG binds per vCPU, closes and binds again (nothing raises it). */
TEST(evtchn_debug_virq_bind_close)
{
	long p0, p1;

	start();
	p0 = bind_virq(du, PV_VIRQ_DEBUG, 0);
	p1 = bind_virq(du, PV_VIRQ_DEBUG, 1);
	CHECK_EQ(p0, 1);
	CHECK_EQ(p1, 2);
	CHECK_EQ(bind_virq(du, PV_VIRQ_DEBUG, 0), -PV_EEXIST);
	CHECK(evtchn_virq_bound(du->vcpus[0], PV_VIRQ_DEBUG));
	CHECK_EQ(evtchn_send_virq(du->vcpus[1], PV_VIRQ_DEBUG), 0);
	CHECK(pending(du, 2));
	CHECK(!pending(du, 1));
	CHECK_EQ(ev_close(du, 1), 0);
	CHECK(!evtchn_virq_bound(du->vcpus[0], PV_VIRQ_DEBUG));
	CHECK_EQ(evtchn_send_virq(du->vcpus[0], PV_VIRQ_DEBUG), -PV_ENOENT);
	CHECK_EQ(bind_virq(du, PV_VIRQ_DEBUG, 0), 1);
	finish();
}

TEST(evtchn_unsupported_and_unknown_ops)
{
	struct pv_evtchn_set_priority sp = { .port = 1, .priority = 3 };
	struct pv_evtchn_bind_pirq bp = { .pirq = 1 };
	struct pv_evtchn_expand_array ea = { .array_gfn = 5 };
	struct pv_evtchn_init_control ic = { .control_gfn = 5 };

	start();
	host_current_domain = du;
	/* The FIFO sub-ops of a two-level domain (a frame it does not own: it stays two-level). */
	CHECK_EQ(op(du, PV_EVTCHNOP_init_control, &ic, sizeof(ic)), -PV_EINVAL);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_init_control, BAD_VA), -PV_EFAULT);
	CHECK_EQ(op(du, PV_EVTCHNOP_expand_array, &ea, sizeof(ea)), -PV_EOPNOTSUPP);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_expand_array, BAD_VA), -PV_EFAULT);
	/* set_priority: a valid port (even a free one) gets -ENOSYS, else -EINVAL. */
	CHECK_EQ(op(du, PV_EVTCHNOP_set_priority, &sp, sizeof(sp)), -PV_ENOSYS);
	sp.port = 64;
	CHECK_EQ(op(du, PV_EVTCHNOP_set_priority, &sp, sizeof(sp)), -PV_EINVAL);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_set_priority, BAD_VA), -PV_EFAULT);
	CHECK_EQ(op(du, PV_EVTCHNOP_bind_pirq, &bp, sizeof(bp)), -PV_EPERM);
	CHECK_EQ(op(d0, PV_EVTCHNOP_bind_pirq, &bp, sizeof(bp)), -PV_EPERM);
	host_current_domain = du;
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_bind_pirq, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(15, HOST_GUEST_BASE), -PV_ENOSYS);
	CHECK_EQ(do_event_channel_op(-1, HOST_GUEST_BASE), -PV_ENOSYS);
	CHECK_EQ(do_event_channel_op(0x7fffffff, HOST_GUEST_BASE), -PV_ENOSYS);
	/* The port-only sub-ops read their argument. */
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_close, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_send, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_unmask, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_bind_vcpu, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_status, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_reset, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_event_channel_op(RESET_CONT, BAD_VA), -PV_EFAULT);
	/* None of that took a port. */
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 1);
	finish();
}

TEST(evtchn_reset)
{
	struct pv_evtchn_status s;
	long p0;

	start();
	p0 = alloc_unbound(d0, SELF, 1);
	CHECK_EQ(bind_interdomain(du, 0, (uint32_t)p0), 1);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 0), 2);
	CHECK_EQ(bind_ipi(du, 1), 3);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 4);
	CHECK_EQ(bind_interdomain(du, SELF, 4), 5);
	/* Who may reset whom. */
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, 77), -PV_ESRCH);
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, 0), -PV_EPERM);
	CHECK_EQ(ev_reset(d0, PV_EVTCHNOP_reset, 1), -PV_EINVAL); /* not paused */
	/* A continuation with no reset in progress. */
	CHECK_EQ(ev_reset(du, RESET_CONT, SELF), -PV_EBUSY);
	/* Everything closes; the peer's port waits for domain 1 again. */
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, SELF), 0);
	for (unsigned int p = 0; p < 64; p++)
		CHECK_EQ(status_of(du, SELF, p), PV_EVTCHNSTAT_closed);
	CHECK(no_pending_bits(du));
	CHECK_EQ(ev_status(d0, SELF, (uint32_t)p0, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 1);
	CHECK(!evtchn_virq_bound(du->vcpus[0], PV_VIRQ_TIMER));
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 0), 1);
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, 1), 0); /* the own id works too */
	CHECK_EQ(status_of(du, SELF, 1), PV_EVTCHNSTAT_closed);
	finish();
}

TEST(evtchn_reset_continues)
{
	start();
	for (unsigned int i = 1; i < 300; i++)
		CHECK_EQ(alloc_unbound(du, SELF, SELF), i);
	/* Preempted at port 64: the guest is made to call the continuation. */
	host_preempt = true;
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, SELF), 0x7fff);
	CHECK_EQ(host_continued_nr, PV_HYPERVISOR_event_channel_op);
	CHECK_EQ(host_continued_nargs, 2);
	CHECK_EQ(host_continued_args[0], RESET_CONT);
	CHECK_EQ(host_continued_args[1], HOST_GUEST_BASE);
	CHECK_EQ(status_of(du, SELF, 64), PV_EVTCHNSTAT_closed);
	CHECK_EQ(status_of(du, SELF, 65), PV_EVTCHNSTAT_unbound);
	/* A fresh reset meanwhile is refused. */
	CHECK_EQ(ev_reset(du, PV_EVTCHNOP_reset, SELF), -PV_EBUSY);
	/* As on Xen, it resumes at the port where it stopped, and checks again there. */
	CHECK_EQ(ev_reset(du, RESET_CONT, SELF), 0x7fff);
	CHECK_EQ(status_of(du, SELF, 65), PV_EVTCHNSTAT_unbound);
	host_preempt = false;
	CHECK_EQ(ev_reset(du, RESET_CONT, SELF), 0);
	for (unsigned int i = 1; i < 300; i++)
		CHECK_EQ(status_of(du, SELF, i), PV_EVTCHNSTAT_closed);
	CHECK_EQ(ev_reset(du, RESET_CONT, SELF), -PV_EBUSY);
	/* Storage stays: the ports are closed, not invalid. */
	CHECK_EQ(status_of(du, SELF, 319), PV_EVTCHNSTAT_closed);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 1);
	finish();
}

TEST(evtchn_teardown_at_death)
{
	struct pv_evtchn_status s;
	long p0, q0;

	start();
	/* domain 1 holds a channel to dom0 and one dom0 offered it but it never bound. */
	p0 = alloc_unbound(d0, SELF, 1);
	q0 = alloc_unbound(d0, SELF, 1);
	CHECK_EQ(bind_interdomain(du, 0, (uint32_t)p0), 1);
	CHECK_EQ(alloc_unbound(du, SELF, SELF), 2);
	CHECK_EQ(bind_interdomain(du, SELF, 2), 3);
	CHECK_EQ(bind_virq(du, PV_VIRQ_TIMER, 1), 4);
	CHECK_EQ(alloc_unbound(d0, 1, 0), 5); /* dom0 made one in domain 1 */
	clear_events(d0);
	host_current_domain = d0;
	domain_crash(du);
	/* dom0's end is unbound again, waiting for domain 1; nothing raised. */
	CHECK_EQ(ev_status(d0, SELF, (uint32_t)p0, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 1);
	CHECK_EQ(status_of(d0, SELF, (uint32_t)q0), PV_EVTCHNSTAT_unbound);
	CHECK(quiet(d0));
	CHECK_EQ(ev_send(d0, (uint32_t)p0), 0);
	CHECK(quiet(d0));
	/* The dead domain is gone for event channels. */
	CHECK_EQ(ev_status(d0, 1, 1, &s), -PV_ESRCH);
	CHECK_EQ(alloc_unbound(d0, 1, SELF), -PV_ESRCH);
	CHECK_EQ(bind_interdomain(d0, 1, 5), -PV_ESRCH);
	CHECK_EQ(domain_reap(), 1);
	CHECK(d0->evtchn != NULL);
	/* dom0's own ports are closed when it dies too. */
	finish();
}

TEST(evtchn_no_shared_info)
{
	struct domain *bare;

	start();
	bare = make(9, false, 0);
	CHECK(domain_shared_info(bare) == NULL);
	CHECK(vcpu_shared_info(bare->vcpus[0]) == NULL);
	CHECK_EQ(alloc_unbound(bare, SELF, SELF), 1);
	CHECK_EQ(bind_interdomain(bare, SELF, 1), 2);
	CHECK_EQ(ev_send(bare, 1), 0);
	CHECK_EQ(ev_unmask(bare, 1), 0);
	CHECK_EQ(ev_close(bare, 1), 0);
	CHECK_EQ(host_vcpu_kicks, 0);
	/* vCPU n's vcpu_info is the nth of shared_info's. */
	CHECK(vcpu_shared_info(du->vcpus[1]) == &si(du)->vcpu_info[1]);
	finish();
}

/* ---- SCHEDOP_block and SCHEDOP_poll (common/sched/block.c) ---- */

static long poll_op(struct domain *as, const uint32_t *ports, uint32_t nr, uint64_t ports_va,
		    uint64_t timeout)
{
	struct pv_sched_poll p = { .ports = ports_va, .nr_ports = nr, .timeout = timeout };

	host_current_domain = as;
	if (ports)
		memcpy(host_guest_memory + 256, ports, nr * sizeof(*ports));
	memcpy(arg(), &p, sizeof(p));
	return do_sched_op(PV_SCHEDOP_poll, HOST_GUEST_BASE);
}

extern uint64_t host_timer_deadline;
void timers_run(uint64_t now);

TEST(sched_block_rules)
{
	struct vcpu *v;

	start();
	v = d0->vcpus[0];
	v->state = VCPU_RUNNABLE;
	/* An event waiting: block unmasks the upcall and returns at once. */
	vi(d0, 0)->evtchn_upcall_pending = 1;
	vi(d0, 0)->evtchn_upcall_mask = 1;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_block, 0), 0);
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_mask, 0);
	CHECK_EQ(v->state, VCPU_RUNNABLE);
	/* Nothing waiting: blocked; an event for it kicks it. */
	vi(d0, 0)->evtchn_upcall_pending = 0;
	vi(d0, 0)->evtchn_upcall_mask = 1;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_block, 0), 0);
	CHECK_EQ(vi(d0, 0)->evtchn_upcall_mask, 0);
	CHECK_EQ(v->state, VCPU_BLOCKED);
	CHECK(!v->polling);
	v->state = VCPU_RUNNABLE;
	finish();
}

TEST(sched_poll_rules)
{
	uint32_t ports[129] = { 0 };
	uint64_t va = HOST_GUEST_BASE + 256;
	struct vcpu *v;
	long a, b, c, d;

	start();
	v = d0->vcpus[0];
	v->state = VCPU_RUNNABLE;
	a = alloc_unbound(d0, SELF, SELF);
	b = bind_interdomain(d0, SELF, (uint32_t)a);
	c = alloc_unbound(d0, SELF, SELF);
	d = bind_interdomain(d0, SELF, (uint32_t)c);
	CHECK(a > 0 && b > 0 && c > 0 && d > 0);
	set_mask(d0, (unsigned int)a, true);
	set_mask(d0, (unsigned int)c, true);
	clear_events(d0);				/* binding raised the ports */
	/* An event waiting for delivery (upcall unmasked) ends a poll at once. */
	vi(d0, 0)->evtchn_upcall_pending = 1;
	CHECK_EQ(poll_op(d0, ports, 0, va, 0), 0);
	CHECK_EQ(v->state, VCPU_RUNNABLE);
	vi(d0, 0)->evtchn_upcall_pending = 0;

	CHECK_EQ(poll_op(d0, ports, 129, va, 0), -PV_EINVAL);
	CHECK_EQ(poll_op(d0, NULL, 1, BAD_VA, 0), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_poll, BAD_VA), -PV_EFAULT);
	ports[0] = 0;
	CHECK_EQ(poll_op(d0, ports, 1, va, 0), -PV_EINVAL);	/* port 0: not in use */
	ports[0] = 1000;
	CHECK_EQ(poll_op(d0, ports, 1, va, 0), -PV_EINVAL);	/* no such port */
	CHECK_EQ(v->state, VCPU_RUNNABLE);

	/* A listed port already pending: returns at once. */
	CHECK_EQ(ev_send(d0, (uint32_t)b), 0);
	CHECK(pending(d0, (unsigned int)a));
	ports[0] = (uint32_t)c;
	ports[1] = (uint32_t)a;
	CHECK_EQ(poll_op(d0, ports, 2, va, 0), 0);
	CHECK_EQ(v->state, VCPU_RUNNABLE);
	clear_events(d0);

	/* One port with a timeout: blocked; another port does not wake it, that one does. */
	ports[0] = (uint32_t)a;
	CHECK_EQ(poll_op(d0, ports, 1, va, 5000), 0);
	CHECK_EQ(v->state, VCPU_BLOCKED);
	CHECK(v->polling);
	CHECK_EQ(v->poll_evtchn, a);
	CHECK_EQ(host_timer_deadline, 5000);
	CHECK_EQ(ev_send(d0, (uint32_t)d), 0);		/* raises c (masked) */
	CHECK_EQ(host_vcpu_kicks, 0);
	CHECK(v->polling);
	CHECK_EQ(ev_send(d0, (uint32_t)b), 0);		/* raises a (masked) */
	CHECK_EQ(host_vcpu_kicks, 1);
	CHECK_EQ(host_last_kicked, v);
	CHECK(!v->polling);
	CHECK_EQ(host_timer_deadline, 0);		/* the timeout went */
	v->state = VCPU_RUNNABLE;
	clear_events(d0);

	/* The timeout wakes it. */
	CHECK_EQ(poll_op(d0, ports, 1, va, 7000), 0);
	CHECK_EQ(v->state, VCPU_BLOCKED);
	timers_run(6999);
	CHECK_EQ(host_vcpu_kicks, 0);
	timers_run(7000);
	CHECK_EQ(host_vcpu_kicks, 1);
	CHECK(!v->polling);
	v->state = VCPU_RUNNABLE;
	clear_events(d0);

	/* Several ports: any port wakes it (as Xen); no timeout arms no timer. */
	ports[0] = (uint32_t)a;
	ports[1] = (uint32_t)b;
	CHECK_EQ(poll_op(d0, ports, 2, va, 0), 0);
	CHECK_EQ(v->poll_evtchn, -1);
	CHECK_EQ(host_timer_deadline, 0);
	CHECK_EQ(ev_send(d0, (uint32_t)d), 0);
	CHECK_EQ(host_vcpu_kicks, 1);
	CHECK(!v->polling);
	v->state = VCPU_RUNNABLE;
	finish();
}

/* Binds @pirq of @as: the port, or the error. */
static long bind_pirq(struct domain *as, uint32_t pirq, uint32_t flags)
{
	struct pv_evtchn_bind_pirq b = { .pirq = pirq, .flags = flags, .port = 0xdead };
	long rc = op(as, PV_EVTCHNOP_bind_pirq, &b, sizeof(b));

	memcpy(&b, arg(), sizeof(b));
	return rc ? rc : (long)b.port;
}

/* A level-triggered GSI: delivered with the line masked until the EOI. */
TEST(evtchn_pirq_level_bind_deliver_eoi_close)
{
	struct pv_evtchn_status st;
	int pirq = 13;
	long port;

	start();
	host_gsi_mode[13] = HOST_GSI_SET | HOST_GSI_LEVEL;
	CHECK_EQ(bind_pirq(d0, 192, 0), -PV_EINVAL);
	CHECK_EQ(bind_pirq(d0, 13, 0), -PV_EPERM);
	CHECK_EQ(pirq_map_gsi(d0, d0, 13, &pirq), 0);
	port = bind_pirq(d0, 13, 0);
	CHECK_EQ(port, 1);
	CHECK(host_gsi_enabled[13]);
	/* A line in use cannot be set up. */
	CHECK_EQ(pirq_setup_gsi(d0, 13, 0, 0), -PV_EEXIST);
	CHECK_EQ(host_gsi_mode[13], HOST_GSI_SET | HOST_GSI_LEVEL);
	CHECK_EQ(bind_pirq(d0, 13, 0), -PV_EEXIST);
	CHECK_EQ(ev_status(d0, SELF, 1, &st), 0);
	CHECK_EQ(st.status, PV_EVTCHNSTAT_pirq);
	CHECK_EQ(st.u.pirq, 13);
	CHECK_EQ(st.vcpu, 0);
	/* Sending to a pirq port is refused; it may move to another vCPU. */
	CHECK_EQ(ev_send(d0, 1), -PV_EINVAL);
	CHECK_EQ(port_op(d0, PV_EVTCHNOP_bind_vcpu, 1), 0);

	/* The arch masks a level line as it arrives; it stays so until the EOI. */
	clear_events(d0);
	host_gsi_enabled[13] = false;
	pirq_interrupt(13);
	CHECK(pending(d0, 1));
	CHECK_EQ(host_vcpu_kicks, 1);
	CHECK(!host_gsi_enabled[13]);
	CHECK_EQ(pirq_eoi(d0, 13), 0);
	CHECK(host_gsi_enabled[13]);
	/* An EOI with nothing in flight changes nothing. */
	host_gsi_enabled[13] = false;
	CHECK_EQ(pirq_eoi(d0, 13), 0);
	CHECK(!host_gsi_enabled[13]);
	host_gsi_enabled[13] = true;

	/* A masked port still gets the interrupt as pending, without a kick. */
	clear_events(d0);
	set_mask(d0, 1, true);
	pirq_interrupt(13);
	CHECK(pending(d0, 1));
	CHECK_EQ(host_vcpu_kicks, 0);

	/* Closing unbinds, masks the line, and forgets the EOI it owed. */
	CHECK_EQ(ev_close(d0, 1), 0);
	CHECK(!host_gsi_enabled[13]);
	CHECK_EQ(ev_status(d0, SELF, 1, &st), 0);
	CHECK_EQ(st.status, PV_EVTCHNSTAT_closed);
	CHECK_EQ(bind_pirq(d0, 13, 0), 1);
	CHECK(host_gsi_enabled[13]);
	clear_events(d0);
	host_gsi_enabled[13] = false;
	pirq_interrupt(13);
	CHECK(pending(d0, 1));
	CHECK_EQ(pirq_eoi(d0, 13), 0);
	CHECK(host_gsi_enabled[13]);
	/* The domain's death closes it. */
	finish();
	CHECK(!host_gsi_enabled[13]);
}

/* An edge-triggered GSI, shared, unmapped while bound, the hypervisor's own. */
TEST(evtchn_pirq_share_unmap_reserved)
{
	int pirq;

	start();
	pirq = 14;
	CHECK_EQ(pirq_map_gsi(d0, d0, 14, &pirq), 0);
	pirq = 20;
	CHECK_EQ(pirq_map_gsi(d0, du, 14, &pirq), 0);
	CHECK_EQ(bind_pirq(d0, 14, 0), 1);
	CHECK_EQ(bind_pirq(du, 20, PV_BIND_PIRQ__WILL_SHARE), -PV_EBUSY);
	CHECK_EQ(ev_close(d0, 1), 0);
	CHECK_EQ(bind_pirq(d0, 14, PV_BIND_PIRQ__WILL_SHARE), 1);
	CHECK_EQ(bind_pirq(du, 20, 0), -PV_EBUSY);
	CHECK_EQ(bind_pirq(du, 20, PV_BIND_PIRQ__WILL_SHARE), 1);
	clear_events(d0);
	clear_events(du);
	pirq_interrupt(14);
	CHECK(pending(d0, 1));
	CHECK(pending(du, 1));
	CHECK(host_gsi_enabled[14]);

	/* Unmapped while bound: off the IRQ, the port stays a pirq port until closed. */
	CHECK_EQ(pirq_unmap(d0, 14), 0);
	CHECK(host_gsi_enabled[14]);
	clear_events(d0);
	pirq_interrupt(14);
	CHECK(!pending(d0, 1));
	CHECK(pending(du, 1));
	CHECK_EQ(status_of(d0, SELF, 1), PV_EVTCHNSTAT_pirq);
	CHECK_EQ(pirq_eoi(d0, 14), 0);
	/* The IRQ is still taken by the old pirq: any pirq -EBUSY, then no access. */
	pirq = -1;
	CHECK_EQ(pirq_map_gsi(d0, d0, 14, &pirq), -PV_EBUSY);
	CHECK_EQ(ev_close(d0, 1), 0);
	CHECK_EQ(pirq_eoi(d0, 14), -PV_EINVAL);
	CHECK_EQ(pirq_map_gsi(d0, d0, 14, &pirq), -PV_EPERM);
	/* The last guest gone, an edge line stays enabled, as on Xen; interrupts are dropped. */
	CHECK_EQ(ev_close(du, 1), 0);
	CHECK(host_gsi_enabled[14]);
	clear_events(du);
	pirq_interrupt(14);
	CHECK(!pending(du, 1));
	CHECK_EQ(host_vcpu_kicks, 0);

	/* The hypervisor's own IRQ maps but does not bind; no port is used up. */
	pirq_reserve_gsi(4);
	pirq = 4;
	CHECK_EQ(pirq_map_gsi(d0, d0, 4, &pirq), 0);
	CHECK_EQ(bind_pirq(d0, 4, 0), -PV_EBUSY);
	CHECK(!host_gsi_enabled[4]);
	/* A pirq only reserved has no IRQ. */
	CHECK_EQ(pirq_get_free(d0, PV_MAP_PIRQ_TYPE_GSI), 16);
	CHECK_EQ(bind_pirq(d0, 16, 0), -PV_EPERM);
	CHECK_EQ(pirq_get_free(du, PV_MAP_PIRQ_TYPE_GSI), 16);
	CHECK_EQ(bind_pirq(du, 16, 0), -PV_EPERM);
	CHECK_EQ(alloc_unbound(d0, SELF, 1), 1);
	finish();
}
