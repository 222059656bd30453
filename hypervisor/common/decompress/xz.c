/*
 * The .xz container (the xz file format specification, version 1.0.4):
 * stream header, blocks, index, stream footer.  Blocks hold LZMA2,
 * optionally behind the x86 BCJ filter; the integrity check may be none,
 * CRC32 or CRC64 (others are refused) and is verified, as are the header,
 * index and footer CRCs, the sizes blocks declare and the index's record
 * of every block.  One stream is decoded; what follows it is not read.
 */
#include "decompress/internal.h"
#include "lib/string.h"

#define STREAM_HEADER_SIZE 12
#define STREAM_FOOTER_SIZE 12
#define BLOCK_HEADER_MAX 1024
#define CHECK_NONE 0
#define CHECK_CRC32 1
#define CHECK_CRC64 4
#define FILTER_BCJ_X86 0x04
#define FILTER_LZMA2 0x21
#define VLI_MAX_BYTES 9
#define DICT_SIZE_MAX 0xffffffffu

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t footer_magic[2] = { 'Y', 'Z' };

/* The stream being decoded, and what the index must agree with. */
struct xz_stream {
	struct decomp_io *io;
	unsigned int check;
	uint64_t blocks;
	/* CRC32 over the (unpadded, uncompressed) pairs, to compare lists cheaply. */
	uint32_t records_crc;
};

struct block_header {
	uint64_t compressed, uncompressed;	/* UINT64_MAX: not stated */
	uint32_t dict_size;
	bool bcj;
	uint32_t bcj_start;
};

static unsigned int check_size(unsigned int check)
{
	return check == CHECK_NONE ? 0 : 4u << ((check - 1) / 3);
}

/* A variable-length integer from in[*pos..end); false if malformed. */
static bool read_vli(const uint8_t *in, size_t *pos, size_t end, uint64_t *value)
{
	*value = 0;
	for (unsigned int i = 0; i < VLI_MAX_BYTES; i++) {
		uint8_t b;

		if (*pos >= end)
			return false;
		b = in[(*pos)++];
		*value |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			return b != 0 || i == 0;	/* no needless trailing zero byte */
	}
	return false;
}

static bool stream_flags_ok(const uint8_t *flags, unsigned int *check)
{
	if (flags[0] != 0 || (flags[1] & 0xf0))
		return false;
	*check = flags[1];
	return true;
}

static int read_stream_header(struct xz_stream *s)
{
	struct decomp_io *io = s->io;
	const uint8_t *h = io->in + io->in_pos;

	if (io->in_size - io->in_pos < STREAM_HEADER_SIZE)
		return decomp_fail(io, "xz: truncated stream header");
	if (memcmp(h, header_magic, sizeof(header_magic)))
		return decomp_fail(io, "xz: bad magic");
	if (crc32_update(0, h + 6, 2) != get_le32(h + 8))
		return decomp_fail(io, "xz: stream header CRC mismatch");
	if (!stream_flags_ok(h + 6, &s->check))
		return decomp_fail(io, "xz: unsupported stream flags");
	if (s->check != CHECK_NONE && s->check != CHECK_CRC32 && s->check != CHECK_CRC64)
		return decomp_fail(io, "xz: unsupported integrity check (only none, CRC32, CRC64)");
	io->in_pos += STREAM_HEADER_SIZE;
	return 0;
}

/* LZMA2's dictionary size byte: 2 or 3 times a power of two, from 4 KiB. */
static bool lzma2_dict_size(uint8_t props, uint32_t *size)
{
	if (props > 40)
		return false;
	*size = props == 40 ? DICT_SIZE_MAX : (2u | (props & 1)) << (props / 2 + 11);
	return true;
}

