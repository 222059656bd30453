/* The serial console (see uart16550.c for its boot options). */
#ifndef ARCH_UART_H
#define ARCH_UART_H

/* Programs the console UART; called early and again after option parsing. */
void uart_console_init(void);

#endif
