/*
 * The ABI check: hypercall-abi/ against Xen 4.17's public headers.
 *
 * This file includes our headers and Debian's /usr/include/xen (libxen-dev)
 * in one translation unit; the PV_/pv_ prefix of ours keeps the two apart.
 * At file scope it asserts, at compile time, that every constant we define
 * has the reference value, and that every structure has the reference size
 * and alignment and every field the reference offset and size.  A mismatch
 * fails the build, naming both sides.
 *
 * The tests at the end check what cannot be an integer constant expression
 * (the emulation prefix string, the trap_info accessor macros), report how
 * many comparisons were made, and read hypercall-abi/ to make sure every
 * PV_ constant and pv_ type defined there is named in this file, so a new
 * definition cannot skip the check.
 *
 * The Makefile builds this file with -std=gnu11 (xen/hvm/save.h, pulled in
 * by domctl.h, refuses strict ISO C) and passes ABI_SOURCE_ROOT, the tree
 * the coverage test reads.  __XEN_TOOLS__ exposes domctl.h and sysctl.h;
 * the interface version is the newest these headers know, which is what
 * Xen 4.17 itself implements.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/console_io.h"
#include "hypercall-abi/domctl.h"
#include "hypercall-abi/elfnote.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/grant_table.h"
#include "hypercall-abi/hvm_op.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/mca.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/multicall.h"
#include "hypercall-abi/physdev.h"
#include "hypercall-abi/platform.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/start_info.h"
#include "hypercall-abi/sysctl.h"
#include "hypercall-abi/types.h"
#include "hypercall-abi/vcpu.h"
#include "hypercall-abi/version.h"

#define __XEN_TOOLS__ 1
#define __XEN_INTERFACE_VERSION__ 0x00040e00
#include <xen/xen.h>
#include <xen/arch-x86/xen-mca.h>
#include <xen/callback.h>
#include <xen/domctl.h>
#include <xen/elfnote.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/trace.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/platform.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/vcpu.h>
#include <xen/version.h>

#include "harness.h"

/*
 * Xen's error numbers, including the two it keeps to itself (EINTR and
 * ERESTART, listed only for __XEN__), as xen_ref_<name>.  xen/errno.h
 * expands a caller-supplied XEN_ERRNO(name, value) for each one.
 */
#define __XEN__ 1
#define XEN_ERRNO(name, value) xen_ref_##name = (value),
enum xen_ref_errno {
#include <xen/errno.h>
};
#undef __XEN__

#ifndef ABI_SOURCE_ROOT
#error "ABI_SOURCE_ROOT (the source tree) comes from the Makefile"
#endif

/*
 * The comparisons.  Each one takes a number from __COUNTER__, so the tests
 * can say how many there are.
 */
enum { abi_counter_first = __COUNTER__ };
#define COUNTED (0 * __COUNTER__)

#define SAME(ours, xen) _Static_assert((ours) == (xen) + COUNTED, #ours " == " #xen)

