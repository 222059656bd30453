/*
 * XENMEM_machine_memory_map: the privileged domain's view of the
 * machine's memory map, which Linux as dom0 builds its own e820 from.
 *
 * As Xen, the answer is the firmware's map with, in each hole between
 * its entries (and after the last one, below the physical address
 * width), a reserved entry for every range dom0 may not map: here the
 * MSI/local APIC window, which Xen always keeps for itself.  Xen also
 * reserves the I/O APIC and HPET pages it found in ACPI; we do not look
 * for those (docs/abi.md).  The same ranges and width decide which I/O
 * frames the privileged domain may map (machine_mmio_permitted).
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/memory.h"
#include "machine_memory_map.h"
#include "memory_op.h"
#include "panic.h"

#define PAGE_BITS 12

/* Machine memory the hypervisor keeps from dom0 ([start, end), bytes). */
static const struct boot_range hypervisor_mmio[] = {
	{ 0xfee00000ull, 0xfef00000ull, BOOT_MEM_RESERVED }, /* MSI, LAPIC */
};

/* I/O frames the privileged domain may map only read-only (the I/O APICs). */
#define READ_ONLY_MMIO_MAX 8
static uint64_t read_only_mmio[READ_ONLY_MMIO_MAX];
static unsigned int read_only_mmio_count;

static struct boot_range machine_map[BOOT_MAX_MEMMAP];
static unsigned int machine_map_count;
static unsigned int phys_addr_bits = 36;

void machine_memory_map_init(const struct boot_info *bi, unsigned int paddr_bits)
{
	machine_map_count = bi->memmap_count;
	for (unsigned int i = 0; i < bi->memmap_count; i++)
		machine_map[i] = bi->memmap[i];
	phys_addr_bits = paddr_bits;
}

bool machine_mmio_permitted(const struct domain *d, uint64_t mfn)
{
	uint64_t addr = mfn << PAGE_BITS;

	if (!d->privileged || mfn >= 1ull << (phys_addr_bits - PAGE_BITS))
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(hypervisor_mmio); i++) {
		if (addr >= hypervisor_mmio[i].start && addr < hypervisor_mmio[i].end)
			return false;
	}
	return true;
}

void machine_mmio_add_read_only(uint64_t mfn)
{
	BUG_ON(read_only_mmio_count == READ_ONLY_MMIO_MAX);
	read_only_mmio[read_only_mmio_count++] = mfn;
}

bool machine_mmio_read_only(uint64_t mfn)
{
	for (unsigned int i = 0; i < read_only_mmio_count; i++) {
		if (read_only_mmio[i] == mfn)
			return true;
	}
	return false;
}

struct map_writer {
	struct pv_memory_map map;
	bool store;
	unsigned int n;	/* entries produced so far */
};

static long put_entry(struct map_writer *w, uint64_t addr, uint64_t size,
		      uint32_t type)
{
	struct e820_entry e = { addr, size, type };

	if (w->store && copy_to_guest(w->map.buffer + (uint64_t)w->n * sizeof(e),
				      &e, sizeof(e)))
		return -PV_EFAULT;
	w->n++;
	return 0;
}

/*
 * The reserved entries for the hole [start, end) (whole pages), each
 * needing room for itself and one more entry, as Xen counts.
 */
static long fill_hole(struct map_writer *w, uint64_t start, uint64_t end)
{
	uint64_t limit = 1ull << phys_addr_bits;

	for (unsigned int i = 0; i < ARRAY_SIZE(hypervisor_mmio); i++) {
		uint64_t s = MAX(start, hypervisor_mmio[i].start);
		uint64_t e = MIN(MIN(end, hypervisor_mmio[i].end), limit);
		long rc;

		if (s >= e)
			continue;
		if (w->store && w->n + 1 >= w->map.nr_entries)
			return -PV_EINVAL;
		rc = put_entry(w, s, e - s, E820_RESERVED);
		if (rc)
			return rc;
	}
	return 0;
}

long machine_memory_map(struct domain *d, uint64_t arg)
{
	struct map_writer w = { .n = 0 };
	uint64_t hole = 0;	/* where the current hole starts (page aligned) */
	long rc;

	if (!d->privileged)
		return -PV_EPERM;
	if (copy_from_guest(&w.map, arg, sizeof(w.map)))
		return -PV_EFAULT;
	w.store = w.map.buffer != 0;
	if (w.store && w.map.nr_entries < machine_map_count + 1)
		return -PV_EINVAL;
	for (unsigned int i = 0; i < machine_map_count; i++) {
		const struct boot_range *r = &machine_map[i];
		uint64_t first = r->start & ~((1ull << PAGE_BITS) - 1);

		if (first > hole) {
			rc = fill_hole(&w, hole, first);
			if (rc)
				return rc;
		}
		if (w.store && w.map.nr_entries <= w.n + (machine_map_count - i))
			return -PV_EINVAL;
		rc = put_entry(&w, r->start, r->end - r->start, r->type);
		if (rc)
			return rc;
		hole = ALIGN_UP(r->end, 1ull << PAGE_BITS);
	}
	if (hole) {
		rc = fill_hole(&w, hole, ~0ull);
		if (rc)
			return rc;
	}
	w.map.nr_entries = w.n;
	return copy_to_guest(arg, &w.map, sizeof(w.map)) ? -PV_EFAULT : 0;
}
