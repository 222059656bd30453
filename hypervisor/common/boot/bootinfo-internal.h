/* Helpers the multiboot parsers share (bootinfo.c). */
#ifndef BOOTINFO_INTERNAL_H
#define BOOTINFO_INTERNAL_H

#include "bootinfo.h"
#include "compiler.h"

/* Records an error in bi->error; always returns -1. */
int boot_error(struct boot_info *bi, const char *fmt, ...) __printf(2, 3);

/* Notes that the loader's data occupies [start, start + len). */
int boot_add_loader_range(struct boot_info *bi, uint64_t start, uint64_t len);

int boot_add_memory(struct boot_info *bi, uint64_t start, uint64_t len, uint32_t type);

/*
 * Copies the NUL-terminated string at physical @paddr (at most
 * BOOT_STRING_MAX bytes) into bi->strings; *out points at the copy.  With
 * @record, the string's memory is added to the loader ranges.
 */
int boot_copy_string(struct boot_info *bi, boot_map_fn map, uint64_t paddr,
		     const char *what, bool record, const char **out);

/* Copies the @len bytes at @s (not NUL-terminated) into bi->strings. */
int boot_copy_bytes(struct boot_info *bi, const char *s, size_t len,
		    const char *what, const char **out);

int boot_add_module(struct boot_info *bi, uint64_t start, uint64_t end,
		    const char *cmdline);

int multiboot1_parse(uint64_t info, boot_map_fn map, struct boot_info *bi);
int multiboot2_parse(uint64_t info, boot_map_fn map, struct boot_info *bi);

#endif
