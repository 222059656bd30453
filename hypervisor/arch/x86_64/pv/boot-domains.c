/*
 * Boot-time domains (see boot_domains.h).
 *
 * Module command lines (after the path, for loaders that give one):
 *   module 0:  dom0's kernel command line
 *   module 1:  dom0's initrd, unless it is marked as a domU
 *   others:    domU=<name>[,mem=<size>][,vcpus=<n>][,weight=<w>][,cap=<c>]
 *              <the domU kernel's command line>
 * Memory: each domU gets its mem= (default 32 MiB); dom0 gets `dom0_mem=`
 * or, by default, what is left after the domUs less a reserve for the
 * hypervisor (1/16 of free memory, at least 16 MiB).  vCPUs: a domU's
 * vcpus= (default 1), dom0's `dom0_max_vcpus=` (default 1), at most
 * DOMAIN_MAX_VCPUS; all of them share the one physical CPU.  weight= and
 * cap= are the domU's credit scheduler parameters (sched.h); dom0 keeps
 * the defaults.
 * A kernel module may be a bzImage or a compressed ELF (kernel_image.h):
 * it is unpacked just before its domain is built and freed just after,
 * and dom0's default memory is reckoned while its kernel is unpacked.
 */
#include "arch/boot_domains.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/pv_build.h"
#include "cmdline.h"
#include "frame.h"
#include "kernel_image.h"
#include "lib/string.h"
#include "printk.h"
#include "pv_io.h"
#include "sched.h"

#define DOMU_MARK "domU="
#define DOMU_DEFAULT_MEM (32ull << 20)
#define RESERVE_MIN (16ull << 20)

static uint64_t dom0_mem;
BOOT_PARAM_SIZE("dom0_mem", dom0_mem);
static uint64_t dom0_max_vcpus = 1;
BOOT_PARAM_UINT("dom0_max_vcpus", dom0_max_vcpus);

struct boot_domain {
	const struct boot_module *kernel, *initrd;
	const char *cmdline;
	char name[DOMAIN_NAME_MAX];
	uint64_t mem;
	uint64_t vcpus, weight, cap;
	bool dom0;
};

static const char *module_options(const struct boot_info *bi, unsigned int i)
{
	return boot_cmdline_options(bi, bi->modules[i].cmdline);
}

static bool is_domu(const char *options)
{
	return !strncmp(options, DOMU_MARK, strlen(DOMU_MARK));
}

/*
 * Copies the value of option @key (",key=value") at *@s into @buf and
 * moves *@s past it: 1, 0 if *@s is not that option, -1 if the value is
 * too long.
 */
static int option_value(const char **s, const char *key, char *buf, size_t size)
{
	size_t key_len = strlen(key), len = 0;

	if (**s != ',' || strncmp(*s + 1, key, key_len) || (*s)[key_len + 1] != '=')
		return 0;
	*s += key_len + 2;
	while ((*s)[len] && (*s)[len] != ' ' && (*s)[len] != ',')
		len++;
	if (len >= size)
		return -1;
	memcpy(buf, *s, len);
	buf[len] = '\0';
	*s += len;
	return 1;
}

/*
 * Parses "domU=name[,mem=size][,vcpus=n][,weight=w][,cap=c] rest" (options
 * in any order); 0, or -1 for a bad spec.
 */
static int parse_domu(const char *options, struct boot_domain *bd)
{
	const char *s = options + strlen(DOMU_MARK), *end;
	size_t name_len = 0;
	char value[32];
	int found;

	while (s[name_len] && s[name_len] != ',' && s[name_len] != ' ')
		name_len++;
	if (!name_len || name_len >= sizeof(bd->name))
		return -1;
	memcpy(bd->name, s, name_len);
	bd->name[name_len] = '\0';
	s += name_len;
	bd->mem = DOMU_DEFAULT_MEM;
	bd->vcpus = 1;
	bd->weight = SCHED_DEFAULT_WEIGHT;
	while (*s == ',') {
		if ((found = option_value(&s, "mem", value, sizeof(value)))) {
			if (found < 0 || parse_size(value, &bd->mem) || bd->mem < (1ull << 20))
				return -1;
		} else if ((found = option_value(&s, "vcpus", value, sizeof(value)))) {
			if (found < 0 || parse_ulong(value, &end, &bd->vcpus) || *end ||
			    !bd->vcpus || bd->vcpus > DOMAIN_MAX_VCPUS)
				return -1;
		} else if ((found = option_value(&s, "weight", value, sizeof(value)))) {
			if (found < 0 || parse_ulong(value, &end, &bd->weight) || *end)
				return -1;
		} else if ((found = option_value(&s, "cap", value, sizeof(value)))) {
			if (found < 0 || parse_ulong(value, &end, &bd->cap) || *end)
				return -1;
		} else {
			return -1;
		}
	}
	if (*s && *s != ' ')
		return -1;
	while (*s == ' ')
		s++;
	bd->cmdline = s;
	return 0;
}

/* dom0_max_vcpus=, kept between 1 and DOMAIN_MAX_VCPUS. */
static uint64_t dom0_vcpus(void)
{
	if (dom0_max_vcpus >= 1 && dom0_max_vcpus <= DOMAIN_MAX_VCPUS)
		return dom0_max_vcpus;
	printk(LOG_WARNING "dom0_max_vcpus=%lu: using %u\n", dom0_max_vcpus,
	       dom0_max_vcpus ? DOMAIN_MAX_VCPUS : 1);
	return dom0_max_vcpus ? DOMAIN_MAX_VCPUS : 1;
}

