/*
 * 16550 UART console.  Two ports are known, com1 (0x3f8) and com2 (0x2f8);
 * `console=com1|com2|none` picks where the log goes (default com1) and
 * `comN=<baud>[,<io-base>]` sets a port's speed and base (default 115200,
 * 8n1).  Output is polled: the log must work with interrupts off, in a
 * panic and before anything else is set up.
 *
 * Input is polled too, as in Xen's polling mode: a periodic hypervisor
 * timer empties the receive FIFO into the console input ring, often
 * enough that a full FIFO cannot overflow at the port's speed.  Polling
 * needs no interrupt routing (Ringvisor has no IOAPIC driver and leaves
 * the 8259s masked) and behaves the same under QEMU TCG, where the
 * serial backend only hands over bytes as the FIFO has room.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/console.h"
#include "arch/io.h"
#include "arch/uart.h"
#include "cmdline.h"
#include "console_input.h"
#include "hypercall.h"
#include "lib/string.h"
#include "time.h"
#include "timer.h"

#define UART_CLOCK 115200
#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define TX_SPIN_LIMIT 100000
#define FIFO_BYTES 16
#define BITS_PER_BYTE 10 /* start, 8 data, stop */
#define MIN_POLL_NS 1000000ull

struct uart {
	uint16_t base;
	uint32_t baud;
	uint8_t irq; /* its ISA IRQ, as Xen's defaults: com1 4, com2 3 */
};

static struct uart uarts[2] = { { 0x3f8, 115200, 4 }, { 0x2f8, 115200, 3 } };
static struct uart *console_uart = &uarts[0];

static void uart_setup(const struct uart *u)
{
	uint32_t divisor = UART_CLOCK / u->baud;

	outb(u->base + REG_IER, 0);
	outb(u->base + REG_LCR, LCR_DLAB);
	outb(u->base + REG_DATA, divisor & 0xff);
	outb(u->base + REG_IER, divisor >> 8);
	outb(u->base + REG_LCR, LCR_8N1);
	outb(u->base + REG_FCR, 0x07); /* enable and clear the FIFOs */
	outb(u->base + REG_MCR, 0x03); /* DTR, RTS */
}

static void uart_putc(const struct uart *u, char c)
{
	/* Bounded: a missing UART must not hang the hypervisor. */
	for (int i = 0; i < TX_SPIN_LIMIT; i++) {
		if (inb(u->base + REG_LSR) & LSR_THR_EMPTY)
			break;
	}
	outb(u->base + REG_DATA, (uint8_t)c);
}

void uart_console_init(void)
{
	if (console_uart)
		uart_setup(console_uart);
}

uint16_t uart_console_base(void)
{
	return console_uart ? console_uart->base : 0;
}

int uart_console_irq(void)
{
	return console_uart ? console_uart->irq : -1;
}

void arch_console_write(const char *s, size_t len)
{
	if (!console_uart)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc(console_uart, '\r');
		uart_putc(console_uart, s[i]);
	}
}

static struct timer rx_poll_timer;
static uint64_t rx_poll_ns;

static void uart_rx_poll(void *data)
{
	const struct uart *u = data;

	/* At most a FIFO's worth: a stuck status register cannot hold the CPU. */
	for (int i = 0; i < FIFO_BYTES && (inb(u->base + REG_LSR) & LSR_DATA_READY); i++)
		console_input_receive((char)inb(u->base + REG_DATA));
	timer_set(&rx_poll_timer, now() + rx_poll_ns);
}

void uart_console_rx_start(void)
{
	uint64_t fill_ns;

	/* No UART at the port reads all ones: nothing to poll. */
	if (!console_uart || inb(console_uart->base + REG_LSR) == 0xff)
		return;
	/* The time a full FIFO takes to arrive, but at most 1000 polls a second. */
	fill_ns = 1000000000ull * FIFO_BYTES * BITS_PER_BYTE / console_uart->baud;
	rx_poll_ns = fill_ns > MIN_POLL_NS ? fill_ns : MIN_POLL_NS;
	timer_setup(&rx_poll_timer, uart_rx_poll, console_uart);
	uart_rx_poll(console_uart);
}

static int parse_console(const char *value)
{
	if (!strcmp(value, "com1"))
		console_uart = &uarts[0];
	else if (!strcmp(value, "com2"))
		console_uart = &uarts[1];
	else if (!strcmp(value, "none"))
		console_uart = NULL;
	else
		return -1;
	return 0;
}
BOOT_PARAM_CUSTOM("console", parse_console);

static int parse_port(struct uart *u, const char *value)
{
	unsigned long baud, base = u->base;
	const char *end;

	if (parse_ulong(value, &end, &baud) || baud == 0 || baud > UART_CLOCK ||
	    UART_CLOCK % baud)
		return -1;
	if (*end == ',' && (parse_ulong(end + 1, &end, &base) || base > 0xfff8))
		return -1;
	if (*end)
		return -1;
	u->baud = (uint32_t)baud;
	u->base = (uint16_t)base;
	return 0;
}

static int parse_com1(const char *value)
{
	return parse_port(&uarts[0], value);
}
BOOT_PARAM_CUSTOM("com1", parse_com1);

static int parse_com2(const char *value)
{
	return parse_port(&uarts[1], value);
}
BOOT_PARAM_CUSTOM("com2", parse_com2);
