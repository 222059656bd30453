/*
 * start_info: what a PV guest finds at boot, addressed by rsi at its entry
 * point.  On resume the fields up to the console are filled in again;
 * those from pt_base on are only valid at first boot.
 *
 * The domain builder maps, from the kernel's virtual base up and each
 * page-aligned: the kernel image, the initial ramdisk (unless passed by
 * frame number, PV_SIF_MOD_START_PFN), the p2m list (mfn_list, unless
 * PV_ELFNOTE_INIT_P2M places it elsewhere), this page (for dom0 followed by
 * the console info), for a domU the xenstore and console ring pages, the
 * bootstrap page tables (pt_base, mapped read-only) and the boot stack.
 * At least 512 KiB of mapped space follow the last of them.
 *
 * magic is "xen-3.0-x86_64", NUL-padded, for 64-bit guests of this ABI.
 */
#ifndef PV_ABI_START_INFO_H
#define PV_ABI_START_INFO_H

#define PV_START_INFO_MAGIC "xen-3.0-x86_64"
#define PV_START_INFO_MAGIC_SIZE 32 /* size of the magic field */
#define PV_MAX_GUEST_CMDLINE 1024

/* start_info.flags */
#define PV_SIF_PRIVILEGED (1 << 0)    /* domain may use privileged operations */
#define PV_SIF_INITDOMAIN (1 << 1)    /* domain is the initial domain (dom0) */
#define PV_SIF_MULTIBOOT_MOD (1 << 2) /* the module is a list of modules */
#define PV_SIF_MOD_START_PFN (1 << 3) /* mod_start is a frame number */
#define PV_SIF_VIRT_P2M_4TOOLS (1 << 4) /* tools read the linear p2m */
#define PV_SIF_PM_MASK (0xff << 8)    /* PV_XEN_PROCESSOR_PM_* << 8: for dom0 */

/* dom0_vga_console_info.video_type */
#define PV_VGATYPE_TEXT_MODE_3 0x03
#define PV_VGATYPE_VESA_LFB 0x23
#define PV_VGATYPE_EFI_LFB 0x70

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_start_info {
	char magic[PV_START_INFO_MAGIC_SIZE];
	uint64_t nr_pages;    /* pages the domain owns */
	uint64_t shared_info; /* machine address of the shared-info page */
	uint32_t flags;       /* PV_SIF_* */
	uint64_t store_mfn;   /* xenstore ring page (machine frame) */
	uint32_t store_evtchn;
	union {
		struct {
			uint64_t mfn; /* console ring page (machine frame) */
			uint32_t evtchn;
		} domU;
		struct {
			/* Where dom0's pv_dom0_vga_console_info sits in this page. */
			uint32_t info_off;
			uint32_t info_size;
		} dom0;
	} console;
	/* Valid at first boot only: */
	uint64_t pt_base;      /* virtual address of the top-level page table */
	uint64_t nr_pt_frames; /* frames of bootstrap page tables */
	uint64_t mfn_list;     /* virtual address of the p2m list */
	uint64_t mod_start;    /* virtual address (or pfn) of the ramdisk */
	uint64_t mod_len;      /* its size in bytes */
	int8_t cmd_line[PV_MAX_GUEST_CMDLINE];
	uint64_t first_p2m_pfn; /* first pfn of the initial p2m and page tables */
	uint64_t nr_p2m_frames; /* number of them */
};
_Static_assert(sizeof(struct pv_start_info) == 1168, "start_info: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, flags) == 48, "start_info.flags: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, store_mfn) == 56,
	       "start_info.store_mfn: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, console) == 72,
	       "start_info.console: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, console.domU.evtchn) == 80,
	       "start_info.console.domU.evtchn: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, pt_base) == 88,
	       "start_info.pt_base: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, cmd_line) == 128,
	       "start_info.cmd_line: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_start_info, nr_p2m_frames) == 1160,
	       "start_info.nr_p2m_frames: xen/xen.h");

/*
 * With PV_SIF_MULTIBOOT_MOD the module starts with an array of these, ended
 * by one whose mod_start is 0; addresses are offsets into the module.
 */
struct pv_multiboot_mod_list {
	uint32_t mod_start;
	uint32_t mod_end; /* last byte, inclusive */
	uint32_t cmdline; /* NUL-terminated */
	uint32_t pad;
};
_Static_assert(sizeof(struct pv_multiboot_mod_list) == 16,
	       "xen_multiboot_mod_list: xen/xen.h");

/* Dom0's boot console, at start_info.console.dom0.info_off. */
struct pv_dom0_vga_console_info {
	uint8_t video_type; /* PV_VGATYPE_* */
	union {
		struct {
			uint16_t font_height;
			uint16_t cursor_x, cursor_y;
			uint16_t rows, columns;
		} text_mode_3;
		struct {
			uint16_t width, height; /* pixels */
			uint16_t bytes_per_line;
			uint16_t bits_per_pixel;
			uint32_t lfb_base; /* physical address, low 32 bits */
			uint32_t lfb_size; /* in 64 KiB units */
			uint8_t red_pos, red_size;
			uint8_t green_pos, green_size;
			uint8_t blue_pos, blue_size;
			uint8_t rsvd_pos, rsvd_size;
			uint32_t gbl_caps;   /* VBE controller capabilities */
			uint16_t mode_attrs; /* VBE mode attributes */
			uint16_t pad;
			uint32_t ext_lfb_base; /* lfb_base, high 32 bits */
		} vesa_lfb;
	} u;
};
_Static_assert(sizeof(struct pv_dom0_vga_console_info) == 40,
	       "dom0_vga_console_info: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_dom0_vga_console_info, u.vesa_lfb.lfb_base) == 12,
	       "dom0_vga_console_info.u.vesa_lfb.lfb_base: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_dom0_vga_console_info, u.vesa_lfb.ext_lfb_base) == 36,
	       "dom0_vga_console_info.u.vesa_lfb.ext_lfb_base: xen/xen.h");
#endif

#endif
