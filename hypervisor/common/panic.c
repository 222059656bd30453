/* panic(): report a hypervisor bug or an unbootable machine, then stop. */
#include <stdarg.h>

#include "panic.h"
#include "printk.h"

void panic(const char *fmt, ...)
{
	va_list ap;

	printk_set_level(LOG_LEVEL_DEBUG);
	printk("\n*** PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n*** Ringvisor stopped.\n");
	arch_halt();
}
