/*
 * Tests for the buddy frame allocator (hypervisor/common/memory/frame_alloc.c).
 *
 * The allocator keeps global state, so every test starts it afresh on a new
 * zeroed table.  The table is inspected through frame_info(): free blocks
 * must be the maximal naturally aligned blocks of the free frames, allocated
 * blocks must carry their order, and frames never given to the allocator
 * must stay FRAME_RESERVED.  A randomised test checks all of this after
 * every step against a shadow model of which frames are allocated.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "frame.h"
#include "harness.h"

/* The allocator's free list terminator (frame_alloc.c). */
#define LINK_END UINT32_MAX

static struct frame *table;

/* Starts the allocator on a fresh zeroed table of @count frames. */
static void fresh(uint64_t count)
{
	struct frame *old = table;

	table = calloc(count, sizeof(*table));
	frames_init(table, count);
	free(old);
}

static unsigned state(uint64_t f)
{
	return frame_info(f)->state;
}

static unsigned order_of(uint64_t f)
{
	return frame_info(f)->order;
}

/* The largest order of an aligned block at @start inside [start, end). */
static unsigned greedy_order(uint64_t start, uint64_t end)
{
	unsigned k = 0;

	while (k < FRAME_MAX_ORDER && !(start & (1ull << k)) &&
	       start + (2ull << k) <= end)
		k++;
	return k;
}

/*
 * Checks that [start, end) is free and split into the maximal aligned blocks
 * (the only decomposition in which no two buddies are both free); returns
 * the number of blocks.
 */
static unsigned check_free_blocks(uint64_t start, uint64_t end)
{
	unsigned blocks = 0;

	while (start < end) {
		unsigned k = greedy_order(start, end);

		CHECK_EQ(state(start), FRAME_FREE_HEAD);
		CHECK_EQ(order_of(start), k);
		for (uint64_t i = 1; i < (1ull << k); i++)
			CHECK_EQ(state(start + i), FRAME_FREE_TAIL);
		start += 1ull << k;
		blocks++;
	}
	return blocks;
}

static void check_reserved(uint64_t start, uint64_t end)
{
	for (uint64_t f = start; f < end; f++)
		CHECK_EQ(state(f), FRAME_RESERVED);
}

TEST(frame_init_all_reserved)
{
	fresh(100);
	CHECK_EQ(frames_table_size(), 100);
	CHECK_EQ(frames_free_count(), 0);
	CHECK_EQ(frames_total_count(), 0);
	check_reserved(0, 100);
	CHECK(frame_info(99) != NULL);
	CHECK(frame_info(100) == NULL);
	CHECK(frame_info(UINT64_MAX) == NULL);
	CHECK_EQ(frames_alloc(0), FRAME_NONE);
}

TEST(frame_add_free_unaligned)
{
	fresh(64);
	frames_add_free(3, 45);
	CHECK_EQ(frames_free_count(), 42);
	CHECK_EQ(frames_total_count(), 42);
	/* 3 (0), 4 (2), 8 (3), 16 (4), 32 (3), 40 (2), 44 (0) */
	CHECK_EQ(check_free_blocks(3, 45), 7);
	CHECK_EQ(order_of(16), 4);
	CHECK_EQ(order_of(44), 0);
	check_reserved(0, 3);
	check_reserved(45, 64);

	/* A table that is not a power of two, with the range clamped to it. */
	fresh(1000);
	frames_add_free(0, 5000);
	CHECK_EQ(frames_free_count(), 1000);
	CHECK_EQ(frames_total_count(), 1000);
	CHECK_EQ(check_free_blocks(0, 1000), 6);
	CHECK_EQ(order_of(0), 9);
	CHECK_EQ(order_of(992), 3);

	/* Empty and inverted ranges add nothing. */
	fresh(16);
	frames_add_free(5, 5);
	frames_add_free(9, 2);
	frames_add_free(16, 30);
	CHECK_EQ(frames_free_count(), 0);
	check_reserved(0, 16);
}

