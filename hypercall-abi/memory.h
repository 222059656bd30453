/*
 * memory_op(cmd, arg): a domain's memory allocation and its view of memory.
 *
 * The reservation ops move memory between a domain and the hypervisor in
 * extents of 2^extent_order pages (a balloon driver gives pages back with
 * decrease_reservation and takes them with populate_physmap).  The other
 * ops describe memory: the guest's e820-style map, where the read-only M2P
 * table is, and which machine frames back it.  add_to_physmap places
 * special pages (shared info, grant-table frames) in a translated guest's
 * physical space.
 */
#ifndef PV_ABI_MEMORY_H
#define PV_ABI_MEMORY_H

#define PV_XENMEM_increase_reservation 0 /* struct pv_memory_reservation */
#define PV_XENMEM_decrease_reservation 1 /* struct pv_memory_reservation */
#define PV_XENMEM_maximum_ram_page 2     /* no argument: highest machine frame */
#define PV_XENMEM_current_reservation 3  /* pv_domid_t: pages held */
#define PV_XENMEM_maximum_reservation 4  /* pv_domid_t: page limit */
#define PV_XENMEM_machphys_mfn_list 5    /* struct pv_machphys_mfn_list */
#define PV_XENMEM_populate_physmap 6     /* struct pv_memory_reservation */
#define PV_XENMEM_add_to_physmap 7       /* struct pv_add_to_physmap */
#define PV_XENMEM_memory_map 9           /* struct pv_memory_map: own map */
#define PV_XENMEM_machine_memory_map 10  /* struct pv_memory_map: host map */
#define PV_XENMEM_exchange 11            /* struct pv_memory_exchange */
#define PV_XENMEM_machphys_mapping 12    /* struct pv_machphys_mapping */
#define PV_XENMEM_set_memory_map 13      /* struct pv_foreign_memory_map */
#define PV_XENMEM_maximum_gpfn 14        /* pv_domid_t: highest guest frame */
#define PV_XENMEM_remove_from_physmap 15 /* struct pv_remove_from_physmap */
#define PV_XENMEM_set_pod_target 16      /* struct pv_pod_target */
#define PV_XENMEM_get_pod_target 17      /* struct pv_pod_target */
#define PV_XENMEM_get_sharing_freed_pages 18
#define PV_XENMEM_get_sharing_shared_pages 19
#define PV_XENMEM_paging_op 20
#define PV_XENMEM_access_op 21
#define PV_XENMEM_sharing_op 22
#define PV_XENMEM_add_to_physmap_batch 23 /* struct pv_add_to_physmap_batch */
#define PV_XENMEM_claim_pages 24          /* struct pv_memory_reservation */
#define PV_XENMEM_machphys_compat_mfn_list 25
#define PV_XENMEM_get_vnumainfo 26
#define PV_XENMEM_reserved_device_memory_map 27
#define PV_XENMEM_acquire_resource 28    /* struct pv_mem_acquire_resource */

/*
 * pv_memory_reservation.mem_flags: bits 0-7 limit machine addresses to
 * that many bits (0: no limit); bits 8-15 hold a NUMA node plus one
 * (0: any node); then the flags below.
 */
#define PV_XENMEMF_address_bits(bits) (bits)
#define PV_XENMEMF_get_address_bits(flags) ((flags) & 0xff)
#define PV_XENMEMF_node(node) (((node) + 1) << 8)
#define PV_XENMEMF_get_node(flags) ((((flags) >> 8) - 1) & 0xff)
#define PV_XENMEMF_populate_on_demand (1 << 16)
#define PV_XENMEMF_exact_node_request (1 << 17) /* that node or fail */
#define PV_XENMEMF_exact_node(node) (PV_XENMEMF_node(node) | PV_XENMEMF_exact_node_request)
#define PV_XENMEMF_vnode (1 << 18) /* the node is a virtual node */

/* pv_add_to_physmap.space */
#define PV_XENMAPSPACE_shared_info 0
#define PV_XENMAPSPACE_grant_table 1 /* idx: frame; PV_XENMAPIDX_* bits */
#define PV_XENMAPSPACE_gmfn 2
#define PV_XENMAPSPACE_gmfn_range 3   /* add_to_physmap only */
#define PV_XENMAPSPACE_gmfn_foreign 4 /* add_to_physmap_batch only */
#define PV_XENMAPSPACE_dev_mmio 5     /* Arm only */
#define PV_XENMAPIDX_grant_table_status 0x80000000 /* v2 status frame */

/* pv_mem_acquire_resource.type and .id */
#define PV_XENMEM_resource_ioreq_server 0
#define PV_XENMEM_resource_grant_table 1
#define PV_XENMEM_resource_vmtrace_buf 2
#define PV_XENMEM_resource_grant_table_id_shared 0
#define PV_XENMEM_resource_grant_table_id_status 1

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_memory_reservation {
	uint64_t extent_start; /* guest pointer: uint64_t[nr_extents] frames */
	uint64_t nr_extents;
	uint32_t extent_order;
	uint32_t mem_flags; /* PV_XENMEMF_* */
	pv_domid_t domid;   /* PV_DOMID_SELF unless privileged */
};
_Static_assert(sizeof(struct pv_memory_reservation) == 32,
	       "xen_memory_reservation: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_memory_reservation, mem_flags) == 20,
	       "xen_memory_reservation.mem_flags: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_memory_reservation, domid) == 24,
	       "xen_memory_reservation.domid: xen/memory.h");

