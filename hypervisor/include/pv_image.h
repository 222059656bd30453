/*
 * Reading a PV guest kernel: a 64-bit x86 ELF image carrying Xen ELF
 * notes (owner "Xen"), as the domain builder needs it before it loads
 * anything.  pv_image_parse() treats the image as untrusted: every table,
 * note and segment is bounds-checked against the image size, and what it
 * returns is consistent (segments inside the file and not overlapping,
 * entry point and hypercall page inside the loaded range).
 *
 * Load addresses follow the PV boot protocol: a loadable segment goes to
 * the virtual address  p_paddr - PADDR_OFFSET + VIRT_BASE  (p_vaddr is not
 * used: Linux's per-CPU segment has p_vaddr 0).  Both notes default to 0.
 */
#ifndef PV_IMAGE_H
#define PV_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"

#define PV_IMAGE_MAX_SEGMENTS 16
#define PV_IMAGE_NAME_MAX 32	/* string note buffers, NUL included */
#define PV_IMAGE_ERROR_MAX 128

/* Feature bit numbers (the XENFEAT_* values of the Xen public ABI). */
#define PV_FEAT_WRITABLE_PAGE_TABLES 0
#define PV_FEAT_WRITABLE_DESCRIPTOR_TABLES 1
#define PV_FEAT_AUTO_TRANSLATED_PHYSMAP 2
#define PV_FEAT_SUPERVISOR_MODE_KERNEL 3
#define PV_FEAT_PAE_PGDIR_ABOVE_4GB 4
#define PV_FEAT_HVM_CALLBACK_VECTOR 8
#define PV_FEAT_DOM0 11

struct pv_segment {
	uint64_t vaddr;		/* load address (see above) */
	uint64_t paddr;		/* p_paddr as found in the ELF */
	uint64_t file_offset;
	uint64_t file_size;	/* bytes to copy; the rest up to mem_size is zero */
	uint64_t mem_size;
	uint32_t flags;		/* ELF_PF_R/W/X */
};

struct pv_image_info {
	/* From the ELF headers. */
	uint64_t entry;		/* the ENTRY note, else e_entry */
	struct pv_segment segments[PV_IMAGE_MAX_SEGMENTS];
	unsigned int segment_count;
	uint64_t virt_kstart;	/* lowest load address */
	uint64_t virt_kend;	/* highest load address + mem_size */

	/* From the Xen notes; an absent string note leaves "". */
	char guest_os[PV_IMAGE_NAME_MAX], guest_version[PV_IMAGE_NAME_MAX];
	char xen_version[PV_IMAGE_NAME_MAX], loader[PV_IMAGE_NAME_MAX];
	char pae[16];
	uint64_t virt_base, virt_entry, hypercall_page, paddr_offset, init_p2m;
	uint64_t hv_start_low;
	bool has_virt_base, has_entry, has_hypercall_page, has_paddr_offset;
	bool has_init_p2m, has_hv_start_low;
	/*
	 * Bitmaps of PV_FEAT_* bits: the FEATURES string ('!' marks a
	 * required feature, which also counts as supported) combined with
	 * the SUPPORTED_FEATURES bitmap note.
	 */
	uint32_t features_supported[1], features_required[1];
	bool pae_yes_or_bimodal;	/* PAE_MODE "yes..." or "...bimodal" */
	bool suspend_cancel;
	bool mod_start_pfn;	/* initrd may be passed as a pfn, unmapped */
	unsigned int xen_note_count;
	bool notes_from_sections;	/* no Xen note in PT_NOTE; SHT_NOTE used */

	char error[PV_IMAGE_ERROR_MAX];	/* why pv_image_parse() failed */
};

/*
 * Parses @image (@size bytes, untrusted) into @info.  Returns 0, or -1
 * with a human-readable reason in info->error (the other fields are then
 * unspecified).  Accepts ELF64 little-endian x86-64 ET_EXEC/ET_DYN images
 * with at least one Xen note, LOADER (if present) "generic" and
 * XEN_VERSION (if present) starting "xen-3.0".
 */
int pv_image_parse(const void *image, uint64_t size,
		   struct pv_image_info *info);

/*
 * Returns the name of the first feature @info marks required whose bit is
 * not in @supported_mask, or NULL when all are supported.  (Xen's own PV
 * builder does not enforce "!writable_page_tables", which Linux sets; the
 * caller decides what to pass.)
 */
const char *pv_image_unsupported_feature(const struct pv_image_info *info,
					 uint32_t supported_mask);

#endif
