/*
 * sysctl(op): the toolstack's machine-wide queries and control (physical
 * info, domain lists, the hypervisor's console ring, CPU pools), reached
 * by dom0 user space through privcmd.  Only the command numbers and the
 * envelope for now; the payloads arrive with their handlers.
 *
 * Every call carries PV_SYSCTL_INTERFACE_VERSION; a call with another
 * version is refused.
 */
#ifndef PV_ABI_SYSCTL_H
#define PV_ABI_SYSCTL_H

#define PV_SYSCTL_INTERFACE_VERSION 0x00000015

#define PV_SYSCTL_readconsole 1
#define PV_SYSCTL_tbuf_op 2
#define PV_SYSCTL_physinfo 3
#define PV_SYSCTL_sched_id 4
#define PV_SYSCTL_perfc_op 5
#define PV_SYSCTL_getdomaininfolist 6
#define PV_SYSCTL_debug_keys 7
#define PV_SYSCTL_getcpuinfo 8
#define PV_SYSCTL_availheap 9
#define PV_SYSCTL_get_pmstat 10
#define PV_SYSCTL_cpu_hotplug 11
#define PV_SYSCTL_pm_op 12
#define PV_SYSCTL_page_offline_op 14
#define PV_SYSCTL_lockprof_op 15
#define PV_SYSCTL_cputopoinfo 16
#define PV_SYSCTL_numainfo 17
#define PV_SYSCTL_cpupool_op 18
#define PV_SYSCTL_scheduler_op 19
#define PV_SYSCTL_coverage_op 20
#define PV_SYSCTL_psr_cmt_op 21
#define PV_SYSCTL_pcitopoinfo 22
#define PV_SYSCTL_psr_alloc 23
#define PV_SYSCTL_get_cpu_levelling_caps 25
#define PV_SYSCTL_get_cpu_featureset 26
#define PV_SYSCTL_livepatch_op 27
#define PV_SYSCTL_get_cpu_policy 29

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_sysctl {
	uint32_t cmd;               /* PV_SYSCTL_* */
	uint32_t interface_version; /* PV_SYSCTL_INTERFACE_VERSION */
	union {
		uint8_t pad[128];
		uint64_t pad64[16];
	} u; /* the command's payload */
};
_Static_assert(sizeof(struct pv_sysctl) == 136, "xen_sysctl: xen/sysctl.h");
_Static_assert(PV_OFFSETOF(struct pv_sysctl, u) == 8, "xen_sysctl.u: xen/sysctl.h");
#endif

#endif
