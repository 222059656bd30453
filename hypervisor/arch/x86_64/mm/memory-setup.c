/*
 * Boot-time setup of physical memory: which frames are free, the frame
 * table, the allocator, then the final page tables.
 *
 * Free memory is the RAM of the memory map, shrunk to whole pages, minus:
 * the first MiB (firmware data, and room for real-mode trampolines), every
 * range the map marks as not RAM (a reserved entry wins over an
 * overlapping RAM entry), the hypervisor image, the loader's tables and
 * strings, and the modules.  The frame table is placed in that free memory
 * below 4 GiB, where the boot direct map reaches.
 */
#include "arch/mm.h"
#include "frame.h"
#include "heap.h"
#include "hypercall-abi/types.h"
#include "memranges.h"
#include "panic.h"
#include "printk.h"

#define LOW_MEMORY_END 0x100000

extern const char __image_start[], __image_end[];

static struct memranges free_memory;

uint64_t image_phys_start(void)
{
	return virt_to_phys(__image_start);
}

uint64_t image_phys_end(void)
{
	return virt_to_phys(__image_end);
}

static void reserve(uint64_t start, uint64_t end)
{
	if (memranges_remove(&free_memory, ALIGN_DOWN(start, PAGE_SIZE),
			     ALIGN_UP(end, PAGE_SIZE)))
		panic("memory map too fragmented");
}

static void collect_free_memory(const struct boot_info *bi)
{
	for (unsigned i = 0; i < bi->memmap_count; i++) {
		const struct boot_range *r = &bi->memmap[i];

		if (r->type == BOOT_MEM_RAM &&
		    memranges_add(&free_memory, ALIGN_UP(r->start, PAGE_SIZE),
				  ALIGN_DOWN(r->end, PAGE_SIZE)))
			panic("memory map too fragmented");
	}
	for (unsigned i = 0; i < bi->memmap_count; i++) {
		if (bi->memmap[i].type != BOOT_MEM_RAM)
			reserve(bi->memmap[i].start, bi->memmap[i].end);
	}
	reserve(0, LOW_MEMORY_END);
	reserve(image_phys_start(), image_phys_end());
	for (unsigned i = 0; i < bi->loader_range_count; i++)
		reserve(bi->loader_ranges[i].start, bi->loader_ranges[i].end);
	for (unsigned i = 0; i < bi->module_count; i++)
		reserve(bi->modules[i].start, bi->modules[i].end);
}

static void add_free_frames(uint64_t below, uint64_t from)
{
	for (unsigned i = 0; i < free_memory.count; i++) {
		uint64_t start = MAX(free_memory.r[i].start, from);
		uint64_t end = MIN(free_memory.r[i].end, below);

		if (start < end)
			frames_add_free(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
	}
}

static void frame_table_init(void)
{
	uint64_t frame_count, bytes, table;

	if (!free_memory.count)
		panic("no free RAM after the hypervisor, loader data and modules");
	frame_count = free_memory.r[free_memory.count - 1].end >> PAGE_SHIFT;
	bytes = ALIGN_UP(frame_count * sizeof(struct frame), PAGE_SIZE);
	table = memranges_find(&free_memory, bytes, PAGE_SIZE, BOOT_DIRECTMAP_SIZE);
	if (table == UINT64_MAX)
		panic("no room below 4 GiB for the frame table (%lu KiB)", bytes >> 10);
	reserve(table, table + bytes);
	frames_init(phys_to_virt(table), frame_count);
	printk("Frame table: %lu frames, %lu KiB at %#lx\n", frame_count, bytes >> 10, table);
}

static bool frame_is_ram(const struct boot_info *bi, uint64_t frame)
{
	uint64_t addr = frame << PAGE_SHIFT;

	for (unsigned i = 0; i < bi->memmap_count; i++) {
		const struct boot_range *r = &bi->memmap[i];

		if ((r->type == BOOT_MEM_RAM || r->type == BOOT_MEM_BAD) &&
		    addr >= ALIGN_DOWN(r->start, PAGE_SIZE) && addr < r->end)
			return true;
	}
	return false;
}

/*
 * As Xen, the first MiB and every frame the map does not call RAM are
 * I/O memory, owned by DOMID_IO: the privileged domain may map them.
 */
static void assign_io_frames(const struct boot_info *bi)
{
	for (uint64_t f = 0; f < frames_table_size(); f++) {
		if (f < (LOW_MEMORY_END >> PAGE_SHIFT) || !frame_is_ram(bi, f))
			frame_set_owner(f, PV_DOMID_IO);
	}
}

void memory_init(const struct boot_info *bi)
{
	collect_free_memory(bi);
	frame_table_init();
	assign_io_frames(bi);
	add_free_frames(BOOT_DIRECTMAP_SIZE, 0);
	pagetables_init(bi);
	add_free_frames(UINT64_MAX, BOOT_DIRECTMAP_SIZE);
	printk("Memory: %lu KiB free of %lu KiB RAM managed\n",
	       frames_free_count() << (PAGE_SHIFT - 10),
	       frames_total_count() << (PAGE_SHIFT - 10));
}

void *heap_pages_alloc(unsigned order)
{
	uint64_t frame = frames_alloc(order);

	return frame == FRAME_NONE ? NULL : phys_to_virt(frame << PAGE_SHIFT);
}

void heap_pages_free(void *p, unsigned order)
{
	BUG_ON(frames_free(virt_to_phys(p) >> PAGE_SHIFT, order));
}
