/*
 * What the decompressors share between their files: the per-format entry
 * points the dispatcher calls, the codecs inside the containers, and the
 * checksums.
 */
#ifndef DECOMPRESS_INTERNAL_H
#define DECOMPRESS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decompress.h"
#include "lib/bytes.h"

int xz_decode(struct decomp_io *io);
int xz_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size);
int gzip_decode(struct decomp_io *io);
int gzip_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size);
int lz4_legacy_decode(struct decomp_io *io);
int lz4_frame_decode(struct decomp_io *io);
int lz4_frame_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size);

/*
 * Decodes raw LZMA2 from in[in_pos..in_end) into out (the block's data
 * starts at out_pos, which is also where its dictionary starts).
 * @dict_size bounds match distances.
 */
int lzma2_decode(struct decomp_io *io, size_t in_end, uint32_t dict_size);

/* Undoes the x86 BCJ filter over @buf in place; @start is its stream offset. */
void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start);

/*
 * Decodes the LZ4 block in[0..size) to out at out_pos, no further than
 * out_end; matches may reach back to window_start.
 */
int lz4_block_decode(struct decomp_io *io, const uint8_t *in, size_t size, size_t window_start,
		     size_t out_end);

/* Decodes raw deflate (RFC 1951) from io->in at in_pos. */
int inflate_raw(struct decomp_io *io);

uint32_t crc32_update(uint32_t crc, const void *data, size_t len);
uint64_t crc64_update(uint64_t crc, const void *data, size_t len);
uint32_t xxhash32(const void *data, size_t len, uint32_t seed);

static inline int decomp_fail(struct decomp_io *io, const char *why)
{
	io->error = why;
	return -1;
}

#endif
