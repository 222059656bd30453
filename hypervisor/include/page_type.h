/*
 * Page types and reference counts for PV direct paging (DESIGN.md §3).
 *
 * A PV guest writes machine frame numbers into its own page tables, so the
 * hypervisor must know, for every frame, what it is used as.  Each frame
 * (struct frame, frame.h) has:
 *  - a general reference count: every pin, every present entry of a
 *    validated table that names the frame, and every explicit
 *    page_get_ref() holds one;
 *  - a type (L1..L4 page table, segment descriptor page, writable) with a
 *    type count.  The type changes only while the type count is 0, so a
 *    frame is never a page table and writable at once: a writable mapping
 *    takes a PV_TYPE_WRITABLE reference, and a frame that is a page table
 *    or descriptor table can only be mapped read-only.
 *
 * When the type count of a page-table (or descriptor) type goes 0 -> 1 the
 * frame's contents are validated: every present entry must be allowed, and
 * takes the references it needs (recursively: an L2 entry takes an L1 type
 * reference on its target, which validates that L1, and so on).  When it
 * goes 1 -> 0 the entries' references are released at once.  The rules,
 * error codes and the order of checks follow Xen 4.17 for 64-bit PV guests,
 * so that guests see the same answers:
 *  - L1 entries may use P, RW, US, A, D, G, NX, available bits 9-11 and
 *    52-62 (no PWT/PCD/PAT: there is no I/O privilege yet) else -EINVAL;
 *    the target must be RAM owned by the domain (-EBUSY otherwise, -EPERM
 *    for a frame beyond the frame table, -EINVAL for the all-ones frame
 *    number); a RW entry also takes a writable type reference (-EBUSY if
 *    the target is a page table or descriptor page).
 *  - L2/L3/L4 entries may use P, RW, US, A, D, NX and the available bits
 *    (no PSE: no superpages for PV guests) else -EINVAL; the target must
 *    take the next lower table type, or else be a read-only "linear" entry
 *    naming a table of the same level: the table itself (no reference), or
 *    another one already validated as that level, which must not itself
 *    have linear entries (so linear chains are one step long and releasing
 *    them cannot recurse without bound).  Otherwise -EINVAL.
 *  - L4 slots 256-271 belong to the hypervisor: validation skips them and
 *    then installs the hypervisor's entries there; no update may touch them.
 *  - Accepted entries are stored adjusted for a ring-3 guest kernel, as on
 *    Xen: US set at every level (A too in L4s); an L1 kernel mapping (US
 *    clear) is marked with bit 52, a user one made global.
 * Non-present entries are never looked at.
 * Because a table gets its type count before its entries are validated and
 * levels strictly decrease along non-linear entries, a cycle of tables can
 * never be validated: the entry closing it finds a frame in use as another
 * type and fails (-EINVAL; -EBUSY if it is an L1 entry mapping a table
 * writable).  Validation therefore nests at most four levels deep.
 *
 * Nothing here locks: callers serialise changes to one domain's frames.
 * The get and pin functions take any frame number and answer a bad one
 * with an error; a put without its get is a hypervisor bug and panics.
 * Nothing is preemptible yet: pinning a full L4 walks every table below.
 */
#ifndef PAGE_TYPE_H
#define PAGE_TYPE_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"

struct domain;
struct vcpu;

/* The hypervisor's L4 slots in every guest root (0xffff800000000000...). */
#define PV_L4_HV_FIRST_SLOT 256
#define PV_L4_HV_LAST_SLOT 271

static inline bool pv_l4_slot_is_hypervisors(unsigned int slot)
{
	return slot >= PV_L4_HV_FIRST_SLOT && slot <= PV_L4_HV_LAST_SLOT;
}

static inline bool pv_type_is_table(enum pv_page_type t)
{
	return t >= PV_TYPE_L1 && t <= PV_TYPE_L4;
}

/* Types whose 0 -> 1 transition checks the frame's contents. */
static inline bool pv_type_needs_validation(enum pv_page_type t)
{
	return pv_type_is_table(t) || t == PV_TYPE_SEG_DESC;
}

