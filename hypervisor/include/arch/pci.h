/* PCI configuration space through the 0xcf8/0xcfc ports, and the boot scan. */
#ifndef ARCH_PCI_H
#define ARCH_PCI_H

/* Records every function on segment 0 in the PCI registry, as Xen does at boot. */
void pci_scan_devices(void);

#endif
