/*
 * physdev_op(cmd, arg): physical devices and interrupts, mostly for dom0.
 *
 * A PV guest reaches hardware interrupts as "pirqs" bound to event
 * channels: dom0 maps a GSI or MSI to a pirq and binds it, and after
 * handling one it issues PV_PHYSDEVOP_eoi if the hypervisor says the pirq
 * needs it (through irq_status_query or a registered page of pirq bits).
 * Dom0 also reports the PCI devices it finds, and a guest may be granted
 * I/O-port access through a virtual IOPL or an I/O bitmap.
 */
#ifndef PV_ABI_PHYSDEV_H
#define PV_ABI_PHYSDEV_H

#define PV_PHYSDEVOP_IRQ_UNMASK_NOTIFY 4 /* obsolete, unsupported */
#define PV_PHYSDEVOP_irq_status_query 5  /* struct pv_physdev_irq_status_query */
#define PV_PHYSDEVOP_set_iopl 6          /* struct pv_physdev_set_iopl */
#define PV_PHYSDEVOP_set_iobitmap 7      /* struct pv_physdev_set_iobitmap */
#define PV_PHYSDEVOP_apic_read 8         /* struct pv_physdev_apic */
#define PV_PHYSDEVOP_apic_write 9        /* struct pv_physdev_apic */
#define PV_PHYSDEVOP_alloc_irq_vector 10 /* struct pv_physdev_irq */
#define PV_PHYSDEVOP_free_irq_vector 11  /* struct pv_physdev_irq */
#define PV_PHYSDEVOP_eoi 12              /* struct pv_physdev_eoi */
#define PV_PHYSDEVOP_map_pirq 13         /* struct pv_physdev_map_pirq */
#define PV_PHYSDEVOP_unmap_pirq 14       /* struct pv_physdev_unmap_pirq */
#define PV_PHYSDEVOP_manage_pci_add 15   /* struct pv_physdev_manage_pci */
#define PV_PHYSDEVOP_manage_pci_remove 16 /* struct pv_physdev_manage_pci */
#define PV_PHYSDEVOP_pirq_eoi_gmfn_v1 17 /* struct pv_physdev_pirq_eoi_gmfn */
#define PV_PHYSDEVOP_restore_msi 19      /* struct pv_physdev_restore_msi */
#define PV_PHYSDEVOP_manage_pci_add_ext 20 /* struct pv_physdev_manage_pci_ext */
#define PV_PHYSDEVOP_setup_gsi 21        /* struct pv_physdev_setup_gsi */
#define PV_PHYSDEVOP_get_free_pirq 23    /* struct pv_physdev_get_free_pirq */
#define PV_PHYSDEVOP_pci_mmcfg_reserved 24 /* struct pv_physdev_pci_mmcfg_reserved */
#define PV_PHYSDEVOP_pci_device_add 25   /* struct pv_physdev_pci_device_add */
#define PV_PHYSDEVOP_pci_device_remove 26 /* struct pv_physdev_pci_device */
#define PV_PHYSDEVOP_restore_msi_ext 27  /* struct pv_physdev_pci_device */
#define PV_PHYSDEVOP_pirq_eoi_gmfn_v2 28 /* struct pv_physdev_pirq_eoi_gmfn */
#define PV_PHYSDEVOP_dbgp_op 29          /* struct pv_physdev_dbgp_op */
#define PV_PHYSDEVOP_prepare_msix 30     /* struct pv_physdev_pci_device */
#define PV_PHYSDEVOP_release_msix 31     /* struct pv_physdev_pci_device */
/* The unsuffixed name means v2 (v1 also made eoi unmask the port). */
#define PV_PHYSDEVOP_pirq_eoi_gmfn PV_PHYSDEVOP_pirq_eoi_gmfn_v2

/* pv_physdev_irq_status_query.flags */
#define PV_XENIRQSTAT_needs_eoi_BIT 0 /* call PV_PHYSDEVOP_eoi when handled */
#define PV_XENIRQSTAT_needs_eoi (1 << 0)
#define PV_XENIRQSTAT_shared_BIT 1 /* other domains share the IRQ */
#define PV_XENIRQSTAT_shared (1 << 1)

