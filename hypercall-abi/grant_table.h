/*
 * Grant tables: grant_table_op(cmd, args, count).
 *
 * A domain shares one of its pages by filling an entry of its grant table
 * (a page array it shares with the hypervisor): the frame, the domain
 * allowed in, and flags.  The grantee names the page by (granting domain,
 * grant reference = entry index) and asks the hypervisor to map it, copy
 * to or from it, or (old protocol) take the page over.  While a grant is
 * in use the hypervisor sets GTF_reading/GTF_writing (in the entry for
 * version 1, in a separate status word for version 2), and the granter must
 * not reuse the entry until both are clear.  Version 1 entries are 8 bytes,
 * version 2 entries 16.  Every op takes an array of @count structures.
 */
#ifndef PV_ABI_GRANT_TABLE_H
#define PV_ABI_GRANT_TABLE_H

#define PV_GNTTABOP_map_grant_ref 0
#define PV_GNTTABOP_unmap_grant_ref 1
#define PV_GNTTABOP_setup_table 2
#define PV_GNTTABOP_dump_table 3
#define PV_GNTTABOP_transfer 4
#define PV_GNTTABOP_copy 5
#define PV_GNTTABOP_query_size 6
#define PV_GNTTABOP_unmap_and_replace 7
#define PV_GNTTABOP_set_version 8
#define PV_GNTTABOP_get_status_frames 9
#define PV_GNTTABOP_get_version 10
#define PV_GNTTABOP_swap_grant_ref 11
#define PV_GNTTABOP_cache_flush 12

/* Entries the toolstack fills before the guest starts. */
#define PV_GNTTAB_NR_RESERVED_ENTRIES 8
#define PV_GNTTAB_RESERVED_CONSOLE 0
#define PV_GNTTAB_RESERVED_XENSTORE 1

/* Entry flags: the type in bits 0-1 ... */
#define PV_GTF_invalid 0
#define PV_GTF_permit_access 1   /* the grantee may map or copy the frame */
#define PV_GTF_accept_transfer 2 /* the grantee may give a page into it */
#define PV_GTF_transitive 3      /* v2: forwards another domain's grant */
#define PV_GTF_type_mask 3
/* ... then, for permit_access: */
#define PV_GTF_readonly_BIT 2
#define PV_GTF_readonly (1 << 2)
#define PV_GTF_reading_BIT 3 /* set by the hypervisor while mapped or copied from */
#define PV_GTF_reading (1 << 3)
#define PV_GTF_writing_BIT 4 /* set by the hypervisor while writable */
#define PV_GTF_writing (1 << 4)
#define PV_GTF_PWT_BIT 5 /* cache attributes of the grantee's mapping */
#define PV_GTF_PWT (1 << 5)
#define PV_GTF_PCD_BIT 6
#define PV_GTF_PCD (1 << 6)
#define PV_GTF_PAT_BIT 7
#define PV_GTF_PAT (1 << 7)
#define PV_GTF_sub_page_BIT 8 /* v2: grant covers part of the page */
#define PV_GTF_sub_page (1 << 8)
/* ... and for accept_transfer: */
#define PV_GTF_transfer_committed_BIT 2
#define PV_GTF_transfer_committed (1 << 2)
#define PV_GTF_transfer_completed_BIT 3 /* frame now holds the new MFN */
#define PV_GTF_transfer_completed (1 << 3)

/* pv_gnttab_map_grant_ref.flags */
#define PV_GNTMAP_device_map_BIT 0 /* map for device (bus) access */
#define PV_GNTMAP_device_map (1 << 0)
#define PV_GNTMAP_host_map_BIT 1 /* map for CPU access at host_addr */
#define PV_GNTMAP_host_map (1 << 1)
#define PV_GNTMAP_readonly_BIT 2
#define PV_GNTMAP_readonly (1 << 2)
#define PV_GNTMAP_application_map_BIT 3 /* user mode may use the mapping too */
#define PV_GNTMAP_application_map (1 << 3)
#define PV_GNTMAP_contains_pte_BIT 4 /* host_addr is the PTE's machine address */
#define PV_GNTMAP_contains_pte (1 << 4)
#define PV_GNTMAP_guest_avail0_BIT 16 /* bits 16-31 go into the PTE's free bits */
#define PV_GNTMAP_guest_avail_mask 0xffff0000

