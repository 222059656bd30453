/*
 * Guest timers raising VIRQ_TIMER, counted by the event upcall: the
 * default 10 ms periodic timer and stopping it; 20 one-shot ticks of
 * 10 ms through set_timer_op, each arriving no earlier than asked; a time
 * in the past firing at once; 0 cancelling; VCPUOP_set_singleshot_timer
 * (a past time with VCPU_SSHOTTMR_future fires at once, as Xen 4.17 has
 * it) and stop_singleshot_timer; set_periodic_timer's minimum period;
 * vcpu_op's error codes and is_up.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/mmu.h"
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

/* Waits up to @ms for the tick count to pass @n; returns whether it did. */
static int wait_ticks(unsigned int n, uint64_t ms)
{
	uint64_t end = system_time() + ms * MS;

	while (ticks < n && system_time() < end)
		;
	return ticks >= n;
}

static long vcpu_op(int cmd, unsigned int id, void *arg)
{
	return HYPERCALL3(vcpu_op, cmd, id, arg);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_event, .address = (uint64_t)upcall_entry,
	};
	struct pv_evtchn_bind_virq bind = { .virq = PV_VIRQ_TIMER, .vcpu = 0 };
	struct pv_vcpu_set_periodic_timer per;
	struct pv_vcpu_set_singleshot_timer ss;
	unsigned int n;
	uint64_t start, deadline;

	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)shared_page,
			    (si->shared_info & PTE_ADDR) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
			    PV_UVMF_INVLPG), 0);
	shared = (volatile struct pv_shared_info *)shared_page;
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_virq, &bind), 0);
	timer_port = bind.port;
	shared->vcpu_info[0].evtchn_upcall_mask = 0;

	/* The default periodic timer (10 ms) ticks; stopped, it is quiet. */
	CHECK(wait_ticks(3, 500));
	printf("timer: default periodic timer ticks\n");
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	wait_ms(15);
	n = ticks;
	wait_ms(40);
	CHECK_EQ(ticks, n);

	/* 20 one-shot ticks of 10 ms, none early. */
	n = ticks;
	start = system_time();
	for (unsigned int i = 1; i <= 20; i++) {
		deadline = system_time() + 10 * MS;
		CHECK_EQ(HYPERCALL1(set_timer_op, deadline), 0);
		CHECK(wait_ticks(n + i, 1000));
		CHECK(tick_time >= deadline);
	}
	CHECK_EQ(ticks, n + 20);
	CHECK(system_time() - start >= 200 * MS);
	printf("timer: 20 set_timer_op ticks in %lu ms\n", (unsigned long)((system_time() - start) / MS));

	/* A time in the past fires at once; 0 cancels. */
	n = ticks;
	CHECK_EQ(HYPERCALL1(set_timer_op, 1), 0);
	CHECK(wait_ticks(n + 1, 50));
	CHECK_EQ(HYPERCALL1(set_timer_op, system_time() + 20 * MS), 0);
	CHECK_EQ(HYPERCALL1(set_timer_op, 0), 0);
	wait_ms(50);
	CHECK_EQ(ticks, n + 1);
	printf("timer: past fires at once, 0 cancels\n");

	/* VCPUOP single-shot: past (even with the future flag) fires, future fires, stop. */
	n = ticks;
	ss.timeout_abs_ns = 1;
	ss.flags = PV_VCPU_SSHOTTMR_future;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK(wait_ticks(n + 1, 50));
	ss.timeout_abs_ns = system_time() + 5 * MS;
	ss.flags = 0;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK(wait_ticks(n + 2, 500));
	CHECK(tick_time >= ss.timeout_abs_ns);
	ss.timeout_abs_ns = system_time() + 10 * MS;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_singleshot_timer, 0, 0), 0);
	wait_ms(30);
	CHECK_EQ(ticks, n + 2);
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, (void *)8), -PV_EFAULT);
	printf("timer: singleshot vcpu_op as Xen 4.17\n");

	/* Periodic: under 1 ms refused; 2 ms ticks; stopped again. */
	per.period_ns = MS - 1;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, &per), -PV_EINVAL);
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, (void *)8), -PV_EFAULT);
	per.period_ns = 2 * MS;
	n = ticks;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, &per), 0);
	CHECK(wait_ticks(n + 5, 1000));
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	wait_ms(5);
	n = ticks;
	wait_ms(20);
	CHECK_EQ(ticks, n);
	printf("timer: periodic set and stopped\n");

	/* vcpu_op errors and is_up. */
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 0, 0), 1);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 1, 0), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_singleshot_timer, 1, 0), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 100000, 0), -PV_ENOENT);
	printf("timer: vcpu_op errors as Xen\n");
	shared->vcpu_info[0].evtchn_upcall_mask = 1;
}
