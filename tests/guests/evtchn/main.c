/*
 * Event channels from inside a PV guest, as dom0 ("peer=1") and as a domU
 * ("peer=0") side by side.  The guest maps its shared_info page (machine
 * address in start_info) over a page of its .bss and watches the
 * two-level bitmaps there: upcalls are never delivered, since vCPU 0
 * keeps evtchn_upcall_mask set, so the guest polls.
 *
 * Each domain first checks on its own:
 *  - port 0 and ports without storage (Xen's buckets of 64);
 *  - a loopback channel (alloc_unbound to itself, bind_interdomain to
 *    it): bind raises the new port; a send sets the other end's pending
 *    bit and, unmasked, the selector bit and upcall flag of vCPU 0;
 *    masked, only the pending bit until EVTCHNOP_unmask delivers it;
 *    closing one end frees it (pending bit cleared) and leaves the other
 *    unbound;
 *  - the status of each kind of port, virqs (TIMER, DEBUG, a global one)
 *    and their rules, an IPI port and its send;
 *  - errors: bad ports, double binds, sends on closed and virq ports,
 *    other domains' ports, bad pointers, a result that cannot be written
 *    (-EFAULT, the binding made anyway), the FIFO sub-ops on two levels;
 *  - allocating every port up to -ENOSPC, then EVTCHNOP_reset of itself
 *    (which the hypervisor may continue part-way) closing them all.
 * Then the two talk, agreeing on ports by convention (no xenstore): dom0
 * offers ports 1 and 2 to domain 1 and binds VIRQ_DOM_EXC; domain 1
 * binds to (0, 1), retrying on -EINVAL until dom0 has offered it; each
 * sends and sees the other's event; domain 1 closes its end (dom0's port
 * goes back to unbound), binds to (0, 2) and shuts down without closing
 * it: dom0 sees port 2 go back to unbound and VIRQ_DOM_EXC raised.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/types.h"
#include "lib/string.h"

#define SELF PV_DOMID_SELF
#define NR_PORTS PV_EVTCHN_2L_NR_CHANNELS
#define UNMAPPED_VA 0x100000000000ul
#define HV_VA 0xffff830000000000ul
#define WAIT_LIMIT 200000
#define PAGE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

static uint8_t shinfo_page[PAGE_SIZE] __attribute__((aligned(4096)));
#define SHINFO ((volatile struct pv_shared_info *)shinfo_page)
#define VCPU0 (&SHINFO->vcpu_info[0])

static const struct pv_start_info *si;
static bool privileged;

static long evtchn_op(int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

static void yield(void)
{
	HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
}

/* ---- The bitmaps ---- */

static bool is_pending(unsigned int port)
{
	return SHINFO->evtchn_pending[port / 64] >> (port % 64) & 1;
}

