/*
 * Allocator self-test over all RAM: allocate every free frame, proving
 * each is distinct, writable and outside the image, the loader's data and
 * the modules; free them all; check that the free count and the largest
 * blocks come back.  Allocated frames are chained through their own first
 * words, so the test needs no memory of its own.
 */
#include "arch/mm.h"
#include "frame.h"
#include "printk.h"
#include "selftest.h"

#define CHAIN_END UINT64_MAX
#define STAMP 0x52696e6776697372ull /* "Ringvisr" */

struct frame_stamp {
	uint64_t next;
	uint64_t check;
};

static bool frame_is_protected(uint64_t frame)
{
	uint64_t pa = frame << PAGE_SHIFT;

	return pa < 0x100000 || (pa >= image_phys_start() && pa < image_phys_end());
}

/* Allocates every frame into a chain; returns the count, or 0 on error. */
static uint64_t allocate_all(uint64_t *head)
{
	uint64_t count = 0, frame;

	*head = CHAIN_END;
	while ((frame = frames_alloc(0)) != FRAME_NONE) {
		struct frame_stamp *s = phys_to_virt(frame << PAGE_SHIFT);

		if (frame_is_protected(frame)) {
			printk(LOG_ERR "selftest alloc: frame %#lx is reserved\n", frame);
			return 0;
		}
		*s = (struct frame_stamp){ *head, STAMP ^ frame };
		*head = frame;
		count++;
	}
	return count;
}

/* Checks every stamp (a frame handed out twice has a wrong one), frees. */
static uint64_t verify_and_free(uint64_t head)
{
	uint64_t count = 0;

	while (head != CHAIN_END) {
		struct frame_stamp *s = phys_to_virt(head << PAGE_SHIFT);
		uint64_t next = s->next;

		if (s->check != (STAMP ^ head) || frames_free(head, 0)) {
			printk(LOG_ERR "selftest alloc: frame %#lx corrupted or not freeable\n", head);
			return 0;
		}
		head = next;
		count++;
	}
	return count;
}

static bool orders_are_aligned(void)
{
	for (unsigned order = 0; order <= 10; order++) {
		uint64_t f = frames_alloc(order);

		if (f == FRAME_NONE || (f & ((1ull << order) - 1)) || frames_free(f, order) ||
		    !frames_free(f, order)) {
			printk(LOG_ERR "selftest alloc: order %u block %#lx misaligned, or double free accepted\n",
			       order, f);
			return false;
		}
	}
	return true;
}

bool selftest_alloc(void)
{
	uint64_t free_before = frames_free_count(), head, allocated, freed;

	allocated = allocate_all(&head);
	if (!allocated || allocated != free_before || frames_free_count() != 0) {
		printk(LOG_ERR "selftest alloc: allocated %lu of %lu free frames\n", allocated,
		       free_before);
		return false;
	}
	freed = verify_and_free(head);
	printk("selftest alloc: %lu frames allocated, checked and freed\n", freed);
	return freed == allocated && frames_free_count() == free_before && orders_are_aligned();
}
