/*
 * One LZ4 block (the lz4 block format): a run of sequences, each a token
 * (literal count and match length, four bits each, 15 meaning "more in
 * the following bytes"), the literals, then a 16-bit offset and the
 * match, except in the last sequence, which ends with its literals.
 */
#include "decompress/internal.h"
#include "lib/string.h"

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

int lz4_block_decode(struct decomp_io *io, const uint8_t *in, size_t size, size_t window_start,
		     size_t out_end)
{
	struct block b = { .in = in, .pos = 0, .end = size };

	for (;;) {
		size_t literals, len, offset;
		uint8_t token;

		if (b.pos >= b.end)
			return decomp_fail(io, "lz4: truncated block");
		token = b.in[b.pos++];
		literals = token >> 4;
		if (!read_count(&b, &literals) || literals > b.end - b.pos)
			return decomp_fail(io, "lz4: truncated block");
		if (literals > out_end - io->out_pos)
			return decomp_fail(io, "lz4: output larger than its buffer or block");
		memcpy(io->out + io->out_pos, b.in + b.pos, literals);
		io->out_pos += literals;
		b.pos += literals;
		if (b.pos == b.end)
			return 0;
		if (b.end - b.pos < 2)
			return decomp_fail(io, "lz4: truncated block");
		offset = get_le16(b.in + b.pos);
		b.pos += 2;
		len = token & 15;
		if (!read_count(&b, &len))
			return decomp_fail(io, "lz4: truncated block");
		len += MIN_MATCH;
		if (offset == 0 || offset > io->out_pos - window_start)
			return decomp_fail(io, "lz4: bad match offset");
		if (len > out_end - io->out_pos)
			return decomp_fail(io, "lz4: output larger than its buffer or block");
		for (size_t i = 0; i < len; i++, io->out_pos++)
			io->out[io->out_pos] = io->out[io->out_pos - offset];
	}
}
