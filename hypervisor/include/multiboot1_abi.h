/*
 * The multiboot1 information structure, as loaders write it: shared by the
 * hypervisor's parser and the test preloader that forges bad ones.
 */
#ifndef MULTIBOOT1_ABI_H
#define MULTIBOOT1_ABI_H

#include <stdint.h>

#define MB1_INFO_MEM (1u << 0)
#define MB1_INFO_CMDLINE (1u << 2)
#define MB1_INFO_MODS (1u << 3)
#define MB1_INFO_MMAP (1u << 6)
#define MB1_INFO_LOADER_NAME (1u << 9)

/* The fields up to the loader name (the rest is about video). */
struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
};
_Static_assert(sizeof(struct mb1_info) == 68, "multiboot1 info up to the loader name");

struct mb1_module {
	uint32_t start, end, string, reserved;
};

#endif
