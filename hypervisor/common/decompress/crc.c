/*
 * CRC32 (the IEEE 802.3 polynomial, reflected; gzip's and xz's) and CRC64
 * (ECMA-182, reflected; xz's), table-driven.  The tables are built on first
 * use: 256 entries each, computed bit by bit from the polynomial.
 */
#include "decompress/internal.h"

#define CRC32_POLY 0xedb88320u
#define CRC64_POLY 0xc96c5795d7870f42ull

static uint32_t crc32_table[256];
static uint64_t crc64_table[256];
static bool crc32_ready, crc64_ready;

static void crc32_build(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t r = i;

		for (int bit = 0; bit < 8; bit++)
			r = (r >> 1) ^ (r & 1 ? CRC32_POLY : 0);
		crc32_table[i] = r;
	}
	crc32_ready = true;
}

static void crc64_build(void)
{
	for (uint64_t i = 0; i < 256; i++) {
		uint64_t r = i;

		for (int bit = 0; bit < 8; bit++)
			r = (r >> 1) ^ (r & 1 ? CRC64_POLY : 0);
		crc64_table[i] = r;
	}
	crc64_ready = true;
}

/* @crc is the value so far (0 to start); pre- and post-inversion are done here. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	if (!crc32_ready)
		crc32_build();
	crc = ~crc;
	while (len--)
		crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

uint64_t crc64_update(uint64_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	if (!crc64_ready)
		crc64_build();
	crc = ~crc;
	while (len--)
		crc = crc64_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
