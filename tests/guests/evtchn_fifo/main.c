/*
 * The FIFO event channel ABI from inside a PV guest with two vCPUs, as
 * dom0 and as a domU side by side.  The guest gives the hypervisor pages
 * of its .bss: a control block for each vCPU and event-array pages, and
 * its upcall walks vCPU 0's queues as Linux does: it takes the READY
 * word, and for the most urgent ready priority takes the event at its
 * HEAD (or where it stopped last time), unlinks it, and follows the link;
 * an event pending and not masked is "handled" (its PENDING bit cleared
 * and its port recorded in order).
 *
 * Checked: the sub-ops' errors on a two-level domain and for bad input;
 * an event pending under two levels is delivered once the array page
 * comes; priorities order delivery, first come first served within one;
 * a masked event waits for EVTCHNOP_unmask; a loopback interdomain
 * channel and VIRQ_TIMER arrive through the queues; bind_vcpu sends a
 * port's events to vCPU 1's queue (vCPU 1 is never started: its control
 * block is only read); SCHEDOP_poll sees a FIFO-pending port; a closed
 * port still linked is not handed out again; EVTCHNOP_reset goes back to
 * two levels (and the pages are given back: the harness checks that every
 * frame returns).
 */
#include "guest.h"
#include "guest_events.h"
#include "guest_mm.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/shared_info.h"
#include "lib/string.h"

#define SELF PV_DOMID_SELF
#define PENDING (1u << PV_EVTCHN_FIFO_PENDING)
#define MASKED (1u << PV_EVTCHN_FIFO_MASKED)
#define LINKED (1u << PV_EVTCHN_FIFO_LINKED)
#define LINK PV_EVTCHN_FIFO_LINK_MASK
#define DEFAULT_Q PV_EVTCHN_FIFO_PRIORITY_DEFAULT
#define CONTROL1_OFFSET 64
#define MAX_HANDLED 16
#define NO_SUCH_FRAME 0xfffffffffull

static uint8_t control_pages[2][4096] __attribute__((aligned(4096)));
static uint32_t event_pages[2][1024] __attribute__((aligned(4096)));

static volatile struct pv_shared_info *shared;
static volatile struct pv_evtchn_fifo_control_block *control0, *control1;
static uint32_t local_head[PV_EVTCHN_FIFO_MAX_QUEUES];
static volatile uint32_t handled[MAX_HANDLED];
static volatile unsigned int nr_handled;

