/*
 * mca(op), hypercall 48 (PV_HYPERVISOR_arch_0): machine-check queries for dom0.  The
 * command numbers, flags, the envelope and the payloads of fetch and
 * physcpuinfo, with physcpuinfo's per-CPU record.
 *
 * Every call carries PV_XEN_MCA_INTERFACE_VERSION; another version is
 * refused.
 */
#ifndef PV_ABI_MCA_H
#define PV_ABI_MCA_H

#define PV_XEN_MCA_INTERFACE_VERSION 0x01ecc003

#define PV_XEN_MC_fetch 1
#define PV_XEN_MC_notifydomain 2
#define PV_XEN_MC_physcpuinfo 3
#define PV_XEN_MC_msrinject 4
#define PV_XEN_MC_mceinject 5
#define PV_XEN_MC_inject_v2 6

/* fetch's flags in: which queue, or acknowledge an earlier fetch */
#define PV_XEN_MC_NONURGENT 0x1
#define PV_XEN_MC_URGENT 0x2
#define PV_XEN_MC_ACK 0x4
/* fetch's flags out */
#define PV_XEN_MC_OK 0x0
#define PV_XEN_MC_FETCHFAILED 0x1
#define PV_XEN_MC_NODATA 0x2

#define PV_MC_NCAPS 7      /* feature words in mc_cpu_caps */
#define PV_MC_MSR_VALUES 8 /* MSRs in mc_msrvalues */

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_mcinfo_msr {
	uint64_t reg, value;
};

/* One physical CPU as physcpuinfo reports it. */
struct pv_mc_logical_cpu {
	uint32_t mc_cpunr;
	uint32_t mc_chipid;   /* the package */
	uint16_t mc_coreid;
	uint16_t mc_threadid;
	uint32_t mc_apicid;
	uint32_t mc_clusterid; /* CPUID leaf 1's initial APIC id */
	uint32_t mc_ncores;
	uint32_t mc_ncores_active;
	uint32_t mc_nthreads;
	int32_t mc_cpuid_level; /* the highest basic CPUID leaf */
	uint32_t mc_family;
	uint32_t mc_vendor;     /* one of Xen's vendor bits (pcpu.h) */
	uint32_t mc_model;
	uint32_t mc_step;
	char mc_vendorid[16];
	char mc_brandid[64];
	uint32_t mc_cpu_caps[PV_MC_NCAPS]; /* Xen's feature words 0-6 */
	uint32_t mc_cache_size;            /* KiB */
	uint32_t mc_cache_alignment;
	int32_t mc_nmsrvals;
	struct pv_mcinfo_msr mc_msrvalues[PV_MC_MSR_VALUES];
};
_Static_assert(sizeof(struct pv_mc_logical_cpu) == 304,
	       "mcinfo_logical_cpu: xen/arch-x86/xen-mca.h");

/* PV_XEN_MC_fetch: one record of machine-check telemetry. */
struct pv_mc_fetch {
	uint32_t flags; /* in: queue and ACK; out: PV_XEN_MC_OK etc. */
	uint32_t pad0;
	uint64_t fetch_id; /* out: the record's id; in: the id acknowledged */
	uint64_t data;     /* guest address for the record (mc_info) */
};

/* PV_XEN_MC_physcpuinfo: the online CPUs' records. */
struct pv_mc_physcpuinfo {
	uint32_t ncpus; /* in: room in @info; out: the CPUs (written) */
	uint32_t pad0;
	uint64_t info;  /* guest address of struct pv_mc_logical_cpu[ncpus], or 0 */
};

struct pv_mc {
	uint32_t cmd;               /* PV_XEN_MC_* */
	uint32_t interface_version; /* PV_XEN_MCA_INTERFACE_VERSION */
	union {
		struct pv_mc_fetch mc_fetch;
		struct pv_mc_physcpuinfo mc_physcpuinfo;
		uint8_t pad[144]; /* the largest payload, msrinject's */
	} u;
};
_Static_assert(sizeof(struct pv_mc) == 152, "xen_mc: xen/arch-x86/xen-mca.h");
_Static_assert(PV_OFFSETOF(struct pv_mc, u) == 8, "xen_mc.u: xen/arch-x86/xen-mca.h");
#endif

#endif