static int parse_filters(struct decomp_io *io, const uint8_t *h, size_t *pos, size_t end,
			 unsigned int count, struct block_header *b)
{
	for (unsigned int i = 0; i < count; i++) {
		uint64_t id, props_size;
		bool last = i + 1 == count;

		if (!read_vli(h, pos, end, &id) || !read_vli(h, pos, end, &props_size) ||
		    props_size > end - *pos)
			return decomp_fail(io, "xz: bad filter flags");
		if (id == FILTER_LZMA2 && last) {
			if (props_size != 1 || !lzma2_dict_size(h[*pos], &b->dict_size))
				return decomp_fail(io, "xz: bad LZMA2 properties");
		} else if (id == FILTER_BCJ_X86 && !last && i == 0) {
			b->bcj = true;
			if (props_size == 4)
				b->bcj_start = get_le32(h + *pos);
			else if (props_size != 0)
				return decomp_fail(io, "xz: bad BCJ properties");
		} else {
			return decomp_fail(io, "xz: unsupported filter chain (LZMA2, x86 BCJ + LZMA2)");
		}
		*pos += props_size;
	}
	return 0;
}

static int read_block_header(struct xz_stream *s, struct block_header *b)
{
	struct decomp_io *io = s->io;
	const uint8_t *h = io->in + io->in_pos;
	size_t size = ((size_t)h[0] + 1) * 4, pos = 2;
	uint8_t flags;

	if (size > io->in_size - io->in_pos)
		return decomp_fail(io, "xz: truncated block header");
	if (crc32_update(0, h, size - 4) != get_le32(h + size - 4))
		return decomp_fail(io, "xz: block header CRC mismatch");
	flags = h[1];
	if (flags & 0x3c)
		return decomp_fail(io, "xz: unsupported block flags");
	memset(b, 0, sizeof(*b));
	b->compressed = b->uncompressed = UINT64_MAX;
	if (((flags & 0x40) && !read_vli(h, &pos, size - 4, &b->compressed)) ||
	    ((flags & 0x80) && !read_vli(h, &pos, size - 4, &b->uncompressed)) ||
	    b->compressed == 0)
		return decomp_fail(io, "xz: bad block sizes");
	if (parse_filters(io, h, &pos, size - 4, (flags & 3) + 1, b))
		return -1;
	while (pos < size - 4) {
		if (h[pos++])
			return decomp_fail(io, "xz: nonzero block header padding");
	}
	io->in_pos += size;
	return 0;
}

static int verify_check(struct xz_stream *s, size_t data_start)
{
	struct decomp_io *io = s->io;
	const uint8_t *data = io->out + data_start, *stored = io->in + io->in_pos;
	size_t len = io->out_pos - data_start, size = check_size(s->check);

	if (size > io->in_size - io->in_pos)
		return decomp_fail(io, "xz: truncated block check");
	if ((s->check == CHECK_CRC32 && crc32_update(0, data, len) != get_le32(stored)) ||
	    (s->check == CHECK_CRC64 &&
	     crc64_update(0, data, len) != (get_le32(stored) | (uint64_t)get_le32(stored + 4) << 32)))
		return decomp_fail(io, "xz: data check mismatch");
	io->in_pos += size;
	return 0;
}

static void record_block(struct xz_stream *s, uint64_t unpadded, uint64_t uncompressed)
{
	uint64_t pair[2] = { unpadded, uncompressed };

	s->blocks++;
	s->records_crc = crc32_update(s->records_crc, pair, sizeof(pair));
}

static int decode_block(struct xz_stream *s)
{
	struct decomp_io *io = s->io;
	size_t header_start = io->in_pos, data_in, data_out = io->out_pos, in_end;
	struct block_header b;
	uint64_t compressed;

	if (read_block_header(s, &b))
		return -1;
	data_in = io->in_pos;
	in_end = io->in_size;
	if (b.compressed != UINT64_MAX && b.compressed < in_end - data_in)
		in_end = data_in + b.compressed;
	if (lzma2_decode(io, in_end, b.dict_size))
		return -1;
	compressed = io->in_pos - data_in;
	if ((b.compressed != UINT64_MAX && compressed != b.compressed) ||
	    (b.uncompressed != UINT64_MAX && io->out_pos - data_out != b.uncompressed))
		return decomp_fail(io, "xz: block sizes differ from its header");
	if (b.bcj)
		bcj_x86_decode(io->out + data_out, io->out_pos - data_out, b.bcj_start);
	while (io->in_pos & 3) {
		if (io->in_pos >= io->in_size || io->in[io->in_pos++])
			return decomp_fail(io, "xz: bad block padding");
	}
	if (verify_check(s, data_out))
		return -1;
	record_block(s, io->in_pos - header_start - ((4 - (compressed & 3)) & 3),
		     io->out_pos - data_out);
	return 0;
}

