/*
 * Input from the hypervisor's console, for the hardware domain
 * (common/console/console_input.c).  As on Xen, bytes wait in a 128-byte
 * ring until dom0 reads them with CONSOLEIO_read; a byte arriving when
 * the ring is full is dropped.
 */
#ifndef CONSOLE_INPUT_H
#define CONSOLE_INPUT_H

#include <stdint.h>

#define CONSOLE_INPUT_SIZE 128

/* A byte arrived on the console: queued for dom0, which gets VIRQ_CONSOLE. */
void console_input_receive(char c);

/*
 * CONSOLEIO_read: copies up to @count waiting bytes to guest @buffer;
 * returns how many, or -EFAULT (see the file for what a fault consumes).
 */
long console_input_read(unsigned int count, uint64_t buffer);

#endif
