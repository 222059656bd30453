/*
 * Physical IRQs as guests see them (Xen's "pirqs"): each domain has a
 * table of pirq numbers, 0 to pirq_limit()-1, and a pirq is mapped to a
 * machine IRQ, here always a GSI of the I/O APICs (the IRQ number is the
 * GSI, as Xen numbers them).  Dom0 maps GSIs for itself or for another
 * domain through physdev_op; everything here follows Xen 4.17's
 * allocate_and_map_gsi_pirq, map_domain_pirq, unmap_domain_pirq and
 * get_free_pirq, their checks and error codes in their order.
 *
 * A domain may map an IRQ only if it has access to it: dom0 starts with
 * access to IRQs 1 to pirq_gsi_count()-1 (IRQ 0, the timer's, stays the
 * hypervisor's), mapping an IRQ into a domain grants that domain access,
 * and unmapping takes it away again, dom0's too, as on Xen.
 *
 * A mapped pirq is bound to an event channel (EVTCHNOP_bind_pirq); the
 * IRQ's interrupts then raise the port (common/irq/irq_guest.c).
 *
 * The table is made at the domain's first pirq operation and freed when
 * the domain is reaped.  Everything runs on the one CPU with interrupts
 * off: no locking.
 */
#ifndef PIRQ_H
#define PIRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

/* The most GSIs tracked (Xen caps nr_irqs_gsi at the EOI bitmap's bits). */
#define PIRQ_GSI_MAX 256

/*
 * Xen's nr_irqs_gsi: one past the highest GSI of the I/O APICs, at least
 * 16; and nr_irqs, the IRQ numbers there are (GSIs and dynamic ones).
 */
unsigned int pirq_gsi_count(void);
unsigned int pirq_irq_count(void);

/* Xen's d->nr_pirqs: dom0 gets room for dynamic IRQs, a domU 32 beyond the GSIs. */
unsigned int pirq_limit(const struct domain *d);

/* The hypervisor's own IRQs (its timer's, its UART's): setup_gsi says they are in use. */
void pirq_reserve_gsi(unsigned int gsi);

/*
 * PHYSDEVOP_setup_gsi by @curr: the trigger mode (1: level) and polarity
 * (1: active low) of @gsi, from dom0's ACPI tables, programmed into its
 * (masked) I/O APIC pin once: 0; -PV_EINVAL for a GSI out of range or on
 * no I/O APIC; -PV_EPERM for a domU; -PV_EEXIST if the hypervisor uses
 * it, a domain is bound to it, or it was set up before.
 */
int pirq_setup_gsi(struct domain *curr, int gsi, int triggering, int polarity);

/*
 * PHYSDEVOP_map_pirq of MAP_PIRQ_TYPE_GSI @index into @d by @curr (who
 * may: checked by the caller).  *@pirq < 0 asks for a free pirq (or the
 * one the IRQ already has); on success *@pirq is the pirq.  0 also when
 * the pirq or the IRQ is already mapped elsewhere (Xen does nothing
 * then); -PV_EINVAL, -PV_EPERM, -PV_EEXIST, -PV_EBUSY, -PV_ENOSPC or
 * -PV_ENOMEM as Xen.
 */
int pirq_map_gsi(struct domain *curr, struct domain *d, int index, int *pirq);

/*
 * PHYSDEVOP_map_pirq of an MSI type into @d, which this hypervisor cannot
 * build: Xen's answers up to where it would look at the device's MSI
 * capability, then -PV_ENODEV (as Xen for a device without one), or 0
 * with *@pirq set where Xen finds the pirq already mapped.  @entry_nr is
 * MULTI_MSI's vector count (more than one needs interrupt remapping:
 * -PV_EOPNOTSUPP, as Xen without it).
 */
int pirq_map_msi(struct domain *curr, struct domain *d, int type, int index, int *pirq,
		 int entry_nr);