/* The index after the last block: it must list exactly the blocks decoded. */
static int read_index(struct xz_stream *s, size_t *index_size)
{
	struct decomp_io *io = s->io;
	size_t start = io->in_pos, pos = start + 1, end = io->in_size;
	struct xz_stream seen = { .io = io };
	uint64_t count;

	if (!read_vli(io->in, &pos, end, &count) || count != s->blocks)
		return decomp_fail(io, "xz: index does not match the blocks");
	for (uint64_t i = 0; i < count; i++) {
		uint64_t unpadded, uncompressed;

		if (!read_vli(io->in, &pos, end, &unpadded) ||
		    !read_vli(io->in, &pos, end, &uncompressed))
			return decomp_fail(io, "xz: truncated index");
		record_block(&seen, unpadded, uncompressed);
	}
	if (seen.records_crc != s->records_crc)
		return decomp_fail(io, "xz: index does not match the blocks");
	while ((pos - start) & 3) {
		if (pos >= end || io->in[pos++])
			return decomp_fail(io, "xz: bad index padding");
	}
	if (end - pos < 4 || crc32_update(0, io->in + start, pos - start) != get_le32(io->in + pos))
		return decomp_fail(io, "xz: index CRC mismatch");
	*index_size = pos + 4 - start;
	io->in_pos = pos + 4;
	return 0;
}

static int read_stream_footer(struct xz_stream *s, size_t index_size)
{
	struct decomp_io *io = s->io;
	const uint8_t *f = io->in + io->in_pos;
	unsigned int check;

	if (io->in_size - io->in_pos < STREAM_FOOTER_SIZE)
		return decomp_fail(io, "xz: truncated stream footer");
	if (memcmp(f + 10, footer_magic, sizeof(footer_magic)) ||
	    crc32_update(0, f + 4, 6) != get_le32(f))
		return decomp_fail(io, "xz: bad stream footer");
	if (!stream_flags_ok(f + 8, &check) || check != s->check ||
	    ((uint64_t)get_le32(f + 4) + 1) * 4 != index_size)
		return decomp_fail(io, "xz: stream footer does not match the stream");
	io->in_pos += STREAM_FOOTER_SIZE;
	return 0;
}

int xz_decode(struct decomp_io *io)
{
	struct xz_stream s = { .io = io };
	size_t index_size;

	if (read_stream_header(&s))
		return -1;
	for (;;) {
		if (io->in_pos >= io->in_size)
			return decomp_fail(io, "xz: truncated stream");
		if (io->in[io->in_pos] == 0)	/* the index indicator */
			break;
		if (decode_block(&s))
			return -1;
	}
	if (read_index(&s, &index_size))
		return -1;
	return read_stream_footer(&s, index_size);
}

/*
 * The uncompressed size from the index, found from the end of the input:
 * the stream footer (after any stream padding, zeros in multiples of four)
 * gives the index's size.  The index is only summed here; xz_decode()
 * checks it against the blocks.
 */
int xz_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size)
{
	size_t end = size, index_size, pos;
	uint64_t count, total = 0;

	if (size & 3)
		return -1;
	while (end >= 4 && get_le32(in + end - 4) == 0)
		end -= 4;
	if (end < STREAM_HEADER_SIZE + STREAM_FOOTER_SIZE ||
	    memcmp(in + end - 2, footer_magic, 2) ||
	    crc32_update(0, in + end - 8, 6) != get_le32(in + end - 12))
		return -1;
	index_size = ((size_t)get_le32(in + end - 8) + 1) * 4;
	if (index_size > end - STREAM_HEADER_SIZE - STREAM_FOOTER_SIZE)
		return -1;
	pos = end - STREAM_FOOTER_SIZE - index_size;
	if (in[pos++] != 0 || !read_vli(in, &pos, end, &count))
		return -1;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t unpadded, uncompressed;

		if (!read_vli(in, &pos, end, &unpadded) || !read_vli(in, &pos, end, &uncompressed) ||
		    uncompressed > UINT64_MAX - total)
			return -1;
		total += uncompressed;
	}
	*out_size = total;
	return 0;
}
