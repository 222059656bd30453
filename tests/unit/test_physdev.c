/*
 * Tests for the PCI registry (common/pci/pci_registry.c) and physdev_op's
 * PCI device and I/O APIC sub-ops (common/hypercall/physdev_pci.c,
 * physdev_apic.c, the latter against the host shim's one I/O APIC): Xen
 * 4.17's answers, its check order (privilege before or after reading the
 * argument, as each sub-op does) and what the registry holds afterwards.
 * Every test leaves the registry empty and its domains reaped.
 */
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "pci_registry.h"

#define BAD_VA 0x1000ull

static uint64_t past_end(uint64_t len)
{
	return HOST_GUEST_BASE + HOST_GUEST_SIZE - len + 1;
}

static void *arg_buffer(void)
{
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	return host_guest_memory;
}

static uint64_t arg(void)
{
	return HOST_GUEST_BASE;
}

/* A running domain with vCPU 0, made the caller. */
static void call_as(uint16_t domid, bool privileged)
{
	struct domain *d = domain_create(domid, privileged ? "dom0" : "domU", privileged);

	CHECK(d != NULL);
	if (!d || !vcpu_create(d, 0))
		abort();
	d->state = DOMAIN_RUNNING;
	host_current_domain = d;
}

static void finish(void)
{
	for (struct domain *d = domain_first(); d; d = d->next)
		domain_shutdown(d, PV_SHUTDOWN_poweroff);
	domain_reap();
	CHECK_EQ(domain_count(), 0);
	host_current_domain = NULL;
	CHECK_EQ(pci_function_count(), 0);
}

TEST(pci_registry_add_find_remove)
{
	struct pci_function_info ext = { .is_extfn = true };
	struct pci_function_info vf = { .is_virtfn = true, .physfn_bus = 1, .physfn_devfn = 8 };

	CHECK_EQ(pci_function_add(0, 1, 8, NULL), 0);
	CHECK_EQ(pci_function_add(0, 1, 8, NULL), 0);
	CHECK_EQ(pci_function_count(), 1);
	CHECK(!pci_function_find(1, 1, 8));
	CHECK(!pci_function_find(0, 1, 9));
	CHECK(!pci_function_find(0, 2, 8));
	CHECK(!pci_function_find(0, 1, 8)->info.is_extfn);
	/* Information given replaces what was known; none given keeps it. */
	CHECK_EQ(pci_function_add(0, 1, 8, &ext), 0);
	CHECK(pci_function_find(0, 1, 8)->info.is_extfn);
	CHECK_EQ(pci_function_add(0, 1, 8, NULL), 0);
	CHECK(pci_function_find(0, 1, 8)->info.is_extfn);
	/* A virtual function takes its physical function's is_extfn. */
	CHECK_EQ(pci_function_add(0, 1, 9, &vf), 0);
	CHECK(pci_function_find(0, 1, 9)->info.is_virtfn);
	CHECK(pci_function_find(0, 1, 9)->info.is_extfn);
	vf.physfn_devfn = 16;
	vf.is_extfn = true;
	CHECK_EQ(pci_function_add(0, 1, 10, &vf), 0);
	CHECK(!pci_function_find(0, 1, 10)->info.is_extfn);
	CHECK_EQ(pci_function_add(0xffff, 0xff, 0xff, NULL), 0);
	CHECK_EQ(pci_function_count(), 4);
	CHECK_EQ(pci_function_remove(0, 1, 9), 0);
	CHECK_EQ(pci_function_remove(0, 1, 9), -PV_ENODEV);
	CHECK(pci_function_find(0, 1, 8) != NULL);
	CHECK(pci_function_find(0, 1, 10) != NULL);
	CHECK_EQ(pci_function_remove(0, 1, 8), 0);
	CHECK_EQ(pci_function_remove(0, 1, 10), 0);
	CHECK_EQ(pci_function_remove(0xffff, 0xff, 0xff), 0);
	CHECK_EQ(pci_function_count(), 0);
}