#define SAME_LAYOUT_(ours, xen)                                   \
	_Static_assert(sizeof(ours) == sizeof(xen) + COUNTED &&   \
		       _Alignof(ours) == _Alignof(xen),           \
		       "size and alignment of " #ours " == " #xen)
#define SAME_FIELD_AS_(ours, xen, ofield, xfield)                                 \
	_Static_assert(offsetof(ours, ofield) == offsetof(xen, xfield) + COUNTED && \
		       sizeof(((ours *)0)->ofield) == sizeof(((xen *)0)->xfield),  \
		       "offset and size of " #ours "." #ofield " == " #xen "." #xfield)

#define SAME_LAYOUT(ours, xen) SAME_LAYOUT_(struct ours, struct xen)
#define SAME_FIELD(ours, xen, field) SAME_FIELD_AS_(struct ours, struct xen, field, field)
#define SAME_UNION_LAYOUT(ours, xen) SAME_LAYOUT_(union ours, union xen)
#define SAME_UNION_FIELD(ours, xen, field) SAME_FIELD_AS_(union ours, union xen, field, field)
#define SAME_UNION_FIELD_AS(ours, xen, ofield, xfield) \
	SAME_FIELD_AS_(union ours, union xen, ofield, xfield)
/* A flexible array member has an offset and an element size. */
#define SAME_FLEX_FIELD(ours, xen, field)                                                \
	_Static_assert(offsetof(struct ours, field) == offsetof(struct xen, field) + COUNTED && \
		       sizeof(((struct ours *)0)->field[0]) ==                               \
			       sizeof(((struct xen *)0)->field[0]),                          \
		       "offset and element size of " #ours "." #field "[] == " #xen)

/* ---- Constants: the hypercall table and the error numbers ---- */

/* hypercalls.h: every entry of the table, by name and by number. */
#define SAME_HYPERCALL(nr, name)                                           \
	SAME((enum pv_hypercall)PV_HYPERVISOR_##name, __HYPERVISOR_##name); \
	SAME(nr, __HYPERVISOR_##name);
PV_HYPERCALLS(SAME_HYPERCALL)
SAME(PV_HYPERCALL_NR, __HYPERVISOR_arch_7 + 1);

/* errno.h: every Xen error number exists here with its value ... */
#define XEN_ERRNO(name, value) SAME(PV_##name, value);
#define __XEN__ 1
#include <xen/errno.h>
#undef __XEN__
/* ... and each of ours is Xen's. */
SAME(PV_EPERM, xen_ref_EPERM);
SAME(PV_ENOENT, xen_ref_ENOENT);
SAME(PV_ESRCH, xen_ref_ESRCH);
SAME(PV_EINTR, xen_ref_EINTR);
SAME(PV_EIO, xen_ref_EIO);
SAME(PV_ENXIO, xen_ref_ENXIO);
SAME(PV_E2BIG, xen_ref_E2BIG);
SAME(PV_ENOEXEC, xen_ref_ENOEXEC);
SAME(PV_EBADF, xen_ref_EBADF);
SAME(PV_ECHILD, xen_ref_ECHILD);
SAME(PV_EAGAIN, xen_ref_EAGAIN);
SAME(PV_EWOULDBLOCK, xen_ref_EWOULDBLOCK);
SAME(PV_ENOMEM, xen_ref_ENOMEM);
SAME(PV_EACCES, xen_ref_EACCES);
SAME(PV_EFAULT, xen_ref_EFAULT);
SAME(PV_EBUSY, xen_ref_EBUSY);
SAME(PV_EEXIST, xen_ref_EEXIST);
SAME(PV_EXDEV, xen_ref_EXDEV);
SAME(PV_ENODEV, xen_ref_ENODEV);
SAME(PV_ENOTDIR, xen_ref_ENOTDIR);
SAME(PV_EISDIR, xen_ref_EISDIR);
SAME(PV_EINVAL, xen_ref_EINVAL);
SAME(PV_ENFILE, xen_ref_ENFILE);
SAME(PV_EMFILE, xen_ref_EMFILE);
SAME(PV_ENOSPC, xen_ref_ENOSPC);
SAME(PV_EROFS, xen_ref_EROFS);
SAME(PV_EMLINK, xen_ref_EMLINK);
SAME(PV_EDOM, xen_ref_EDOM);
SAME(PV_ERANGE, xen_ref_ERANGE);
SAME(PV_EDEADLK, xen_ref_EDEADLK);
SAME(PV_EDEADLOCK, xen_ref_EDEADLOCK);
SAME(PV_ENAMETOOLONG, xen_ref_ENAMETOOLONG);
SAME(PV_ENOLCK, xen_ref_ENOLCK);
SAME(PV_ENOSYS, xen_ref_ENOSYS);
SAME(PV_ENOTEMPTY, xen_ref_ENOTEMPTY);
SAME(PV_ENODATA, xen_ref_ENODATA);
SAME(PV_ETIME, xen_ref_ETIME);
SAME(PV_EBADMSG, xen_ref_EBADMSG);
SAME(PV_EOVERFLOW, xen_ref_EOVERFLOW);
SAME(PV_EILSEQ, xen_ref_EILSEQ);
SAME(PV_ERESTART, xen_ref_ERESTART);
SAME(PV_ENOTSOCK, xen_ref_ENOTSOCK);
SAME(PV_EMSGSIZE, xen_ref_EMSGSIZE);
SAME(PV_EOPNOTSUPP, xen_ref_EOPNOTSUPP);
SAME(PV_EADDRINUSE, xen_ref_EADDRINUSE);
SAME(PV_EADDRNOTAVAIL, xen_ref_EADDRNOTAVAIL);
SAME(PV_ENOBUFS, xen_ref_ENOBUFS);
SAME(PV_EISCONN, xen_ref_EISCONN);
SAME(PV_ENOTCONN, xen_ref_ENOTCONN);
SAME(PV_ETIMEDOUT, xen_ref_ETIMEDOUT);
SAME(PV_ECONNREFUSED, xen_ref_ECONNREFUSED);

/* ---- The other constants, header by header ---- */

/* types.h */
SAME(PV_DOMID_FIRST_RESERVED, DOMID_FIRST_RESERVED);
SAME(PV_DOMID_SELF, DOMID_SELF);
SAME(PV_DOMID_IO, DOMID_IO);
SAME(PV_DOMID_XEN, DOMID_XEN);
SAME(PV_DOMID_COW, DOMID_COW);
SAME(PV_DOMID_INVALID, DOMID_INVALID);
SAME(PV_DOMID_IDLE, DOMID_IDLE);
SAME(PV_DOMID_MASK, DOMID_MASK);

/* arch-x86_64.h */
SAME(PV_FLAT_RING3_CS32, FLAT_RING3_CS32);
SAME(PV_FLAT_RING3_DS32, FLAT_RING3_DS32);
SAME(PV_FLAT_RING3_SS32, FLAT_RING3_SS32);
SAME(PV_FLAT_RING3_CS64, FLAT_RING3_CS64);
SAME(PV_FLAT_RING3_DS64, FLAT_RING3_DS64);
SAME(PV_FLAT_RING3_SS64, FLAT_RING3_SS64);
SAME(PV_FLAT_KERNEL_CS32, FLAT_KERNEL_CS32);
SAME(PV_FLAT_KERNEL_DS32, FLAT_KERNEL_DS32);
SAME(PV_FLAT_KERNEL_SS32, FLAT_KERNEL_SS32);
SAME(PV_FLAT_KERNEL_CS64, FLAT_KERNEL_CS64);
SAME(PV_FLAT_KERNEL_DS64, FLAT_KERNEL_DS64);
SAME(PV_FLAT_KERNEL_SS64, FLAT_KERNEL_SS64);
SAME(PV_FLAT_KERNEL_CS, FLAT_KERNEL_CS);
SAME(PV_FLAT_KERNEL_DS, FLAT_KERNEL_DS);
SAME(PV_FLAT_KERNEL_SS, FLAT_KERNEL_SS);
SAME(PV_FLAT_USER_CS32, FLAT_USER_CS32);
SAME(PV_FLAT_USER_DS32, FLAT_USER_DS32);
SAME(PV_FLAT_USER_SS32, FLAT_USER_SS32);
SAME(PV_FLAT_USER_CS64, FLAT_USER_CS64);
SAME(PV_FLAT_USER_DS64, FLAT_USER_DS64);
SAME(PV_FLAT_USER_SS64, FLAT_USER_SS64);
SAME(PV_FLAT_USER_CS, FLAT_USER_CS);
SAME(PV_FLAT_USER_DS, FLAT_USER_DS);
SAME(PV_FLAT_USER_SS, FLAT_USER_SS);
SAME(PV_FIRST_RESERVED_GDT_PAGE, FIRST_RESERVED_GDT_PAGE);
SAME(PV_FIRST_RESERVED_GDT_BYTE, FIRST_RESERVED_GDT_BYTE);
SAME(PV_FIRST_RESERVED_GDT_ENTRY, FIRST_RESERVED_GDT_ENTRY);
SAME(PV_HYPERVISOR_VIRT_START, HYPERVISOR_VIRT_START);
SAME(PV_HYPERVISOR_VIRT_END, HYPERVISOR_VIRT_END);
SAME(PV_MACH2PHYS_VIRT_START, MACH2PHYS_VIRT_START);
SAME(PV_MACH2PHYS_VIRT_END, MACH2PHYS_VIRT_END);
SAME(PV_MACH2PHYS_NR_ENTRIES, MACH2PHYS_NR_ENTRIES);
SAME(PV_SEGBASE_FS, SEGBASE_FS);
SAME(PV_SEGBASE_GS_USER, SEGBASE_GS_USER);
SAME(PV_SEGBASE_GS_KERNEL, SEGBASE_GS_KERNEL);
SAME(PV_SEGBASE_GS_USER_SEL, SEGBASE_GS_USER_SEL);
SAME(PV_VGCF_i387_valid_BIT, _VGCF_i387_valid);
SAME(PV_VGCF_i387_valid, VGCF_i387_valid);
SAME(PV_VGCF_in_kernel_BIT, _VGCF_in_kernel);
SAME(PV_VGCF_in_kernel, VGCF_in_kernel);
SAME(PV_VGCF_failsafe_disables_events_BIT, _VGCF_failsafe_disables_events);
SAME(PV_VGCF_failsafe_disables_events, VGCF_failsafe_disables_events);
SAME(PV_VGCF_syscall_disables_events_BIT, _VGCF_syscall_disables_events);
SAME(PV_VGCF_syscall_disables_events, VGCF_syscall_disables_events);
SAME(PV_VGCF_online_BIT, _VGCF_online);
SAME(PV_VGCF_online, VGCF_online);
SAME(PV_VGCF_in_syscall_BIT, _VGCF_in_syscall);
SAME(PV_VGCF_in_syscall, VGCF_in_syscall);
SAME(PV_VGCF_IN_SYSCALL, VGCF_IN_SYSCALL);

/* shared_info.h */
SAME(PV_LEGACY_MAX_VCPUS, XEN_LEGACY_MAX_VCPUS);
SAME(PV_PVCLOCK_TSC_STABLE_BIT, XEN_PVCLOCK_TSC_STABLE_BIT);
SAME(PV_PVCLOCK_GUEST_STOPPED, XEN_PVCLOCK_GUEST_STOPPED);

/* start_info.h */
SAME(PV_MAX_GUEST_CMDLINE, MAX_GUEST_CMDLINE);
SAME(PV_SIF_PRIVILEGED, SIF_PRIVILEGED);
SAME(PV_SIF_INITDOMAIN, SIF_INITDOMAIN);
SAME(PV_SIF_MULTIBOOT_MOD, SIF_MULTIBOOT_MOD);
SAME(PV_SIF_MOD_START_PFN, SIF_MOD_START_PFN);
SAME(PV_SIF_VIRT_P2M_4TOOLS, SIF_VIRT_P2M_4TOOLS);
SAME(PV_SIF_PM_MASK, SIF_PM_MASK);
SAME(PV_VGATYPE_TEXT_MODE_3, XEN_VGATYPE_TEXT_MODE_3);
SAME(PV_VGATYPE_VESA_LFB, XEN_VGATYPE_VESA_LFB);
SAME(PV_VGATYPE_EFI_LFB, XEN_VGATYPE_EFI_LFB);

/* mmu.h */
SAME(PV_MMU_NORMAL_PT_UPDATE, MMU_NORMAL_PT_UPDATE);
SAME(PV_MMU_MACHPHYS_UPDATE, MMU_MACHPHYS_UPDATE);
SAME(PV_MMU_PT_UPDATE_PRESERVE_AD, MMU_PT_UPDATE_PRESERVE_AD);
SAME(PV_MMU_PT_UPDATE_NO_TRANSLATE, MMU_PT_UPDATE_NO_TRANSLATE);
SAME(PV_MMUEXT_PIN_L1_TABLE, MMUEXT_PIN_L1_TABLE);
SAME(PV_MMUEXT_PIN_L2_TABLE, MMUEXT_PIN_L2_TABLE);
SAME(PV_MMUEXT_PIN_L3_TABLE, MMUEXT_PIN_L3_TABLE);
SAME(PV_MMUEXT_PIN_L4_TABLE, MMUEXT_PIN_L4_TABLE);
SAME(PV_MMUEXT_UNPIN_TABLE, MMUEXT_UNPIN_TABLE);
SAME(PV_MMUEXT_NEW_BASEPTR, MMUEXT_NEW_BASEPTR);
SAME(PV_MMUEXT_TLB_FLUSH_LOCAL, MMUEXT_TLB_FLUSH_LOCAL);
SAME(PV_MMUEXT_INVLPG_LOCAL, MMUEXT_INVLPG_LOCAL);
SAME(PV_MMUEXT_TLB_FLUSH_MULTI, MMUEXT_TLB_FLUSH_MULTI);
SAME(PV_MMUEXT_INVLPG_MULTI, MMUEXT_INVLPG_MULTI);
SAME(PV_MMUEXT_TLB_FLUSH_ALL, MMUEXT_TLB_FLUSH_ALL);
SAME(PV_MMUEXT_INVLPG_ALL, MMUEXT_INVLPG_ALL);
SAME(PV_MMUEXT_FLUSH_CACHE, MMUEXT_FLUSH_CACHE);
SAME(PV_MMUEXT_SET_LDT, MMUEXT_SET_LDT);
SAME(PV_MMUEXT_NEW_USER_BASEPTR, MMUEXT_NEW_USER_BASEPTR);
SAME(PV_MMUEXT_CLEAR_PAGE, MMUEXT_CLEAR_PAGE);
SAME(PV_MMUEXT_COPY_PAGE, MMUEXT_COPY_PAGE);
SAME(PV_MMUEXT_FLUSH_CACHE_GLOBAL, MMUEXT_FLUSH_CACHE_GLOBAL);
SAME(PV_MMUEXT_MARK_SUPER, MMUEXT_MARK_SUPER);
SAME(PV_MMUEXT_UNMARK_SUPER, MMUEXT_UNMARK_SUPER);
SAME(PV_UVMF_NONE, UVMF_NONE);
SAME(PV_UVMF_TLB_FLUSH, UVMF_TLB_FLUSH);
SAME(PV_UVMF_INVLPG, UVMF_INVLPG);
SAME(PV_UVMF_FLUSHTYPE_MASK, UVMF_FLUSHTYPE_MASK);
SAME(PV_UVMF_MULTI, UVMF_MULTI);
SAME(PV_UVMF_LOCAL, UVMF_LOCAL);
SAME(PV_UVMF_ALL, UVMF_ALL);
SAME(PV_VMASST_CMD_enable, VMASST_CMD_enable);
SAME(PV_VMASST_CMD_disable, VMASST_CMD_disable);
SAME(PV_VMASST_TYPE_4gb_segments, VMASST_TYPE_4gb_segments);
SAME(PV_VMASST_TYPE_4gb_segments_notify, VMASST_TYPE_4gb_segments_notify);
SAME(PV_VMASST_TYPE_writable_pagetables, VMASST_TYPE_writable_pagetables);
SAME(PV_VMASST_TYPE_pae_extended_cr3, VMASST_TYPE_pae_extended_cr3);
SAME(PV_VMASST_TYPE_architectural_iopl, VMASST_TYPE_architectural_iopl);
SAME(PV_VMASST_TYPE_runstate_update_flag, VMASST_TYPE_runstate_update_flag);
SAME(PV_VMASST_TYPE_m2p_strict, VMASST_TYPE_m2p_strict);

/* event_channel.h */
SAME(PV_EVTCHNOP_bind_interdomain, EVTCHNOP_bind_interdomain);
SAME(PV_EVTCHNOP_bind_virq, EVTCHNOP_bind_virq);
SAME(PV_EVTCHNOP_bind_pirq, EVTCHNOP_bind_pirq);
SAME(PV_EVTCHNOP_close, EVTCHNOP_close);
SAME(PV_EVTCHNOP_send, EVTCHNOP_send);
SAME(PV_EVTCHNOP_status, EVTCHNOP_status);
SAME(PV_EVTCHNOP_alloc_unbound, EVTCHNOP_alloc_unbound);
SAME(PV_EVTCHNOP_bind_ipi, EVTCHNOP_bind_ipi);
SAME(PV_EVTCHNOP_bind_vcpu, EVTCHNOP_bind_vcpu);
SAME(PV_EVTCHNOP_unmask, EVTCHNOP_unmask);
SAME(PV_EVTCHNOP_reset, EVTCHNOP_reset);
SAME(PV_EVTCHNOP_init_control, EVTCHNOP_init_control);
SAME(PV_EVTCHNOP_expand_array, EVTCHNOP_expand_array);
SAME(PV_EVTCHNOP_set_priority, EVTCHNOP_set_priority);
SAME(PV_VIRQ_TIMER, VIRQ_TIMER);
SAME(PV_VIRQ_DEBUG, VIRQ_DEBUG);
SAME(PV_VIRQ_CONSOLE, VIRQ_CONSOLE);
SAME(PV_VIRQ_DOM_EXC, VIRQ_DOM_EXC);
SAME(PV_VIRQ_TBUF, VIRQ_TBUF);
SAME(PV_VIRQ_DEBUGGER, VIRQ_DEBUGGER);
SAME(PV_VIRQ_XENOPROF, VIRQ_XENOPROF);
SAME(PV_VIRQ_CON_RING, VIRQ_CON_RING);
SAME(PV_VIRQ_PCPU_STATE, VIRQ_PCPU_STATE);
SAME(PV_VIRQ_MEM_EVENT, VIRQ_MEM_EVENT);
SAME(PV_VIRQ_ARGO, VIRQ_ARGO);
SAME(PV_VIRQ_ENOMEM, VIRQ_ENOMEM);
SAME(PV_VIRQ_XENPMU, VIRQ_XENPMU);
SAME(PV_VIRQ_ARCH_0, VIRQ_ARCH_0);
SAME(PV_VIRQ_ARCH_1, VIRQ_ARCH_1);
SAME(PV_VIRQ_ARCH_2, VIRQ_ARCH_2);
SAME(PV_VIRQ_ARCH_3, VIRQ_ARCH_3);
SAME(PV_VIRQ_ARCH_4, VIRQ_ARCH_4);
SAME(PV_VIRQ_ARCH_5, VIRQ_ARCH_5);
SAME(PV_VIRQ_ARCH_6, VIRQ_ARCH_6);
SAME(PV_VIRQ_ARCH_7, VIRQ_ARCH_7);
SAME(PV_NR_VIRQS, NR_VIRQS);
SAME(PV_EVTCHN_2L_NR_CHANNELS, EVTCHN_2L_NR_CHANNELS);
SAME(PV_BIND_PIRQ__WILL_SHARE, BIND_PIRQ__WILL_SHARE);
SAME(PV_EVTCHNSTAT_closed, EVTCHNSTAT_closed);
SAME(PV_EVTCHNSTAT_unbound, EVTCHNSTAT_unbound);
SAME(PV_EVTCHNSTAT_interdomain, EVTCHNSTAT_interdomain);
SAME(PV_EVTCHNSTAT_pirq, EVTCHNSTAT_pirq);
SAME(PV_EVTCHNSTAT_virq, EVTCHNSTAT_virq);
SAME(PV_EVTCHNSTAT_ipi, EVTCHNSTAT_ipi);
SAME(PV_EVTCHN_FIFO_PRIORITY_MAX, EVTCHN_FIFO_PRIORITY_MAX);
SAME(PV_EVTCHN_FIFO_PRIORITY_DEFAULT, EVTCHN_FIFO_PRIORITY_DEFAULT);
SAME(PV_EVTCHN_FIFO_PRIORITY_MIN, EVTCHN_FIFO_PRIORITY_MIN);
SAME(PV_EVTCHN_FIFO_MAX_QUEUES, EVTCHN_FIFO_MAX_QUEUES);
SAME(PV_EVTCHN_FIFO_PENDING, EVTCHN_FIFO_PENDING);
SAME(PV_EVTCHN_FIFO_MASKED, EVTCHN_FIFO_MASKED);
SAME(PV_EVTCHN_FIFO_LINKED, EVTCHN_FIFO_LINKED);
SAME(PV_EVTCHN_FIFO_BUSY, EVTCHN_FIFO_BUSY);
SAME(PV_EVTCHN_FIFO_LINK_BITS, EVTCHN_FIFO_LINK_BITS);
SAME(PV_EVTCHN_FIFO_LINK_MASK, EVTCHN_FIFO_LINK_MASK);
SAME(PV_EVTCHN_FIFO_NR_CHANNELS, EVTCHN_FIFO_NR_CHANNELS);

/* grant_table.h */
SAME(PV_GNTTABOP_map_grant_ref, GNTTABOP_map_grant_ref);
SAME(PV_GNTTABOP_unmap_grant_ref, GNTTABOP_unmap_grant_ref);
SAME(PV_GNTTABOP_setup_table, GNTTABOP_setup_table);
SAME(PV_GNTTABOP_dump_table, GNTTABOP_dump_table);
SAME(PV_GNTTABOP_transfer, GNTTABOP_transfer);
SAME(PV_GNTTABOP_copy, GNTTABOP_copy);
SAME(PV_GNTTABOP_query_size, GNTTABOP_query_size);
SAME(PV_GNTTABOP_unmap_and_replace, GNTTABOP_unmap_and_replace);
SAME(PV_GNTTABOP_set_version, GNTTABOP_set_version);
SAME(PV_GNTTABOP_get_status_frames, GNTTABOP_get_status_frames);
SAME(PV_GNTTABOP_get_version, GNTTABOP_get_version);
SAME(PV_GNTTABOP_swap_grant_ref, GNTTABOP_swap_grant_ref);
SAME(PV_GNTTABOP_cache_flush, GNTTABOP_cache_flush);
SAME(PV_GNTTAB_NR_RESERVED_ENTRIES, GNTTAB_NR_RESERVED_ENTRIES);
SAME(PV_GNTTAB_RESERVED_CONSOLE, GNTTAB_RESERVED_CONSOLE);
SAME(PV_GNTTAB_RESERVED_XENSTORE, GNTTAB_RESERVED_XENSTORE);
SAME(PV_GTF_invalid, GTF_invalid);
SAME(PV_GTF_permit_access, GTF_permit_access);
SAME(PV_GTF_accept_transfer, GTF_accept_transfer);
SAME(PV_GTF_transitive, GTF_transitive);
SAME(PV_GTF_type_mask, GTF_type_mask);
SAME(PV_GTF_readonly_BIT, _GTF_readonly);
SAME(PV_GTF_readonly, GTF_readonly);
SAME(PV_GTF_reading_BIT, _GTF_reading);
SAME(PV_GTF_reading, GTF_reading);
SAME(PV_GTF_writing_BIT, _GTF_writing);
SAME(PV_GTF_writing, GTF_writing);
SAME(PV_GTF_PWT_BIT, _GTF_PWT);
SAME(PV_GTF_PWT, GTF_PWT);
SAME(PV_GTF_PCD_BIT, _GTF_PCD);
SAME(PV_GTF_PCD, GTF_PCD);
SAME(PV_GTF_PAT_BIT, _GTF_PAT);
SAME(PV_GTF_PAT, GTF_PAT);
SAME(PV_GTF_sub_page_BIT, _GTF_sub_page);
SAME(PV_GTF_sub_page, GTF_sub_page);
SAME(PV_GTF_transfer_committed_BIT, _GTF_transfer_committed);
SAME(PV_GTF_transfer_committed, GTF_transfer_committed);
SAME(PV_GTF_transfer_completed_BIT, _GTF_transfer_completed);
SAME(PV_GTF_transfer_completed, GTF_transfer_completed);
SAME(PV_GNTMAP_device_map_BIT, _GNTMAP_device_map);
SAME(PV_GNTMAP_device_map, GNTMAP_device_map);
SAME(PV_GNTMAP_host_map_BIT, _GNTMAP_host_map);
SAME(PV_GNTMAP_host_map, GNTMAP_host_map);
SAME(PV_GNTMAP_readonly_BIT, _GNTMAP_readonly);
SAME(PV_GNTMAP_readonly, GNTMAP_readonly);
SAME(PV_GNTMAP_application_map_BIT, _GNTMAP_application_map);
SAME(PV_GNTMAP_application_map, GNTMAP_application_map);
SAME(PV_GNTMAP_contains_pte_BIT, _GNTMAP_contains_pte);
SAME(PV_GNTMAP_contains_pte, GNTMAP_contains_pte);
SAME(PV_GNTMAP_guest_avail0_BIT, _GNTMAP_guest_avail0);
SAME(PV_GNTMAP_guest_avail_mask, GNTMAP_guest_avail_mask);
SAME(PV_GNTCOPY_source_gref_BIT, _GNTCOPY_source_gref);
SAME(PV_GNTCOPY_source_gref, GNTCOPY_source_gref);
SAME(PV_GNTCOPY_dest_gref_BIT, _GNTCOPY_dest_gref);
SAME(PV_GNTCOPY_dest_gref, GNTCOPY_dest_gref);
SAME(PV_GNTTAB_CACHE_CLEAN, GNTTAB_CACHE_CLEAN);
SAME(PV_GNTTAB_CACHE_INVAL, GNTTAB_CACHE_INVAL);
SAME(PV_GNTTAB_CACHE_SOURCE_GREF, GNTTAB_CACHE_SOURCE_GREF);
SAME(PV_GNTST_okay, GNTST_okay);
SAME(PV_GNTST_general_error, GNTST_general_error);
SAME(PV_GNTST_bad_domain, GNTST_bad_domain);
SAME(PV_GNTST_bad_gntref, GNTST_bad_gntref);
SAME(PV_GNTST_bad_handle, GNTST_bad_handle);
SAME(PV_GNTST_bad_virt_addr, GNTST_bad_virt_addr);
SAME(PV_GNTST_bad_dev_addr, GNTST_bad_dev_addr);
SAME(PV_GNTST_no_device_space, GNTST_no_device_space);
SAME(PV_GNTST_permission_denied, GNTST_permission_denied);
SAME(PV_GNTST_bad_page, GNTST_bad_page);
SAME(PV_GNTST_bad_copy_arg, GNTST_bad_copy_arg);
SAME(PV_GNTST_address_too_big, GNTST_address_too_big);
SAME(PV_GNTST_eagain, GNTST_eagain);
SAME(PV_GNTST_no_space, GNTST_no_space);

/* sched.h */
SAME(PV_SCHEDOP_yield, SCHEDOP_yield);
SAME(PV_SCHEDOP_block, SCHEDOP_block);
SAME(PV_SCHEDOP_shutdown, SCHEDOP_shutdown);
SAME(PV_SCHEDOP_poll, SCHEDOP_poll);
SAME(PV_SCHEDOP_remote_shutdown, SCHEDOP_remote_shutdown);
SAME(PV_SCHEDOP_shutdown_code, SCHEDOP_shutdown_code);
SAME(PV_SCHEDOP_watchdog, SCHEDOP_watchdog);
SAME(PV_SCHEDOP_pin_override, SCHEDOP_pin_override);
SAME(PV_SHUTDOWN_poweroff, SHUTDOWN_poweroff);
SAME(PV_SHUTDOWN_reboot, SHUTDOWN_reboot);
SAME(PV_SHUTDOWN_suspend, SHUTDOWN_suspend);
SAME(PV_SHUTDOWN_crash, SHUTDOWN_crash);
SAME(PV_SHUTDOWN_watchdog, SHUTDOWN_watchdog);
SAME(PV_SHUTDOWN_soft_reset, SHUTDOWN_soft_reset);
SAME(PV_SHUTDOWN_MAX, SHUTDOWN_MAX);

/* vcpu.h */
SAME(PV_VCPUOP_initialise, VCPUOP_initialise);
SAME(PV_VCPUOP_up, VCPUOP_up);
SAME(PV_VCPUOP_down, VCPUOP_down);
SAME(PV_VCPUOP_is_up, VCPUOP_is_up);
SAME(PV_VCPUOP_get_runstate_info, VCPUOP_get_runstate_info);
SAME(PV_VCPUOP_register_runstate_memory_area, VCPUOP_register_runstate_memory_area);
SAME(PV_VCPUOP_set_periodic_timer, VCPUOP_set_periodic_timer);
SAME(PV_VCPUOP_stop_periodic_timer, VCPUOP_stop_periodic_timer);
SAME(PV_VCPUOP_set_singleshot_timer, VCPUOP_set_singleshot_timer);
SAME(PV_VCPUOP_stop_singleshot_timer, VCPUOP_stop_singleshot_timer);
SAME(PV_VCPUOP_register_vcpu_info, VCPUOP_register_vcpu_info);
SAME(PV_VCPUOP_send_nmi, VCPUOP_send_nmi);
SAME(PV_VCPUOP_get_physid, VCPUOP_get_physid);
SAME(PV_VCPUOP_register_vcpu_time_memory_area, VCPUOP_register_vcpu_time_memory_area);
SAME(PV_RUNSTATE_running, RUNSTATE_running);
SAME(PV_RUNSTATE_runnable, RUNSTATE_runnable);
SAME(PV_RUNSTATE_blocked, RUNSTATE_blocked);
SAME(PV_RUNSTATE_offline, RUNSTATE_offline);
SAME(PV_RUNSTATE_UPDATE, XEN_RUNSTATE_UPDATE);
SAME(PV_VCPU_SSHOTTMR_future_BIT, _VCPU_SSHOTTMR_future);
SAME(PV_VCPU_SSHOTTMR_future, VCPU_SSHOTTMR_future);

/* memory.h */
SAME(PV_XENMEM_increase_reservation, XENMEM_increase_reservation);
SAME(PV_XENMEM_decrease_reservation, XENMEM_decrease_reservation);
SAME(PV_XENMEM_maximum_ram_page, XENMEM_maximum_ram_page);
SAME(PV_XENMEM_current_reservation, XENMEM_current_reservation);
SAME(PV_XENMEM_maximum_reservation, XENMEM_maximum_reservation);
SAME(PV_XENMEM_machphys_mfn_list, XENMEM_machphys_mfn_list);
SAME(PV_XENMEM_populate_physmap, XENMEM_populate_physmap);
SAME(PV_XENMEM_add_to_physmap, XENMEM_add_to_physmap);
SAME(PV_XENMEM_memory_map, XENMEM_memory_map);
SAME(PV_XENMEM_machine_memory_map, XENMEM_machine_memory_map);
SAME(PV_XENMEM_exchange, XENMEM_exchange);
SAME(PV_XENMEM_machphys_mapping, XENMEM_machphys_mapping);
SAME(PV_XENMEM_set_memory_map, XENMEM_set_memory_map);
SAME(PV_XENMEM_maximum_gpfn, XENMEM_maximum_gpfn);
SAME(PV_XENMEM_remove_from_physmap, XENMEM_remove_from_physmap);
SAME(PV_XENMEM_set_pod_target, XENMEM_set_pod_target);
SAME(PV_XENMEM_get_pod_target, XENMEM_get_pod_target);
SAME(PV_XENMEM_get_sharing_freed_pages, XENMEM_get_sharing_freed_pages);
SAME(PV_XENMEM_get_sharing_shared_pages, XENMEM_get_sharing_shared_pages);
SAME(PV_XENMEM_paging_op, XENMEM_paging_op);
SAME(PV_XENMEM_access_op, XENMEM_access_op);
SAME(PV_XENMEM_sharing_op, XENMEM_sharing_op);
SAME(PV_XENMEM_add_to_physmap_batch, XENMEM_add_to_physmap_batch);
SAME(PV_XENMEM_claim_pages, XENMEM_claim_pages);
SAME(PV_XENMEM_machphys_compat_mfn_list, XENMEM_machphys_compat_mfn_list);
SAME(PV_XENMEM_get_vnumainfo, XENMEM_get_vnumainfo);
SAME(PV_XENMEM_reserved_device_memory_map, XENMEM_reserved_device_memory_map);
SAME(PV_XENMEM_acquire_resource, XENMEM_acquire_resource);
SAME(PV_XENMEMF_populate_on_demand, XENMEMF_populate_on_demand);
SAME(PV_XENMEMF_exact_node_request, XENMEMF_exact_node_request);
SAME(PV_XENMEMF_vnode, XENMEMF_vnode);
SAME(PV_XENMAPSPACE_shared_info, XENMAPSPACE_shared_info);
SAME(PV_XENMAPSPACE_grant_table, XENMAPSPACE_grant_table);
SAME(PV_XENMAPSPACE_gmfn, XENMAPSPACE_gmfn);
SAME(PV_XENMAPSPACE_gmfn_range, XENMAPSPACE_gmfn_range);
SAME(PV_XENMAPSPACE_gmfn_foreign, XENMAPSPACE_gmfn_foreign);
SAME(PV_XENMAPSPACE_dev_mmio, XENMAPSPACE_dev_mmio);
SAME(PV_XENMAPIDX_grant_table_status, XENMAPIDX_grant_table_status);
SAME(PV_XENMEM_resource_ioreq_server, XENMEM_resource_ioreq_server);
SAME(PV_XENMEM_resource_grant_table, XENMEM_resource_grant_table);
SAME(PV_XENMEM_resource_vmtrace_buf, XENMEM_resource_vmtrace_buf);
SAME(PV_XENMEM_resource_grant_table_id_shared, XENMEM_resource_grant_table_id_shared);
SAME(PV_XENMEM_resource_grant_table_id_status, XENMEM_resource_grant_table_id_status);

/* callback.h */
SAME(PV_CALLBACKOP_register, CALLBACKOP_register);
SAME(PV_CALLBACKOP_unregister, CALLBACKOP_unregister);
SAME(PV_CALLBACKTYPE_event, CALLBACKTYPE_event);
SAME(PV_CALLBACKTYPE_failsafe, CALLBACKTYPE_failsafe);
SAME(PV_CALLBACKTYPE_syscall, CALLBACKTYPE_syscall);
SAME(PV_CALLBACKTYPE_sysenter_deprecated, CALLBACKTYPE_sysenter_deprecated);
SAME(PV_CALLBACKTYPE_nmi, CALLBACKTYPE_nmi);
SAME(PV_CALLBACKTYPE_sysenter, CALLBACKTYPE_sysenter);
SAME(PV_CALLBACKTYPE_syscall32, CALLBACKTYPE_syscall32);
SAME(PV_CALLBACKF_mask_events_BIT, _CALLBACKF_mask_events);
SAME(PV_CALLBACKF_mask_events, CALLBACKF_mask_events);

/* console_io.h */
SAME(PV_CONSOLEIO_write, CONSOLEIO_write);
SAME(PV_CONSOLEIO_read, CONSOLEIO_read);

/* version.h */
SAME(PV_XENVER_version, XENVER_version);
SAME(PV_XENVER_extraversion, XENVER_extraversion);
SAME(PV_XENVER_compile_info, XENVER_compile_info);
SAME(PV_XENVER_capabilities, XENVER_capabilities);
SAME(PV_XENVER_changeset, XENVER_changeset);
SAME(PV_XENVER_platform_parameters, XENVER_platform_parameters);
SAME(PV_XENVER_get_features, XENVER_get_features);
SAME(PV_XENVER_pagesize, XENVER_pagesize);
SAME(PV_XENVER_guest_handle, XENVER_guest_handle);
SAME(PV_XENVER_commandline, XENVER_commandline);
SAME(PV_XENVER_build_id, XENVER_build_id);
SAME(PV_EXTRAVERSION_LEN, XEN_EXTRAVERSION_LEN);
SAME(PV_CAPABILITIES_INFO_LEN, XEN_CAPABILITIES_INFO_LEN);
SAME(PV_CHANGESET_INFO_LEN, XEN_CHANGESET_INFO_LEN);
SAME(PV_XENFEAT_writable_page_tables, XENFEAT_writable_page_tables);
SAME(PV_XENFEAT_writable_descriptor_tables, XENFEAT_writable_descriptor_tables);
SAME(PV_XENFEAT_auto_translated_physmap, XENFEAT_auto_translated_physmap);
SAME(PV_XENFEAT_supervisor_mode_kernel, XENFEAT_supervisor_mode_kernel);
SAME(PV_XENFEAT_pae_pgdir_above_4gb, XENFEAT_pae_pgdir_above_4gb);
SAME(PV_XENFEAT_mmu_pt_update_preserve_ad, XENFEAT_mmu_pt_update_preserve_ad);
SAME(PV_XENFEAT_highmem_assist, XENFEAT_highmem_assist);
SAME(PV_XENFEAT_gnttab_map_avail_bits, XENFEAT_gnttab_map_avail_bits);
SAME(PV_XENFEAT_hvm_callback_vector, XENFEAT_hvm_callback_vector);
SAME(PV_XENFEAT_hvm_safe_pvclock, XENFEAT_hvm_safe_pvclock);
SAME(PV_XENFEAT_hvm_pirqs, XENFEAT_hvm_pirqs);
SAME(PV_XENFEAT_dom0, XENFEAT_dom0);
SAME(PV_XENFEAT_memory_op_vnode_supported, XENFEAT_memory_op_vnode_supported);
SAME(PV_XENFEAT_ARM_SMCCC_supported, XENFEAT_ARM_SMCCC_supported);
SAME(PV_XENFEAT_linux_rsdp_unrestricted, XENFEAT_linux_rsdp_unrestricted);
SAME(PV_XENFEAT_not_direct_mapped, XENFEAT_not_direct_mapped);
SAME(PV_XENFEAT_direct_mapped, XENFEAT_direct_mapped);
SAME(PV_XENFEAT_NR_SUBMAPS, XENFEAT_NR_SUBMAPS);

/* elfnote.h */
SAME(PV_ELFNOTE_INFO, XEN_ELFNOTE_INFO);
SAME(PV_ELFNOTE_ENTRY, XEN_ELFNOTE_ENTRY);
SAME(PV_ELFNOTE_HYPERCALL_PAGE, XEN_ELFNOTE_HYPERCALL_PAGE);
SAME(PV_ELFNOTE_VIRT_BASE, XEN_ELFNOTE_VIRT_BASE);
SAME(PV_ELFNOTE_PADDR_OFFSET, XEN_ELFNOTE_PADDR_OFFSET);
SAME(PV_ELFNOTE_XEN_VERSION, XEN_ELFNOTE_XEN_VERSION);
SAME(PV_ELFNOTE_GUEST_OS, XEN_ELFNOTE_GUEST_OS);
SAME(PV_ELFNOTE_GUEST_VERSION, XEN_ELFNOTE_GUEST_VERSION);
SAME(PV_ELFNOTE_LOADER, XEN_ELFNOTE_LOADER);
SAME(PV_ELFNOTE_PAE_MODE, XEN_ELFNOTE_PAE_MODE);
SAME(PV_ELFNOTE_FEATURES, XEN_ELFNOTE_FEATURES);
SAME(PV_ELFNOTE_BSD_SYMTAB, XEN_ELFNOTE_BSD_SYMTAB);
SAME(PV_ELFNOTE_HV_START_LOW, XEN_ELFNOTE_HV_START_LOW);
SAME(PV_ELFNOTE_L1_MFN_VALID, XEN_ELFNOTE_L1_MFN_VALID);
SAME(PV_ELFNOTE_SUSPEND_CANCEL, XEN_ELFNOTE_SUSPEND_CANCEL);
SAME(PV_ELFNOTE_INIT_P2M, XEN_ELFNOTE_INIT_P2M);
SAME(PV_ELFNOTE_MOD_START_PFN, XEN_ELFNOTE_MOD_START_PFN);
SAME(PV_ELFNOTE_SUPPORTED_FEATURES, XEN_ELFNOTE_SUPPORTED_FEATURES);
SAME(PV_ELFNOTE_PHYS32_ENTRY, XEN_ELFNOTE_PHYS32_ENTRY);
SAME(PV_ELFNOTE_MAX, XEN_ELFNOTE_MAX);
SAME(PV_ELFNOTE_CRASH_INFO, XEN_ELFNOTE_CRASH_INFO);
SAME(PV_ELFNOTE_CRASH_REGS, XEN_ELFNOTE_CRASH_REGS);
SAME(PV_ELFNOTE_DUMPCORE_NONE, XEN_ELFNOTE_DUMPCORE_NONE);
SAME(PV_ELFNOTE_DUMPCORE_HEADER, XEN_ELFNOTE_DUMPCORE_HEADER);
SAME(PV_ELFNOTE_DUMPCORE_XEN_VERSION, XEN_ELFNOTE_DUMPCORE_XEN_VERSION);
SAME(PV_ELFNOTE_DUMPCORE_FORMAT_VERSION, XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION);

/* physdev.h */
SAME(PV_PHYSDEVOP_IRQ_UNMASK_NOTIFY, PHYSDEVOP_IRQ_UNMASK_NOTIFY);
SAME(PV_PHYSDEVOP_irq_status_query, PHYSDEVOP_irq_status_query);
SAME(PV_PHYSDEVOP_set_iopl, PHYSDEVOP_set_iopl);
SAME(PV_PHYSDEVOP_set_iobitmap, PHYSDEVOP_set_iobitmap);
SAME(PV_PHYSDEVOP_apic_read, PHYSDEVOP_apic_read);
SAME(PV_PHYSDEVOP_apic_write, PHYSDEVOP_apic_write);
SAME(PV_PHYSDEVOP_alloc_irq_vector, PHYSDEVOP_alloc_irq_vector);
SAME(PV_PHYSDEVOP_free_irq_vector, PHYSDEVOP_free_irq_vector);
SAME(PV_PHYSDEVOP_eoi, PHYSDEVOP_eoi);
SAME(PV_PHYSDEVOP_map_pirq, PHYSDEVOP_map_pirq);
SAME(PV_PHYSDEVOP_unmap_pirq, PHYSDEVOP_unmap_pirq);
SAME(PV_PHYSDEVOP_manage_pci_add, PHYSDEVOP_manage_pci_add);
SAME(PV_PHYSDEVOP_manage_pci_remove, PHYSDEVOP_manage_pci_remove);
SAME(PV_PHYSDEVOP_pirq_eoi_gmfn_v1, PHYSDEVOP_pirq_eoi_gmfn_v1);
SAME(PV_PHYSDEVOP_restore_msi, PHYSDEVOP_restore_msi);
SAME(PV_PHYSDEVOP_manage_pci_add_ext, PHYSDEVOP_manage_pci_add_ext);
SAME(PV_PHYSDEVOP_setup_gsi, PHYSDEVOP_setup_gsi);
SAME(PV_PHYSDEVOP_get_free_pirq, PHYSDEVOP_get_free_pirq);
SAME(PV_PHYSDEVOP_pci_mmcfg_reserved, PHYSDEVOP_pci_mmcfg_reserved);
SAME(PV_PHYSDEVOP_pci_device_add, PHYSDEVOP_pci_device_add);
SAME(PV_PHYSDEVOP_pci_device_remove, PHYSDEVOP_pci_device_remove);
SAME(PV_PHYSDEVOP_restore_msi_ext, PHYSDEVOP_restore_msi_ext);
SAME(PV_PHYSDEVOP_pirq_eoi_gmfn_v2, PHYSDEVOP_pirq_eoi_gmfn_v2);
SAME(PV_PHYSDEVOP_dbgp_op, PHYSDEVOP_dbgp_op);
SAME(PV_PHYSDEVOP_prepare_msix, PHYSDEVOP_prepare_msix);
SAME(PV_PHYSDEVOP_release_msix, PHYSDEVOP_release_msix);
SAME(PV_PHYSDEVOP_pirq_eoi_gmfn, PHYSDEVOP_pirq_eoi_gmfn);
SAME(PV_XENIRQSTAT_needs_eoi_BIT, _XENIRQSTAT_needs_eoi);
SAME(PV_XENIRQSTAT_needs_eoi, XENIRQSTAT_needs_eoi);
SAME(PV_XENIRQSTAT_shared_BIT, _XENIRQSTAT_shared);
SAME(PV_XENIRQSTAT_shared, XENIRQSTAT_shared);
SAME(PV_MAP_PIRQ_TYPE_MSI, MAP_PIRQ_TYPE_MSI);
SAME(PV_MAP_PIRQ_TYPE_GSI, MAP_PIRQ_TYPE_GSI);
SAME(PV_MAP_PIRQ_TYPE_UNKNOWN, MAP_PIRQ_TYPE_UNKNOWN);
SAME(PV_MAP_PIRQ_TYPE_MSI_SEG, MAP_PIRQ_TYPE_MSI_SEG);
SAME(PV_MAP_PIRQ_TYPE_MULTI_MSI, MAP_PIRQ_TYPE_MULTI_MSI);
SAME(PV_PCI_MMCFG_RESERVED, XEN_PCI_MMCFG_RESERVED);
SAME(PV_PCI_DEV_EXTFN, XEN_PCI_DEV_EXTFN);
SAME(PV_PCI_DEV_VIRTFN, XEN_PCI_DEV_VIRTFN);
SAME(PV_PCI_DEV_PXM, XEN_PCI_DEV_PXM);
SAME(PV_PHYSDEVOP_DBGP_RESET_PREPARE, PHYSDEVOP_DBGP_RESET_PREPARE);
SAME(PV_PHYSDEVOP_DBGP_RESET_DONE, PHYSDEVOP_DBGP_RESET_DONE);
SAME(PV_PHYSDEVOP_DBGP_BUS_UNKNOWN, PHYSDEVOP_DBGP_BUS_UNKNOWN);
SAME(PV_PHYSDEVOP_DBGP_BUS_PCI, PHYSDEVOP_DBGP_BUS_PCI);

/* mca.h */
SAME(PV_XEN_MCA_INTERFACE_VERSION, XEN_MCA_INTERFACE_VERSION);
SAME(PV_XEN_MC_fetch, XEN_MC_fetch);
SAME(PV_XEN_MC_notifydomain, XEN_MC_notifydomain);
SAME(PV_XEN_MC_physcpuinfo, XEN_MC_physcpuinfo);
SAME(PV_XEN_MC_msrinject, XEN_MC_msrinject);
SAME(PV_XEN_MC_mceinject, XEN_MC_mceinject);
SAME(PV_XEN_MC_inject_v2, XEN_MC_inject_v2);
SAME(PV_XEN_MC_NONURGENT, XEN_MC_NONURGENT);
SAME(PV_XEN_MC_URGENT, XEN_MC_URGENT);
SAME(PV_XEN_MC_ACK, XEN_MC_ACK);
SAME(PV_XEN_MC_OK, XEN_MC_OK);
SAME(PV_XEN_MC_FETCHFAILED, XEN_MC_FETCHFAILED);
SAME(PV_XEN_MC_NODATA, XEN_MC_NODATA);
SAME(PV_MC_NCAPS, MC_NCAPS);
SAME(PV_MC_MSR_VALUES, __MC_MSR_ARRAYSIZE);

/* hvm_op.h */
SAME(PV_HVMOP_set_param, HVMOP_set_param);
SAME(PV_HVMOP_get_param, HVMOP_get_param);
SAME(PV_HVMOP_flush_tlbs, HVMOP_flush_tlbs);
SAME(PV_HVMOP_pagetable_dying, HVMOP_pagetable_dying);
SAME(PV_HVMOP_get_time, HVMOP_get_time);
SAME(PV_HVMOP_xentrace, HVMOP_xentrace);
SAME(PV_HVMOP_get_mem_type, HVMOP_get_mem_type);
SAME(PV_HVMOP_set_evtchn_upcall_vector, HVMOP_set_evtchn_upcall_vector);
SAME(PV_HVMOP_guest_request_vm_event, HVMOP_guest_request_vm_event);
SAME(PV_HVMOP_altp2m, HVMOP_altp2m);
SAME(PV_HVM_NR_PARAMS, HVM_NR_PARAMS);
SAME(PV_TRACE_EXTRA_MAX, TRACE_EXTRA_MAX);
SAME(PV_TRC_SUBCLS_SHIFT, TRC_SUBCLS_SHIFT);
SAME_LAYOUT(pv_hvm_param, xen_hvm_param);
SAME_FIELD(pv_hvm_param, xen_hvm_param, domid);
SAME_FIELD(pv_hvm_param, xen_hvm_param, pad);
SAME_FIELD(pv_hvm_param, xen_hvm_param, index);
SAME_FIELD(pv_hvm_param, xen_hvm_param, value);
SAME_LAYOUT(pv_hvm_pagetable_dying, xen_hvm_pagetable_dying);
SAME_FIELD(pv_hvm_pagetable_dying, xen_hvm_pagetable_dying, domid);
SAME_FIELD(pv_hvm_pagetable_dying, xen_hvm_pagetable_dying, pad);
SAME_FIELD(pv_hvm_pagetable_dying, xen_hvm_pagetable_dying, gpa);
SAME_LAYOUT(pv_hvm_get_time, xen_hvm_get_time);
SAME_FIELD(pv_hvm_get_time, xen_hvm_get_time, now);
SAME_LAYOUT(pv_hvm_xentrace, xen_hvm_xentrace);
SAME_FIELD(pv_hvm_xentrace, xen_hvm_xentrace, event);
SAME_FIELD(pv_hvm_xentrace, xen_hvm_xentrace, extra_bytes);
SAME_FIELD(pv_hvm_xentrace, xen_hvm_xentrace, extra);
SAME_LAYOUT(pv_hvm_get_mem_type, xen_hvm_get_mem_type);
SAME_FIELD(pv_hvm_get_mem_type, xen_hvm_get_mem_type, domid);
SAME_FIELD(pv_hvm_get_mem_type, xen_hvm_get_mem_type, mem_type);
SAME_FIELD(pv_hvm_get_mem_type, xen_hvm_get_mem_type, pad);
SAME_FIELD(pv_hvm_get_mem_type, xen_hvm_get_mem_type, pfn);

/* platform.h */
SAME(PV_XENPF_INTERFACE_VERSION, XENPF_INTERFACE_VERSION);
SAME(PV_XENPF_settime32, XENPF_settime32);
SAME(PV_XENPF_add_memtype, XENPF_add_memtype);
SAME(PV_XENPF_del_memtype, XENPF_del_memtype);
SAME(PV_XENPF_read_memtype, XENPF_read_memtype);
SAME(PV_XENPF_microcode_update, XENPF_microcode_update);
SAME(PV_XENPF_platform_quirk, XENPF_platform_quirk);
SAME(PV_XENPF_get_cpu_version, XENPF_get_cpu_version);
SAME(PV_XENPF_efi_runtime_call, XENPF_efi_runtime_call);
SAME(PV_XENPF_firmware_info, XENPF_firmware_info);
SAME(PV_XEN_PROCESSOR_PM_CX, XEN_PROCESSOR_PM_CX);
SAME(PV_XEN_PROCESSOR_PM_PX, XEN_PROCESSOR_PM_PX);
SAME(PV_XEN_PROCESSOR_PM_TX, XEN_PROCESSOR_PM_TX);
SAME(PV_XEN_PCPU_FLAGS_ONLINE, XEN_PCPU_FLAGS_ONLINE);
SAME(PV_XEN_PCPU_FLAGS_INVALID, XEN_PCPU_FLAGS_INVALID);
SAME(PV_XEN_FW_DISK_INFO, XEN_FW_DISK_INFO);
SAME(PV_XEN_FW_DISK_MBR_SIGNATURE, XEN_FW_DISK_MBR_SIGNATURE);
SAME(PV_XEN_FW_VBEDDC_INFO, XEN_FW_VBEDDC_INFO);
SAME(PV_XEN_FW_EFI_INFO, XEN_FW_EFI_INFO);
SAME(PV_XEN_FW_KBD_SHIFT_FLAGS, XEN_FW_KBD_SHIFT_FLAGS);
SAME(PV_XENPF_enter_acpi_sleep, XENPF_enter_acpi_sleep);
SAME(PV_XENPF_change_freq, XENPF_change_freq);
SAME(PV_XENPF_getidletime, XENPF_getidletime);
SAME(PV_XENPF_set_processor_pminfo, XENPF_set_processor_pminfo);
SAME(PV_XENPF_get_cpuinfo, XENPF_get_cpuinfo);
SAME(PV_XENPF_cpu_online, XENPF_cpu_online);
SAME(PV_XENPF_cpu_offline, XENPF_cpu_offline);
SAME(PV_XENPF_cpu_hotadd, XENPF_cpu_hotadd);
SAME(PV_XENPF_mem_hotadd, XENPF_mem_hotadd);
SAME(PV_XENPF_core_parking, XENPF_core_parking);
SAME(PV_XENPF_resource_op, XENPF_resource_op);
SAME(PV_XENPF_settime64, XENPF_settime64);
SAME(PV_XENPF_get_symbol, XENPF_get_symbol);

/* domctl.h */
SAME(PV_DOMCTL_INTERFACE_VERSION, XEN_DOMCTL_INTERFACE_VERSION);
SAME(PV_DOMCTL_createdomain, XEN_DOMCTL_createdomain);
SAME(PV_DOMCTL_destroydomain, XEN_DOMCTL_destroydomain);
SAME(PV_DOMCTL_pausedomain, XEN_DOMCTL_pausedomain);
SAME(PV_DOMCTL_unpausedomain, XEN_DOMCTL_unpausedomain);
SAME(PV_DOMCTL_getdomaininfo, XEN_DOMCTL_getdomaininfo);
SAME(PV_DOMCTL_setvcpuaffinity, XEN_DOMCTL_setvcpuaffinity);
SAME(PV_DOMCTL_shadow_op, XEN_DOMCTL_shadow_op);
SAME(PV_DOMCTL_max_mem, XEN_DOMCTL_max_mem);
SAME(PV_DOMCTL_setvcpucontext, XEN_DOMCTL_setvcpucontext);
SAME(PV_DOMCTL_getvcpucontext, XEN_DOMCTL_getvcpucontext);
SAME(PV_DOMCTL_getvcpuinfo, XEN_DOMCTL_getvcpuinfo);
SAME(PV_DOMCTL_max_vcpus, XEN_DOMCTL_max_vcpus);
SAME(PV_DOMCTL_scheduler_op, XEN_DOMCTL_scheduler_op);
SAME(PV_DOMCTL_setdomainhandle, XEN_DOMCTL_setdomainhandle);
SAME(PV_DOMCTL_setdebugging, XEN_DOMCTL_setdebugging);
SAME(PV_DOMCTL_irq_permission, XEN_DOMCTL_irq_permission);
SAME(PV_DOMCTL_iomem_permission, XEN_DOMCTL_iomem_permission);
SAME(PV_DOMCTL_ioport_permission, XEN_DOMCTL_ioport_permission);
SAME(PV_DOMCTL_hypercall_init, XEN_DOMCTL_hypercall_init);
SAME(PV_DOMCTL_settimeoffset, XEN_DOMCTL_settimeoffset);
SAME(PV_DOMCTL_getvcpuaffinity, XEN_DOMCTL_getvcpuaffinity);
SAME(PV_DOMCTL_real_mode_area, XEN_DOMCTL_real_mode_area);
SAME(PV_DOMCTL_resumedomain, XEN_DOMCTL_resumedomain);
SAME(PV_DOMCTL_sendtrigger, XEN_DOMCTL_sendtrigger);
SAME(PV_DOMCTL_subscribe, XEN_DOMCTL_subscribe);
SAME(PV_DOMCTL_gethvmcontext, XEN_DOMCTL_gethvmcontext);
SAME(PV_DOMCTL_sethvmcontext, XEN_DOMCTL_sethvmcontext);
SAME(PV_DOMCTL_set_address_size, XEN_DOMCTL_set_address_size);
SAME(PV_DOMCTL_get_address_size, XEN_DOMCTL_get_address_size);
SAME(PV_DOMCTL_assign_device, XEN_DOMCTL_assign_device);
SAME(PV_DOMCTL_bind_pt_irq, XEN_DOMCTL_bind_pt_irq);
SAME(PV_DOMCTL_memory_mapping, XEN_DOMCTL_memory_mapping);
SAME(PV_DOMCTL_ioport_mapping, XEN_DOMCTL_ioport_mapping);
SAME(PV_DOMCTL_set_ext_vcpucontext, XEN_DOMCTL_set_ext_vcpucontext);
SAME(PV_DOMCTL_get_ext_vcpucontext, XEN_DOMCTL_get_ext_vcpucontext);
SAME(PV_DOMCTL_set_opt_feature, XEN_DOMCTL_set_opt_feature);
SAME(PV_DOMCTL_test_assign_device, XEN_DOMCTL_test_assign_device);
SAME(PV_DOMCTL_set_target, XEN_DOMCTL_set_target);
SAME(PV_DOMCTL_deassign_device, XEN_DOMCTL_deassign_device);
SAME(PV_DOMCTL_unbind_pt_irq, XEN_DOMCTL_unbind_pt_irq);
SAME(PV_DOMCTL_get_device_group, XEN_DOMCTL_get_device_group);
SAME(PV_DOMCTL_debug_op, XEN_DOMCTL_debug_op);
SAME(PV_DOMCTL_gethvmcontext_partial, XEN_DOMCTL_gethvmcontext_partial);
SAME(PV_DOMCTL_vm_event_op, XEN_DOMCTL_vm_event_op);
SAME(PV_DOMCTL_mem_sharing_op, XEN_DOMCTL_mem_sharing_op);
SAME(PV_DOMCTL_gettscinfo, XEN_DOMCTL_gettscinfo);
SAME(PV_DOMCTL_settscinfo, XEN_DOMCTL_settscinfo);
SAME(PV_DOMCTL_getpageframeinfo3, XEN_DOMCTL_getpageframeinfo3);
SAME(PV_DOMCTL_setvcpuextstate, XEN_DOMCTL_setvcpuextstate);
SAME(PV_DOMCTL_getvcpuextstate, XEN_DOMCTL_getvcpuextstate);
SAME(PV_DOMCTL_set_access_required, XEN_DOMCTL_set_access_required);
SAME(PV_DOMCTL_audit_p2m, XEN_DOMCTL_audit_p2m);
SAME(PV_DOMCTL_set_virq_handler, XEN_DOMCTL_set_virq_handler);
SAME(PV_DOMCTL_set_broken_page_p2m, XEN_DOMCTL_set_broken_page_p2m);
SAME(PV_DOMCTL_setnodeaffinity, XEN_DOMCTL_setnodeaffinity);
SAME(PV_DOMCTL_getnodeaffinity, XEN_DOMCTL_getnodeaffinity);
SAME(PV_DOMCTL_cacheflush, XEN_DOMCTL_cacheflush);
SAME(PV_DOMCTL_get_vcpu_msrs, XEN_DOMCTL_get_vcpu_msrs);
SAME(PV_DOMCTL_set_vcpu_msrs, XEN_DOMCTL_set_vcpu_msrs);
SAME(PV_DOMCTL_setvnumainfo, XEN_DOMCTL_setvnumainfo);
SAME(PV_DOMCTL_psr_cmt_op, XEN_DOMCTL_psr_cmt_op);
SAME(PV_DOMCTL_monitor_op, XEN_DOMCTL_monitor_op);
SAME(PV_DOMCTL_psr_alloc, XEN_DOMCTL_psr_alloc);
SAME(PV_DOMCTL_soft_reset, XEN_DOMCTL_soft_reset);
SAME(PV_DOMCTL_vuart_op, XEN_DOMCTL_vuart_op);
SAME(PV_DOMCTL_get_cpu_policy, XEN_DOMCTL_get_cpu_policy);
SAME(PV_DOMCTL_set_cpu_policy, XEN_DOMCTL_set_cpu_policy);
SAME(PV_DOMCTL_vmtrace_op, XEN_DOMCTL_vmtrace_op);
SAME(PV_DOMCTL_get_paging_mempool_size, XEN_DOMCTL_get_paging_mempool_size);
SAME(PV_DOMCTL_set_paging_mempool_size, XEN_DOMCTL_set_paging_mempool_size);
SAME(PV_DOMCTL_gdbsx_guestmemio, XEN_DOMCTL_gdbsx_guestmemio);
SAME(PV_DOMCTL_gdbsx_pausevcpu, XEN_DOMCTL_gdbsx_pausevcpu);
SAME(PV_DOMCTL_gdbsx_unpausevcpu, XEN_DOMCTL_gdbsx_unpausevcpu);
SAME(PV_DOMCTL_gdbsx_domstatus, XEN_DOMCTL_gdbsx_domstatus);

/* sysctl.h */
SAME(PV_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_INTERFACE_VERSION);
SAME(PV_SYSCTL_readconsole, XEN_SYSCTL_readconsole);
SAME(PV_SYSCTL_tbuf_op, XEN_SYSCTL_tbuf_op);
SAME(PV_SYSCTL_physinfo, XEN_SYSCTL_physinfo);
SAME(PV_SYSCTL_sched_id, XEN_SYSCTL_sched_id);
SAME(PV_SYSCTL_perfc_op, XEN_SYSCTL_perfc_op);
SAME(PV_SYSCTL_getdomaininfolist, XEN_SYSCTL_getdomaininfolist);
SAME(PV_SYSCTL_debug_keys, XEN_SYSCTL_debug_keys);
SAME(PV_SYSCTL_getcpuinfo, XEN_SYSCTL_getcpuinfo);
SAME(PV_SYSCTL_availheap, XEN_SYSCTL_availheap);
SAME(PV_SYSCTL_get_pmstat, XEN_SYSCTL_get_pmstat);
SAME(PV_SYSCTL_cpu_hotplug, XEN_SYSCTL_cpu_hotplug);
SAME(PV_SYSCTL_pm_op, XEN_SYSCTL_pm_op);
SAME(PV_SYSCTL_page_offline_op, XEN_SYSCTL_page_offline_op);
SAME(PV_SYSCTL_lockprof_op, XEN_SYSCTL_lockprof_op);
SAME(PV_SYSCTL_cputopoinfo, XEN_SYSCTL_cputopoinfo);
SAME(PV_SYSCTL_numainfo, XEN_SYSCTL_numainfo);
SAME(PV_SYSCTL_cpupool_op, XEN_SYSCTL_cpupool_op);
SAME(PV_SYSCTL_scheduler_op, XEN_SYSCTL_scheduler_op);
SAME(PV_SYSCTL_coverage_op, XEN_SYSCTL_coverage_op);
SAME(PV_SYSCTL_psr_cmt_op, XEN_SYSCTL_psr_cmt_op);
SAME(PV_SYSCTL_pcitopoinfo, XEN_SYSCTL_pcitopoinfo);
SAME(PV_SYSCTL_psr_alloc, XEN_SYSCTL_psr_alloc);
SAME(PV_SYSCTL_get_cpu_levelling_caps, XEN_SYSCTL_get_cpu_levelling_caps);
SAME(PV_SYSCTL_get_cpu_featureset, XEN_SYSCTL_get_cpu_featureset);
SAME(PV_SYSCTL_livepatch_op, XEN_SYSCTL_livepatch_op);
SAME(PV_SYSCTL_get_cpu_policy, XEN_SYSCTL_get_cpu_policy);

/* Values that Xen's headers give only as sizes or expressions. */
SAME(PV_START_INFO_MAGIC_SIZE, sizeof(((struct start_info *)0)->magic));
_Static_assert(sizeof(PV_START_INFO_MAGIC) <= PV_START_INFO_MAGIC_SIZE + COUNTED,
	       "the magic string fits start_info.magic");
SAME(PV_EVTCHN_WORDS, sizeof(((struct shared_info *)0)->evtchn_pending) / sizeof(xen_ulong_t));
SAME(PV_EVTCHN_WORDS * 64, EVTCHN_2L_NR_CHANNELS);
SAME(PV_COMMANDLINE_LEN, sizeof(xen_commandline_t));

/* memory.h's encoders and decoders of mem_flags, on a few values. */
SAME(PV_XENMEMF_address_bits(32), XENMEMF_address_bits(32));
SAME(PV_XENMEMF_get_address_bits(0x12345), XENMEMF_get_address_bits(0x12345));
SAME(PV_XENMEMF_node(0), XENMEMF_node(0));
SAME(PV_XENMEMF_node(5), XENMEMF_node(5));
SAME(PV_XENMEMF_get_node(0x0600), XENMEMF_get_node(0x0600));
SAME(PV_XENMEMF_get_node(0), XENMEMF_get_node(0));
SAME(PV_XENMEMF_exact_node(3), XENMEMF_exact_node(3));

/* Scalar types. */
SAME(sizeof(pv_domid_t), sizeof(domid_t));
SAME(sizeof(pv_evtchn_port_t), sizeof(evtchn_port_t));
SAME(sizeof(pv_grant_ref_t), sizeof(grant_ref_t));
SAME(sizeof(pv_grant_handle_t), sizeof(grant_handle_t));
SAME(sizeof(pv_grant_status_t), sizeof(grant_status_t));
SAME(sizeof(uint64_t), sizeof(xen_pfn_t));  /* every frame number */
SAME(sizeof(uint64_t), sizeof(xen_ulong_t)); /* every unsigned long */
SAME(sizeof(uint64_t), sizeof(XEN_GUEST_HANDLE(void))); /* every guest pointer */
SAME(_Alignof(uint64_t), _Alignof(XEN_GUEST_HANDLE(void)));

/* ---- Structures: size, alignment, and every field's offset and size ---- */

/* arch-x86_64.h */
SAME_LAYOUT(pv_trap_info, trap_info);
SAME_FIELD(pv_trap_info, trap_info, vector);
SAME_FIELD(pv_trap_info, trap_info, flags);
SAME_FIELD(pv_trap_info, trap_info, cs);
SAME_FIELD(pv_trap_info, trap_info, address);
SAME_LAYOUT(pv_iret_context, iret_context);
SAME_FIELD(pv_iret_context, iret_context, rax);
SAME_FIELD(pv_iret_context, iret_context, r11);
SAME_FIELD(pv_iret_context, iret_context, rcx);
SAME_FIELD(pv_iret_context, iret_context, flags);
SAME_FIELD(pv_iret_context, iret_context, rip);
SAME_FIELD(pv_iret_context, iret_context, cs);
SAME_FIELD(pv_iret_context, iret_context, rflags);
SAME_FIELD(pv_iret_context, iret_context, rsp);
SAME_FIELD(pv_iret_context, iret_context, ss);
SAME_LAYOUT(pv_cpu_user_regs, cpu_user_regs);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r15);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r14);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r13);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r12);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rbp);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rbx);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r11);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r10);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r9);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, r8);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rax);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rcx);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rdx);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rsi);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rdi);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, error_code);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, entry_vector);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rip);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, cs);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad0);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, saved_upcall_mask);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad1);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rflags);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, rsp);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, ss);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad2);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, es);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad3);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, ds);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad4);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, fs);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad5);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, gs);
SAME_FIELD(pv_cpu_user_regs, cpu_user_regs, _pad6);
SAME_LAYOUT(pv_vcpu_guest_context, vcpu_guest_context);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, fpu_ctxt);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, fpu_ctxt.x);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, flags);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, user_regs);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, trap_ctxt);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, ldt_base);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, ldt_ents);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, gdt_frames);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, gdt_ents);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, kernel_ss);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, kernel_sp);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, ctrlreg);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, debugreg);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, event_callback_eip);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, failsafe_callback_eip);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, syscall_callback_eip);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, vm_assist);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, fs_base);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, gs_base_kernel);
SAME_FIELD(pv_vcpu_guest_context, vcpu_guest_context, gs_base_user);

