/*
 * The physical CPU Ringvisor runs on, as dom0's CPU queries (platform_op
 * get_cpuinfo and get_cpu_version, mca physcpuinfo) describe it.  Ringvisor uses one
 * physical CPU: number 0, present and online.
 */
#ifndef PCPU_H
#define PCPU_H

#include <stdint.h>

#include "hypercall-abi/mca.h"

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

/* Xen's vendor bits, as mca physcpuinfo reports them in mc_vendor. */
#define PCPU_VENDOR_INTEL 0x1
#define PCPU_VENDOR_AMD 0x2
#define PCPU_VENDOR_CENTAUR 0x4
#define PCPU_VENDOR_SHANGHAI 0x8
#define PCPU_VENDOR_HYGON 0x10

/* The vendor bit of the CPUID vendor string @vendor_id; 0 if unknown. */
uint32_t pcpu_vendor_bit(const char vendor_id[12]);

/* Arch: CPU 0's vendor bit. */
uint32_t pcpu_vendor(void);

/*
 * The brand string from CPUID leaves 0x80000002-4 in @brand's first 48
 * bytes, as Xen keeps it: leading spaces dropped, NUL-padded to 64.
 */
void pcpu_brand_trim(char brand[64]);

/* Arch: CPU 0's machine-check record, as Xen's physcpuinfo fills it. */
void pcpu_mc_logical_cpu(struct pv_mc_logical_cpu *cpu);

#endif
