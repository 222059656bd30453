/* The arch's console output, used by printk. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

#include <stddef.h>

/* Writes @len bytes to every console device; "\n" becomes "\r\n". */
void arch_console_write(const char *s, size_t len);

#endif
