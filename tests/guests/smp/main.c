/*
 * Several vCPUs in one domain (run as dom0 with dom0_max_vcpus=4 and as a
 * domU with vcpus=3; the kernel command line's vcpus= says how many):
 *  - only vCPU 0 runs at first; is_up answers 1 for it, 0 for the others
 *    and -ENOENT past them;
 *  - vcpu_op's errors as Xen 4.17: up before initialise, unknown vCPU,
 *    unreadable or bad contexts, initialising twice, register_vcpu_info
 *    with a bad offset, a foreign frame or for a running vCPU;
 *  - every other vCPU is initialised (its own stack and entry, vCPU id in
 *    RDI) and brought up;
 *  - IPIs (bind_ipi): 20 ping-pong round trips with each vCPU, each event
 *    flagged in the receiving vCPU's own vcpu_info;
 *  - each vCPU binds VIRQ_TIMER for itself and takes a single-shot tick;
 *  - each vCPU moves its vcpu_info into a guest page: events flag the new
 *    copy, not the old one;
 *  - a loopback channel's port moved to each vCPU (bind_vcpu) flags it;
 *  - vCPU 0's time record is copied into a registered area;
 *  - VCPUOP_send_nmi runs the target vCPU's NMI callback;
 *  - runstate areas: vCPU 0's running time grows and its state is
 *    running when it looks; a vCPU waiting for an event is blocked;
 *  - vCPU 1 takes itself down and is brought up again; vCPU 0 takes
 *    another one down (an event does not run it) and up again;
 *  - the last vCPU shuts the whole domain down.
 * With bad_selector=1 the domain instead starts a vCPU that cannot be
 * entered, and is crashed for it.
 */
#include "guest.h"
#include "guest_events.h"
#include "guest_mm.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/vcpu.h"
#include "lib/string.h"

#define MAX_VCPUS 8
#define STACK_BYTES 8192
#define ROUNDS 20
#define TIMER_NS (3 * MS)
#define BAD_GUEST_PTR 0xffff800000000000ul

enum phase { PHASE_PINGS, PHASE_VCPU_INFO, PHASE_IDLE, PHASE_DOWN_SELF, PHASE_FINISH };

static uint8_t stacks[MAX_VCPUS][STACK_BYTES] __attribute__((aligned(16)));
static uint8_t info_page[PAGE_SIZE] __attribute__((aligned(4096)));
static volatile struct pv_vcpu_runstate_info runstates[MAX_VCPUS];
static struct pv_vcpu_guest_context ctx;

static unsigned int nr_vcpus;
static uint32_t ping_port[MAX_VCPUS], pong_port[MAX_VCPUS];
static volatile enum phase phase;
static volatile unsigned int started[MAX_VCPUS], pongs[MAX_VCPUS], timer_ok[MAX_VCPUS];
static volatile unsigned int info_moved[MAX_VCPUS], info_ok[MAX_VCPUS];
static volatile unsigned int idle_pings[MAX_VCPUS], came_back[MAX_VCPUS];

/*
 * The NMI callback: counts the NMI and returns with the iret hypercall
 * (Xen's bounce frame holds RCX, R11, then the iret frame; iret wants
 * flags 0 pushed in their place).
 */
volatile unsigned int nmis;
void nmi_entry(void);
__asm__(".text\nnmi_entry:\n\t"
	"lock incl nmis(%rip)\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $0\n\t"
	"jmp hypercall_page + 23 * 32\n");

static void register_nmi_callback(void)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_nmi, .address = (uint64_t)nmi_entry,
	};

	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
}

static long vcpu_op(int cmd, unsigned int id, const volatile void *arg)
{
	return HYPERCALL3(vcpu_op, cmd, id, arg);
}