TEST(frame_add_free_max_order)
{
	uint64_t n = (2ull << FRAME_MAX_ORDER) + 5, a, b;

	fresh(n);
	frames_add_free(0, n);
	CHECK_EQ(frames_free_count(), n);
	/* Blocks stop at FRAME_MAX_ORDER even where a larger one would fit. */
	CHECK_EQ(check_free_blocks(0, n), 4);
	CHECK_EQ(state(0), FRAME_FREE_HEAD);
	CHECK_EQ(order_of(0), FRAME_MAX_ORDER);
	CHECK_EQ(state(1ull << FRAME_MAX_ORDER), FRAME_FREE_HEAD);
	CHECK_EQ(order_of(1ull << FRAME_MAX_ORDER), FRAME_MAX_ORDER);
	a = frames_alloc(FRAME_MAX_ORDER);
	CHECK(a == 0 || a == 1ull << FRAME_MAX_ORDER);
	CHECK_EQ(frames_alloc(FRAME_MAX_ORDER), (1ull << FRAME_MAX_ORDER) - a);
	CHECK_EQ(frames_alloc(FRAME_MAX_ORDER), FRAME_NONE);
	CHECK_EQ(frames_free_count(), 5);
	CHECK_EQ(frames_free(0, FRAME_MAX_ORDER), 0);
	CHECK_EQ(frames_free(1ull << FRAME_MAX_ORDER, FRAME_MAX_ORDER), 0);
	CHECK_EQ(frames_free_count(), n);
	/* Freed top-order buddies are not merged past FRAME_MAX_ORDER. */
	CHECK_EQ(check_free_blocks(0, n), 4);

	/* Two buddies just below the top order merge up to it. */
	a = frames_alloc(FRAME_MAX_ORDER - 1);
	b = frames_alloc(FRAME_MAX_ORDER - 1);
	CHECK_EQ(a ^ b, 1ull << (FRAME_MAX_ORDER - 1));
	CHECK_EQ(frames_free(a, FRAME_MAX_ORDER - 1), 0);
	CHECK_EQ(frames_free(b, FRAME_MAX_ORDER - 1), 0);
	CHECK_EQ(frames_free_count(), n);
	CHECK_EQ(check_free_blocks(0, n), 4);
}

TEST(frame_add_free_overlapping)
{
	fresh(64);
	frames_add_free(10, 20);
	CHECK_EQ(frames_free_count(), 10);
	frames_add_free(15, 30);
	CHECK_EQ(frames_free_count(), 20);
	CHECK_EQ(frames_total_count(), 20);
	frames_add_free(10, 20);
	frames_add_free(10, 30);
	frames_add_free(12, 13);
	CHECK_EQ(frames_free_count(), 20);
	CHECK_EQ(frames_total_count(), 20);
	/* The pieces are merged into the blocks of [10, 30). */
	CHECK_EQ(check_free_blocks(10, 30), 5);
	check_reserved(0, 10);
	check_reserved(30, 64);

	/* Frames added from the top down merge just the same. */
	fresh(64);
	for (uint64_t f = 64; f-- > 0;)
		frames_add_free(f, f + 1);
	CHECK_EQ(frames_free_count(), 64);
	CHECK_EQ(check_free_blocks(0, 64), 1);
	CHECK_EQ(order_of(0), 6);
}

/* add_free over allocated frames must not free them a second time. */
TEST(frame_add_free_skips_allocated)
{
	uint64_t a, b;

	fresh(32);
	frames_add_free(0, 16);
	a = frames_alloc(2);
	b = frames_alloc(0);
	CHECK(a < 16 && b < 16);
	CHECK_EQ(frames_free_count(), 11);
	frames_add_free(0, 32);
	CHECK_EQ(frames_free_count(), 27);
	CHECK_EQ(frames_total_count(), 32);
	CHECK_EQ(state(a), FRAME_ALLOCATED);
	CHECK_EQ(order_of(a), 2);
	for (uint64_t i = 1; i < 4; i++)
		CHECK_EQ(state(a + i), FRAME_ALLOCATED_TAIL);
	CHECK_EQ(state(b), FRAME_ALLOCATED);
	CHECK_EQ(frames_free(a, 2), 0);
	CHECK_EQ(frames_free(b, 0), 0);
	CHECK_EQ(frames_free_count(), 32);
	CHECK_EQ(check_free_blocks(0, 32), 1);
}

/* Frames outside the added ranges are never handed out. */
TEST(frame_reserved_holes)
{
	static uint8_t seen[256];
	uint64_t f, got = 0;

	fresh(256);
	frames_add_free(0, 37);
	frames_add_free(40, 100);
	frames_add_free(130, 256);
	CHECK_EQ(frames_free_count(), 223);
	while ((f = frames_alloc(0)) != FRAME_NONE) {
		CHECK(f < 256);
		if (f >= 256)
			break;
		CHECK(!(f >= 37 && f < 40) && !(f >= 100 && f < 130));
		CHECK_EQ(seen[f], 0);
		seen[f] = 1;
		got++;
	}
	CHECK_EQ(got, 223);
	CHECK_EQ(frames_free_count(), 0);
	check_reserved(37, 40);
	check_reserved(100, 130);
	for (unsigned k = 0; k <= FRAME_MAX_ORDER; k++)
		CHECK_EQ(frames_alloc(k), FRAME_NONE);
}

