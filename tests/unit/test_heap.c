/*
 * Tests for the hypervisor heap (hypervisor/common/memory/heap.c).
 *
 * Pages come from aligned_alloc (tests/unit/host_shim.c), so
 * AddressSanitizer catches an object that runs past its page run; objects
 * that share a page are checked for overlap by filling every live object
 * with its own pattern and by comparing their address ranges.  Freeing
 * every object also re-checks each header, which a stray write would have
 * broken (a bad header panics, which aborts the tests).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "heap.h"

#define MANY 5001 /* sizes 0 .. 5000 */

struct obj {
	unsigned char *p;
	size_t size;
};

static unsigned char pattern(size_t id, size_t off)
{
	return (unsigned char)(id * 37 + off * 11 + (id >> 8) + 1);
}

static void fill(struct obj *o, size_t id)
{
	for (size_t i = 0; i < o->size; i++)
		o->p[i] = pattern(id, i);
}

static bool intact(const struct obj *o, size_t id)
{
	for (size_t i = 0; i < o->size; i++) {
		if (o->p[i] != pattern(id, i))
			return false;
	}
	return true;
}

static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct obj *)a)->p;
	uintptr_t y = (uintptr_t)((const struct obj *)b)->p;

	return x < y ? -1 : x > y;
}

/* Checks that no two of the @n objects overlap (a 0-byte one takes 1). */
static bool disjoint(struct obj *objs, size_t n)
{
	qsort(objs, n, sizeof(*objs), by_address);
	for (size_t i = 1; i < n; i++) {
		uintptr_t prev_end = (uintptr_t)objs[i - 1].p + MAX(objs[i - 1].size, 1);

		if (prev_end > (uintptr_t)objs[i].p)
			return false;
	}
	return true;
}

TEST(heap_all_sizes)
{
	static struct obj objs[MANY], sorted[MANY];
	size_t bad_align = 0, broken = 0;

	for (size_t s = 0; s < MANY; s++) {
		objs[s].size = s;
		objs[s].p = xmalloc(s);
		CHECK(objs[s].p != NULL);
		if (!objs[s].p)
			return;
		bad_align += (uintptr_t)objs[s].p % 16 != 0;
		fill(&objs[s], s);
	}
	CHECK_EQ(bad_align, 0);
	for (size_t s = 0; s < MANY; s++)
		broken += !intact(&objs[s], s);
	CHECK_EQ(broken, 0);
	memcpy(sorted, objs, sizeof(sorted));
	CHECK(disjoint(sorted, MANY));

	/* Free every other one, allocate again, and recheck everything. */
	for (size_t s = 0; s < MANY; s += 2)
		xfree(objs[s].p);
	for (size_t s = 0; s < MANY; s += 2) {
		objs[s].p = xmalloc(s);
		CHECK(objs[s].p != NULL);
		if (!objs[s].p)
			return;
		bad_align += (uintptr_t)objs[s].p % 16 != 0;
		fill(&objs[s], s + MANY);
	}
	CHECK_EQ(bad_align, 0);
	for (size_t s = 0; s < MANY; s++)
		broken += !intact(&objs[s], s % 2 ? s : s + MANY);
	CHECK_EQ(broken, 0);
	memcpy(sorted, objs, sizeof(sorted));
	CHECK(disjoint(sorted, MANY));
	for (size_t s = 0; s < MANY; s++)
		xfree(objs[s].p);
}

/* Many live objects of one small class: a class spans several pages. */
TEST(heap_many_small)
{
	static struct obj objs[3000], sorted[3000];
	size_t broken = 0;

	for (size_t i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i].size = 1 + i % 48;
		objs[i].p = xmalloc(objs[i].size);
		CHECK(objs[i].p != NULL);
		if (!objs[i].p)
			return;
		CHECK_EQ((uintptr_t)objs[i].p % 16, 0);
		fill(&objs[i], i);
	}
	for (size_t i = 0; i < ARRAY_SIZE(objs); i++)
		broken += !intact(&objs[i], i);
	CHECK_EQ(broken, 0);
	memcpy(sorted, objs, sizeof(sorted));
	CHECK(disjoint(sorted, ARRAY_SIZE(sorted)));
	for (size_t i = 0; i < ARRAY_SIZE(objs); i++)
		xfree(objs[i].p);
}

