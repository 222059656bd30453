/*
 * The hypervisor's list of PCI functions, as Xen keeps it: found by the
 * boot-time bus scan and reported (added, removed) by dom0 through
 * physdev_op.  Devices are named by segment, bus and devfn; the list says
 * only that a function exists and what dom0 told about it.
 */
#ifndef PCI_REGISTRY_H
#define PCI_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_DEVFN(slot, func) ((uint8_t)(((slot) << 3) | (func)))

/* What dom0 may say about a function when it reports it. */
struct pci_function_info {
	bool is_extfn;  /* an ARI extended function */
	bool is_virtfn; /* an SR-IOV virtual function of physfn_* */
	uint8_t physfn_bus;
	uint8_t physfn_devfn;
};

struct pci_function {
	struct pci_function *next;
	uint16_t seg;
	uint8_t bus;
	uint8_t devfn;
	struct pci_function_info info;
};

struct pci_function *pci_function_find(uint16_t seg, uint8_t bus, uint8_t devfn);

/*
 * Records a function (an existing record is kept) and, when @info is
 * given, replaces what was known about it; a virtual function takes its
 * physical function's is_extfn, as Xen records it.  0 or -PV_ENOMEM.
 */
int pci_function_add(uint16_t seg, uint8_t bus, uint8_t devfn,
		     const struct pci_function_info *info);

/* 0, or -PV_ENODEV if the function is not recorded. */
int pci_function_remove(uint16_t seg, uint8_t bus, uint8_t devfn);

unsigned int pci_function_count(void);

#endif