/* shared_info.h */
SAME_LAYOUT(pv_vcpu_time_info, vcpu_time_info);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, version);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, pad0);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, tsc_timestamp);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, system_time);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, tsc_to_system_mul);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, tsc_shift);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, flags);
SAME_FIELD(pv_vcpu_time_info, vcpu_time_info, pad1);
SAME_LAYOUT(pv_arch_vcpu_info, arch_vcpu_info);
SAME_FIELD(pv_arch_vcpu_info, arch_vcpu_info, cr2);
SAME_FIELD(pv_arch_vcpu_info, arch_vcpu_info, pad);
SAME_LAYOUT(pv_vcpu_info, vcpu_info);
SAME_FIELD(pv_vcpu_info, vcpu_info, evtchn_upcall_pending);
SAME_FIELD(pv_vcpu_info, vcpu_info, evtchn_upcall_mask);
SAME_FIELD(pv_vcpu_info, vcpu_info, evtchn_pending_sel);
SAME_FIELD(pv_vcpu_info, vcpu_info, arch);
SAME_FIELD(pv_vcpu_info, vcpu_info, time);
SAME_LAYOUT(pv_arch_shared_info, arch_shared_info);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, max_pfn);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, pfn_to_mfn_frame_list_list);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, nmi_reason);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, p2m_cr3);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, p2m_vaddr);
SAME_FIELD(pv_arch_shared_info, arch_shared_info, p2m_generation);
SAME_LAYOUT(pv_shared_info, shared_info);
SAME_FIELD(pv_shared_info, shared_info, vcpu_info);
SAME_FIELD(pv_shared_info, shared_info, evtchn_pending);
SAME_FIELD(pv_shared_info, shared_info, evtchn_mask);
SAME_FIELD(pv_shared_info, shared_info, wc_version);
SAME_FIELD(pv_shared_info, shared_info, wc_sec);
SAME_FIELD(pv_shared_info, shared_info, wc_nsec);
SAME_FIELD(pv_shared_info, shared_info, wc_sec_hi);
SAME_FIELD(pv_shared_info, shared_info, arch);

