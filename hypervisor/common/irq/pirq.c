/*
 * The per-domain pirq tables and the per-GSI set-up state (see pirq.h
 * and pirq-internal.h for an entry's states).
 */
#include <stddef.h>

#include "arch/ioapic.h"
#include "evtchn.h"
#include "heap.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "page_type.h"
#include "pcpu.h"
#include "pirq-internal.h"
#include "printk.h"

#define LEGACY_IRQS 16
/* Xen's vectors for device IRQs per CPU (NR_DYNAMIC_VECTORS). */
#define DYNAMIC_VECTORS 184
#define DOMU_EXTRA_PIRQS 32
#define MSI_MAX_VECTORS 32 /* in one MULTI_MSI mapping */
/* A redirection entry's low half, as dom0 writes it. */
#define RTE_VECTOR_BITS 0xffu
#define RTE_DELIVERY_SHIFT 8
#define RTE_DELIVERY_BITS 7u
#define RTE_DELIVERY_LOWEST 1u /* fixed (0) and lowest priority (1) only */
#define RTE_ACTIVE_LOW_BIT (1u << 13)
#define RTE_LEVEL_BIT (1u << 15)
#define RTE_MASK_BIT (1u << 16)

static struct {
	bool reserved;   /* the hypervisor's own */
	bool programmed; /* setup_gsi done */
} gsis[PIRQ_GSI_MAX];

unsigned int pirq_gsi_count(void)
{
	unsigned int n = ioapic_gsi_end();

	if (n < LEGACY_IRQS)
		return LEGACY_IRQS;
	return n > PIRQ_GSI_MAX ? PIRQ_GSI_MAX : n;
}

unsigned int pirq_irq_count(void)
{
	unsigned int dynamic = PCPU_COUNT * DYNAMIC_VECTORS, eight_per_gsi = 8 * pirq_gsi_count();

	return dynamic > eight_per_gsi ? dynamic : eight_per_gsi;
}

/* Xen's fls(): the number of the highest set bit, counting from 1. */
static unsigned int highest_bit(unsigned int x)
{
	unsigned int n = 0;

	for (; x; x >>= 1)
		n++;
	return n;
}

unsigned int pirq_limit(const struct domain *d)
{
	unsigned int n = pirq_gsi_count() +
			 (d->privileged ? highest_bit(PCPU_COUNT) * DYNAMIC_VECTORS : DOMU_EXTRA_PIRQS);

	return n < pirq_irq_count() ? n : pirq_irq_count();
}

void pirq_reserve_gsi(unsigned int gsi)
{
	if (gsi < PIRQ_GSI_MAX)
		gsis[gsi].reserved = true;
}

bool pirq_gsi_reserved(unsigned int gsi)
{
	return gsi < PIRQ_GSI_MAX && gsis[gsi].reserved;
}

static bool may_access(const struct pirq_domain *t, int irq)
{
	return irq >= 0 && irq < PIRQ_GSI_MAX && (t->irq_access[irq / 8] & (1u << (irq % 8)));
}

static void set_access(struct pirq_domain *t, int irq, bool allowed)
{
	if (allowed)
		t->irq_access[irq / 8] |= (uint8_t)(1u << (irq % 8));
	else
		t->irq_access[irq / 8] &= (uint8_t) ~(1u << (irq % 8));
}

/* Dom0's table starts with its initial IRQ access. */
struct pirq_domain *pirq_table(struct domain *d)
{
	unsigned int limit = pirq_limit(d);
	struct pirq_domain *t = d->pirqs;

	if (t)
		return t;
	t = xzalloc(sizeof(*t) + limit * sizeof(t->entry[0]));
	if (!t)
		return NULL;
	t->limit = limit;
	if (d->privileged) {
		for (unsigned int irq = 1; irq < pirq_gsi_count(); irq++)
			set_access(t, (int)irq, true);
	}
	d->pirqs = t;
	return t;
}