TEST(physdev_pci_device_add_remove)
{
	struct pv_physdev_pci_device_add *add = arg_buffer();
	struct pv_physdev_pci_device *dev = (void *)add;

	call_as(250, true);
	*add = (struct pv_physdev_pci_device_add){ .seg = 2, .bus = 3, .devfn = 0x11 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), 0);
	CHECK(pci_function_find(2, 3, 0x11) != NULL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), 0);
	CHECK_EQ(pci_function_count(), 1);
	add->flags = PV_PCI_DEV_EXTFN;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), 0);
	CHECK(pci_function_find(2, 3, 0x11)->info.is_extfn);
	/* A virtual function whose physical function is unknown adds both. */
	*add = (struct pv_physdev_pci_device_add){
		.seg = 2, .bus = 4, .devfn = 1, .flags = PV_PCI_DEV_VIRTFN,
		.physfn = { .bus = 4, .devfn = 0 },
	};
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), 0);
	CHECK(pci_function_find(2, 4, 0)->info.is_virtfn == false);
	CHECK(pci_function_find(2, 4, 1)->info.is_virtfn);
	CHECK_EQ(pci_function_find(2, 4, 1)->info.physfn_bus, 4);
	CHECK_EQ(pci_function_count(), 3);
	/* The proximity domain must be readable when the flag says it is there. */
	*add = (struct pv_physdev_pci_device_add){ .bus = 5, .flags = PV_PCI_DEV_PXM };
	memcpy(host_guest_memory + HOST_GUEST_SIZE - sizeof(*add), add, sizeof(*add));
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, past_end(sizeof(*add)) - 1),
		 -PV_EFAULT);
	CHECK(!pci_function_find(0, 5, 0));
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), 0);
	CHECK(pci_function_find(0, 5, 0) != NULL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, past_end(sizeof(*add))), -PV_EFAULT);

	*dev = (struct pv_physdev_pci_device){ .seg = 2, .bus = 3, .devfn = 0x11 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, arg()), -PV_ENODEV);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, past_end(sizeof(*dev))),
		 -PV_EFAULT);
	for (uint8_t devfn = 0; devfn < 2; devfn++) {
		*dev = (struct pv_physdev_pci_device){ .seg = 2, .bus = 4, .devfn = devfn };
		CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, arg()), 0);
	}
	*dev = (struct pv_physdev_pci_device){ .bus = 5 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, arg()), 0);
	finish();
}

TEST(physdev_manage_pci)
{
	struct pv_physdev_manage_pci *manage = arg_buffer();
	struct pv_physdev_manage_pci_ext *ext = (void *)(host_guest_memory + 0x100);

	call_as(251, true);
	*manage = (struct pv_physdev_manage_pci){ .bus = 0, .devfn = 0x18 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add, arg()), 0);
	CHECK(pci_function_find(0, 0, 0x18) != NULL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add, past_end(sizeof(*manage))), -PV_EFAULT);

	*ext = (struct pv_physdev_manage_pci_ext){ .bus = 0, .devfn = 0x19, .is_extfn = 2 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, arg() + 0x100), -PV_EINVAL);
	ext->is_extfn = 0;
	ext->is_virtfn = 2;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, arg() + 0x100), -PV_EINVAL);
	CHECK(!pci_function_find(0, 0, 0x19));
	ext->is_virtfn = 1;
	ext->physfn.devfn = 0x18;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, arg() + 0x100), 0);
	CHECK(pci_function_find(0, 0, 0x19)->info.is_virtfn);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, BAD_VA), -PV_EFAULT);

	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_remove, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_remove, arg()), -PV_ENODEV);
	manage->devfn = 0x19;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_remove, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_remove, BAD_VA), -PV_EFAULT);
	finish();
}

TEST(physdev_restore_msi_mmcfg_dbgp)
{
	uint8_t *buf = arg_buffer();
	struct pv_physdev_restore_msi *old = (void *)buf;
	struct pv_physdev_pci_device *dev = (void *)(buf + 0x100);
	struct pv_physdev_pci_mmcfg_reserved *mmcfg = (void *)(buf + 0x200);

	call_as(252, true);
	*old = (struct pv_physdev_restore_msi){ .bus = 0, .devfn = 8 };
	*dev = (struct pv_physdev_pci_device){ .seg = 1, .bus = 0, .devfn = 8 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi, arg()), -PV_ENODEV);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi_ext, arg() + 0x100), -PV_ENODEV);
	CHECK_EQ(pci_function_add(0, 0, 8, NULL), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi_ext, arg() + 0x100), -PV_ENODEV);
	dev->seg = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi_ext, arg() + 0x100), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi, past_end(sizeof(*old))), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi_ext, past_end(sizeof(*dev))), -PV_EFAULT);

	*mmcfg = (struct pv_physdev_pci_mmcfg_reserved){
		.address = 0xb0000000, .end_bus = 0xff, .flags = PV_PCI_MMCFG_RESERVED,
	};
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_mmcfg_reserved, arg() + 0x200), -PV_ENODEV);
	mmcfg->flags = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_mmcfg_reserved, arg() + 0x200), -PV_ENODEV);
	mmcfg->flags = 2;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_mmcfg_reserved, arg() + 0x200), -PV_EINVAL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_mmcfg_reserved, past_end(sizeof(*mmcfg))),
		 -PV_EFAULT);

	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_dbgp_op, arg()), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_dbgp_op, past_end(sizeof(struct pv_physdev_dbgp_op))),
		 -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_prepare_msix, arg()), -PV_ENOSYS);
	CHECK_EQ(pci_function_remove(0, 0, 8), 0);
	finish();
}

