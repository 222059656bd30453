/*
 * Tests for the physical range sets (hypervisor/common/memory/memranges.c).
 *
 * Fixed cases cover every way an added range can meet the set (overlap,
 * touch, containment, disjoint in any order), every shape of removal, a
 * full set, and memranges_find's alignment and limit rules; a randomised
 * test then compares add/remove/find with a bitmap over a small address
 * space, once near zero and once just below 2^64.
 */
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"
#include "memranges.h"

static struct memranges set;

static void set_reset(void)
{
	memset(&set, 0xa5, sizeof(set));
	set.count = 0;
}

/* Checks that the set is exactly the @n ranges in @want (start, end pairs). */
static void check_set(const uint64_t *want, unsigned n, int line)
{
	if (set.count != n) {
		printf("  line %d: %u ranges, want %u\n", line, set.count, n);
		CHECK_EQ(set.count, n);
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		if (set.r[i].start != want[2 * i] || set.r[i].end != want[2 * i + 1])
			printf("  line %d: range %u is [%#llx, %#llx)\n", line, i,
			       (unsigned long long)set.r[i].start,
			       (unsigned long long)set.r[i].end);
		CHECK_EQ(set.r[i].start, want[2 * i]);
		CHECK_EQ(set.r[i].end, want[2 * i + 1]);
	}
}

#define EXPECT(...)                                                    \
	do {                                                           \
		const uint64_t want_[] = { __VA_ARGS__ };              \
		check_set(want_, ARRAY_SIZE(want_) / 2, __LINE__);     \
	} while (0)
#define EXPECT_EMPTY() CHECK_EQ(set.count, 0)

/* Sorted, non-empty, and neither overlapping nor touching. */
static bool set_canonical(void)
{
	if (set.count > MEMRANGES_MAX)
		return false;
	for (unsigned i = 0; i < set.count; i++) {
		if (set.r[i].start >= set.r[i].end)
			return false;
		if (i && set.r[i - 1].end >= set.r[i].start)
			return false;
	}
	return true;
}

TEST(memranges_add_disjoint)
{
	set_reset();
	CHECK_EQ(memranges_add(&set, 100, 200), 0);
	CHECK_EQ(memranges_add(&set, 0, 50), 0);
	CHECK_EQ(memranges_add(&set, 300, 400), 0);
	CHECK_EQ(memranges_add(&set, 60, 70), 0);
	CHECK_EQ(memranges_add(&set, 1ull << 40, UINT64_MAX), 0);
	EXPECT(0, 50, 60, 70, 100, 200, 300, 400, 1ull << 40, UINT64_MAX);
	CHECK_EQ(memranges_total(&set), 50 + 10 + 100 + 100 + (UINT64_MAX - (1ull << 40)));

	/* Empty and inverted ranges change nothing. */
	CHECK_EQ(memranges_add(&set, 55, 55), 0);
	CHECK_EQ(memranges_add(&set, 58, 52), 0);
	EXPECT(0, 50, 60, 70, 100, 200, 300, 400, 1ull << 40, UINT64_MAX);
}

TEST(memranges_add_merge)
{
	set_reset();
	memranges_add(&set, 100, 200);
	memranges_add(&set, 0, 50);
	memranges_add(&set, 300, 400);
	memranges_add(&set, 60, 70);

	/* Touching on both sides joins three ranges. */
	CHECK_EQ(memranges_add(&set, 50, 60), 0);
	EXPECT(0, 70, 100, 200, 300, 400);
	/* Touching one side only. */
	CHECK_EQ(memranges_add(&set, 400, 410), 0);
	CHECK_EQ(memranges_add(&set, 90, 100), 0);
	EXPECT(0, 70, 90, 200, 300, 410);
	/* Overlapping one end. */
	CHECK_EQ(memranges_add(&set, 190, 250), 0);
	CHECK_EQ(memranges_add(&set, 280, 310), 0);
	EXPECT(0, 70, 90, 250, 280, 410);
	/* Contained, and identical. */
	CHECK_EQ(memranges_add(&set, 100, 120), 0);
	CHECK_EQ(memranges_add(&set, 280, 410), 0);
	EXPECT(0, 70, 90, 250, 280, 410);
	/* Containing, overlapping several ranges at once. */
	CHECK_EQ(memranges_add(&set, 80, 300), 0);
	EXPECT(0, 70, 80, 410);
	CHECK_EQ(memranges_add(&set, 5, 1000), 0);
	EXPECT(0, 1000);
	CHECK_EQ(memranges_total(&set), 1000);

	/* Overlapping ones added in reverse order. */
	set_reset();
	for (uint64_t i = 10; i-- > 0;)
		CHECK_EQ(memranges_add(&set, i * 10, i * 10 + 15), 0);
	EXPECT(0, 105);
	/* Touching ones added alternately from both ends. */
	set_reset();
	for (uint64_t i = 0; i < 5; i++) {
		CHECK_EQ(memranges_add(&set, i * 10, i * 10 + 10), 0);
		CHECK_EQ(memranges_add(&set, 90 - i * 10, 100 - i * 10), 0);
	}
	EXPECT(0, 100);
}

