/*
 * LZMA2 decoder (the codec inside xz): a sequence of chunks, each either
 * stored bytes or LZMA-coded symbols, with control bytes that reset the
 * dictionary, the coder state or the literal/position parameters.
 *
 * The whole output buffer serves as the dictionary, so a match is a copy
 * from earlier output; its distance is checked against what was written
 * since the last dictionary reset and against the dictionary size.  Every
 * chunk states its packed and unpacked sizes, both of which must come out
 * exact, and the range coder must end on a zero code.  Input read past a
 * chunk's end reads as zeros and fails the chunk.
 */
#include "decompress/internal.h"
#include "heap.h"
#include "lib/string.h"

#define PROB_BITS 11
#define PROB_INIT (1u << (PROB_BITS - 1))
#define PROB_SHIFT 5
#define RANGE_TOP (1u << 24)

#define STATES 12
#define LIT_STATES 7		/* states 0..6 follow a literal */
#define POS_STATES_MAX 16
#define LIT_CODER_SIZE 0x300
#define LC_LP_MAX 4
#define MATCH_LEN_MIN 2
#define LEN_LOW_SYMBOLS 8
#define LEN_MID_SYMBOLS 8
#define LEN_HIGH_SYMBOLS 256
#define DIST_STATES 4
#define DIST_SLOTS 64
#define DIST_MODEL_START 4
#define DIST_MODEL_END 14
#define FULL_DISTANCES 128
#define ALIGN_BITS 4

struct len_coder {
	uint16_t choice, choice2;
	uint16_t low[POS_STATES_MAX][LEN_LOW_SYMBOLS];
	uint16_t mid[POS_STATES_MAX][LEN_MID_SYMBOLS];
	uint16_t high[LEN_HIGH_SYMBOLS];
};

/* Everything a state reset sets back to PROB_INIT, then the coder's other state. */
struct lzma {
	struct {
		uint16_t is_match[STATES][POS_STATES_MAX];
		uint16_t is_rep[STATES], is_rep0[STATES], is_rep1[STATES], is_rep2[STATES];
		uint16_t is_rep0_long[STATES][POS_STATES_MAX];
		uint16_t dist_slot[DIST_STATES][DIST_SLOTS];
		uint16_t dist_special[FULL_DISTANCES - DIST_MODEL_END];
		uint16_t dist_align[1 << ALIGN_BITS];
		struct len_coder match_len, rep_len;
		uint16_t literal[LIT_CODER_SIZE << LC_LP_MAX];
	} p;
	unsigned int state;
	uint32_t rep[4];
	unsigned int lc, lp_mask, pb_mask;

	/* Range decoder over the current chunk. */
	const uint8_t *in;
	size_t in_pos, in_end;
	uint32_t range, code;
	bool overrun;

	/* Output: the dictionary starts at dict_start; the chunk ends at chunk_end. */
	uint8_t *out;
	size_t out_pos, dict_start, chunk_end;
	uint32_t dict_size;
};

static void lzma_reset_state(struct lzma *z)
{
	uint16_t *probs = (uint16_t *)&z->p;

	for (size_t i = 0; i < sizeof(z->p) / sizeof(uint16_t); i++)
		probs[i] = PROB_INIT;
	z->state = 0;
	memset(z->rep, 0, sizeof(z->rep));
}

static uint8_t rc_next_byte(struct lzma *z)
{
	if (z->in_pos >= z->in_end) {
		z->overrun = true;
		return 0;
	}
	return z->in[z->in_pos++];
}

/* Starts the range decoder on a chunk: a zero byte, then the code. */
static bool rc_init(struct lzma *z)
{
	if (rc_next_byte(z) != 0)
		return false;
	z->range = 0xffffffffu;
	z->code = 0;
	for (int i = 0; i < 4; i++)
		z->code = z->code << 8 | rc_next_byte(z);
	return !z->overrun;
}

