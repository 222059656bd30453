/*
 * The hypercall table: every hypercall number of Xen's x86-64 ABI, once.
 *
 * PV_HYPERCALLS(X) expands X(number, name) for each entry, in number order.
 * Everything that needs the list (the dispatch table, the hypercall page,
 * trace and decoder names, docs, the ABI check) expands it with its own X
 * instead of keeping a copy.  The list holds numbers the hypervisor does not
 * implement as well: a guest that calls one of those gets -PV_ENOSYS, and
 * the number stays taken.  Numbers 11 and 43-47 are unassigned in the ABI;
 * 48-55 belong to the architecture.
 *
 * A guest makes hypercall N by calling offset N * 32 of its hypercall page,
 * with the arguments in rdi, rsi, rdx, r10, r8 (the result comes back in
 * rax).
 */
#ifndef PV_ABI_HYPERCALLS_H
#define PV_ABI_HYPERCALLS_H

#define PV_HYPERCALLS(X)                      \
	X(0, set_trap_table)                  \
	X(1, mmu_update)                      \
	X(2, set_gdt)                         \
	X(3, stack_switch)                    \
	X(4, set_callbacks)                   \
	X(5, fpu_taskswitch)                  \
	X(6, sched_op_compat)                 \
	X(7, platform_op)                     \
	X(8, set_debugreg)                    \
	X(9, get_debugreg)                    \
	X(10, update_descriptor)              \
	X(12, memory_op)                      \
	X(13, multicall)                      \
	X(14, update_va_mapping)              \
	X(15, set_timer_op)                   \
	X(16, event_channel_op_compat)        \
	X(17, xen_version)                    \
	X(18, console_io)                     \
	X(19, physdev_op_compat)              \
	X(20, grant_table_op)                 \
	X(21, vm_assist)                      \
	X(22, update_va_mapping_otherdomain)  \
	X(23, iret)                           \
	X(24, vcpu_op)                        \
	X(25, set_segment_base)               \
	X(26, mmuext_op)                      \
	X(27, xsm_op)                         \
	X(28, nmi_op)                         \
	X(29, sched_op)                       \
	X(30, callback_op)                    \
	X(31, xenoprof_op)                    \
	X(32, event_channel_op)               \
	X(33, physdev_op)                     \
	X(34, hvm_op)                         \
	X(35, sysctl)                         \
	X(36, domctl)                         \
	X(37, kexec_op)                       \
	X(38, tmem_op)                        \
	X(39, argo_op)                        \
	X(40, xenpmu_op)                      \
	X(41, dm_op)                          \
	X(42, hypfs_op)                       \
	X(48, arch_0)                         \
	X(49, arch_1)                         \
	X(50, arch_2)                         \
	X(51, arch_3)                         \
	X(52, arch_4)                         \
	X(53, arch_5)                         \
	X(54, arch_6)                         \
	X(55, arch_7)

/* Entries in the table, and one past the highest number (table size). */
#define PV_HYPERCALL_COUNT 50
#define PV_HYPERCALL_NR 56

/* Bytes per hypercall in the hypercall page: number N sits at N * 32. */
#define PV_HYPERCALL_STUB_SIZE 32

#ifndef __ASSEMBLY__
/* PV_HYPERVISOR_<name> = number, e.g. PV_HYPERVISOR_mmu_update == 1. */
#define PV_HC_ENUM_ENTRY_(nr, name) PV_HYPERVISOR_##name = (nr),
enum pv_hypercall { PV_HYPERCALLS(PV_HC_ENUM_ENTRY_) };
#undef PV_HC_ENUM_ENTRY_

/* Every number is below PV_HYPERCALL_NR; there are PV_HYPERCALL_COUNT. */
#define PV_HC_ONE_(nr, name) +1
_Static_assert(0 PV_HYPERCALLS(PV_HC_ONE_) == PV_HYPERCALL_COUNT,
	       "PV_HYPERCALL_COUNT matches the table (xen/xen.h)");
#undef PV_HC_ONE_
#define PV_HC_BELOW_NR_(nr, name) \
	_Static_assert((nr) < PV_HYPERCALL_NR, #name " below PV_HYPERCALL_NR");
PV_HYPERCALLS(PV_HC_BELOW_NR_)
#undef PV_HC_BELOW_NR_
_Static_assert(PV_HYPERVISOR_arch_7 == PV_HYPERCALL_NR - 1,
	       "the last entry is the highest number (xen/xen.h)");
#endif

#endif
