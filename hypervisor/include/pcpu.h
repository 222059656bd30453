/*
 * The physical CPU Ringvisor runs on, as dom0's CPU queries (platform_op
 * get_cpuinfo and get_cpu_version) describe it.  Ringvisor uses one
 * physical CPU: number 0, present and online.
 */
#ifndef PCPU_H
#define PCPU_H

#include <stdint.h>

#define PCPU_COUNT 1

struct pcpu_identity {
	uint32_t apic_id;
	uint32_t acpi_id;
	char vendor_id[12]; /* CPUID leaf 0's EBX, EDX, ECX */
	uint32_t family, model, stepping;
};

/* Arch: the identity of CPU 0. */
void pcpu_identify(struct pcpu_identity *id);

/*
 * The family, model and stepping encoded in CPUID leaf 1's EAX @eax, with
 * the extended family counted from family 0xf and the extended model from
 * family 6, as Xen decodes them.
 */
void pcpu_decode_signature(uint32_t eax, struct pcpu_identity *id);

#endif
