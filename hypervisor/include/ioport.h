/*
 * I/O ports a PV guest may reach, in two layers as on Xen:
 *
 *  - what the administrator granted the domain (its port capabilities:
 *    dom0 all ports but those the hypervisor keeps, domUs none), and
 *  - what the guest kernel granted the running code: its virtual IOPL
 *    (PHYSDEVOP_set_iopl) against the code's privilege, or else its I/O
 *    bitmap (PHYSDEVOP_set_iobitmap), where a set bit denies a port.
 *
 * An access the guest kernel did not grant is #GP; one it granted on a
 * port the domain may not use is emulated (reads all ones, writes
 * dropped) or, for the few ports the hypervisor virtualises, answered by
 * the hypervisor.  Portable: no port is touched here.
 */
#ifndef IOPORT_H
#define IOPORT_H

#include <stdbool.h>
#include <stdint.h>

#define IOPORT_COUNT 65536u
/* Bytes of a full I/O bitmap, as Xen checks a guest's bitmap pointer. */
#define IOPORT_BITMAP_BYTES (IOPORT_COUNT / 8)

/* A domain's port state (in struct domain). */
struct domain_ioports {
	/* Permitted ports, one bit each; NULL: none. */
	uint8_t *caps;
	/* The latched CMOS index (port 0x70) and PCI address (0xcf8). */
	uint8_t cmos_index;
	uint32_t pci_cf8;
};

/* A vCPU's grants to its own code (PHYSDEVOP_set_iopl, _set_iobitmap). */
struct vcpu_ioperm {
	unsigned int iopl;	    /* 0-3 */
	uint64_t bitmap;	    /* guest virtual address, in the kernel's address space */
	unsigned int bitmap_ports; /* ports the bitmap covers; 0: none */
};

/* Allows ports first..last (inclusive); 0, or -1 out of memory. */
int ioports_permit(struct domain_ioports *io, unsigned int first, unsigned int last);
/* Takes ports first..last away. */
void ioports_deny(struct domain_ioports *io, unsigned int first, unsigned int last);
/* Whether every port in first..last is permitted (false past 0xffff). */
bool ioports_permitted(const struct domain_ioports *io, unsigned int first, unsigned int last);
/* Whether any port is permitted (Xen lets such a domain flush caches). */
bool ioports_any(const struct domain_ioports *io);
/* Frees the capabilities. */
void ioports_free(struct domain_ioports *io);

/*
 * Xen's iopl_ok: @iopl (0-3) against the running code's privilege, a
 * guest kernel counting as ring 1 (ring 0 under VMASST architectural_iopl)
 * and user code as ring 3.
 */
bool iopl_allows(unsigned int iopl, bool kernel_mode, bool architectural_iopl);

/*
 * The I/O-bitmap check for @bytes at @port, given the two bitmap bytes
 * from offset port / 8 (@bits; bytes the guest could not supply read as
 * 0xff) and the bitmap's port count @limit.
 */
bool iobitmap_allows(const uint8_t bits[2], unsigned int limit, unsigned int port,
		     unsigned int bytes);

#endif
