/*
 * What a guest's port access does (Xen 4.17's guest_io_read/write):
 *
 *  - A port range the domain may use is accessed directly, except the
 *    CMOS ports 0x70/0x71 and a 4-byte access of 0xcf8, which never are.
 *  - Otherwise byte by byte (or word, where two permitted ports allow):
 *    port 0x70 latches a CMOS index per domain; 0x71 reaches the CMOS
 *    register at that index (NMI-mask bit cleared) if the domain may use
 *    0x70-0x71; a 4-byte 0xcf8 latches a PCI address per domain; 0xcfc-
 *    0xcff reach PCI configuration space at that address for dom0 only;
 *    dom0 reaches PIT channel 2 through 0x42, 0x43 and 0x61 (pit_read/
 *    pit_write; the hypervisor uses the PIT only while it boots), others
 *    see all ones there; any other port reads as all ones and drops
 *    writes.
 */
#include "arch/io.h"
#include "pv_io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_MASK 0x80
#define PCI_ADDRESS 0xcf8
#define PCI_DATA 0xcfc
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define SPEAKER 0x61
#define PIT_CMD_READBACK 0xc0
#define PIT_CMD_COUNTER2 0x80
#define PIT_READBACK_CH2 0x08
#define PIT_READBACK_CH2_ONLY 0xf8 /* clears the channel 0 and 1 selects */
#define SPEAKER_GUEST_BITS 0x03	   /* channel 2's gate, speaker data */

static bool direct_ok(const struct domain *d, unsigned int port, unsigned int bytes)
{
	if (port == PCI_ADDRESS && bytes == 4)
		return false;
	if (port <= CMOS_DATA && port + bytes > CMOS_INDEX)
		return false;
	return ioports_permitted(&d->io, port, port + bytes - 1);
}

static uint32_t port_in(unsigned int port, unsigned int bytes)
{
	switch (bytes) {
	case 1:
		return inb((uint16_t)port);
	case 2:
		return inw((uint16_t)port);
	default:
		return inl((uint16_t)port);
	}
}

static void port_out(unsigned int port, unsigned int bytes, uint32_t data)
{
	switch (bytes) {
	case 1:
		outb((uint16_t)port, (uint8_t)data);
		break;
	case 2:
		outw((uint16_t)port, (uint16_t)data);
		break;
	default:
		outl((uint16_t)port, data);
		break;
	}
}

static bool pit_port(unsigned int port)
{
	return port == PIT_CH2 || port == PIT_MODE || port == SPEAKER;
}

/*
 * Dom0's PIT channel 2, as Xen gives its hardware domain when Xen is not
 * using the PIT: 0x42 and the gate and speaker bits of 0x61 pass through;
 * of the commands to 0x43 only those for channel 2 reach the PIT (a
 * read-back is narrowed to channel 2), the rest go to a virtual PIT for
 * channels 0 and 1 that nothing can read here, so they are dropped; 0x43
 * reads 0.  Other domains have no PIT: all ones.
 */
static uint32_t pit_read(const struct domain *d, unsigned int port)
{
	if (!d->privileged)
		return ~0u;
	if (port == PIT_MODE)
		return 0;
	return inb((uint16_t)port);
}

static void pit_write(const struct domain *d, unsigned int port, uint8_t data)
{
	if (!d->privileged)
		return;
	if (port == PIT_CH2) {
		outb(PIT_CH2, data);
	} else if (port == SPEAKER) {
		outb(SPEAKER, (inb(SPEAKER) & ~SPEAKER_GUEST_BITS) | (data & SPEAKER_GUEST_BITS));
	} else if ((data & PIT_CMD_READBACK) == PIT_CMD_READBACK) {
		if (data & PIT_READBACK_CH2)
			outb(PIT_MODE, data & PIT_READBACK_CH2_ONLY);
	} else if ((data & PIT_CMD_READBACK) == PIT_CMD_COUNTER2) {
		outb(PIT_MODE, data);
	}
}

