/*
 * xen_version: the answer of every sub-op and its error codes.
 *
 * Checks the values the hypervisor reports (version 4.17, extraversion
 * "-ringvisor", the capabilities string, the start of the hypervisor
 * hole, the feature bits a PV domain gets, with XENFEAT_dom0 exactly for
 * the initial domain, the page size), that each sub-op writes no more
 * than its result's size, that only the initial domain may read the
 * hypervisor's command line (others read "<denied>", as on Xen 4.17) and
 * ask for the build id, that unknown sub-ops answer -ENOSYS, and that
 * every sub-op taking a pointer answers -EFAULT for NULL, unmapped,
 * hypervisor, non-canonical and (for the ones that write) read-only
 * addresses without touching the read-only page.  Runs as dom0 and as a
 * domU; the command line's "role=" says which one to expect.
 */
#include "guest.h"
#include "hypercall-abi/version.h"
#include "lib/string.h"

#define GUARD 0xa5
#define MAX_RESULT PV_COMMANDLINE_LEN
#define DENIED "<denied>"

static uint8_t buf[MAX_RESULT + 64];
static uint8_t pt_snapshot[PAGE_SIZE];

struct sub_op {
	int cmd;
	const char *name;
	size_t size;		/* bytes of the result written at the pointer */
};

static const struct sub_op pointer_ops[] = {
	{ PV_XENVER_extraversion, "extraversion", PV_EXTRAVERSION_LEN },
	{ PV_XENVER_compile_info, "compile_info", sizeof(struct pv_compile_info) },
	{ PV_XENVER_capabilities, "capabilities", PV_CAPABILITIES_INFO_LEN },
	{ PV_XENVER_changeset, "changeset", PV_CHANGESET_INFO_LEN },
	{ PV_XENVER_platform_parameters, "platform_parameters",
	  sizeof(struct pv_platform_parameters) },
	{ PV_XENVER_get_features, "get_features", sizeof(struct pv_feature_info) },
	{ PV_XENVER_guest_handle, "guest_handle", 16 },
	{ PV_XENVER_commandline, "commandline", PV_COMMANDLINE_LEN },
};

/* Addresses no sub-op may read or write. */
static const struct {
	uint64_t va;
	const char *what;
} bad_pointers[] = {
	{ 0, "NULL" },
	{ 0x100000000000ul, "unmapped guest address" },
	{ 0xffff800000000000ul, "start of the hypervisor hole" },
	{ 0xffff82d040200000ul, "hypervisor image" },
	{ 0xffff830000000000ul, "hypervisor direct map" },
	{ 0xffff87fffffffff8ul, "last bytes of the hypervisor hole" },
	{ 0x0000800000000000ul, "non-canonical" },
	{ 0x00007ffffffffff8ul, "range running into the non-canonical hole" },
	{ 0xfffefffffffff000ul, "non-canonical, high" },
};

static const uint32_t bad_submaps[] = { 1, 2, 31, 0x80000000u, 0xffffffffu };
static const int unknown_ops[] = { 11, 12, 13, 100, 0x7fffffff, -1, -0x7fffffff - 1 };

static bool is_dom0;

static long xen_version(int cmd, const void *arg)
{
	return HYPERCALL2(xen_version, cmd, arg);
}

static const char *find(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++) {
		if (!strncmp(s, needle, n))
			return s;
	}
	return NULL;
}

/* Calls @op on a guarded buffer; checks it wrote no further than its size. */
static long call_guarded(const struct sub_op *op)
{
	long rc;

	memset(buf, GUARD, sizeof(buf));
	if (op->cmd == PV_XENVER_get_features)
		memset(buf, 0, sizeof(uint32_t));	/* submap_idx 0 */
	rc = xen_version(op->cmd, buf);
	for (size_t i = op->size; i < sizeof(buf); i++) {
		if (buf[i] != GUARD) {
			test_fail(__FILE__, __LINE__, "%s wrote byte %zu, past its %zu bytes",
				  op->name, i, op->size);
			break;
		}
	}
	return rc;
}