int pirq_to_irq(struct domain *d, int pirq)
{
	const struct pirq_domain *t = d->pirqs;
	const struct pirq_entry *e;

	if (!t || pirq < 0 || (unsigned int)pirq >= t->limit)
		return 0;
	e = &t->entry[pirq];
	return e->detached ? -e->irq : e->irq;
}

int pirq_of_irq(const struct pirq_domain *t, int irq)
{
	for (unsigned int pirq = 0; pirq < t->limit; pirq++) {
		if (t->entry[pirq].irq == irq)
			return t->entry[pirq].detached ? -(int)pirq : (int)pirq;
	}
	return 0;
}

int pirq_setup_gsi(struct domain *curr, int gsi, int triggering, int polarity)
{
	if (gsi < 0 || (unsigned int)gsi >= pirq_gsi_count())
		return -PV_EINVAL;
	if (!curr->privileged)
		return -PV_EPERM;
	if (!ioapic_has_gsi((unsigned int)gsi))
		return -PV_EINVAL;
	if (gsis[gsi].reserved || irq_guest_bound((unsigned int)gsi) || gsis[gsi].programmed)
		return -PV_EEXIST;
	gsis[gsi].programmed = true;
	ioapic_set_gsi_mode((unsigned int)gsi, triggering != 0, polarity != 0);
	return 0;
}

static int find_free(const struct pirq_domain *t, int type)
{
	int gsi_count = (int)pirq_gsi_count();

	if (type == PV_MAP_PIRQ_TYPE_GSI) {
		for (int pirq = LEGACY_IRQS; pirq < gsi_count; pirq++) {
			if (!t->entry[pirq].irq)
				return pirq;
		}
	}
	for (int pirq = (int)t->limit - 1; pirq >= gsi_count; pirq--) {
		if (!t->entry[pirq].irq)
			return pirq;
	}
	return -PV_ENOSPC;
}

/*
 * Xen's allocate_pirq: the pirq to map @irq (0: a new IRQ) to, given the
 * caller's @pirq (< 0: any); MULTI_MSI asks for @nr vectors.
 */
static int choose_pirq(const struct pirq_domain *t, int irq, int pirq, int type, int nr)
{
	int current_pirq = irq > 0 ? pirq_of_irq(t, irq) : 0;

	if (pirq >= 0)
		return current_pirq && pirq != current_pirq ? -PV_EEXIST : pirq;
	if (current_pirq < 0)
		return -PV_EBUSY; /* still bound after an unmap */
	if (current_pirq)
		return current_pirq;
	if (type == PV_MAP_PIRQ_TYPE_MULTI_MSI) {
		if (nr <= 0 || nr > MSI_MAX_VECTORS)
			return -PV_EDOM;
		/* More than one vector needs interrupt remapping, which there is not. */
		if (nr != 1)
			return -PV_EOPNOTSUPP;
	}
	return find_free(t, type);
}

/*
 * Xen's map_domain_pirq up to the device: 1 if it would go on to map (the
 * caller does), 0 if the pirq or IRQ is mapped otherwise (Xen leaves it
 * so and succeeds), or an error.
 */
static int check_mapping(const struct pirq_domain *caller, struct domain *d,
			 const struct pirq_domain *t, int pirq, int irq)
{
	int old_irq, old_pirq;

	if (!may_access(caller, irq))
		return -PV_EPERM;
	if (pirq < 0 || (unsigned int)pirq >= t->limit || irq <= 0 ||
	    (unsigned int)irq >= pirq_irq_count())
		return -PV_EINVAL;
	old_irq = pirq_to_irq(d, pirq);
	old_pirq = pirq_of_irq(t, irq);
	if ((old_irq > 0 && old_irq != irq) || (old_pirq && old_pirq != pirq)) {
		printk(LOG_WARNING "d%u: pirq %d or irq %d already mapped (%d,%d)\n", d->domid,
		       pirq, irq, old_pirq, old_irq);
		return 0;
	}
	return 1;
}

