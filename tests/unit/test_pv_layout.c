/*
 * Tests for the start-of-day PV guest layout (hypervisor/common/domain/
 * pv_layout.c).
 *
 * Two typical requests (a Linux dom0 with an initrd, a small domU test
 * kernel) are checked against values worked out by hand; then every
 * result of a sweep over kernel, initrd and memory sizes, base addresses
 * and both domain kinds is checked against a model written here, which
 * does its sums in 128 bits so that overflow shows, and against the
 * layout's invariants: page alignment, the documented order without gaps
 * or overlap, page tables that cover the whole area, the boot stack right
 * after them, and the 4 MiB-aligned end with 512 KiB to 4.5 MiB of slack.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "pv_layout.h"

#define PAGE 0x1000ull
#define MIB (1ull << 20)
#define LINUX_BASE 0xffffffff80000000ull

typedef unsigned __int128 u128;

static u128 up(u128 x, u128 a)
{
	return (x + a - 1) / a * a;
}

/* Number of 2^@shift-byte regions that [start, end) touches. */
static uint64_t regions(u128 start, u128 end, unsigned int shift)
{
	u128 size = (u128)1 << shift;

	return (uint64_t)((up(end, size) - start / size * size) / size);
}

struct model {
	bool fits;	/* the addresses fit in 64 bits */
	uint64_t initrd, p2m, start_info, xenstore, console, pt, nr_pt, stack, v_end;
	uint64_t l3, l2, l1;
};

/* The layout worked out independently of pv_layout.c. */
static void model_layout(const struct pv_layout_request *r, struct model *m)
{
	u128 top = (u128)1 << 64, va = up(r->kernel_end, PAGE), stack_end, v_end;
	uint64_t n;

	memset(m, 0, sizeof(*m));
	if (r->initrd_size) {
		m->initrd = (uint64_t)va;
		va += up(r->initrd_size, PAGE);
	}
	m->p2m = (uint64_t)va;
	va += up((u128)r->nr_pages * 8, PAGE);
	m->start_info = (uint64_t)va;
	va += PAGE;
	if (r->domu) {
		m->xenstore = (uint64_t)va;
		m->console = (uint64_t)(va + PAGE);
		va += 2 * PAGE;
	}
	m->pt = (uint64_t)va;
	for (n = 1;; n++) {
		stack_end = va + (n + 1) * PAGE;
		/* The first 4 MiB boundary at least 512 KiB past the stack. */
		v_end = up(stack_end + 512 * 1024, 4 * MIB);
		if (v_end >= top)
			return;
		m->l3 = regions(r->virt_base, v_end, 39);
		m->l2 = regions(r->virt_base, v_end, 30);
		m->l1 = regions(r->virt_base, v_end, 21);
		if (1 + m->l3 + m->l2 + m->l1 <= n)
			break;
	}
	m->nr_pt = n;
	m->stack = (uint64_t)(va + n * PAGE);
	m->v_end = (uint64_t)v_end;
	m->fits = true;
}

static bool aligned(uint64_t v, uint64_t a)
{
	return !(v & (a - 1));
}

/*
 * Checks a successful layout: its invariants, then that it is the model's.
 * Returns false (having recorded failures) if anything is off.
 */