/* pv_gnttab_copy.flags: which side is a grant reference (else a frame). */
#define PV_GNTCOPY_source_gref_BIT 0
#define PV_GNTCOPY_source_gref (1 << 0)
#define PV_GNTCOPY_dest_gref_BIT 1
#define PV_GNTCOPY_dest_gref (1 << 1)

/* pv_gnttab_cache_flush.op */
#define PV_GNTTAB_CACHE_CLEAN (1 << 0)
#define PV_GNTTAB_CACHE_INVAL (1 << 1)
#define PV_GNTTAB_CACHE_SOURCE_GREF 0x80000000

/* Per-entry status of every op (the status fields, not the return value). */
#define PV_GNTST_okay 0
#define PV_GNTST_general_error (-1)
#define PV_GNTST_bad_domain (-2)
#define PV_GNTST_bad_gntref (-3)
#define PV_GNTST_bad_handle (-4)
#define PV_GNTST_bad_virt_addr (-5)
#define PV_GNTST_bad_dev_addr (-6)
#define PV_GNTST_no_device_space (-7)
#define PV_GNTST_permission_denied (-8)
#define PV_GNTST_bad_page (-9)
#define PV_GNTST_bad_copy_arg (-10) /* copy crosses a page boundary */
#define PV_GNTST_address_too_big (-11)
#define PV_GNTST_eagain (-12)
#define PV_GNTST_no_space (-13)

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

typedef uint16_t pv_grant_status_t; /* v2 status word */

struct pv_grant_entry_v1 {
	uint16_t flags;   /* PV_GTF_* */
	pv_domid_t domid; /* the grantee */
	uint32_t frame;   /* frame shared, or (transfer) frame received */
};
_Static_assert(sizeof(struct pv_grant_entry_v1) == 8, "grant_entry_v1: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_grant_entry_v1, frame) == 4,
	       "grant_entry_v1.frame: xen/grant_table.h");

struct pv_grant_entry_header {
	uint16_t flags;
	pv_domid_t domid;
};
_Static_assert(sizeof(struct pv_grant_entry_header) == 4,
	       "grant_entry_header: xen/grant_table.h");

union pv_grant_entry_v2 {
	struct pv_grant_entry_header hdr;
	struct {
		struct pv_grant_entry_header hdr;
		uint32_t pad0;
		uint64_t frame;
	} full_page;
	struct {
		struct pv_grant_entry_header hdr;
		uint16_t page_off;
		uint16_t length;
		uint64_t frame;
	} sub_page;
	struct {
		struct pv_grant_entry_header hdr;
		pv_domid_t trans_domid;
		uint16_t pad0;
		pv_grant_ref_t gref;
	} transitive;
	uint32_t spacer[4]; /* sizes the union to 16 bytes */
};
_Static_assert(sizeof(union pv_grant_entry_v2) == 16, "grant_entry_v2: xen/grant_table.h");

struct pv_gnttab_map_grant_ref {
	uint64_t host_addr; /* virtual address, or PTE address (contains_pte) */
	uint32_t flags;     /* PV_GNTMAP_* */
	pv_grant_ref_t ref;
	pv_domid_t dom;           /* the granting domain */
	int16_t status;           /* out: PV_GNTST_* */
	pv_grant_handle_t handle; /* out: for unmap */
	uint64_t dev_bus_addr;    /* out: for device_map */
};
_Static_assert(sizeof(struct pv_gnttab_map_grant_ref) == 32,
	       "gnttab_map_grant_ref: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_map_grant_ref, status) == 18,
	       "gnttab_map_grant_ref.status: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_map_grant_ref, dev_bus_addr) == 24,
	       "gnttab_map_grant_ref.dev_bus_addr: xen/grant_table.h");

struct pv_gnttab_unmap_grant_ref {
	uint64_t host_addr;
	uint64_t dev_bus_addr;
	pv_grant_handle_t handle;
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_unmap_grant_ref) == 24,
	       "gnttab_unmap_grant_ref: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_unmap_grant_ref, status) == 20,
	       "gnttab_unmap_grant_ref.status: xen/grant_table.h");

