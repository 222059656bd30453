/* Decoding of the CPU signature (CPUID leaf 1's EAX). */
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
