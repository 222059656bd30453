/* Mapping shared_info, its system time, and the event upcall (guest_events.h). */
#include "guest_events.h"
#include "guest_mm.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/mmu.h"

volatile struct pv_shared_info *guest_shared;
volatile unsigned int upcalls;
void (*upcall_hook)(const uint64_t *frame);
bool upcall_clear_all = true;
volatile unsigned int ticks;
unsigned int timer_port;
volatile uint64_t tick_time;

static uint64_t shared_page[512] __attribute__((aligned(4096)));

void upcall_entry(void);
void upcall_record(const uint64_t *frame);

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

void upcall_record(const uint64_t *frame)
{
	volatile struct pv_vcpu_info *vi = &guest_shared->vcpu_info[0];

	upcalls++;
	/* Flag and selector first: an event arriving after is upcalled again. */
	vi->evtchn_upcall_pending = 0;
	__atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	if (upcall_hook)
		upcall_hook(frame);
	if (upcall_clear_all)
		for (unsigned int w = 0; w < 64; w++)
			__atomic_exchange_n(&guest_shared->evtchn_pending[w], 0, __ATOMIC_SEQ_CST);
}

volatile struct pv_shared_info *map_shared_info(const struct pv_start_info *si)
{
	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)shared_page,
			    (si->shared_info & PTE_ADDR) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
			    PV_UVMF_INVLPG), 0);
	guest_shared = (volatile struct pv_shared_info *)shared_page;
	return guest_shared;
}

void register_event_upcall(void)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_event, .address = (uint64_t)upcall_entry,
	};

	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
}

static void tick_hook(const uint64_t *frame)
{
	(void)frame;
	if (event_take(timer_port)) {
		tick_time = system_time();
		ticks++;
	}
}

void count_timer_ticks(void)
{
	struct pv_evtchn_bind_virq bind = { .virq = PV_VIRQ_TIMER, .vcpu = 0 };

	upcall_hook = tick_hook;
	upcall_clear_all = false;
	register_event_upcall();
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_virq, &bind), 0);
	timer_port = bind.port;
}

bool event_take(unsigned int port)
{
	uint64_t bit = 1ull << (port % 64);

	return __atomic_fetch_and(&guest_shared->evtchn_pending[port / 64], ~bit,
				  __ATOMIC_SEQ_CST) & bit;
}

#define barrier() __asm__ volatile("" ::: "memory")

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t system_time(void)
{
	volatile struct pv_vcpu_time_info *t = &guest_shared->vcpu_info[0].time;
	uint64_t stamp, stime, delta;
	uint32_t v, mul;
	int8_t shift;

	do {
		v = t->version;
		barrier();
		stamp = t->tsc_timestamp;
		stime = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		delta = rdtsc() - stamp;
		barrier();
	} while ((v & 1) || v != t->version);
	delta = shift < 0 ? delta >> -shift : delta << shift;
	return stime + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

void wait_ms(uint64_t ms)
{
	uint64_t end = system_time() + ms * MS;

	while (system_time() < end)
		;
}
