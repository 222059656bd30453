/*
 * The x86 branch/call/jump filter of xz, decoding side.  The encoder turned
 * the relative 32-bit targets of E8 (call) and E9 (jmp) instructions into
 * absolute ones, which compress better; this turns them back.
 *
 * An E8/E9 byte is converted when the last byte of its operand is 0x00 or
 * 0xff (a near target) and the bytes just before it do not look like
 * part of an earlier candidate: a three-bit history of recent E8/E9 bytes
 * seen and skipped decides that, with the rules of the format (some
 * history patterns rule the candidate out; for others, the byte of the
 * operand that lines up with the most recent one must not look like an
 * operand's last byte either).  The last four bytes are never converted.
 */
#include "decompress/internal.h"

/* Whether a candidate is allowed under each 3-bit history. */
static const bool history_allows[8] = { true, true, true, false, true, false, false, false };
/* Which operand byte (counting from its end) each history looks at. */
static const uint8_t history_byte[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };

static bool near_target_byte(uint8_t b)
{
	return b == 0x00 || b == 0xff;
}

static uint32_t absolute_to_relative(uint32_t value, uint32_t history, uint32_t next_ip)
{
	for (;;) {
		uint32_t relative = value - next_ip, shift;

		if (!history)
			return relative;
		shift = 24 - history_byte[history] * 8;
		if (!near_target_byte((uint8_t)(relative >> shift)))
			return relative;
		value = relative ^ ((1u << (shift + 8)) - 1);
	}
}

void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start)
{
	uint32_t history = 0;
	size_t last = 0;	/* position of the previous E8/E9 byte, plus one */

	if (size < 5)
		return;
	for (size_t i = 0; i < size - 4; i++) {
		size_t gap;

		if ((buf[i] & 0xfe) != 0xe8)
			continue;
		gap = i + 1 - last;
		last = i + 1;
		if (gap > 3) {
			history = 0;
		} else {
			history = (history << (gap - 1)) & 7;
			if (history && (!history_allows[history] ||
					near_target_byte(buf[i + 4 - history_byte[history]]))) {
				history = history << 1 | 1;
				continue;
			}
		}
		if (near_target_byte(buf[i + 4])) {
			uint32_t value = absolute_to_relative(get_le32(buf + i + 1), history,
							      start + (uint32_t)i + 5);

			/* Bits 25..31 copy bit 24: the target stays within +-16 MiB. */
			value &= 0x01ffffff;
			value |= 0u - (value & 0x01000000);
			buf[i + 1] = (uint8_t)value;
			buf[i + 2] = (uint8_t)(value >> 8);
			buf[i + 3] = (uint8_t)(value >> 16);
			buf[i + 4] = (uint8_t)(value >> 24);
			i += 4;
		} else {
			history = history << 1 | 1;
		}
	}
}
