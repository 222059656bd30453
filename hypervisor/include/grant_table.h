/*
 * A domain's grant table (common/grant/): the frames holding its version 1
 * entries, which the domain owns and maps itself.  As on Xen, a table
 * starts with one frame and only grows (GNTTABOP_setup_table), up to
 * GRANT_TABLE_MAX_FRAMES; its frames go back with the domain's memory at
 * teardown.  The table is made at the domain's first grant table call.
 */
#ifndef GRANT_TABLE_H
#define GRANT_TABLE_H

#include <stdbool.h>
#include <stdint.h>

struct domain;

/* Xen 4.17's gnttab_max_frames default, and the size a table starts at. */
#define GRANT_TABLE_MAX_FRAMES 64
#define GRANT_TABLE_INITIAL_FRAMES 1

struct grant_table {
	unsigned int version; /* 1: the only one implemented */
	unsigned int nr_frames;
	uint64_t frames[GRANT_TABLE_MAX_FRAMES];
};

/* @d's table, made with its first frame if it has none: NULL if out of memory. */
struct grant_table *grant_table_get(struct domain *d);

/*
 * Grows @d's table to @nr_frames (at most GRANT_TABLE_MAX_FRAMES; a
 * smaller count leaves it as it is): 0, or -1 if out of memory (the table
 * keeps the frames it had).
 */
int grant_table_grow(struct domain *d, unsigned int nr_frames);

/* Whether @mfn holds part of @d's grant table. */
bool grant_table_owns_frame(const struct domain *d, uint64_t mfn);

/* Frees @d's table bookkeeping; its frames go with the domain's. */
void grant_table_free(struct domain *d);

#endif
