/*
 * Releasing a dead domain's page-table state before its frames go back to
 * the allocator: the references its vCPUs' base pointers hold, then every
 * pin (which releases, level by level, what the tables' entries held), and
 * its vCPUs' FPU state.
 * And the TLB flush before a live domain's frames are given back.
 */
#include "arch/tlb.h"
#include "domain.h"
#include "page_type.h"

static void put_base(uint64_t *cr3)
{
	if (*cr3) {
		page_put_ref_and_type(*cr3 >> 12);
		*cr3 = 0;
	}
}

void arch_domain_release(struct domain *d)
{
	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		struct vcpu *v = d->vcpus[i];

		if (v) {
			pv_destroy_gdt(v);
			pv_destroy_ldt(v);
			put_base(&v->arch.kernel_cr3);
			put_base(&v->arch.user_cr3);
			fpu_vcpu_release(v);
		}
	}
	page_types_release_domain(d);
}

/* One physical CPU: its TLB is the only one @d can have used. */
void arch_domain_flush_tlbs(const struct domain *d)
{
	(void)d;
	flush_tlb_local();
}
