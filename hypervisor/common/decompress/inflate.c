/*
 * Deflate decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman
 * blocks.  Huffman codes are canonical, so a code is kept as the number
 * of codes of each length plus the symbols in code order, and decoded a
 * bit at a time.  Over-subscribed code length sets, invalid symbols,
 * distances reaching before the output's start and input running out are
 * all refused; output never goes past the buffer.
 */
#include "decompress/internal.h"
#include "lib/string.h"

#define MAX_BITS 15
#define LITLEN_CODES 288
#define DIST_CODES 32
#define CODELEN_CODES 19
#define END_OF_BLOCK 256
#define FIRST_LENGTH 257
#define LENGTH_CODES 29
#define DIST_USED 30

struct huffman {
	uint16_t count[MAX_BITS + 1];	/* codes of each length */
	uint16_t symbol[LITLEN_CODES];	/* symbols, ordered by code */
};

struct bits {
	struct decomp_io *io;
	uint32_t buffer;
	unsigned int count;
	bool overrun;
};

static const uint16_t length_base[LENGTH_CODES] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t length_extra[LENGTH_CODES] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[DIST_USED] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[DIST_USED] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/* The order in which a dynamic block lists the code length code's lengths. */
static const uint8_t codelen_order[CODELEN_CODES] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

/* @n bits (n <= 16), least significant first; zeros past the input's end. */
static uint32_t get_bits(struct bits *b, unsigned int n)
{
	uint32_t value;

	while (b->count < n) {
		struct decomp_io *io = b->io;

		if (io->in_pos < io->in_size) {
			b->buffer |= (uint32_t)io->in[io->in_pos++] << b->count;
		} else {
			b->overrun = true;
		}
		b->count += 8;
	}
	value = b->buffer & ((1u << n) - 1);
	b->buffer >>= n;
	b->count -= n;
	return value;
}

