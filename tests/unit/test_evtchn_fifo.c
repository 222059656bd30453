/*
 * Tests for the FIFO event ABI (hypervisor/common/event/evtchn_fifo.c and
 * its switch in evtchn.c) through event_channel_op, in the page-table test
 * world (pt_world.h), whose frames give real reference and type counts:
 * init_control, expand_array and set_priority with Xen 4.17's checks and
 * their order; the event words, queues, HEADs and READY bits as a guest
 * sees them, including the sequences where the guest acts in between
 * (events raised while linked, queues draining, events moving between
 * queues and vCPUs, masking and unmasking, closing a linked port); the
 * switch from two-level with pending ports carried over; polling; reset
 * back to two-level; and the guest pages given back.
 */
#include <stdint.h>
#include <string.h>

#include "evtchn.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall.h"
#include "pt_world.h"

#define SHARED_FRAME 250
#define CONTROL0 251 /* vCPU 0's control block, at offset 0 */
#define CONTROL1 252 /* vCPU 1's, at CONTROL1_OFFSET */
#define CONTROL1_OFFSET 8
#define ARRAY0 253   /* event words of ports 0-1023 */
#define ARRAY1 254   /* ports 1024-2047 */
#define TABLE_FRAME 255
#define FIRST_EXTRA_ARRAY 100 /* frames for the largest event array */
#define MAX_PAGES 128
#define BAD_VA 0x1000ull

#define PENDING (1u << PV_EVTCHN_FIFO_PENDING)
#define MASKED (1u << PV_EVTCHN_FIFO_MASKED)
#define LINKED (1u << PV_EVTCHN_FIFO_LINKED)
#define BUSY (1u << PV_EVTCHN_FIFO_BUSY)
#define LINK PV_EVTCHN_FIFO_LINK_MASK
#define DEFAULT_Q PV_EVTCHN_FIFO_PRIORITY_DEFAULT

static struct vcpu *v0, *v1;

static bool setup(void)
{
	world_start();
	v0 = vcpu_create(dom, 0);
	v1 = vcpu_create(dom, 1);
	CHECK(v0 && v1);
	if (!v0 || !v1)
		return false;
	v0->state = VCPU_RUNNABLE;
	v1->state = VCPU_RUNNABLE;
	dom->shared_info_mfn = SHARED_FRAME;
	host_vcpu_kicks = 0;
	return true;
}

static long op(int cmd, const void *a, size_t len)
{
	host_current_domain = dom;
	memcpy(host_guest_memory, a, len);
	return do_event_channel_op(cmd, HOST_GUEST_BASE);
}

static long init_control(uint32_t vcpu, uint64_t gfn, uint32_t offset)
{
	struct pv_evtchn_init_control c = { .control_gfn = gfn, .offset = offset, .vcpu = vcpu };

	return op(PV_EVTCHNOP_init_control, &c, sizeof(c));
}

static long expand(uint64_t gfn)
{
	struct pv_evtchn_expand_array e = { .array_gfn = gfn };

	return op(PV_EVTCHNOP_expand_array, &e, sizeof(e));
}

static long set_priority(uint32_t port, uint32_t priority)
{
	struct pv_evtchn_set_priority p = { .port = port, .priority = priority };

	return op(PV_EVTCHNOP_set_priority, &p, sizeof(p));
}

static long port_op(int cmd, uint32_t port)
{
	return op(cmd, &port, sizeof(port));
}

/* The port bound, or the error. */
static long bind_ipi(uint32_t vcpu)
{
	struct pv_evtchn_bind_ipi b = { .vcpu = vcpu };
	long rc = op(PV_EVTCHNOP_bind_ipi, &b, sizeof(b));

	return rc ? rc : ((struct pv_evtchn_bind_ipi *)host_guest_memory)->port;
}