static void clear_pending(unsigned int port)
{
	__atomic_fetch_and(&SHINFO->evtchn_pending[port / 64], ~(1ull << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

static void set_mask(unsigned int port, bool masked)
{
	uint64_t bit = 1ull << (port % 64);

	if (masked)
		__atomic_fetch_or(&SHINFO->evtchn_mask[port / 64], bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&SHINFO->evtchn_mask[port / 64], ~bit, __ATOMIC_SEQ_CST);
}

static bool is_masked(unsigned int port)
{
	return SHINFO->evtchn_mask[port / 64] >> (port % 64) & 1;
}

/* What the guest's upcall handler would do: take the flag and the selector. */
static uint64_t take_selector(void)
{
	VCPU0->evtchn_upcall_pending = 0;
	return __atomic_exchange_n(&VCPU0->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
}

static bool nothing_pending(void)
{
	for (unsigned int i = 0; i < PV_EVTCHN_WORDS; i++) {
		if (SHINFO->evtchn_pending[i])
			return false;
	}
	return !VCPU0->evtchn_upcall_pending && !VCPU0->evtchn_pending_sel;
}

/* ---- Sub-ops: a port number, or the error ---- */

static long alloc_unbound(uint16_t dom, uint16_t remote)
{
	struct pv_evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
	long rc = evtchn_op(PV_EVTCHNOP_alloc_unbound, &a);

	return rc ? rc : (long)a.port;
}

static long bind_interdomain(uint16_t remote, uint32_t port)
{
	struct pv_evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = port };
	long rc = evtchn_op(PV_EVTCHNOP_bind_interdomain, &b);

	return rc ? rc : (long)b.local_port;
}

static long bind_virq(uint32_t virq, uint32_t vcpu)
{
	struct pv_evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
	long rc = evtchn_op(PV_EVTCHNOP_bind_virq, &b);

	return rc ? rc : (long)b.port;
}

static long bind_ipi(uint32_t vcpu)
{
	struct pv_evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = evtchn_op(PV_EVTCHNOP_bind_ipi, &b);

	return rc ? rc : (long)b.port;
}

static long port_op(int cmd, uint32_t port)
{
	return evtchn_op(cmd, &port);
}

static long ev_close(uint32_t port)
{
	return port_op(PV_EVTCHNOP_close, port);
}

static long ev_send(uint32_t port)
{
	return port_op(PV_EVTCHNOP_send, port);
}

static long ev_unmask(uint32_t port)
{
	return port_op(PV_EVTCHNOP_unmask, port);
}

static long bind_vcpu(uint32_t port, uint32_t vcpu)
{
	struct pv_evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

	return evtchn_op(PV_EVTCHNOP_bind_vcpu, &b);
}

static long status(uint16_t dom, uint32_t port, struct pv_evtchn_status *s)
{
	memset(s, 0, sizeof(*s));
	s->dom = dom;
	s->port = port;
	return evtchn_op(PV_EVTCHNOP_status, s);
}

/* The status of our @port, or -1. */
static long state(uint32_t port)
{
	struct pv_evtchn_status s;

	return status(SELF, port, &s) ? -1 : (long)s.status;
}

static long reset(uint16_t dom)
{
	struct pv_evtchn_reset r = { .dom = dom };

	return evtchn_op(PV_EVTCHNOP_reset, &r);
}

/* ---- shared_info ---- */

static void map_shared_info(void)
{
	uint64_t mfn = si->shared_info >> 12;

	CHECK_EQ(si->shared_info & 0xfff, 0);
	CHECK_EQ(HYPERCALL3(update_va_mapping, shinfo_page, mfn << 12 | PAGE_FLAGS,
			    PV_UVMF_INVLPG | PV_UVMF_LOCAL), 0);
	/* As built: every vCPU's events masked, no port masked or pending. */
	CHECK_EQ(VCPU0->evtchn_upcall_mask, 1);
	CHECK(nothing_pending());
	for (unsigned int i = 0; i < PV_EVTCHN_WORDS; i++)
		CHECK_EQ(SHINFO->evtchn_mask[i], 0);
	printf("evtchn: shared_info (mfn %#lx) mapped\n", mfn);
}

static void unmap_shared_info(void)
{
	CHECK_EQ(HYPERCALL3(update_va_mapping, shinfo_page,
			    va_to_mfn(shinfo_page) << 12 | PAGE_FLAGS, PV_UVMF_INVLPG), 0);
}

/* ---- On its own ---- */

static void check_port_validity(void)
{
	struct pv_evtchn_status s;

	CHECK_EQ(status(SELF, 0, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_closed);
	CHECK_EQ(ev_close(0), -PV_EINVAL);
	CHECK_EQ(ev_send(0), -PV_EINVAL);
	CHECK_EQ(ev_unmask(0), 0);
	CHECK_EQ(bind_vcpu(0, 0), -PV_EINVAL);
	CHECK_EQ(state(63), PV_EVTCHNSTAT_closed);
	CHECK_EQ(status(SELF, 64, &s), -PV_EINVAL);
	CHECK_EQ(status(SELF, NR_PORTS, &s), -PV_EINVAL);
	CHECK_EQ(ev_close(64), -PV_EINVAL);
	CHECK_EQ(ev_send(5000), -PV_EINVAL);
	CHECK_EQ(ev_unmask(0xffffffff), -PV_EINVAL);
	CHECK_EQ(ev_close(7), -PV_EINVAL); /* free */
	CHECK_EQ(ev_send(7), -PV_EINVAL);
}

static void check_loopback(void)
{
	struct pv_evtchn_status s;
	long a, b;

	a = alloc_unbound(SELF, SELF);
	CHECK_EQ(a, 1);
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, privileged ? 0 : 1);
	CHECK(nothing_pending());
	b = bind_interdomain(SELF, 1);
	CHECK_EQ(b, 2);
	/* The new port starts pending, in case a send on the other end was lost. */
	CHECK(is_pending(2));
	CHECK(!is_pending(1));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(take_selector(), 1);
	clear_pending(2);
	CHECK(nothing_pending());
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, privileged ? 0 : 1);
	CHECK_EQ(s.u.interdomain.port, 2);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(status(SELF, 2, &s), 0);
	CHECK_EQ(s.u.interdomain.port, 1);

	/* Unmasked: pending bit, selector bit for word 0, upcall flag. */
	CHECK_EQ(ev_send(2), 0);
	CHECK(is_pending(1));
	CHECK(!is_pending(2));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(VCPU0->evtchn_pending_sel, 1);
	/* Sent again while pending: nothing new. */
	take_selector();
	CHECK_EQ(ev_send(2), 0);
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 0);
	CHECK_EQ(VCPU0->evtchn_pending_sel, 0);
	clear_pending(1);
	CHECK_EQ(ev_send(1), 0);
	CHECK(is_pending(2));
	CHECK_EQ(take_selector(), 1);
	clear_pending(2);

	/* Masked: only the pending bit, until EVTCHNOP_unmask. */
	set_mask(1, true);
	CHECK_EQ(ev_send(2), 0);
	CHECK(is_pending(1));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 0);
	CHECK_EQ(VCPU0->evtchn_pending_sel, 0);
	CHECK_EQ(ev_unmask(1), 0);
	CHECK(!is_masked(1));
	CHECK(is_pending(1));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(take_selector(), 1);
	clear_pending(1);
	/* Unmasking a port that is not pending raises nothing. */
	set_mask(1, true);
	CHECK_EQ(ev_unmask(1), 0);
	CHECK(!is_masked(1));
	CHECK(nothing_pending());
	printf("evtchn: loopback %ld <-> %ld: pending, selector and upcall flag as expected\n", a,
	       b);

	/* Closing one end frees it (its pending bit too); the other is unbound again. */
	CHECK_EQ(ev_send(1), 0);
	take_selector();
	CHECK(is_pending(2));
	CHECK_EQ(ev_close(2), 0);
	CHECK(!is_pending(2));
	CHECK_EQ(state(2), PV_EVTCHNSTAT_closed);
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, privileged ? 0 : 1);
	CHECK_EQ(ev_send(1), 0); /* unbound: dropped */
	CHECK(nothing_pending());
	CHECK_EQ(ev_close(2), -PV_EINVAL);
	CHECK_EQ(ev_send(2), -PV_EINVAL);
	CHECK_EQ(bind_interdomain(SELF, 1), 2); /* bound again */
	take_selector();
	clear_pending(2);
	CHECK_EQ(ev_close(1), 0);
	CHECK_EQ(state(2), PV_EVTCHNSTAT_unbound);
	CHECK_EQ(ev_close(2), 0);
	CHECK_EQ(state(1), PV_EVTCHNSTAT_closed);
	CHECK(nothing_pending());
	printf("evtchn: closing either end leaves the other unbound\n");
}

