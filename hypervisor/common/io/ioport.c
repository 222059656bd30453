/* Which I/O ports a domain and its running code may use (see ioport.h). */
#include "heap.h"
#include "ioport.h"

static bool bit(const uint8_t *map, unsigned int n)
{
	return map[n / 8] >> (n % 8) & 1;
}

int ioports_permit(struct domain_ioports *io, unsigned int first, unsigned int last)
{
	if (!io->caps && !(io->caps = xzalloc(IOPORT_BITMAP_BYTES)))
		return -1;
	for (unsigned int p = first; p <= last && p < IOPORT_COUNT; p++)
		io->caps[p / 8] |= (uint8_t)(1u << (p % 8));
	return 0;
}

void ioports_deny(struct domain_ioports *io, unsigned int first, unsigned int last)
{
	if (!io->caps)
		return;
	for (unsigned int p = first; p <= last && p < IOPORT_COUNT; p++)
		io->caps[p / 8] &= (uint8_t)~(1u << (p % 8));
}

bool ioports_permitted(const struct domain_ioports *io, unsigned int first, unsigned int last)
{
	if (!io->caps || first > last || last >= IOPORT_COUNT)
		return false;
	for (unsigned int p = first; p <= last; p++)
		if (!bit(io->caps, p))
			return false;
	return true;
}

bool ioports_any(const struct domain_ioports *io)
{
	if (!io->caps)
		return false;
	for (unsigned int i = 0; i < IOPORT_BITMAP_BYTES; i++)
		if (io->caps[i])
			return true;
	return false;
}

void ioports_free(struct domain_ioports *io)
{
	xfree(io->caps);
	io->caps = NULL;
}

bool iopl_allows(unsigned int iopl, bool kernel_mode, bool architectural_iopl)
{
	unsigned int cpl = kernel_mode ? (architectural_iopl ? 0 : 1) : 3;

	return cpl <= iopl;
}

bool iobitmap_allows(const uint8_t bits[2], unsigned int limit, unsigned int port,
		     unsigned int bytes)
{
	unsigned int mask = bits[0] | (unsigned int)bits[1] << 8;

	return port + bytes <= limit && !(mask & ((1u << bytes) - 1) << (port & 7));
}