/* Trades the extents of @in for fresh ones described by @out. */
struct pv_memory_exchange {
	struct pv_memory_reservation in;
	struct pv_memory_reservation out;
	uint64_t nr_exchanged; /* out; the caller zeroes it */
};
_Static_assert(sizeof(struct pv_memory_exchange) == 72, "xen_memory_exchange: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_memory_exchange, nr_exchanged) == 64,
	       "xen_memory_exchange.nr_exchanged: xen/memory.h");

struct pv_memory_domain {
	pv_domid_t domid;
};
_Static_assert(sizeof(struct pv_memory_domain) == 2, "xen_memory_domain: xen/memory.h");

/* The machine frames backing the M2P table, one per 2 MiB of it. */
struct pv_machphys_mfn_list {
	uint32_t max_extents;
	uint64_t extent_start; /* guest pointer: uint64_t[max_extents], out */
	uint32_t nr_extents;   /* out */
};
_Static_assert(sizeof(struct pv_machphys_mfn_list) == 24, "xen_machphys_mfn_list: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_machphys_mfn_list, extent_start) == 8,
	       "xen_machphys_mfn_list.extent_start: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_machphys_mfn_list, nr_extents) == 16,
	       "xen_machphys_mfn_list.nr_extents: xen/memory.h");

/* Where the read-only M2P is mapped, and the last frame it covers. */
struct pv_machphys_mapping {
	uint64_t v_start, v_end;
	uint64_t max_mfn;
};
_Static_assert(sizeof(struct pv_machphys_mapping) == 24, "xen_machphys_mapping: xen/memory.h");

struct pv_add_to_physmap {
	pv_domid_t domid;
	uint16_t size;  /* pages, for PV_XENMAPSPACE_gmfn_range */
	uint32_t space; /* PV_XENMAPSPACE_* */
	uint64_t idx;   /* which page of the space */
	uint64_t gpfn;  /* where it appears */
};
_Static_assert(sizeof(struct pv_add_to_physmap) == 24, "xen_add_to_physmap: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_add_to_physmap, space) == 4,
	       "xen_add_to_physmap.space: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_add_to_physmap, idx) == 8,
	       "xen_add_to_physmap.idx: xen/memory.h");

struct pv_add_to_physmap_batch {
	pv_domid_t domid;
	uint16_t space; /* PV_XENMAPSPACE_* */
	uint16_t size;  /* entries in each array */
	union {
		pv_domid_t foreign_domid; /* for PV_XENMAPSPACE_gmfn_foreign */
		uint16_t res0;
	} u;
	uint64_t idxs;  /* guest pointer: uint64_t[size] */
	uint64_t gpfns; /* guest pointer: uint64_t[size] */
	uint64_t errs;  /* guest pointer: int32_t[size], out */
};
_Static_assert(sizeof(struct pv_add_to_physmap_batch) == 32,
	       "xen_add_to_physmap_batch: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_add_to_physmap_batch, idxs) == 8,
	       "xen_add_to_physmap_batch.idxs: xen/memory.h");

struct pv_remove_from_physmap {
	pv_domid_t domid;
	uint64_t gpfn;
};
_Static_assert(sizeof(struct pv_remove_from_physmap) == 16,
	       "xen_remove_from_physmap: xen/memory.h");

/* An e820-style map: 20-byte entries of (address, length, type). */
struct pv_memory_map {
	uint32_t nr_entries; /* in: room in buffer; out: entries written */
	uint64_t buffer;     /* guest pointer */
};
_Static_assert(sizeof(struct pv_memory_map) == 16, "xen_memory_map: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_memory_map, buffer) == 8,
	       "xen_memory_map.buffer: xen/memory.h");

struct pv_foreign_memory_map {
	pv_domid_t domid;
	struct pv_memory_map map;
};
_Static_assert(sizeof(struct pv_foreign_memory_map) == 24,
	       "xen_foreign_memory_map: xen/memory.h");

struct pv_pod_target {
	uint64_t target_pages;
	uint64_t tot_pages;       /* out */
	uint64_t pod_cache_pages; /* out */
	uint64_t pod_entries;     /* out */
	pv_domid_t domid;
};
_Static_assert(sizeof(struct pv_pod_target) == 40, "xen_pod_target: xen/memory.h");

/* Maps frames of a resource of another domain (grant table, ioreq pages). */
struct pv_mem_acquire_resource {
	pv_domid_t domid;
	uint16_t type; /* PV_XENMEM_resource_* */
	uint32_t id;
	uint32_t nr_frames; /* in/out; 0 with no frame_list: query the size */
	uint32_t pad;
	uint64_t frame;      /* first frame of the resource wanted */
	uint64_t frame_list; /* guest pointer: uint64_t[nr_frames] */
};
_Static_assert(sizeof(struct pv_mem_acquire_resource) == 32,
	       "xen_mem_acquire_resource: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_mem_acquire_resource, frame) == 16,
	       "xen_mem_acquire_resource.frame: xen/memory.h");
_Static_assert(PV_OFFSETOF(struct pv_mem_acquire_resource, frame_list) == 24,
	       "xen_mem_acquire_resource.frame_list: xen/memory.h");
#endif

#endif