static void check_string(const struct sub_op *op)
{
	long rc = call_guarded(op);

	CHECK_EQ(rc, 0);
	CHECK(strnlen((const char *)buf, op->size) < op->size);
	for (size_t i = strlen((const char *)buf); i < op->size; i++) {
		if (buf[i]) {
			test_fail(__FILE__, __LINE__, "%s: byte %zu after the string is %#x",
				  op->name, i, buf[i]);
			break;
		}
	}
	printf("xen_version: %s '%s'\n", op->name, (const char *)buf);
}

static const struct sub_op *op_named(int cmd)
{
	for (size_t i = 0; i < sizeof(pointer_ops) / sizeof(pointer_ops[0]); i++) {
		if (pointer_ops[i].cmd == cmd)
			return &pointer_ops[i];
	}
	return NULL;
}

/* build_id: the image has none (-ENODATA); only dom0 may ask. */
static void check_build_id(void)
{
	struct pv_build_id *id = (struct pv_build_id *)buf;

	memset(buf, GUARD, sizeof(buf));
	id->len = 0;
	if (is_dom0) {
		CHECK_EQ(xen_version(PV_XENVER_build_id, NULL), -PV_ENODATA);
		CHECK_EQ(xen_version(PV_XENVER_build_id, id), -PV_EINVAL);
		id->len = 64;
		CHECK_EQ(xen_version(PV_XENVER_build_id, id), -PV_ENODATA);
		for (size_t j = 1; j < sizeof(bad_pointers) / sizeof(bad_pointers[0]); j++)
			CHECK_EQ(xen_version(PV_XENVER_build_id, (void *)bad_pointers[j].va),
				 -PV_EFAULT);
	} else {
		CHECK_EQ(xen_version(PV_XENVER_build_id, NULL), -PV_EPERM);
		CHECK_EQ(xen_version(PV_XENVER_build_id, id), -PV_EPERM);
		CHECK_EQ(xen_version(PV_XENVER_build_id, (void *)bad_pointers[1].va), -PV_EPERM);
	}
	CHECK_EQ(id->len, is_dom0 ? 64 : 0);
	for (size_t i = sizeof(*id); i < sizeof(buf); i++) {
		if (buf[i] != GUARD) {
			test_fail(__FILE__, __LINE__, "build_id wrote byte %zu", i);
			break;
		}
	}
}

