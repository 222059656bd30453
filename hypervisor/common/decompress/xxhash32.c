/*
 * XXH32, the checksum of the lz4 frame format (from the xxHash
 * specification): four accumulators over 16-byte stripes, then the
 * remaining words and bytes, then a final avalanche.
 */
#include "decompress/internal.h"

#define PRIME1 0x9e3779b1u
#define PRIME2 0x85ebca77u
#define PRIME3 0xc2b2ae3du
#define PRIME4 0x27d4eb2fu
#define PRIME5 0x165667b1u

static uint32_t rotl(uint32_t x, unsigned int n)
{
	return x << n | x >> (32 - n);
}

static uint32_t stripe_round(uint32_t acc, uint32_t lane)
{
	return rotl(acc + lane * PRIME2, 13) * PRIME1;
}

uint32_t xxhash32(const void *data, size_t len, uint32_t seed)
{
	const uint8_t *p = data, *end = p + len;
	uint32_t acc;

	if (len >= 16) {
		uint32_t v[4] = { seed + PRIME1 + PRIME2, seed + PRIME2, seed, seed - PRIME1 };

		for (; end - p >= 16; p += 16) {
			for (int i = 0; i < 4; i++)
				v[i] = stripe_round(v[i], get_le32(p + 4 * i));
		}
		acc = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
	} else {
		acc = seed + PRIME5;
	}
	acc += (uint32_t)len;
	for (; end - p >= 4; p += 4)
		acc = rotl(acc + get_le32(p) * PRIME3, 17) * PRIME4;
	for (; p < end; p++)
		acc = rotl(acc + *p * PRIME5, 11) * PRIME1;
	acc ^= acc >> 15;
	acc *= PRIME2;
	acc ^= acc >> 13;
	acc *= PRIME3;
	return acc ^ acc >> 16;
}