TEST(heap_big)
{
	static const size_t sizes[] = {
		2048, 2049, 4080, 4081, 8192, 65536, 1 << 20, (1 << 20) + 1,
		(4 << 20) - 16, (4 << 20) - 15,
	};
	struct obj objs[ARRAY_SIZE(sizes)], sorted[ARRAY_SIZE(sizes)];

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		objs[i].size = sizes[i];
		objs[i].p = xmalloc(sizes[i]);
		CHECK(objs[i].p != NULL);
		if (!objs[i].p)
			return;
		CHECK_EQ((uintptr_t)objs[i].p % 16, 0);
		fill(&objs[i], i);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		CHECK(intact(&objs[i], i));
	memcpy(sorted, objs, sizeof(sorted));
	CHECK(disjoint(sorted, ARRAY_SIZE(sizes)));
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		xfree(objs[i].p);
}

TEST(heap_zalloc)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 2032, 2048, 2049, 5000, 1 << 20 };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i], nonzero = 0;
		unsigned char *p = xmalloc(n), *q;

		/* Dirty the slot, so that its reuse must be cleared. */
		CHECK(p != NULL);
		if (!p)
			return;
		memset(p, 0xff, n);
		xfree(p);
		q = xzalloc(n);
		CHECK(q != NULL);
		if (!q)
			return;
		if (n <= HEAP_SMALL_MAX)
			CHECK(q == p);
		for (size_t j = 0; j < n; j++)
			nonzero += q[j] != 0;
		CHECK_EQ(nonzero, 0);
		CHECK_EQ((uintptr_t)q % 16, 0);
		xfree(q);
	}
}

TEST(heap_free_null)
{
	void *p = xmalloc(24);

	xfree(NULL);
	xfree(p);
	xfree(NULL);
	/* The heap still works, and the slot freed above comes back. */
	CHECK(xmalloc(24) == p);
	xfree(p);
}

TEST(heap_reuse)
{
	void *p, *q, *r;

	/* Sizes 97..112 share the 128-byte class (16-byte header). */
	p = xmalloc(100);
	xfree(p);
	q = xmalloc(112);
	CHECK(q == p);
	/* 113 bytes need the next class: a different slot. */
	r = xmalloc(113);
	CHECK(r != NULL && r != q);
	xfree(q);
	xfree(r);
	CHECK(xmalloc(113) == r);
	CHECK(xmalloc(97) == q);
	xfree(q);
	xfree(r);

	/* The free list is last in, first out. */
	p = xmalloc(40);
	q = xmalloc(40);
	CHECK(p != q);
	xfree(p);
	xfree(q);
	CHECK(xmalloc(40) == q);
	CHECK(xmalloc(40) == p);
	xfree(p);
	xfree(q);

	/* Page runs go back to the page allocator and can be had again. */
	for (unsigned i = 0; i < 64; i++) {
		p = xmalloc(1 << 20);
		CHECK(p != NULL);
		if (!p)
			return;
		memset(p, (int)i, 1 << 20);
		xfree(p);
	}
}

TEST(heap_huge_fails)
{
	CHECK(xmalloc(SIZE_MAX) == NULL);
	CHECK(xmalloc(SIZE_MAX - 15) == NULL);
	CHECK(xmalloc(SIZE_MAX - 16) == NULL);
	CHECK(xmalloc((SIZE_MAX >> 1) + 1) == NULL);
	CHECK(xzalloc(SIZE_MAX) == NULL);
	CHECK(xzalloc((SIZE_MAX >> 1) + 1) == NULL);
	/* A failure leaves the heap usable. */
	void *p = xmalloc(64);

	CHECK(p != NULL);
	xfree(p);
}