/* The decoder normalises after every bit, so it ends each chunk normalised. */
static void rc_normalise(struct lzma *z)
{
	if (z->range < RANGE_TOP) {
		z->range <<= 8;
		z->code = z->code << 8 | rc_next_byte(z);
	}
}

static unsigned int rc_bit(struct lzma *z, uint16_t *prob)
{
	uint32_t bound = (z->range >> PROB_BITS) * *prob;
	unsigned int bit;

	if (z->code < bound) {
		z->range = bound;
		*prob += ((1u << PROB_BITS) - *prob) >> PROB_SHIFT;
		bit = 0;
	} else {
		z->range -= bound;
		z->code -= bound;
		*prob -= *prob >> PROB_SHIFT;
		bit = 1;
	}
	rc_normalise(z);
	return bit;
}

/* Bits with probability one half, most significant first. */
static uint32_t rc_direct(struct lzma *z, unsigned int count)
{
	uint32_t value = 0;

	while (count--) {
		z->range >>= 1;
		value <<= 1;
		if (z->code >= z->range) {
			z->code -= z->range;
			value |= 1;
		}
		rc_normalise(z);
	}
	return value;
}

/* A @bits-bit symbol through a binary tree of probabilities, high bit first. */
static uint32_t rc_tree(struct lzma *z, uint16_t *probs, unsigned int bits)
{
	uint32_t node = 1;

	for (unsigned int i = 0; i < bits; i++)
		node = node << 1 | rc_bit(z, &probs[node]);
	return node - (1u << bits);
}

/*
 * The same with the bits coming low bit first; tree node n (from 1) uses
 * probs[first + n - 1].
 */
static uint32_t rc_tree_reverse(struct lzma *z, uint16_t *probs, uint32_t first,
				unsigned int bits)
{
	uint32_t node = 1, value = 0;

	for (unsigned int i = 0; i < bits; i++) {
		unsigned int bit = rc_bit(z, &probs[first + node - 1]);

		node = node << 1 | bit;
		value |= bit << i;
	}
	return value;
}

static uint8_t dict_byte_back(const struct lzma *z, uint32_t distance)
{
	return z->out[z->out_pos - distance - 1];
}

static void decode_literal(struct lzma *z)
{
	size_t pos = z->out_pos - z->dict_start;
	unsigned int prev = pos ? z->out[z->out_pos - 1] : 0;
	unsigned int coder = ((pos & z->lp_mask) << z->lc) + (prev >> (8 - z->lc));
	uint16_t *probs = &z->p.literal[LIT_CODER_SIZE * coder];
	unsigned int symbol = 1;

	if (z->state < LIT_STATES) {
		while (symbol < 0x100)
			symbol = symbol << 1 | rc_bit(z, &probs[symbol]);
	} else {
		/* After a match, the byte at rep0 steers the probabilities until they differ. */
		unsigned int match = dict_byte_back(z, z->rep[0]), offset = 0x100;

		while (symbol < 0x100) {
			unsigned int match_bit, bit;

			match <<= 1;
			match_bit = match & offset;
			bit = rc_bit(z, &probs[offset + match_bit + symbol]);
			symbol = symbol << 1 | bit;
			offset &= bit ? match_bit : ~match_bit;
		}
	}
	z->out[z->out_pos++] = (uint8_t)symbol;
	z->state = z->state < 4 ? 0 : z->state < 10 ? z->state - 3 : z->state - 6;
}

static unsigned int decode_len(struct lzma *z, struct len_coder *lc, unsigned int pos_state)
{
	if (!rc_bit(z, &lc->choice))
		return MATCH_LEN_MIN + rc_tree(z, lc->low[pos_state], 3);
	if (!rc_bit(z, &lc->choice2))
		return MATCH_LEN_MIN + LEN_LOW_SYMBOLS + rc_tree(z, lc->mid[pos_state], 3);
	return MATCH_LEN_MIN + LEN_LOW_SYMBOLS + LEN_MID_SYMBOLS +
	       rc_tree(z, lc->high, 8);
}

