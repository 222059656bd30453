/*
 * The gzip container (RFC 1952) around deflate: the header with its
 * optional fields (extra, name, comment, header CRC, all checked for
 * length), then the deflate data, then the CRC32 and the size modulo 2^32
 * of the output, both verified.  One member is decoded.
 */
#include "decompress/internal.h"

#define GZIP_HEADER_SIZE 10
#define GZIP_TRAILER_SIZE 8
#define METHOD_DEFLATE 8
#define FLAG_HCRC 0x02
#define FLAG_EXTRA 0x04
#define FLAG_NAME 0x08
#define FLAG_COMMENT 0x10
#define FLAGS_RESERVED 0xe0

/* Skips a zero-terminated field; false if it does not end in the input. */
static bool skip_string(struct decomp_io *io)
{
	while (io->in_pos < io->in_size) {
		if (io->in[io->in_pos++] == 0)
			return true;
	}
	return false;
}

static int read_header(struct decomp_io *io)
{
	const uint8_t *h = io->in + io->in_pos;
	size_t start = io->in_pos;
	uint8_t flags;

	if (io->in_size - io->in_pos < GZIP_HEADER_SIZE)
		return decomp_fail(io, "gzip: truncated header");
	if (h[0] != 0x1f || h[1] != 0x8b)
		return decomp_fail(io, "gzip: bad magic");
	if (h[2] != METHOD_DEFLATE)
		return decomp_fail(io, "gzip: compression method is not deflate");
	flags = h[3];
	if (flags & FLAGS_RESERVED)
		return decomp_fail(io, "gzip: reserved header flags set");
	io->in_pos += GZIP_HEADER_SIZE;
	if (flags & FLAG_EXTRA) {
		size_t extra;

		if (io->in_size - io->in_pos < 2)
			return decomp_fail(io, "gzip: truncated header");
		extra = get_le16(io->in + io->in_pos);
		io->in_pos += 2;
		if (extra > io->in_size - io->in_pos)
			return decomp_fail(io, "gzip: truncated header");
		io->in_pos += extra;
	}
	if (((flags & FLAG_NAME) && !skip_string(io)) ||
	    ((flags & FLAG_COMMENT) && !skip_string(io)))
		return decomp_fail(io, "gzip: truncated header");
	if (flags & FLAG_HCRC) {
		if (io->in_size - io->in_pos < 2)
			return decomp_fail(io, "gzip: truncated header");
		if ((crc32_update(0, io->in + start, io->in_pos - start) & 0xffff) !=
		    get_le16(io->in + io->in_pos))
			return decomp_fail(io, "gzip: header CRC mismatch");
		io->in_pos += 2;
	}
	return 0;
}

int gzip_decode(struct decomp_io *io)
{
	size_t out_start = io->out_pos;
	const uint8_t *t;

	if (read_header(io) || inflate_raw(io))
		return -1;
	if (io->in_size - io->in_pos < GZIP_TRAILER_SIZE)
		return decomp_fail(io, "gzip: truncated trailer");
	t = io->in + io->in_pos;
	if (crc32_update(0, io->out + out_start, io->out_pos - out_start) != get_le32(t))
		return decomp_fail(io, "gzip: CRC mismatch");
	if ((uint32_t)(io->out_pos - out_start) != get_le32(t + 4))
		return decomp_fail(io, "gzip: size mismatch");
	io->in_pos += GZIP_TRAILER_SIZE;
	return 0;
}

/* ISIZE: the last four bytes of a single-member file. */
int gzip_recorded_size(const uint8_t *in, size_t size, uint64_t *out_size)
{
	if (size < GZIP_HEADER_SIZE + GZIP_TRAILER_SIZE)
		return -1;
	*out_size = get_le32(in + size - 4);
	return 0;
}
