/* The list of PCI functions the hypervisor knows (see pci_registry.h). */
#include "heap.h"
#include "hypercall-abi/errno.h"
#include "pci_registry.h"

static struct pci_function *functions;

static struct pci_function **link_of(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	struct pci_function **link = &functions;

	while (*link && !((*link)->seg == seg && (*link)->bus == bus && (*link)->devfn == devfn))
		link = &(*link)->next;
	return link;
}

struct pci_function *pci_function_find(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	return *link_of(seg, bus, devfn);
}

int pci_function_add(uint16_t seg, uint8_t bus, uint8_t devfn,
		     const struct pci_function_info *info)
{
	struct pci_function *f = pci_function_find(seg, bus, devfn);

	if (!f) {
		f = xzalloc(sizeof(*f));
		if (!f)
			return -PV_ENOMEM;
		f->seg = seg;
		f->bus = bus;
		f->devfn = devfn;
		f->next = functions;
		functions = f;
	}
	if (info) {
		f->info = *info;
		if (info->is_virtfn) {
			const struct pci_function *pf =
				pci_function_find(seg, info->physfn_bus, info->physfn_devfn);

			f->info.is_extfn = pf && pf->info.is_extfn;
		}
	}
	return 0;
}

int pci_function_remove(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	struct pci_function **link = link_of(seg, bus, devfn);
	struct pci_function *f = *link;

	if (!f)
		return -PV_ENODEV;
	*link = f->next;
	xfree(f);
	return 0;
}

unsigned int pci_function_count(void)
{
	unsigned int n = 0;

	for (const struct pci_function *f = functions; f; f = f->next)
		n++;
	return n;
}
