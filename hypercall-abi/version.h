/*
 * xen_version(cmd, arg): who the hypervisor is and what it offers.
 *
 * PV_XENVER_version returns (major << 16) | minor and PV_XENVER_pagesize the
 * page size, both with a null argument; the other commands fill the buffer
 * or structure the argument points to and return 0 (build_id returns the
 * length it wrote).  get_features returns 32-bit words of PV_XENFEAT_*
 * bits: what the hypervisor does, or allows, for this guest.  Bit 12 of
 * submap 0 is retired and must stay clear.
 */
#ifndef PV_ABI_VERSION_H
#define PV_ABI_VERSION_H

#define PV_XENVER_version 0            /* returns major << 16 | minor */
#define PV_XENVER_extraversion 1       /* char[PV_EXTRAVERSION_LEN], e.g. ".0" */
#define PV_XENVER_compile_info 2       /* struct pv_compile_info */
#define PV_XENVER_capabilities 3       /* char[PV_CAPABILITIES_INFO_LEN] */
#define PV_XENVER_changeset 4          /* char[PV_CHANGESET_INFO_LEN] */
#define PV_XENVER_platform_parameters 5 /* struct pv_platform_parameters */
#define PV_XENVER_get_features 6       /* struct pv_feature_info */
#define PV_XENVER_pagesize 7           /* returns the page size */
#define PV_XENVER_guest_handle 8       /* uint8_t[16]: the domain's UUID */
#define PV_XENVER_commandline 9        /* char[PV_COMMANDLINE_LEN], privileged */
#define PV_XENVER_build_id 10          /* struct pv_build_id; returns length */

/* Sizes of the string results, NUL included. */
#define PV_EXTRAVERSION_LEN 16
#define PV_CAPABILITIES_INFO_LEN 1024 /* e.g. "xen-3.0-x86_64 xen-3.0-x86_32p" */
#define PV_CHANGESET_INFO_LEN 64
#define PV_COMMANDLINE_LEN 1024

/* Feature bits reported by get_features, submap 0. */
#define PV_XENFEAT_writable_page_tables 0       /* PTEs may be written directly */
#define PV_XENFEAT_writable_descriptor_tables 1 /* GDT/LDT may be written directly */
#define PV_XENFEAT_auto_translated_physmap 2    /* the hypervisor translates pfns */
#define PV_XENFEAT_supervisor_mode_kernel 3     /* the kernel runs in ring 0 */
#define PV_XENFEAT_pae_pgdir_above_4gb 4        /* PAE roots may live above 4 GiB */
#define PV_XENFEAT_mmu_pt_update_preserve_ad 5  /* PV_MMU_PT_UPDATE_PRESERVE_AD works */
#define PV_XENFEAT_highmem_assist 6             /* MMUEXT clear/copy page work */
#define PV_XENFEAT_gnttab_map_avail_bits 7      /* PV_GNTMAP_guest_avail bits honoured */
#define PV_XENFEAT_hvm_callback_vector 8
#define PV_XENFEAT_hvm_safe_pvclock 9
#define PV_XENFEAT_hvm_pirqs 10
#define PV_XENFEAT_dom0 11 /* the hypervisor can run this kernel as dom0 */
#define PV_XENFEAT_memory_op_vnode_supported 13 /* PV_XENMEMF_vnode works */
#define PV_XENFEAT_ARM_SMCCC_supported 14
#define PV_XENFEAT_linux_rsdp_unrestricted 15
#define PV_XENFEAT_not_direct_mapped 16 /* guest frames are not machine frames */
#define PV_XENFEAT_direct_mapped 17     /* guest frames are machine frames */
#define PV_XENFEAT_NR_SUBMAPS 1

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
_Static_assert(sizeof(struct pv_compile_info) == 144, "xen_compile_info: xen/version.h");
_Static_assert(PV_OFFSETOF(struct pv_compile_info, compile_date) == 112,
	       "xen_compile_info.compile_date: xen/version.h");

struct pv_platform_parameters {
	uint64_t virt_start; /* lowest address of the hypervisor's hole */
};
_Static_assert(sizeof(struct pv_platform_parameters) == 8,
	       "xen_platform_parameters: xen/version.h");

struct pv_feature_info {
	uint32_t submap_idx; /* which 32-bit word */
	uint32_t submap;     /* out */
};
_Static_assert(sizeof(struct pv_feature_info) == 8, "xen_feature_info: xen/version.h");

/* The hypervisor's build id (the GNU build-id note of its image). */
struct pv_build_id {
	uint32_t len; /* room in buf */
	uint8_t buf[];
};
_Static_assert(sizeof(struct pv_build_id) == 4, "xen_build_id: xen/version.h");
#endif

#endif
