/*
 * hypercall_errors: how the hypervisor answers calls it cannot serve.
 *
 * Unknown hypercall numbers, by bare SYSCALL and through the hypercall
 * page, answer -ENOSYS; console_io with bad buffers answers -EFAULT and
 * the domain goes on; hvm_op answers as Xen answers a PV domain; vm_assist accepts exactly the types of a 64-bit PV
 * domain and the enable/disable commands; memory_op's reservation
 * queries (which take no start extent), memory map and unknown sub-ops;
 * sched_op's unknown commands; xenpmu_op, which is -EOPNOTSUPP whatever
 * its argument (no virtual PMU, as Xen's default).
 * Ends with a burst of unknown calls, which the hypervisor must log at
 * most 10 times a second (the runner counts the log lines).  Runs as
 * dom0 and as a domU: "role=" on the command line says which.
 */
#include "guest.h"
#include "hypercall-abi/hvm_op.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/mmu.h"
#include "lib/string.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define E820_RAM 1
#define BURST 20
#define LINGER_YIELDS 100

struct e820_entry {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));

static const uint64_t unknown_numbers[] = {
	11, 43, 44, 45, 46, 47, 56, 63, 64, 127, 128, 1000, 0xffffffff,
	0x100000000ul | PV_HYPERVISOR_xen_version, 0x8000000000000000ul | PV_HYPERVISOR_console_io,
	~0ul,
};

/* Numbers in the ABI that this hypervisor does not implement. */
static const unsigned int unimplemented[] = {
	PV_HYPERVISOR_xenoprof_op, PV_HYPERVISOR_kexec_op, PV_HYPERVISOR_tmem_op,
};

static const uint64_t bad_buffers[] = {
	0, 0x100000000000ul, 0xffff830000000000ul, 0xffff82d040200000ul,
	0x0000800000000000ul, 0x00007ffffffffff0ul,
};

static bool is_dom0;

static void check_unknown_numbers(void)
{
	for (size_t i = 0; i < ARRAY_LEN(unknown_numbers); i++) {
		long rc = raw_hypercall(unknown_numbers[i], 1, 2, 3, 4, 5);

		if (rc != -PV_ENOSYS)
			test_fail(__FILE__, __LINE__, "hypercall %#lx: got %ld, want -ENOSYS",
				  unknown_numbers[i], rc);
	}
	for (size_t i = 0; i < ARRAY_LEN(unimplemented); i++)
		CHECK_EQ(hypercall(unimplemented[i], 0, 0, 0, 0, 0), -PV_ENOSYS);
	/* The same numbers by bare SYSCALL, and a known one to compare. */
	for (size_t i = 0; i < ARRAY_LEN(unimplemented); i++)
		CHECK_EQ(raw_hypercall(unimplemented[i], 0, 0, 0, 0, 0), -PV_ENOSYS);
	CHECK_EQ(raw_hypercall(PV_HYPERVISOR_xen_version, 0, 0, 0, 0, 0), 0x40011);
	printf("hypercall_errors: unknown hypercalls answer -ENOSYS\n");
}

/* hvm_op as Xen answers a PV domain: its checks, then "not an HVM domain". */
static void check_hvm_op(void)
{
	struct pv_hvm_param param = { .domid = PV_DOMID_SELF, .index = 2 };
	struct pv_hvm_get_time t = { 0 };

	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_set_param, 0), -PV_EFAULT);
	CHECK_EQ(raw_hypercall(PV_HYPERVISOR_hvm_op, 0, 0, 0, 0, 0), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_get_param, &param), -PV_EINVAL);
	param.domid = 999;
	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_get_param, &param), -PV_ESRCH);
	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_flush_tlbs, 0), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_get_time, &t), 0);
	CHECK(t.now > 0);
	CHECK_EQ(HYPERCALL2(hvm_op, PV_HVMOP_altp2m, 0), -PV_EOPNOTSUPP);
	CHECK_EQ(HYPERCALL2(hvm_op, 2, 0), -PV_ENOSYS);
	printf("hypercall_errors: hvm_op answers a PV domain\n");
}

