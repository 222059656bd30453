/*
 * Tests for grant tables (hypervisor/common/grant/): every sub-op of
 * grant_table_op through the handler with Xen 4.17's return values and
 * per-op statuses, the table's growth to the limit and its frames (owned
 * by the domain, not releasable as memory, back to the allocator at
 * teardown), and running out of memory while growing.
 *
 * Each test starts from a fresh world: GT_FRAMES free frames (frame 0 is
 * never handed out), `d0` (domain 0, privileged) and `du` (domain 1).
 * finish() kills and reaps them and checks every frame came back.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "frame.h"
#include "grant_table.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/grant_table.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"

#define GT_FRAMES 80
#define SELF PV_DOMID_SELF
#define BAD_VA 0x1000ull
#define NO_DOMAIN 77

static struct frame gt_table[GT_FRAMES];
static uint64_t gt_memory[GT_FRAMES * 512];
static struct domain *d0, *du;
static uint64_t free_at_start;

/* Guest memory: the op at offset 0, the frame list at 0x100. */
#define OP_VA HOST_GUEST_BASE
#define LIST ((uint64_t *)(host_guest_memory + 0x100))
#define LIST_VA (HOST_GUEST_BASE + 0x100)

static struct domain *make(uint16_t domid, bool privileged)
{
	struct domain *d = domain_create(domid, privileged ? "gt0" : "gtu", privileged);

	if (!d || !vcpu_create(d, 0))
		abort();
	d->state = DOMAIN_RUNNING;
	return d;
}

static void start_with(uint64_t frames)
{
	memset(gt_table, 0, sizeof(gt_table));
	memset(gt_memory, 0, sizeof(gt_memory));
	frames_init(gt_table, frames);
	frames_add_free(1, frames);
	host_frame_memory_set(gt_memory, frames);
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	free_at_start = frames_free_count();
	d0 = make(0, true);
	du = make(1, false);
	host_current_domain = d0;
}

static void start(void)
{
	start_with(GT_FRAMES);
}

static void finish(void)
{
	for (struct domain *d = domain_first(); d; d = d->next)
		domain_shutdown(d, PV_SHUTDOWN_poweroff);
	domain_reap();
	CHECK_EQ(domain_count(), 0);
	CHECK_EQ(frames_free_count(), free_at_start);
	host_frame_memory_set(NULL, 0);
	host_current_domain = NULL;
}

static long op(unsigned int cmd, const void *arg, size_t size, unsigned int count)
{
	memcpy(host_guest_memory, arg, size);
	return do_grant_table_op(cmd, OP_VA, count);
}

/* The op as the handler left it in guest memory. */
#define RESULT(type) (*(type *)host_guest_memory)

static long query(pv_domid_t dom, unsigned int count)
{
	struct pv_gnttab_query_size q = { .dom = dom, .nr_frames = 0x1111,
					  .max_nr_frames = 0x2222, .status = 99 };

	return op(PV_GNTTABOP_query_size, &q, sizeof(q), count);
}

static long setup(pv_domid_t dom, uint32_t nr_frames, uint64_t list)
{
	struct pv_gnttab_setup_table s = { .dom = dom, .nr_frames = nr_frames,
					   .status = 99, .frame_list = list };

	return op(PV_GNTTABOP_setup_table, &s, sizeof(s), 1);
}

static int16_t setup_status(void)
{
	return RESULT(struct pv_gnttab_setup_table).status;
}

TEST(gnttab_query_size_of_a_new_table)
{
	start();
	CHECK_EQ(query(SELF, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_okay);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 1);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).max_nr_frames, 64);
	CHECK_EQ(frames_free_count(), free_at_start - 1);
	/* dom0 may look at another domain's table; it is made on the way. */
	CHECK_EQ(query(1, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_okay);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 1);
	CHECK(du->grant_table != NULL);
	finish();
}