static long evtchn(unsigned int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

static volatile uint32_t *word(uint32_t port)
{
	return &event_pages[port / 1024][port % 1024];
}

/* Takes the next event off queue @q of vCPU 0, as Linux's consume_one_event(). */
static void consume_one(unsigned int q, uint32_t *ready)
{
	uint32_t port = local_head[q] ? local_head[q] : control0->head[q];
	volatile uint32_t *w = word(port);
	uint32_t old = *w;

	while (!__atomic_compare_exchange_n(w, &old, old & ~(LINKED | LINK), false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	local_head[q] = old & LINK;
	if (!local_head[q])
		*ready &= ~(1u << q);
	if ((*w & (PENDING | MASKED)) == PENDING) {
		__atomic_fetch_and(w, ~PENDING, __ATOMIC_SEQ_CST);
		if (nr_handled < MAX_HANDLED)
			handled[nr_handled] = port;
		nr_handled++;
	}
}

static void fifo_upcall(const uint64_t *frame)
{
	uint32_t ready = __atomic_exchange_n(&control0->ready, 0, __ATOMIC_SEQ_CST);

	(void)frame;
	while (ready) {
		consume_one((unsigned int)__builtin_ctz(ready), &ready);
		ready |= __atomic_exchange_n(&control0->ready, 0, __ATOMIC_SEQ_CST);
	}
}

static long init_control(uint32_t vcpu, uint64_t gfn, uint32_t offset, uint8_t *link_bits)
{
	struct pv_evtchn_init_control c = { .control_gfn = gfn, .offset = offset, .vcpu = vcpu };
	long rc = evtchn(PV_EVTCHNOP_init_control, &c);

	if (link_bits)
		*link_bits = c.link_bits;
	return rc;
}

static long expand(uint64_t gfn)
{
	struct pv_evtchn_expand_array e = { .array_gfn = gfn };

	return evtchn(PV_EVTCHNOP_expand_array, &e);
}

static long set_priority(uint32_t port, uint32_t priority)
{
	struct pv_evtchn_set_priority p = { .port = port, .priority = priority };

	return evtchn(PV_EVTCHNOP_set_priority, &p);
}

static uint32_t bind_ipi(void)
{
	struct pv_evtchn_bind_ipi b = { .vcpu = 0 };

	CHECK_EQ(evtchn(PV_EVTCHNOP_bind_ipi, &b), 0);
	return b.port;
}

static long port_op(unsigned int cmd, uint32_t port)
{
	return evtchn(cmd, &port);
}

static void mask_upcalls(bool masked)
{
	shared->vcpu_info[0].evtchn_upcall_mask = masked;
}

/* Whether the ports handled since the last call were exactly @want (@n of them). */
static bool handled_were(const uint32_t *want, unsigned int n)
{
	bool same = nr_handled == n;

	for (unsigned int i = 0; same && i < n; i++)
		same = handled[i] == want[i];
	if (!same) {
		printf("evtchn_fifo: handled %u:", nr_handled);
		for (unsigned int i = 0; i < nr_handled && i < MAX_HANDLED; i++)
			printf(" %u", handled[i]);
		printf("\n");
	}
	nr_handled = 0;
	return same;
}

/* Any hypercall's return delivers what is ready. */
static void deliver(void)
{
	HYPERCALL2(xen_version, 0, 0);
}

static void check_before_fifo(uint32_t two_level_port)
{
	uint8_t link_bits = 0;

	CHECK_EQ(expand(va_to_mfn(event_pages[0])), -PV_EOPNOTSUPP);
	CHECK_EQ(set_priority(two_level_port, 1), -PV_ENOSYS);
	CHECK_EQ(init_control(2, va_to_mfn(control_pages[0]), 0, NULL), -PV_ENOENT);
	CHECK_EQ(init_control(0, va_to_mfn(control_pages[0]), 4, NULL), -PV_EINVAL);
	CHECK_EQ(init_control(0, va_to_mfn(control_pages[0]), 4096 - 64, NULL), -PV_EINVAL);
	CHECK_EQ(init_control(0, NO_SUCH_FRAME, 0, NULL), -PV_EINVAL);
	/* A page table cannot be a control block (no writable type). */
	CHECK_EQ(init_control(0, va_to_mfn((void *)boot_start_info->pt_base), 0, NULL), -PV_EINVAL);
	CHECK_EQ(evtchn(PV_EVTCHNOP_init_control, (void *)8), -PV_EFAULT);
	CHECK_EQ(init_control(0, va_to_mfn(control_pages[0]), 0, &link_bits), 0);
	CHECK_EQ(link_bits, PV_EVTCHN_FIFO_LINK_BITS);
	CHECK_EQ(init_control(0, va_to_mfn(control_pages[1]), 0, NULL), -PV_EINVAL);
	CHECK_EQ(init_control(1, va_to_mfn(control_pages[1]), CONTROL1_OFFSET, NULL), 0);
	CHECK_EQ(expand(NO_SUCH_FRAME), -PV_EINVAL);
}

static void check_priorities(void)
{
	uint32_t pa = bind_ipi(), pb = bind_ipi(), pc = bind_ipi(), pd = bind_ipi();
	uint32_t want[4] = { pb, pd, pa, pc };

	CHECK_EQ(set_priority(pb, 3), 0);
	CHECK_EQ(set_priority(pc, PV_EVTCHN_FIFO_PRIORITY_MIN), 0);
	CHECK_EQ(set_priority(pa, PV_EVTCHN_FIFO_PRIORITY_MIN + 1), -PV_EINVAL);
	CHECK_EQ(set_priority(pd + 1, 1), -PV_EACCES);
	CHECK_EQ(set_priority(1u << 20, 1), -PV_EINVAL);
	mask_upcalls(true);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pc), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pd), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pa), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pb), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pd), 0); /* already queued: once */
	CHECK_EQ(control0->ready, 1u << 3 | 1u << DEFAULT_Q | 1u << PV_EVTCHN_FIFO_PRIORITY_MIN);
	CHECK_EQ(*word(pd), PENDING | LINKED | pa);
	CHECK_EQ(nr_handled, 0);
	mask_upcalls(false);
	deliver();
	CHECK(handled_were(want, 4));
	printf("evtchn_fifo: events delivered by priority, in order within one\n");

	/* A masked event waits for EVTCHNOP_unmask. */
	__atomic_fetch_or(word(pa), MASKED, __ATOMIC_SEQ_CST);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, pa), 0);
	CHECK_EQ(*word(pa), PENDING | MASKED);
	CHECK_EQ(nr_handled, 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_unmask, pa), 0);
	CHECK(handled_were(&pa, 1));
	CHECK_EQ(*word(pa), 0);
	printf("evtchn_fifo: a masked event waits for EVTCHNOP_unmask\n");
}