static void check_values(const struct pv_start_info *si)
{
	struct pv_feature_info fi;
	struct pv_platform_parameters pp;
	uint32_t f;
	long rc;

	CHECK_EQ(xen_version(PV_XENVER_version, NULL), 0x40011);
	/* The argument of version is ignored. */
	CHECK_EQ(xen_version(PV_XENVER_version, (void *)0x100000000000ul), 0x40011);

	check_string(op_named(PV_XENVER_extraversion));
	CHECK(!strcmp((const char *)buf, "-ringvisor"));
	check_string(op_named(PV_XENVER_capabilities));
	CHECK(!strncmp((const char *)buf, "xen-3.0-x86_64", 14));
	check_string(op_named(PV_XENVER_changeset));

	CHECK_EQ(call_guarded(op_named(PV_XENVER_compile_info)), 0);
	CHECK(strnlen((const char *)buf, 64) < 64);	/* compiler */

	memset(&pp, 0xff, sizeof(pp));
	CHECK_EQ(xen_version(PV_XENVER_platform_parameters, &pp), 0);
	CHECK_EQ(pp.virt_start, 0xffff800000000000ul);
	CHECK_EQ(call_guarded(op_named(PV_XENVER_platform_parameters)), 0);

	fi.submap_idx = 0;
	fi.submap = 0xdeadbeef;
	CHECK_EQ(xen_version(PV_XENVER_get_features, &fi), 0);
	f = fi.submap;
	printf("xen_version: features %#x\n", f);
	CHECK_EQ(fi.submap_idx, 0);
	CHECK(f & 1u << PV_XENFEAT_mmu_pt_update_preserve_ad);
	CHECK(f & 1u << PV_XENFEAT_gnttab_map_avail_bits);
	CHECK(!(f & 1u << PV_XENFEAT_writable_page_tables));
	CHECK(!(f & 1u << PV_XENFEAT_auto_translated_physmap));
	CHECK(!(f & 1u << PV_XENFEAT_supervisor_mode_kernel));
	CHECK(!(f & 1u << 12));	/* retired */
	CHECK_EQ(!!(f & 1u << PV_XENFEAT_dom0), !!(si->flags & PV_SIF_INITDOMAIN));
	CHECK_EQ(!!(f & 1u << PV_XENFEAT_dom0), is_dom0);
	CHECK_EQ(call_guarded(op_named(PV_XENVER_get_features)), 0);
	for (size_t i = 0; i < sizeof(bad_submaps) / sizeof(bad_submaps[0]); i++) {
		fi.submap_idx = bad_submaps[i];
		fi.submap = 0x12345678;
		CHECK_EQ(xen_version(PV_XENVER_get_features, &fi), -PV_EINVAL);
		CHECK_EQ(fi.submap, 0x12345678);
	}

	CHECK_EQ(xen_version(PV_XENVER_pagesize, NULL), 4096);
	CHECK_EQ(xen_version(PV_XENVER_pagesize, (void *)1), -PV_EINVAL);
	CHECK_EQ(xen_version(PV_XENVER_pagesize, buf), -PV_EINVAL);

	CHECK_EQ(call_guarded(op_named(PV_XENVER_guest_handle)), 0);

	rc = call_guarded(op_named(PV_XENVER_commandline));
	CHECK_EQ(rc, 0);
	CHECK(strnlen((const char *)buf, PV_COMMANDLINE_LEN) < PV_COMMANDLINE_LEN);
	if (is_dom0) {
		CHECK(find((const char *)buf, "dom0_mem=32M") != NULL);
	} else {
		/* Just the string, NUL included. */
		CHECK(!strcmp((const char *)buf, DENIED));
		for (size_t i = sizeof(DENIED); i < PV_COMMANDLINE_LEN; i++) {
			if (buf[i] != GUARD) {
				test_fail(__FILE__, __LINE__, "commandline wrote byte %zu", i);
				break;
			}
		}
	}
	printf("xen_version: commandline '%s'\n", (const char *)buf);
	check_build_id();

	for (size_t i = 0; i < sizeof(unknown_ops) / sizeof(unknown_ops[0]); i++)
		CHECK_EQ(xen_version(unknown_ops[i], buf), -PV_ENOSYS);
}

static void check_bad_pointers(const struct pv_start_info *si)
{
	const void *ro = (const void *)si->pt_base;

	memcpy(pt_snapshot, ro, PAGE_SIZE);
	for (size_t i = 0; i < sizeof(pointer_ops) / sizeof(pointer_ops[0]); i++) {
		const struct sub_op *op = &pointer_ops[i];
		long want = -PV_EFAULT;
		for (size_t j = 0; j < sizeof(bad_pointers) / sizeof(bad_pointers[0]); j++) {
			long rc = xen_version(op->cmd, (const void *)bad_pointers[j].va);

			if (rc != want)
				test_fail(__FILE__, __LINE__, "%s at %#lx (%s): got %ld, want %ld",
					  op->name, bad_pointers[j].va, bad_pointers[j].what, rc,
					  want);
		}
		/*
		 * Every one of them writes its result: a read-only page is
		 * refused.  (get_features reads its submap index first: the
		 * L4's slot 0 is empty, so it reads index 0 there.)
		 */
		CHECK_EQ(xen_version(op->cmd, ro), want);
		if (op->cmd != PV_XENVER_get_features)
			CHECK_EQ(xen_version(op->cmd, (const char *)ro + PAGE_SIZE - 8), want);
	}
	CHECK(!memcmp(pt_snapshot, ro, PAGE_SIZE));
	printf("xen_version: bad pointers refused\n");
}

void test_main(const struct pv_start_info *si)
{
	char role[8];

	CHECK(cmdline_value("role", role, sizeof(role)) != NULL);
	is_dom0 = !strcmp(role, "dom0");
	printf("xen_version: running as %s\n", is_dom0 ? "dom0" : "domU");
	check_values(si);
	check_bad_pointers(si);
}