TEST(memranges_remove)
{
	set_reset();
	memranges_add(&set, 0, 1000);

	/* Split in the middle. */
	CHECK_EQ(memranges_remove(&set, 100, 200), 0);
	EXPECT(0, 100, 200, 1000);
	/* Trim either edge, also with a range reaching past it. */
	CHECK_EQ(memranges_remove(&set, 0, 10), 0);
	CHECK_EQ(memranges_remove(&set, 900, 1000), 0);
	EXPECT(10, 100, 200, 900);
	CHECK_EQ(memranges_remove(&set, 850, 5000), 0);
	CHECK_EQ(memranges_remove(&set, 0, 20), 0);
	EXPECT(20, 100, 200, 850);
	/* Nothing to remove: in a gap, empty, inverted. */
	CHECK_EQ(memranges_remove(&set, 100, 200), 0);
	CHECK_EQ(memranges_remove(&set, 300, 300), 0);
	CHECK_EQ(memranges_remove(&set, 400, 300), 0);
	CHECK_EQ(memranges_remove(&set, 5000, UINT64_MAX), 0);
	EXPECT(20, 100, 200, 850);
	/* Remove a whole range, exactly and from a wider one. */
	CHECK_EQ(memranges_remove(&set, 20, 100), 0);
	EXPECT(200, 850);
	CHECK_EQ(memranges_remove(&set, 0, UINT64_MAX), 0);
	EXPECT_EMPTY();
	CHECK_EQ(memranges_total(&set), 0);

	/* One removal spanning several ranges, trimming both outer ones. */
	set_reset();
	for (uint64_t i = 0; i < 6; i++)
		memranges_add(&set, i * 20, i * 20 + 10);
	CHECK_EQ(memranges_remove(&set, 25, 65), 0);
	EXPECT(0, 10, 20, 25, 65, 70, 80, 90, 100, 110);
	CHECK_EQ(memranges_remove(&set, 5, 85), 0);
	EXPECT(0, 5, 85, 90, 100, 110);
	/* Spanning several, removing the first and last whole. */
	CHECK_EQ(memranges_remove(&set, 0, 110), 0);
	EXPECT_EMPTY();

	/* Removal from an empty set. */
	CHECK_EQ(memranges_remove(&set, 0, 10), 0);
	EXPECT_EMPTY();
}

TEST(memranges_full)
{
	set_reset();
	for (uint64_t i = 0; i < MEMRANGES_MAX; i++)
		CHECK_EQ(memranges_add(&set, i * 10, i * 10 + 5), 0);
	CHECK_EQ(set.count, MEMRANGES_MAX);
	CHECK_EQ(memranges_total(&set), 5 * MEMRANGES_MAX);

	/* A new disjoint range does not fit; nothing changes. */
	CHECK_EQ(memranges_add(&set, 100000, 100005), -1);
	CHECK_EQ(memranges_add(&set, 7, 8), -1);
	CHECK_EQ(set.count, MEMRANGES_MAX);
	CHECK(set_canonical());
	CHECK_EQ(memranges_total(&set), 5 * MEMRANGES_MAX);
	CHECK_EQ(set.r[MEMRANGES_MAX - 1].start, (MEMRANGES_MAX - 1) * 10);

	/* Ranges that merge, or changes that need no new slot, still work. */
	CHECK_EQ(memranges_add(&set, 2, 4), 0);
	CHECK_EQ(memranges_add(&set, 5, 7), 0);
	CHECK_EQ(memranges_add(&set, (MEMRANGES_MAX - 1) * 10 + 5, 1ull << 20), 0);
	CHECK_EQ(memranges_remove(&set, 20, 25), 0);
	CHECK_EQ(memranges_remove(&set, 30, 32), 0);
	CHECK_EQ(set.count, MEMRANGES_MAX - 1);
	CHECK_EQ(set.r[0].start, 0);
	CHECK_EQ(set.r[0].end, 7);
	CHECK_EQ(set.r[1].start, 10);
	CHECK_EQ(set.r[2].start, 32);

	/* Refill, then a split has nowhere to go. */
	CHECK_EQ(memranges_add(&set, 20, 25), 0);
	CHECK_EQ(set.count, MEMRANGES_MAX);
	CHECK_EQ(memranges_remove(&set, 11, 12), -1);
	CHECK(set_canonical());
	CHECK_EQ(set.count, MEMRANGES_MAX);
	/* A failed split leaves the set exactly as it was. */
	CHECK_EQ(set.r[0].start, 0);
	CHECK_EQ(set.r[0].end, 7);
	CHECK_EQ(set.r[1].start, 10);
	CHECK_EQ(set.r[1].end, 15);
	CHECK_EQ(set.r[2].start, 20);
}