TEST(frame_alloc_each_order)
{
	for (unsigned k = 0; k <= 12; k++) {
		uint64_t f;

		fresh(4096);
		frames_add_free(0, 4096);
		f = frames_alloc(k);
		CHECK(f < 4096);
		if (f >= 4096)
			continue;
		CHECK_EQ(f & ((1ull << k) - 1), 0);
		CHECK_EQ(state(f), FRAME_ALLOCATED);
		CHECK_EQ(order_of(f), k);
		for (uint64_t i = 1; i < (1ull << k); i++)
			CHECK_EQ(state(f + i), FRAME_ALLOCATED_TAIL);
		CHECK_EQ(frames_free_count(), 4096 - (1ull << k));
		CHECK_EQ(frames_alloc(13), FRAME_NONE);
		CHECK_EQ(frames_free(f, k), 0);
		CHECK_EQ(frames_free_count(), 4096);
		CHECK_EQ(check_free_blocks(0, 4096), 1);
	}

	/* Mixed orders from an unaligned range: aligned, disjoint, inside. */
	fresh(2048);
	frames_add_free(5, 2000);
	for (unsigned k = 0; k <= 9; k++) {
		uint64_t f = frames_alloc(k);

		CHECK(f >= 5 && f + (1ull << k) <= 2000);
		CHECK_EQ(f & ((1ull << k) - 1), 0);
		CHECK_EQ(state(f), FRAME_ALLOCATED);
		CHECK_EQ(order_of(f), k);
	}
	CHECK_EQ(frames_free_count(), 1995 - 1023);
	/* [5, 2000) holds no aligned block of 1024 frames. */
	CHECK_EQ(frames_alloc(10), FRAME_NONE);
}

TEST(frame_exhaustion)
{
	fresh(100);
	frames_add_free(0, 100);
	for (unsigned i = 0; i < 25; i++) {
		uint64_t f = frames_alloc(2);

		CHECK(f < 100);
		CHECK_EQ(f % 4, 0);
	}
	CHECK_EQ(frames_free_count(), 0);
	CHECK_EQ(frames_alloc(2), FRAME_NONE);
	CHECK_EQ(frames_alloc(0), FRAME_NONE);
	CHECK_EQ(frames_free_count(), 0);
	CHECK_EQ(frames_total_count(), 100);
}

/* Freeing everything, in any order, merges back to the maximal blocks. */
TEST(frame_free_merges)
{
	static uint64_t got[1024];
	uint64_t seed = 12345, n = 0, f;

	fresh(1024);
	frames_add_free(3, 1000);
	while ((f = frames_alloc(0)) != FRAME_NONE && n < 1024)
		got[n++] = f;
	CHECK_EQ(n, 997);
	CHECK_EQ(frames_alloc(8), FRAME_NONE);
	/* Fisher-Yates with a fixed LCG. */
	for (uint64_t i = n; i > 1; i--) {
		uint64_t j, t;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		j = (seed >> 33) % i;
		t = got[i - 1];
		got[i - 1] = got[j];
		got[j] = t;
	}
	for (uint64_t i = 0; i < n; i++)
		CHECK_EQ(frames_free(got[i], 0), 0);
	CHECK_EQ(frames_free_count(), 997);
	CHECK_EQ(check_free_blocks(3, 1000), 13);
	/* The two order-8 blocks of [3, 1000) are whole again. */
	CHECK_EQ(frames_alloc(9), FRAME_NONE);
	f = frames_alloc(8);
	CHECK(f == 256 || f == 512);
	CHECK_EQ(frames_alloc(8), 768 - f);
	CHECK_EQ(frames_alloc(8), FRAME_NONE);
}