/* start_info.h */
SAME_LAYOUT(pv_start_info, start_info);
SAME_FIELD(pv_start_info, start_info, magic);
SAME_FIELD(pv_start_info, start_info, nr_pages);
SAME_FIELD(pv_start_info, start_info, shared_info);
SAME_FIELD(pv_start_info, start_info, flags);
SAME_FIELD(pv_start_info, start_info, store_mfn);
SAME_FIELD(pv_start_info, start_info, store_evtchn);
SAME_FIELD(pv_start_info, start_info, console);
SAME_FIELD(pv_start_info, start_info, console.domU);
SAME_FIELD(pv_start_info, start_info, console.domU.mfn);
SAME_FIELD(pv_start_info, start_info, console.domU.evtchn);
SAME_FIELD(pv_start_info, start_info, console.dom0);
SAME_FIELD(pv_start_info, start_info, console.dom0.info_off);
SAME_FIELD(pv_start_info, start_info, console.dom0.info_size);
SAME_FIELD(pv_start_info, start_info, pt_base);
SAME_FIELD(pv_start_info, start_info, nr_pt_frames);
SAME_FIELD(pv_start_info, start_info, mfn_list);
SAME_FIELD(pv_start_info, start_info, mod_start);
SAME_FIELD(pv_start_info, start_info, mod_len);
SAME_FIELD(pv_start_info, start_info, cmd_line);
SAME_FIELD(pv_start_info, start_info, first_p2m_pfn);
SAME_FIELD(pv_start_info, start_info, nr_p2m_frames);
SAME_LAYOUT(pv_multiboot_mod_list, xen_multiboot_mod_list);
SAME_FIELD(pv_multiboot_mod_list, xen_multiboot_mod_list, mod_start);
SAME_FIELD(pv_multiboot_mod_list, xen_multiboot_mod_list, mod_end);
SAME_FIELD(pv_multiboot_mod_list, xen_multiboot_mod_list, cmdline);
SAME_FIELD(pv_multiboot_mod_list, xen_multiboot_mod_list, pad);
SAME_LAYOUT(pv_dom0_vga_console_info, dom0_vga_console_info);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, video_type);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3.font_height);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3.cursor_x);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3.cursor_y);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3.rows);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.text_mode_3.columns);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.width);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.height);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.bytes_per_line);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.bits_per_pixel);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.lfb_base);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.lfb_size);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.red_pos);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.red_size);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.green_pos);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.green_size);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.blue_pos);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.blue_size);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.rsvd_pos);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.rsvd_size);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.gbl_caps);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.mode_attrs);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.pad);
SAME_FIELD(pv_dom0_vga_console_info, dom0_vga_console_info, u.vesa_lfb.ext_lfb_base);