/* Loopback channel and VIRQ_TIMER; returns the loopback's ports. */
static void check_loopback_and_virq(uint32_t *sender, uint32_t *receiver)
{
	struct pv_evtchn_alloc_unbound a = { .dom = SELF, .remote_dom = SELF };
	struct pv_evtchn_bind_interdomain b = { .remote_dom = SELF };
	struct pv_evtchn_bind_virq v = { .virq = PV_VIRQ_TIMER, .vcpu = 0 };
	unsigned int ticks_seen = 0;

	CHECK_EQ(evtchn(PV_EVTCHNOP_alloc_unbound, &a), 0);
	b.remote_port = a.port;
	CHECK_EQ(evtchn(PV_EVTCHNOP_bind_interdomain, &b), 0);
	/* Binding raised the new port. */
	CHECK(handled_were(&b.local_port, 1));
	CHECK_EQ(port_op(PV_EVTCHNOP_send, a.port), 0);
	CHECK(handled_were(&b.local_port, 1));
	*sender = a.port;
	*receiver = b.local_port;

	CHECK_EQ(evtchn(PV_EVTCHNOP_bind_virq, &v), 0);
	for (unsigned int i = 0; i < 20 && ticks_seen < 2; i++) {
		wait_ms(5);
		for (unsigned int j = 0; j < nr_handled && j < MAX_HANDLED; j++)
			ticks_seen += handled[j] == v.port;
		nr_handled = 0;
	}
	CHECK(ticks_seen >= 2);
	CHECK_EQ(port_op(PV_EVTCHNOP_close, v.port), 0);
	nr_handled = 0;
	printf("evtchn_fifo: interdomain loopback and VIRQ_TIMER through the queues\n");
}

static void check_vcpu1_poll_and_close(uint32_t sender, uint32_t receiver)
{
	struct pv_evtchn_bind_vcpu bv = { .port = receiver, .vcpu = 1 };
	struct pv_sched_poll poll = { .ports = (uint64_t)&receiver, .nr_ports = 1 };
	uint64_t start;

	CHECK_EQ(evtchn(PV_EVTCHNOP_bind_vcpu, &bv), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, sender), 0);
	CHECK_EQ(nr_handled, 0);
	CHECK_EQ(control1->head[DEFAULT_Q], receiver);
	CHECK_EQ(control1->ready, 1u << DEFAULT_Q);
	CHECK_EQ(*word(receiver), PENDING | LINKED);
	printf("evtchn_fifo: bind_vcpu moves a port's events to vCPU 1's queue\n");

	/* Pending (on vCPU 1's queue): a poll returns at once rather than at its timeout. */
	start = system_time();
	poll.timeout = start + 2000 * MS;
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, &poll), 0);
	CHECK(system_time() - start < 1000 * MS);
	/* Closed while still linked: not handed out again until the guest unlinks it. */
	CHECK_EQ(port_op(PV_EVTCHNOP_close, receiver), 0);
	CHECK_EQ(*word(receiver), LINKED);
	CHECK(bind_ipi() != receiver);
	*word(receiver) = 0;
	CHECK_EQ(bind_ipi(), receiver);
	printf("evtchn_fifo: poll sees FIFO pending; a closed port still linked is not reused\n");
}

static void check_reset(void)
{
	struct pv_evtchn_reset r = { .dom = SELF };
	uint32_t port;

	CHECK_EQ(expand(va_to_mfn(event_pages[1])), 0);
	CHECK_EQ(evtchn(PV_EVTCHNOP_reset, &r), 0);
	CHECK_EQ(expand(va_to_mfn(event_pages[0])), -PV_EOPNOTSUPP);
	mask_upcalls(true);
	memset((void *)shared->evtchn_pending, 0, sizeof(shared->evtchn_pending));
	port = bind_ipi();
	CHECK_EQ(port_op(PV_EVTCHNOP_send, port), 0);
	CHECK_EQ(shared->evtchn_pending[port / 64] >> (port % 64) & 1, 1);
	CHECK_EQ(*word(port) & PENDING, 0);
	printf("evtchn_fifo: reset goes back to two levels\n");
}

void test_main(const struct pv_start_info *si)
{
	uint32_t before, sender, receiver;

	shared = map_shared_info(si);
	control0 = (volatile struct pv_evtchn_fifo_control_block *)control_pages[0];
	control1 = (volatile struct pv_evtchn_fifo_control_block *)(control_pages[1] + CONTROL1_OFFSET);
	upcall_clear_all = false;
	upcall_hook = fifo_upcall;
	register_event_upcall();

	/* Pending under two levels (events masked, as at boot), then the switch. */
	before = bind_ipi();
	CHECK_EQ(port_op(PV_EVTCHNOP_send, before), 0);
	check_before_fifo(before);
	CHECK_EQ(expand(va_to_mfn(event_pages[0])), 0);
	CHECK_EQ(*word(before), PENDING | LINKED);
	CHECK_EQ(control0->head[DEFAULT_Q], before);
	mask_upcalls(false);
	deliver();
	CHECK(handled_were(&before, 1));
	printf("evtchn_fifo: FIFO set up; a port pending under two levels carried over\n");

	check_priorities();
	check_loopback_and_virq(&sender, &receiver);
	check_vcpu1_poll_and_close(sender, receiver);
	check_reset();
}
