/*
 * The hypervisor heap, for objects of any size (domains, vCPUs, tables).
 *
 * Small objects come from per-size-class pools carved out of single pages;
 * objects over HEAP_SMALL_MAX bytes get their own power-of-two run of
 * frames.  Every object has a header that records its class, checked on
 * free: freeing a pointer the heap did not hand out, or freeing twice, is a
 * hypervisor bug and panics.
 */
#ifndef HEAP_H
#define HEAP_H

#include <stddef.h>

#define HEAP_SMALL_MAX 2048

void *xmalloc(size_t size);

/* Pages the small size classes have taken (they keep them for reuse). */
unsigned long heap_small_pages(void);
void *xzalloc(size_t size);
void xfree(void *p);

/*
 * Where the heap gets its pages (the arch's frame allocator and direct map
 * in the hypervisor; malloc in host tests).  heap_pages_alloc returns
 * 2^order contiguous, page-aligned pages, or NULL.
 */
void *heap_pages_alloc(unsigned order);
void heap_pages_free(void *p, unsigned order);

#endif
