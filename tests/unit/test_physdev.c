/*
 * Tests for the PCI registry (common/pci/pci_registry.c) and physdev_op's
 * PCI device, I/O APIC and pirq sub-ops (common/hypercall/physdev_pci.c,
 * physdev_apic.c, physdev_pirq.c over common/irq/pirq.c, the latter two
 * against the host shim's one I/O APIC with 24 inputs): Xen 4.17's
 * answers, its check order (privilege before or after reading the
 * argument, as each sub-op does) and what the registry and the pirq
 * tables hold afterwards.  Every test leaves the registry empty and its
 * domains reaped.  The GSIs' setup_gsi state lasts, so each test sets up
 * GSIs of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "evtchn.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/physdev.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "pci_registry.h"
#include "pirq.h"

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
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_write, arg()), -PV_EINVAL);
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

/* Xen's numbers for QEMU's 24 GSIs on one CPU: d0 "has maximum 208 PIRQs", cut to nr_irqs. */
TEST(pirq_limits)
{
	struct domain *dom0, *domu;

	call_as(300, false);
	domu = host_current_domain;
	call_as(301, true);
	dom0 = host_current_domain;
	CHECK_EQ(pirq_gsi_count(), 24);
	CHECK_EQ(pirq_irq_count(), 192);
	CHECK_EQ(pirq_limit(dom0), 192);
	CHECK_EQ(pirq_limit(domu), 56);
	finish();
}

TEST(physdev_setup_gsi)
{
	struct pv_physdev_setup_gsi *op = arg_buffer();

	call_as(302, false);
	*op = (struct pv_physdev_setup_gsi){ .gsi = 30, .triggering = 1, .polarity = 1 };
	/* The range is checked before privilege. */
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EINVAL);
	op->gsi = 11;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EPERM);
	CHECK_EQ(host_gsi_mode[11], 0);
	finish();

	call_as(303, true);
	op->gsi = -1;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EINVAL);
	op->gsi = 24;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EINVAL);
	op->gsi = 11;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), 0);
	CHECK_EQ(host_gsi_mode[11], HOST_GSI_SET | HOST_GSI_LEVEL | HOST_GSI_ACTIVE_LOW);
	/* Only the first setup programs the pin. */
	op->triggering = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EEXIST);
	CHECK_EQ(host_gsi_mode[11], HOST_GSI_SET | HOST_GSI_LEVEL | HOST_GSI_ACTIVE_LOW);
	*op = (struct pv_physdev_setup_gsi){ .gsi = 1 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), 0);
	CHECK_EQ(host_gsi_mode[1], HOST_GSI_SET);
	/* The hypervisor's own IRQs are in use, as Xen's serial line. */
	pirq_reserve_gsi(4);
	op->gsi = 4;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, arg()), -PV_EEXIST);
	CHECK_EQ(host_gsi_mode[4], 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_setup_gsi, past_end(sizeof(*op))), -PV_EFAULT);
	finish();
}

static struct pv_physdev_map_pirq *map_arg(pv_domid_t domid, int type, int index, int pirq)
{
	struct pv_physdev_map_pirq *map = arg_buffer();

	*map = (struct pv_physdev_map_pirq){ .domid = domid, .type = type, .index = index,
					     .pirq = pirq };
	return map;
}

static long unmap(pv_domid_t domid, int pirq)
{
	struct pv_physdev_unmap_pirq *op = arg_buffer();

	*op = (struct pv_physdev_unmap_pirq){ .domid = domid, .pirq = pirq };
	return do_physdev_op(PV_PHYSDEVOP_unmap_pirq, arg());
}

TEST(physdev_map_gsi_dom0)
{
	struct pv_physdev_map_pirq *map;
	struct domain *d;

	call_as(304, true);
	d = host_current_domain;
	/* Any pirq: the first free one from 16, not the GSI's number. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 8, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(map->pirq, 16);
	CHECK_EQ(pirq_to_irq(d, 16), 8);
	/* Again: the IRQ's pirq. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 8, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(map->pirq, 16);
	/* Another pirq for a mapped IRQ. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 8, 8);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EEXIST);
	CHECK_EQ(map->pirq, 8);
	CHECK_EQ(pirq_to_irq(d, 8), 0);
	/*
	 * The caller's own pirq 16 names IRQ 8 (Xen looks the index up as
	 * a pirq first): mapping "GSI 16" maps IRQ 8, already at pirq 16.
	 */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 16, 20);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EEXIST);
	/* A mapped pirq for another IRQ: Xen leaves it and says 0. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 9, 16);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(map->pirq, 16);
	CHECK_EQ(pirq_to_irq(d, 16), 8);
	/* A chosen pirq, the GSI's number as Linux asks. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 9, 9);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(pirq_to_irq(d, 9), 9);
	/* IRQ 0 is the hypervisor's: no access. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 0, 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EPERM);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 24, 5);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, -1, 5);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 5, 192);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_UNKNOWN, 5, 5);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	CHECK_EQ(map->pirq, 5);
	map = map_arg(999, PV_MAP_PIRQ_TYPE_GSI, 5, 5);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_ESRCH);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, past_end(sizeof(*map))), -PV_EFAULT);
	CHECK_EQ(pirq_to_irq(d, 5), 0);

	/* Unmapping; the domain loses access to the IRQ, dom0 too, as on Xen. */
	CHECK_EQ(unmap(PV_DOMID_SELF, 16), 0);
	CHECK_EQ(pirq_to_irq(d, 16), 0);
	CHECK_EQ(unmap(PV_DOMID_SELF, 16), -PV_EINVAL);
	CHECK_EQ(unmap(PV_DOMID_SELF, 192), -PV_EINVAL);
	CHECK_EQ(unmap(PV_DOMID_SELF, -1), -PV_EINVAL);
	CHECK_EQ(unmap(999, 9), -PV_ESRCH);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_unmap_pirq, BAD_VA), -PV_EFAULT);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 8, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EPERM);
	CHECK_EQ(pirq_to_irq(d, 9), 9);
	finish();
}

