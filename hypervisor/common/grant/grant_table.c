/*
 * A domain's grant table frames (grant_table.h): made at first use with
 * one frame, grown on request, never shrunk.
 */
#include "domain.h"
#include "frame.h"
#include "grant_table.h"
#include "heap.h"

struct grant_table *grant_table_get(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	if (gt)
		return gt;
	gt = xzalloc(sizeof(*gt));
	if (!gt)
		return NULL;
	gt->version = 1;
	d->grant_table = gt;
	if (grant_table_grow(d, GRANT_TABLE_INITIAL_FRAMES)) {
		grant_table_free(d);
		return NULL;
	}
	return gt;
}

int grant_table_grow(struct domain *d, unsigned int nr_frames)
{
	struct grant_table *gt = d->grant_table;
	unsigned int had = gt->nr_frames;

	for (unsigned int i = had; i < nr_frames; i++) {
		uint64_t mfn = domain_alloc_owned_frame(d);

		if (mfn == FRAME_NONE) {
			for (unsigned int j = had; j < i; j++)
				frames_free(gt->frames[j], 0);
			return -1;
		}
		gt->frames[i] = mfn;
	}
	if (nr_frames > had)
		gt->nr_frames = nr_frames;
	return 0;
}

bool grant_table_owns_frame(const struct domain *d, uint64_t mfn)
{
	const struct grant_table *gt = d->grant_table;

	for (unsigned int i = 0; gt && i < gt->nr_frames; i++) {
		if (gt->frames[i] == mfn)
			return true;
	}
	return false;
}

void grant_table_free(struct domain *d)
{
	xfree(d->grant_table);
	d->grant_table = NULL;
}
