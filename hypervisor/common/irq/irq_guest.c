/*
 * Guests bound to IRQs (Xen's irq_guest_action): EVTCHNOP_bind_pirq adds
 * a domain to its pirq's IRQ, the IRQ's interrupts raise the bound port
 * of every domain on it, and level-triggered ones keep the line masked
 * until each of them has EOId (Xen's ACKTYPE_UNMASK; edge-triggered ones
 * need no EOI: ACKTYPE_NONE).  The first guest enables the line; when the
 * last one goes, a level line is masked and an edge one left enabled, its
 * interrupts dropped, as Xen's I/O APIC handlers do.  Up to IRQ_MAX_GUESTS domains share an IRQ if all
 * of them bound it with BIND_PIRQ__WILL_SHARE.
 *
 * Unlike Xen there is no 1 ms EOI timer: a level line stays masked until
 * its guests EOI.
 */
#include "arch/ioapic.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "pirq-internal.h"
#include "printk.h"

/* Xen's default irq-max-guests. */
#define IRQ_MAX_GUESTS 32

static struct irq_action {
	struct domain *guests[IRQ_MAX_GUESTS];
	unsigned int nr_guests;
	unsigned int in_flight; /* guests that have not EOId the last interrupt */
	bool shareable;
	bool level;
} actions[PIRQ_GSI_MAX];

static struct pirq_entry *entry_of(struct domain *d, int pirq)
{
	return &d->pirqs->entry[pirq];
}

int pirq_guest_bind(struct domain *d, uint32_t pirq, uint32_t port, bool will_share)
{
	int irq = pirq_to_irq(d, (int)pirq);
	struct irq_action *a = &actions[irq];
	struct pirq_entry *e = entry_of(d, (int)pirq);

	if (pirq_gsi_reserved((unsigned int)irq)) {
		printk("Cannot bind IRQ%u to dom%u. In use by the hypervisor.\n", pirq, d->domid);
		return -PV_EBUSY;
	}
	if (a->nr_guests && (!will_share || !a->shareable)) {
		printk("Cannot bind IRQ%u to dom%u. %s.\n", pirq, d->domid,
		       will_share ? "Others do not share" : "Will not share with others");
		return -PV_EBUSY;
	}
	if (a->nr_guests >= (will_share ? IRQ_MAX_GUESTS : 1)) {
		printk("Cannot bind IRQ%u to d%u: already at max share %u\n", pirq, d->domid,
		       IRQ_MAX_GUESTS);
		return -PV_EBUSY;
	}
	if (!a->nr_guests) {
		a->shareable = will_share;
		a->level = ioapic_gsi_is_level((unsigned int)irq);
		a->in_flight = 0;
		ioapic_gsi_enable((unsigned int)irq);
	}
	a->guests[a->nr_guests++] = d;
	e->port = port;
	e->masked = false;
	if (d->pirqs->eoi_map) {
		uint64_t bit = 1ull << (pirq % 64);

		if (a->level)
			__atomic_fetch_or(&d->pirqs->eoi_map[pirq / 64], bit, __ATOMIC_SEQ_CST);
		else
			__atomic_fetch_and(&d->pirqs->eoi_map[pirq / 64], ~bit, __ATOMIC_SEQ_CST);
	}
	return 0;
}

void irq_guest_unbind(struct domain *d, struct pirq_entry *e, int irq)
{
	struct irq_action *a = &actions[irq];

	for (unsigned int i = 0; i < a->nr_guests; i++) {
		if (a->guests[i] != d)
			continue;
		a->guests[i] = a->guests[--a->nr_guests];
		break;
	}
	/* Its EOI will not come: as if it had. */
	if (e->masked)
		irq_guest_eoi(e, irq);
	/* As Xen's shutdown: a level line is masked, an edge one left as it is. */
	if (!a->nr_guests && a->level)
		ioapic_gsi_mask((unsigned int)irq, true);
}

bool irq_guest_bound(unsigned int gsi)
{
	return gsi < PIRQ_GSI_MAX && actions[gsi].nr_guests;
}

void pirq_guest_unbind(struct domain *d, uint32_t pirq)
{
	struct pirq_entry *e = entry_of(d, (int)pirq);

	if (e->detached) {
		e->irq = 0;
		e->detached = false;
	} else if (e->irq > 0) {
		irq_guest_unbind(d, e, e->irq);
	}
	e->port = 0;
}

void irq_guest_eoi(struct pirq_entry *e, int irq)
{
	struct irq_action *a = &actions[irq];

	if (!e->masked)
		return;
	e->masked = false;
	if (--a->in_flight == 0 && a->nr_guests)
		ioapic_gsi_mask((unsigned int)irq, false);
}

void pirq_interrupt(unsigned int gsi)
{
	struct irq_action *a;

	if (gsi >= PIRQ_GSI_MAX)
		return;
	a = &actions[gsi];
	/* Nobody bound: dropped (a level line stays masked, as the arch left it). */
	for (unsigned int i = 0; i < a->nr_guests; i++) {
		struct domain *d = a->guests[i];
		int pirq = pirq_of_irq(d->pirqs, (int)gsi);
		struct pirq_entry *e = entry_of(d, pirq);

		if (a->level && !e->masked) {
			e->masked = true;
			a->in_flight++;
		}
		evtchn_send_pirq(d, e->port);
	}
}
