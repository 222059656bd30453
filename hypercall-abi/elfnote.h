/*
 * ELF notes of a PV guest kernel: how the kernel tells the domain builder
 * where to enter it and what it needs.
 *
 * The notes sit in a PT_NOTE segment with owner name "Xen".  A note's
 * payload is either a NUL-terminated string or a number; numbers are 4 or
 * 8 bytes, as the payload size says.  Numbers 0-18 may appear in a
 * kernel; the later ones only in crash and core dumps.
 */
#ifndef PV_ABI_ELFNOTE_H
#define PV_ABI_ELFNOTE_H

#define PV_ELFNOTE_NAME "Xen"

#define PV_ELFNOTE_INFO 0           /* string: NAME=VALUE, free-form */
#define PV_ELFNOTE_ENTRY 1          /* number: virtual address of the entry point */
#define PV_ELFNOTE_HYPERCALL_PAGE 2 /* number: virtual address to put the hypercall page */
#define PV_ELFNOTE_VIRT_BASE 3      /* number: where the image is mapped (default 0) */
#define PV_ELFNOTE_PADDR_OFFSET 4   /* number: subtract from p_paddr for the load address */
#define PV_ELFNOTE_XEN_VERSION 5    /* string: ABI version wanted, e.g. "xen-3.0" */
#define PV_ELFNOTE_GUEST_OS 6       /* string: e.g. "linux" */
#define PV_ELFNOTE_GUEST_VERSION 7  /* string: the kernel's version */
#define PV_ELFNOTE_LOADER 8         /* string: loader type, "generic" */
#define PV_ELFNOTE_PAE_MODE 9       /* string: 32-bit only: "yes", "no", "bimodal" */
#define PV_ELFNOTE_FEATURES 10      /* string: XENFEAT names split by '|'; '!' = required */
#define PV_ELFNOTE_BSD_SYMTAB 11    /* string: "yes" to have the symbol table loaded */
#define PV_ELFNOTE_HV_START_LOW 12  /* number: lowest start of the hypervisor hole it copes with */
#define PV_ELFNOTE_L1_MFN_VALID 13  /* numbers: (mask, value) pairs marking MFN-holding PTEs */
#define PV_ELFNOTE_SUSPEND_CANCEL 14 /* number: nonzero if suspend may be cancelled */
#define PV_ELFNOTE_INIT_P2M 15      /* number: virtual address for the initial p2m list */
#define PV_ELFNOTE_MOD_START_PFN 16 /* number: nonzero if the ramdisk may be passed by pfn */
#define PV_ELFNOTE_SUPPORTED_FEATURES 17 /* number: XENFEAT bits the kernel supports */
#define PV_ELFNOTE_PHYS32_ENTRY 18  /* number: 32-bit physical entry (PVH boot only) */
#define PV_ELFNOTE_MAX 18

/* Notes in crash and core dumps, not in kernels. */
#define PV_ELFNOTE_CRASH_INFO 0x1000001
#define PV_ELFNOTE_CRASH_REGS 0x1000002
#define PV_ELFNOTE_DUMPCORE_NONE 0x2000000
#define PV_ELFNOTE_DUMPCORE_HEADER 0x2000001
#define PV_ELFNOTE_DUMPCORE_XEN_VERSION 0x2000002
#define PV_ELFNOTE_DUMPCORE_FORMAT_VERSION 0x2000003

#endif
