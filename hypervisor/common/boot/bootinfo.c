/*
 * Loader-independent half of boot information parsing: bounded copies of
 * loader strings, the range lists, and the final consistency checks of the
 * memory map and module list.
 */
#include <stdarg.h>

#include "bootinfo-internal.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

int boot_error(struct boot_info *bi, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(bi->error, sizeof(bi->error), fmt, ap);
	va_end(ap);
	return -1;
}

int boot_add_loader_range(struct boot_info *bi, uint64_t start, uint64_t len)
{
	if (bi->loader_range_count == BOOT_MAX_LOADER_RANGES)
		return boot_error(bi, "too many boot loader structures");
	bi->loader_ranges[bi->loader_range_count++] =
		(struct boot_range){ start, start + len, BOOT_MEM_RESERVED };
	return 0;
}

int boot_add_memory(struct boot_info *bi, uint64_t start, uint64_t len, uint32_t type)
{
	if (len == 0)
		return 0;
	if (start + len < start)
		return boot_error(bi, "memory map entry %#llx+%#llx wraps around",
				  (unsigned long long)start, (unsigned long long)len);
	if (bi->memmap_count == BOOT_MAX_MEMMAP)
		return boot_error(bi, "memory map has more than %d entries",
				  BOOT_MAX_MEMMAP);
	bi->memmap[bi->memmap_count++] = (struct boot_range){ start, start + len, type };
	return 0;
}

int boot_copy_bytes(struct boot_info *bi, const char *s, size_t len,
		    const char *what, const char **out)
{
	char *dst = bi->strings + bi->strings_used;

	if (len >= BOOT_STRING_MAX)
		return boot_error(bi, "%s is longer than %d bytes", what,
				  BOOT_STRING_MAX - 1);
	if (len + 1 > sizeof(bi->strings) - bi->strings_used)
		return boot_error(bi, "boot strings exceed %d bytes in all",
				  BOOT_STRINGS_SIZE);
	memcpy(dst, s, len);
	dst[len] = '\0';
	bi->strings_used += len + 1;
	*out = dst;
	return 0;
}

int boot_copy_string(struct boot_info *bi, boot_map_fn map, uint64_t paddr,
		     const char *what, bool record, const char **out)
{
	const char *whole;
	size_t len;

	for (len = 0; len < BOOT_STRING_MAX; len++) {
		const char *c = map(paddr + len, 1);

		if (!c)
			return boot_error(bi, "%s at %#llx is not readable", what,
					  (unsigned long long)paddr);
		if (*c == '\0')
			break;
	}
	if (len == BOOT_STRING_MAX)
		return boot_error(bi, "%s is longer than %d bytes", what,
				  BOOT_STRING_MAX - 1);
	whole = map(paddr, len + 1);
	if (!whole)
		return boot_error(bi, "%s at %#llx is not readable", what,
				  (unsigned long long)paddr);
	if (record && boot_add_loader_range(bi, paddr, len + 1))
		return -1;
	return boot_copy_bytes(bi, whole, len, what, out);
}

int boot_add_module(struct boot_info *bi, uint64_t start, uint64_t end,
		    const char *cmdline)
{
	if (bi->module_count == BOOT_MAX_MODULES)
		return boot_error(bi, "more than %d modules", BOOT_MAX_MODULES);
	if (end < start)
		return boot_error(bi, "module %u ends (%#llx) before it starts (%#llx)",
				  bi->module_count, (unsigned long long)end,
				  (unsigned long long)start);
	bi->modules[bi->module_count++] =
		(struct boot_module){ start, end, cmdline };
	return 0;
}

const char *boot_cmdline_options(const struct boot_info *bi, const char *cmdline)
{
	const char *s = cmdline;

	while (*s == ' ')
		s++;
	if (!bi->path_first)
		return s;
	while (*s && *s != ' ')
		s++;
	while (*s == ' ')
		s++;
	return s;
}

static void sort_ranges(struct boot_range *r, unsigned count)
{
	for (unsigned i = 1; i < count; i++) {
		struct boot_range key = r[i];
		unsigned j = i;

		for (; j > 0 && r[j - 1].start > key.start; j--)
			r[j] = r[j - 1];
		r[j] = key;
	}
}

static bool ram_covers(const struct boot_info *bi, uint64_t start, uint64_t end)
{
	/* The map is sorted; walk adjacent RAM entries from @start. */
	for (unsigned i = 0; i < bi->memmap_count && start < end; i++) {
		const struct boot_range *r = &bi->memmap[i];

		if (r->type == BOOT_MEM_RAM && r->start <= start && start < r->end)
			start = r->end;
	}
	return start >= end;
}

static int check_modules(struct boot_info *bi)
{
	for (unsigned i = 0; i < bi->module_count; i++) {
		const struct boot_module *m = &bi->modules[i];

		if (m->end > m->start && !ram_covers(bi, m->start, m->end))
			return boot_error(bi, "module %u [%#llx, %#llx) is not in RAM", i,
					  (unsigned long long)m->start,
					  (unsigned long long)m->end);
		for (unsigned j = 0; j < i; j++) {
			const struct boot_module *o = &bi->modules[j];

			if (m->start < o->end && o->start < m->end)
				return boot_error(bi, "modules %u and %u overlap", j, i);
		}
	}
	return 0;
}

int boot_info_finish(struct boot_info *bi)
{
	bool have_ram = false;

	sort_ranges(bi->memmap, bi->memmap_count);
	for (unsigned i = 0; i < bi->memmap_count; i++)
		have_ram |= bi->memmap[i].type == BOOT_MEM_RAM;
	if (!have_ram)
		return boot_error(bi, "the memory map has no RAM");
	return check_modules(bi);
}