/* Xen's map_domain_pirq of GSI @irq: 0 (also when Xen leaves another mapping), or an error. */
static int map_irq(const struct pirq_domain *caller, struct domain *d, struct pirq_domain *t,
		   int pirq, int irq)
{
	int rc = check_mapping(caller, d, t, pirq, irq);

	if (rc <= 0)
		return rc;
	set_access(t, irq, true);
	t->entry[pirq].irq = irq;
	t->entry[pirq].detached = false;
	return 0;
}

int pirq_map_gsi(struct domain *curr, struct domain *d, int index, int *pirq)
{
	struct pirq_domain *caller, *t;
	int irq, chosen, rc;

	if (index < 0 || (unsigned int)index >= pirq_gsi_count())
		return -PV_EINVAL;
	caller = pirq_table(curr);
	t = pirq_table(d);
	if (!caller || !t)
		return -PV_ENOMEM;
	/* As Xen: the caller's own mapping of pirq @index names the IRQ, else dom0 means the GSI. */
	irq = pirq_to_irq(curr, index);
	if (irq <= 0) {
		if (!curr->privileged)
			return -PV_EINVAL;
		irq = index;
	}
	chosen = choose_pirq(t, irq, *pirq, PV_MAP_PIRQ_TYPE_GSI, 0);
	if (chosen < 0)
		return chosen;
	rc = map_irq(caller, d, t, chosen, irq);
	if (!rc)
		*pirq = chosen;
	return rc;
}

int pirq_map_msi(struct domain *curr, struct domain *d, int type, int index, int *pirq,
		 int entry_nr)
{
	/* Xen makes a new IRQ for index -1 (always for MULTI_MSI), which the caller may use. */
	bool new_irq = type == PV_MAP_PIRQ_TYPE_MULTI_MSI || index == -1;
	struct pirq_domain *t;
	int chosen;

	if (!new_irq && ((unsigned int)index < pirq_gsi_count() ||
			 (unsigned int)index >= pirq_irq_count()))
		return -PV_EINVAL;
	t = pirq_table(d);
	if (!t || !pirq_table(curr))
		return -PV_ENOMEM;
	/* No IRQ above the GSIs is ever mapped here, so none has a pirq yet. */
	chosen = choose_pirq(t, 0, *pirq, type, entry_nr);
	if (chosen < 0)
		return chosen;
	/* An existing dynamic IRQ is none the caller made: no access. */
	if (!new_irq)
		return -PV_EPERM;
	if ((unsigned int)chosen >= t->limit)
		return -PV_EINVAL;
	if (pirq_to_irq(d, chosen) > 0) {
		printk(LOG_WARNING "d%u: pirq %d already mapped to irq %d\n", d->domid, chosen,
		       pirq_to_irq(d, chosen));
		*pirq = chosen;
		return 0;
	}
	return -PV_ENODEV;
}

int pirq_ioapic_write(struct domain *curr, uint64_t physbase, uint32_t reg, uint32_t value)
{
	int gsi = ioapic_guest_gsi(physbase, reg);
	bool masked = value & RTE_MASK_BIT;
	int pirq = masked ? -1 : (int)(value & RTE_VECTOR_BITS);
	struct pirq_domain *t;

	if (gsi < 0)
		return gsi == IOAPIC_NOT_AN_RTE ? 0 : gsi;
	if (((value >> RTE_DELIVERY_SHIFT) & RTE_DELIVERY_BITS) > RTE_DELIVERY_LOWEST)
		return -PV_EINVAL;
	if (pirq >= 0 && (unsigned int)pirq >= pirq_limit(curr))
		return -PV_EINVAL;
	/* A line in use keeps its entry (Xen warns and answers 0). */
	if (irq_guest_bound((unsigned int)gsi))
		return 0;
	if (pirq >= 0) {
		int rc;

		t = pirq_table(curr);
		if (!t)
			return -PV_ENOMEM;
		rc = map_irq(t, curr, t, pirq, gsi);
		if (rc)
			return rc;
	}
	/* The input stays masked until a port is bound to it. */
	ioapic_set_gsi_mode((unsigned int)gsi, value & RTE_LEVEL_BIT, value & RTE_ACTIVE_LOW_BIT);
	return 0;
}

