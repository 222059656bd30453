/*
 * The identity of the physical CPU, from CPUID, for dom0's CPU queries;
 * the machine-check record adds the MCG_CAP register.
 */
#include "arch/cpu.h"
#include "lib/string.h"
#include "pcpu.h"

#define MSR_MCG_CAP 0x179
#define CPUID1_EDX_CLFLUSH (1u << 19)
#define CPUID1_EDX_MCA (1u << 14)

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

uint32_t pcpu_vendor(void)
{
	struct pcpu_identity id;

	pcpu_identify(&id);
	return pcpu_vendor_bit(id.vendor_id);
}

void pcpu_mc_logical_cpu(struct pv_mc_logical_cpu *cpu)
{
	uint32_t max_leaf = cpuid(0, 0).eax, max_ext = cpuid(0x80000000, 0).eax;
	struct cpuid_regs leaf1 = cpuid(1, 0);
	struct pcpu_identity id;

	pcpu_identify(&id);
	memset(cpu, 0, sizeof(*cpu));
	/* One package, core and thread: the one CPU we use. */
	cpu->mc_apicid = id.apic_id;
	cpu->mc_clusterid = id.apic_id;
	cpu->mc_ncores = cpu->mc_ncores_active = cpu->mc_nthreads = 1;
	cpu->mc_cpuid_level = (int32_t)max_leaf;
	cpu->mc_family = id.family;
	cpu->mc_vendor = pcpu_vendor_bit(id.vendor_id);
	cpu->mc_model = id.model;
	cpu->mc_step = id.stepping;
	memcpy(cpu->mc_vendorid, id.vendor_id, sizeof(id.vendor_id));
	cpu->mc_cpu_caps[0] = leaf1.edx;
	cpu->mc_cpu_caps[1] = leaf1.ecx;
	if (max_ext >= 0x80000001) {
		struct cpuid_regs e1 = cpuid(0x80000001, 0);

		cpu->mc_cpu_caps[2] = e1.edx;
		cpu->mc_cpu_caps[3] = e1.ecx;
	}
	if (max_leaf >= 0xd)
		cpu->mc_cpu_caps[4] = cpuid(0xd, 1).eax;
	if (max_leaf >= 7) {
		struct cpuid_regs l7 = cpuid(7, 0);

		cpu->mc_cpu_caps[5] = l7.ebx;
		cpu->mc_cpu_caps[6] = l7.ecx;
	}
	if (max_ext >= 0x80000004) {
		for (uint32_t i = 0; i < 3; i++) {
			struct cpuid_regs b = cpuid(0x80000002 + i, 0);

			memcpy(cpu->mc_brandid + 16 * i, &b, 16);
		}
		pcpu_brand_trim(cpu->mc_brandid);
	}
	if (max_ext >= 0x80000006)
		cpu->mc_cache_size = cpuid(0x80000006, 0).ecx >> 16; /* L2, KiB */
	if (leaf1.edx & CPUID1_EDX_CLFLUSH)
		cpu->mc_cache_alignment = ((leaf1.ebx >> 8) & 0xff) * 8;
	cpu->mc_nmsrvals = 1;
	cpu->mc_msrvalues[0].reg = MSR_MCG_CAP;
	if (leaf1.edx & CPUID1_EDX_MCA)
		cpu->mc_msrvalues[0].value = rdmsr(MSR_MCG_CAP);
}