/*
 * PHYSDEVOP_apic_write by dom0 @curr (Xen's ioapic_guest_write): register
 * @reg of the I/O APIC at @physbase.  Only the low half of a redirection
 * entry counts (other registers: 0, nothing written); an unmasked entry
 * names a pirq in its vector field, which is mapped to the input's GSI;
 * its trigger mode and polarity are kept, the input stays masked until a
 * port is bound.  0; -PV_EINVAL for an unknown I/O APIC, a pin beyond
 * it, a delivery mode other than fixed or lowest priority, or a pirq
 * beyond @curr's; the mapping's errors; 0 untouched for a line in use.
 */
int pirq_ioapic_write(struct domain *curr, uint64_t physbase, uint32_t reg, uint32_t value);

/* PHYSDEVOP_unmap_pirq of @pirq of @d: 0, or -PV_EINVAL if it is not mapped. */
int pirq_unmap(struct domain *d, int pirq);

/*
 * PHYSDEVOP_get_free_pirq: a free pirq of @d for @type (GSI: from 16 up
 * among the GSI numbers first; else from the top down), now reserved so
 * it is not handed out again; -PV_ENOSPC or -PV_ENOMEM.
 */
int pirq_get_free(struct domain *d, int type);

/* The IRQ @pirq of @d is mapped to: > 0 mapped, 0 none, < 0 reserved. */
int pirq_to_irq(struct domain *d, int pirq);

/*
 * PHYSDEVOP_irq_status_query: the XENIRQSTAT_* flags of @pirq in *@flags;
 * -PV_EINVAL for a pirq out of range.
 */
int pirq_status(struct domain *d, int pirq, uint32_t *flags);

/*
 * PHYSDEVOP_eoi of @pirq: 0, and a level line waiting for this EOI is
 * unmasked after its last guest's; -PV_EINVAL for a pirq out of range or
 * one the domain does not have (mapped, reserved or still bound).
 */
int pirq_eoi(struct domain *d, int pirq);

/*
 * EVTCHNOP_bind_pirq's checks before it takes a port: -PV_EINVAL for a
 * pirq out of range, -PV_EPERM for one not mapped (reserved, or unmapped
 * while bound, or whose IRQ @d may not use), -PV_EEXIST if a port is bound
 * to it already; else 0.
 */
int pirq_bind_check(struct domain *d, uint32_t pirq);

/*
 * Binds @port of @d to @pirq (which passed pirq_bind_check), adding @d to
 * its IRQ's guests and enabling the line for the first: 0; -PV_EBUSY if
 * the hypervisor uses the IRQ, or it has guests and one side will not
 * share, or it has IRQ_MAX_GUESTS.
 */
int pirq_guest_bind(struct domain *d, uint32_t pirq, uint32_t port, bool will_share);

/*
 * The port bound to @pirq of @d is closing: @d leaves the IRQ's guests (the
 * last one masks a level line); a pirq unmapped while bound is freed now.
 */
void pirq_guest_unbind(struct domain *d, uint32_t pirq);

/*
 * An interrupt on @gsi (arch, after acknowledging the local APIC and, for
 * a level-triggered line, masking it): raises the port of each guest
 * bound to it; a level line stays masked until they have all EOId.
 */
void pirq_interrupt(unsigned int gsi);

/*
 * PHYSDEVOP_pirq_eoi_gmfn_v1/v2: frame @mfn of @d becomes its EOI bitmap,
 * held with a writable type reference until the domain is reaped; binding
 * a pirq sets its bit if it needs PHYSDEVOP_eoi (level-triggered), clears
 * it if not.  With v1 (@auto_unmask) PHYSDEVOP_eoi also unmasks the pirq's
 * port.  0; -PV_EINVAL for a frame @d does not own or that cannot be
 * writable; -PV_EBUSY if it has one; -PV_ENOMEM.
 */
int pirq_eoi_map_register(struct domain *d, uint64_t mfn, bool auto_unmask);

/* Frees @d's pirq table and releases its EOI bitmap page (domain reap). */
void pirq_domain_free(struct domain *d);

#endif