static uint32_t decode_distance(struct lzma *z, unsigned int len)
{
	unsigned int dist_state = len - MATCH_LEN_MIN < DIST_STATES - 1 ?
				  len - MATCH_LEN_MIN : DIST_STATES - 1;
	uint32_t slot = rc_tree(z, z->p.dist_slot[dist_state], 6), distance, extra_bits;

	if (slot < DIST_MODEL_START)
		return slot;
	extra_bits = (slot >> 1) - 1;
	distance = (2 | (slot & 1)) << extra_bits;
	if (slot < DIST_MODEL_END) {
		/* Each slot's reverse tree starts at distance - slot in dist_special. */
		return distance + rc_tree_reverse(z, z->p.dist_special, distance - slot,
						  extra_bits);
	}
	distance += rc_direct(z, extra_bits - ALIGN_BITS) << ALIGN_BITS;
	return distance + rc_tree_reverse(z, z->p.dist_align, 1, ALIGN_BITS);
}

/* Copies @len bytes from rep0 back; false if the match is not possible. */
static bool copy_match(struct lzma *z, unsigned int len)
{
	uint32_t distance = z->rep[0];

	if (distance >= z->out_pos - z->dict_start || distance >= z->dict_size ||
	    len > z->chunk_end - z->out_pos)
		return false;
	for (unsigned int i = 0; i < len; i++, z->out_pos++)
		z->out[z->out_pos] = z->out[z->out_pos - distance - 1];
	return true;
}

/* One symbol after the is_match bit said "match". */
static bool decode_match(struct lzma *z, unsigned int pos_state)
{
	unsigned int s = z->state, len;

	if (!rc_bit(z, &z->p.is_rep[s])) {
		len = decode_len(z, &z->p.match_len, pos_state);
		z->rep[3] = z->rep[2];
		z->rep[2] = z->rep[1];
		z->rep[1] = z->rep[0];
		z->rep[0] = decode_distance(z, len);
		z->state = s < LIT_STATES ? 7 : 10;
		/* The end marker (distance 0xffffffff) is not allowed in LZMA2 and fails here. */
		return copy_match(z, len);
	}
	if (!rc_bit(z, &z->p.is_rep0[s])) {
		if (!rc_bit(z, &z->p.is_rep0_long[s][pos_state])) {
			z->state = s < LIT_STATES ? 9 : 11;
			return copy_match(z, 1);
		}
	} else {
		uint32_t distance;

		if (!rc_bit(z, &z->p.is_rep1[s])) {
			distance = z->rep[1];
		} else {
			if (!rc_bit(z, &z->p.is_rep2[s])) {
				distance = z->rep[2];
			} else {
				distance = z->rep[3];
				z->rep[3] = z->rep[2];
			}
			z->rep[2] = z->rep[1];
		}
		z->rep[1] = z->rep[0];
		z->rep[0] = distance;
	}
	len = decode_len(z, &z->p.rep_len, pos_state);
	z->state = s < LIT_STATES ? 8 : 11;
	return copy_match(z, len);
}

/* Decodes symbols until the chunk's output is complete. */
static bool decode_symbols(struct lzma *z)
{
	while (z->out_pos < z->chunk_end && !z->overrun) {
		unsigned int pos_state = (z->out_pos - z->dict_start) & z->pb_mask;

		if (!rc_bit(z, &z->p.is_match[z->state][pos_state])) {
			decode_literal(z);
		} else if (z->out_pos == z->dict_start || !decode_match(z, pos_state)) {
			return false;
		}
	}
	return !z->overrun && z->code == 0;
}

/* The lc/lp/pb byte: (pb * 5 + lp) * 9 + lc, with lc + lp <= 4 in LZMA2. */
static bool set_properties(struct lzma *z, uint8_t props)
{
	unsigned int lc = props % 9, lp = props / 9 % 5, pb = props / 45;

	if (props >= 9 * 5 * 5 || lc + lp > LC_LP_MAX)
		return false;
	z->lc = lc;
	z->lp_mask = (1u << lp) - 1;
	z->pb_mask = (1u << pb) - 1;
	return true;
}

