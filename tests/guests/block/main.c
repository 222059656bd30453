/*
 * SCHEDOP_block and SCHEDOP_poll: 20 one-shot ticks of 10 ms with the vCPU
 * blocked in between (block unmasks events; the timer's event wakes it);
 * block with an event already waiting returns at once; poll's errors
 * (more than 128 ports, bad pointers, a port not in use), a pending port
 * returning at once, the timeout, and a polled port (the timer's, with
 * upcalls masked) waking it.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/vcpu.h"

#define MS 1000000ull

static volatile struct pv_shared_info *shared;
static uint64_t shared_page[512] __attribute__((aligned(4096)));
static volatile unsigned int ticks;
static unsigned int timer_port;
static volatile uint64_t tick_time;

void upcall_entry(void);
void upcall_record(void);

__asm__(".text\nupcall_entry:\n\t"
	"pushq %rax; pushq %rdi; pushq %rsi; pushq %rdx\n\t"
	"pushq %r8; pushq %r9; pushq %r10\n\t"
	"call upcall_record\n\t"
	"popq %r10; popq %r9; popq %r8\n\t"
	"popq %rdx; popq %rsi; popq %rdi; popq %rax\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $0\n\t"
	"jmp hypercall_page + 23 * 32\n");

#define barrier() __asm__ volatile("" ::: "memory")

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint64_t system_time(void)
{
	volatile struct pv_vcpu_time_info *t = &shared->vcpu_info[0].time;
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

void upcall_record(void)
{
	volatile struct pv_vcpu_info *vi = &shared->vcpu_info[0];
	uint64_t bit = 1ull << (timer_port % 64);

	vi->evtchn_upcall_pending = 0;
	__atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	if (__atomic_fetch_and(&shared->evtchn_pending[timer_port / 64], ~bit, __ATOMIC_SEQ_CST) & bit) {
		tick_time = system_time();
		ticks++;
	}
}

static void wait_ms(uint64_t ms)
{
	uint64_t end = system_time() + ms * MS;

	while (system_time() < end)
		;
}

static long vcpu_op(int cmd, unsigned int id, void *arg)
{
	return HYPERCALL3(vcpu_op, cmd, id, arg);
}

static long poll(uint32_t *ports, uint32_t nr, uint64_t timeout)
{
	struct pv_sched_poll p = { .ports = (uint64_t)ports, .nr_ports = nr, .timeout = timeout };

	return HYPERCALL2(sched_op, PV_SCHEDOP_poll, &p);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_event, .address = (uint64_t)upcall_entry,
	};
	struct pv_evtchn_bind_virq bind = { .virq = PV_VIRQ_TIMER, .vcpu = 0 };
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	volatile struct pv_vcpu_info *vi;
	static uint32_t ports[130];
	unsigned int n, blocks = 0;
	uint64_t start, deadline, t;

	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)shared_page,
			    (si->shared_info & PTE_ADDR) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
			    PV_UVMF_INVLPG), 0);
	shared = (volatile struct pv_shared_info *)shared_page;
	vi = &shared->vcpu_info[0];
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_virq, &bind), 0);
	timer_port = bind.port;
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	vi->evtchn_upcall_mask = 0;
	wait_ms(15); /* a periodic tick already due has come */

	/* 20 ticks of 10 ms, blocking in between (block unmasks events). */
	n = ticks;
	start = system_time();
	for (unsigned int i = 1; i <= 20; i++) {
		deadline = system_time() + 10 * MS;
		CHECK_EQ(HYPERCALL1(set_timer_op, deadline), 0);
		for (;;) {
			vi->evtchn_upcall_mask = 1;
			if (ticks >= n + i)
				break;
			CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_block, 0), 0);
			blocks++;
		}
		vi->evtchn_upcall_mask = 0;
		CHECK(tick_time >= deadline);
	}
	CHECK_EQ(ticks, n + 20);
	CHECK(system_time() - start >= 200 * MS);
	CHECK(blocks >= 20);
	printf("block: 20 ticks with %u blocks in %lu ms\n", blocks,
	       (unsigned long)((system_time() - start) / MS));

	/* An event already waiting: block returns at once and it is delivered. */
	n = ticks;
	vi->evtchn_upcall_mask = 1;
	CHECK_EQ(HYPERCALL1(set_timer_op, 1), 0);
	while (!vi->evtchn_upcall_pending)
		;
	CHECK_EQ(ticks, n);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_block, 0), 0);
	CHECK_EQ(ticks, n + 1);
	CHECK_EQ(vi->evtchn_upcall_mask, 0);
	printf("block: pending event returns at once\n");

	/* Poll (upcalls masked): errors, a pending port, a timeout, a port waking it. */
	vi->evtchn_upcall_mask = 1;
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_alloc_unbound, &alloc), 0);
	ports[0] = alloc.port;
	CHECK_EQ(poll(ports, 129, 0), -PV_EINVAL);
	CHECK_EQ(poll((uint32_t *)8, 1, 0), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, 8), -PV_EFAULT);
	ports[1] = 4000;
	CHECK_EQ(poll(ports, 2, 0), -PV_EINVAL);

	start = system_time();
	deadline = start + 20 * MS;
	CHECK_EQ(poll(ports, 1, deadline), 0);
	t = system_time();
	CHECK(t >= deadline);
	CHECK(t < deadline + 2000 * MS);
	printf("poll: timeout after %lu ms\n", (unsigned long)((t - start) / MS));

	ports[0] = timer_port;
	__atomic_fetch_or(&shared->evtchn_pending[timer_port / 64], 1ull << (timer_port % 64),
			  __ATOMIC_SEQ_CST);
	start = system_time();
	CHECK_EQ(poll(ports, 1, start + 500 * MS), 0);
	CHECK(system_time() - start < 100 * MS);
	__atomic_fetch_and(&shared->evtchn_pending[timer_port / 64], ~(1ull << (timer_port % 64)),
			   __ATOMIC_SEQ_CST);

	start = system_time();
	CHECK_EQ(HYPERCALL1(set_timer_op, start + 10 * MS), 0);
	CHECK_EQ(poll(ports, 1, start + 3000 * MS), 0);
	t = system_time();
	CHECK(t >= start + 10 * MS);
	CHECK(t < start + 2000 * MS);
	CHECK(shared->evtchn_pending[timer_port / 64] >> (timer_port % 64) & 1);
	printf("poll: woken by its port after %lu ms\n", (unsigned long)((t - start) / MS));
	vi->evtchn_upcall_mask = 0; /* the tick is delivered now */
	CHECK_EQ(HYPERCALL2(xen_version, 0, 0), 0x40011);
	vi->evtchn_upcall_mask = 1;
}
