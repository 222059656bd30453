/*
 * Linear page tables: an L2, L3 or L4 entry naming a table of its own
 * level, so that the guest sees its page tables through a window of its
 * address space.  Allowed as Xen 4.17 allows them
 * (define_get_linear_pagetable), each rule for a reason:
 *  - read-only only: a writable one would let the guest write page-table
 *    entries without any check;
 *  - a table naming itself takes no reference: it cannot go away while it
 *    names itself, and a count it held on itself would keep it alive for
 *    ever;
 *  - another table must already be validated as that level (its
 *    validation may be the one in progress further up: it cannot be
 *    waited for) and owned by the domain;
 *  - a table with linear entries cannot itself be named by one, and a
 *    table named by one cannot get linear entries (struct frame
 *    linear_count).  So linear chains are one step long: releasing a table
 *    never starts an unbounded cascade of releases through linear entries.
 */
#include "mm-internal.h"
#include "panic.h"

bool pt_linear_get(uint64_t table_mfn, unsigned int level, uint64_t e,
		   const struct domain *d)
{
	uint64_t mfn = pte_mfn(e);
	struct frame *table = frame_get(table_mfn), *target;

	if (e & PTE_RW)
		return false;
	if (mfn == table_mfn)
		return true;
	if (!frame_owned_by(table, d) || page_get_ref(mfn, d))
		return false;
	target = frame_get(mfn);
	if (table->linear_count < 0 || table->linear_count == INT16_MAX ||
	    target->linear_count > 0 || target->linear_count == INT16_MIN ||
	    target->type != level || !(target->type_flags & PV_TYPE_VALIDATED) ||
	    page_get_type(mfn, d, (enum pv_page_type)level)) {
		page_put_ref(mfn);
		return false;
	}
	table->linear_count++;
	target->linear_count--;
	return true;
}

/*
 * Called for each non-self entry of table @table_mfn (@level) being
 * released, before its references go: undoes the linear accounting if the
 * entry was linear.  The target's type cannot have changed since the entry
 * took its type reference, so a target of the table's own level means a
 * linear entry.
 */
void pt_linear_put(uint64_t table_mfn, unsigned int level, uint64_t mfn)
{
	struct frame *table = frame_get(table_mfn), *target = frame_get(mfn);

	if (!table || !target || target->type != level)
		return;
	if (table->linear_count <= 0 || target->linear_count >= 0)
		panic("linear entry %#lx -> %#lx: counts %d and %d",
		      (unsigned long)table_mfn, (unsigned long)mfn,
		      table->linear_count, target->linear_count);
	table->linear_count--;
	target->linear_count++;
}