static long evtchn_op(int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

static void yield(void)
{
	HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
}

static void send(uint32_t port)
{
	struct pv_evtchn_send s = { .port = port };

	CHECK_EQ(evtchn_op(PV_EVTCHNOP_send, &s), 0);
}

/* Blocks until @port is pending, then clears it. */
static void wait_port(uint32_t port)
{
	struct pv_sched_poll p = { .ports = (uint64_t)&port, .nr_ports = 1 };

	while (!event_take(port))
		CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, &p), 0);
}

/* Yields until *@flag is set (checked: within about 5 s of system time). */
static void wait_flag(const volatile unsigned int *flag)
{
	uint64_t end = system_time() + 5000 * MS;

	while (!*flag && system_time() < end)
		yield();
	CHECK(*flag);
}

static volatile struct pv_vcpu_info *shared_vcpu_info(unsigned int id)
{
	return &guest_shared->vcpu_info[id];
}

/* Checks and clears the selector bit and upcall flag @port set in @vi. */
static void take_notification(volatile struct pv_vcpu_info *vi, uint32_t port)
{
	uint64_t bit = 1ul << (port / 64);

	CHECK(__atomic_fetch_and(&vi->evtchn_pending_sel, ~bit, __ATOMIC_SEQ_CST) & bit);
	CHECK_EQ(vi->evtchn_upcall_pending, 1);
	vi->evtchn_upcall_pending = 0;
}

static void secondary_pings(unsigned int id)
{
	for (unsigned int i = 0; i < ROUNDS; i++) {
		wait_port(ping_port[id]);
		take_notification(shared_vcpu_info(id), ping_port[id]);
		pongs[id]++;
		send(pong_port[id]);
	}
}

static void secondary_timer(unsigned int id)
{
	struct pv_evtchn_bind_virq b = { .virq = PV_VIRQ_TIMER, .vcpu = id };
	struct pv_vcpu_set_singleshot_timer t;
	uint64_t start;

	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, id, 0), 0);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_virq, &b), 0);
	start = system_time();
	t = (struct pv_vcpu_set_singleshot_timer){ .timeout_abs_ns = start + TIMER_NS };
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, id, &t), 0);
	wait_port(b.port);
	CHECK(system_time() >= start + TIMER_NS);
	take_notification(shared_vcpu_info(id), b.port);
	timer_ok[id] = 1;
}

static void secondary_vcpu_info(unsigned int id)
{
	volatile struct pv_vcpu_info *old = shared_vcpu_info(id);
	volatile struct pv_vcpu_info *new = (volatile void *)(info_page + id * 64);
	struct pv_vcpu_register_vcpu_info r = { .mfn = va_to_mfn(info_page), .offset = id * 64 };

	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, id, &r), 0);
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, id, &r), -PV_EINVAL);
	/* Carried over, and everything marked for a rescan. */
	CHECK_EQ(new->evtchn_upcall_mask, 1);
	CHECK_EQ(new->evtchn_pending_sel, ~0ul);
	CHECK_EQ(new->evtchn_upcall_pending, 1);
	CHECK(new->time.system_time != 0 && !(new->time.version & 1));
	new->evtchn_pending_sel = 0;
	new->evtchn_upcall_pending = 0;
	old->evtchn_pending_sel = 0;
	old->evtchn_upcall_pending = 0;
	info_moved[id] = 1;
	wait_port(ping_port[id]);
	take_notification(new, ping_port[id]);
	CHECK_EQ(old->evtchn_pending_sel, 0);
	CHECK_EQ(old->evtchn_upcall_pending, 0);
	info_ok[id] = 1;
}

