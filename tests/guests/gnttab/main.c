/*
 * gnttab: the grant table from inside a PV guest, as dom0 and as a domU.
 *
 * Asks the version (1) and tries to change it (1 accepted, 2 refused as
 * by Xen without version 2), queries the size of the table it starts with
 * (1 frame of 64), has it grown to 4 frames by setup_table, maps those
 * frames twice with update_va_mapping, writes a grant entry through one
 * mapping and reads it through the other (so the listed frames are real
 * and writable), and checks the bad inputs: counts, bad pointers (-EFAULT
 * for the call, GNTST_bad_virt_addr for an unmapped frame list), too many
 * frames, a domain that does not exist, unknown and not implemented
 * sub-ops, and that a table frame cannot be given back as memory.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/grant_table.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"

#define SELF PV_DOMID_SELF
#define NO_DOMAIN 0x7000
#define FRAMES 4
#define PAGE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define UNMAPPED 0x100000000000ul
#define HYPERVISOR_VA 0xffff830000000000ul
#define ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(struct pv_grant_entry_v1))

/* Where the table is mapped, twice over. */
static uint8_t table[FRAMES][PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t alias[PAGE_SIZE] __attribute__((aligned(4096)));

static long gnttab(unsigned int cmd, void *arg, unsigned int count)
{
	return HYPERCALL3(grant_table_op, cmd, arg, count);
}

static long setup(pv_domid_t dom, uint32_t nr_frames, uint64_t list, int16_t *status)
{
	struct pv_gnttab_setup_table s = { .dom = dom, .nr_frames = nr_frames, .status = 99,
					   .frame_list = list };
	long rc = gnttab(PV_GNTTABOP_setup_table, &s, 1);

	*status = s.status;
	return rc;
}

static void check_version(void)
{
	struct pv_gnttab_get_version g = { .dom = SELF, .version = 99 };
	struct pv_gnttab_set_version s = { .version = 1 };

	CHECK_EQ(gnttab(PV_GNTTABOP_get_version, &g, 1), 0);
	CHECK_EQ(g.version, 1);
	CHECK_EQ(gnttab(PV_GNTTABOP_set_version, &s, 1), 0);
	CHECK_EQ(s.version, 1);
	s.version = 2;
	CHECK_EQ(gnttab(PV_GNTTABOP_set_version, &s, 1), -PV_ENOSYS);
	CHECK_EQ(s.version, 1);
	s.version = 3;
	CHECK_EQ(gnttab(PV_GNTTABOP_set_version, &s, 1), -PV_EINVAL);
	CHECK_EQ(s.version, 1);
	g.dom = NO_DOMAIN;
	CHECK_EQ(gnttab(PV_GNTTABOP_get_version, &g, 1), -PV_ESRCH);
	printf("gnttab: version 1, version 2 refused\n");
}

static void query(uint32_t *nr_frames, uint32_t *max_nr_frames)
{
	struct pv_gnttab_query_size q = { .dom = SELF, .status = 99 };

	CHECK_EQ(gnttab(PV_GNTTABOP_query_size, &q, 1), 0);
	CHECK_EQ(q.status, PV_GNTST_okay);
	*nr_frames = q.nr_frames;
	*max_nr_frames = q.max_nr_frames;
}

static void map(void *va, uint64_t mfn)
{
	CHECK_EQ(HYPERCALL3(update_va_mapping, va, mfn << 12 | PAGE_FLAGS,
			    PV_UVMF_INVLPG | PV_UVMF_LOCAL), 0);
}

static void check_table(void)
{
	uint64_t frames[FRAMES] = { 0 };
	uint32_t nr, max;
	int16_t status;
	volatile struct pv_grant_entry_v1 *entries, *seen;

	query(&nr, &max);
	CHECK_EQ(nr, 1);
	CHECK_EQ(max, 64);
	CHECK_EQ(setup(SELF, FRAMES, (uint64_t)frames, &status), 0);
	CHECK_EQ(status, PV_GNTST_okay);
	for (unsigned int i = 0; i < FRAMES; i++) {
		CHECK(frames[i] != 0);
		for (unsigned int j = 0; j < i; j++)
			CHECK(frames[i] != frames[j]);
	}
	query(&nr, &max);
	CHECK_EQ(nr, FRAMES);
	printf("gnttab: table of %u frames (at most %u)\n", nr, max);

	for (unsigned int i = 0; i < FRAMES; i++)
		map(table[i], frames[i]);
	map(alias, frames[1]);
	entries = (volatile struct pv_grant_entry_v1 *)table[1];
	seen = (volatile struct pv_grant_entry_v1 *)alias;
	CHECK_EQ(seen[3].flags, 0); /* a new table is zeroed */
	entries[3].domid = 0;
	entries[3].frame = (uint32_t)va_to_mfn(table);
	entries[3].flags = PV_GTF_permit_access | PV_GTF_readonly;
	CHECK_EQ(seen[3].flags, PV_GTF_permit_access | PV_GTF_readonly);
	CHECK_EQ(seen[3].frame, (uint32_t)va_to_mfn(table));
	printf("gnttab: grant entry %lu written and read back\n", ENTRIES_PER_FRAME + 3);

	/* Asking for fewer lists the same first frames. */
	frames[0] = frames[1] = 0;
	CHECK_EQ(setup(SELF, 1, (uint64_t)frames, &status), 0);
	CHECK_EQ(status, PV_GNTST_okay);
	CHECK(frames[0] != 0 && frames[1] == 0);
	map(alias, frames[0]);
	CHECK_EQ(((volatile struct pv_grant_entry_v1 *)alias)[3].flags, 0);

	/* A table frame given back is accepted and kept, as on Xen. */
	struct pv_memory_reservation r = { .extent_start = (uint64_t)&frames[0], .nr_extents = 1,
					   .domid = SELF };
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_decrease_reservation, &r), 1);
	map(alias, va_to_mfn(alias));
	map(alias, frames[0]);
	CHECK_EQ(((volatile struct pv_grant_entry_v1 *)alias)[3].flags, 0);

	for (unsigned int i = 0; i < FRAMES; i++)
		map(table[i], va_to_mfn(table[i]));
	map(alias, va_to_mfn(alias));
}