/* mmu.h */
SAME_LAYOUT(pv_mmu_update, mmu_update);
SAME_FIELD(pv_mmu_update, mmu_update, ptr);
SAME_FIELD(pv_mmu_update, mmu_update, val);
SAME_LAYOUT(pv_mmuext_op, mmuext_op);
SAME_FIELD(pv_mmuext_op, mmuext_op, cmd);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg1);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg1.mfn);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg1.linear_addr);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg2);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg2.nr_ents);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg2.vcpumask);
SAME_FIELD(pv_mmuext_op, mmuext_op, arg2.src_mfn);

/* multicall.h */
SAME_LAYOUT(pv_multicall_entry, multicall_entry);
SAME_FIELD(pv_multicall_entry, multicall_entry, op);
SAME_FIELD(pv_multicall_entry, multicall_entry, result);
SAME_FIELD(pv_multicall_entry, multicall_entry, args);

/* event_channel.h */
SAME_LAYOUT(pv_evtchn_alloc_unbound, evtchn_alloc_unbound);
SAME_FIELD(pv_evtchn_alloc_unbound, evtchn_alloc_unbound, dom);
SAME_FIELD(pv_evtchn_alloc_unbound, evtchn_alloc_unbound, remote_dom);
SAME_FIELD(pv_evtchn_alloc_unbound, evtchn_alloc_unbound, port);
SAME_LAYOUT(pv_evtchn_bind_interdomain, evtchn_bind_interdomain);
SAME_FIELD(pv_evtchn_bind_interdomain, evtchn_bind_interdomain, remote_dom);
SAME_FIELD(pv_evtchn_bind_interdomain, evtchn_bind_interdomain, remote_port);
SAME_FIELD(pv_evtchn_bind_interdomain, evtchn_bind_interdomain, local_port);
SAME_LAYOUT(pv_evtchn_bind_virq, evtchn_bind_virq);
SAME_FIELD(pv_evtchn_bind_virq, evtchn_bind_virq, virq);
SAME_FIELD(pv_evtchn_bind_virq, evtchn_bind_virq, vcpu);
SAME_FIELD(pv_evtchn_bind_virq, evtchn_bind_virq, port);
SAME_LAYOUT(pv_evtchn_bind_pirq, evtchn_bind_pirq);
SAME_FIELD(pv_evtchn_bind_pirq, evtchn_bind_pirq, pirq);
SAME_FIELD(pv_evtchn_bind_pirq, evtchn_bind_pirq, flags);
SAME_FIELD(pv_evtchn_bind_pirq, evtchn_bind_pirq, port);
SAME_LAYOUT(pv_evtchn_bind_ipi, evtchn_bind_ipi);
SAME_FIELD(pv_evtchn_bind_ipi, evtchn_bind_ipi, vcpu);
SAME_FIELD(pv_evtchn_bind_ipi, evtchn_bind_ipi, port);
SAME_LAYOUT(pv_evtchn_close, evtchn_close);
SAME_FIELD(pv_evtchn_close, evtchn_close, port);
SAME_LAYOUT(pv_evtchn_send, evtchn_send);
SAME_FIELD(pv_evtchn_send, evtchn_send, port);
SAME_LAYOUT(pv_evtchn_status, evtchn_status);
SAME_FIELD(pv_evtchn_status, evtchn_status, dom);
SAME_FIELD(pv_evtchn_status, evtchn_status, port);
SAME_FIELD(pv_evtchn_status, evtchn_status, status);
SAME_FIELD(pv_evtchn_status, evtchn_status, vcpu);
SAME_FIELD(pv_evtchn_status, evtchn_status, u);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.unbound);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.unbound.dom);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.interdomain);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.interdomain.dom);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.interdomain.port);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.pirq);
SAME_FIELD(pv_evtchn_status, evtchn_status, u.virq);
SAME_LAYOUT(pv_evtchn_bind_vcpu, evtchn_bind_vcpu);
SAME_FIELD(pv_evtchn_bind_vcpu, evtchn_bind_vcpu, port);
SAME_FIELD(pv_evtchn_bind_vcpu, evtchn_bind_vcpu, vcpu);
SAME_LAYOUT(pv_evtchn_unmask, evtchn_unmask);
SAME_FIELD(pv_evtchn_unmask, evtchn_unmask, port);
SAME_LAYOUT(pv_evtchn_reset, evtchn_reset);
SAME_FIELD(pv_evtchn_reset, evtchn_reset, dom);
SAME_LAYOUT(pv_evtchn_init_control, evtchn_init_control);
SAME_FIELD(pv_evtchn_init_control, evtchn_init_control, control_gfn);
SAME_FIELD(pv_evtchn_init_control, evtchn_init_control, offset);
SAME_FIELD(pv_evtchn_init_control, evtchn_init_control, vcpu);
SAME_FIELD(pv_evtchn_init_control, evtchn_init_control, link_bits);
SAME_FIELD(pv_evtchn_init_control, evtchn_init_control, _pad);
SAME_LAYOUT(pv_evtchn_expand_array, evtchn_expand_array);
SAME_FIELD(pv_evtchn_expand_array, evtchn_expand_array, array_gfn);
SAME_LAYOUT(pv_evtchn_set_priority, evtchn_set_priority);
SAME_FIELD(pv_evtchn_set_priority, evtchn_set_priority, port);
SAME_FIELD(pv_evtchn_set_priority, evtchn_set_priority, priority);
SAME_LAYOUT(pv_evtchn_op, evtchn_op);
SAME_FIELD(pv_evtchn_op, evtchn_op, cmd);
SAME_FIELD(pv_evtchn_op, evtchn_op, u);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.alloc_unbound);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.bind_interdomain);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.bind_virq);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.bind_pirq);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.bind_ipi);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.close);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.send);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.status);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.bind_vcpu);
SAME_FIELD(pv_evtchn_op, evtchn_op, u.unmask);
SAME_LAYOUT(pv_evtchn_fifo_control_block, evtchn_fifo_control_block);
SAME_FIELD(pv_evtchn_fifo_control_block, evtchn_fifo_control_block, ready);
SAME_FIELD(pv_evtchn_fifo_control_block, evtchn_fifo_control_block, _rsvd);
SAME_FIELD(pv_evtchn_fifo_control_block, evtchn_fifo_control_block, head);

