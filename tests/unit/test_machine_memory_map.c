/*
 * Tests for XENMEM_machine_memory_map (hypervisor/common/hypercall/
 * machine_memory_map.c): the firmware map, the reserved entries it adds
 * in holes for the hypervisor's MMIO, the room and privilege checks.
 */
#include <stdint.h>
#include <string.h>

#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "machine_memory_map.h"

#define ARG_OFF 0x100
#define BUF_OFF 0x200

struct entry {
	uint64_t addr, size;
	uint32_t type;
} __packed;

/* QEMU's map with 1 GiB: a low RAM range, ROMs, RAM, and two holes. */
static const struct boot_range qemu_map[] = {
	{ 0x0, 0x9fc00, BOOT_MEM_RAM },
	{ 0x9fc00, 0xa0000, BOOT_MEM_RESERVED },
	{ 0xf0000, 0x100000, BOOT_MEM_RESERVED },
	{ 0x100000, 0x3ffe0000, BOOT_MEM_RAM },
	{ 0x3ffe0000, 0x40000000, BOOT_MEM_RESERVED },
	{ 0xfffc0000, 0x100000000, BOOT_MEM_RESERVED },
	{ 0xfd00000000, 0x10000000000, BOOT_MEM_RESERVED },
};

static struct domain *dom;

static void setup(const struct boot_range *map, unsigned int count,
		  unsigned int paddr_bits, bool privileged)
{
	static struct boot_info bi;

	memset(&bi, 0, sizeof(bi));
	memcpy(bi.memmap, map, count * sizeof(*map));
	bi.memmap_count = count;
	machine_memory_map_init(&bi, paddr_bits);
	memset(host_guest_memory, 0xaa, HOST_GUEST_SIZE);
	dom = domain_create(privileged ? 0 : 7, "mmap", privileged);
	CHECK(dom != NULL);
	host_current_domain = dom;
}

static void teardown(void)
{
	domain_shutdown(dom, PV_SHUTDOWN_poweroff);
	CHECK_EQ(domain_reap(), 1);
	host_current_domain = NULL;
}

static long call(uint32_t nr, uint64_t buffer)
{
	struct pv_memory_map m = { .nr_entries = nr, .buffer = buffer };

	memcpy(host_guest_memory + ARG_OFF, &m, sizeof(m));
	return do_memory_op(PV_XENMEM_machine_memory_map,
			    HOST_GUEST_BASE + ARG_OFF);
}

static uint32_t result_nr(void)
{
	struct pv_memory_map m;

	memcpy(&m, host_guest_memory + ARG_OFF, sizeof(m));
	return m.nr_entries;
}

static bool entry_is(unsigned int i, uint64_t addr, uint64_t size, uint32_t type)
{
	struct entry e;

	memcpy(&e, host_guest_memory + BUF_OFF + i * sizeof(e), sizeof(e));
	if (e.addr == addr && e.size == size && e.type == type)
		return true;
	printf("  entry %u: %#lx+%#lx type %u\n", i, (unsigned long)e.addr,
	       (unsigned long)e.size, e.type);
	return false;
}

TEST(machine_memory_map_qemu)
{
	setup(qemu_map, 7, 40, true);
	CHECK_EQ(call(32, HOST_GUEST_BASE + BUF_OFF), 0);
	CHECK_EQ(result_nr(), 8);
	CHECK(entry_is(0, 0x0, 0x9fc00, 1));
	CHECK(entry_is(1, 0x9fc00, 0x400, 2));
	CHECK(entry_is(2, 0xf0000, 0x10000, 2));
	CHECK(entry_is(3, 0x100000, 0x3fee0000, 1));
	CHECK(entry_is(4, 0x3ffe0000, 0x20000, 2));
	/* The hole below 4 GiB: the MSI and local APIC window is not dom0's. */
	CHECK(entry_is(5, 0xfee00000, 0x100000, 2));
	CHECK(entry_is(6, 0xfffc0000, 0x40000, 2));
	CHECK(entry_is(7, 0xfd00000000, 0x300000000, 2));
	teardown();
}

TEST(machine_memory_map_count_only)
{
	/* A null buffer asks for the count: nothing is written, no room needed. */
	setup(qemu_map, 7, 40, true);
	CHECK_EQ(call(0, 0), 0);
	CHECK_EQ(result_nr(), 8);
	teardown();
}

TEST(machine_memory_map_room)
{
	/* Xen wants room for the map and one more entry before anything. */
	setup(qemu_map, 7, 40, true);
	CHECK_EQ(call(7, HOST_GUEST_BASE + BUF_OFF), -PV_EINVAL);
	CHECK_EQ(result_nr(), 7);
	CHECK(entry_is(0, 0xaaaaaaaaaaaaaaaaull, 0xaaaaaaaaaaaaaaaaull, 0xaaaaaaaa));
	/* Eight is room for the firmware's seven and the one added. */
	CHECK_EQ(call(8, HOST_GUEST_BASE + BUF_OFF), -PV_EINVAL);
	CHECK_EQ(call(9, HOST_GUEST_BASE + BUF_OFF), 0);
	CHECK_EQ(result_nr(), 8);
	teardown();
}

TEST(machine_memory_map_hole_after_last)
{
	/* A hole after the last entry is filled below the address width only. */
	static const struct boot_range low[] = { { 0, 0x80000000, BOOT_MEM_RAM } };

	setup(low, 1, 40, true);
	CHECK_EQ(call(8, HOST_GUEST_BASE + BUF_OFF), 0);
	CHECK_EQ(result_nr(), 2);
	CHECK(entry_is(1, 0xfee00000, 0x100000, 2));
	teardown();

	setup(low, 1, 32, true);
	CHECK_EQ(call(8, HOST_GUEST_BASE + BUF_OFF), 0);
	CHECK_EQ(result_nr(), 2);
	teardown();

	setup(low, 1, 31, true);
	CHECK_EQ(call(8, HOST_GUEST_BASE + BUF_OFF), 0);
	CHECK_EQ(result_nr(), 1);
	teardown();
}

TEST(machine_memory_map_errors)
{
	setup(qemu_map, 7, 40, false);
	CHECK_EQ(call(32, HOST_GUEST_BASE + BUF_OFF), -PV_EPERM);
	teardown();

	setup(qemu_map, 7, 40, true);
	CHECK_EQ(do_memory_op(PV_XENMEM_machine_memory_map, 0x1000), -PV_EFAULT);
	CHECK_EQ(call(32, 0x1000), -PV_EFAULT);
	teardown();
}
