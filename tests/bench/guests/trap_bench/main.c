/*
 * trap_bench: the round trips between a PV kernel and the hypervisor,
 * timed with RDTSC from inside the guest (the loop of bench.h):
 *
 *   null_hypercall  xen_version(XENVER_version) through the hypercall page
 *   exception       int3 in the kernel: bounced to our #BP handler, which
 *                   returns with the iret hypercall
 *   syscall         SYSCALL in user mode: to our syscall callback, which
 *                   returns with iret in system-call form (VGCF_in_syscall),
 *                   as Linux does
 *   event_upcall    EVTCHNOP_send on a loopback channel (both ends ours)
 *                   with events unmasked: the upcall runs on the way back
 *                   from the send and returns with iret
 *   vcpu_switch     sched_op yield to a partner domain that yields back:
 *                   per vCPU switch (vcpu_switch.c; with partner=1 only,
 *                   measured after the others, while the partner, blocked
 *                   until then, is awake)
 *
 * A kernel that is not dom0 is the partner of vcpu_switch and measures
 * nothing.  Command line: rounds=N (7), scale=N (1, multiplies every
 * sample's count), partner=1 (dom0: a partner domU runs beside us).
 */
#include "bench.h"
#include "guest.h"
#include "guest_events.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/version.h"
#include "vcpu_switch.h"

#define RFLAGS_IF 0x200ul
#define VGCF_IN_SYSCALL "0x100"

static unsigned int errors; /* failed hypercalls inside timed loops */

static uint64_t bench_null_hypercall(unsigned int count)
{
	for (unsigned int i = 0; i < count; i++)
		errors += HYPERCALL2(xen_version, PV_XENVER_version, 0) <= 0;
	return count;
}

/* ---- Exception: #BP from the kernel and back ---- */

void breakpoint_entry(void);
__asm__(".text\nbreakpoint_entry:\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $0\n\t"
	"jmp " IRET_STUB "\n");

static uint64_t bench_exception(unsigned int count)
{
	for (unsigned int i = 0; i < count; i++)
		__asm__ volatile("int3" : : : "memory");
	return count;
}

/* ---- System call: user mode to the syscall callback and back ---- */

static uint8_t kernel_stack[8192] __attribute__((aligned(16)));
uint8_t user_stack[4096] __attribute__((aligned(16))); /* used in user_loop */
uint64_t user_syscalls;     /* system calls for user_loop to make (read in user mode) */
uint64_t kernel_resume_rsp; /* run_user_loop's stack, for syscall_entry to return to */

/* User mode: user_syscalls system calls 1, then system call 0 to leave. */
void user_loop(void);
__asm__(".text\nuser_loop:\n\t"
	"movq user_syscalls(%rip), %rbx\n"
	"1:\tmovl $1, %eax\n\t"
	"syscall\n\t"
	"decq %rbx\n\t"
	"jnz 1b\n\t"
	"xorl %eax, %eax\n\t"
	"syscall\n\t"
	"ud2\n");

/*
 * The syscall callback (frame RCX, R11, RIP, CS, RFLAGS, RSP, SS): system
 * call 0 resumes run_user_loop's caller in kernel mode, on its own stack;
 * any other returns to user mode at once.
 */
void syscall_entry(void);
__asm__(".text\nsyscall_entry:\n\t"
	"testq %rax, %rax\n\t"
	"jz 1f\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $" VGCF_IN_SYSCALL "\n\t"
	"jmp " IRET_STUB "\n"
	"1:\tmovq kernel_resume_rsp(%rip), %rsp\n\t"
	"popq %r15; popq %r14; popq %r13; popq %r12; popq %rbp; popq %rbx\n\t"
	"ret\n");

/* Runs user_loop in user mode until it leaves (events stay masked after). */
void run_user_loop(void);
__asm__(".text\nrun_user_loop:\n\t"
	"pushq %rbx; pushq %rbp; pushq %r12; pushq %r13; pushq %r14; pushq %r15\n\t"
	"movq %rsp, kernel_resume_rsp(%rip)\n\t"
	"subq $8, %rsp\n\t"
	"leaq user_loop(%rip), %rdi\n\t"
	"leaq user_stack + 4096(%rip), %rsi\n\t"
	"movl $0x200, %edx\n\t"
	"call enter_user_mode\n");
_Static_assert(sizeof(user_stack) == 4096, "run_user_loop's stack top");

static uint64_t bench_syscall(unsigned int count)
{
	user_syscalls = count;
	run_user_loop();
	return count;
}

/* ---- Event: send on a loopback channel, upcall, back ---- */

static unsigned int loop_send_port, loop_recv_port;
static volatile unsigned int events_taken;

static void take_loop_event(const uint64_t *frame)
{
	(void)frame;
	events_taken += event_take(loop_recv_port);
}

static void setup_loopback(void)
{
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_bind_interdomain bind = { .remote_dom = PV_DOMID_SELF };

	upcall_hook = take_loop_event;
	upcall_clear_all = false;
	register_event_upcall();
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_alloc_unbound, &alloc), 0);
	bind.remote_port = alloc.port;
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_interdomain, &bind), 0);
	loop_recv_port = alloc.port;
	loop_send_port = bind.local_port;
}

static uint64_t bench_event_upcall(unsigned int count)
{
	struct pv_evtchn_send send = { .port = loop_send_port };
	unsigned int before = events_taken;

	guest_shared->vcpu_info[0].evtchn_upcall_mask = 0;
	for (unsigned int i = 0; i < count; i++)
		errors += HYPERCALL2(event_channel_op, PV_EVTCHNOP_send, &send) != 0;
	guest_shared->vcpu_info[0].evtchn_upcall_mask = 1;
	errors += events_taken - before != count;
	return count;
}

/* Counts per sample (times scale=): roughly 20-40 ms of TCG time each. */
static const struct bench benches[] = {
	{ "null_hypercall", bench_null_hypercall, 65536, NULL },
	{ "exception", bench_exception, 8192, NULL },
	{ "syscall", bench_syscall, 2048, NULL },
	{ "event_upcall", bench_event_upcall, 8192, NULL },
};
static const struct bench switch_bench = { "vcpu_switch", bench_vcpu_switch, 1024, NULL };

static void install_breakpoint_handler(void)
{
	static const struct pv_trap_info table[] = {
		{ 3, 3, 0, (uint64_t)breakpoint_entry },
		{ 0, 0, 0, 0 },
	};

	CHECK_EQ(HYPERCALL1(set_trap_table, table), 0);
}

void test_main(const struct pv_start_info *si)
{
	unsigned int rounds = cmdline_uint("rounds", 7), scale = cmdline_uint("scale", 1);
	unsigned int partner = cmdline_uint("partner", 0);

	map_shared_info(si);
	if (!(si->flags & PV_SIF_INITDOMAIN)) {
		be_switch_partner();
		return;
	}
	install_breakpoint_handler();
	user_mode_setup(syscall_entry, kernel_stack + sizeof(kernel_stack));
	setup_loopback();
	if (partner && !connect_switch_partner())
		return;
	printf("bench-config rounds %u scale %u partner %u\n", rounds, scale, partner);
	run_benches(benches, sizeof(benches) / sizeof(benches[0]), rounds, scale);
	CHECK_EQ(errors, 0);
	if (partner) {
		signal_switch_partner();
		run_benches(&switch_bench, 1, rounds, scale);
		signal_switch_partner();
	}
}