static void check_virqs_and_ipis(void)
{
	struct pv_evtchn_status s;
	long timer, debug, global, ipi, unbound;

	timer = bind_virq(PV_VIRQ_TIMER, 0);
	debug = bind_virq(PV_VIRQ_DEBUG, 0);
	CHECK_EQ(timer, 1);
	CHECK_EQ(debug, 2);
	CHECK_EQ(bind_virq(PV_VIRQ_TIMER, 0), -PV_EEXIST);
	CHECK_EQ(bind_virq(PV_VIRQ_TIMER, 1), -PV_ENOENT); /* we have one vCPU */
	CHECK_EQ(bind_virq(PV_VIRQ_CONSOLE, 1), -PV_EINVAL); /* global: vCPU 0 only */
	CHECK_EQ(bind_virq(PV_NR_VIRQS, 0), -PV_EINVAL);
	global = bind_virq(PV_VIRQ_CONSOLE, 0);
	CHECK_EQ(global, 3);
	CHECK_EQ(bind_virq(PV_VIRQ_CONSOLE, 0), -PV_EEXIST);
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_virq);
	CHECK_EQ(s.u.virq, PV_VIRQ_TIMER);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(status(SELF, 2, &s), 0);
	CHECK_EQ(s.u.virq, PV_VIRQ_DEBUG);
	CHECK_EQ(ev_send(1), -PV_EINVAL);
	CHECK_EQ(ev_send(3), -PV_EINVAL);
	CHECK_EQ(bind_vcpu(1, 0), -PV_EINVAL); /* a per-vCPU virq stays */
	CHECK_EQ(bind_vcpu(3, 0), 0);          /* a global one may move */
	CHECK_EQ(bind_vcpu(3, 1), -PV_ENOENT);

	ipi = bind_ipi(0);
	CHECK_EQ(ipi, 4);
	CHECK_EQ(bind_ipi(1), -PV_ENOENT);
	CHECK_EQ(status(SELF, 4, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_ipi);
	CHECK_EQ(s.vcpu, 0);
	CHECK_EQ(bind_vcpu(4, 0), -PV_EINVAL);
	CHECK(nothing_pending());
	CHECK_EQ(ev_send(4), 0);
	CHECK(is_pending(4));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(take_selector(), 1);
	clear_pending(4);

	unbound = alloc_unbound(SELF, 999);
	CHECK_EQ(unbound, 5);
	CHECK_EQ(status(SELF, 5, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_unbound);
	CHECK_EQ(s.u.unbound.dom, 999);
	CHECK_EQ(bind_vcpu(5, 0), 0);
	CHECK_EQ(bind_interdomain(SELF, 5), -PV_EINVAL); /* offered to domain 999 */
	CHECK_EQ(bind_interdomain(SELF, 4), -PV_EINVAL); /* an IPI port */
	CHECK_EQ(bind_interdomain(0x7fe0, 5), -PV_ESRCH);
	CHECK_EQ(state(6), PV_EVTCHNSTAT_closed);         /* failed binds took no port */

	for (unsigned int port = 1; port <= 5; port++)
		CHECK_EQ(ev_close(port), 0);
	CHECK_EQ(bind_virq(PV_VIRQ_TIMER, 0), 1); /* free to bind again */
	CHECK_EQ(ev_close(1), 0);
	CHECK(nothing_pending());
	printf("evtchn: virq (timer %ld, debug %ld, console %ld), ipi %ld and unbound %ld ports\n",
	       timer, debug, global, ipi, unbound);
}

static void check_errors(void)
{
	const uint8_t *l4 = (const uint8_t *)si->pt_base;
	struct pv_evtchn_status s;
	uint16_t other = privileged ? 0x7fe0 : 0;

	/* Bad pointers. */
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_alloc_unbound, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_interdomain, (void *)HV_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_virq, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_ipi, (void *)HV_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_close, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_send, (void *)HV_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_status, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_unmask, (void *)HV_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_vcpu, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_reset, (void *)UNMAPPED_VA), -PV_EFAULT);
	CHECK_EQ(state(1), PV_EVTCHNSTAT_closed);

	/*
	 * A result that cannot be written back: the argument in our read-only
	 * L4 table, at slots 1-2 (empty: virq 0 on vCPU 0).  The timer virq
	 * is bound all the same, as on Xen.
	 */
	for (unsigned int i = 8; i < 20; i++)
		CHECK_EQ(l4[i], 0);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_virq, (void *)(l4 + 8)), -PV_EFAULT);
	CHECK_EQ(bind_virq(PV_VIRQ_TIMER, 0), -PV_EEXIST);
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_virq);
	CHECK_EQ(ev_close(1), 0);

	/* Other domains: unknown, or not ours to act on (domU). */
	CHECK_EQ(alloc_unbound(0x7fe0, SELF), -PV_ESRCH);
	CHECK_EQ(status(0x7fe0, 1, &s), -PV_ESRCH);
	CHECK_EQ(reset(0x7fe0), -PV_ESRCH);
	if (!privileged) {
		CHECK_EQ(alloc_unbound(other, SELF), -PV_EPERM);
		CHECK_EQ(status(other, 1, &s), -PV_EPERM);
		CHECK_EQ(reset(other), -PV_EPERM);
	}

	/* The FIFO sub-ops of a two-level domain (tests/guests/evtchn_fifo switches). */
	{
		struct pv_evtchn_init_control ic = { .control_gfn = 1 };
		struct pv_evtchn_expand_array ea = { .array_gfn = 1 };
		struct pv_evtchn_set_priority sp = { .port = 1, .priority = 7 };

		/* Frame 1 is not the guest's: refused, and it stays two-level. */
		CHECK_EQ(evtchn_op(PV_EVTCHNOP_init_control, &ic), -PV_EINVAL);
		CHECK_EQ(evtchn_op(PV_EVTCHNOP_expand_array, &ea), -PV_EOPNOTSUPP);
		CHECK_EQ(evtchn_op(PV_EVTCHNOP_set_priority, &sp), -PV_ENOSYS);
		sp.port = 100;
		CHECK_EQ(evtchn_op(PV_EVTCHNOP_set_priority, &sp), -PV_EINVAL);
	}
	CHECK_EQ(evtchn_op(15, &s), -PV_ENOSYS);
	{
		struct pv_evtchn_reset r = { .dom = SELF };

		/* Xen's reset continuation (14), with no reset in progress. */
		CHECK_EQ(evtchn_op(14, &r), -PV_EBUSY);
	}
	CHECK_EQ(state(1), PV_EVTCHNSTAT_closed);
	printf("evtchn: errors answered\n");
}

