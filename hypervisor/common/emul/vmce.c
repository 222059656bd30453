/*
 * Virtual machine-check MSRs, with Xen 4.17's rules.  MCG_CAP offers two
 * banks, plus (on Intel hosts) corrected-error interrupts, threshold
 * status and software-error recovery; no MCG_CTL, no local machine checks.
 * Every MCi_CTL reads all ones and ignores writes; MCi_STATUS, ADDR and
 * MISC read what the hypervisor logged (never anything) and accept only
 * zero; Intel's MCi_CTL2 keeps whatever is written.  Other MSRs of the
 * ranges, such as the banks past the second, read 0 and ignore writes.
 */
#include <stddef.h>

#include "pcpu.h"
#include "vmce.h"

#define MSR_MCG_CAP 0x179
#define MSR_MCG_STATUS 0x17a
#define MSR_MCG_CTL 0x17b
#define MSR_MC0_CTL2 0x280
#define MSR_MC0_CTL 0x400
#define MSR_MCG_EXT_CTL 0x4d0
#define RANGE_BANKS 32

#define MCG_CMCI_P (1ull << 10)
#define MCG_TES_P (1ull << 11)
#define MCG_SER_P (1ull << 24)

/* Within a bank's four MSRs. */
enum { BANK_CTL, BANK_STATUS, BANK_ADDR, BANK_MISC };

static uint64_t mcg_cap(uint32_t vendor)
{
	uint64_t cap = VMCE_BANKS;

	if (vendor == PCPU_VENDOR_INTEL)
		cap |= MCG_SER_P | MCG_TES_P | MCG_CMCI_P;
	return cap;
}

bool vmce_msr(uint32_t msr)
{
	return (msr >= MSR_MCG_CAP && msr <= MSR_MCG_CTL) ||
	       (msr >= MSR_MC0_CTL2 && msr < MSR_MC0_CTL2 + RANGE_BANKS) ||
	       (msr >= MSR_MC0_CTL && msr < MSR_MC0_CTL + 4 * RANGE_BANKS) || msr == MSR_MCG_EXT_CTL;
}

/* The bank register @msr names, or NULL if none: MCi_CTL has no storage. */
static uint64_t *bank_register(struct vmce_bank *bank, uint32_t msr)
{
	switch ((msr - MSR_MC0_CTL) % 4) {
	case BANK_STATUS:
		return &bank->status;
	case BANK_ADDR:
		return &bank->addr;
	case BANK_MISC:
		return &bank->misc;
	default:
		return NULL;
	}
}

/* The bank of a CTL..MISC or (Intel) CTL2 MSR that exists, or -1. */
static int bank_of(uint32_t vendor, uint32_t msr)
{
	if (msr >= MSR_MC0_CTL && msr < MSR_MC0_CTL + 4 * VMCE_BANKS)
		return (int)((msr - MSR_MC0_CTL) / 4);
	if (vendor == PCPU_VENDOR_INTEL && msr >= MSR_MC0_CTL2 && msr < MSR_MC0_CTL2 + VMCE_BANKS)
		return (int)(msr - MSR_MC0_CTL2);
	return -1;
}

int vmce_rdmsr(const struct vmce_vcpu *vm, uint32_t vendor, uint32_t msr, uint64_t *val)
{
	int bank = bank_of(vendor, msr);

	*val = 0;
	switch (msr) {
	case MSR_MCG_CAP:
		*val = mcg_cap(vendor);
		return 0;
	case MSR_MCG_STATUS:
		*val = vm->mcg_status;
		return 0;
	case MSR_MCG_EXT_CTL:
		return -1; /* no local machine checks offered */
	default:
		break;
	}
	if (bank < 0)
		return 0;
	if (msr < MSR_MC0_CTL) {
		*val = vm->bank[bank].ctl2;
	} else {
		struct vmce_bank copy = vm->bank[bank];
		const uint64_t *reg = bank_register(&copy, msr);

		*val = reg ? *reg : ~0ull;
	}
	return 0;
}

int vmce_wrmsr(struct vmce_vcpu *vm, uint32_t vendor, uint32_t msr, uint64_t val)
{
	int bank = bank_of(vendor, msr);
	uint64_t *reg;

	switch (msr) {
	case MSR_MCG_STATUS:
		vm->mcg_status = val;
		return 0;
	case MSR_MCG_EXT_CTL:
		return -1;
	default:
		break;
	}
	if (bank < 0)
		return 0; /* MCG_CAP, MCG_CTL and absent banks: the write is dropped */
	if (msr < MSR_MC0_CTL) {
		vm->bank[bank].ctl2 = val;
		return 0;
	}
	reg = bank_register(&vm->bank[bank], msr);
	if (!reg)
		return 0; /* MCi_CTL stays all ones */
	if (val)
		return -1;
	*reg = 0;
	return 0;
}
