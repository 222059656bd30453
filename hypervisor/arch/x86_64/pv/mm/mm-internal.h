/*
 * Shared by the page-type files of this directory (page_type.h has the
 * public interface and the rules): entry bits, ownership, and the
 * per-level entry functions of pt-validate.c and pt-linear.c.
 */
#ifndef PV_MM_INTERNAL_H
#define PV_MM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/pagetable.h"
#include "domain.h"
#include "frame.h"
#include "page_type.h"

#define PTE_PAT_4K PTE_PS                /* bit 7 of an L1 entry */
#define PTE_AVAIL (7ull << 9)            /* bits 9-11, the guest's */
#define PTE_AVAIL_HIGH (0x7ffull << 52)  /* bits 52-62, the guest's */
#define PTE_GUEST_KERNEL (1ull << 52)    /* a kernel mapping made user-accessible */

/* The frame number an entry names, and the one no frame can have. */
static inline uint64_t pte_mfn(uint64_t e)
{
	return (e & PTE_ADDR_MASK) >> 12;
}
#define MFN_ALL_ONES (PTE_ADDR_MASK >> 12)

/* Whether @f is an allocated frame of @d. */
static inline bool frame_owned_by(const struct frame *f, const struct domain *d)
{
	return f && d && f->owner == d->domid &&
	       (f->state == FRAME_ALLOCATED || f->state == FRAME_ALLOCATED_TAIL);
}

/* Slot @i of a table of @level holds a guest entry (not a hypervisor one). */
static inline bool pt_slot_is_guests(unsigned int level, unsigned int i)
{
	return level != PV_TYPE_L4 || !pv_l4_slot_is_hypervisors(i);
}

/*
 * A batch hypercall that stops to continue later (mmu_update, mmuext_op)
 * re-issues itself with the count of what is left ORed with this.
 */
#define MMU_UPDATE_PREEMPTED 0x80000000u

/*
 * Whether @va is a canonical address outside the hypervisor's range (Xen's
 * __addr_ok).  Batch hypercalls check only where their array starts with
 * it, as Xen does; each element is then copied with its own checks.
 */
static inline bool pv_guest_addr_ok(uint64_t va)
{
	return va_is_canonical(va) && !pv_l4_slot_is_hypervisors(pt_index(va, 4));
}

/*
 * The page owner @domid names for a hypercall of @d (pg-owner.c, as Xen's
 * get_pg_owner): DOMID_SELF is @d itself; @d's own id or an unknown domain
 * is -PV_ESRCH; any other domain, DOMID_IO or DOMID_XEN sets *foreign.
 */
int pv_lookup_pg_owner(const struct domain *d, uint16_t domid, bool *foreign);

/* pt-validate.c */
int pt_validate(uint64_t mfn, enum pv_page_type type, const struct domain *d);
void pt_devalidate(uint64_t mfn, enum pv_page_type type);
bool pt_entry_flags_ok(unsigned int level, uint64_t e, const struct domain *d);

/*
 * The L1 table mapping @va in the tables @v runs on (guest-walk.c): 0 and
 * *l1_mfn, or -1 if a level is missing, a superpage, or @va not a guest
 * address.
 */
struct vcpu;
int guest_walk_to_l1(const struct vcpu *v, uint64_t va, uint64_t *l1_mfn);
/* The same in the tables whose L4 is frame @root_mfn (0: none). */
int guest_walk_root_to_l1(uint64_t root_mfn, uint64_t va, uint64_t *l1_mfn);
uint64_t pt_entry_adjust(unsigned int level, uint64_t e);
int pt_entry_get(uint64_t table_mfn, unsigned int level, uint64_t e, const struct domain *d);
void pt_entry_put(uint64_t table_mfn, unsigned int level, uint64_t e);

/* pt-linear.c */
bool pt_linear_get(uint64_t table_mfn, unsigned int level, uint64_t e, const struct domain *d);
void pt_linear_put(uint64_t table_mfn, unsigned int level, uint64_t target);

#endif
