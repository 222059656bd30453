/*
 * The frame table and the physical frame allocator.
 *
 * Every machine frame below the top of RAM has a `struct frame` in the
 * frame table.  Free frames form naturally aligned power-of-two blocks
 * (a buddy allocator): the first frame of a free block is its head and
 * carries the block's order; blocks of one order are on a doubly linked
 * list threaded through the table by frame number.  Frames that were never
 * given to the allocator (reserved ranges, the hypervisor image, the boot
 * loader's data and modules, holes) are never handed out.
 *
 * Allocated frames also carry the accounting of PV direct paging (see
 * page_type.h): the owning domain, a general reference count and a type
 * with its own count.
 */
#ifndef FRAME_H
#define FRAME_H

#include <stdbool.h>
#include <stdint.h>

#define FRAME_MAX_ORDER 18 /* 1 GiB blocks */
#define FRAME_NONE UINT64_MAX

enum frame_state {
	FRAME_RESERVED = 0, /* not managed by the allocator */
	FRAME_FREE_HEAD,    /* first frame of a free block */
	FRAME_FREE_TAIL,    /* another frame of a free block */
	FRAME_ALLOCATED,    /* first frame of an allocated block */
	FRAME_ALLOCATED_TAIL,
};

/* What a frame is used as by a PV guest; L1..L4 equal the table level. */
enum pv_page_type {
	PV_TYPE_NONE = 0,
	PV_TYPE_L1 = 1,
	PV_TYPE_L2 = 2,
	PV_TYPE_L3 = 3,
	PV_TYPE_L4 = 4,
	PV_TYPE_SEG_DESC = 5, /* GDT or LDT page */
	PV_TYPE_WRITABLE = 6, /* mapped writable somewhere */
};

/* struct frame type_flags */
#define PV_TYPE_VALIDATED 0x01 /* contents checked for the current type */
#define PV_TYPE_PINNED 0x02    /* MMUEXT_PIN_Ln holds one type reference */
/* Given back by its domain while referenced: freed when its last reference goes. */
#define FRAME_GIVEN_BACK 0x04

struct frame {
	union {
		/* A free block's head: free list links (frame numbers, low 32 bits). */
		struct {
			uint32_t next, prev;
		};
		/*
		 * A frame of a domain's memory: the pfn at which the domain's
		 * p2m records it, or P2M_INVALID (domain.h).
		 */
		uint64_t p2m_pfn;
	};
	uint8_t state;       /* enum frame_state */
	uint8_t order;       /* order of the block this frame heads */
	uint16_t owner;      /* domain id of an allocated frame, or FRAME_OWNER_NONE */
	uint32_t refcount;   /* general references (mappings, pins, table entries) */
	uint32_t type_count; /* references to the frame as its current type */
	uint8_t type;        /* enum pv_page_type; changes only at type_count 0 */
	uint8_t type_flags;  /* PV_TYPE_VALIDATED, PV_TYPE_PINNED, FRAME_GIVEN_BACK */
	/*
	 * Linear page tables (a table entry naming a table of its own level):
	 * > 0 counts such entries in this table, < 0 counts such entries
	 * elsewhere naming this table.  A table is never both (page_type.h).
	 */
	int16_t linear_count;
};
_Static_assert(sizeof(struct frame) == 24, "frame table entry size");

/*
 * Starts the allocator with @table describing @count frames, all reserved.
 * The table memory must stay valid for the hypervisor's lifetime.
 */
void frames_init(struct frame *table, uint64_t count);

/* Hands the frames [start, end) to the allocator as free memory. */
void frames_add_free(uint64_t start, uint64_t end);

/* Allocates 2^order contiguous, aligned frames; FRAME_NONE if none. */
uint64_t frames_alloc(unsigned order);

/* The same, from frames below @limit only (a frame number; 0: no limit). */
uint64_t frames_alloc_below(unsigned order, uint64_t limit);

/*
 * Makes the allocated block [first, first + 2^order) into 2^order
 * allocated single frames, each then returned with frames_free(f, 0).
 * -1 (and nothing changes) if it is not such a block.
 */
int frames_split(uint64_t first, unsigned order);

/*
 * Returns a block from frames_alloc(); -1 (and nothing changes) if
 * [first, first + 2^order) is not exactly such an allocated block head.
 */
int frames_free(uint64_t first, unsigned order);

uint64_t frames_free_count(void);
uint64_t frames_total_count(void);

/* Frames in the table (one past the highest frame number). */
uint64_t frames_table_size(void);

const struct frame *frame_info(uint64_t frame);

/* The same entry for the page-type code to update; NULL beyond the table. */
struct frame *frame_get(uint64_t frame);

#define FRAME_OWNER_NONE 0xffff

/* Records which domain an allocated frame belongs to (reset on free). */
void frame_set_owner(uint64_t frame, uint16_t owner);
uint16_t frame_owner(uint64_t frame);

/* Zeroes a frame's contents (arch: through the direct map). */
void arch_clear_frame(uint64_t frame);

#endif
