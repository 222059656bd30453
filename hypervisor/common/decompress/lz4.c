/*
 * lz4's legacy frame, as Linux compresses kernels with (lz4 -l): the magic
 * 0x184c2102, then blocks, each a 32-bit little-endian compressed size and
 * an independent LZ4 block of at most 8 MiB of output, up to the end of
 * the input; a repeated magic starts another frame and is skipped.  The
 * frame records neither the output size nor a checksum, so a stream cut
 * at a block boundary cannot be told from a shorter one.
 *
 * An LZ4 block is a run of sequences: a token (literal count and match
 * length, four bits each, 15 meaning "more in the following bytes"), the
 * literals, then a 16-bit offset and the match, except in the last
 * sequence, which ends with its literals.
 */
#include "decompress/internal.h"
#include "lib/string.h"

#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LEGACY_BLOCK_MAX (8u << 20)
#define MIN_MATCH 4

struct block {
	const uint8_t *in;
	size_t pos, end;
};

/* A 4-bit count of 15 continues in bytes that add up until one is not 255. */
static bool read_count(struct block *b, size_t *count)
{
	if (*count != 15)
		return true;
	for (;;) {
		uint8_t more;

		if (b->pos >= b->end)
			return false;
		more = b->in[b->pos++];
		*count += more;
		if (more != 255)
			return true;
	}
}

static int decode_block(struct decomp_io *io, struct block *b)
{
	size_t block_start = io->out_pos, out_end = io->out_size;

	if (out_end - block_start > LEGACY_BLOCK_MAX)
		out_end = block_start + LEGACY_BLOCK_MAX;
	for (;;) {
		size_t literals, len, offset;
		uint8_t token;

		if (b->pos >= b->end)
			return decomp_fail(io, "lz4: truncated block");
		token = b->in[b->pos++];
		literals = token >> 4;
		if (!read_count(b, &literals) || literals > b->end - b->pos)
			return decomp_fail(io, "lz4: truncated block");
		if (literals > out_end - io->out_pos)
			return decomp_fail(io, "lz4: output larger than its buffer or block");
		memcpy(io->out + io->out_pos, b->in + b->pos, literals);
		io->out_pos += literals;
		b->pos += literals;
		if (b->pos == b->end)
			return 0;
		if (b->end - b->pos < 2)
			return decomp_fail(io, "lz4: truncated block");
		offset = get_le16(b->in + b->pos);
		b->pos += 2;
		len = token & 15;
		if (!read_count(b, &len))
			return decomp_fail(io, "lz4: truncated block");
		len += MIN_MATCH;
		if (offset == 0 || offset > io->out_pos - block_start)
			return decomp_fail(io, "lz4: bad match offset");
		if (len > out_end - io->out_pos)
			return decomp_fail(io, "lz4: output larger than its buffer or block");
		for (size_t i = 0; i < len; i++, io->out_pos++)
			io->out[io->out_pos] = io->out[io->out_pos - offset];
	}
}

int lz4_legacy_decode(struct decomp_io *io)
{
	if (io->in_size - io->in_pos < 4 || get_le32(io->in + io->in_pos) != LZ4_LEGACY_MAGIC)
		return decomp_fail(io, "lz4: bad magic");
	io->in_pos += 4;
	while (io->in_pos < io->in_size) {
		struct block b = { .in = io->in };
		uint32_t size;

		if (io->in_size - io->in_pos < 4)
			return decomp_fail(io, "lz4: truncated block size");
		size = get_le32(io->in + io->in_pos);
		io->in_pos += 4;
		if (size == LZ4_LEGACY_MAGIC)
			continue;
		if (size == 0 || size > io->in_size - io->in_pos)
			return decomp_fail(io, "lz4: bad or truncated block size");
		b.pos = io->in_pos;
		b.end = io->in_pos + size;
		if (decode_block(io, &b))
			return -1;
		io->in_pos = b.end;
	}
	return 0;
}
