/*
 * Page-table hypercalls: mmu_update, mmuext_op, update_va_mapping and
 * vm_assist.
 *
 * A PV guest writes machine frame numbers into its page tables but may not
 * write the tables themselves: it asks the hypervisor, which checks every
 * entry (the frame is the guest's, a page table is never mapped writable)
 * before it changes anything.  mmu_update takes an array of (ptr, val)
 * requests; the low two bits of ptr pick the request type (PV_MMU_*), the
 * rest is the machine address of the entry to write (or, for
 * PV_MMU_MACHPHYS_UPDATE, of the frame whose M2P entry becomes val).
 * mmuext_op takes an array of pv_mmuext_op: pinning (validating a table and
 * keeping it validated), switching roots, flushes and LDT changes.
 */
#ifndef PV_ABI_MMU_H
#define PV_ABI_MMU_H

/* Request type, in bits 0-1 of pv_mmu_update.ptr. */
#define PV_MMU_NORMAL_PT_UPDATE 0       /* checked write of a page-table entry */
#define PV_MMU_MACHPHYS_UPDATE 1        /* set the M2P entry of a frame */
#define PV_MMU_PT_UPDATE_PRESERVE_AD 2  /* as normal, keeping accessed/dirty */
#define PV_MMU_PT_UPDATE_NO_TRANSLATE 3 /* as normal, val never translated */

/* pv_mmuext_op.cmd; the argument each one reads is noted. */
#define PV_MMUEXT_PIN_L1_TABLE 0     /* arg1.mfn */
#define PV_MMUEXT_PIN_L2_TABLE 1     /* arg1.mfn */
#define PV_MMUEXT_PIN_L3_TABLE 2     /* arg1.mfn */
#define PV_MMUEXT_PIN_L4_TABLE 3     /* arg1.mfn */
#define PV_MMUEXT_UNPIN_TABLE 4      /* arg1.mfn */
#define PV_MMUEXT_NEW_BASEPTR 5      /* arg1.mfn: new kernel root */
#define PV_MMUEXT_TLB_FLUSH_LOCAL 6
#define PV_MMUEXT_INVLPG_LOCAL 7     /* arg1.linear_addr */
#define PV_MMUEXT_TLB_FLUSH_MULTI 8  /* arg2.vcpumask */
#define PV_MMUEXT_INVLPG_MULTI 9     /* arg1.linear_addr, arg2.vcpumask */
#define PV_MMUEXT_TLB_FLUSH_ALL 10
#define PV_MMUEXT_INVLPG_ALL 11      /* arg1.linear_addr */
#define PV_MMUEXT_FLUSH_CACHE 12
#define PV_MMUEXT_SET_LDT 13         /* arg1.linear_addr, arg2.nr_ents */
#define PV_MMUEXT_NEW_USER_BASEPTR 15 /* arg1.mfn: new user root */
#define PV_MMUEXT_CLEAR_PAGE 16      /* arg1.mfn */
#define PV_MMUEXT_COPY_PAGE 17       /* arg1.mfn (dest), arg2.src_mfn */
#define PV_MMUEXT_FLUSH_CACHE_GLOBAL 18
#define PV_MMUEXT_MARK_SUPER 19      /* arg1.mfn */
#define PV_MMUEXT_UNMARK_SUPER 20    /* arg1.mfn */

/*
 * update_va_mapping flags.  The low two bits choose the flush; bit 2 chooses
 * where.  PV_UVMF_MULTI is a pointer to a vCPU bitmap ORed into the flags
 * (a null pointer, PV_UVMF_LOCAL, means this vCPU only).
 */
#define PV_UVMF_NONE 0
#define PV_UVMF_TLB_FLUSH 1
#define PV_UVMF_INVLPG 2
#define PV_UVMF_FLUSHTYPE_MASK 3
#define PV_UVMF_MULTI 0
#define PV_UVMF_LOCAL 0
#define PV_UVMF_ALL 4

/* vm_assist(cmd, type) */
#define PV_VMASST_CMD_enable 0
#define PV_VMASST_CMD_disable 1
#define PV_VMASST_TYPE_4gb_segments 0        /* 32-bit guests only */
#define PV_VMASST_TYPE_4gb_segments_notify 1 /* 32-bit guests only */
#define PV_VMASST_TYPE_writable_pagetables 2 /* emulate writes to L1 tables */
#define PV_VMASST_TYPE_pae_extended_cr3 3    /* 32-bit PAE guests only */
#define PV_VMASST_TYPE_architectural_iopl 4  /* virtual IOPL as hardware does */
#define PV_VMASST_TYPE_runstate_update_flag 5 /* flag runstate updates */
#define PV_VMASST_TYPE_m2p_strict 32         /* M2P hidden from user mode */

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_mmu_update {
	uint64_t ptr; /* machine address of the entry, PV_MMU_* in bits 0-1 */
	uint64_t val; /* new contents */
};
_Static_assert(sizeof(struct pv_mmu_update) == 16, "mmu_update: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_mmu_update, val) == 8, "mmu_update.val: xen/xen.h");

struct pv_mmuext_op {
	uint32_t cmd; /* PV_MMUEXT_* */
	union {
		uint64_t mfn;
		uint64_t linear_addr;
	} arg1;
	union {
		uint32_t nr_ents;
		uint64_t vcpumask; /* guest pointer to a vCPU bitmap */
		uint64_t src_mfn;
	} arg2;
};
_Static_assert(sizeof(struct pv_mmuext_op) == 24, "mmuext_op: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_mmuext_op, arg1) == 8, "mmuext_op.arg1: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_mmuext_op, arg2) == 16, "mmuext_op.arg2: xen/xen.h");
#endif

#endif
