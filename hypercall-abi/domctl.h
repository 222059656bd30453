/*
 * domctl(op): the toolstack's per-domain control (create, destroy, pause,
 * memory limits, vCPU contexts, permissions), reached by dom0 user space
 * through privcmd.  Only the command numbers and the envelope for now; the
 * payloads arrive with their handlers.
 *
 * Every call carries PV_DOMCTL_INTERFACE_VERSION, which changes whenever
 * any payload layout does; a call with another version is refused.
 */
#ifndef PV_ABI_DOMCTL_H
#define PV_ABI_DOMCTL_H

#define PV_DOMCTL_INTERFACE_VERSION 0x00000015

#define PV_DOMCTL_createdomain 1
#define PV_DOMCTL_destroydomain 2
#define PV_DOMCTL_pausedomain 3
#define PV_DOMCTL_unpausedomain 4
#define PV_DOMCTL_getdomaininfo 5
#define PV_DOMCTL_setvcpuaffinity 9
#define PV_DOMCTL_shadow_op 10
#define PV_DOMCTL_max_mem 11
#define PV_DOMCTL_setvcpucontext 12
#define PV_DOMCTL_getvcpucontext 13
#define PV_DOMCTL_getvcpuinfo 14
#define PV_DOMCTL_max_vcpus 15
#define PV_DOMCTL_scheduler_op 16
#define PV_DOMCTL_setdomainhandle 17
#define PV_DOMCTL_setdebugging 18
#define PV_DOMCTL_irq_permission 19
#define PV_DOMCTL_iomem_permission 20
#define PV_DOMCTL_ioport_permission 21
#define PV_DOMCTL_hypercall_init 22
#define PV_DOMCTL_settimeoffset 24
#define PV_DOMCTL_getvcpuaffinity 25
#define PV_DOMCTL_real_mode_area 26 /* obsolete */
#define PV_DOMCTL_resumedomain 27
#define PV_DOMCTL_sendtrigger 28
#define PV_DOMCTL_subscribe 29
#define PV_DOMCTL_gethvmcontext 33
#define PV_DOMCTL_sethvmcontext 34
#define PV_DOMCTL_set_address_size 35
#define PV_DOMCTL_get_address_size 36
#define PV_DOMCTL_assign_device 37
#define PV_DOMCTL_bind_pt_irq 38
#define PV_DOMCTL_memory_mapping 39
#define PV_DOMCTL_ioport_mapping 40
#define PV_DOMCTL_set_ext_vcpucontext 42
#define PV_DOMCTL_get_ext_vcpucontext 43
#define PV_DOMCTL_set_opt_feature 44 /* obsolete */
#define PV_DOMCTL_test_assign_device 45
#define PV_DOMCTL_set_target 46
#define PV_DOMCTL_deassign_device 47
#define PV_DOMCTL_unbind_pt_irq 48
#define PV_DOMCTL_get_device_group 50
#define PV_DOMCTL_debug_op 54
#define PV_DOMCTL_gethvmcontext_partial 55
#define PV_DOMCTL_vm_event_op 56
#define PV_DOMCTL_mem_sharing_op 57
#define PV_DOMCTL_gettscinfo 59
#define PV_DOMCTL_settscinfo 60
#define PV_DOMCTL_getpageframeinfo3 61
#define PV_DOMCTL_setvcpuextstate 62
#define PV_DOMCTL_getvcpuextstate 63
#define PV_DOMCTL_set_access_required 64
#define PV_DOMCTL_audit_p2m 65
#define PV_DOMCTL_set_virq_handler 66
#define PV_DOMCTL_set_broken_page_p2m 67
#define PV_DOMCTL_setnodeaffinity 68
#define PV_DOMCTL_getnodeaffinity 69
#define PV_DOMCTL_cacheflush 71
#define PV_DOMCTL_get_vcpu_msrs 72
#define PV_DOMCTL_set_vcpu_msrs 73
#define PV_DOMCTL_setvnumainfo 74
#define PV_DOMCTL_psr_cmt_op 75
#define PV_DOMCTL_monitor_op 77
#define PV_DOMCTL_psr_alloc 78
#define PV_DOMCTL_soft_reset 79
#define PV_DOMCTL_vuart_op 81
#define PV_DOMCTL_get_cpu_policy 82
#define PV_DOMCTL_set_cpu_policy 83
#define PV_DOMCTL_vmtrace_op 84
#define PV_DOMCTL_get_paging_mempool_size 85
#define PV_DOMCTL_set_paging_mempool_size 86
#define PV_DOMCTL_gdbsx_guestmemio 1000
#define PV_DOMCTL_gdbsx_pausevcpu 1001
#define PV_DOMCTL_gdbsx_unpausevcpu 1002
#define PV_DOMCTL_gdbsx_domstatus 1003

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_domctl {
	uint32_t cmd;               /* PV_DOMCTL_* */
	uint32_t interface_version; /* PV_DOMCTL_INTERFACE_VERSION */
	pv_domid_t domain;          /* the domain acted on */
	uint16_t _pad[3];
	union {
		uint8_t pad[128];
		uint64_t pad64[16];
	} u; /* the command's payload */
};
_Static_assert(sizeof(struct pv_domctl) == 144, "xen_domctl: xen/domctl.h");
_Static_assert(PV_OFFSETOF(struct pv_domctl, domain) == 8, "xen_domctl.domain: xen/domctl.h");
_Static_assert(PV_OFFSETOF(struct pv_domctl, u) == 16, "xen_domctl.u: xen/domctl.h");
#endif

#endif