static bool cmos_ok(const struct domain *d)
{
	return ioports_permitted(&d->io, CMOS_INDEX, CMOS_DATA);
}

/* Bytes of one PCI data access at @port within @bytes (never 3). */
static unsigned int pci_data_size(unsigned int port, unsigned int bytes)
{
	unsigned int size = 4 - (port & 3);

	if (bytes < size)
		size = bytes;
	return size == 3 ? 2 : size;
}

/*
 * One piece of an access that is not direct: its size in *@size (1 unless
 * a PCI or word access), its value for a read.
 */
static uint32_t emulated_read(struct domain *d, unsigned int port, unsigned int bytes,
			      unsigned int *size)
{
	*size = 1;
	if (port == CMOS_INDEX)
		return d->io.cmos_index;
	if (port == CMOS_DATA) {
		if (!cmos_ok(d))
			return ~0u;
		outb(CMOS_INDEX, d->io.cmos_index & ~CMOS_NMI_MASK);
		return inb(CMOS_DATA);
	}
	if (port == PCI_ADDRESS && bytes == 4) {
		*size = 4;
		return d->io.pci_cf8;
	}
	if ((port & ~3u) == PCI_DATA) {
		*size = pci_data_size(port, bytes);
		if (!d->privileged)
			return ~0u;
		outl(PCI_ADDRESS, d->io.pci_cf8);
		return port_in(port, *size);
	}
	if (pit_port(port))
		return pit_read(d, port);
	if (!ioports_permitted(&d->io, port, port))
		return ~0u;
	if (bytes > 1 && !(port & 1) && ioports_permitted(&d->io, port, port + 1)) {
		*size = 2;
		return inw((uint16_t)port);
	}
	return inb((uint16_t)port);
}

static void emulated_write(struct domain *d, unsigned int port, unsigned int bytes,
			   uint32_t data, unsigned int *size)
{
	*size = 1;
	if (port == CMOS_INDEX) {
		d->io.cmos_index = (uint8_t)data;
	} else if (port == CMOS_DATA) {
		if (cmos_ok(d)) {
			outb(CMOS_INDEX, d->io.cmos_index & ~CMOS_NMI_MASK);
			outb(CMOS_DATA, (uint8_t)data);
		}
	} else if (port == PCI_ADDRESS && bytes == 4) {
		*size = 4;
		d->io.pci_cf8 = data;
	} else if ((port & ~3u) == PCI_DATA) {
		*size = pci_data_size(port, bytes);
		if (d->privileged) {
			outl(PCI_ADDRESS, d->io.pci_cf8);
			port_out(port, *size, data);
		}
	} else if (pit_port(port)) {
		pit_write(d, port, (uint8_t)data);
	} else if (ioports_permitted(&d->io, port, port)) {
		if (bytes > 1 && !(port & 1) && ioports_permitted(&d->io, port, port + 1))
			*size = 2;
		port_out(port, *size, data);
	}
}

uint32_t guest_io_read(struct domain *d, unsigned int port, unsigned int bytes)
{
	uint32_t data = 0, piece;
	unsigned int shift = 0, size;

	if (direct_ok(d, port, bytes))
		return port_in(port, bytes);
	while (bytes) {
		piece = emulated_read(d, port, bytes, &size);
		if (size == 4)
			return piece;
		data |= (piece & ((1u << size * 8) - 1)) << shift;
		shift += size * 8;
		port += size;
		bytes -= size;
	}
	return data;
}

void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t data)
{
	unsigned int size;

	if (direct_ok(d, port, bytes)) {
		port_out(port, bytes, data);
		return;
	}
	while (bytes) {
		emulated_write(d, port, bytes, data, &size);
		if (size == 4)
			return;
		port += size;
		bytes -= size;
		data >>= size * 8;
	}
}