TEST(gnttab_query_size_errors)
{
	start();
	CHECK_EQ(query(SELF, 0), -PV_EINVAL);
	CHECK_EQ(query(SELF, 2), -PV_EINVAL);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_query_size, BAD_VA, 1), -PV_EFAULT);
	/* Statuses: returned 0, the rest written back as it came. */
	CHECK_EQ(query(NO_DOMAIN, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_bad_domain);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 0x1111);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).max_nr_frames, 0x2222);
	host_current_domain = du;
	CHECK_EQ(query(0, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_permission_denied);
	CHECK(d0->grant_table == NULL);
	CHECK_EQ(query(1, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_okay);
	finish();
}

TEST(gnttab_setup_table_lists_the_frames_and_grows)
{
	uint64_t first[4];

	start();
	CHECK_EQ(setup(SELF, 4, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	CHECK_EQ(frames_free_count(), free_at_start - 4);
	for (unsigned int i = 0; i < 4; i++) {
		const struct frame *f = frame_info(LIST[i]);

		first[i] = LIST[i];
		CHECK(LIST[i] > 0 && LIST[i] < GT_FRAMES);
		CHECK_EQ(f->owner, 0);
		CHECK_EQ(f->state, FRAME_ALLOCATED);
		CHECK(grant_table_owns_frame(d0, LIST[i]));
		for (unsigned int j = 0; j < i; j++)
			CHECK(LIST[i] != LIST[j]);
	}
	CHECK_EQ(d0->nr_pages, 0); /* not counted as memory */
	CHECK_EQ(query(SELF, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 4);

	/* Fewer: the first frames again, the table keeps its size. */
	memset(LIST, 0, 4 * sizeof(uint64_t));
	CHECK_EQ(setup(SELF, 2, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	CHECK_EQ(LIST[0], first[0]);
	CHECK_EQ(LIST[1], first[1]);
	CHECK_EQ(LIST[2], 0);
	CHECK_EQ(query(SELF, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 4);

	/* Zero frames: nothing listed, and the frame list may be anything. */
	CHECK_EQ(setup(SELF, 0, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);

	/* Up to the limit, keeping the frames it had. */
	CHECK_EQ(setup(SELF, 64, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	for (unsigned int i = 0; i < 4; i++)
		CHECK_EQ(LIST[i], first[i]);
	CHECK_EQ(frames_free_count(), free_at_start - 64);
	finish();
}

TEST(gnttab_setup_table_errors)
{
	start();
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_setup_table, OP_VA, 0), -PV_EINVAL);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_setup_table, OP_VA, 2), -PV_EINVAL);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_setup_table, BAD_VA, 1), -PV_EFAULT);
	/* A frame list that cannot hold nr_frames entries, before anything else. */
	CHECK_EQ(setup(NO_DOMAIN, 1, BAD_VA), -PV_EFAULT);
	CHECK_EQ(setup_status(), 99);
	CHECK_EQ(setup(SELF, 2, HOST_GUEST_BASE + HOST_GUEST_SIZE - 8), -PV_EFAULT);
	CHECK(d0->grant_table == NULL);

	CHECK_EQ(setup(NO_DOMAIN, 1, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_bad_domain);
	CHECK_EQ(setup(SELF, 65, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_general_error);
	CHECK_EQ(frames_free_count(), free_at_start);
	host_current_domain = du;
	CHECK_EQ(setup(0, 1, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_permission_denied);
	CHECK_EQ(frames_free_count(), free_at_start);
	finish();
}

TEST(gnttab_setup_table_for_another_domain)
{
	start();
	CHECK_EQ(setup(1, 3, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	for (unsigned int i = 0; i < 3; i++) {
		CHECK_EQ(frame_info(LIST[i])->owner, 1);
		CHECK(grant_table_owns_frame(du, LIST[i]));
		CHECK(!grant_table_owns_frame(d0, LIST[i]));
	}
	CHECK(d0->grant_table == NULL);
	finish();
}

TEST(gnttab_setup_table_out_of_memory)
{
	/* 1 + 10 usable frames: a table of 12 cannot be had. */
	start_with(11);
	CHECK_EQ(setup(SELF, 4, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	CHECK_EQ(setup(SELF, 12, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_general_error);
	CHECK_EQ(frames_free_count(), free_at_start - 4);
	CHECK_EQ(query(SELF, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).nr_frames, 4);
	CHECK_EQ(setup(SELF, 10, LIST_VA), 0);
	CHECK_EQ(setup_status(), PV_GNTST_okay);
	CHECK_EQ(frames_free_count(), 0);
	/* No frame left for another domain's first one. */
	CHECK_EQ(query(1, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_query_size).status, PV_GNTST_general_error);
	CHECK(du->grant_table == NULL);
	finish();
}

/* Given back as memory (decrease_reservation), they are accepted and kept, as on Xen. */
TEST(gnttab_table_frames_stay_when_given_back)
{
	start();
	CHECK_EQ(setup(SELF, 2, LIST_VA), 0);
	CHECK_EQ(domain_release_frame(d0, LIST[0]), 0);
	CHECK_EQ(domain_release_frame(d0, LIST[1]), 0);
	CHECK_EQ(frame_info(LIST[0])->state, FRAME_ALLOCATED);
	CHECK_EQ(frame_info(LIST[1])->state, FRAME_ALLOCATED);
	CHECK_EQ(frame_owner(LIST[1]), d0->domid);
	finish();
}

static long get_version(pv_domid_t dom)
{
	struct pv_gnttab_get_version g = { .dom = dom, .pad = 0x5555, .version = 99 };

	return op(PV_GNTTABOP_get_version, &g, sizeof(g), 1);
}

TEST(gnttab_get_version)
{
	start();
	CHECK_EQ(get_version(SELF), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 1);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).pad, 0x5555);
	CHECK(d0->grant_table == NULL); /* a question makes no table */
	CHECK_EQ(get_version(1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 1);
	/* count is not looked at. */
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_get_version, OP_VA, 0), 0);
	CHECK_EQ(get_version(NO_DOMAIN), -PV_ESRCH);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 99);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_get_version, BAD_VA, 1), -PV_EFAULT);
	host_current_domain = du;
	CHECK_EQ(get_version(0), -PV_EPERM);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 99);
	CHECK_EQ(get_version(1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 1);
	finish();
}

static long set_version(uint32_t version)
{
	struct pv_gnttab_set_version s = { .version = version };

	return op(PV_GNTTABOP_set_version, &s, sizeof(s), 1);
}

TEST(gnttab_set_version)
{
	start();
	CHECK_EQ(set_version(1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_set_version).version, 1);
	/* Version 2 as Xen without it; the version in force is written back. */
	CHECK_EQ(set_version(2), -PV_ENOSYS);
	CHECK_EQ(RESULT(struct pv_gnttab_set_version).version, 1);
	CHECK_EQ(set_version(0), -PV_EINVAL);
	CHECK_EQ(RESULT(struct pv_gnttab_set_version).version, 1);
	CHECK_EQ(set_version(3), -PV_EINVAL);
	CHECK_EQ(RESULT(struct pv_gnttab_set_version).version, 1);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_set_version, BAD_VA, 1), -PV_EFAULT);
	CHECK_EQ(setup(SELF, 1, LIST_VA), 0);
	CHECK_EQ(set_version(1), 0);
	CHECK_EQ(get_version(SELF), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_version).version, 1);
	finish();
}

static long status_frames(pv_domid_t dom, uint32_t nr_frames, uint64_t list, unsigned int count)
{
	struct pv_gnttab_get_status_frames g = { .nr_frames = nr_frames, .dom = dom,
						 .status = 99, .frame_list = list };

	return op(PV_GNTTABOP_get_status_frames, &g, sizeof(g), count);
}

TEST(gnttab_get_status_frames_of_a_version_1_table)
{
	start();
	CHECK_EQ(status_frames(SELF, 0, LIST_VA, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_status_frames).status, PV_GNTST_okay);
	CHECK_EQ(status_frames(SELF, 1, LIST_VA, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_status_frames).status, PV_GNTST_general_error);
	CHECK_EQ(status_frames(NO_DOMAIN, 1, LIST_VA, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_status_frames).status, PV_GNTST_bad_domain);
	CHECK_EQ(status_frames(SELF, 1, LIST_VA, 2), -PV_EINVAL);
	CHECK_EQ(status_frames(SELF, 1, BAD_VA, 1), -PV_EFAULT);
	CHECK_EQ(RESULT(struct pv_gnttab_get_status_frames).status, 99);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_get_status_frames, BAD_VA, 1), -PV_EFAULT);
	host_current_domain = du;
	CHECK_EQ(status_frames(0, 1, LIST_VA, 1), 0);
	CHECK_EQ(RESULT(struct pv_gnttab_get_status_frames).status,
		 PV_GNTST_permission_denied);
	finish();
}

TEST(gnttab_hypercall_envelope)
{
	start();
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_query_size, OP_VA, 0x80000000u), -PV_EINVAL);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_query_size | 1u << 12, OP_VA, 1), -PV_EINVAL);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_get_version | 1u << 31, OP_VA, 1), -PV_EINVAL);
	/* Only cache_flush carries continuation bits (and is not implemented). */
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_cache_flush | 1u << 12, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_map_grant_ref, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_unmap_grant_ref, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_dump_table, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_transfer, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_copy, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_unmap_and_replace, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(PV_GNTTABOP_swap_grant_ref, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(13, OP_VA, 1), -PV_ENOSYS);
	CHECK_EQ(do_grant_table_op(0xfff, OP_VA, 1), -PV_ENOSYS);
	finish();
}
