/*
 * Event upcalls: with an event callback registered and events unmasked,
 * a pending event enters the callback when the guest next returns from
 * the hypervisor, with events masked and Xen's frame (RCX, R11, RIP, CS
 * with the previous mask 0, RFLAGS with IF, RSP, SS); the callback
 * returns with iret, which unmasks events again.  With events masked
 * nothing is delivered until the guest unmasks and the next return comes.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/shared_info.h"

#define RFLAGS_IF 0x200ul

static volatile struct pv_shared_info *shared;
static uint64_t shared_page[512] __attribute__((aligned(4096)));
static volatile unsigned int upcalls;
static volatile uint64_t frame_seen[7];
static volatile uint8_t mask_in_callback;

void upcall_entry(void);
void upcall_record(uint64_t *frame);

__asm__(".text\nupcall_entry:\n\t"
	"pushq %rax; pushq %rdi; pushq %rsi; pushq %rdx\n\t"
	"pushq %r8; pushq %r9; pushq %r10\n\t"
	"leaq 56(%rsp), %rdi\n\t"
	"call upcall_record\n\t"
	"popq %r10; popq %r9; popq %r8\n\t"
	"popq %rdx; popq %rsi; popq %rdi; popq %rax\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $0\n\t"
	"jmp hypercall_page + 23 * 32\n");

/* Consumes every pending event, as a guest's handler does. */
void upcall_record(uint64_t *frame)
{
	volatile struct pv_vcpu_info *vi = &shared->vcpu_info[0];

	upcalls++;
	for (unsigned int i = 0; i < 7; i++)
		frame_seen[i] = frame[i];
	mask_in_callback = vi->evtchn_upcall_mask;
	vi->evtchn_upcall_pending = 0;
	__atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	for (unsigned int w = 0; w < 64; w++)
		__atomic_exchange_n(&shared->evtchn_pending[w], 0, __ATOMIC_SEQ_CST);
}

static long evtchn(unsigned int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_event, .address = (uint64_t)upcall_entry,
	};
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_bind_interdomain bind = { .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_send send;

	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)shared_page,
			    (si->shared_info & PTE_ADDR) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
			    PV_UVMF_INVLPG), 0);
	shared = (volatile struct pv_shared_info *)shared_page;
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);

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
