/*
 * The I/O APICs, which the hypervisor owns: found in the ACPI MADT (or
 * the usual one at 0xfec00000), every input masked at boot; dom0 may read
 * their registers through physdev_op and map their pages read-only.
 */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

void ioapic_init(void);

/*
 * Reads register @reg of the I/O APIC whose registers are at @physbase
 * (Xen's ioapic_guest_read): 0, or -PV_EINVAL if no I/O APIC is there.
 */
int ioapic_guest_read(uint64_t physbase, uint32_t reg, uint32_t *value);

/*
 * For a guest's write of register @reg of the I/O APIC at @physbase: the
 * GSI whose redirection entry's low half @reg is; IOAPIC_NOT_AN_RTE for
 * any other register; -PV_EINVAL if no I/O APIC is there or the pin is
 * beyond its inputs.
 */
#define IOAPIC_NOT_AN_RTE (-1)
int ioapic_guest_gsi(uint64_t physbase, uint32_t reg);

/* One past the highest GSI of the I/O APICs found (0 if none). */
unsigned int ioapic_gsi_end(void);

/* Whether an I/O APIC has input @gsi. */
bool ioapic_has_gsi(unsigned int gsi);

/* Sets input @gsi's trigger mode and polarity, leaving it masked. */
void ioapic_set_gsi_mode(unsigned int gsi, bool level, bool active_low);

/* Whether input @gsi is level-triggered. */
bool ioapic_gsi_is_level(unsigned int gsi);

/*
 * Routes input @gsi to this CPU at a vector of its own, whose interrupts
 * go to pirq_interrupt(), and unmasks it.
 */
void ioapic_gsi_enable(unsigned int gsi);

/* Masks or unmasks input @gsi. */
void ioapic_gsi_mask(unsigned int gsi, bool masked);

#endif