/* grant_table.h */
SAME_LAYOUT(pv_grant_entry_v1, grant_entry_v1);
SAME_FIELD(pv_grant_entry_v1, grant_entry_v1, flags);
SAME_FIELD(pv_grant_entry_v1, grant_entry_v1, domid);
SAME_FIELD(pv_grant_entry_v1, grant_entry_v1, frame);
SAME_LAYOUT(pv_grant_entry_header, grant_entry_header);
SAME_FIELD(pv_grant_entry_header, grant_entry_header, flags);
SAME_FIELD(pv_grant_entry_header, grant_entry_header, domid);
SAME_UNION_LAYOUT(pv_grant_entry_v2, grant_entry_v2);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, hdr);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, full_page);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, full_page.hdr);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, full_page.pad0);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, full_page.frame);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, sub_page);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, sub_page.hdr);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, sub_page.page_off);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, sub_page.length);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, sub_page.frame);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, transitive);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, transitive.hdr);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, transitive.trans_domid);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, transitive.pad0);
SAME_UNION_FIELD(pv_grant_entry_v2, grant_entry_v2, transitive.gref);
SAME_UNION_FIELD_AS(pv_grant_entry_v2, grant_entry_v2, spacer, __spacer);
SAME_LAYOUT(pv_gnttab_map_grant_ref, gnttab_map_grant_ref);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, host_addr);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, flags);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, ref);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, dom);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, status);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, handle);
SAME_FIELD(pv_gnttab_map_grant_ref, gnttab_map_grant_ref, dev_bus_addr);
SAME_LAYOUT(pv_gnttab_unmap_grant_ref, gnttab_unmap_grant_ref);
SAME_FIELD(pv_gnttab_unmap_grant_ref, gnttab_unmap_grant_ref, host_addr);
SAME_FIELD(pv_gnttab_unmap_grant_ref, gnttab_unmap_grant_ref, dev_bus_addr);
SAME_FIELD(pv_gnttab_unmap_grant_ref, gnttab_unmap_grant_ref, handle);
SAME_FIELD(pv_gnttab_unmap_grant_ref, gnttab_unmap_grant_ref, status);
SAME_LAYOUT(pv_gnttab_setup_table, gnttab_setup_table);
SAME_FIELD(pv_gnttab_setup_table, gnttab_setup_table, dom);
SAME_FIELD(pv_gnttab_setup_table, gnttab_setup_table, nr_frames);
SAME_FIELD(pv_gnttab_setup_table, gnttab_setup_table, status);
SAME_FIELD(pv_gnttab_setup_table, gnttab_setup_table, frame_list);
SAME_LAYOUT(pv_gnttab_dump_table, gnttab_dump_table);
SAME_FIELD(pv_gnttab_dump_table, gnttab_dump_table, dom);
SAME_FIELD(pv_gnttab_dump_table, gnttab_dump_table, status);
SAME_LAYOUT(pv_gnttab_transfer, gnttab_transfer);
SAME_FIELD(pv_gnttab_transfer, gnttab_transfer, mfn);
SAME_FIELD(pv_gnttab_transfer, gnttab_transfer, domid);
SAME_FIELD(pv_gnttab_transfer, gnttab_transfer, ref);
SAME_FIELD(pv_gnttab_transfer, gnttab_transfer, status);
SAME_LAYOUT(pv_gnttab_copy_ptr, gnttab_copy_ptr);
SAME_FIELD(pv_gnttab_copy_ptr, gnttab_copy_ptr, u);
SAME_FIELD(pv_gnttab_copy_ptr, gnttab_copy_ptr, u.ref);
SAME_FIELD(pv_gnttab_copy_ptr, gnttab_copy_ptr, u.gmfn);
SAME_FIELD(pv_gnttab_copy_ptr, gnttab_copy_ptr, domid);
SAME_FIELD(pv_gnttab_copy_ptr, gnttab_copy_ptr, offset);
SAME_LAYOUT(pv_gnttab_copy, gnttab_copy);
SAME_FIELD(pv_gnttab_copy, gnttab_copy, source);
SAME_FIELD(pv_gnttab_copy, gnttab_copy, dest);
SAME_FIELD(pv_gnttab_copy, gnttab_copy, len);
SAME_FIELD(pv_gnttab_copy, gnttab_copy, flags);
SAME_FIELD(pv_gnttab_copy, gnttab_copy, status);
SAME_LAYOUT(pv_gnttab_query_size, gnttab_query_size);
SAME_FIELD(pv_gnttab_query_size, gnttab_query_size, dom);
SAME_FIELD(pv_gnttab_query_size, gnttab_query_size, nr_frames);
SAME_FIELD(pv_gnttab_query_size, gnttab_query_size, max_nr_frames);
SAME_FIELD(pv_gnttab_query_size, gnttab_query_size, status);
SAME_LAYOUT(pv_gnttab_unmap_and_replace, gnttab_unmap_and_replace);
SAME_FIELD(pv_gnttab_unmap_and_replace, gnttab_unmap_and_replace, host_addr);
SAME_FIELD(pv_gnttab_unmap_and_replace, gnttab_unmap_and_replace, new_addr);
SAME_FIELD(pv_gnttab_unmap_and_replace, gnttab_unmap_and_replace, handle);
SAME_FIELD(pv_gnttab_unmap_and_replace, gnttab_unmap_and_replace, status);
SAME_LAYOUT(pv_gnttab_set_version, gnttab_set_version);
SAME_FIELD(pv_gnttab_set_version, gnttab_set_version, version);
SAME_LAYOUT(pv_gnttab_get_status_frames, gnttab_get_status_frames);
SAME_FIELD(pv_gnttab_get_status_frames, gnttab_get_status_frames, nr_frames);
SAME_FIELD(pv_gnttab_get_status_frames, gnttab_get_status_frames, dom);
SAME_FIELD(pv_gnttab_get_status_frames, gnttab_get_status_frames, status);
SAME_FIELD(pv_gnttab_get_status_frames, gnttab_get_status_frames, frame_list);
SAME_LAYOUT(pv_gnttab_get_version, gnttab_get_version);
SAME_FIELD(pv_gnttab_get_version, gnttab_get_version, dom);
SAME_FIELD(pv_gnttab_get_version, gnttab_get_version, pad);
SAME_FIELD(pv_gnttab_get_version, gnttab_get_version, version);
SAME_LAYOUT(pv_gnttab_swap_grant_ref, gnttab_swap_grant_ref);
SAME_FIELD(pv_gnttab_swap_grant_ref, gnttab_swap_grant_ref, ref_a);
SAME_FIELD(pv_gnttab_swap_grant_ref, gnttab_swap_grant_ref, ref_b);
SAME_FIELD(pv_gnttab_swap_grant_ref, gnttab_swap_grant_ref, status);
SAME_LAYOUT(pv_gnttab_cache_flush, gnttab_cache_flush);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, a);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, a.dev_bus_addr);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, a.ref);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, offset);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, length);
SAME_FIELD(pv_gnttab_cache_flush, gnttab_cache_flush, op);