TEST(frame_free_refused)
{
	const struct frame *snap;
	struct frame copy[60];
	uint64_t a, b, c, before;

	fresh(60);
	frames_add_free(0, 56);
	a = frames_alloc(2);
	b = frames_alloc(3);
	c = frames_alloc(0);
	CHECK(a < 56 && b < 56 && c < 56);
	before = frames_free_count();
	CHECK_EQ(before, 56 - 4 - 8 - 1);
	snap = frame_info(0);
	memcpy(copy, snap, sizeof(copy));

#define REFUSED(first, order)                                      \
	do {                                                       \
		CHECK_EQ(frames_free((first), (order)), -1);       \
		CHECK_EQ(frames_free_count(), before);             \
		CHECK(memcmp(copy, snap, sizeof(copy)) == 0);      \
	} while (0)

	REFUSED(a, 1);			/* wrong order */
	REFUSED(a, 3);
	REFUSED(b, 2);
	REFUSED(c, 1);
	REFUSED(b + 1, 0);		/* tail frames */
	REFUSED(b + 4, 2);
	REFUSED(a + 2, 1);
	REFUSED(a + 1, 2);		/* unaligned */
	REFUSED(b + 2, 3);
	REFUSED(60, 0);			/* out of range */
	REFUSED(64, 2);
	REFUSED(1ull << 40, 0);
	REFUSED(UINT64_MAX, 0);
	REFUSED(56, 3);			/* runs past the end of the table */
	REFUSED(56, 0);			/* reserved frames */
	REFUSED(59, 0);
	REFUSED(0, FRAME_MAX_ORDER + 1);	/* bad orders */
	REFUSED(a, FRAME_MAX_ORDER + 1);
	REFUSED(a, 64);
	REFUSED(a, ~0u);
	for (uint64_t f = 0; f < 56; f++) {	/* free frames */
		if (state(f) == FRAME_FREE_HEAD) {
			REFUSED(f, order_of(f));
			REFUSED(f, 0);
		}
	}

	/* Double free. */
	CHECK_EQ(frames_free(c, 0), 0);
	CHECK_EQ(frames_free_count(), before + 1);
	before = frames_free_count();
	memcpy(copy, snap, sizeof(copy));
	REFUSED(c, 0);
	CHECK_EQ(frames_free(b, 3), 0);
	before = frames_free_count();
	memcpy(copy, snap, sizeof(copy));
	REFUSED(b, 3);
	REFUSED(b, 0);
	CHECK_EQ(frames_free(a, 2), 0);
	CHECK_EQ(frames_free_count(), 56);
	CHECK_EQ(check_free_blocks(0, 56), 3);
#undef REFUSED

	CHECK_EQ(frames_alloc(FRAME_MAX_ORDER + 1), FRAME_NONE);
	CHECK_EQ(frames_alloc(64), FRAME_NONE);
	CHECK_EQ(frames_alloc(~0u), FRAME_NONE);
	CHECK_EQ(frames_free_count(), 56);
}

/* Randomised: alloc/free of random orders against a shadow model. */

#define RND_FRAMES 8192
#define RND_STEPS 20000
#define RND_MAX_LIVE 4096

struct live_block {
	uint64_t first;
	unsigned order;
};

static uint64_t rnd_state;

static uint64_t rnd(void)
{
	return xorshift64(&rnd_state);
}

static const uint64_t rnd_ranges[][2] = {
	{ 1, 1000 }, { 1003, 4097 }, { 4100, 6000 }, { 5000, 8000 }, { 8005, 8192 },
};

/* The shadow model: what every frame should be. */
enum { M_RESERVED, M_FREE, M_HEAD, M_TAIL };
static uint8_t model[RND_FRAMES];
static uint8_t model_order[RND_FRAMES];

/*
 * Checks every invariant of the table in one pass; returns false on the
 * first failure.  Free blocks are checked as the pass goes through them:
 * a head opens a block, which must then be all tails up to its end.
 */
