/* The identity of the physical CPU, from CPUID. */
#include "arch/cpu.h"
#include "lib/string.h"
#include "pcpu.h"

void pcpu_identify(struct pcpu_identity *id)
{
	struct cpuid_regs vendor = cpuid(0, 0), sig = cpuid(1, 0);

	memcpy(id->vendor_id, &vendor.ebx, 4);
	memcpy(id->vendor_id + 4, &vendor.edx, 4);
	memcpy(id->vendor_id + 8, &vendor.ecx, 4);
	pcpu_decode_signature(sig.eax, id);
	id->apic_id = sig.ebx >> 24; /* the initial APIC id */
	/*
	 * Xen reads the ACPI processor id from the MADT, which we do not
	 * parse; firmware numbers a single CPU's APIC and ACPI ids alike.
	 */
	id->acpi_id = id->apic_id;
}