/* A loopback channel: the port that sends (*@sender) and the one raised (returned). */
static uint32_t loopback(uint32_t *sender)
{
	struct pv_evtchn_alloc_unbound a = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_bind_interdomain b = { .remote_dom = PV_DOMID_SELF };

	CHECK_EQ(op(PV_EVTCHNOP_alloc_unbound, &a, sizeof(a)), 0);
	b.remote_port = ((struct pv_evtchn_alloc_unbound *)host_guest_memory)->port;
	CHECK_EQ(op(PV_EVTCHNOP_bind_interdomain, &b, sizeof(b)), 0);
	*sender = b.remote_port;
	return ((struct pv_evtchn_bind_interdomain *)host_guest_memory)->local_port;
}

static uint32_t *word(uint32_t port)
{
	return (uint32_t *)ents(port < 1024 ? ARRAY0 : ARRAY1) + port % 1024;
}

static struct pv_evtchn_fifo_control_block *cb(unsigned int vcpu)
{
	if (vcpu == 0)
		return (struct pv_evtchn_fifo_control_block *)ents(CONTROL0);
	return (struct pv_evtchn_fifo_control_block *)((uint8_t *)ents(CONTROL1) + CONTROL1_OFFSET);
}

/* dom on FIFO with both vCPUs' control blocks and one page of event words. */
static bool setup_fifo(void)
{
	if (!setup())
		return false;
	CHECK_EQ(init_control(0, CONTROL0, 0), 0);
	CHECK_EQ(init_control(1, CONTROL1, CONTROL1_OFFSET), 0);
	CHECK_EQ(expand(ARRAY0), 0);
	return true;
}

/* What the guest does as it takes an event off a queue (Linux's clear_linked): the next port. */
static uint32_t guest_unlink(uint32_t port)
{
	uint32_t next = *word(port) & LINK;

	*word(port) &= ~(LINKED | LINK);
	return next;
}

static uint8_t upcall_pending(struct vcpu *v)
{
	return vcpu_shared_info(v)->evtchn_upcall_pending;
}

