/*
 * console_io(cmd, count, buffer): the hypervisor's own console.
 *
 * write prints @count bytes from the guest buffer (for a domU, printable
 * characters only, possibly held until a newline); read (privileged) takes
 * up to @count bytes of console input and returns how many it took.  Dom0
 * uses it as its console; a domU uses it only early or in an emergency,
 * and otherwise the console ring named in its start_info.
 */
#ifndef PV_ABI_CONSOLE_IO_H
#define PV_ABI_CONSOLE_IO_H

#define PV_CONSOLEIO_write 0
#define PV_CONSOLEIO_read 1

#endif
