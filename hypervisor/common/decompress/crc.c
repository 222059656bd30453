/*
 * CRC32 (the IEEE 802.3 polynomial, reflected; gzip's and xz's) and CRC64
 * (ECMA-182, reflected; xz's), table-driven.  Both are the same reflected
 * algorithm of different widths, so they share the table builder and the
 * loop, CRC32 running in the low half of 64 bits.  The tables are built on
 * first use, bit by bit from the polynomials.
 */
#include "decompress/internal.h"

#define CRC32_POLY 0xedb88320ull
#define CRC64_POLY 0xc96c5795d7870f42ull

struct crc_table {
	uint64_t poly;
	bool ready;
	uint64_t entry[256];
};

static struct crc_table crc32_table = { .poly = CRC32_POLY };
static struct crc_table crc64_table = { .poly = CRC64_POLY };

/* The register update over @len bytes, without the pre- and post-inversion. */
static uint64_t crc_run(struct crc_table *t, uint64_t crc, const uint8_t *p, size_t len)
{
	if (!t->ready) {
		for (unsigned int i = 0; i < 256; i++) {
			uint64_t r = i;

			for (int bit = 0; bit < 8; bit++)
				r = (r >> 1) ^ (r & 1 ? t->poly : 0);
			t->entry[i] = r;
		}
		t->ready = true;
	}
	while (len--)
		crc = t->entry[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

/* @crc is the value so far (0 to start). */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	return (uint32_t)crc_run(&crc32_table, crc ^ 0xffffffffu, data, len) ^ 0xffffffffu;
}

uint64_t crc64_update(uint64_t crc, const void *data, size_t len)
{
	return ~crc_run(&crc64_table, ~crc, data, len);
}
