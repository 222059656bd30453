/* Sorted, disjoint physical range sets (see memranges.h). */
#include "lib/string.h"
#include "memranges.h"

static void remove_at(struct memranges *set, unsigned i)
{
	memmove(&set->r[i], &set->r[i + 1], (set->count - i - 1) * sizeof(set->r[0]));
	set->count--;
}

static int insert_at(struct memranges *set, unsigned i, uint64_t start, uint64_t end)
{
	if (set->count == MEMRANGES_MAX)
		return -1;
	memmove(&set->r[i + 1], &set->r[i], (set->count - i) * sizeof(set->r[0]));
	set->r[i] = (struct memrange){ start, end };
	set->count++;
	return 0;
}

int memranges_add(struct memranges *set, uint64_t start, uint64_t end)
{
	unsigned i = 0;

	if (start >= end)
		return 0;
	while (i < set->count && set->r[i].end < start)
		i++;
	/* Absorb every range that overlaps or touches [start, end). */
	while (i < set->count && set->r[i].start <= end) {
		start = MIN(start, set->r[i].start);
		end = MAX(end, set->r[i].end);
		remove_at(set, i);
	}
	return insert_at(set, i, start, end);
}

int memranges_remove(struct memranges *set, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < set->count && start < end; i++) {
		struct memrange *r = &set->r[i];

		if (r->end <= start || r->start >= end)
			continue;
		if (r->start < start && r->end > end) {
			uint64_t tail_end = r->end;

			/* Check for room first: a failed split changes nothing. */
			if (set->count == MEMRANGES_MAX)
				return -1;
			r->end = start;
			return insert_at(set, i + 1, end, tail_end);
		}
		if (r->start < start) {
			r->end = start;
		} else if (r->end > end) {
			r->start = end;
		} else {
			remove_at(set, i);
			i--;
		}
	}
	return 0;
}

uint64_t memranges_total(const struct memranges *set)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < set->count; i++)
		total += set->r[i].end - set->r[i].start;
	return total;
}

uint64_t memranges_find(const struct memranges *set, uint64_t size, uint64_t align,
			uint64_t limit)
{
	for (unsigned i = 0; i < set->count; i++) {
		uint64_t start = ALIGN_UP(set->r[i].start, align);

		if (start < set->r[i].start || start >= set->r[i].end)
			continue;
		if (set->r[i].end - start >= size && start + size <= limit)
			return start;
	}
	return UINT64_MAX;
}
