/* The serial console (see uart16550.c for its boot options). */
#ifndef ARCH_UART_H
#define ARCH_UART_H

#include <stdint.h>

/* Programs the console UART; called early and again after option parsing. */
void uart_console_init(void);

/* Starts polling the console UART's input into the console input ring. */
void uart_console_rx_start(void);

/* The console UART's first port, 0 with console=none. */
uint16_t uart_console_base(void);

/* The console UART's IRQ, which the hypervisor keeps for itself; -1 with console=none. */
int uart_console_irq(void);

#endif