static bool check_layout(const struct pv_layout_request *r, const struct pv_layout *l)
{
	uint64_t kernel_end = (r->kernel_end + PAGE - 1) & ~(PAGE - 1);
	uint64_t stack_end = l->stack_va + PAGE, after_si = l->start_info_va + PAGE;
	struct model m;
	bool ok = true;

#define EXPECT(cond)                 \
	do {                         \
		if (!(cond)) {       \
			CHECK(cond); \
			ok = false;  \
		}                    \
	} while (0)
#define EXPECT_EQ(a, b)                \
	do {                           \
		if ((a) != (b)) {      \
			CHECK_EQ(a, b); \
			ok = false;    \
		}                      \
	} while (0)

	EXPECT_EQ(l->v_start, r->virt_base);
	EXPECT(aligned(l->p2m_va, PAGE) && aligned(l->start_info_va, PAGE));
	EXPECT(aligned(l->pt_va, PAGE) && aligned(l->stack_va, PAGE));
	EXPECT(aligned(l->v_end, 4 * MIB));

	/* kernel, initrd, p2m, start_info, [xenstore, console], tables, stack */
	if (r->initrd_size) {
		EXPECT_EQ(l->initrd_va, kernel_end);
		EXPECT(aligned(l->initrd_va, PAGE));
		EXPECT(l->p2m_va >= l->initrd_va + r->initrd_size);
		EXPECT(l->p2m_va - l->initrd_va < r->initrd_size + PAGE);
	} else {
		EXPECT_EQ(l->initrd_va, 0);
		EXPECT_EQ(l->p2m_va, kernel_end);
	}
	EXPECT_EQ(l->p2m_size, r->nr_pages * 8);
	EXPECT(l->start_info_va >= l->p2m_va + l->p2m_size);
	EXPECT(l->start_info_va - l->p2m_va < l->p2m_size + PAGE);
	if (r->domu) {
		EXPECT_EQ(l->xenstore_va, after_si);
		EXPECT_EQ(l->console_va, after_si + PAGE);
		EXPECT_EQ(l->pt_va, after_si + 2 * PAGE);
	} else {
		EXPECT_EQ(l->xenstore_va, 0);
		EXPECT_EQ(l->console_va, 0);
		EXPECT_EQ(l->pt_va, after_si);
	}
	EXPECT_EQ(l->stack_va, l->pt_va + l->nr_pt_frames * PAGE);
	EXPECT(stack_end > l->stack_va);

	/* One L4 and the tables under it map [v_start, v_end), and no more. */
	EXPECT_EQ(l->l3_count, regions(l->v_start, l->v_end, 39));
	EXPECT_EQ(l->l2_count, regions(l->v_start, l->v_end, 30));
	EXPECT_EQ(l->l1_count, regions(l->v_start, l->v_end, 21));
	EXPECT_EQ(l->nr_pt_frames, 1 + l->l3_count + l->l2_count + l->l1_count);

	EXPECT(l->v_end - stack_end >= 512 * 1024);
	EXPECT(l->v_end - stack_end < 4 * MIB + 512 * 1024);
	EXPECT((l->v_end - l->v_start) / PAGE <= r->nr_pages);

	model_layout(r, &m);
	EXPECT(m.fits);
	EXPECT_EQ(l->initrd_va, m.initrd);
	EXPECT_EQ(l->p2m_va, m.p2m);
	EXPECT_EQ(l->start_info_va, m.start_info);
	EXPECT_EQ(l->xenstore_va, m.xenstore);
	EXPECT_EQ(l->console_va, m.console);
	EXPECT_EQ(l->pt_va, m.pt);
	EXPECT_EQ(l->nr_pt_frames, m.nr_pt);
	EXPECT_EQ(l->stack_va, m.stack);
	EXPECT_EQ(l->v_end, m.v_end);
#undef EXPECT
#undef EXPECT_EQ
	return ok;
}

static const struct pv_layout_request linux_dom0 = {
	.virt_base = LINUX_BASE,
	.kernel_start = 0xffffffff81000000ull,
	.kernel_end = 0xffffffff84a00000ull,
	.initrd_size = 10 * MIB,
	.nr_pages = 65536,
	.domu = false,
};

static const struct pv_layout_request small_domu = {
	.virt_base = LINUX_BASE,
	.kernel_start = LINUX_BASE,
	.kernel_end = LINUX_BASE + 0x8000,
	.initrd_size = 0,
	.nr_pages = 8192,
	.domu = true,
};

TEST(pv_layout_linux_dom0)
{
	struct pv_layout l;
	const char *why = NULL;

	CHECK_EQ(pv_layout_compute(&linux_dom0, &l, &why), 0);
	CHECK(why == NULL);
	CHECK_EQ(l.v_start, LINUX_BASE);
	CHECK_EQ(l.initrd_va, 0xffffffff84a00000ull);
	CHECK_EQ(l.p2m_va, 0xffffffff85400000ull);
	CHECK_EQ(l.p2m_size, 0x80000);
	CHECK_EQ(l.start_info_va, 0xffffffff85480000ull);
	CHECK_EQ(l.xenstore_va, 0);
	CHECK_EQ(l.console_va, 0);
	CHECK_EQ(l.pt_va, 0xffffffff85481000ull);
	/* 88 MiB from 0xffffffff80000000: 44 L1s, one L2, one L3, the L4. */
	CHECK_EQ(l.l1_count, 44);
	CHECK_EQ(l.l2_count, 1);
	CHECK_EQ(l.l3_count, 1);
	CHECK_EQ(l.nr_pt_frames, 47);
	CHECK_EQ(l.stack_va, 0xffffffff854b0000ull);
	CHECK_EQ(l.v_end, 0xffffffff85800000ull);
	CHECK_EQ(pv_layout_pfn(&l, l.start_info_va), 0x5480);
	CHECK_EQ(pv_layout_pfn(&l, l.stack_va + 0xfff), 0x54b0);
	CHECK(check_layout(&linux_dom0, &l));
}

