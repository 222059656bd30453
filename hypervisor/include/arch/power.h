/*
 * Turning the machine off, and ending a QEMU test run with a status code
 * through an isa-debug-exit port.
 */
#ifndef ARCH_POWER_H
#define ARCH_POWER_H

#include <stdint.h>

#include "compiler.h"

/*
 * Remembers the RSDP the boot loader gave (0 = unknown; then the BIOS
 * areas are scanned at poweroff time).
 */
void power_set_rsdp(uint64_t paddr);

/* The RSDP: the loader's, else one found in the BIOS areas; 0 if none. */
uint64_t acpi_rsdp(void);

/*
 * Powers the machine off: ACPI S5 (entering ACPI mode through SMI_CMD
 * first if needed), then the QEMU/Bochs/VirtualBox shutdown ports, then
 * halts forever with interrupts off.  Logs which method it tries.
 */
__noreturn void machine_power_off(void);

/*
 * If the `debug-exit=<port>` boot option named an isa-debug-exit port,
 * writes @code there (QEMU then exits with status code*2+1); returns if no
 * port was set or QEMU did not exit.
 */
void machine_debug_exit(uint32_t code);
void machine_set_debug_exit_port(uint16_t port);

#endif