/* pv_physdev_map_pirq.type */
#define PV_MAP_PIRQ_TYPE_MSI 0x0
#define PV_MAP_PIRQ_TYPE_GSI 0x1
#define PV_MAP_PIRQ_TYPE_UNKNOWN 0x2
#define PV_MAP_PIRQ_TYPE_MSI_SEG 0x3   /* segment in bus bits 16-31 */
#define PV_MAP_PIRQ_TYPE_MULTI_MSI 0x4 /* entry_nr vectors at once */

/* pv_physdev_pci_mmcfg_reserved.flags */
#define PV_PCI_MMCFG_RESERVED 0x1

/* pv_physdev_pci_device_add.flags */
#define PV_PCI_DEV_EXTFN 0x1
#define PV_PCI_DEV_VIRTFN 0x2
#define PV_PCI_DEV_PXM 0x4 /* optarr[0] holds the proximity domain */

/* pv_physdev_dbgp_op.op and .bus */
#define PV_PHYSDEVOP_DBGP_RESET_PREPARE 1
#define PV_PHYSDEVOP_DBGP_RESET_DONE 2
#define PV_PHYSDEVOP_DBGP_BUS_UNKNOWN 0
#define PV_PHYSDEVOP_DBGP_BUS_PCI 1

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_physdev_eoi {
	uint32_t irq; /* pirq */
};
_Static_assert(sizeof(struct pv_physdev_eoi) == 4, "physdev_eoi: xen/physdev.h");

/* A page of bits, one per pirq, set by the hypervisor if the pirq needs eoi. */
struct pv_physdev_pirq_eoi_gmfn {
	uint64_t gmfn;
};
_Static_assert(sizeof(struct pv_physdev_pirq_eoi_gmfn) == 8,
	       "physdev_pirq_eoi_gmfn: xen/physdev.h");

struct pv_physdev_irq_status_query {
	uint32_t irq;
	uint32_t flags; /* out: PV_XENIRQSTAT_* */
};
_Static_assert(sizeof(struct pv_physdev_irq_status_query) == 8,
	       "physdev_irq_status_query: xen/physdev.h");

/* The guest kernel's virtual IOPL (0-3) for port access from ring 3. */
struct pv_physdev_set_iopl {
	uint32_t iopl;
};
_Static_assert(sizeof(struct pv_physdev_set_iopl) == 4, "physdev_set_iopl: xen/physdev.h");

struct pv_physdev_set_iobitmap {
	uint64_t bitmap; /* guest pointer: uint8_t[], a set bit denies the port */
	uint32_t nr_ports;
};
_Static_assert(sizeof(struct pv_physdev_set_iobitmap) == 16, "physdev_set_iobitmap: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_set_iobitmap, nr_ports) == 8,
	       "physdev_set_iobitmap.nr_ports: xen/physdev.h");

struct pv_physdev_apic {
	uint64_t apic_physbase; /* IO-APIC base address */
	uint32_t reg;
	uint32_t value; /* in for write, out for read */
};
_Static_assert(sizeof(struct pv_physdev_apic) == 16, "physdev_apic: xen/physdev.h");

struct pv_physdev_irq {
	uint32_t irq;
	uint32_t vector;
};
_Static_assert(sizeof(struct pv_physdev_irq) == 8, "physdev_irq: xen/physdev.h");

struct pv_physdev_map_pirq {
	pv_domid_t domid;
	int32_t type; /* PV_MAP_PIRQ_TYPE_* */
	int32_t index; /* GSI, or MSI-X entry */
	int32_t pirq;  /* in (negative: let the hypervisor pick) and out */
	int32_t bus;   /* PCI bus; segment in bits 16-31 for the _SEG types */
	int32_t devfn;
	int32_t entry_nr;
	uint64_t table_base; /* MSI-X table address */
};
_Static_assert(sizeof(struct pv_physdev_map_pirq) == 40, "physdev_map_pirq: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_map_pirq, type) == 4,
	       "physdev_map_pirq.type: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_map_pirq, table_base) == 32,
	       "physdev_map_pirq.table_base: xen/physdev.h");