static void check_exhaustion_and_reset(void)
{
	struct pv_evtchn_status s;
	unsigned int bound = 0, closed = 0;
	long rc;

	while ((rc = alloc_unbound(SELF, SELF)) > 0)
		bound++;
	CHECK_EQ(rc, -PV_ENOSPC);
	CHECK_EQ(bound, NR_PORTS - 1);
	CHECK_EQ(bind_ipi(0), -PV_ENOSPC);
	CHECK_EQ(state(NR_PORTS - 1), PV_EVTCHNSTAT_unbound);
	CHECK_EQ(status(SELF, NR_PORTS, &s), -PV_EINVAL);
	CHECK_EQ(reset(SELF), 0);
	for (unsigned int port = 0; port < NR_PORTS; port++)
		closed += state(port) == PV_EVTCHNSTAT_closed;
	CHECK_EQ(closed, NR_PORTS);
	CHECK(nothing_pending());
	printf("evtchn: %u ports allocated, then reset closed them all\n", bound);
}

/* ---- Two domains ---- */

/* Yields until @cond holds, or gives up; returns whether it held. */
#define WAIT_FOR(cond)                                        \
	({                                                    \
		unsigned int n_ = 0;                          \
		while (!(cond) && n_++ < WAIT_LIMIT)          \
			yield();                              \
		(cond);                                       \
	})

