/*
 * The boot-time PCI bus scan: every bus, slot and function of segment 0
 * is probed through configuration mechanism #1 (ports 0xcf8/0xcfc) and
 * what answers goes into the PCI registry, so that dom0's later reports
 * and removals get Xen's answers for devices Xen would have found.
 */
#include "arch/io.h"
#include "arch/pci.h"
#include "pci_registry.h"
#include "printk.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCI_CONFIG_ENABLE 0x80000000u

#define PCI_VENDOR_ID 0x00
#define PCI_HEADER_TYPE 0x0e
#define PCI_HEADER_MULTI_FUNCTION 0x80

static uint32_t config_read32(uint8_t bus, uint8_t devfn, uint8_t reg)
{
	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)devfn << 8 |
					 (reg & 0xfcu));
	return inl(PCI_CONFIG_DATA);
}

/* Some boards answer for an empty slot with zeros or ones in either half. */
static bool function_present(uint8_t bus, uint8_t devfn)
{
	uint32_t id = config_read32(bus, devfn, PCI_VENDOR_ID);

	return id != 0xffffffffu && id != 0 && id != 0x0000ffffu && id != 0xffff0000u;
}

static bool multi_function(uint8_t bus, uint8_t slot)
{
	uint32_t dword = config_read32(bus, PCI_DEVFN(slot, 0), PCI_HEADER_TYPE & 0xfc);

	return (dword >> (8 * (PCI_HEADER_TYPE & 3))) & PCI_HEADER_MULTI_FUNCTION;
}

void pci_scan_devices(void)
{
	for (unsigned int bus = 0; bus < 256; bus++) {
		for (unsigned int slot = 0; slot < 32; slot++) {
			for (unsigned int func = 0; func < 8; func++) {
				if (!function_present(bus, PCI_DEVFN(slot, func))) {
					if (!func)
						break;
					continue;
				}
				if (pci_function_add(0, bus, PCI_DEVFN(slot, func), NULL)) {
					printk(LOG_WARNING "PCI: no memory to record 0000:%02x:%02x.%u\n",
					       bus, slot, func);
					return;
				}
				if (!func && !multi_function(bus, slot))
					break;
			}
		}
	}
	printk("PCI: %u functions found\n", pci_function_count());
}