/* Fills @out from the modules; returns how many domains they describe. */
static unsigned int collect(const struct boot_info *bi, struct boot_domain *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < bi->module_count; i++) {
		const char *options = module_options(bi, i);
		struct boot_domain *bd = &out[n];

		*bd = (struct boot_domain){ .kernel = &bi->modules[i],
					    .weight = SCHED_DEFAULT_WEIGHT };
		if (is_domu(options)) {
			if (parse_domu(options, bd)) {
				printk(LOG_ERR "module %u: bad domU spec '%s': skipped\n", i, options);
				continue;
			}
		} else if (i == 0) {
			bd->dom0 = true;
			bd->vcpus = dom0_vcpus();
			bd->cmdline = options;
			strlcpy(bd->name, "dom0", sizeof(bd->name));
			if (bi->module_count > 1 && !is_domu(module_options(bi, 1)))
				bd->initrd = &bi->modules[++i];
		} else {
			printk(LOG_WARNING "module %u ('%s') is not marked domU=: ignored\n", i,
			       options);
			continue;
		}
		n++;
	}
	return n;
}

static uint64_t dom0_default_mem(const struct boot_domain *bds, unsigned int count)
{
	uint64_t free = frames_free_count() << PAGE_SHIFT, reserve;

	for (unsigned int i = 0; i < count; i++)
		free -= MIN(free, bds[i].dom0 ? 0 : bds[i].mem);
	reserve = MAX(free / 16, RESERVE_MIN);
	return free > reserve ? free - reserve : 0;
}

/* Applies the domU's weight= and cap= (once its vCPUs exist: the cap's range depends on them). */
static bool set_sched_params(struct domain *d, const struct boot_domain *bd)
{
	if (bd->weight == SCHED_DEFAULT_WEIGHT && !bd->cap)
		return true;
	if (bd->weight > UINT16_MAX || bd->cap > UINT16_MAX ||
	    sched_set_params(d, (unsigned int)bd->weight, (unsigned int)bd->cap)) {
		printk(LOG_ERR "d%u (%s): weight %lu or cap %lu out of range\n", d->domid, d->name,
		       bd->weight, bd->cap);
		return false;
	}
	printk("d%u (%s): weight %lu, cap %lu\n", d->domid, d->name, bd->weight, bd->cap);
	return true;
}

/*
 * As on Xen: dom0 has no memory limit (max_pages ~0U, what Xen's dom0
 * builder sets without dom0_mem=max:) and no memory map; a domU gets the
 * one-entry RAM map Xen's toolstack sets, and its size as its limit.
 */
static void set_memory_limits(struct domain *d, const struct boot_domain *bd)
{
	if (bd->dom0)
		d->max_pages = UINT32_MAX;
	else
		d->memory_map_pages = d->max_pages;
}

static bool start(const struct boot_domain *bd, uint16_t domid, const struct kernel_image *k)
{
	struct domain *d = domain_create(domid, bd->name, bd->dom0);
	struct pv_build_request req = {
		.kernel = k->elf,
		.kernel_size = k->size,
		.initrd = bd->initrd ? phys_to_virt(bd->initrd->start) : NULL,
		.initrd_size = bd->initrd ? bd->initrd->end - bd->initrd->start : 0,
		.cmdline = bd->cmdline,
		.nr_pages = bd->mem >> PAGE_SHIFT,
		.nr_vcpus = (unsigned int)bd->vcpus,
	};

	if (!d) {
		printk(LOG_ERR "%s: out of memory\n", bd->name);
		return false;
	}
	d->console_access = true;
	printk("Building d%u (%s): %lu MiB, %s kernel, command line '%s'\n", domid, bd->name,
	       bd->mem >> 20, k->kind, bd->cmdline);
	if ((bd->dom0 && dom0_ioports_setup(d)) || pv_build_domain(d, &req) ||
	    !set_sched_params(d, bd)) {
		printk(LOG_ERR "d%u (%s) not started\n", domid, bd->name);
		domain_destroy(d);
		/* No guest runs yet: its memory goes back now, for the next domains. */
		domain_reap();
		return false;
	}
	set_memory_limits(d, bd);
	return true;
}

unsigned int boot_domains_create(const struct boot_info *bi)
{
	struct boot_domain bds[BOOT_MAX_MODULES];
	unsigned int count = collect(bi, bds), started = 0;
	uint16_t next_domu = 1;

	for (unsigned int i = 0; i < count; i++) {
		uint16_t domid = bds[i].dom0 ? 0 : next_domu++;
		const struct boot_module *m = bds[i].kernel;
		struct kernel_image k;

		if (kernel_image_unpack(phys_to_virt(m->start), m->end - m->start, &k)) {
			printk(LOG_ERR "d%u (%s) not started: bad %s kernel image: %s\n", domid,
			       bds[i].name, k.kind, k.error);
			continue;
		}
		if (bds[i].dom0)
			bds[i].mem = dom0_mem ? dom0_mem : dom0_default_mem(bds, count);
		started += start(&bds[i], domid, &k);
		kernel_image_release(&k);
	}
	return started;
}
