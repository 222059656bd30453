/*
 * Heap (see heap.h).  Size classes are powers of two from 32 to 4096 bytes
 * including the 16-byte header; a class's free slots form a singly linked
 * list through the slots themselves.  Pages given to a small class stay
 * with it.
 */
#include <stdint.h>

#include "heap.h"
#include "lib/string.h"
#include "panic.h"

#define PAGE_BYTES 4096
#define HEADER_SIZE 16
#define MIN_CLASS_SHIFT 5
#define SMALL_CLASSES 8 /* 32 .. 4096 */
#define HEADER_MAGIC 0x48454150u /* "HEAP" */
#define HEADER_MAGIC_FREE 0x46524545u

struct header {
	uint32_t magic;
	uint8_t small;  /* 1: size class; 0: page run */
	uint8_t shift;  /* log2 of slot size, or page order */
	uint16_t pad;
	uint64_t pad2;
};
_Static_assert(sizeof(struct header) == HEADER_SIZE, "heap header size");

struct free_slot {
	struct header header;
	struct free_slot *next;
};

static struct free_slot *free_slots[SMALL_CLASSES];
static unsigned long small_pages;

unsigned long heap_small_pages(void)
{
	return small_pages;
}

static unsigned class_of(size_t total)
{
	unsigned shift = MIN_CLASS_SHIFT;

	while ((1ul << shift) < total)
		shift++;
	return shift;
}

static int refill(unsigned shift)
{
	char *page = heap_pages_alloc(0);
	size_t slot = 1ul << shift;

	if (!page)
		return -1;
	small_pages++;
	for (size_t off = 0; off + slot <= PAGE_BYTES; off += slot) {
		struct free_slot *s = (struct free_slot *)(page + off);

		s->header.magic = HEADER_MAGIC_FREE;
		s->next = free_slots[shift - MIN_CLASS_SHIFT];
		free_slots[shift - MIN_CLASS_SHIFT] = s;
	}
	return 0;
}

static struct header *alloc_small(unsigned shift)
{
	struct free_slot **list = &free_slots[shift - MIN_CLASS_SHIFT];
	struct free_slot *s;

	if (!*list && refill(shift))
		return NULL;
	s = *list;
	*list = s->next;
	s->header = (struct header){ .magic = HEADER_MAGIC, .small = 1, .shift = (uint8_t)shift };
	return &s->header;
}

static struct header *alloc_pages(size_t total)
{
	unsigned order = 0;
	struct header *h;

	while (((size_t)PAGE_BYTES << order) < total)
		order++;
	h = heap_pages_alloc(order);
	if (h)
		*h = (struct header){ .magic = HEADER_MAGIC, .small = 0, .shift = (uint8_t)order };
	return h;
}

void *xmalloc(size_t size)
{
	struct header *h;

	if (size > (SIZE_MAX >> 1))
		return NULL;
	if (size + HEADER_SIZE <= PAGE_BYTES && size <= HEAP_SMALL_MAX)
		h = alloc_small(class_of(size + HEADER_SIZE));
	else
		h = alloc_pages(size + HEADER_SIZE);
	return h ? (char *)h + HEADER_SIZE : NULL;
}

void *xzalloc(size_t size)
{
	void *p = xmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void xfree(void *p)
{
	struct header *h;

	if (!p)
		return;
	h = (struct header *)((char *)p - HEADER_SIZE);
	BUG_ON(h->magic != HEADER_MAGIC);
	if (h->small) {
		struct free_slot *s = (struct free_slot *)h;

		h->magic = HEADER_MAGIC_FREE;
		s->next = free_slots[h->shift - MIN_CLASS_SHIFT];
		free_slots[h->shift - MIN_CLASS_SHIFT] = s;
	} else {
		h->magic = HEADER_MAGIC_FREE;
		heap_pages_free(h, h->shift);
	}
}