TEST(memranges_total)
{
	set_reset();
	CHECK_EQ(memranges_total(&set), 0);
	memranges_add(&set, 0x1000, 0x3000);
	memranges_add(&set, 0x100000, 0x180000);
	CHECK_EQ(memranges_total(&set), 0x2000 + 0x80000);
	memranges_remove(&set, 0x2000, 0x120000);
	CHECK_EQ(memranges_total(&set), 0x1000 + 0x60000);
	memranges_add(&set, 0, UINT64_MAX);
	CHECK_EQ(memranges_total(&set), UINT64_MAX);
}

TEST(memranges_find)
{
	set_reset();
	memranges_add(&set, 0x1000, 0x3000);
	memranges_add(&set, 0x10000, 0x20000);
	memranges_add(&set, 0x100800, 0x101000);

	/* Lowest first. */
	CHECK_EQ(memranges_find(&set, 0x1000, 0x1000, UINT64_MAX), 0x1000);
	CHECK_EQ(memranges_find(&set, 1, 1, UINT64_MAX), 0x1000);
	CHECK_EQ(memranges_find(&set, 0x2000, 0x1000, UINT64_MAX), 0x1000);
	CHECK_EQ(memranges_find(&set, 0x2001, 1, UINT64_MAX), 0x10000);
	CHECK_EQ(memranges_find(&set, 0x10000, 0x10000, UINT64_MAX), 0x10000);
	CHECK_EQ(memranges_find(&set, 0x10001, 1, UINT64_MAX), UINT64_MAX);
	/* Alignment moves the start, or skips a range. */
	CHECK_EQ(memranges_find(&set, 0x1000, 0x2000, UINT64_MAX), 0x2000);
	CHECK_EQ(memranges_find(&set, 0x1001, 0x2000, UINT64_MAX), 0x10000);
	CHECK_EQ(memranges_find(&set, 0x1000, 0x4000, UINT64_MAX), 0x10000);
	CHECK_EQ(memranges_find(&set, 0x100, 0x100000, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x800, 0x800, UINT64_MAX), 0x1000);
	CHECK_EQ(memranges_find(&set, 0x800, 0x100000, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x800, 0x800, UINT64_MAX), 0x1000);
	memranges_remove(&set, 0, 0x20000);
	CHECK_EQ(memranges_find(&set, 0x800, 0x800, UINT64_MAX), 0x100800);
	CHECK_EQ(memranges_find(&set, 0x800, 0x1000, UINT64_MAX), UINT64_MAX);
	memranges_add(&set, 0x1000, 0x3000);
	memranges_add(&set, 0x10000, 0x20000);

	/* The limit bounds the end of the block. */
	CHECK_EQ(memranges_find(&set, 0x1000, 0x1000, 0x2000), 0x1000);
	CHECK_EQ(memranges_find(&set, 0x1000, 0x1000, 0x1fff), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x2000, 0x1000, 0x3000), 0x1000);
	CHECK_EQ(memranges_find(&set, 0x3000, 0x1000, 0x13000), 0x10000);
	CHECK_EQ(memranges_find(&set, 0x3000, 0x1000, 0x12fff), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x800, 0x1000, 0x1000), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 1, 1, 0), UINT64_MAX);

	/* Near the top: alignment must not wrap around to a low address. */
	set_reset();
	memranges_add(&set, UINT64_MAX - 0x1000, UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x10, 0x100000, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x10, 1ull << 63, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x10, 0x1000, UINT64_MAX), UINT64_MAX - 0xfff);
	CHECK_EQ(memranges_find(&set, 0xfff, 0x1000, UINT64_MAX), UINT64_MAX - 0xfff);
	CHECK_EQ(memranges_find(&set, 0x1000, 0x1000, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x1000, 1, UINT64_MAX), UINT64_MAX - 0x1000);
	CHECK_EQ(memranges_find(&set, 0x1001, 1, UINT64_MAX), UINT64_MAX);
	memranges_add(&set, 3, 0x10);
	CHECK_EQ(memranges_find(&set, 0x10, 1ull << 63, UINT64_MAX), UINT64_MAX);
	CHECK_EQ(memranges_find(&set, 0x8, 0x8, UINT64_MAX), 0x8);
	memranges_add(&set, 1, 1ull << 62);
	CHECK_EQ(memranges_find(&set, 0x10, 1ull << 63, UINT64_MAX), UINT64_MAX);
	memranges_add(&set, 1, (1ull << 63) + 0x10);
	CHECK_EQ(memranges_find(&set, 0x10, 1ull << 63, UINT64_MAX), 1ull << 63);
	CHECK_EQ(memranges_find(&set, 0x11, 1ull << 63, UINT64_MAX), UINT64_MAX);

	/* An empty set finds nothing. */
	set_reset();
	CHECK_EQ(memranges_find(&set, 1, 1, UINT64_MAX), UINT64_MAX);
}

