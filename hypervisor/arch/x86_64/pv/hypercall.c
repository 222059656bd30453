/*
 * Hypercall entry from a guest kernel: SYSCALL with the number in RAX and
 * the arguments in RDI, RSI, RDX, R10, R8 (Xen's x86-64 convention); the
 * result goes back in RAX.  The table maps numbers to thin adapters that
 * give each handler its arguments with the ABI's types; a number with no
 * handler answers -PV_ENOSYS and is logged (rate-limited).
 *
 * A continuation rewinds RIP over the 2-byte SYSCALL and puts the new
 * arguments in the frame, so the guest makes the call again when it next
 * runs; interrupts and other vCPUs get their turn in between.
 */
#include "arch/entry.h"
#include "arch/percpu.h"
#include "arch/pv_context.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall.h"
#include "printk.h"
#include "pv_guest.h"
#include "pv_traps.h"
#include "ratelimit.h"
#include "arch/time.h"

#define SYSCALL_INSN_LEN 2
#define CONTINUATION_MARK (-0x7fffffffL)

typedef long (*hypercall_fn)(const uint64_t *args);

static long call_console_io(const uint64_t *a)
{
	return do_console_io((unsigned int)a[0], (unsigned int)a[1], a[2]);
}

static long call_xen_version(const uint64_t *a)
{
	return do_xen_version((int)a[0], a[1]);
}

static long call_sched_op(const uint64_t *a)
{
	return do_sched_op((int)a[0], a[1]);
}

static long call_vm_assist(const uint64_t *a)
{
	return do_vm_assist((unsigned int)a[0], (unsigned int)a[1]);
}

static long call_memory_op(const uint64_t *a)
{
	return do_memory_op(a[0], a[1]);
}

static long call_platform_op(const uint64_t *a)
{
	return do_platform_op(a[0]);
}

static long call_mca(const uint64_t *a)
{
	return do_mca(a[0]);
}

static long call_mmu_update(const uint64_t *a)
{
	return do_mmu_update(a[0], (unsigned int)a[1], a[2], (unsigned int)a[3]);
}

static long call_mmuext_op(const uint64_t *a)
{
	return do_mmuext_op(a[0], (unsigned int)a[1], a[2], (unsigned int)a[3]);
}

static long call_update_va_mapping(const uint64_t *a)
{
	return do_update_va_mapping(a[0], a[1], a[2]);
}

static long call_multicall(const uint64_t *a)
{
	return do_multicall(a[0], (unsigned int)a[1]);
}

static long call_set_trap_table(const uint64_t *a)
{
	return do_set_trap_table(a[0]);
}

static long call_iret(const uint64_t *a)
{
	(void)a;
	return do_iret();
}

static long call_callback_op(const uint64_t *a)
{
	return do_callback_op((int)a[0], a[1]);
}

static long call_set_callbacks(const uint64_t *a)
{
	return do_set_callbacks(a[0], a[1], a[2]);
}

static long call_stack_switch(const uint64_t *a)
{
	return do_stack_switch(a[0], a[1]);
}

static long call_set_segment_base(const uint64_t *a)
{
	return do_set_segment_base((unsigned int)a[0], a[1]);
}

static long call_set_gdt(const uint64_t *a)
{
	return do_set_gdt(a[0], (unsigned int)a[1]);
}

static long call_update_descriptor(const uint64_t *a)
{
	return do_update_descriptor(a[0], a[1]);
}

static long call_event_channel_op(const uint64_t *a)
{
	return do_event_channel_op((int)a[0], a[1]);
}

static long call_grant_table_op(const uint64_t *a)
{
	return do_grant_table_op((unsigned int)a[0], a[1], (unsigned int)a[2]);
}

static long call_physdev_op(const uint64_t *a)
{
	return do_physdev_op((int)a[0], a[1]);
}

static long call_physdev_op_compat(const uint64_t *a)
{
	return do_physdev_op_compat(a[0]);
}

static long call_set_timer_op(const uint64_t *a)
{
	return do_set_timer_op(a[0]);
}

static long call_vcpu_op(const uint64_t *a)
{
	return do_vcpu_op((int)a[0], (unsigned int)a[1], a[2]);
}

static long call_xenpmu_op(const uint64_t *a)
{
	return do_xenpmu_op((unsigned int)a[0], a[1]);
}

static long call_hvm_op(const uint64_t *a)
{
	return do_hvm_op(a[0], a[1]);
}

static long call_fpu_taskswitch(const uint64_t *a)
{
	return do_fpu_taskswitch((int)a[0]);
}

static long call_set_debugreg(const uint64_t *a)
{
	return do_set_debugreg((int)a[0], a[1]);
}

