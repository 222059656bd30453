/*
 * Buddy allocator over the frame table (see frame.h).
 *
 * Invariants: a free block of order k starts at a frame number that is a
 * multiple of 2^k, its head is FRAME_FREE_HEAD with order k and is on
 * free_lists[k], its other frames are FRAME_FREE_TAIL.  Two free buddies of
 * the same order never coexist: freeing merges them.  Allocated blocks
 * record their order in the head so that frees can be checked.
 */
#include <stddef.h>

#include "frame.h"

#define LIST_END UINT32_MAX

static struct frame *frames;
static uint64_t frame_count, free_count, total_count;
static uint32_t free_lists[FRAME_MAX_ORDER + 1];

void frames_init(struct frame *table, uint64_t count)
{
	frames = table;
	frame_count = count;
	free_count = total_count = 0;
	for (uint64_t i = 0; i < count; i++)
		frames[i] = (struct frame){ .next = LIST_END, .prev = LIST_END,
					    .owner = FRAME_OWNER_NONE };
	for (unsigned k = 0; k <= FRAME_MAX_ORDER; k++)
		free_lists[k] = LIST_END;
}

static void list_push(unsigned order, uint64_t f)
{
	frames[f].prev = LIST_END;
	frames[f].next = free_lists[order];
	if (free_lists[order] != LIST_END)
		frames[free_lists[order]].prev = (uint32_t)f;
	free_lists[order] = (uint32_t)f;
}

static void list_remove(unsigned order, uint64_t f)
{
	struct frame *fr = &frames[f];

	if (fr->prev != LIST_END)
		frames[fr->prev].next = fr->next;
	else
		free_lists[order] = fr->next;
	if (fr->next != LIST_END)
		frames[fr->next].prev = fr->prev;
}

static void mark_free_block(uint64_t first, unsigned order)
{
	for (uint64_t i = 1; i < (1ull << order); i++)
		frames[first + i].state = FRAME_FREE_TAIL;
	frames[first].state = FRAME_FREE_HEAD;
	frames[first].order = (uint8_t)order;
	list_push(order, first);
}

/* Frees an aligned block, merging with free buddies as far as possible. */
static void free_block(uint64_t first, unsigned order)
{
	while (order < FRAME_MAX_ORDER) {
		uint64_t buddy = first ^ (1ull << order);

		if (buddy + (1ull << order) > frame_count ||
		    frames[buddy].state != FRAME_FREE_HEAD || frames[buddy].order != order)
			break;
		list_remove(order, buddy);
		frames[buddy].state = FRAME_FREE_TAIL;
		first &= ~(1ull << order);
		order++;
	}
	mark_free_block(first, order);
}

static bool all_reserved(uint64_t first, uint64_t count)
{
	for (uint64_t i = 0; i < count; i++) {
		if (frames[first + i].state != FRAME_RESERVED)
			return false;
	}
	return true;
}

/* Frames already managed are skipped, so ranges may overlap. */
void frames_add_free(uint64_t start, uint64_t end)
{
	if (end > frame_count)
		end = frame_count;
	while (start < end) {
		unsigned order = 0;

		/* The largest aligned block that starts here and fits. */
		while (order < FRAME_MAX_ORDER && !(start & (1ull << order)) &&
		       start + (2ull << order) <= end)
			order++;
		if (!all_reserved(start, 1ull << order))
			order = 0;
		if (frames[start].state == FRAME_RESERVED) {
			free_count += 1ull << order;
			total_count += 1ull << order;
			free_block(start, order);
		}
		start += 1ull << order;
	}
}

/*
 * A frame handed out starts unowned and unused: nothing of its previous
 * life (owner, references, type) may leak into the next one.
 */
static void reset_use(struct frame *f, uint8_t state)
{
	f->state = state;
	f->owner = FRAME_OWNER_NONE;
	f->refcount = 0;
	f->type_count = 0;
	f->type = PV_TYPE_NONE;
	f->type_flags = 0;
	f->linear_count = 0;
}

/*
 * Takes off its list the first free block, smallest order first, of order
 * >= @order whose first 2^order frames lie below @limit (0: any block):
 * splitting keeps a block's low end.  Its order goes to *@k.  Without a
 * limit that is the head of the smallest non-empty list; with one, the
 * lists are walked.
 */
static uint64_t take_block(unsigned order, uint64_t limit, unsigned *k)
{
	for (*k = order; *k <= FRAME_MAX_ORDER; (*k)++) {
		for (uint32_t f = free_lists[*k]; f != LIST_END; f = frames[f].next) {
			if (!limit || f + (1ull << order) <= limit) {
				list_remove(*k, f);
				return f;
			}
		}
	}
	return FRAME_NONE;
}

uint64_t frames_alloc(unsigned order)
{
	return frames_alloc_below(order, 0);
}

uint64_t frames_alloc_below(unsigned order, uint64_t limit)
{
	unsigned k;
	uint64_t first;

	if (order > FRAME_MAX_ORDER)
		return FRAME_NONE;
	first = take_block(order, limit, &k);
	if (first == FRAME_NONE)
		return FRAME_NONE;
	/* Split: give back the upper halves until the block has @order. */
	while (k > order) {
		k--;
		mark_free_block(first + (1ull << k), k);
	}
	for (uint64_t i = 0; i < (1ull << order); i++)
		reset_use(&frames[first + i], FRAME_ALLOCATED_TAIL);
	frames[first].state = FRAME_ALLOCATED;
	frames[first].order = (uint8_t)order;
	free_count -= 1ull << order;
	return first;
}

int frames_split(uint64_t first, unsigned order)
{
	if (order > FRAME_MAX_ORDER || first >= frame_count ||
	    frames[first].state != FRAME_ALLOCATED || frames[first].order != order)
		return -1;
	for (uint64_t i = 0; i < (1ull << order); i++) {
		frames[first + i].state = FRAME_ALLOCATED;
		frames[first + i].order = 0;
	}
	return 0;
}

int frames_free(uint64_t first, unsigned order)
{
	if (order > FRAME_MAX_ORDER || first >= frame_count ||
	    first & ((1ull << order) - 1) || first + (1ull << order) > frame_count ||
	    frames[first].state != FRAME_ALLOCATED || frames[first].order != order)
		return -1;
	free_count += 1ull << order;
	for (uint64_t i = 0; i < (1ull << order); i++)
		frames[first + i].owner = FRAME_OWNER_NONE;
	free_block(first, order);
	return 0;
}

uint64_t frames_free_count(void)
{
	return free_count;
}

uint64_t frames_total_count(void)
{
	return total_count;
}

uint64_t frames_table_size(void)
{
	return frame_count;
}

const struct frame *frame_info(uint64_t frame)
{
	return frame < frame_count ? &frames[frame] : NULL;
}

struct frame *frame_get(uint64_t frame)
{
	return frame < frame_count ? &frames[frame] : NULL;
}

void frame_set_owner(uint64_t frame, uint16_t owner)
{
	if (frame < frame_count)
		frames[frame].owner = owner;
}

uint16_t frame_owner(uint64_t frame)
{
	return frame < frame_count ? frames[frame].owner : FRAME_OWNER_NONE;
}