static void dom0_side(unsigned int peer)
{
	struct pv_evtchn_status s;
	long p1, p2, exc;

	p1 = alloc_unbound(SELF, (uint16_t)peer);
	p2 = alloc_unbound(SELF, (uint16_t)peer);
	CHECK_EQ(p1, 1);
	CHECK_EQ(p2, 2);
	exc = bind_virq(PV_VIRQ_DOM_EXC, 0);
	CHECK_EQ(exc, 3);
	for (unsigned int port = 1; port <= 3; port++)
		set_mask(port, false);
	printf("evtchn: offered ports %ld and %ld to domain %u\n", p1, p2, peer);

	CHECK(WAIT_FOR(state(1) == PV_EVTCHNSTAT_interdomain));
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.u.interdomain.dom, peer);
	CHECK_EQ(s.u.interdomain.port, 1);
	/* Privileged: the domU's end can be looked at too, but not reset. */
	CHECK_EQ(status((uint16_t)peer, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, 0);
	CHECK_EQ(s.u.interdomain.port, 1);
	CHECK_EQ(reset((uint16_t)peer), -PV_EINVAL);
	printf("evtchn: domain %u bound to port 1\n", peer);

	CHECK(WAIT_FOR(is_pending(1)));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(take_selector(), 1);
	clear_pending(1);
	printf("evtchn: event from domain %u seen on port 1\n", peer);
	CHECK_EQ(ev_send(1), 0);
	CHECK(!is_pending(1));

	/* It binds port 2, then closes its end of port 1: ours waits for it again. */
	CHECK(WAIT_FOR(state(1) == PV_EVTCHNSTAT_unbound));
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.u.unbound.dom, peer);
	CHECK_EQ(ev_send(1), 0); /* dropped */
	CHECK_EQ(status(SELF, 2, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.port, 2);
	printf("evtchn: domain %u closed its end of port 1 and bound port 2\n", peer);

	/* Our event on port 2 lets it finish, leaving port 2 bound as it dies. */
	CHECK(!is_pending(3));
	CHECK_EQ(ev_send(2), 0);
	CHECK(WAIT_FOR(is_pending(3)));
	CHECK_EQ(state(2), PV_EVTCHNSTAT_unbound);
	CHECK_EQ(status(SELF, 2, &s), 0);
	CHECK_EQ(s.u.unbound.dom, peer);
	CHECK_EQ(status((uint16_t)peer, 1, &s), -PV_ESRCH);
	printf("evtchn: port 2 unbound again after domain %u died, VIRQ_DOM_EXC raised\n", peer);
	CHECK_EQ(reset(SELF), 0);
}

