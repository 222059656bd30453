/*
 * PIT channel 2, the reference clock: its input runs at exactly 1193182 Hz
 * on every PC.  Channel 2's gate is controlled through port 0x61 and its
 * output can be read there, so it can be used without interrupts.
 */
#include "arch/io.h"
#include "arch/time.h"

#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20

#define CMD_CH2_LOHI 0xb0
#define CMD_MODE0 0x00 /* interrupt on terminal count: OUT2 rises at zero */
#define CMD_MODE2 0x04 /* rate generator: counts down and reloads */
#define CMD_LATCH_CH2 0x80

static uint16_t last_count;

static void start(uint8_t mode, uint16_t count)
{
	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) & ~PORT_B_GATE2);
	outb(PIT_CMD, CMD_CH2_LOHI | mode);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
}

void pit_oneshot_start(uint16_t count)
{
	start(CMD_MODE0, count);
}

bool pit_oneshot_done(void)
{
	return inb(PORT_B) & PORT_B_OUT2;
}

static uint16_t read_count(void)
{
	uint8_t lo, hi;

	outb(PIT_CMD, CMD_LATCH_CH2);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (uint16_t)(hi << 8 | lo);
}

void pit_free_run_start(void)
{
	start(CMD_MODE2, 0); /* 0 means 65536 */
	last_count = read_count();
}

uint32_t pit_free_run_elapsed(void)
{
	uint16_t count = read_count();
	/* The counter runs down and wraps from 1 to 65536 (read as 0). */
	uint32_t elapsed = (uint16_t)(last_count - count);

	last_count = count;
	return elapsed;
}
