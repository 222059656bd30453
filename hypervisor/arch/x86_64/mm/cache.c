/* Cache maintenance (arch/cache.h). */
#include "arch/cache.h"

void cache_flush_local(void)
{
	__asm__ volatile("wbinvd" : : : "memory");
}