static bool rnd_check(uint64_t managed)
{
	/* The table itself (frame_info() is the same), read directly for speed. */
	const struct frame *tab = frame_info(0);
	uint64_t free_frames = 0, block_end = 0;

	if (tab != table || frame_info(RND_FRAMES - 1) != &tab[RND_FRAMES - 1])
		return false;

	for (uint64_t f = 0; f < RND_FRAMES; f++) {
		const struct frame *fr = &tab[f];
		unsigned m = model[f], k = fr->order;

		if (f < block_end) {
			if (fr->state != FRAME_FREE_TAIL || m != M_FREE)
				return false;
			free_frames++;
			continue;
		}
		switch (m) {
		case M_RESERVED:
			if (fr->state != FRAME_RESERVED)
				return false;
			continue;
		case M_HEAD:
			if (fr->state != FRAME_ALLOCATED || k != model_order[f])
				return false;
			continue;
		case M_TAIL:
			if (fr->state != FRAME_ALLOCATED_TAIL)
				return false;
			continue;
		}
		/* A free frame outside a free block must start one. */
		if (fr->state != FRAME_FREE_HEAD || k > FRAME_MAX_ORDER ||
		    f & ((1ull << k) - 1) || f + (1ull << k) > RND_FRAMES)
			return false;
		/* Free buddies of one order must have been merged. */
		if (k < FRAME_MAX_ORDER) {
			uint64_t buddy = f ^ (1ull << k);

			if (buddy < RND_FRAMES && tab[buddy].state == FRAME_FREE_HEAD &&
			    tab[buddy].order == k)
				return false;
		}
		/* Free list links stay consistent. */
		if (fr->next != LINK_END &&
		    (fr->next >= RND_FRAMES || tab[fr->next].state != FRAME_FREE_HEAD ||
		     tab[fr->next].order != k || tab[fr->next].prev != f))
			return false;
		if (fr->prev != LINK_END &&
		    (fr->prev >= RND_FRAMES || tab[fr->prev].state != FRAME_FREE_HEAD ||
		     tab[fr->prev].order != k || tab[fr->prev].next != f))
			return false;
		block_end = f + (1ull << k);
		free_frames++;
	}
	return free_frames == frames_free_count() &&
	       frames_total_count() == managed;
}

/* Whether any free block of order >= @order exists. */
static bool rnd_has_block(unsigned order)
{
	for (uint64_t f = 0; f < RND_FRAMES; f++) {
		const struct frame *fr = frame_info(f);

		if (fr->state == FRAME_FREE_HEAD && fr->order >= order)
			return true;
	}
	return false;
}

TEST(frame_random)
{
	static struct live_block live[RND_MAX_LIVE];
	static struct frame initial[RND_FRAMES];
	unsigned nlive = 0, allocs = 0, frees = 0, nones = 0, refused = 0;
	uint64_t managed = 0, used = 0;
	bool ok = true;

	rnd_state = 0x9e3779b97f4a7c15ull;
	fresh(RND_FRAMES);
	for (unsigned i = 0; i < ARRAY_SIZE(rnd_ranges); i++)
		frames_add_free(rnd_ranges[i][0], rnd_ranges[i][1]);
	memset(model, M_RESERVED, sizeof(model));
	for (unsigned i = 0; i < ARRAY_SIZE(rnd_ranges); i++) {
		for (uint64_t f = rnd_ranges[i][0]; f < rnd_ranges[i][1]; f++)
			model[f] = M_FREE;
	}
	for (uint64_t f = 0; f < RND_FRAMES; f++)
		managed += model[f] != M_RESERVED;
	CHECK_EQ(managed, 8192 - 1 - 3 - 3 - 5);
	CHECK_EQ(frames_free_count(), managed);
	CHECK(rnd_check(managed));
	memcpy(initial, frame_info(0), sizeof(initial));

	for (unsigned step = 0; step < RND_STEPS && ok; step++) {
		uint64_t r = rnd();
		unsigned op = r % 16;

		if (op < 8 && nlive < RND_MAX_LIVE) {
			/* Mostly small orders, now and then large ones. */
			unsigned k = (r >> 8) % 8 ? (r >> 16) % 4 : (r >> 16) % 14;
			uint64_t f = frames_alloc(k);

			if (f == FRAME_NONE) {
				CHECK(!rnd_has_block(k));
				nones++;
			} else {
				CHECK(f < RND_FRAMES && !(f & ((1ull << k) - 1)));
				if (f >= RND_FRAMES)
					break;
				for (uint64_t i = 0; i < (1ull << k); i++) {
					CHECK_EQ(model[f + i], M_FREE);
					model[f + i] = i ? M_TAIL : M_HEAD;
				}
				model_order[f] = (uint8_t)k;
				live[nlive++] = (struct live_block){ f, k };
				used += 1ull << k;
				allocs++;
			}
		} else if (op < 15 && nlive) {
			unsigned i = (r >> 8) % nlive;
			struct live_block b = live[i];

			CHECK_EQ(frames_free(b.first, b.order), 0);
			for (uint64_t j = 0; j < (1ull << b.order); j++)
				model[b.first + j] = M_FREE;
			live[i] = live[--nlive];
			used -= 1ull << b.order;
			frees++;
		} else {
			/* A random free: refused unless it is a live block. */
			uint64_t f = (r >> 8) % (RND_FRAMES + 16);
			unsigned k = (r >> 24) % 20;
			bool valid = f < RND_FRAMES && model[f] == M_HEAD &&
				     model_order[f] == k;
			uint64_t before = frames_free_count();
			int ret = frames_free(f, k);

			CHECK_EQ(ret, valid ? 0 : -1);
			if (ret == 0) {
				for (uint64_t j = 0; j < (1ull << k); j++)
					model[f + j] = M_FREE;
				for (unsigned i = 0; i < nlive; i++) {
					if (live[i].first == f) {
						live[i] = live[--nlive];
						break;
					}
				}
				used -= 1ull << k;
				frees++;
			} else {
				CHECK_EQ(frames_free_count(), before);
				refused++;
			}
		}
		CHECK_EQ(frames_free_count(), managed - used);
		ok = rnd_check(managed);
		CHECK(ok);
		if (!ok)
			printf("  invariants broken at step %u\n", step);
	}
	/* The run must have exercised every path. */
	CHECK(allocs > 5000 && frees > 5000 && nones > 100 && refused > 500);

	while (nlive) {
		nlive--;
		CHECK_EQ(frames_free(live[nlive].first, live[nlive].order), 0);
		for (uint64_t j = 0; j < (1ull << live[nlive].order); j++)
			model[live[nlive].first + j] = M_FREE;
	}
	CHECK_EQ(frames_free_count(), managed);
	CHECK(rnd_check(managed));
	/* All merged back: the same blocks as right after frames_add_free. */
	for (uint64_t f = 0; f < RND_FRAMES; f++) {
		CHECK_EQ(frame_info(f)->state, initial[f].state);
		if (initial[f].state == FRAME_FREE_HEAD)
			CHECK_EQ(frame_info(f)->order, initial[f].order);
	}
}

