/*
 * Hypercall handlers and the services they share.
 *
 * Handlers follow Xen's semantics and error codes: each copies its guest
 * arguments in through the guest-access helpers (a bad pointer gives
 * -PV_EFAULT), checks them, then acts.  They run on behalf of
 * current_domain().  A handler that has more work than it should do at
 * once calls hypercall_continue(), which makes the guest re-issue the
 * hypercall with the arguments it is given (the remaining work).
 */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

/* The vCPU making the current hypercall, and its domain (arch). */
struct vcpu *calling_vcpu(void);
struct domain *current_domain(void);

/*
 * Arranges for the hypercall to be made again with @args (count of them
 * in @nargs) once the guest runs; returns the value the handler must
 * return.  (arch)
 */
long hypercall_continue(unsigned int nr, unsigned int nargs, const uint64_t *args);

/* Runs hypercall @nr with @args as a multicall entry does (arch). */
long hypercall_invoke(uint64_t nr, const uint64_t *args);

/* Whether a long hypercall should stop and continue later (arch). */
bool hypercall_preempt_check(void);

/* The hypervisor's command line, for XENVER_commandline. */
const char *hypervisor_cmdline(void);

long do_console_io(unsigned int cmd, unsigned int count, uint64_t buffer);
long do_xen_version(int cmd, uint64_t arg);
long do_sched_op(int cmd, uint64_t arg);
long do_vm_assist(unsigned int cmd, unsigned int type);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_platform_op(uint64_t arg);
long do_mca(uint64_t arg);
long do_xenpmu_op(unsigned int op, uint64_t arg);
long do_hvm_op(uint64_t op, uint64_t arg);
long do_set_trap_table(uint64_t table);
long do_iret(void);
long do_callback_op(int cmd, uint64_t arg);
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall);
long do_stack_switch(uint64_t ss, uint64_t sp);
long do_set_segment_base(unsigned int which, uint64_t base);
long do_set_gdt(uint64_t frame_list, unsigned int entries);
long do_update_descriptor(uint64_t maddr, uint64_t desc);
long do_multicall(uint64_t call_list, unsigned int nr_calls);
long do_event_channel_op(int cmd, uint64_t arg);
long do_grant_table_op(unsigned int cmd, uint64_t uop, unsigned int count);
long do_physdev_op(int cmd, uint64_t arg);
long do_physdev_op_compat(uint64_t arg);
long do_set_timer_op(uint64_t timeout);
long do_vcpu_op(int cmd, unsigned int vcpuid, uint64_t arg);
long do_fpu_taskswitch(int set);
long do_set_debugreg(int reg, uint64_t value);
long do_get_debugreg(int reg);
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
long do_mmu_update(uint64_t ureqs, unsigned int count, uint64_t pdone,
		   unsigned int foreigndom);
long do_mmuext_op(uint64_t uops, unsigned int count, uint64_t pdone,
		  unsigned int foreigndom);

#endif