__attribute__((noreturn)) static void secondary_main(unsigned int id)
{
	struct pv_vcpu_register_runstate_memory_area area = { .addr.p = (uint64_t)&runstates[id] };
	uint8_t here;

	CHECK(&here > stacks[id] && &here < stacks[id] + STACK_BYTES);
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_runstate_memory_area, id, &area), 0);
	register_nmi_callback();
	/*
	 * The context's RFLAGS.IOPL became this vCPU's virtual IOPL: port I/O
	 * (dom0's port 0x80, all ones in a domU) and CLI/STI do not fault.
	 * Without it the #GP, with no trap table here, crashes the domain.
	 */
	__asm__ volatile("inb $0x80, %%al; cli; sti" : : : "rax");
	started[id] = 1;
	secondary_pings(id);
	secondary_timer(id);
	while (phase < PHASE_VCPU_INFO)
		yield();
	secondary_vcpu_info(id);
	for (;;) {
		wait_port(ping_port[id]);
		if (phase == PHASE_FINISH && id == nr_vcpus - 1)
			test_finish();
		if (phase == PHASE_DOWN_SELF && id == 1 && !came_back[id]) {
			CHECK_EQ(vcpu_op(PV_VCPUOP_down, id, 0), 0);
			came_back[id] = 1;
			continue;
		}
		idle_pings[id]++;
	}
}

static uint32_t bind_ipi(unsigned int vcpu)
{
	struct pv_evtchn_bind_ipi b = { .vcpu = vcpu };

	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_ipi, &b), 0);
	return b.port;
}

/* A context that starts secondary_main(@id) on its own stack, in kernel mode. */
static void make_context(unsigned int id)
{
	uint64_t top = (uint64_t)(stacks[id] + STACK_BYTES);

	for (uint8_t *p = (uint8_t *)&ctx; p < (uint8_t *)(&ctx + 1); p++)
		*p = 0;
	ctx.flags = PV_VGCF_in_kernel;
	ctx.user_regs.rip = (uint64_t)secondary_main;
	ctx.user_regs.rsp = top - 8; /* as after a call */
	ctx.user_regs.rdi = id;
	ctx.user_regs.cs = PV_FLAT_KERNEL_CS;
	ctx.user_regs.ss = PV_FLAT_KERNEL_SS;
	ctx.user_regs.rflags = 0x1000; /* virtual IOPL 1, as Linux asks */
	ctx.kernel_ss = PV_FLAT_KERNEL_SS;
	ctx.kernel_sp = top;
	ctx.ctrlreg[3] = va_to_mfn((const void *)boot_start_info->pt_base) << 12;
}

static void count_vcpus(void)
{
	char buf[8];
	const char *want = cmdline_value("vcpus", buf, sizeof(buf));

	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 0, 0), 1);
	for (nr_vcpus = 1; nr_vcpus < 32; nr_vcpus++) {
		long rc = vcpu_op(PV_VCPUOP_is_up, nr_vcpus, 0);

		if (rc == -PV_ENOENT)
			break;
		CHECK_EQ(rc, 0);
	}
	CHECK(want && (unsigned int)(want[0] - '0') == nr_vcpus);
	CHECK(nr_vcpus >= 3 && nr_vcpus <= MAX_VCPUS);
	if (nr_vcpus > MAX_VCPUS)
		test_finish();
	printf("smp: %u vCPUs, only vCPU 0 up\n", nr_vcpus);
}

/* Initialising vCPU 1 with ctx after @change: the error expected. */
static void bad_context(void (*change)(void), long want, int line)
{
	long rc;

	make_context(1);
	change();
	rc = vcpu_op(PV_VCPUOP_initialise, 1, &ctx);
	if (rc != want)
		test_fail(__FILE__, line, "bad context: got %ld, want %ld", rc, want);
}

static void rip_not_canonical(void) { ctx.user_regs.rip = 0x0000800000000000ul; }
static void kernel_sp_not_canonical(void) { ctx.kernel_sp = 0x8000000000000000ul; }
static void trap_not_canonical(void) { ctx.trap_ctxt[3].address = 0x1234000000000000ul; }
static void ldt_unaligned(void) { ctx.ldt_base = 0x1008; }
static void ldt_in_hypervisor(void) { ctx.ldt_base = BAD_GUEST_PTR; }
static void ldt_too_long(void) { ctx.ldt_ents = 8193; }
static void gdt_too_long(void) { ctx.gdt_ents = 16 * 512 + 1; }
static void user_mode_no_user_root(void) { ctx.flags = 0; }
static void root_not_ours(void) { ctx.ctrlreg[3] = 0; }
static void root_is_data(void) { ctx.ctrlreg[3] = va_to_mfn(info_page) << 12; }
static void user_root_is_data(void) { ctx.ctrlreg[1] = va_to_mfn(info_page) << 12; }

