/*
 * The shared-info page: one page per domain, written by the hypervisor and
 * the guest both, that carries per-vCPU event and time state and the
 * domain's event-channel bitmaps.
 *
 * Event delivery (the two-level ABI): sending on port P sets bit P of
 * evtchn_pending; if bit P of evtchn_mask is clear, the hypervisor then sets
 * bit P / 64 of the target vCPU's evtchn_pending_sel and its
 * evtchn_upcall_pending byte, and calls the guest's event callback unless
 * evtchn_upcall_mask is set.  The guest clears the bits as it handles them.
 *
 * Time: the hypervisor refreshes vcpu_time_info and the wall clock under a
 * version counter that is odd while an update is in progress; readers retry
 * until they see the same even version before and after.  System time now
 * is system_time + (((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul
 * >> 32), with a negative tsc_shift meaning a right shift.
 *
 * Only the first PV_LEGACY_MAX_VCPUS vCPUs have a vcpu_info here; the others
 * must place theirs with VCPUOP_register_vcpu_info.
 */
#ifndef PV_ABI_SHARED_INFO_H
#define PV_ABI_SHARED_INFO_H

#define PV_LEGACY_MAX_VCPUS 32

/* 64 words of 64 bits: ports 0-4095 for the two-level event ABI. */
#define PV_EVTCHN_WORDS 64

/* vcpu_time_info.flags */
#define PV_PVCLOCK_TSC_STABLE_BIT (1 << 0) /* TSC is synchronised across CPUs */
#define PV_PVCLOCK_GUEST_STOPPED (1 << 1)  /* the vCPU was paused meanwhile */

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_vcpu_time_info {
	uint32_t version; /* odd while an update is in progress */
	uint32_t pad0;
	uint64_t tsc_timestamp; /* TSC when system_time was sampled */
	uint64_t system_time;   /* nanoseconds since the hypervisor booted */
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags; /* PV_PVCLOCK_* */
	uint8_t pad1[2];
};
_Static_assert(sizeof(struct pv_vcpu_time_info) == 32, "vcpu_time_info: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_time_info, tsc_to_system_mul) == 24,
	       "vcpu_time_info.tsc_to_system_mul: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_time_info, flags) == 29,
	       "vcpu_time_info.flags: xen/xen.h");

struct pv_arch_vcpu_info {
	uint64_t cr2; /* faulting address of the last page fault bounced */
	uint64_t pad;
};
_Static_assert(sizeof(struct pv_arch_vcpu_info) == 16,
	       "arch_vcpu_info: xen/arch-x86/xen-x86_64.h");

struct pv_vcpu_info {
	uint8_t evtchn_upcall_pending; /* set by the hypervisor */
	uint8_t evtchn_upcall_mask;    /* set by the guest: no upcalls */
	uint64_t evtchn_pending_sel;   /* which evtchn_pending words to scan */
	struct pv_arch_vcpu_info arch;
	struct pv_vcpu_time_info time;
};
_Static_assert(sizeof(struct pv_vcpu_info) == 64, "vcpu_info: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_info, evtchn_upcall_mask) == 1,
	       "vcpu_info.evtchn_upcall_mask: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_info, evtchn_pending_sel) == 8,
	       "vcpu_info.evtchn_pending_sel: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_info, time) == 32, "vcpu_info.time: xen/xen.h");

/*
 * The guest's physical-to-machine table, published for the tools (save,
 * restore, dumps): either a three-level frame list or a linear virtual
 * mapping in the address space whose root is p2m_cr3.
 */
struct pv_arch_shared_info {
	uint64_t max_pfn;                    /* entries in the p2m */
	uint64_t pfn_to_mfn_frame_list_list; /* 0: not set, ~0: use p2m_vaddr */
	uint64_t nmi_reason;
	uint64_t p2m_cr3;
	uint64_t p2m_vaddr;
	uint64_t p2m_generation; /* odd while the guest changes the mapping */
};
_Static_assert(sizeof(struct pv_arch_shared_info) == 48, "arch_shared_info: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_arch_shared_info, p2m_generation) == 40,
	       "arch_shared_info.p2m_generation: xen/arch-x86/xen.h");

struct pv_shared_info {
	struct pv_vcpu_info vcpu_info[PV_LEGACY_MAX_VCPUS];
	uint64_t evtchn_pending[PV_EVTCHN_WORDS];
	uint64_t evtchn_mask[PV_EVTCHN_WORDS];
	/* Wall-clock time at system time zero, as seconds and ns since 1970. */
	uint32_t wc_version;
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi; /* upper 32 bits of the seconds */
	struct pv_arch_shared_info arch;
};
_Static_assert(sizeof(struct pv_shared_info) == 3136, "shared_info: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_shared_info, evtchn_pending) == 2048,
	       "shared_info.evtchn_pending: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_shared_info, evtchn_mask) == 2560,
	       "shared_info.evtchn_mask: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_shared_info, wc_version) == 3072,
	       "shared_info.wc_version: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_shared_info, arch) == 3088, "shared_info.arch: xen/xen.h");
#endif

#endif
