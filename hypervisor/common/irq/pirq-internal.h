/*
 * Inside common/irq/: the per-domain pirq table (pirq.c) as the guest
 * binding code (irq_guest.c) sees it.
 */
#ifndef PIRQ_INTERNAL_H
#define PIRQ_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "pirq.h"

/*
 * irq: the IRQ the pirq is mapped to; 0 none; PIRQ_RESERVED once
 * get_free_pirq handed it out.  detached: unmapped while bound (Xen's
 * forced unbind, where Xen keeps -IRQ): the IRQ is kept, and counts as
 * not mapped, until the port closes.  A pirq "exists" (Xen's pirq_info)
 * while irq is not 0.
 */
#define PIRQ_RESERVED (-1)

struct pirq_entry {
	int32_t irq;
	bool detached;
	bool masked;   /* delivered, awaiting the guest's EOI */
	uint32_t port; /* event channel bound to it, 0 if none */
};

struct pirq_domain {
	unsigned int limit;
	uint8_t irq_access[PIRQ_GSI_MAX / 8]; /* IRQs the domain may map */
	/*
	 * The EOI bitmap page (pirq_eoi_gmfn), held with a writable type
	 * reference: bit N set says pirq N needs PHYSDEVOP_eoi.  NULL if none.
	 */
	uint64_t *eoi_map;
	uint64_t eoi_map_mfn;
	bool auto_unmask; /* v1: PHYSDEVOP_eoi also unmasks the port */
	struct pirq_entry entry[];
};

/* @d's table, made at first use; NULL if out of memory. */
struct pirq_domain *pirq_table(struct domain *d);

/* The pirq @irq is mapped to in @t, -pirq after a forced unbind, 0 if none. */
int pirq_of_irq(const struct pirq_domain *t, int irq);

/* Whether the hypervisor uses @gsi itself. */
bool pirq_gsi_reserved(unsigned int gsi);

/*
 * @d's pirq @pirq is mapped to @irq and bound: takes @d off the IRQ's
 * guests as if its port were closed (Xen's pirq_guest_force_unbind).
 */
void irq_guest_unbind(struct domain *d, struct pirq_entry *e, int irq);

/* Whether any domain is bound to @gsi (its line is in use). */
bool irq_guest_bound(unsigned int gsi);

/* The guest EOI of @e (mapped to @irq): the line is unmasked after the last one. */
void irq_guest_eoi(struct pirq_entry *e, int irq);

#endif