static void check_errors(void)
{
	struct pv_vcpu_register_vcpu_info r = { .mfn = va_to_mfn(info_page) };

	CHECK_EQ(vcpu_op(PV_VCPUOP_up, 1, 0), -PV_EINVAL);
	CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, nr_vcpus, &ctx), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_up, nr_vcpus, 0), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, 1, (void *)BAD_GUEST_PTR), -PV_EFAULT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, 1, (void *)8), -PV_EFAULT);
	bad_context(rip_not_canonical, -PV_EINVAL, __LINE__);
	bad_context(kernel_sp_not_canonical, -PV_EINVAL, __LINE__);
	bad_context(trap_not_canonical, -PV_EINVAL, __LINE__);
	bad_context(ldt_unaligned, -PV_EINVAL, __LINE__);
	bad_context(ldt_in_hypervisor, -PV_EINVAL, __LINE__);
	bad_context(ldt_too_long, -PV_EINVAL, __LINE__);
	bad_context(gdt_too_long, -PV_EINVAL, __LINE__);
	bad_context(user_mode_no_user_root, -PV_EINVAL, __LINE__);
	bad_context(root_not_ours, -PV_EINVAL, __LINE__);
	bad_context(root_is_data, -PV_EINVAL, __LINE__);
	bad_context(user_root_is_data, -PV_EINVAL, __LINE__);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 1, 0), 0);
	make_context(0);
	CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, 0, &ctx), -PV_EEXIST);
	/* register_vcpu_info (Xen: a bad offset is -ENXIO). */
	r.offset = 4;
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, 0, &r), -PV_ENXIO);
	r.offset = PAGE_SIZE - 32;
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, 0, &r), -PV_ENXIO);
	r.offset = 0;
	r.mfn = 0;
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, 0, &r), -PV_EINVAL);
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, 0, (void *)BAD_GUEST_PTR), -PV_EFAULT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_get_runstate_info, 0, (void *)BAD_GUEST_PTR), -PV_EFAULT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_runstate_memory_area, 0, (void *)BAD_GUEST_PTR),
		 -PV_EFAULT);
	if (boot_start_info->flags & PV_SIF_PRIVILEGED) {
		/* One physical CPU: dom0's vCPUs count as pinned, as on Xen. */
		uint64_t id[2] = { 0, 0x5a5a };

		CHECK_EQ(vcpu_op(PV_VCPUOP_get_physid, 0, id), 0);
		CHECK_EQ(vcpu_op(PV_VCPUOP_get_physid, 3, id + 1), 0);
		CHECK_EQ(id[1], ~0ul); /* no physical CPU 3 */
		CHECK_EQ(vcpu_op(PV_VCPUOP_get_physid, 0, (void *)BAD_GUEST_PTR), -PV_EFAULT);
	} else {
		CHECK_EQ(vcpu_op(PV_VCPUOP_get_physid, 0, &r), -PV_EINVAL);
	}
	CHECK_EQ(vcpu_op(PV_VCPUOP_send_nmi, 1, &r), -PV_EINVAL);
	printf("smp: vcpu_op errors as Xen\n");
}

static void bring_up(void)
{
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		ping_port[i] = bind_ipi(i);
		pong_port[i] = bind_ipi(0);
	}
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		make_context(i);
		CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, i, &ctx), 0);
		CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, i, &ctx), -PV_EEXIST);
		CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, i, 0), 0);
		CHECK_EQ(vcpu_op(PV_VCPUOP_up, i, 0), 0);
		CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, i, 0), 1);
	}
	for (unsigned int i = 1; i < nr_vcpus; i++)
		wait_flag(&started[i]);
	printf("smp: vCPUs 1-%u up on their own stacks\n", nr_vcpus - 1);
}

