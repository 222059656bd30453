/*
 * The I/O APIC the hypervisor owns, from inside a guest; run as dom0 and
 * as a domU.
 *
 * Dom0: physdev_op apic_read of QEMU's I/O APIC at 0xfec00000 gives its
 * version register (version 0x20, 24 inputs) and redirection entries that
 * are all masked (the hypervisor masked them at boot); another address is
 * -EINVAL, a bad pointer -EFAULT; alloc_irq_vector answers the vector
 * equal to the IRQ.  Mapping the I/O APIC's page asking for a writable
 * mapping succeeds but gives a read-only one: reads work, an aligned
 * store is dropped (Xen's read-only MMIO emulation), an unaligned one is
 * a #PF.  DomU: apic_read and alloc_irq_vector are -EPERM.
 */
#include "guest.h"
#include "guest_mm.h"
#include "guest_trap.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/physdev.h"

#define IOAPIC_BASE 0xfec00000ul
#define IOAPIC_PINS 24
#define RTE_MASKED (1u << 16)
#define UNMAPPED 0x100000000000ul
#define PAGE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

static volatile uint32_t window[1024] __attribute__((aligned(4096)));

static long apic_read(uint64_t base, uint32_t reg, uint32_t *value)
{
	struct pv_physdev_apic op = { .apic_physbase = base, .reg = reg, .value = 0x5a5a };
	long rc = HYPERCALL2(physdev_op, PV_PHYSDEVOP_apic_read, &op);

	*value = op.value;
	return rc;
}

static void dom0_apic_read(void)
{
	uint32_t value, masked = 0;
	struct pv_physdev_irq irq = { .irq = 9, .vector = 77 };

	CHECK_EQ(apic_read(IOAPIC_BASE, 1, &value), 0);
	CHECK_EQ(value & 0xff, 0x20);
	CHECK_EQ(((value >> 16) & 0xff) + 1, IOAPIC_PINS);
	for (uint32_t pin = 0; pin < IOAPIC_PINS; pin++) {
		CHECK_EQ(apic_read(IOAPIC_BASE, 0x10 + 2 * pin, &value), 0);
		masked += !!(value & RTE_MASKED);
	}
	CHECK_EQ(masked, IOAPIC_PINS);
	CHECK_EQ(apic_read(IOAPIC_BASE + 0x1000, 1, &value), -PV_EINVAL);
	CHECK_EQ(value, 0x5a5a);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_apic_read, UNMAPPED), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_alloc_irq_vector, &irq), 0);
	CHECK_EQ(irq.vector, 9);
	printf("ioapic: apic_read: version 0x20, %u inputs, all masked; alloc_irq_vector\n",
	       IOAPIC_PINS);
}

static void dom0_map_read_only(void)
{
	uint64_t own = va_to_mfn(window);
	const volatile uint64_t *l1;
	uint32_t before;

	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)window,
			    IOAPIC_BASE | PAGE_FLAGS, PV_UVMF_INVLPG), 0);
	l1 = pt_entry((uint64_t)window, 1, NULL);
	CHECK(l1 != NULL);
	if (l1) {
		CHECK_EQ(pte_mfn(*l1), IOAPIC_BASE >> 12);
		CHECK_EQ(*l1 & PTE_RW, 0);
	}
	before = window[0];
	window[0] = 0x3e; /* an aligned store is dropped, as Xen's read-only MMIO */
	CHECK_EQ(window[0], before);
	EXPECT_TRAP(14, 3, "movl %%eax, (%%rsi)", 0, 0, 0, (const volatile uint8_t *)window + 1);
	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)window, own << 12 | PAGE_FLAGS,
			    PV_UVMF_INVLPG), 0);
	printf("ioapic: its page maps read-only, aligned stores dropped\n");
}

static void domu_refused(void)
{
	uint32_t value;
	struct pv_physdev_irq irq = { .irq = 9 };

	CHECK_EQ(apic_read(IOAPIC_BASE, 1, &value), -PV_EPERM);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_apic_read, UNMAPPED), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_alloc_irq_vector, &irq), -PV_EPERM);
	printf("ioapic: domU refused as Xen\n");
}

void test_main(const struct pv_start_info *si)
{
	if (si->flags & PV_SIF_PRIVILEGED) {
		install_recording_traps();
		dom0_apic_read();
		dom0_map_read_only();
	} else {
		domu_refused();
	}
}
