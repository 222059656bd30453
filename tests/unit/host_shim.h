/* Host stand-ins for the arch hooks (host_shim.c). */
#ifndef HOST_SHIM_H
#define HOST_SHIM_H

#include <stddef.h>

#include "arch/console.h"
#include "frame.h"
#include "heap.h"
#include "panic.h"

/* Everything printk wrote since the last reset. */
const char *console_captured(void);
void console_capture_reset(void);

#endif
