/*
 * What the boot loader told us, in one loader-independent form.  The
 * multiboot parsers fill it; everything after them reads only this.  Strings
 * are copied into the structure, so the loader's tables are not needed once
 * it is filled (their ranges are still kept out of the frame allocator).
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_MAX_MEMMAP 128
#define BOOT_MAX_MODULES 32
#define BOOT_MAX_LOADER_RANGES (8 + BOOT_MAX_MODULES)
#define BOOT_STRING_MAX 1024
#define BOOT_STRINGS_SIZE 16384

/* Memory map types, as the multiboot specifications number them. */
enum boot_mem_type {
	BOOT_MEM_RAM = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI = 3,
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_range {
	uint64_t start, end; /* [start, end) */
	uint32_t type;       /* enum boot_mem_type (memory map only) */
};

struct boot_module {
	uint64_t start, end;
	const char *cmdline; /* never NULL */
};

struct boot_info {
	const char *protocol; /* "multiboot1" or "multiboot2" */
	const char *loader;   /* never NULL */
	const char *cmdline;  /* never NULL */
	struct boot_range memmap[BOOT_MAX_MEMMAP];
	unsigned memmap_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	unsigned module_count;
	/* Memory holding the loader's own tables and strings. */
	struct boot_range loader_ranges[BOOT_MAX_LOADER_RANGES];
	unsigned loader_range_count;
	uint64_t rsdp; /* physical address of an RSDP copy, 0 if none */
	/* Command lines start with the image's path (multiboot1 loaders). */
	bool path_first;
	char error[160];
	char strings[BOOT_STRINGS_SIZE];
	size_t strings_used;
};

/*
 * Returns a pointer through which [paddr, paddr + len) can be read, or NULL
 * if that range is not accessible (it must never fault).
 */
typedef const void *(*boot_map_fn)(uint64_t paddr, uint64_t len);

#define MULTIBOOT1_LOADER_MAGIC 0x2badb002
#define MULTIBOOT2_LOADER_MAGIC 0x36d76289

/*
 * Fills @bi from the information a multiboot loader left at @info (its
 * protocol told by @magic).  Every pointer, length and count in the tables
 * is checked.  Returns 0, or -1 with a description in bi->error; on error
 * @bi holds what was read so far.
 */
int multiboot_parse(uint32_t magic, uint64_t info, boot_map_fn map, struct boot_info *bi);

/*
 * The options part of the hypervisor's or a module's command line: without
 * the image path that multiboot1 loaders (QEMU, GRUB's `multiboot`) put
 * first and GRUB's multiboot2 leaves out.
 */
const char *boot_cmdline_options(const struct boot_info *bi, const char *cmdline);

/* Sorts and checks the memory map and modules (shared by both protocols). */
int boot_info_finish(struct boot_info *bi);

#endif