/* Builds a code from @n lengths; false if the lengths over-subscribe it. */
static bool huffman_build(struct huffman *h, const uint8_t *lengths, unsigned int n)
{
	uint16_t offset[MAX_BITS + 1];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (unsigned int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	for (unsigned int len = 1; len <= MAX_BITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return false;
	}
	offset[1] = 0;
	for (unsigned int len = 1; len < MAX_BITS; len++)
		offset[len + 1] = offset[len] + h->count[len];
	for (unsigned int i = 0; i < n; i++) {
		if (lengths[i])
			h->symbol[offset[lengths[i]]++] = (uint16_t)i;
	}
	return true;
}

/* One symbol; -1 for a bit pattern the code does not use. */
static int huffman_decode(struct bits *b, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;

	for (unsigned int len = 1; len <= MAX_BITS; len++) {
		code |= (int)get_bits(b, 1);
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -1;
}

static int stored_block(struct bits *b)
{
	struct decomp_io *io = b->io;
	uint16_t len, nlen;

	if (b->overrun)
		return decomp_fail(io, "gzip: truncated deflate data");
	/* Drop the partial byte; whole bytes still buffered are given back. */
	get_bits(b, b->count & 7);
	io->in_pos -= b->count / 8;
	b->buffer = 0;
	b->count = 0;
	if (io->in_size - io->in_pos < 4)
		return decomp_fail(io, "gzip: truncated stored block");
	len = get_le16(io->in + io->in_pos);
	nlen = get_le16(io->in + io->in_pos + 2);
	if ((len ^ nlen) != 0xffff)
		return decomp_fail(io, "gzip: bad stored block length");
	io->in_pos += 4;
	if (len > io->in_size - io->in_pos)
		return decomp_fail(io, "gzip: truncated stored block");
	if (len > io->out_size - io->out_pos)
		return decomp_fail(io, "gzip: output larger than its buffer");
	memcpy(io->out + io->out_pos, io->in + io->in_pos, len);
	io->in_pos += len;
	io->out_pos += len;
	return 0;
}

static int copy_match(struct bits *b, int len_symbol, const struct huffman *dist)
{
	struct decomp_io *io = b->io;
	unsigned int index = (unsigned int)len_symbol - FIRST_LENGTH;
	size_t len, distance;
	int dist_symbol;

	if (index >= LENGTH_CODES)
		return decomp_fail(io, "gzip: bad length code");
	len = length_base[index] + get_bits(b, length_extra[index]);
	dist_symbol = huffman_decode(b, dist);
	if (dist_symbol < 0 || dist_symbol >= DIST_USED)
		return decomp_fail(io, "gzip: bad distance code");
	distance = dist_base[dist_symbol] + get_bits(b, dist_extra[dist_symbol]);
	if (distance > io->out_pos)
		return decomp_fail(io, "gzip: distance before the start of the data");
	if (len > io->out_size - io->out_pos)
		return decomp_fail(io, "gzip: output larger than its buffer");
	for (size_t i = 0; i < len; i++, io->out_pos++)
		io->out[io->out_pos] = io->out[io->out_pos - distance];
	return 0;
}

static int huffman_block(struct bits *b, const struct huffman *litlen, const struct huffman *dist)
{
	struct decomp_io *io = b->io;

	for (;;) {
		int symbol = huffman_decode(b, litlen);

		if (b->overrun)
			return decomp_fail(io, "gzip: truncated deflate data");
		if (symbol < 0)
			return decomp_fail(io, "gzip: bad literal/length code");
		if (symbol == END_OF_BLOCK)
			return 0;
		if (symbol < END_OF_BLOCK) {
			if (io->out_pos >= io->out_size)
				return decomp_fail(io, "gzip: output larger than its buffer");
			io->out[io->out_pos++] = (uint8_t)symbol;
		} else if (copy_match(b, symbol, dist)) {
			return -1;
		}
	}
}

static int fixed_block(struct bits *b)
{
	static struct huffman litlen, dist;
	static bool built;

	if (!built) {
		uint8_t lengths[LITLEN_CODES];
		unsigned int i;

		for (i = 0; i < 144; i++)
			lengths[i] = 8;
		for (; i < 256; i++)
			lengths[i] = 9;
		for (; i < 280; i++)
			lengths[i] = 7;
		for (; i < LITLEN_CODES; i++)
			lengths[i] = 8;
		huffman_build(&litlen, lengths, LITLEN_CODES);
		memset(lengths, 5, DIST_CODES);
		huffman_build(&dist, lengths, DIST_CODES);
		built = true;
	}
	return huffman_block(b, &litlen, &dist);
}

/* The literal/length and distance code lengths, themselves Huffman-coded. */
static int read_code_lengths(struct bits *b, uint8_t *lengths, unsigned int total)
{
	uint8_t codelen_lengths[CODELEN_CODES] = { 0 };
	unsigned int hclen = get_bits(b, 4) + 4, i = 0;
	struct huffman codelen;

	for (unsigned int k = 0; k < hclen; k++)
		codelen_lengths[codelen_order[k]] = (uint8_t)get_bits(b, 3);
	if (!huffman_build(&codelen, codelen_lengths, CODELEN_CODES))
		return decomp_fail(b->io, "gzip: bad code length code");
	while (i < total) {
		int symbol = huffman_decode(b, &codelen);
		unsigned int repeat;
		uint8_t value = 0;

		if (symbol < 0 || b->overrun)
			return decomp_fail(b->io, "gzip: bad code lengths");
		if (symbol < 16) {
			lengths[i++] = (uint8_t)symbol;
			continue;
		}
		if (symbol == 16) {
			if (i == 0)
				return decomp_fail(b->io, "gzip: code length repeat with nothing before");
			value = lengths[i - 1];
			repeat = 3 + get_bits(b, 2);
		} else if (symbol == 17) {
			repeat = 3 + get_bits(b, 3);
		} else {
			repeat = 11 + get_bits(b, 7);
		}
		if (repeat > total - i)
			return decomp_fail(b->io, "gzip: code lengths overflow");
		memset(lengths + i, value, repeat);
		i += repeat;
	}
	return 0;
}

static int dynamic_block(struct bits *b)
{
	uint8_t lengths[LITLEN_CODES + DIST_CODES];
	unsigned int hlit = get_bits(b, 5) + 257, hdist = get_bits(b, 5) + 1;
	struct huffman litlen, dist;

	if (hlit > 286 || hdist > DIST_USED)
		return decomp_fail(b->io, "gzip: too many codes in a dynamic block");
	if (read_code_lengths(b, lengths, hlit + hdist))
		return -1;
	if (lengths[END_OF_BLOCK] == 0)
		return decomp_fail(b->io, "gzip: dynamic block without an end-of-block code");
	if (!huffman_build(&litlen, lengths, hlit) || !huffman_build(&dist, lengths + hlit, hdist))
		return decomp_fail(b->io, "gzip: over-subscribed Huffman code");
	return huffman_block(b, &litlen, &dist);
}

int inflate_raw(struct decomp_io *io)
{
	struct bits b = { .io = io };
	bool last;

	do {
		int rc;

		last = get_bits(&b, 1);
		switch (get_bits(&b, 2)) {
		case 0:
			rc = stored_block(&b);
			break;
		case 1:
			rc = fixed_block(&b);
			break;
		case 2:
			rc = dynamic_block(&b);
			break;
		default:
			rc = decomp_fail(io, "gzip: bad deflate block type");
		}
		if (rc)
			return rc;
		if (b.overrun)
			return decomp_fail(io, "gzip: truncated deflate data");
	} while (!last);
	/* Whole bytes read ahead belong to the trailer. */
	io->in_pos -= b.count / 8;
	return 0;
}
