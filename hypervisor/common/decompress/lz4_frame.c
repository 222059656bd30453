/*
 * The lz4 frame format (what lz4 writes by default): magic 0x184d2204, a
 * frame descriptor (flags, maximum block size, optional content size and
 * dictionary ID, a header checksum), blocks (compressed or stored, each
 * optionally with its checksum) up to an end mark, then an optional
 * checksum of the content.  Every checksum present is verified (XXH32), as
 * is the content size; blocks may depend on earlier ones.  Frames that
 * need a dictionary are refused.
 */
#include "decompress/internal.h"
#include "lib/string.h"

#define LZ4_FRAME_MAGIC 0x184d2204u
#define FLG_VERSION_MASK 0xc0
#define FLG_VERSION_1 0x40
#define FLG_BLOCK_INDEPENDENT 0x20
#define FLG_BLOCK_CHECKSUM 0x10
#define FLG_CONTENT_SIZE 0x08
#define FLG_CONTENT_CHECKSUM 0x04
#define FLG_RESERVED 0x02
#define FLG_DICT_ID 0x01
#define BD_RESERVED 0x8f
#define BLOCK_STORED 0x80000000u

struct frame {
	uint8_t flags;
	size_t block_max;
	bool has_content_size;
	uint64_t content_size;
};

/* The descriptor after the magic at in[pos]; its length in *@len. */
static const char *read_descriptor(const uint8_t *in, size_t size, size_t pos,
				   struct frame *f, size_t *len)
{
	const uint8_t *d = in + pos;
	size_t n = 2;

	if (size - pos < 3)
		return "lz4: truncated frame descriptor";
	f->flags = d[0];
	if ((f->flags & FLG_VERSION_MASK) != FLG_VERSION_1 || (f->flags & FLG_RESERVED) ||
	    (d[1] & BD_RESERVED) || (d[1] >> 4) < 4)
		return "lz4: unsupported frame descriptor";
	if (f->flags & FLG_DICT_ID)
		return "lz4: frames that need a dictionary are not supported";
	f->block_max = (size_t)1 << (8 + 2 * (d[1] >> 4));
	f->has_content_size = f->flags & FLG_CONTENT_SIZE;
	if (f->has_content_size) {
		if (size - pos < n + 8 + 1)
			return "lz4: truncated frame descriptor";
		f->content_size = get_le32(d + n) | (uint64_t)get_le32(d + n + 4) << 32;
		n += 8;
	}
	if (size - pos < n + 1)
		return "lz4: truncated frame descriptor";
	if (((xxhash32(d, n, 0) >> 8) & 0xff) != d[n])
		return "lz4: frame descriptor checksum mismatch";
	*len = n + 1;
	return NULL;
}

static int read_checksum(struct decomp_io *io, const void *data, size_t len, const char *what)
{
	if (io->in_size - io->in_pos < 4)
		return decomp_fail(io, "lz4: truncated checksum");
	if (xxhash32(data, len, 0) != get_le32(io->in + io->in_pos))
		return decomp_fail(io, what);
	io->in_pos += 4;
	return 0;
}

static int decode_blocks(struct decomp_io *io, const struct frame *f, size_t frame_start)
{
	for (;;) {
		size_t block_start = io->out_pos, out_end = io->out_size, size;
		const uint8_t *data;
		uint32_t word;

		if (io->in_size - io->in_pos < 4)
			return decomp_fail(io, "lz4: truncated block size");
		word = get_le32(io->in + io->in_pos);
		io->in_pos += 4;
		if (word == 0)
			return 0;
		size = word & ~BLOCK_STORED;
		if (size > f->block_max || size > io->in_size - io->in_pos)
			return decomp_fail(io, "lz4: bad or truncated block size");
		data = io->in + io->in_pos;
		if (out_end - block_start > f->block_max)
			out_end = block_start + f->block_max;
		if (word & BLOCK_STORED) {
			if (size > out_end - io->out_pos)
				return decomp_fail(io, "lz4: output larger than its buffer or block");
			memcpy(io->out + io->out_pos, data, size);
			io->out_pos += size;
		} else if (lz4_block_decode(io, data, size,
					    f->flags & FLG_BLOCK_INDEPENDENT ? block_start : frame_start,
					    out_end)) {
			return -1;
		}
		io->in_pos += size;
		if ((f->flags & FLG_BLOCK_CHECKSUM) &&
		    read_checksum(io, data, size, "lz4: block checksum mismatch"))
			return -1;
	}
}

int lz4_frame_decode(struct decomp_io *io)
{
	size_t frame_start = io->out_pos, len;
	struct frame f;
	const char *why;

	if (io->in_size - io->in_pos < 4 || get_le32(io->in + io->in_pos) != LZ4_FRAME_MAGIC)
		return decomp_fail(io, "lz4: bad magic");
	why = read_descriptor(io->in, io->in_size, io->in_pos + 4, &f, &len);
	if (why)
		return decomp_fail(io, why);
	io->in_pos += 4 + len;
	if (decode_blocks(io, &f, frame_start))
		return -1;
	if (f.has_content_size && io->out_pos - frame_start != f.content_size)
		return decomp_fail(io, "lz4: content size mismatch");
	if ((f.flags & FLG_CONTENT_CHECKSUM) &&
	    read_checksum(io, io->out + frame_start, io->out_pos - frame_start,
			  "lz4: content checksum mismatch"))
		return -1;
	return 0;
}

/* The content size field, when the frame has one. */
int lz4_frame_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size)
{
	struct frame f;
	size_t len;

	if (size < 4 || read_descriptor(in, size, 4, &f, &len) || !f.has_content_size)
		return -1;
	*out_size = f.content_size;
	return 0;
}