static void check_console_io(void)
{
	static const char msg[] = "hypercall_errors: console_io still works\n";

	for (size_t i = 0; i < ARRAY_LEN(bad_buffers); i++) {
		long rc = HYPERCALL3(console_io, PV_CONSOLEIO_write, 16, bad_buffers[i]);

		if (rc != -PV_EFAULT)
			test_fail(__FILE__, __LINE__, "console_io write from %#lx: got %ld",
				  bad_buffers[i], rc);
	}
	/* A buffer whose start is fine but whose end is not mapped. */
	CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_write, 64, 0x00007fffffffffe0ul),
		 -PV_EFAULT);
	CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_write, 0, 0), 0);
	CHECK_EQ(HYPERCALL3(console_io, 2, sizeof(msg) - 1, msg), -PV_ENOSYS);
	CHECK_EQ(HYPERCALL3(console_io, 0xffffffffu, sizeof(msg) - 1, msg), -PV_ENOSYS);
	if (!is_dom0)
		CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_read, 16, msg), -PV_EPERM);
	CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_write, sizeof(msg) - 1, msg), 0);
}

static void check_vm_assist(void)
{
	static const unsigned int valid[] = {
		PV_VMASST_TYPE_4gb_segments, PV_VMASST_TYPE_4gb_segments_notify,
		PV_VMASST_TYPE_writable_pagetables, PV_VMASST_TYPE_pae_extended_cr3,
		PV_VMASST_TYPE_architectural_iopl, PV_VMASST_TYPE_runstate_update_flag,
		PV_VMASST_TYPE_m2p_strict,
	};
	static const unsigned int invalid[] = { 6, 7, 31, 33, 63, 64, 65, 1000, 0xffffffffu };

	for (size_t i = 0; i < ARRAY_LEN(valid); i++) {
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, valid[i]), 0);
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, valid[i]), 0);
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_disable, valid[i]), 0);
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_disable, valid[i]), 0);
		CHECK_EQ(HYPERCALL2(vm_assist, 2, valid[i]), -PV_ENOSYS);
		CHECK_EQ(HYPERCALL2(vm_assist, 0xffffffffu, valid[i]), -PV_ENOSYS);
	}
	for (size_t i = 0; i < ARRAY_LEN(invalid); i++) {
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, invalid[i]), -PV_EINVAL);
		CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_disable, invalid[i]), -PV_EINVAL);
		/* The type is checked before the command. */
		CHECK_EQ(HYPERCALL2(vm_assist, 2, invalid[i]), -PV_EINVAL);
	}
	/* Only the low 32 bits of each argument count. */
	CHECK_EQ(HYPERCALL2(vm_assist, 0x100000000ul | PV_VMASST_CMD_enable,
			    0x100000000ul | PV_VMASST_TYPE_writable_pagetables), 0);
	printf("hypercall_errors: vm_assist checked\n");
}

