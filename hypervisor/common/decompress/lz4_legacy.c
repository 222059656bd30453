/*
 * lz4's legacy frame, as Linux compresses kernels with (lz4 -l): the magic
 * 0x184c2102, then blocks, each a 32-bit little-endian compressed size and
 * an independent LZ4 block of at most 8 MiB of output, up to the end of
 * the input; a repeated magic starts another frame and is skipped.  The
 * frame records neither the output size nor a checksum, so a stream cut
 * at a block boundary cannot be told from a shorter one.
 */
#include "decompress/internal.h"

#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LEGACY_BLOCK_MAX (8u << 20)

int lz4_legacy_decode(struct decomp_io *io)
{
	if (io->in_size - io->in_pos < 4 || get_le32(io->in + io->in_pos) != LZ4_LEGACY_MAGIC)
		return decomp_fail(io, "lz4: bad magic");
	io->in_pos += 4;
	while (io->in_pos < io->in_size) {
		size_t block_start = io->out_pos, out_end = io->out_size;
		uint32_t size;

		if (io->in_size - io->in_pos < 4)
			return decomp_fail(io, "lz4: truncated block size");
		size = get_le32(io->in + io->in_pos);
		io->in_pos += 4;
		if (size == LZ4_LEGACY_MAGIC)
			continue;
		if (size == 0 || size > io->in_size - io->in_pos)
			return decomp_fail(io, "lz4: bad or truncated block size");
		if (out_end - block_start > LEGACY_BLOCK_MAX)
			out_end = block_start + LEGACY_BLOCK_MAX;
		if (lz4_block_decode(io, io->in + io->in_pos, size, block_start, out_end))
			return -1;
		io->in_pos += size;
	}
	return 0;
}
