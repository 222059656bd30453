/* Decoding of the CPU's CPUID identification: signature, vendor, brand. */
#include "lib/string.h"
#include "pcpu.h"

void pcpu_decode_signature(uint32_t eax, struct pcpu_identity *id)
{
	id->family = (eax >> 8) & 0xf;
	id->model = (eax >> 4) & 0xf;
	id->stepping = eax & 0xf;
	if (id->family == 0xf)
		id->family += (eax >> 20) & 0xff;
	if (id->family >= 6)
		id->model |= (eax >> 12) & 0xf0;
}

uint32_t pcpu_vendor_bit(const char vendor_id[12])
{
	static const struct {
		char name[12];
		uint32_t bit;
	} vendors[] = {
		{ { 'G', 'e', 'n', 'u', 'i', 'n', 'e', 'I', 'n', 't', 'e', 'l' }, PCPU_VENDOR_INTEL },
		{ { 'A', 'u', 't', 'h', 'e', 'n', 't', 'i', 'c', 'A', 'M', 'D' }, PCPU_VENDOR_AMD },
		{ { 'C', 'e', 'n', 't', 'a', 'u', 'r', 'H', 'a', 'u', 'l', 's' }, PCPU_VENDOR_CENTAUR },
		{ { ' ', ' ', 'S', 'h', 'a', 'n', 'g', 'h', 'a', 'i', ' ', ' ' }, PCPU_VENDOR_SHANGHAI },
		{ { 'H', 'y', 'g', 'o', 'n', 'G', 'e', 'n', 'u', 'i', 'n', 'e' }, PCPU_VENDOR_HYGON },
	};

	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
		if (!memcmp(vendor_id, vendors[i].name, 12))
			return vendors[i].bit;
	return 0;
}

void pcpu_brand_trim(char brand[64])
{
	size_t skip = 0, len;

	brand[48] = '\0';
	while (brand[skip] == ' ')
		skip++;
	len = strlen(brand + skip);
	memmove(brand, brand + skip, len);
	memset(brand + len, 0, 64 - len);
}