/* sched.h */
SAME_LAYOUT(pv_sched_shutdown, sched_shutdown);
SAME_FIELD(pv_sched_shutdown, sched_shutdown, reason);
SAME_LAYOUT(pv_sched_poll, sched_poll);
SAME_FIELD(pv_sched_poll, sched_poll, ports);
SAME_FIELD(pv_sched_poll, sched_poll, nr_ports);
SAME_FIELD(pv_sched_poll, sched_poll, timeout);
SAME_LAYOUT(pv_sched_remote_shutdown, sched_remote_shutdown);
SAME_FIELD(pv_sched_remote_shutdown, sched_remote_shutdown, domain_id);
SAME_FIELD(pv_sched_remote_shutdown, sched_remote_shutdown, reason);
SAME_LAYOUT(pv_sched_watchdog, sched_watchdog);
SAME_FIELD(pv_sched_watchdog, sched_watchdog, id);
SAME_FIELD(pv_sched_watchdog, sched_watchdog, timeout);
SAME_LAYOUT(pv_sched_pin_override, sched_pin_override);
SAME_FIELD(pv_sched_pin_override, sched_pin_override, pcpu);

/* vcpu.h */
SAME_LAYOUT(pv_vcpu_runstate_info, vcpu_runstate_info);
SAME_FIELD(pv_vcpu_runstate_info, vcpu_runstate_info, state);
SAME_FIELD(pv_vcpu_runstate_info, vcpu_runstate_info, state_entry_time);
SAME_FIELD(pv_vcpu_runstate_info, vcpu_runstate_info, time);
SAME_LAYOUT(pv_vcpu_register_runstate_memory_area, vcpu_register_runstate_memory_area);
SAME_FIELD(pv_vcpu_register_runstate_memory_area, vcpu_register_runstate_memory_area, addr);
SAME_FIELD(pv_vcpu_register_runstate_memory_area, vcpu_register_runstate_memory_area, addr.p);
SAME_LAYOUT(pv_vcpu_set_periodic_timer, vcpu_set_periodic_timer);
SAME_FIELD(pv_vcpu_set_periodic_timer, vcpu_set_periodic_timer, period_ns);
SAME_LAYOUT(pv_vcpu_set_singleshot_timer, vcpu_set_singleshot_timer);
SAME_FIELD(pv_vcpu_set_singleshot_timer, vcpu_set_singleshot_timer, timeout_abs_ns);
SAME_FIELD(pv_vcpu_set_singleshot_timer, vcpu_set_singleshot_timer, flags);
SAME_LAYOUT(pv_vcpu_register_vcpu_info, vcpu_register_vcpu_info);
SAME_FIELD(pv_vcpu_register_vcpu_info, vcpu_register_vcpu_info, mfn);
SAME_FIELD(pv_vcpu_register_vcpu_info, vcpu_register_vcpu_info, offset);
SAME_FIELD(pv_vcpu_register_vcpu_info, vcpu_register_vcpu_info, rsvd);
SAME_LAYOUT(pv_vcpu_get_physid, vcpu_get_physid);
SAME_FIELD(pv_vcpu_get_physid, vcpu_get_physid, phys_id);
SAME_LAYOUT(pv_vcpu_register_time_memory_area, vcpu_register_time_memory_area);
SAME_FIELD(pv_vcpu_register_time_memory_area, vcpu_register_time_memory_area, addr);
SAME_FIELD(pv_vcpu_register_time_memory_area, vcpu_register_time_memory_area, addr.p);

/* memory.h */
SAME_LAYOUT(pv_memory_reservation, xen_memory_reservation);
SAME_FIELD(pv_memory_reservation, xen_memory_reservation, extent_start);
SAME_FIELD(pv_memory_reservation, xen_memory_reservation, nr_extents);
SAME_FIELD(pv_memory_reservation, xen_memory_reservation, extent_order);
SAME_FIELD(pv_memory_reservation, xen_memory_reservation, mem_flags);
SAME_FIELD(pv_memory_reservation, xen_memory_reservation, domid);
SAME_LAYOUT(pv_memory_exchange, xen_memory_exchange);
SAME_FIELD(pv_memory_exchange, xen_memory_exchange, in);
SAME_FIELD(pv_memory_exchange, xen_memory_exchange, out);
SAME_FIELD(pv_memory_exchange, xen_memory_exchange, nr_exchanged);
SAME_LAYOUT(pv_memory_domain, xen_memory_domain);
SAME_FIELD(pv_memory_domain, xen_memory_domain, domid);
SAME_LAYOUT(pv_machphys_mfn_list, xen_machphys_mfn_list);
SAME_FIELD(pv_machphys_mfn_list, xen_machphys_mfn_list, max_extents);
SAME_FIELD(pv_machphys_mfn_list, xen_machphys_mfn_list, extent_start);
SAME_FIELD(pv_machphys_mfn_list, xen_machphys_mfn_list, nr_extents);
SAME_LAYOUT(pv_machphys_mapping, xen_machphys_mapping);
SAME_FIELD(pv_machphys_mapping, xen_machphys_mapping, v_start);
SAME_FIELD(pv_machphys_mapping, xen_machphys_mapping, v_end);
SAME_FIELD(pv_machphys_mapping, xen_machphys_mapping, max_mfn);
SAME_LAYOUT(pv_add_to_physmap, xen_add_to_physmap);
SAME_FIELD(pv_add_to_physmap, xen_add_to_physmap, domid);
SAME_FIELD(pv_add_to_physmap, xen_add_to_physmap, size);
SAME_FIELD(pv_add_to_physmap, xen_add_to_physmap, space);
SAME_FIELD(pv_add_to_physmap, xen_add_to_physmap, idx);
SAME_FIELD(pv_add_to_physmap, xen_add_to_physmap, gpfn);
SAME_LAYOUT(pv_add_to_physmap_batch, xen_add_to_physmap_batch);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, domid);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, space);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, size);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, u);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, u.foreign_domid);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, u.res0);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, idxs);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, gpfns);
SAME_FIELD(pv_add_to_physmap_batch, xen_add_to_physmap_batch, errs);
SAME_LAYOUT(pv_remove_from_physmap, xen_remove_from_physmap);
SAME_FIELD(pv_remove_from_physmap, xen_remove_from_physmap, domid);
SAME_FIELD(pv_remove_from_physmap, xen_remove_from_physmap, gpfn);
SAME_LAYOUT(pv_memory_map, xen_memory_map);
SAME_FIELD(pv_memory_map, xen_memory_map, nr_entries);
SAME_FIELD(pv_memory_map, xen_memory_map, buffer);
SAME_LAYOUT(pv_foreign_memory_map, xen_foreign_memory_map);
SAME_FIELD(pv_foreign_memory_map, xen_foreign_memory_map, domid);
SAME_FIELD(pv_foreign_memory_map, xen_foreign_memory_map, map);
SAME_LAYOUT(pv_pod_target, xen_pod_target);
SAME_FIELD(pv_pod_target, xen_pod_target, target_pages);
SAME_FIELD(pv_pod_target, xen_pod_target, tot_pages);
SAME_FIELD(pv_pod_target, xen_pod_target, pod_cache_pages);
SAME_FIELD(pv_pod_target, xen_pod_target, pod_entries);
SAME_FIELD(pv_pod_target, xen_pod_target, domid);
SAME_LAYOUT(pv_mem_acquire_resource, xen_mem_acquire_resource);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, domid);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, type);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, id);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, nr_frames);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, pad);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, frame);
SAME_FIELD(pv_mem_acquire_resource, xen_mem_acquire_resource, frame_list);

/* callback.h */
SAME_LAYOUT(pv_callback_register, callback_register);
SAME_FIELD(pv_callback_register, callback_register, type);
SAME_FIELD(pv_callback_register, callback_register, flags);
SAME_FIELD(pv_callback_register, callback_register, address);
SAME_LAYOUT(pv_callback_unregister, callback_unregister);
SAME_FIELD(pv_callback_unregister, callback_unregister, type);
SAME_FIELD(pv_callback_unregister, callback_unregister, _unused);

/* version.h */
SAME_LAYOUT(pv_compile_info, xen_compile_info);
SAME_FIELD(pv_compile_info, xen_compile_info, compiler);
SAME_FIELD(pv_compile_info, xen_compile_info, compile_by);
SAME_FIELD(pv_compile_info, xen_compile_info, compile_domain);
SAME_FIELD(pv_compile_info, xen_compile_info, compile_date);
SAME_LAYOUT(pv_platform_parameters, xen_platform_parameters);
SAME_FIELD(pv_platform_parameters, xen_platform_parameters, virt_start);
SAME_LAYOUT(pv_feature_info, xen_feature_info);
SAME_FIELD(pv_feature_info, xen_feature_info, submap_idx);
SAME_FIELD(pv_feature_info, xen_feature_info, submap);
SAME_LAYOUT(pv_build_id, xen_build_id);
SAME_FIELD(pv_build_id, xen_build_id, len);
SAME_FLEX_FIELD(pv_build_id, xen_build_id, buf);

/* physdev.h */
SAME_LAYOUT(pv_physdev_eoi, physdev_eoi);
SAME_FIELD(pv_physdev_eoi, physdev_eoi, irq);
SAME_LAYOUT(pv_physdev_pirq_eoi_gmfn, physdev_pirq_eoi_gmfn);
SAME_FIELD(pv_physdev_pirq_eoi_gmfn, physdev_pirq_eoi_gmfn, gmfn);
SAME_LAYOUT(pv_physdev_irq_status_query, physdev_irq_status_query);
SAME_FIELD(pv_physdev_irq_status_query, physdev_irq_status_query, irq);
SAME_FIELD(pv_physdev_irq_status_query, physdev_irq_status_query, flags);
SAME_LAYOUT(pv_physdev_set_iopl, physdev_set_iopl);
SAME_FIELD(pv_physdev_set_iopl, physdev_set_iopl, iopl);
SAME_LAYOUT(pv_physdev_set_iobitmap, physdev_set_iobitmap);
SAME_FIELD(pv_physdev_set_iobitmap, physdev_set_iobitmap, bitmap);
SAME_FIELD(pv_physdev_set_iobitmap, physdev_set_iobitmap, nr_ports);
SAME_LAYOUT(pv_physdev_apic, physdev_apic);
SAME_FIELD(pv_physdev_apic, physdev_apic, apic_physbase);
SAME_FIELD(pv_physdev_apic, physdev_apic, reg);
SAME_FIELD(pv_physdev_apic, physdev_apic, value);
SAME_LAYOUT(pv_physdev_irq, physdev_irq);
SAME_FIELD(pv_physdev_irq, physdev_irq, irq);
SAME_FIELD(pv_physdev_irq, physdev_irq, vector);
SAME_LAYOUT(pv_physdev_map_pirq, physdev_map_pirq);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, domid);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, type);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, index);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, pirq);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, bus);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, devfn);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, entry_nr);
SAME_FIELD(pv_physdev_map_pirq, physdev_map_pirq, table_base);
SAME_LAYOUT(pv_physdev_unmap_pirq, physdev_unmap_pirq);
SAME_FIELD(pv_physdev_unmap_pirq, physdev_unmap_pirq, domid);
SAME_FIELD(pv_physdev_unmap_pirq, physdev_unmap_pirq, pirq);
SAME_LAYOUT(pv_physdev_manage_pci, physdev_manage_pci);
SAME_FIELD(pv_physdev_manage_pci, physdev_manage_pci, bus);
SAME_FIELD(pv_physdev_manage_pci, physdev_manage_pci, devfn);
SAME_LAYOUT(pv_physdev_restore_msi, physdev_restore_msi);
SAME_FIELD(pv_physdev_restore_msi, physdev_restore_msi, bus);
SAME_FIELD(pv_physdev_restore_msi, physdev_restore_msi, devfn);
SAME_LAYOUT(pv_physdev_manage_pci_ext, physdev_manage_pci_ext);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, bus);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, devfn);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, is_extfn);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, is_virtfn);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, physfn);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, physfn.bus);
SAME_FIELD(pv_physdev_manage_pci_ext, physdev_manage_pci_ext, physfn.devfn);
SAME_LAYOUT(pv_physdev_op, physdev_op);
SAME_FIELD(pv_physdev_op, physdev_op, cmd);
SAME_FIELD(pv_physdev_op, physdev_op, u);
SAME_FIELD(pv_physdev_op, physdev_op, u.irq_status_query);
SAME_FIELD(pv_physdev_op, physdev_op, u.set_iopl);
SAME_FIELD(pv_physdev_op, physdev_op, u.set_iobitmap);
SAME_FIELD(pv_physdev_op, physdev_op, u.apic_op);
SAME_FIELD(pv_physdev_op, physdev_op, u.irq_op);
SAME_LAYOUT(pv_physdev_setup_gsi, physdev_setup_gsi);
SAME_FIELD(pv_physdev_setup_gsi, physdev_setup_gsi, gsi);
SAME_FIELD(pv_physdev_setup_gsi, physdev_setup_gsi, triggering);
SAME_FIELD(pv_physdev_setup_gsi, physdev_setup_gsi, polarity);
SAME_LAYOUT(pv_physdev_get_free_pirq, physdev_get_free_pirq);
SAME_FIELD(pv_physdev_get_free_pirq, physdev_get_free_pirq, type);
SAME_FIELD(pv_physdev_get_free_pirq, physdev_get_free_pirq, pirq);
SAME_LAYOUT(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved);
SAME_FIELD(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved, address);
SAME_FIELD(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved, segment);
SAME_FIELD(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved, start_bus);
SAME_FIELD(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved, end_bus);
SAME_FIELD(pv_physdev_pci_mmcfg_reserved, physdev_pci_mmcfg_reserved, flags);
SAME_LAYOUT(pv_physdev_pci_device_add, physdev_pci_device_add);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, seg);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, bus);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, devfn);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, flags);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, physfn);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, physfn.bus);
SAME_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, physfn.devfn);
SAME_FLEX_FIELD(pv_physdev_pci_device_add, physdev_pci_device_add, optarr);
SAME_LAYOUT(pv_physdev_pci_device, physdev_pci_device);
SAME_FIELD(pv_physdev_pci_device, physdev_pci_device, seg);
SAME_FIELD(pv_physdev_pci_device, physdev_pci_device, bus);
SAME_FIELD(pv_physdev_pci_device, physdev_pci_device, devfn);
SAME_LAYOUT(pv_physdev_dbgp_op, physdev_dbgp_op);
SAME_FIELD(pv_physdev_dbgp_op, physdev_dbgp_op, op);
SAME_FIELD(pv_physdev_dbgp_op, physdev_dbgp_op, bus);
SAME_FIELD(pv_physdev_dbgp_op, physdev_dbgp_op, u);
SAME_FIELD(pv_physdev_dbgp_op, physdev_dbgp_op, u.pci);