TEST(fifo_init_control_checks_in_xens_order)
{
	struct pv_evtchn_init_control *out = (struct pv_evtchn_init_control *)host_guest_memory;

	if (!setup())
		return;
	/* No such vCPU before a bad offset; offsets: inside the page, 8-aligned. */
	CHECK_EQ(init_control(2, CONTROL0, 4), -PV_ENOENT);
	CHECK_EQ(init_control(0, CONTROL0, 4096 - 72 + 8), -PV_EINVAL);
	CHECK_EQ(init_control(0, CONTROL0, 4), -PV_EINVAL);
	/* Frames it may not hold writable: refused, and the domain stays two-level. */
	CHECK_EQ(init_control(0, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(init_control(0, UNOWNED_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(init_control(0, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(hold_type(TABLE_FRAME, PV_TYPE_L1), 0);
	CHECK_EQ(init_control(0, TABLE_FRAME, 0), -PV_EINVAL);
	drop_type(TABLE_FRAME);
	CHECK_EQ(expand(ARRAY0), -PV_EOPNOTSUPP);
	CHECK_EQ(set_priority(0, 1), -PV_ENOSYS);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_init_control, BAD_VA), -PV_EFAULT);
	/* The last offset that fits; link_bits comes back. */
	CHECK_EQ(init_control(0, CONTROL0, 4096 - 72), 0);
	CHECK_EQ(out->link_bits, PV_EVTCHN_FIFO_LINK_BITS);
	CHECK_EQ(fr(CONTROL0)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(CONTROL0)->type_count, 1);
	/* Once per vCPU; a frame used as a page table cannot take a writable type. */
	CHECK_EQ(init_control(0, CONTROL1, 0), -PV_EINVAL);
	CHECK_EQ(hold_type(TABLE_FRAME, PV_TYPE_L1), 0);
	CHECK_EQ(init_control(1, TABLE_FRAME, 0), -PV_EINVAL);
	drop_type(TABLE_FRAME);
	CHECK_EQ(init_control(1, CONTROL0, 0), 0); /* two vCPUs may share a page */
	CHECK_EQ(fr(CONTROL0)->type_count, 2);
	/* A page table cannot be made of it while it is held. */
	CHECK(hold_type(CONTROL0, PV_TYPE_L1) != 0);
	world_end();
}

TEST(fifo_expand_array_limits_and_ports_beyond_two_level)
{
	struct pv_evtchn_alloc_unbound a = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };

	if (!setup())
		return;
	CHECK_EQ(init_control(0, CONTROL0, 0), 0);
	CHECK_EQ(expand(OTHER_FRAME), -PV_EINVAL);
	CHECK_EQ(expand(BEYOND_FRAME), -PV_EINVAL);
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_expand_array, BAD_VA), -PV_EFAULT);
	for (unsigned int i = 0; i < MAX_PAGES; i++)
		CHECK_EQ(expand(FIRST_EXTRA_ARRAY + i), 0);
	CHECK_EQ(expand(ARRAY0), -PV_ENOSPC);
	CHECK_EQ(fr(FIRST_EXTRA_ARRAY)->type_count, 1);
	/* Ports past the two-level ABI's 4096. */
	for (unsigned int port = 1; port <= 4096; port++)
		CHECK_EQ(op(PV_EVTCHNOP_alloc_unbound, &a, sizeof(a)), 0);
	CHECK_EQ(((struct pv_evtchn_alloc_unbound *)host_guest_memory)->port, 4096);
	/* Death closes them and gives every page back. */
	evtchn_domain_destroy(dom);
	for (unsigned int i = 0; i < MAX_PAGES; i++)
		CHECK_EQ(fr(FIRST_EXTRA_ARRAY + i)->refcount, 0);
	CHECK_EQ(fr(CONTROL0)->refcount, 0);
	CHECK_EQ(fr(CONTROL0)->type_count, 0);
	world_end();
}

TEST(fifo_queue_links_heads_and_ready)
{
	struct pv_evtchn_fifo_control_block *c;
	long a, b;

	if (!setup_fifo())
		return;
	c = cb(0);
	a = bind_ipi(0);
	b = bind_ipi(0);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	/* The first event starts the queue: HEAD, READY, upcall, kick. */
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(*word(1), PENDING | LINKED);
	CHECK_EQ(c->head[DEFAULT_Q], 1);
	CHECK_EQ(c->ready, 1u << DEFAULT_Q);
	CHECK_EQ(upcall_pending(v0), 1);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* The second is linked behind it: no new READY, no kick. */
	c->ready = 0;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(*word(1), PENDING | LINKED | 2);
	CHECK_EQ(*word(2), PENDING | LINKED);
	CHECK_EQ(c->head[DEFAULT_Q], 1);
	CHECK_EQ(c->ready, 0);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* Raised again while linked: nothing moves. */
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(*word(1), PENDING | LINKED | 2);
	/* Handled (PENDING cleared) but still linked: raised again, not linked twice. */
	*word(1) &= ~PENDING;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(*word(1), PENDING | LINKED | 2);
	CHECK_EQ(*word(2), PENDING | LINKED);
	/* The guest takes 1 off; 1 raised again goes behind 2. */
	CHECK_EQ(guest_unlink(1), 2);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(*word(2), PENDING | LINKED | 1);
	CHECK_EQ(c->head[DEFAULT_Q], 1); /* HEAD is the guest's once set */
	/* The queue drains: the next event restarts it at HEAD with READY. */
	CHECK_EQ(guest_unlink(2), 1);
	CHECK_EQ(guest_unlink(1), 0);
	*word(1) = *word(2) = 0;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(c->head[DEFAULT_Q], 2);
	CHECK_EQ(c->ready, 1u << DEFAULT_Q);
	CHECK_EQ(*word(1), 0);
	/* Nothing of it in the two-level bitmaps. */
	CHECK_EQ(domain_shared_info(dom)->evtchn_pending[0], 0);
	world_end();
}

TEST(fifo_priorities_and_set_priority_errors)
{
	struct pv_evtchn_fifo_control_block *c;

	if (!setup_fifo())
		return;
	c = cb(0);
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(bind_ipi(0), 2);
	CHECK_EQ(set_priority(1, 16), -PV_EINVAL);
	CHECK_EQ(set_priority(3, 1), -PV_EACCES); /* free */
	CHECK_EQ(set_priority(0, 1), -PV_EACCES); /* reserved */
	CHECK_EQ(set_priority(64, 1), -PV_EINVAL); /* beyond the table */
	CHECK_EQ(do_event_channel_op(PV_EVTCHNOP_set_priority, BAD_VA), -PV_EFAULT);
	CHECK_EQ(set_priority(2, PV_EVTCHN_FIFO_PRIORITY_MAX), 0);
	CHECK_EQ(set_priority(1, PV_EVTCHN_FIFO_PRIORITY_MIN), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(c->head[PV_EVTCHN_FIFO_PRIORITY_MIN], 1);
	CHECK_EQ(c->head[PV_EVTCHN_FIFO_PRIORITY_MAX], 2);
	CHECK_EQ(c->ready, 1u << PV_EVTCHN_FIFO_PRIORITY_MIN | 1u << PV_EVTCHN_FIFO_PRIORITY_MAX);
	CHECK_EQ(*word(1), PENDING | LINKED);
	CHECK_EQ(*word(2), PENDING | LINKED);
	/* A new priority while linked: it stays; its next link uses the new queue. */
	CHECK_EQ(set_priority(1, 4), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(c->head[4], 0);
	guest_unlink(1);
	*word(1) = 0;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(c->head[4], 1);
	/* Rebinding a port gives it the default priority again. */
	CHECK_EQ(port_op(PV_EVTCHNOP_close, 2), 0);
	CHECK_EQ(*word(2), LINKED); /* close clears PENDING only */
	guest_unlink(2);
	CHECK_EQ(bind_ipi(0), 2);
	c->ready = 0;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(c->head[DEFAULT_Q], 2);
	world_end();
}

TEST(fifo_mask_unmask_and_poll)
{
	struct pv_evtchn_fifo_control_block *c;

	if (!setup_fifo())
		return;
	c = cb(0);
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(evtchn_port_poll(dom, 1), 0);
	*word(1) = MASKED;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(*word(1), MASKED | PENDING);
	CHECK_EQ(c->ready, 0);
	CHECK_EQ(host_vcpu_kicks, 0);
	CHECK_EQ(evtchn_port_poll(dom, 1), 1);
	/* Unmasking a pending event links it. */
	CHECK_EQ(port_op(PV_EVTCHNOP_unmask, 1), 0);
	CHECK_EQ(*word(1), PENDING | LINKED);
	CHECK_EQ(c->head[DEFAULT_Q], 1);
	CHECK_EQ(c->ready, 1u << DEFAULT_Q);
	CHECK_EQ(host_vcpu_kicks, 1);
	/* Unmasking one not pending only clears the mask; a free port is left alone. */
	CHECK_EQ(bind_ipi(0), 2);
	*word(2) = MASKED;
	CHECK_EQ(port_op(PV_EVTCHNOP_unmask, 2), 0);
	CHECK_EQ(*word(2), 0);
	*word(5) = MASKED | PENDING;
	CHECK_EQ(port_op(PV_EVTCHNOP_unmask, 5), 0);
	CHECK_EQ(*word(5), MASKED | PENDING);
	CHECK_EQ(port_op(PV_EVTCHNOP_unmask, 64), -PV_EINVAL);
	/* A vCPU polling the port wakes when it becomes pending. */
	v0->polling = true;
	v0->poll_evtchn = 2;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK(!v0->polling);
	CHECK_EQ(evtchn_port_poll(dom, 2), 1);
	world_end();
}

TEST(fifo_event_moving_between_vcpus_invalidates_old_tail)
{
	struct pv_evtchn_bind_vcpu bv = { .vcpu = 1 };
	uint32_t sender, sender2, port, other;

	if (!setup_fifo())
		return;
	port = loopback(&sender);
	other = loopback(&sender2);
	/* Binding raised both; the guest consumes them. */
	CHECK_EQ(*word(port), PENDING | LINKED | other);
	CHECK_EQ(*word(other), PENDING | LINKED);
	*word(port) = *word(other) = 0;
	cb(0)->head[DEFAULT_Q] = 0;
	cb(0)->ready = 0;
	/* Linked on vCPU 0, then taken off by the guest: still vCPU 0's tail. */
	CHECK_EQ(port_op(PV_EVTCHNOP_send, sender), 0);
	CHECK_EQ(cb(0)->head[DEFAULT_Q], port);
	guest_unlink(port);
	*word(port) = 0;
	/* It moves to vCPU 1 and is linked there. */
	bv.port = port;
	CHECK_EQ(op(PV_EVTCHNOP_bind_vcpu, &bv, sizeof(bv)), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, sender), 0);
	CHECK_EQ(cb(1)->head[DEFAULT_Q], port);
	CHECK_EQ(cb(1)->ready, 1u << DEFAULT_Q);
	CHECK(host_last_kicked == v1);
	/* vCPU 0's queue starts afresh rather than behind a word on vCPU 1's. */
	CHECK_EQ(port_op(PV_EVTCHNOP_send, sender2), 0);
	CHECK_EQ(cb(0)->head[DEFAULT_Q], other);
	CHECK_EQ(*word(port) & LINK, 0);
	CHECK_EQ(*word(other), PENDING | LINKED);
	world_end();
}

TEST(fifo_tail_link_keeps_guest_bits_and_clears_busy)
{
	if (!setup_fifo())
		return;
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(bind_ipi(0), 2);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	/* The guest masked the tail meanwhile and a stale BUSY is left on it. */
	*word(1) |= MASKED | BUSY;
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(*word(1), PENDING | LINKED | MASKED | 2);
	world_end();
}

TEST(fifo_closed_port_busy_while_linked)
{
	if (!setup_fifo())
		return;
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(port_op(PV_EVTCHNOP_close, 1), 0);
	CHECK_EQ(*word(1), LINKED);
	/* Still on a queue: not handed out again until the guest unlinks it. */
	CHECK_EQ(bind_ipi(0), 2);
	guest_unlink(1);
	CHECK_EQ(bind_ipi(0), 1);
	world_end();
}

TEST(fifo_switch_carries_pending_ports_and_drops_without_control_block)
{
	struct pv_shared_info *si;

	if (!setup())
		return;
	si = domain_shared_info(dom);
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(bind_ipi(1), 2);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(si->evtchn_pending[0], 2);
	CHECK_EQ(init_control(0, CONTROL0, 0), 0);
	/* No event word yet: kept for later, nothing visible. */
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(evtchn_port_poll(dom, 1), 0);
	si->evtchn_pending[0] = 0;
	CHECK_EQ(expand(ARRAY0), 0);
	CHECK_EQ(*word(1), PENDING | LINKED);
	CHECK_EQ(cb(0)->head[DEFAULT_Q], 1);
	CHECK_EQ(si->evtchn_pending[0], 0);
	/* vCPU 1 has no control block: its event is dropped, with a log line. */
	console_capture_reset();
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 2), 0);
	CHECK_EQ(*word(2), 0);
	CHECK(strstr(console_captured(), "d1v1 has no FIFO event channel control block") != NULL);
	world_end();
}

TEST(fifo_reset_goes_back_to_two_level)
{
	struct pv_evtchn_reset r = { .dom = PV_DOMID_SELF };

	if (!setup_fifo())
		return;
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(op(PV_EVTCHNOP_reset, &r, sizeof(r)), 0);
	CHECK_EQ(fr(CONTROL0)->refcount, 0);
	CHECK_EQ(fr(CONTROL1)->refcount, 0);
	CHECK_EQ(fr(ARRAY0)->refcount, 0);
	CHECK_EQ(fr(ARRAY0)->type_count, 0);
	CHECK_EQ(expand(ARRAY0), -PV_EOPNOTSUPP);
	/* Two-level again: port 1 is free although its word was left linked. */
	CHECK_EQ(bind_ipi(0), 1);
	CHECK_EQ(set_priority(1, 1), -PV_ENOSYS);
	CHECK_EQ(port_op(PV_EVTCHNOP_send, 1), 0);
	CHECK_EQ(domain_shared_info(dom)->evtchn_pending[0], 2);
	/* And FIFO may be set up again. */
	CHECK_EQ(init_control(0, CONTROL0, 0), 0);
	world_end();
}