/*
 * Takes a general reference on @mfn for @owner: 0, or -PV_EINVAL if there
 * is no such frame, @owner does not own it, or the count would overflow.
 */
int page_get_ref(uint64_t mfn, const struct domain *owner);
void page_put_ref(uint64_t mfn);

/*
 * Takes a reference to @mfn as @type, on behalf of @d (whose frames its
 * entries may name).  The caller holds a general reference.  0, or
 * -PV_EINVAL (wrong type in use, overflow, no such frame) or the error that
 * validation found.  On failure nothing is held.
 */
int page_get_type(uint64_t mfn, const struct domain *d, enum pv_page_type type);
void page_put_type(uint64_t mfn);

/* Both of the above; on failure neither is held. */
int page_get_ref_and_type(uint64_t mfn, const struct domain *d, enum pv_page_type type);
void page_put_ref_and_type(uint64_t mfn);

/*
 * MMUEXT_PIN_Ln (@level PV_TYPE_L1..L4) / MMUEXT_UNPIN_TABLE.  A pin holds
 * a general and a type reference until unpinned.  Errors: -PV_EINVAL for a
 * frame @d does not own, a wrong level, a frame already pinned or in use as
 * another type, or whatever validation answered; unpin: -PV_EINVAL if not
 * owned or not pinned.
 */
int page_pin(uint64_t mfn, const struct domain *d, enum pv_page_type level);
int page_unpin(uint64_t mfn, const struct domain *d);

/*
 * L4 table @mfn becomes @v's kernel root (MMUEXT_NEW_BASEPTR, MOV to CR3;
 * pv/mm/mmuext-op.c): it takes a reference and an L4 type, and the old
 * root drops its once the CPU has moved.  0 or their error.
 */
int pv_new_kernel_root(struct vcpu *v, uint64_t mfn);

/*
 * Replaces entry @index of the validated page table @table_mfn (owned by
 * @d) with @new_entry: checks it, takes the references it needs, writes it
 * and releases what the old entry held.  With @preserve_ad the old entry's
 * accessed/dirty bits are kept.  0, or -PV_EINVAL for a frame that is not
 * a validated table of @d, a bad index or a hypervisor L4 slot, or the
 * error of the entry's rule (see above).
 */
int page_table_update(uint64_t table_mfn, unsigned int index, uint64_t new_entry,
		      const struct domain *d, bool preserve_ad);

/*
 * Teardown: drops every pin on @d's frames, which releases everything the
 * pinned tables held, then logs an error for each of @d's frames still
 * referenced or typed (a leak: something else kept a reference).
 */
void page_types_release_domain(struct domain *d);

/*
 * Checks and fixes up one 64-bit PV descriptor (GDT/LDT entry) in place;
 * false if the guest may not have it.  Also for update_descriptor.
 */
/*
 * Emulates a guest kernel's write to one of its L1 tables through a
 * read-only mapping (writable page tables, ptwr.c); false if the fault at
 * @cr2 is not one it can emulate.
 */
struct cpu_regs;
struct vcpu;
bool ptwr_handle_fault(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2);

bool pv_descriptor_check(const struct domain *d, uint64_t *desc);

/* ---- Provided by the arch (mm/pagetables.c) and, for tests, the host shim ---- */

/* The 512 entries of frame @mfn (arch: through the direct map); NULL beyond RAM. */
uint64_t *pv_frame_table_entries(uint64_t mfn);

/* Writes the hypervisor's entries into slots 256-271 of a guest L4. */
void pv_l4_install_hypervisor_slots(uint64_t *l4);

/*
 * @mfn, owned by @d, changes type from @old_type to @new_type: no CPU may
 * keep a TLB entry from its previous use (above all a writable one once it
 * becomes a page table or descriptor page).
 */
void pv_flush_for_type_change(const struct domain *d, uint64_t mfn,
			      enum pv_page_type old_type, enum pv_page_type new_type);

#endif