static void ping_pong(void)
{
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		for (unsigned int round = 0; round < ROUNDS; round++) {
			send(ping_port[i]);
			wait_port(pong_port[i]);
			take_notification(shared_vcpu_info(0), pong_port[i]);
		}
		CHECK_EQ(pongs[i], ROUNDS);
	}
	printf("smp: %u IPI round trips with each vCPU\n", ROUNDS);
	for (unsigned int i = 1; i < nr_vcpus; i++)
		wait_flag(&timer_ok[i]);
	printf("smp: VIRQ_TIMER per vCPU\n");
}

static void move_vcpu_infos(void)
{
	struct pv_vcpu_register_vcpu_info r = { .mfn = va_to_mfn(info_page), .offset = 64 };

	/* Only for oneself or a vCPU that is down. */
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_info, 1, &r), -PV_EINVAL);
	phase = PHASE_VCPU_INFO;
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		wait_flag(&info_moved[i]);
		send(ping_port[i]);
		wait_flag(&info_ok[i]);
	}
	phase = PHASE_IDLE;
	printf("smp: vcpu_info moved into a guest page\n");
}

/* A loopback channel's port moved to each vCPU in turn (bind_vcpu) flags that vCPU. */
static void bind_vcpu_moves_events(void)
{
	struct pv_evtchn_alloc_unbound a = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	struct pv_evtchn_bind_interdomain b = { .remote_dom = PV_DOMID_SELF };
	volatile struct pv_vcpu_info *own = shared_vcpu_info(0);

	CHECK_EQ(evtchn_op(PV_EVTCHNOP_alloc_unbound, &a), 0);
	b.remote_port = a.port;
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_interdomain, &b), 0);
	event_take(b.local_port);
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		volatile struct pv_vcpu_info *vi = (volatile void *)(info_page + i * 64);
		struct pv_evtchn_bind_vcpu bv = { .port = a.port, .vcpu = i };
		struct pv_evtchn_status st = { .dom = PV_DOMID_SELF, .port = a.port };

		CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_vcpu, &bv), 0);
		CHECK_EQ(evtchn_op(PV_EVTCHNOP_status, &st), 0);
		CHECK_EQ(st.vcpu, i);
		vi->evtchn_pending_sel = 0;
		vi->evtchn_upcall_pending = 0;
		own->evtchn_pending_sel = 0;
		own->evtchn_upcall_pending = 0;
		send(b.local_port);
		take_notification(vi, a.port);
		CHECK_EQ(own->evtchn_pending_sel, 0);
		CHECK_EQ(own->evtchn_upcall_pending, 0);
		CHECK(event_take(a.port));
	}
	printf("smp: bind_vcpu moves a channel's events to its vCPU\n");
}

/* Pings idle vCPU @id and yields to it until it has seen the event. */
static void idle_round_trip(unsigned int id)
{
	unsigned int seen = idle_pings[id];

	send(ping_port[id]);
	while (idle_pings[id] == seen)
		yield();
}