int pirq_unmap(struct domain *d, int pirq)
{
	struct pirq_domain *t = d->pirqs;
	int irq;

	if (pirq < 0 || (unsigned int)pirq >= pirq_limit(d))
		return -PV_EINVAL;
	irq = pirq_to_irq(d, pirq);
	if (irq <= 0) {
		printk(LOG_WARNING "d%u: pirq %d not mapped\n", d->domid, pirq);
		return -PV_EINVAL;
	}
	if (t->entry[pirq].port) {
		printk(LOG_WARNING "d%u: forcing unbind of pirq %d\n", d->domid, pirq);
		irq_guest_unbind(d, &t->entry[pirq], irq);
		t->entry[pirq].detached = true;
	} else {
		t->entry[pirq].irq = 0;
	}
	set_access(t, irq, false);
	return 0;
}

int pirq_bind_check(struct domain *d, uint32_t pirq)
{
	int irq;

	if (pirq >= pirq_limit(d))
		return -PV_EINVAL;
	/* Reserved or unmapped-while-bound pirqs have no IRQ either. */
	irq = pirq_to_irq(d, (int)pirq);
	if (irq <= 0 || !may_access(d->pirqs, irq))
		return -PV_EPERM;
	return d->pirqs->entry[pirq].port ? -PV_EEXIST : 0;
}

int pirq_get_free(struct domain *d, int type)
{
	struct pirq_domain *t = pirq_table(d);
	int pirq;

	if (!t)
		return -PV_ENOMEM;
	pirq = find_free(t, type);
	if (pirq >= 0)
		t->entry[pirq].irq = PIRQ_RESERVED;
	return pirq;
}

int pirq_status(struct domain *d, int pirq, uint32_t *flags)
{
	if (pirq < 0 || (unsigned int)pirq >= pirq_limit(d))
		return -PV_EINVAL;
	/*
	 * Xen always says needs_eoi: a guest without the EOI bitmap must EOI
	 * every pirq.  Nothing is shared between domains here.
	 */
	*flags = PV_XENIRQSTAT_needs_eoi;
	return 0;
}

int pirq_eoi(struct domain *d, int pirq)
{
	int irq = pirq_to_irq(d, pirq);

	if (pirq < 0 || (unsigned int)pirq >= pirq_limit(d) || !irq)
		return -PV_EINVAL;
	if (d->pirqs->auto_unmask)
		evtchn_unmask(d, d->pirqs->entry[pirq].port);
	if (irq > 0)
		irq_guest_eoi(&d->pirqs->entry[pirq], irq);
	return 0;
}

int pirq_eoi_map_register(struct domain *d, uint64_t mfn, bool auto_unmask)
{
	struct pirq_domain *t;

	if (page_get_ref_and_type(mfn, d, PV_TYPE_WRITABLE))
		return -PV_EINVAL;
	t = pirq_table(d);
	if (!t || t->eoi_map) {
		page_put_ref_and_type(mfn);
		return t ? -PV_EBUSY : -PV_ENOMEM;
	}
	t->eoi_map = pv_frame_table_entries(mfn);
	t->eoi_map_mfn = mfn;
	t->auto_unmask = auto_unmask;
	return 0;
}

void pirq_domain_free(struct domain *d)
{
	if (d->pirqs && d->pirqs->eoi_map)
		page_put_ref_and_type(d->pirqs->eoi_map_mfn);
	xfree(d->pirqs);
	d->pirqs = NULL;
}