static long call_get_debugreg(const uint64_t *a)
{
	return do_get_debugreg((int)a[0]);
}

static const hypercall_fn hypercall_table[PV_HYPERCALL_NR] = {
	[PV_HYPERVISOR_set_trap_table] = call_set_trap_table,
	[PV_HYPERVISOR_iret] = call_iret,
	[PV_HYPERVISOR_callback_op] = call_callback_op,
	[PV_HYPERVISOR_set_callbacks] = call_set_callbacks,
	[PV_HYPERVISOR_stack_switch] = call_stack_switch,
	[PV_HYPERVISOR_set_segment_base] = call_set_segment_base,
	[PV_HYPERVISOR_set_gdt] = call_set_gdt,
	[PV_HYPERVISOR_update_descriptor] = call_update_descriptor,
	[PV_HYPERVISOR_multicall] = call_multicall,
	[PV_HYPERVISOR_update_va_mapping] = call_update_va_mapping,
	[PV_HYPERVISOR_mmu_update] = call_mmu_update,
	[PV_HYPERVISOR_mmuext_op] = call_mmuext_op,
	[PV_HYPERVISOR_console_io] = call_console_io,
	[PV_HYPERVISOR_xen_version] = call_xen_version,
	[PV_HYPERVISOR_sched_op] = call_sched_op,
	[PV_HYPERVISOR_vm_assist] = call_vm_assist,
	[PV_HYPERVISOR_memory_op] = call_memory_op,
	[PV_HYPERVISOR_platform_op] = call_platform_op,
	[PV_HYPERVISOR_arch_0] = call_mca, /* x86: mca */
	[PV_HYPERVISOR_event_channel_op] = call_event_channel_op,
	[PV_HYPERVISOR_grant_table_op] = call_grant_table_op,
	[PV_HYPERVISOR_physdev_op] = call_physdev_op,
	[PV_HYPERVISOR_physdev_op_compat] = call_physdev_op_compat,
	[PV_HYPERVISOR_set_timer_op] = call_set_timer_op,
	[PV_HYPERVISOR_vcpu_op] = call_vcpu_op,
	[PV_HYPERVISOR_xenpmu_op] = call_xenpmu_op,
	[PV_HYPERVISOR_hvm_op] = call_hvm_op,
	[PV_HYPERVISOR_fpu_taskswitch] = call_fpu_taskswitch,
	[PV_HYPERVISOR_set_debugreg] = call_set_debugreg,
	[PV_HYPERVISOR_get_debugreg] = call_get_debugreg,
};

struct vcpu *calling_vcpu(void)
{
	return current_vcpu();
}

struct domain *current_domain(void)
{
	return current_vcpu()->domain;
}

long hypercall_continue(unsigned int nr, unsigned int nargs, const uint64_t *args)
{
	struct cpu_regs *r = guest_regs();
	uint64_t *slots[5] = { &r->rdi, &r->rsi, &r->rdx, &r->r10, &r->r8 };
	struct vcpu *v = current_vcpu();

	if (v->in_multicall) {
		/* The batch writes these back into the entry and continues from it. */
		for (unsigned int i = 0; i < 5; i++)
			v->mc_args[i] = i < nargs ? args[i] : 0;
		v->mc_continued = true;
		return CONTINUATION_MARK;
	}
	for (unsigned int i = 0; i < nargs && i < 5; i++)
		*slots[i] = args[i];
	r->rip -= SYSCALL_INSN_LEN;
	r->rax = nr;
	return CONTINUATION_MARK;
}

bool hypercall_preempt_check(void)
{
	return timer_deadline_passed();
}

static void unknown_hypercall(const struct domain *d, uint64_t nr)
{
	static struct ratelimit limit;

	if (ratelimit_allow(&limit))
		printk(LOG_WARNING "d%u: unimplemented hypercall %lu\n", d->domid, nr);
}

long hypercall_invoke(uint64_t nr, const uint64_t *args)
{
	if (nr >= PV_HYPERCALL_NR || !hypercall_table[nr]) {
		unknown_hypercall(current_domain(), nr);
		return -PV_ENOSYS;
	}
	return hypercall_table[nr](args);
}

static void hypercall(struct cpu_regs *regs)
{
	uint64_t args[5] = { regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8 };
	long rc = hypercall_invoke(regs->rax, args);

	if (rc != CONTINUATION_MARK)
		regs->rax = (uint64_t)rc;
}

void syscall_dispatch(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();

	if (regs->vector == VECTOR_SYSCALL && v->arch.kernel_mode) {
		hypercall(regs);
		return;
	}
	pv_guest_syscall(v, regs);
}
