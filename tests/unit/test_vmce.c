/*
 * Unit tests for the virtual machine-check MSRs
 * (hypervisor/common/emul/vmce.c): Xen 4.17's answers on Intel and AMD
 * hosts, for the banks that exist, those that do not, and the MSRs that
 * fault.
 */
#include "harness.h"
#include "pcpu.h"
#include "vmce.h"

#define INTEL PCPU_VENDOR_INTEL
#define AMD PCPU_VENDOR_AMD

static uint64_t read_ok(const struct vmce_vcpu *vm, uint32_t vendor, uint32_t msr)
{
	uint64_t val = 0xdead;

	CHECK_EQ(vmce_rdmsr(vm, vendor, msr, &val), 0);
	return val;
}

TEST(vmce_ranges)
{
	static const uint32_t inside[] = { 0x179, 0x17a, 0x17b, 0x280, 0x29f, 0x400, 0x47f, 0x4d0 };
	static const uint32_t outside[] = { 0x178, 0x17c, 0x27f, 0x2a0, 0x3ff, 0x480, 0x4cf, 0x4d1 };

	for (unsigned int i = 0; i < sizeof(inside) / sizeof(inside[0]); i++)
		CHECK(vmce_msr(inside[i]));
	for (unsigned int i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		CHECK(!vmce_msr(outside[i]));
}

TEST(vmce_global_registers)
{
	struct vmce_vcpu vm = { 0 };
	uint64_t val;

	/* Two banks; Intel adds CMCI_P, TES_P and SER_P; never CTL_P or LMCE_P. */
	CHECK_EQ(read_ok(&vm, INTEL, 0x179), 2 | 1ull << 10 | 1ull << 11 | 1ull << 24);
	CHECK_EQ(read_ok(&vm, AMD, 0x179), 2);
	CHECK_EQ(read_ok(&vm, AMD, 0x17b), 0); /* MCG_CTL: absent, reads 0 */
	CHECK_EQ(vmce_wrmsr(&vm, AMD, 0x179, 0xff), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x179), 2);
	CHECK_EQ(vmce_wrmsr(&vm, AMD, 0x17b, 5), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x17b), 0);
	CHECK_EQ(read_ok(&vm, INTEL, 0x17a), 0);
	CHECK_EQ(vmce_wrmsr(&vm, INTEL, 0x17a, 0x5), 0);
	CHECK_EQ(read_ok(&vm, INTEL, 0x17a), 0x5);
	/* MCG_EXT_CTL: no LMCE, so #GP both ways. */
	CHECK_EQ(vmce_rdmsr(&vm, INTEL, 0x4d0, &val), -1);
	CHECK_EQ(vmce_wrmsr(&vm, INTEL, 0x4d0, 0), -1);
	CHECK_EQ(vmce_wrmsr(&vm, AMD, 0x4d0, 1), -1);
}

TEST(vmce_banks)
{
	struct vmce_vcpu vm = { 0 };

	for (uint32_t bank = 0; bank < 2; bank++) {
		uint32_t ctl = 0x400 + 4 * bank;

		CHECK_EQ(read_ok(&vm, AMD, ctl), ~0ull);
		CHECK_EQ(vmce_wrmsr(&vm, AMD, ctl, 0), 0); /* ignored */
		CHECK_EQ(read_ok(&vm, AMD, ctl), ~0ull);
		for (uint32_t reg = 1; reg < 4; reg++) {
			CHECK_EQ(read_ok(&vm, AMD, ctl + reg), 0);
			CHECK_EQ(vmce_wrmsr(&vm, AMD, ctl + reg, 0), 0);
			CHECK_EQ(vmce_wrmsr(&vm, AMD, ctl + reg, 1), -1);
			CHECK_EQ(read_ok(&vm, AMD, ctl + reg), 0);
		}
	}
	/* Banks past the second: read 0, every write dropped. */
	CHECK_EQ(read_ok(&vm, AMD, 0x408), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x409), 0);
	CHECK_EQ(vmce_wrmsr(&vm, AMD, 0x409, 7), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x409), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x47f), 0);
}

TEST(vmce_ctl2_intel_only)
{
	struct vmce_vcpu vm = { 0 };

	CHECK_EQ(vmce_wrmsr(&vm, INTEL, 0x281, 0x40000001), 0);
	CHECK_EQ(read_ok(&vm, INTEL, 0x281), 0x40000001);
	CHECK_EQ(read_ok(&vm, INTEL, 0x280), 0);
	CHECK_EQ(vm.bank[1].ctl2, 0x40000001);
	/* Past the banks, and on AMD: 0, writes dropped. */
	CHECK_EQ(vmce_wrmsr(&vm, INTEL, 0x282, 3), 0);
	CHECK_EQ(read_ok(&vm, INTEL, 0x282), 0);
	CHECK_EQ(read_ok(&vm, AMD, 0x281), 0);
	CHECK_EQ(vmce_wrmsr(&vm, AMD, 0x280, 3), 0);
	CHECK_EQ(vm.bank[0].ctl2, 0);
}
