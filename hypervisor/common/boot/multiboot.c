/* Entry point of boot information parsing: picks the protocol. */
#include "bootinfo-internal.h"
#include "lib/string.h"

int multiboot_parse(uint32_t magic, uint64_t info, boot_map_fn map, struct boot_info *bi)
{
	int rc;

	memset(bi, 0, sizeof(*bi));
	bi->protocol = "unknown";
	bi->loader = bi->cmdline = "";
	if (magic == MULTIBOOT1_LOADER_MAGIC)
		rc = multiboot1_parse(info, map, bi);
	else if (magic == MULTIBOOT2_LOADER_MAGIC)
		rc = multiboot2_parse(info, map, bi);
	else
		rc = boot_error(bi, "not started by a multiboot loader (magic %#x)", magic);
	return rc ? rc : boot_info_finish(bi);
}