static void check_errors(void)
{
	uint64_t frames[FRAMES];
	struct pv_gnttab_query_size q = { .dom = NO_DOMAIN };
	int16_t status;

	CHECK_EQ(gnttab(PV_GNTTABOP_query_size, &q, 2), -PV_EINVAL);
	CHECK_EQ(gnttab(PV_GNTTABOP_query_size, NULL, 1), -PV_EFAULT);
	CHECK_EQ(gnttab(PV_GNTTABOP_query_size, &q, 1), 0);
	CHECK_EQ(q.status, PV_GNTST_bad_domain);
	CHECK_EQ(gnttab(PV_GNTTABOP_setup_table, frames, 0), -PV_EINVAL);
	CHECK_EQ(gnttab(PV_GNTTABOP_setup_table, (void *)HYPERVISOR_VA, 1), -PV_EFAULT);
	CHECK_EQ(setup(SELF, 1, HYPERVISOR_VA, &status), -PV_EFAULT);
	CHECK_EQ(status, 99);
	CHECK_EQ(setup(SELF, 1, UNMAPPED, &status), 0);
	CHECK_EQ(status, PV_GNTST_bad_virt_addr);
	CHECK_EQ(setup(SELF, 65, (uint64_t)table, &status), 0);
	CHECK_EQ(status, PV_GNTST_general_error);
	CHECK_EQ(setup(NO_DOMAIN, 1, (uint64_t)frames, &status), 0);
	CHECK_EQ(status, PV_GNTST_bad_domain);
	CHECK_EQ(gnttab(PV_GNTTABOP_query_size | 1u << 12, &q, 1), -PV_EINVAL);
	CHECK_EQ(gnttab(PV_GNTTABOP_query_size, &q, 0xffffffffu), -PV_EINVAL);
	CHECK_EQ(gnttab(PV_GNTTABOP_map_grant_ref, frames, 1), -PV_ENOSYS);
	CHECK_EQ(gnttab(PV_GNTTABOP_copy, frames, 1), -PV_ENOSYS);
	CHECK_EQ(gnttab(13, frames, 1), -PV_ENOSYS);
	printf("gnttab: errors answered\n");
}

void test_main(const struct pv_start_info *si)
{
	printf("gnttab: running as %s\n", si->flags & PV_SIF_INITDOMAIN ? "dom0" : "domU");
	check_version();
	check_table();
	check_errors();
}