/* XEN_ELFNOTE_MOD_START_PFN: the initrd is left out of the mapped area. */
TEST(pv_layout_unmapped_initrd)
{
	struct pv_layout_request r = linux_dom0;
	struct pv_layout l;
	const char *why = NULL;

	r.unmapped_initrd = true;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	CHECK_EQ(l.initrd_va, 0);
	CHECK_EQ(l.p2m_va, 0xffffffff84a00000ull);
	CHECK_EQ(l.start_info_va, 0xffffffff84a80000ull);
	CHECK_EQ(l.pt_va, 0xffffffff84a81000ull);
	/* 76 MiB: 38 L1s, one L2, one L3, the L4. */
	CHECK_EQ(l.nr_pt_frames, 41);
	CHECK_EQ(l.v_end, 0xffffffff84c00000ull);
	/* The initrd's frames follow the area. */
	CHECK_EQ(l.initrd_pfn, 0x4c00);

	/* It must fit in the domain's memory after the area. */
	r.nr_pages = 0x4c00 + 10 * MIB / 0x1000;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	r.nr_pages--;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why && strstr(why, "initrd does not fit"));

	/* Without an initrd nothing changes but the missing initrd. */
	r.nr_pages = 65536;
	r.initrd_size = 0;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	CHECK_EQ(l.initrd_pfn, 0);
	CHECK_EQ(l.p2m_va, 0xffffffff84a00000ull);
}

TEST(pv_layout_small_domu)
{
	struct pv_layout l;
	const char *why = NULL;

	CHECK_EQ(pv_layout_compute(&small_domu, &l, &why), 0);
	CHECK_EQ(l.v_start, LINUX_BASE);
	CHECK_EQ(l.initrd_va, 0);
	CHECK_EQ(l.p2m_va, LINUX_BASE + 0x8000);
	CHECK_EQ(l.p2m_size, 0x10000);
	CHECK_EQ(l.start_info_va, LINUX_BASE + 0x18000);
	CHECK_EQ(l.xenstore_va, LINUX_BASE + 0x19000);
	CHECK_EQ(l.console_va, LINUX_BASE + 0x1a000);
	CHECK_EQ(l.pt_va, LINUX_BASE + 0x1b000);
	CHECK_EQ(l.l1_count, 2);
	CHECK_EQ(l.l2_count, 1);
	CHECK_EQ(l.l3_count, 1);
	CHECK_EQ(l.nr_pt_frames, 5);
	CHECK_EQ(l.stack_va, LINUX_BASE + 0x20000);
	CHECK_EQ(l.v_end, LINUX_BASE + 4 * MIB);
	CHECK(check_layout(&small_domu, &l));

	/* The same kernel as dom0: no xenstore or console pages. */
	{
		struct pv_layout_request r = small_domu;

		r.domu = false;
		CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
		CHECK_EQ(l.xenstore_va, 0);
		CHECK_EQ(l.console_va, 0);
		CHECK_EQ(l.pt_va, LINUX_BASE + 0x19000);
		CHECK_EQ(l.stack_va, LINUX_BASE + 0x1e000);
		CHECK(check_layout(&r, &l));
	}
}

TEST(pv_layout_slack_boundary)
{
	struct pv_layout_request r = small_domu;
	struct pv_layout l;
	const char *why;

	/*
	 * The stack ends 512 KiB before a 4 MiB boundary exactly: that
	 * boundary is the end.  A page more and the end moves on 4 MiB,
	 * which takes two more L1 tables.  With no initrd, as a domU, the
	 * stack ends 0x19000 past the kernel: the p2m (0x10000), start_info,
	 * xenstore and console, five tables and the stack page.
	 */
	r.kernel_end = LINUX_BASE + 4 * MIB - 512 * 1024 - 0x19000;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	CHECK_EQ(l.nr_pt_frames, 5);
	CHECK_EQ(l.stack_va + PAGE, LINUX_BASE + 4 * MIB - 512 * 1024);
	CHECK_EQ(l.v_end, LINUX_BASE + 4 * MIB);
	CHECK(check_layout(&r, &l));
	r.kernel_end += PAGE;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	CHECK_EQ(l.nr_pt_frames, 7);
	CHECK_EQ(l.l1_count, 4);
	CHECK_EQ(l.stack_va + PAGE, LINUX_BASE + 4 * MIB - 512 * 1024 + 3 * PAGE);
	CHECK_EQ(l.v_end, LINUX_BASE + 8 * MIB);
	CHECK(check_layout(&r, &l));
}

TEST(pv_layout_errors)
{
	struct pv_layout_request r = linux_dom0;
	struct pv_layout l;
	const char *why;

	/* Kernel below VIRT_BASE, or ending before it starts. */
	r.kernel_start = LINUX_BASE - PAGE;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why != NULL);
	r = linux_dom0;
	r.kernel_end = r.kernel_start - 1;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why != NULL);

	/* No memory. */
	r = linux_dom0;
	r.nr_pages = 0;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why != NULL);

	/* The area needs 0x5800 pages (88 MiB); one page less is too little. */
	r = linux_dom0;
	r.nr_pages = 0x5800;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
	CHECK_EQ(l.v_end - l.v_start, 88 * MIB);
	CHECK(check_layout(&r, &l));
	r.nr_pages = 0x5800 - 1;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why && strstr(why, "larger than the domain's memory"));
	r = small_domu;
	r.nr_pages = 1023;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why && strstr(why, "larger than the domain's memory"));
	r.nr_pages = 1024;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), 0);
}