/* Sizes @dom's table to @nr_frames and returns the frames holding it. */
struct pv_gnttab_setup_table {
	pv_domid_t dom;
	uint32_t nr_frames;
	int16_t status;      /* out */
	uint64_t frame_list; /* guest pointer: uint64_t[nr_frames], out */
};
_Static_assert(sizeof(struct pv_gnttab_setup_table) == 24,
	       "gnttab_setup_table: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_setup_table, frame_list) == 16,
	       "gnttab_setup_table.frame_list: xen/grant_table.h");

struct pv_gnttab_dump_table {
	pv_domid_t dom;
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_dump_table) == 4, "gnttab_dump_table: xen/grant_table.h");

/* Gives away page @mfn into the accept_transfer grant @ref of @domid. */
struct pv_gnttab_transfer {
	uint64_t mfn;
	pv_domid_t domid;
	pv_grant_ref_t ref;
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_transfer) == 24, "gnttab_transfer: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_transfer, status) == 16,
	       "gnttab_transfer.status: xen/grant_table.h");

/* One side of a copy: a grant reference or a frame, and an offset in it. */
struct pv_gnttab_copy_ptr {
	union {
		pv_grant_ref_t ref;
		uint64_t gmfn;
	} u;
	pv_domid_t domid;
	uint16_t offset;
};
_Static_assert(sizeof(struct pv_gnttab_copy_ptr) == 16, "gnttab_copy_ptr: xen/grant_table.h");

/* Copies @len bytes, never across a page boundary on either side. */
struct pv_gnttab_copy {
	struct pv_gnttab_copy_ptr source, dest;
	uint16_t len;
	uint16_t flags; /* PV_GNTCOPY_* */
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_copy) == 40, "gnttab_copy: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_copy, dest) == 16,
	       "gnttab_copy.dest: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_copy, status) == 36,
	       "gnttab_copy.status: xen/grant_table.h");

struct pv_gnttab_query_size {
	pv_domid_t dom;
	uint32_t nr_frames;     /* out */
	uint32_t max_nr_frames; /* out */
	int16_t status;         /* out */
};
_Static_assert(sizeof(struct pv_gnttab_query_size) == 16, "gnttab_query_size: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_query_size, status) == 12,
	       "gnttab_query_size.status: xen/grant_table.h");

/* Unmaps @handle and points its PTE at the mapping now at @new_addr. */
struct pv_gnttab_unmap_and_replace {
	uint64_t host_addr;
	uint64_t new_addr;
	pv_grant_handle_t handle;
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_unmap_and_replace) == 24,
	       "gnttab_unmap_and_replace: xen/grant_table.h");

struct pv_gnttab_set_version {
	uint32_t version; /* in: 1 or 2; out: the version in force */
};
_Static_assert(sizeof(struct pv_gnttab_set_version) == 4,
	       "gnttab_set_version: xen/grant_table.h");

struct pv_gnttab_get_status_frames {
	uint32_t nr_frames;
	pv_domid_t dom;
	int16_t status;      /* out */
	uint64_t frame_list; /* guest pointer: uint64_t[nr_frames], out */
};
_Static_assert(sizeof(struct pv_gnttab_get_status_frames) == 16,
	       "gnttab_get_status_frames: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_get_status_frames, frame_list) == 8,
	       "gnttab_get_status_frames.frame_list: xen/grant_table.h");

struct pv_gnttab_get_version {
	pv_domid_t dom;
	uint16_t pad;
	uint32_t version; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_get_version) == 8, "gnttab_get_version: xen/grant_table.h");

struct pv_gnttab_swap_grant_ref {
	pv_grant_ref_t ref_a;
	pv_grant_ref_t ref_b;
	int16_t status; /* out */
};
_Static_assert(sizeof(struct pv_gnttab_swap_grant_ref) == 12,
	       "gnttab_swap_grant_ref: xen/grant_table.h");

struct pv_gnttab_cache_flush {
	union {
		uint64_t dev_bus_addr;
		pv_grant_ref_t ref;
	} a;
	uint16_t offset; /* within the granted page */
	uint16_t length;
	uint32_t op; /* PV_GNTTAB_CACHE_* */
};
_Static_assert(sizeof(struct pv_gnttab_cache_flush) == 16, "gnttab_cache_flush: xen/grant_table.h");
_Static_assert(PV_OFFSETOF(struct pv_gnttab_cache_flush, op) == 12,
	       "gnttab_cache_flush.op: xen/grant_table.h");
#endif

#endif
