/*
 * Domain life-cycle self-test: builds a domain from the first module and
 * destroys it, many times, checking after each cycle that every frame came
 * back (the builder's validated, pinned bootstrap tables included), so a
 * leak in building, validation or teardown shows at once.
 */
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/pv_build.h"
#include "frame.h"
#include "heap.h"
#include "kernel_image.h"
#include "printk.h"
#include "selftest.h"

#define CYCLES 20
#define DOMAIN_PAGES 2048 /* 8 MiB */
#define SELFTEST_DOMID 0x7000

static bool one_cycle(const struct kernel_image *k)
{
	struct domain *d = domain_create(SELFTEST_DOMID, "selftest", false);
	struct pv_build_request req = {
		.kernel = k->elf,
		.kernel_size = k->size,
		.cmdline = "",
		.nr_pages = DOMAIN_PAGES,
	};
	bool built;

	if (!d)
		return false;
	built = pv_build_domain(d, &req) == 0;
	domain_destroy(d);
	domain_reap();
	return built;
}

static bool cycles(const struct kernel_image *k)
{
	for (unsigned int i = 0; i < CYCLES; i++) {
		/* Pages the heap keeps for reuse count as free. */
		uint64_t free_before = frames_free_count() + heap_small_pages();

		if (!one_cycle(k))
			return false;
		if (frames_free_count() + heap_small_pages() != free_before) {
			printk(LOG_ERR "selftest domains: cycle %u lost %ld frames\n", i,
			       (long)(free_before - frames_free_count() - heap_small_pages()));
			return false;
		}
	}
	return true;
}

bool selftest_domains(const struct boot_info *bi)
{
	const struct boot_module *m = &bi->modules[0];
	struct kernel_image k;
	bool ok;

	if (!bi->module_count) {
		printk(LOG_ERR "selftest domains: needs a PV kernel as the first module\n");
		return false;
	}
	if (kernel_image_unpack(phys_to_virt(m->start), m->end - m->start, &k)) {
		printk(LOG_ERR "selftest domains: bad kernel image: %s\n", k.error);
		return false;
	}
	ok = cycles(&k);
	kernel_image_release(&k);
	if (!ok)
		return false;
	printk("selftest domains: %u build/destroy cycles, every frame returned\n", CYCLES);
	return true;
}