/* VCPUOP_register_vcpu_time_memory_area: a copy of vCPU 0's time record. */
static void time_area(void)
{
	static volatile struct pv_vcpu_time_info copy;
	struct pv_vcpu_register_time_memory_area area = { .addr.p = BAD_GUEST_PTR };
	volatile struct pv_vcpu_time_info *own = &shared_vcpu_info(0)->time;
	uint64_t before = system_time(), stamp;

	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, &area), -PV_EFAULT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, (void *)BAD_GUEST_PTR),
		 -PV_EFAULT);
	area.addr.p = (uint64_t)&copy;
	CHECK_EQ(vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, &area), 0);
	CHECK(copy.version != 0 && !(copy.version & 1));
	CHECK(copy.system_time >= before && copy.system_time <= system_time());
	CHECK_EQ(copy.tsc_to_system_mul, own->tsc_to_system_mul);
	CHECK_EQ(copy.tsc_shift, own->tsc_shift);
	CHECK_EQ(copy.flags, own->flags);
	/* Refreshed when vCPU 0 is scheduled in again after a round trip. */
	stamp = copy.tsc_timestamp;
	idle_round_trip(1);
	CHECK(copy.tsc_timestamp > stamp);
	CHECK_EQ(copy.tsc_timestamp, own->tsc_timestamp);
	printf("smp: vCPU time area kept current\n");
}

/*
 * VCPUOP_send_nmi: to itself (taken on the way back), to each other vCPU,
 * and to itself with no handler.
 */
static void send_nmis(void)
{
	struct pv_callback_unregister nmi_type = { .type = PV_CALLBACKTYPE_nmi };
	unsigned int before = nmis;

	register_nmi_callback();
	CHECK_EQ(vcpu_op(PV_VCPUOP_send_nmi, 0, 0), 0);
	CHECK_EQ(nmis, before + 1);
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		before = nmis;
		CHECK_EQ(vcpu_op(PV_VCPUOP_send_nmi, i, 0), 0);
		for (unsigned int n = 0; n < 1000 && nmis == before; n++)
			yield();
		CHECK_EQ(nmis, before + 1);
	}
	/* Without a handler the NMI is dropped, not kept for later. */
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_unregister, &nmi_type), 0);
	before = nmis;
	CHECK_EQ(vcpu_op(PV_VCPUOP_send_nmi, 0, 0), 0);
	register_nmi_callback();
	yield();
	CHECK_EQ(nmis, before);
	printf("smp: send_nmi reaches each vCPU's NMI callback\n");
}

static void check_runstates(void)
{
	struct pv_vcpu_register_runstate_memory_area area = { .addr.p = (uint64_t)&runstates[0] };
	struct pv_vcpu_runstate_info info;
	uint64_t ran;

	CHECK_EQ(vcpu_op(PV_VCPUOP_register_runstate_memory_area, 0, &area), 0);
	CHECK_EQ(runstates[0].state, PV_RUNSTATE_running);
	/* Other domains may preempt it while it spins: that time is runnable. */
	ran = runstates[0].time[PV_RUNSTATE_running] + runstates[0].time[PV_RUNSTATE_runnable];
	wait_ms(5);
	/* A round trip takes vCPU 0 off the CPU and back: its area is rewritten. */
	idle_round_trip(1);
	CHECK_EQ(runstates[0].state, PV_RUNSTATE_running);
	CHECK(runstates[0].time[PV_RUNSTATE_running] + runstates[0].time[PV_RUNSTATE_runnable] >=
	      ran + 5 * MS);
	CHECK(runstates[0].state_entry_time <= system_time());
	for (unsigned int i = 1; i < nr_vcpus; i++) {
		CHECK_EQ(runstates[i].state, PV_RUNSTATE_blocked);
		CHECK(runstates[i].time[PV_RUNSTATE_running] > 0);
		CHECK_EQ(vcpu_op(PV_VCPUOP_get_runstate_info, i, &info), 0);
		CHECK_EQ(info.state, PV_RUNSTATE_blocked);
		CHECK(info.time[PV_RUNSTATE_running] > 0 && info.time[PV_RUNSTATE_offline] > 0);
		CHECK(info.time[0] + info.time[1] + info.time[2] + info.time[3] <= system_time());
	}
	printf("smp: runstate areas kept current\n");
}