TEST(physdev_map_gsi_for_domu)
{
	struct domain *domu;

	call_as(305, false);
	domu = host_current_domain;
	/* A domU may not map, not even for itself; it is looked up first. */
	map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 10, 10);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EPERM);
	map_arg(999, PV_MAP_PIRQ_TYPE_GSI, 10, 10);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_ESRCH);
	map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, -1, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EPERM);
	CHECK_EQ(unmap(PV_DOMID_SELF, 10), -PV_EPERM);
	CHECK_EQ(unmap(999, 10), -PV_ESRCH);

	/* Dom0 maps into it: the domU's pirq, and the domU gets access. */
	call_as(306, true);
	map_arg(305, PV_MAP_PIRQ_TYPE_GSI, 10, 12);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(pirq_to_irq(domu, 12), 10);
	CHECK_EQ(pirq_to_irq(host_current_domain, 12), 0);
	/* Beyond the domU's 56 pirqs. */
	map_arg(305, PV_MAP_PIRQ_TYPE_GSI, 11, 56);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	CHECK_EQ(unmap(305, 12), 0);
	CHECK_EQ(pirq_to_irq(domu, 12), 0);
	finish();
}

/* MSI needs a device with an MSI capability: Xen's answers up to that point. */
TEST(physdev_map_msi)
{
	struct pv_physdev_map_pirq *map;

	call_as(307, true);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_GSI, 3, 40);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, -1, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_ENODEV);
	CHECK_EQ(map->pirq, -1);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI_SEG, -1, 30);
	map->bus = 0x10000;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_ENODEV);
	/* Written back as MSI. */
	CHECK_EQ(map->type, PV_MAP_PIRQ_TYPE_MSI);
	/* An IRQ index: a GSI or beyond the IRQs -EINVAL, a dynamic one not the caller's -EPERM. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, 5, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, 192, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, 100, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EPERM);
	/* A pirq already mapped: Xen leaves it and says 0. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, -1, 40);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), 0);
	CHECK_EQ(pirq_to_irq(host_current_domain, 40), 3);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MSI, -1, 192);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	/* MULTI_MSI: no table, 1 to 32 vectors, more than one needs interrupt remapping. */
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MULTI_MSI, 0, -1);
	map->table_base = 0x1000;
	map->domid = 999;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EINVAL);
	map = map_arg(PV_DOMID_SELF, PV_MAP_PIRQ_TYPE_MULTI_MSI, 0, -1);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EDOM);
	map->entry_nr = 33;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EDOM);
	map->entry_nr = 3;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_EOPNOTSUPP);
	CHECK_EQ(map->entry_nr, 3);
	map->entry_nr = 1;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_map_pirq, arg()), -PV_ENODEV);
	finish();
}

TEST(physdev_get_free_pirq)
{
	struct pv_physdev_get_free_pirq *op = arg_buffer();
	struct domain *d;

	call_as(308, false);
	d = host_current_domain;
	/* GSI type: from 16 among the GSIs, then from the top. */
	*op = (struct pv_physdev_get_free_pirq){ .type = PV_MAP_PIRQ_TYPE_GSI };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), 0);
	CHECK_EQ(op->pirq, 16);
	CHECK(pirq_to_irq(d, 16) < 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), 0);
	CHECK_EQ(op->pirq, 17);
	op->type = PV_MAP_PIRQ_TYPE_MSI;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), 0);
	CHECK_EQ(op->pirq, 55);
	/* A reserved pirq is not mapped: unmap says so; eoi knows it. */
	CHECK_EQ(pirq_unmap(d, 55), -PV_EINVAL);
	CHECK_EQ(pirq_eoi(d, 55), 0);
	/* 54..24 for MSI, then none. */
	for (unsigned int i = 0; i < 31; i++)
		CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), 0);
	CHECK_EQ(op->pirq, 24);
	op->pirq = 7;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), -PV_ENOSPC);
	CHECK_EQ(op->pirq, 7);
	op->type = PV_MAP_PIRQ_TYPE_GSI;
	for (unsigned int i = 0; i < 6; i++)
		CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), 0);
	CHECK_EQ(op->pirq, 23);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, arg()), -PV_ENOSPC);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_get_free_pirq, BAD_VA), -PV_EFAULT);
	finish();
}