struct pv_physdev_unmap_pirq {
	pv_domid_t domid;
	int32_t pirq;
};
_Static_assert(sizeof(struct pv_physdev_unmap_pirq) == 8, "physdev_unmap_pirq: xen/physdev.h");

struct pv_physdev_manage_pci {
	uint8_t bus;
	uint8_t devfn;
};
_Static_assert(sizeof(struct pv_physdev_manage_pci) == 2, "physdev_manage_pci: xen/physdev.h");

struct pv_physdev_restore_msi {
	uint8_t bus;
	uint8_t devfn;
};
_Static_assert(sizeof(struct pv_physdev_restore_msi) == 2, "physdev_restore_msi: xen/physdev.h");

struct pv_physdev_manage_pci_ext {
	uint8_t bus;
	uint8_t devfn;
	uint32_t is_extfn;
	uint32_t is_virtfn;
	struct {
		uint8_t bus;
		uint8_t devfn;
	} physfn; /* for a virtual function */
};
_Static_assert(sizeof(struct pv_physdev_manage_pci_ext) == 16,
	       "physdev_manage_pci_ext: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_manage_pci_ext, physfn) == 12,
	       "physdev_manage_pci_ext.physfn: xen/physdev.h");

/* The argument of the old physdev_op_compat hypercall. */
struct pv_physdev_op {
	uint32_t cmd; /* PV_PHYSDEVOP_* */
	union {
		struct pv_physdev_irq_status_query irq_status_query;
		struct pv_physdev_set_iopl set_iopl;
		struct pv_physdev_set_iobitmap set_iobitmap;
		struct pv_physdev_apic apic_op;
		struct pv_physdev_irq irq_op;
	} u;
};
_Static_assert(sizeof(struct pv_physdev_op) == 24, "physdev_op: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_op, u) == 8, "physdev_op.u: xen/physdev.h");

struct pv_physdev_setup_gsi {
	int32_t gsi;
	uint8_t triggering; /* 0: edge, 1: level */
	uint8_t polarity;   /* 0: active high, 1: active low */
};
_Static_assert(sizeof(struct pv_physdev_setup_gsi) == 8, "physdev_setup_gsi: xen/physdev.h");

struct pv_physdev_get_free_pirq {
	int32_t type;  /* PV_MAP_PIRQ_TYPE_GSI or _MSI */
	uint32_t pirq; /* out */
};
_Static_assert(sizeof(struct pv_physdev_get_free_pirq) == 8,
	       "physdev_get_free_pirq: xen/physdev.h");

struct pv_physdev_pci_mmcfg_reserved {
	uint64_t address;
	uint16_t segment;
	uint8_t start_bus;
	uint8_t end_bus;
	uint32_t flags; /* PV_PCI_MMCFG_RESERVED */
};
_Static_assert(sizeof(struct pv_physdev_pci_mmcfg_reserved) == 16,
	       "physdev_pci_mmcfg_reserved: xen/physdev.h");

struct pv_physdev_pci_device_add {
	uint16_t seg;
	uint8_t bus;
	uint8_t devfn;
	uint32_t flags; /* PV_PCI_DEV_* */
	struct {
		uint8_t bus;
		uint8_t devfn;
	} physfn;
	uint32_t optarr[]; /* optional values, as flags say */
};
_Static_assert(sizeof(struct pv_physdev_pci_device_add) == 12,
	       "physdev_pci_device_add: xen/physdev.h");
_Static_assert(PV_OFFSETOF(struct pv_physdev_pci_device_add, optarr) == 12,
	       "physdev_pci_device_add.optarr: xen/physdev.h");

struct pv_physdev_pci_device {
	uint16_t seg;
	uint8_t bus;
	uint8_t devfn;
};
_Static_assert(sizeof(struct pv_physdev_pci_device) == 4, "physdev_pci_device: xen/physdev.h");

struct pv_physdev_dbgp_op {
	uint8_t op;  /* PV_PHYSDEVOP_DBGP_RESET_* */
	uint8_t bus; /* PV_PHYSDEVOP_DBGP_BUS_* */
	union {
		struct pv_physdev_pci_device pci;
	} u;
};
_Static_assert(sizeof(struct pv_physdev_dbgp_op) == 6, "physdev_dbgp_op: xen/physdev.h");
#endif

#endif