static void domu_side(unsigned int peer)
{
	struct pv_evtchn_status s;
	long q = -PV_EINVAL;

	/* dom0 offers port 1 when it gets there: until then, -EINVAL. */
	for (unsigned int n = 0; n < WAIT_LIMIT && q == -PV_EINVAL; n++) {
		q = bind_interdomain((uint16_t)peer, 1);
		if (q == -PV_EINVAL)
			yield();
	}
	CHECK_EQ(q, 1);
	CHECK(is_pending(1)); /* raised by the bind */
	take_selector();
	clear_pending(1);
	CHECK_EQ(status(SELF, 1, &s), 0);
	CHECK_EQ(s.status, PV_EVTCHNSTAT_interdomain);
	CHECK_EQ(s.u.interdomain.dom, peer);
	CHECK_EQ(s.u.interdomain.port, 1);
	CHECK_EQ(bind_interdomain((uint16_t)peer, 1), -PV_EINVAL); /* taken */
	printf("evtchn: bound to port 1 of domain %u\n", peer);

	CHECK_EQ(ev_send(1), 0);
	CHECK(WAIT_FOR(is_pending(1)));
	CHECK_EQ(VCPU0->evtchn_upcall_pending, 1);
	CHECK_EQ(take_selector(), 1);
	clear_pending(1);
	printf("evtchn: event from domain %u seen on port 1\n", peer);

	CHECK_EQ(bind_interdomain((uint16_t)peer, 2), 2);
	take_selector();
	clear_pending(2);
	CHECK_EQ(ev_close(1), 0);
	CHECK(WAIT_FOR(is_pending(2)));
	CHECK_EQ(take_selector(), 1);
	printf("evtchn: event from domain %u seen on port 2, leaving it bound\n", peer);
}

void test_main(const struct pv_start_info *start_info)
{
	char buf[16];
	const char *peer = cmdline_value("peer", buf, sizeof(buf));
	unsigned long peer_id = 0;

	si = start_info;
	privileged = si->flags & PV_SIF_PRIVILEGED;
	if (peer)
		CHECK(!parse_ulong(peer, NULL, &peer_id));
	printf("evtchn: running as %s\n", privileged ? "dom0" : "domU");
	map_shared_info();
	check_port_validity();
	check_loopback();
	check_virqs_and_ipis();
	check_errors();
	check_exhaustion_and_reset();
	if (peer) {
		if (privileged)
			dom0_side((unsigned int)peer_id);
		else
			domu_side((unsigned int)peer_id);
	}
	unmap_shared_info();
}