TEST(frame_alloc_below)
{
	uint64_t a, b;

	fresh(64);
	frames_add_free(8, 64);
	/* The smallest blocks come first: [8, 16) is order 3, [16, 32) order 4, [32, 64) order 5. */
	CHECK_EQ(frames_alloc_below(0, 0), 8);
	/* Below 9: nothing left; below 10: frame 9, found in the lists. */
	CHECK_EQ(frames_alloc_below(0, 9), FRAME_NONE);
	CHECK_EQ(frames_alloc_below(0, 10), 9);
	/* A block must end below the limit: [12, 16) fits below 16, an order-3 block does not. */
	CHECK_EQ(frames_alloc_below(3, 16), FRAME_NONE);
	CHECK_EQ(frames_alloc_below(2, 16), 12);
	/* Larger blocks are split from their low end. */
	a = frames_alloc_below(1, 20);
	CHECK_EQ(a, 10);
	b = frames_alloc_below(1, 20);
	CHECK_EQ(b, 16);
	CHECK_EQ(state(18), FRAME_FREE_HEAD);
	CHECK_EQ(order_of(18), 1);
	CHECK_EQ(frames_alloc_below(FRAME_MAX_ORDER + 1, 0), FRAME_NONE);
	CHECK_EQ(frames_free_count(), 56 - 10);
	CHECK_EQ(frames_free(a, 1), 0);
	CHECK_EQ(frames_free(b, 1), 0);
	CHECK_EQ(frames_free(8, 0), 0);
	CHECK_EQ(frames_free(9, 0), 0);
	CHECK_EQ(frames_free(12, 2), 0);
	CHECK_EQ(check_free_blocks(8, 64), 3);
}

TEST(frame_split)
{
	uint64_t a;

	fresh(32);
	frames_add_free(0, 32);
	a = frames_alloc(3);
	CHECK_EQ(frames_split(a + 1, 3), -1);
	CHECK_EQ(frames_split(a, 2), -1);
	CHECK_EQ(frames_split(31, 0), -1);
	CHECK_EQ(frames_split(a, 3), 0);
	for (uint64_t i = 0; i < 8; i++) {
		CHECK_EQ(state(a + i), FRAME_ALLOCATED);
		CHECK_EQ(order_of(a + i), 0);
	}
	/* Now only single frames go back, and they merge again. */
	CHECK_EQ(frames_free(a, 3), -1);
	for (uint64_t i = 0; i < 8; i++)
		CHECK_EQ(frames_free(a + i, 0), 0);
	CHECK_EQ(frames_free_count(), 32);
	CHECK_EQ(check_free_blocks(0, 32), 1);
	/* Splitting an order-0 frame changes nothing. */
	a = frames_alloc(0);
	CHECK_EQ(frames_split(a, 0), 0);
	CHECK_EQ(frames_free(a, 0), 0);
}
