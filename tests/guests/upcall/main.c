/*
 * Event upcalls: with an event callback registered and events unmasked,
 * a pending event enters the callback when the guest next returns from
 * the hypervisor, with events masked and Xen's frame (RCX, R11, RIP, CS
 * with the previous mask 0, RFLAGS with IF, RSP, SS); the callback
 * returns with iret, which unmasks events again.  With events masked
 * nothing is delivered until the guest unmasks and the next return comes.
 */
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/shared_info.h"

#define RFLAGS_IF 0x200ul

static volatile struct pv_shared_info *shared;
static volatile uint64_t frame_seen[7];
static volatile uint8_t mask_in_callback;

/* Records Xen's frame and the mask; the library consumes every pending event. */
static void record_frame(const uint64_t *frame)
{
	for (unsigned int i = 0; i < 7; i++)
		frame_seen[i] = frame[i];
	mask_in_callback = shared->vcpu_info[0].evtchn_upcall_mask;
}

static long evtchn(unsigned int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_bind_interdomain bind = { .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_send send;

	shared = map_shared_info(si);
	upcall_hook = record_frame;
	register_event_upcall();

	/* Masked (as at boot): the loopback's events wait. */
	CHECK_EQ(evtchn(PV_EVTCHNOP_alloc_unbound, &alloc), 0);
	bind.remote_port = alloc.port;
	CHECK_EQ(evtchn(PV_EVTCHNOP_bind_interdomain, &bind), 0);
	send.port = alloc.port;
	CHECK_EQ(evtchn(PV_EVTCHNOP_send, &send), 0);
	CHECK_EQ(upcalls, 0);
	CHECK_EQ(shared->vcpu_info[0].evtchn_upcall_pending, 1);

	/* Unmasked: the next return from the hypervisor delivers. */
	shared->vcpu_info[0].evtchn_upcall_mask = 0;
	CHECK_EQ(HYPERCALL2(xen_version, 0, 0), 0x40011);
	CHECK_EQ(upcalls, 1);
	CHECK_EQ(mask_in_callback, 1);
	CHECK_EQ(frame_seen[3] & 0xffff, 0xe030); /* kernel mode */
	CHECK_EQ(frame_seen[3] >> 32, 0);	   /* events were unmasked */
	CHECK(frame_seen[4] & RFLAGS_IF);
	CHECK_EQ(shared->vcpu_info[0].evtchn_upcall_mask, 0); /* iret unmasked */

	/* Each send now upcalls on the way back from the send itself. */
	for (unsigned int i = 0; i < 5; i++)
		CHECK_EQ(evtchn(PV_EVTCHNOP_send, &send), 0);
	CHECK_EQ(upcalls, 6);
	printf("upcall: %u upcalls delivered\n", upcalls);
	shared->vcpu_info[0].evtchn_upcall_mask = 1;
}