static void check_memory_op(const struct pv_start_info *si)
{
	pv_domid_t self = PV_DOMID_SELF, dom0 = 0, none = 999, reserved = PV_DOMID_XEN;
	struct e820_entry map[4];
	struct pv_memory_map mm;
	static const unsigned long unknown[] = { 8, 29, 40, 63 };

	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, &self), si->nr_pages);
	/* As on Xen: dom0 has no limit (~0U), a domU its configured size. */
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_maximum_reservation, &self),
		 is_dom0 ? 0xffffffffl : (long)si->nr_pages);
	if (is_dom0) {
		CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, &dom0),
			 si->nr_pages);
	} else {
		CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, &dom0), -PV_EPERM);
		CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_maximum_reservation, &dom0), -PV_EPERM);
	}
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, &none), -PV_ESRCH);
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_maximum_reservation, &none), -PV_ESRCH);
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, &reserved), -PV_ESRCH);
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation, 0), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_maximum_reservation, 0xffff830000000000ul),
		 -PV_EFAULT);
	CHECK(HYPERCALL2(memory_op, PV_XENMEM_maximum_ram_page, 0) > 0);
	/* The queries take no start extent (the bits above the sub-op). */
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_current_reservation | 1ul << 6, &self),
		 -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_maximum_reservation | 5ul << 6, &self),
		 -PV_EINVAL);

	for (size_t i = 0; i < ARRAY_LEN(unknown); i++)
		CHECK_EQ(HYPERCALL2(memory_op, unknown[i], &mm), -PV_ENOSYS);
	memset(map, 0xee, sizeof(map));
	mm.nr_entries = ARRAY_LEN(map);
	mm.buffer = (uint64_t)map;
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, 0), -PV_EFAULT);
	if (is_dom0) {
		/* Dom0 has no memory map on Xen (the machine's is another sub-op). */
		CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, &mm), -PV_ENOSYS);
		CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, si->pt_base), -PV_ENOSYS);
		CHECK_EQ(map[0].addr, 0xeeeeeeeeeeeeeeeeul);
		printf("hypercall_errors: memory_op: %lu pages, no memory map\n", si->nr_pages);
		return;
	}
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, &mm), 0);
	CHECK_EQ(mm.nr_entries, 1);
	CHECK_EQ(map[0].addr, 0);
	CHECK_EQ(map[0].size, si->nr_pages * PAGE_SIZE);
	CHECK_EQ(map[0].type, E820_RAM);
	CHECK_EQ(map[1].addr, 0xeeeeeeeeeeeeeeeeul);
	mm.nr_entries = 0;
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, &mm), 0);
	CHECK_EQ(mm.nr_entries, 0);
	mm.nr_entries = 1;
	mm.buffer = 0x100000000000ul;
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, &mm), -PV_EFAULT);
	/* The result cannot go to a read-only page. */
	CHECK_EQ(HYPERCALL2(memory_op, PV_XENMEM_memory_map, si->pt_base), -PV_EFAULT);
	printf("hypercall_errors: memory_op: %lu pages, map [0, %#lx)\n", si->nr_pages,
	       map[0].size);
}

static void check_sched_op(void)
{
	static const int unknown[] = { 8, 9, 99, 0x7fffffff, -1 };

	for (size_t i = 0; i < ARRAY_LEN(unknown); i++)
		CHECK_EQ(HYPERCALL2(sched_op, unknown[i], 0), -PV_ENOSYS);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0), 0);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_shutdown, 0), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_shutdown_code, 0xffff830000000000ul),
		 -PV_EFAULT);
	printf("hypercall_errors: sched_op checked\n");
}

static void check_xenpmu_op(void)
{
	/* XENPMU_mode_get, init and finish, and numbers no Xen knows. */
	static const unsigned int ops[] = { 0, 4, 5, 6, 99, 0xffffffffu };
	uint64_t params[4] = { 0 };

	for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
		CHECK_EQ(HYPERCALL2(xenpmu_op, ops[i], params), -PV_EOPNOTSUPP);
		CHECK_EQ(HYPERCALL2(xenpmu_op, ops[i], 0xffff830000000000ul), -PV_EOPNOTSUPP);
	}
	printf("hypercall_errors: xenpmu_op checked\n");
}

void test_main(const struct pv_start_info *si)
{
	char role[8];

	CHECK(cmdline_value("role", role, sizeof(role)) != NULL);
	is_dom0 = !strcmp(role, "dom0");
	printf("hypercall_errors: running as %s\n", is_dom0 ? "dom0" : "domU");
	check_unknown_numbers();
	check_hvm_op();
	check_console_io();
	check_vm_assist();
	check_memory_op(si);
	check_sched_op();
	check_xenpmu_op();
	for (unsigned int i = 0; i < BURST; i++)
		CHECK_EQ(raw_hypercall(43, 0, 0, 0, 0, 0), -PV_ENOSYS);
	printf("hypercall_errors: %u more unknown calls made\n", BURST);
	/* Dom0 stays a while, for the domU's queries about domain 0. */
	for (unsigned int i = 0; is_dom0 && i < LINGER_YIELDS; i++)
		HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
}