/* Randomised against a bitmap of RND_SPACE addresses from a base. */

#define RND_SPACE 400

static uint64_t mr_rnd_state;

static uint64_t mr_rnd(void)
{
	return xorshift64(&mr_rnd_state);
}

static bool model_matches(const bool *bits, uint64_t base)
{
	unsigned i = 0;

	if (!set_canonical())
		return false;
	for (unsigned a = 0; a < RND_SPACE;) {
		unsigned b = a;

		if (!bits[a]) {
			a++;
			continue;
		}
		while (b < RND_SPACE && bits[b])
			b++;
		if (i >= set.count || set.r[i].start != base + a ||
		    set.r[i].end != base + b)
			return false;
		i++;
		a = b;
	}
	return i == set.count;
}

/* The lowest aligned block of @size set bits ending at or below @limit. */
static uint64_t model_find(const bool *bits, uint64_t base, uint64_t size,
			   uint64_t align, uint64_t limit)
{
	for (uint64_t a = 0; a + size <= RND_SPACE; a++) {
		uint64_t i;

		if ((base + a) % align || base + a + size > limit)
			continue;
		for (i = 0; i < size && bits[a + i]; i++)
			;
		if (i == size)
			return base + a;
	}
	return UINT64_MAX;
}

static void random_run(uint64_t base, uint64_t seed)
{
	static bool bits[RND_SPACE];
	unsigned finds = 0, found = 0;

	mr_rnd_state = seed;
	set_reset();
	memset(bits, 0, sizeof(bits));
	for (unsigned step = 0; step < 20000; step++) {
		uint64_t r = mr_rnd();
		uint64_t a = (r >> 8) % (RND_SPACE + 1);
		uint64_t len = (r >> 20) % 8 ? (r >> 24) % 12 : (r >> 24) % RND_SPACE;
		uint64_t b = MIN(a + len, RND_SPACE);
		bool add = (r >> 40) % 2;

		if ((r >> 42) % 16 == 0) {
			/* Occasionally an inverted range: a no-op. */
			uint64_t t = a;

			a = b;
			b = t;
		}
		if (add)
			CHECK_EQ(memranges_add(&set, base + a, base + b), 0);
		else
			CHECK_EQ(memranges_remove(&set, base + a, base + b), 0);
		for (uint64_t i = a; i < b; i++)
			bits[i] = add;
		if (!model_matches(bits, base)) {
			CHECK(!"set differs from the bitmap");
			printf("  at step %u (%s [%llu, %llu))\n", step,
			       add ? "add" : "remove", (unsigned long long)a,
			       (unsigned long long)b);
			return;
		}

		uint64_t total = 0;

		for (unsigned i = 0; i < RND_SPACE; i++)
			total += bits[i];
		CHECK_EQ(memranges_total(&set), total);

		for (unsigned j = 0; j < 2; j++) {
			uint64_t q = mr_rnd();
			uint64_t size = 1 + (q % 4 ? (q >> 8) % 8 : (q >> 8) % 64);
			uint64_t align = 1ull << ((q >> 16) % 7);
			uint64_t limit = (q >> 24) % 4 ? UINT64_MAX :
				base + (q >> 32) % (RND_SPACE + 1);
			uint64_t want = model_find(bits, base, size, align, limit);

			CHECK_EQ(memranges_find(&set, size, align, limit), want);
			finds++;
			found += want != UINT64_MAX;
		}
	}
	/* Both outcomes of find must have been exercised. */
	CHECK(found > finds / 10 && found < finds - finds / 10);
}

TEST(memranges_random)
{
	random_run(0, 0x2545f4914f6cdd1dull);
	random_run(0x10000000, 0x9e3779b97f4a7c15ull);
	/* Just below 2^64 (and not aligned), where alignment can overflow. */
	random_run(UINT64_MAX - 512, 0xdeadbeefcafef00dull);
}