/* mca.h */
SAME_LAYOUT(pv_mcinfo_msr, mcinfo_msr);
SAME_FIELD(pv_mcinfo_msr, mcinfo_msr, reg);
SAME_FIELD(pv_mcinfo_msr, mcinfo_msr, value);
SAME_LAYOUT(pv_mc_logical_cpu, mcinfo_logical_cpu);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_cpunr);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_chipid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_coreid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_threadid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_apicid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_clusterid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_ncores);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_ncores_active);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_nthreads);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_cpuid_level);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_family);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_vendor);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_model);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_step);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_vendorid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_brandid);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_cpu_caps);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_cache_size);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_cache_alignment);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_nmsrvals);
SAME_FIELD(pv_mc_logical_cpu, mcinfo_logical_cpu, mc_msrvalues);
SAME_LAYOUT(pv_mc_fetch, xen_mc_fetch);
SAME_FIELD(pv_mc_fetch, xen_mc_fetch, flags);
SAME_FIELD_AS_(struct pv_mc_fetch, struct xen_mc_fetch, pad0, _pad0);
SAME_FIELD(pv_mc_fetch, xen_mc_fetch, fetch_id);
SAME_FIELD_AS_(struct pv_mc_fetch, struct xen_mc_fetch, data, data.p);
SAME_LAYOUT(pv_mc_physcpuinfo, xen_mc_physcpuinfo);
SAME_FIELD(pv_mc_physcpuinfo, xen_mc_physcpuinfo, ncpus);
SAME_FIELD_AS_(struct pv_mc_physcpuinfo, struct xen_mc_physcpuinfo, pad0, _pad0);
SAME_FIELD_AS_(struct pv_mc_physcpuinfo, struct xen_mc_physcpuinfo, info, info.p);
SAME_LAYOUT(pv_mc, xen_mc);
SAME_FIELD(pv_mc, xen_mc, cmd);
SAME_FIELD(pv_mc, xen_mc, interface_version);
SAME_FIELD(pv_mc, xen_mc, u);
SAME_FIELD(pv_mc, xen_mc, u.mc_fetch);
SAME_FIELD(pv_mc, xen_mc, u.mc_physcpuinfo);

/* platform.h */
SAME_LAYOUT(pv_platform_op, xen_platform_op);
SAME_FIELD(pv_platform_op, xen_platform_op, cmd);
SAME_FIELD(pv_platform_op, xen_platform_op, interface_version);
SAME_FIELD(pv_platform_op, xen_platform_op, u);
SAME_FIELD(pv_platform_op, xen_platform_op, u.pad);
SAME_LAYOUT(pv_platform_settime32, xenpf_settime32);
SAME_FIELD(pv_platform_settime32, xenpf_settime32, secs);
SAME_FIELD(pv_platform_settime32, xenpf_settime32, nsecs);
SAME_FIELD(pv_platform_settime32, xenpf_settime32, system_time);
SAME_LAYOUT(pv_platform_settime64, xenpf_settime64);
SAME_FIELD(pv_platform_settime64, xenpf_settime64, secs);
SAME_FIELD(pv_platform_settime64, xenpf_settime64, nsecs);
SAME_FIELD(pv_platform_settime64, xenpf_settime64, mbz);
SAME_FIELD(pv_platform_settime64, xenpf_settime64, system_time);
SAME_FIELD(pv_platform_firmware_info, xenpf_firmware_info, type);
SAME_FIELD(pv_platform_firmware_info, xenpf_firmware_info, index);
SAME_FIELD(pv_platform_firmware_info, xenpf_firmware_info, u.kbd_shift_flags);
SAME_LAYOUT(pv_platform_pcpuinfo, xenpf_pcpuinfo);
SAME_FIELD(pv_platform_pcpuinfo, xenpf_pcpuinfo, xen_cpuid);
SAME_FIELD(pv_platform_pcpuinfo, xenpf_pcpuinfo, max_present);
SAME_FIELD(pv_platform_pcpuinfo, xenpf_pcpuinfo, flags);
SAME_FIELD(pv_platform_pcpuinfo, xenpf_pcpuinfo, apic_id);
SAME_FIELD(pv_platform_pcpuinfo, xenpf_pcpuinfo, acpi_id);
SAME_LAYOUT(pv_platform_pcpu_version, xenpf_pcpu_version);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, xen_cpuid);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, max_present);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, vendor_id);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, family);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, model);
SAME_FIELD(pv_platform_pcpu_version, xenpf_pcpu_version, stepping);

/* domctl.h */
SAME_LAYOUT(pv_domctl, xen_domctl);
SAME_FIELD(pv_domctl, xen_domctl, cmd);
SAME_FIELD(pv_domctl, xen_domctl, interface_version);
SAME_FIELD(pv_domctl, xen_domctl, domain);
SAME_FIELD(pv_domctl, xen_domctl, _pad);
SAME_FIELD(pv_domctl, xen_domctl, u);
SAME_FIELD(pv_domctl, xen_domctl, u.pad);

/* sysctl.h */
SAME_LAYOUT(pv_sysctl, xen_sysctl);
SAME_FIELD(pv_sysctl, xen_sysctl, cmd);
SAME_FIELD(pv_sysctl, xen_sysctl, interface_version);
SAME_FIELD(pv_sysctl, xen_sysctl, u);
SAME_FIELD(pv_sysctl, xen_sysctl, u.pad);

/* ---- What the compile-time checks cannot do ---- */

enum { abi_counter_last = __COUNTER__ };
#define ABI_COMPARISONS (abi_counter_last - abi_counter_first - 1)

/*
 * Names in hypercall-abi/ that Xen's headers have no constant for, and how
 * each is checked instead.
 */
static const char *const abi_unpaired[] = {
	"PV_OFFSETOF",            /* a helper for the header's own assertions */
	"PV_HYPERCALLS",          /* expanded entry by entry above */
	"PV_HYPERCALL_COUNT",     /* hypercalls.h checks it against the table */
	"PV_HYPERCALL_STUB_SIZE", /* hypercall page layout: no public header */
	"PV_TI_DPL_MASK",         /* against TI_GET_DPL/TI_SET_DPL below */
	"PV_TI_IF",               /* against TI_GET_IF/TI_SET_IF below */
	"PV_EMULATE_PREFIX_BYTES", /* against XEN_EMULATE_PREFIX below */
	"PV_EMULATE_PREFIX_LEN",
	"PV_START_INFO_MAGIC", /* given only in a comment of xen.h */
	"PV_ELFNOTE_NAME",     /* given only in a comment of elfnote.h */
};

TEST(abi_compile_time_checks)
{
	printf("  abi: %d comparisons with /usr/include/xen made at compile time\n",
	       ABI_COMPARISONS);
	CHECK(ABI_COMPARISONS > 0);
}

TEST(abi_emulate_prefix)
{
	static const uint8_t ours[] = { PV_EMULATE_PREFIX_BYTES };
	const char *p = strstr(XEN_EMULATE_PREFIX, ".byte");
	char *end;

	CHECK_EQ(sizeof(ours), PV_EMULATE_PREFIX_LEN);
	CHECK(p != NULL);
	if (!p)
		return;
	p += 5;
	for (size_t i = 0; i < sizeof(ours); i++) {
		unsigned long byte = strtoul(p, &end, 0);

		CHECK(end != p);
		CHECK_EQ(byte, ours[i]);
		p = end + (*end == ',');
	}
	while (*p == ' ')
		p++;
	CHECK(*p == ';'); /* and no more bytes */
}

TEST(abi_trap_info_flags)
{
	struct trap_info ti = { 0 };

	for (unsigned int flags = 0; flags < 256; flags++) {
		ti.flags = (uint8_t)flags;
		CHECK_EQ(TI_GET_DPL(&ti), flags & PV_TI_DPL_MASK);
		CHECK_EQ(TI_GET_IF(&ti), flags & PV_TI_IF);
	}
	ti.flags = 0;
	TI_SET_IF(&ti, 1);
	CHECK_EQ(ti.flags, PV_TI_IF);
	ti.flags = 0;
	TI_SET_DPL(&ti, 3);
	CHECK_EQ(ti.flags, PV_TI_DPL_MASK);
}

/* ---- Coverage: every name defined in hypercall-abi/ is checked here ---- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, got;

	if (!f)
		return NULL;
	do {
		char *bigger = realloc(buf, len + 4096 + 1);

		if (!bigger) {
			free(buf);
			fclose(f);
			return NULL;
		}
		buf = bigger;
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got == 4096);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Blanks out comments (not string literals), so only code counts. */
static void strip_comments(char *s)
{
	char quote = 0;

	for (; *s; s++) {
		if (quote) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == quote)
				quote = 0;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
		} else if (s[0] == '/' && s[1] == '*') {
			for (; *s && !(s[0] == '*' && s[1] == '/'); s++)
				if (*s != '\n')
					*s = ' ';
			if (!*s)
				return;
			s[0] = s[1] = ' ';
			s++;
		}
	}
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static bool mentions(const char *text, const char *name, size_t n)
{
	for (const char *p = text; (p = strstr(p, name)); p += n)
		if ((p == text || !is_ident_char(p[-1])) && !is_ident_char(p[n]))
			return true;
	return false;
}

/* The identifier that starts at @s; its length, 0 if none. */
static size_t ident_len(const char *s)
{
	size_t n = 0;

	while (is_ident_char(s[n]))
		n++;
	return n;
}

/*
 * The name a line of a header defines, if it is ours: the macro of a
 * #define (not include guards, nor helpers ending in '_'), the tag of a
 * struct, union or enum definition, or a typedef name.  Sets *name, *len.
 */
static bool defined_name(const char *line, const char *eol, const char **name,
			 size_t *len)
{
	static const char *const starts[] = { "#define ", "struct ", "union ", "enum " };

	for (size_t i = 0; i < ARRAY_SIZE(starts); i++) {
		size_t n = strlen(starts[i]);

		if (strncmp(line, starts[i], n) == 0) {
			*name = line + n;
			*len = ident_len(*name);
			if (i > 0 && (*name)[*len] != ' ')
				return false; /* a declaration, not a definition */
			break;
		}
	}
	if (strncmp(line, "typedef ", 8) == 0 && eol > line && eol[-1] == ';') {
		const char *p = eol - 1;

		while (p > line && is_ident_char(p[-1]))
			p--;
		*name = p;
		*len = (size_t)(eol - 1 - p);
	} else if (!*name) {
		return false;
	}
	if (*len < 3 || (strncmp(*name, "PV_", 3) && strncmp(*name, "pv_", 3)))
		return false;
	if ((*name)[*len - 1] == '_')
		return false;
	if (strncmp(*name, "PV_ABI_", 7) == 0 && (*name)[*len - 1] == 'H' &&
	    (*name)[*len - 2] == '_')
		return false; /* include guard */
	return true;
}

/*
 * Checks that every name @path defines is mentioned in @checks; returns how
 * many names it defines and adds up the missing ones and the assertions.
 */
static int check_header(const char *path, const char *checks, bool *unpaired_seen,
			int *unchecked, int *asserts)
{
	char *text = read_file(path);
	int names = 0;

	CHECK(text != NULL);
	if (!text)
		return 0;
	for (const char *p = text; (p = strstr(p, "_Static_assert(")); p++)
		(*asserts)++;
	for (char *line = text; *line;) {
		char *eol = strchr(line, '\n');
		const char *name = NULL;
		size_t len;
		char word[128];

		if (!eol)
			eol = line + strlen(line);
		if (defined_name(line, eol, &name, &len) && len < sizeof(word)) {
			memcpy(word, name, len);
			word[len] = '\0';
			names++;
			for (size_t i = 0; i < ARRAY_SIZE(abi_unpaired); i++)
				if (strcmp(word, abi_unpaired[i]) == 0)
					unpaired_seen[i] = true;
			if (!mentions(checks, word, len)) {
				printf("  %s defines %s, which test_abi_check.c does not check\n",
				       path, word);
				(*unchecked)++;
			}
		}
		line = *eol ? eol + 1 : eol;
	}
	free(text);
	return names;
}

TEST(abi_coverage)
{
	char *checks = read_file(ABI_SOURCE_ROOT "/" __FILE__);
	bool unpaired_seen[ARRAY_SIZE(abi_unpaired)] = { false };
	int headers = 0, names = 0, unchecked = 0, asserts = 0;
	DIR *dir = opendir(ABI_SOURCE_ROOT "/hypercall-abi");
	struct dirent *d;

	CHECK(checks != NULL);
	CHECK(dir != NULL);
	if (!checks || !dir)
		goto out;
	strip_comments(checks);
	while ((d = readdir(dir))) {
		size_t n = strlen(d->d_name);
		char path[4096];

		if (n < 3 || strcmp(d->d_name + n - 2, ".h") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/hypercall-abi/%s", ABI_SOURCE_ROOT, d->d_name);
		headers++;
		names += check_header(path, checks, unpaired_seen, &unchecked, &asserts);
	}
	for (size_t i = 0; i < ARRAY_SIZE(abi_unpaired); i++)
		if (!unpaired_seen[i])
			printf("  abi_unpaired lists %s, which hypercall-abi/ no longer defines\n",
			       abi_unpaired[i]);
	for (size_t i = 0; i < ARRAY_SIZE(abi_unpaired); i++)
		CHECK(unpaired_seen[i]);
	printf("  abi: %d headers define %d names (%d not checked here) and make %d "
	       "layout assertions of their own\n", headers, names, unchecked, asserts);
	CHECK(headers > 0);
	CHECK_EQ(unchecked, 0);
out:
	if (dir)
		closedir(dir);
	free(checks);
}