/* An LZMA chunk: its header follows the control byte @control at in[in_pos]. */
static int lzma_chunk(struct decomp_io *io, struct lzma *z, uint8_t control, size_t in_end,
		      bool *need_props)
{
	const uint8_t *h = io->in + io->in_pos;
	size_t header = control >= 0xc0 ? 5 : 4, unpacked, packed;

	if (in_end - io->in_pos < header)
		return decomp_fail(io, "xz: truncated LZMA2 chunk header");
	unpacked = ((size_t)(control & 0x1f) << 16 | get_be16(h)) + 1;
	packed = get_be16(h + 2) + 1;
	if (control >= 0xc0) {
		if (!set_properties(z, h[4]))
			return decomp_fail(io, "xz: bad LZMA properties");
		*need_props = false;
	} else if (*need_props) {
		return decomp_fail(io, "xz: LZMA2 chunk without properties after a reset");
	}
	if (control >= 0xa0)
		lzma_reset_state(z);
	io->in_pos += header;
	if (packed > in_end - io->in_pos)
		return decomp_fail(io, "xz: truncated LZMA2 chunk");
	if (unpacked > io->out_size - io->out_pos)
		return decomp_fail(io, "xz: output larger than its buffer");
	z->in = io->in;
	z->in_pos = io->in_pos;
	z->in_end = io->in_pos + packed;
	z->overrun = false;
	z->out = io->out;
	z->out_pos = io->out_pos;
	z->chunk_end = io->out_pos + unpacked;
	if (!rc_init(z) || !decode_symbols(z) || z->in_pos != z->in_end)
		return decomp_fail(io, "xz: corrupt LZMA2 data");
	io->in_pos = z->in_pos;
	io->out_pos = z->out_pos;
	return 0;
}

static int stored_chunk(struct decomp_io *io, size_t in_end)
{
	size_t size;

	if (in_end - io->in_pos < 2)
		return decomp_fail(io, "xz: truncated LZMA2 chunk header");
	size = get_be16(io->in + io->in_pos) + 1;
	io->in_pos += 2;
	if (size > in_end - io->in_pos)
		return decomp_fail(io, "xz: truncated LZMA2 chunk");
	if (size > io->out_size - io->out_pos)
		return decomp_fail(io, "xz: output larger than its buffer");
	memcpy(io->out + io->out_pos, io->in + io->in_pos, size);
	io->in_pos += size;
	io->out_pos += size;
	return 0;
}

static int decode_chunks(struct decomp_io *io, struct lzma *z, size_t in_end)
{
	bool need_dict_reset = true, need_props = true;

	for (;;) {
		uint8_t control;
		int rc;

		if (io->in_pos >= in_end)
			return decomp_fail(io, "xz: truncated LZMA2 data");
		control = io->in[io->in_pos++];
		if (control == 0x00)
			return 0;
		if (control == 0x01 || control >= 0xe0) {
			need_dict_reset = false;
			need_props = true;
			z->dict_start = io->out_pos;
		} else if (need_dict_reset) {
			return decomp_fail(io, "xz: LZMA2 data does not start with a dictionary reset");
		}
		if (control >= 0x80)
			rc = lzma_chunk(io, z, control, in_end, &need_props);
		else if (control <= 0x02)
			rc = stored_chunk(io, in_end);
		else
			rc = decomp_fail(io, "xz: bad LZMA2 control byte");
		if (rc)
			return rc;
	}
}

int lzma2_decode(struct decomp_io *io, size_t in_end, uint32_t dict_size)
{
	struct lzma *z = xmalloc(sizeof(*z));
	int rc;

	if (!z)
		return decomp_fail(io, "xz: out of memory for the LZMA2 decoder");
	z->dict_size = dict_size;
	z->dict_start = io->out_pos;
	lzma_reset_state(z);
	rc = decode_chunks(io, z, in_end);
	xfree(z);
	return rc;
}