TEST(pv_layout_address_space_overflow)
{
	static const uint64_t huge[] = {
		2048 * MIB, 1ull << 32, 1ull << 63, UINT64_MAX, UINT64_MAX - PAGE + 2,
		/* Fits, but leaves no room for the p2m or the tables. */
		0ull - 0xffffffff84a00000ull - PAGE, 0ull - 0xffffffff84a00000ull - 0x90000,
		0ull - 0xffffffff84a00000ull - 0x800000,
	};
	struct pv_layout_request r = linux_dom0;
	struct pv_layout l;
	const char *why;

	for (size_t i = 0; i < sizeof(huge) / sizeof(huge[0]); i++) {
		r.initrd_size = huge[i];
		r.nr_pages = 65536;
		why = NULL;
		CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
		CHECK(why != NULL);
		/* However much memory the domain has. */
		r.nr_pages = 1ull << 40;
		why = NULL;
		CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
		CHECK(why != NULL);
	}

	/* A kernel that ends at the top of the address space. */
	r = linux_dom0;
	r.kernel_end = UINT64_MAX - PAGE;
	why = NULL;
	CHECK_EQ(pv_layout_compute(&r, &l, &why), -1);
	CHECK(why != NULL);
}

/* Runs one request of the sweep; returns 1 if it laid out, 0 if refused. */
static int sweep_one(const struct pv_layout_request *r)
{
	struct pv_layout l;
	const char *why = NULL;
	struct model m;
	int rc = pv_layout_compute(r, &l, &why);

	model_layout(r, &m);
	if (!m.fits || m.v_end > UINT64_MAX - 16 * MIB) {
		/* Past the top of the address space (or too near it to say). */
		if (!m.fits && rc != -1) {
			printf("  kernel_end %#llx initrd %#llx nr_pages %#llx: laid out\n",
			       (unsigned long long)r->kernel_end,
			       (unsigned long long)r->initrd_size,
			       (unsigned long long)r->nr_pages);
			CHECK_EQ(rc, -1);
		}
		return rc == 0;
	}
	if ((m.v_end - r->virt_base) / PAGE > r->nr_pages) {
		CHECK_EQ(rc, -1);
		CHECK(why && strstr(why, "larger than the domain's memory"));
		return 0;
	}
	CHECK_EQ(rc, 0);
	if (rc == 0 && !check_layout(r, &l))
		printf("  kernel_end %#llx initrd %#llx nr_pages %#llx domu %d: wrong\n",
		       (unsigned long long)r->kernel_end,
		       (unsigned long long)r->initrd_size,
		       (unsigned long long)r->nr_pages, r->domu);
	return rc == 0;
}

TEST(pv_layout_sweep)
{
	static const uint64_t bases[] = {
		LINUX_BASE,
		0x400000,
		0x3fe00000,		/* crosses 1 GiB: two L2s */
		0xffffff7fffc00000ull,	/* crosses 512 GiB: two L3s */
		0xffff800000000000ull,
		0xfffffffff0000000ull,	/* 256 MiB below the top */
	};
	static const uint64_t kernels[] = {
		0x1000, 0x8000, 0x1ff000, 0x200000, 0x3ff000, 0x400001, 0x1234567, 0x3a00000,
	};
	static const uint64_t initrds[] = {
		0, 1, 0xfff, 0x1000, 0x1001, 10 * MIB, 0x7ffff00, 1ull << 31, UINT64_MAX,
	};
	static const uint64_t pages[] = {
		1, 100, 1024, 8192, 65536, 262144, 1ull << 20, 1ull << 24, 1ull << 28,
		1ull << 30,
	};
	unsigned int laid_out = 0, total = 0;

	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
		for (size_t k = 0; k < sizeof(kernels) / sizeof(kernels[0]); k++)
			for (size_t i = 0; i < sizeof(initrds) / sizeof(initrds[0]); i++)
				for (size_t p = 0; p < sizeof(pages) / sizeof(pages[0]); p++)
					for (int domu = 0; domu < 2; domu++) {
						struct pv_layout_request r = {
							.virt_base = bases[b],
							.kernel_start = bases[b] + (k & 1) * 0x1000000,
							.initrd_size = initrds[i],
							.nr_pages = pages[p],
							.domu = domu,
						};

						r.kernel_end = r.kernel_start + kernels[k];
						laid_out += sweep_one(&r);
						total++;
					}
	/* Both outcomes were exercised. */
	CHECK(laid_out > total / 4);
	CHECK(laid_out < total);
}
