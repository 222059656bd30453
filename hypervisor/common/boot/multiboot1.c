/*
 * Multiboot 1 information (as QEMU's -kernel and GRUB's `multiboot` give
 * it).  The info structure is a set of physical pointers; each one is
 * checked before use and every structure it leads to is recorded as loader
 * memory.
 */
#include "bootinfo-internal.h"
#include "multiboot1_abi.h"

/* Packed: a size field that is not a multiple of 4 misaligns the next entry. */
struct mb1_mmap_entry {
	uint32_t size; /* of the rest of the entry */
	uint32_t base_low, base_high, len_low, len_high;
	uint32_t type;
} __packed;

static int parse_mmap(const struct mb1_info *info, boot_map_fn map, struct boot_info *bi)
{
	uint32_t off = 0;
	const uint8_t *buf = map(info->mmap_addr, info->mmap_length);

	if (!buf || info->mmap_length == 0)
		return boot_error(bi, "memory map at %#x (%u bytes) is not readable",
				  info->mmap_addr, info->mmap_length);
	if (boot_add_loader_range(bi, info->mmap_addr, info->mmap_length))
		return -1;
	while (off < info->mmap_length) {
		const struct mb1_mmap_entry *e = (const void *)(buf + off);

		if (info->mmap_length - off < sizeof(*e) || e->size < sizeof(*e) - 4 ||
		    e->size > info->mmap_length - off - 4)
			return boot_error(bi, "memory map entry at offset %u is malformed", off);
		if (boot_add_memory(bi, (uint64_t)e->base_high << 32 | e->base_low,
				    (uint64_t)e->len_high << 32 | e->len_low, e->type))
			return -1;
		off += e->size + 4;
	}
	return 0;
}

/* Without a map, the two sizes the loader must give describe the RAM. */
static int parse_mem_sizes(const struct mb1_info *info, struct boot_info *bi)
{
	if (!(info->flags & MB1_INFO_MEM))
		return boot_error(bi, "the loader gave neither a memory map nor memory sizes");
	if (boot_add_memory(bi, 0, (uint64_t)info->mem_lower << 10, BOOT_MEM_RAM))
		return -1;
	return boot_add_memory(bi, 0x100000, (uint64_t)info->mem_upper << 10, BOOT_MEM_RAM);
}

static int parse_modules(const struct mb1_info *info, boot_map_fn map, struct boot_info *bi)
{
	uint64_t size = (uint64_t)info->mods_count * sizeof(struct mb1_module);
	const struct mb1_module *mods;

	if (info->mods_count > BOOT_MAX_MODULES)
		return boot_error(bi, "%u modules, at most %d supported",
				  info->mods_count, BOOT_MAX_MODULES);
	mods = map(info->mods_addr, size);
	if (info->mods_count && !mods)
		return boot_error(bi, "module list at %#x is not readable", info->mods_addr);
	if (info->mods_count && boot_add_loader_range(bi, info->mods_addr, size))
		return -1;
	for (uint32_t i = 0; i < info->mods_count; i++) {
		const char *cmdline = "";

		if (mods[i].string &&
		    boot_copy_string(bi, map, mods[i].string, "module string", true, &cmdline))
			return -1;
		if (boot_add_module(bi, mods[i].start, mods[i].end, cmdline))
			return -1;
	}
	return 0;
}

int multiboot1_parse(uint64_t info_addr, boot_map_fn map, struct boot_info *bi)
{
	const struct mb1_info *info = map(info_addr, sizeof(*info));

	bi->protocol = "multiboot1";
	bi->path_first = true;
	if (!info)
		return boot_error(bi, "multiboot1 info at %#llx is not readable",
				  (unsigned long long)info_addr);
	if (boot_add_loader_range(bi, info_addr, sizeof(*info)))
		return -1;
	if ((info->flags & MB1_INFO_CMDLINE) && info->cmdline &&
	    boot_copy_string(bi, map, info->cmdline, "command line", true, &bi->cmdline))
		return -1;
	if ((info->flags & MB1_INFO_LOADER_NAME) && info->boot_loader_name &&
	    boot_copy_string(bi, map, info->boot_loader_name, "loader name", true,
			     &bi->loader))
		return -1;
	if (info->flags & MB1_INFO_MMAP ? parse_mmap(info, map, bi)
					: parse_mem_sizes(info, bi))
		return -1;
	if ((info->flags & MB1_INFO_MODS) && parse_modules(info, map, bi))
		return -1;
	return 0;
}