static void down_and_up(void)
{
	unsigned int last = nr_vcpus - 1, pings;
	struct pv_vcpu_runstate_info info;

	/* vCPU 1 takes itself down; VCPUOP_down returns to it once it is up again. */
	phase = PHASE_DOWN_SELF;
	send(ping_port[1]);
	while (vcpu_op(PV_VCPUOP_is_up, 1, 0) == 1)
		yield();
	CHECK_EQ(vcpu_op(PV_VCPUOP_get_runstate_info, 1, &info), 0);
	CHECK_EQ(info.state, PV_RUNSTATE_offline);
	CHECK_EQ(runstates[1].state, PV_RUNSTATE_offline);
	CHECK(!came_back[1]);
	CHECK_EQ(vcpu_op(PV_VCPUOP_up, 1, 0), 0);
	wait_flag(&came_back[1]);
	phase = PHASE_IDLE;
	/* The last vCPU is taken down by vCPU 0: an event does not run it. */
	pings = idle_pings[last];
	CHECK_EQ(vcpu_op(PV_VCPUOP_down, last, 0), 0);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, last, 0), 0);
	send(ping_port[last]);
	wait_ms(5);
	CHECK_EQ(idle_pings[last], pings);
	CHECK_EQ(vcpu_op(PV_VCPUOP_up, last, 0), 0);
	while (idle_pings[last] == pings)
		yield();
	printf("smp: down then up again\n");
}

/*
 * With bad_selector=1: vCPU 1 starts with CS 0x10, a GDT entry the guest
 * has not filled.  The context is accepted (as on Xen, only the RPL is
 * forced), but the CPU refuses the selector on the way into the guest:
 * with no failsafe callback the domain crashes, the hypervisor goes on.
 * With bad_selector=failsafe the context names a failsafe callback, which
 * the vCPU enters instead, as on Xen, with the refused frame (Xen's
 * failsafe layout: RCX, R11, DS, ES, FS, GS, RIP, CS, RFLAGS, RSP, SS).
 */
void failsafe_seen(const uint64_t *frame);
void failsafe_seen(const uint64_t *frame)
{
	CHECK_EQ(frame[6], (uint64_t)secondary_main);
	CHECK_EQ(frame[7] & 0xffff, 0x10); /* RPL shown as 0, as in any frame from kernel mode */
	printf("smp: vCPU 1 entered its failsafe callback with CS %#lx\n", frame[7] & 0xffff);
	test_finish();
}

void failsafe_entry(void);
__asm__(".text\nfailsafe_entry:\n\t"
	"movq %rsp, %rdi\n\t"
	"andq $-16, %rsp\n\t"
	"call failsafe_seen\n");

__attribute__((noreturn)) static void start_with_bad_selector(bool failsafe)
{
	make_context(1);
	ctx.user_regs.cs = 0x10;
	if (failsafe)
		ctx.failsafe_callback_eip = (uint64_t)failsafe_entry;
	CHECK_EQ(vcpu_op(PV_VCPUOP_initialise, 1, &ctx), 0);
	printf("smp: vCPU 1 initialised with CS 0x10\n");
	CHECK_EQ(vcpu_op(PV_VCPUOP_up, 1, 0), 0);
	for (;;)
		yield();
}

void test_main(const struct pv_start_info *si)
{
	uint32_t never = 0;
	char buf[16];
	struct pv_sched_poll forever = { .ports = (uint64_t)&never, .nr_ports = 1 };

	map_shared_info(si);
	count_vcpus();
	if (cmdline_value("bad_selector", buf, sizeof(buf)))
		start_with_bad_selector(!strcmp(buf, "failsafe"));
	check_errors();
	bring_up();
	ping_pong();
	move_vcpu_infos();
	bind_vcpu_moves_events();
	time_area();
	send_nmis();
	check_runstates();
	down_and_up();
	printf("smp: vCPU %u shuts the domain down\n", nr_vcpus - 1);
	never = pong_port[1];
	phase = PHASE_FINISH;
	send(ping_port[nr_vcpus - 1]);
	for (;;)
		HYPERCALL2(sched_op, PV_SCHEDOP_poll, &forever);
}
