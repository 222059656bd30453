/* Cache maintenance (arch). */
#ifndef ARCH_CACHE_H
#define ARCH_CACHE_H

/* Writes back and invalidates this CPU's caches (WBINVD). */
void cache_flush_local(void);

#endif