/* An unprivileged caller: -EPERM, after or before the copy as Xen checks. */
TEST(physdev_pci_unprivileged)
{
	uint8_t *buf = arg_buffer();
	struct pv_physdev_pci_device_add *add = (void *)buf;
	struct pv_physdev_manage_pci_ext *ext = (void *)(buf + 0x100);

	call_as(253, false);
	CHECK_EQ(pci_function_add(0, 0, 0, NULL), 0);
	*add = (struct pv_physdev_pci_device_add){ .bus = 7, .flags = PV_PCI_DEV_VIRTFN };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, arg()), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_add, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add, arg()), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add, BAD_VA), -PV_EFAULT);
	*ext = (struct pv_physdev_manage_pci_ext){ .is_extfn = 3 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, arg() + 0x100), -PV_EINVAL);
	ext->is_extfn = 1;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_add_ext, arg() + 0x100), -PV_EPERM);
	CHECK_EQ(pci_function_count(), 1);
	/* Removing is refused before the device is looked up. */
	memset(buf, 0, 16);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, arg()), -PV_EPERM);
	buf[0] = 9;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_manage_pci_remove, arg()), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_device_remove, BAD_VA), -PV_EFAULT);
	/* restore_msi looks the device up first. */
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi, arg()), -PV_ENODEV);
	buf[0] = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi, arg()), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_restore_msi_ext, arg()), -PV_EPERM);
	/* These two refuse before reading the argument. */
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_pci_mmcfg_reserved, BAD_VA), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_dbgp_op, BAD_VA), -PV_EPERM);
	CHECK_EQ(pci_function_remove(0, 0, 0), 0);
	finish();
}

TEST(physdev_apic_read)
{
	struct pv_physdev_apic *apic = arg_buffer();

	call_as(254, true);
	host_ioapic_regs[1] = 0x00170020;
	*apic = (struct pv_physdev_apic){ .apic_physbase = HOST_IOAPIC_BASE, .reg = 1,
					  .value = 0xdead };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, arg()), 0);
	CHECK_EQ(apic->value, 0x00170020);
	/* Another address: -EINVAL, the structure written back as it was. */
	apic->apic_physbase = HOST_IOAPIC_BASE + 0x1000;
	apic->value = 7;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, arg()), -PV_EINVAL);
	CHECK_EQ(apic->value, 7);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, past_end(sizeof(*apic))), -PV_EFAULT);
	/* apic_write is not implemented. */
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_write, arg()), -PV_ENOSYS);
	finish();
}

TEST(physdev_alloc_irq_vector)
{
	struct pv_physdev_irq *irq = arg_buffer();

	call_as(255, true);
	*irq = (struct pv_physdev_irq){ .irq = 9, .vector = 0x55 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_alloc_irq_vector, arg()), 0);
	CHECK_EQ(irq->vector, 9);
	irq->irq = 0xffffffffu;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_alloc_irq_vector, arg()), 0);
	CHECK_EQ(irq->vector, 0xffffffffu);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_alloc_irq_vector, past_end(sizeof(*irq))), -PV_EFAULT);
	/* Xen has no free_irq_vector. */
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_free_irq_vector, arg()), -PV_ENOSYS);
	finish();
}

TEST(physdev_apic_unprivileged)
{
	struct pv_physdev_apic *apic = arg_buffer();

	call_as(256, false);
	*apic = (struct pv_physdev_apic){ .apic_physbase = HOST_IOAPIC_BASE, .reg = 1 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, arg()), -PV_EPERM);
	CHECK_EQ(apic->value, 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_read, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_alloc_irq_vector, arg()), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_alloc_irq_vector, BAD_VA), -PV_EFAULT);
	finish();
}
