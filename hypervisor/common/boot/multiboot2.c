/*
 * Multiboot 2 information (GRUB's `multiboot2`): one block of 8-byte
 * aligned tags.  The block must be readable as a whole and every tag must
 * lie inside it; a block without an end tag is malformed.
 */
#include "bootinfo-internal.h"

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15
#define MB2_INFO_MAX (1u << 20)

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_module {
	struct mb2_tag tag;
	uint32_t start, end;
	char string[];
};

struct mb2_mmap {
	struct mb2_tag tag;
	uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
	uint64_t base, len;
	uint32_t type, reserved;
};

/* Copies a string that must end, NUL included, within the tag. */
static int tag_string(struct boot_info *bi, const struct mb2_tag *tag, uint32_t offset,
		      const char *what, const char **out)
{
	const char *s = (const char *)tag + offset;
	uint32_t max = tag->size - offset, len = 0;

	if (tag->size < offset)
		return boot_error(bi, "%s tag is too short", what);
	while (len < max && s[len])
		len++;
	if (len == max)
		return boot_error(bi, "%s is not NUL-terminated", what);
	return boot_copy_bytes(bi, s, len, what, out);
}

static int parse_mmap(const struct mb2_tag *tag, struct boot_info *bi)
{
	const struct mb2_mmap *m = (const void *)tag;
	uint32_t off = sizeof(*m);

	if (tag->size < sizeof(*m) || m->entry_size < sizeof(struct mb2_mmap_entry) ||
	    m->entry_size % 8)
		return boot_error(bi, "memory map tag is malformed (entry size %u)",
				  tag->size < sizeof(*m) ? 0 : m->entry_size);
	for (; tag->size - off >= m->entry_size; off += m->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)((const char *)tag + off);

		if (boot_add_memory(bi, e->base, e->len, e->type))
			return -1;
	}
	return 0;
}

static int parse_module(const struct mb2_tag *tag, struct boot_info *bi)
{
	const struct mb2_module *m = (const void *)tag;
	const char *cmdline;

	if (tag->size < sizeof(*m))
		return boot_error(bi, "module tag is too short");
	if (tag_string(bi, tag, sizeof(*m), "module string", &cmdline))
		return -1;
	return boot_add_module(bi, m->start, m->end, cmdline);
}

static int parse_tag(const struct mb2_tag *tag, uint64_t tag_paddr, struct boot_info *bi)
{
	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		return tag_string(bi, tag, sizeof(*tag), "command line", &bi->cmdline);
	case MB2_TAG_LOADER_NAME:
		return tag_string(bi, tag, sizeof(*tag), "loader name", &bi->loader);
	case MB2_TAG_MODULE:
		return parse_module(tag, bi);
	case MB2_TAG_MMAP:
		return parse_mmap(tag, bi);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		/* The tag holds a copy of the RSDP; prefer the ACPI 2.0 one. */
		if (tag->size > sizeof(*tag) && (!bi->rsdp || tag->type == MB2_TAG_ACPI_NEW))
			bi->rsdp = tag_paddr + sizeof(*tag);
		return 0;
	default:
		return 0;
	}
}

int multiboot2_parse(uint64_t info_addr, boot_map_fn map, struct boot_info *bi)
{
	const uint32_t *header = map(info_addr, 8);
	const char *block;
	uint32_t total, off;

	bi->protocol = "multiboot2";
	if (!header || info_addr % 8)
		return boot_error(bi, "multiboot2 info at %#llx is not readable or aligned",
				  (unsigned long long)info_addr);
	total = header[0];
	if (total < 16 || total > MB2_INFO_MAX || total % 8)
		return boot_error(bi, "multiboot2 info size %u is invalid", total);
	block = map(info_addr, total);
	if (!block)
		return boot_error(bi, "multiboot2 info (%u bytes) is not readable", total);
	if (boot_add_loader_range(bi, info_addr, total))
		return -1;
	for (off = 8; total - off >= sizeof(struct mb2_tag);) {
		const struct mb2_tag *tag = (const void *)(block + off);

		if (tag->size < sizeof(*tag) || tag->size > total - off)
			return boot_error(bi, "tag %u at offset %u has bad size %u",
					  tag->type, off, tag->size);
		if (tag->type == MB2_TAG_END)
			return 0;
		if (parse_tag(tag, info_addr + off, bi))
			return -1;
		off += (tag->size + 7) & ~7u;
		if (off > total)
			break;
	}
	return boot_error(bi, "multiboot2 info has no end tag");
}
