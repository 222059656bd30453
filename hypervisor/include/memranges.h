/*
 * Sets of physical address ranges, kept sorted and disjoint: the free
 * memory computed at boot from the memory map minus everything in use.
 */
#ifndef MEMRANGES_H
#define MEMRANGES_H

#include <stdint.h>

#define MEMRANGES_MAX 256

struct memrange {
	uint64_t start, end; /* [start, end) */
};

struct memranges {
	struct memrange r[MEMRANGES_MAX];
	unsigned count;
};

/* Adds [start, end), merging with what it touches; -1 if the set is full. */
int memranges_add(struct memranges *set, uint64_t start, uint64_t end);

/* Removes [start, end) from every range; -1 (set unchanged) if a split overflows it. */
int memranges_remove(struct memranges *set, uint64_t start, uint64_t end);

/* Sum of the lengths. */
uint64_t memranges_total(const struct memranges *set);

/*
 * Finds @size bytes aligned to @align (a power of two) inside the set,
 * below @limit, lowest address first; returns the start or UINT64_MAX.
 */
uint64_t memranges_find(const struct memranges *set, uint64_t size, uint64_t align,
			uint64_t limit);

#endif