TEST(physdev_irq_status_query_and_eoi)
{
	struct pv_physdev_irq_status_query *query = arg_buffer();
	struct pv_physdev_eoi *eoi = (void *)((uint8_t *)query + 0x100);
	struct domain *d;

	call_as(309, true);
	d = host_current_domain;
	*query = (struct pv_physdev_irq_status_query){ .irq = 3, .flags = 0xf0 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_irq_status_query, arg()), 0);
	CHECK_EQ(query->flags, PV_XENIRQSTAT_needs_eoi);
	query->irq = 191;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_irq_status_query, arg()), 0);
	query->irq = 192;
	query->flags = 0xf0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_irq_status_query, arg()), -PV_EINVAL);
	CHECK_EQ(query->flags, 0xf0);
	query->irq = 0xffffffffu;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_irq_status_query, arg()), -PV_EINVAL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_irq_status_query, past_end(sizeof(*query))),
		 -PV_EFAULT);

	/* eoi: only a pirq the domain has (mapped or reserved). */
	eoi->irq = 6;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_eoi, arg() + 0x100), -PV_EINVAL);
	CHECK_EQ(pirq_map_gsi(d, d, 6, &(int){ 6 }), 0);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_eoi, arg() + 0x100), 0);
	eoi->irq = 192;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_eoi, arg() + 0x100), -PV_EINVAL);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_eoi, past_end(sizeof(*eoi))), -PV_EFAULT);
	finish();
}

static long apic_write(uint32_t reg, uint32_t value)
{
	struct pv_physdev_apic *apic = arg_buffer();

	*apic = (struct pv_physdev_apic){ .apic_physbase = HOST_IOAPIC_BASE, .reg = reg,
					  .value = value };
	return do_physdev_op(PV_PHYSDEVOP_apic_write, arg());
}

#define RTE(pin) (0x10 + 2 * (pin))
#define RTE_LEVEL_LOW ((1u << 15) | (1u << 13))
#define RTE_MASKED (1u << 16)

/* Xen's ioapic_guest_write: redirection entries become pirq mappings. */
TEST(physdev_apic_write)
{
	struct pv_evtchn_bind_pirq bind = { .pirq = 21 };
	struct domain *d;

	call_as(310, false);
	CHECK_EQ(apic_write(RTE(20), 21), -PV_EPERM);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_apic_write, BAD_VA), -PV_EFAULT);
	finish();

	call_as(311, true);
	d = host_current_domain;
	/* Only a redirection entry's low half counts. */
	CHECK_EQ(apic_write(1, 0x0f000000), 0);
	CHECK_EQ(apic_write(RTE(20) + 1, 0xff000000), 0);
	CHECK_EQ(host_gsi_mode[20], 0);
	CHECK_EQ(apic_write(RTE(20), 0x200 | 21), -PV_EINVAL); /* SMI delivery */
	CHECK_EQ(apic_write(RTE(24), 21), -PV_EINVAL);
	CHECK_EQ(apic_write(RTE(20), 192), -PV_EINVAL); /* beyond dom0's pirqs */
	/* Masked: the mode only; unmasked: the vector is the pirq to map. */
	CHECK_EQ(apic_write(RTE(19), RTE_MASKED | 7), 0);
	CHECK_EQ(host_gsi_mode[19], HOST_GSI_SET);
	CHECK_EQ(pirq_to_irq(d, 7), 0);
	CHECK_EQ(apic_write(RTE(20), RTE_LEVEL_LOW | 21), 0);
	CHECK_EQ(host_gsi_mode[20], HOST_GSI_SET | HOST_GSI_LEVEL | HOST_GSI_ACTIVE_LOW);
	CHECK_EQ(pirq_to_irq(d, 21), 20);
	CHECK(!host_gsi_enabled[20]);
	/* A line in use is left as it is. */
	CHECK_EQ(evtchn_bind_pirq(d, &bind), 0);
	CHECK(host_gsi_enabled[20]);
	CHECK_EQ(apic_write(RTE(20), 22), 0);
	CHECK_EQ(host_gsi_mode[20], HOST_GSI_SET | HOST_GSI_LEVEL | HOST_GSI_ACTIVE_LOW);
	CHECK_EQ(pirq_to_irq(d, 22), 0);
	finish();
}
