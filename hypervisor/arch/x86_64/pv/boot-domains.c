/*
 * Boot-time domains (see boot_domains.h).
 *
 * Module command lines (after the path, for loaders that give one):
 *   module 0:  dom0's kernel command line
 *   module 1:  dom0's initrd, unless it is marked as a domU
 *   others:    domU=<name>[,mem=<size>][,weight=<w>][,cap=<c>] <the domU
 *              kernel's command line>
 * Memory: each domU gets its mem= (default 32 MiB); dom0 gets `dom0_mem=`
 * or, by default, what is left after the domUs less a reserve for the
 * hypervisor (1/16 of free memory, at least 16 MiB).  weight= and cap=
 * are the domU's credit scheduler parameters (sched.h); dom0 keeps the
 * defaults.
 */
#include "arch/boot_domains.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/pv_build.h"
#include "cmdline.h"
#include "frame.h"
#include "lib/string.h"
#include "printk.h"
#include "sched.h"

#define DOMU_MARK "domU="
#define DOMU_DEFAULT_MEM (32ull << 20)
#define RESERVE_MIN (16ull << 20)

static uint64_t dom0_mem;
BOOT_PARAM_SIZE("dom0_mem", dom0_mem);

struct boot_domain {
	const struct boot_module *kernel, *initrd;
	const char *cmdline;
	char name[DOMAIN_NAME_MAX];
	uint64_t mem;
	unsigned long weight, cap;
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

/* Copies the value of the option at @s (up to ',' or ' ') into @buf; its length or -1. */
static int option_value(const char *s, char *buf, size_t size)
{
	size_t len = 0;

	while (s[len] && s[len] != ',' && s[len] != ' ')
		len++;
	if (!len || len >= size)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return (int)len;
}

/* Parses ",mem=size", ",weight=w" or ",cap=c" at @s into @bd: its length, or -1. */
static int parse_domu_option(const char *s, struct boot_domain *bd)
{
	static const char *const keys[] = { ",mem=", ",weight=", ",cap=" };
	unsigned long *numbers[] = { NULL, &bd->weight, &bd->cap };
	char value[32];
	const char *end;

	for (unsigned int i = 0; i < ARRAY_SIZE(keys); i++) {
		size_t key_len = strlen(keys[i]);
		int len;

		if (strncmp(s, keys[i], key_len))
			continue;
		len = option_value(s + key_len, value, sizeof(value));
		if (len < 0)
			return -1;
		if (!numbers[i]) {
			if (parse_size(value, &bd->mem) || bd->mem < (1ull << 20))
				return -1;
		} else if (parse_ulong(value, &end, numbers[i]) || *end) {
			return -1;
		}
		return (int)key_len + len;
	}
	return -1;
}

/* Parses "domU=name[,option...] rest"; returns 0 or -1 for a bad spec. */
static int parse_domu(const char *options, struct boot_domain *bd)
{
	const char *s = options + strlen(DOMU_MARK);
	int len = option_value(s, bd->name, sizeof(bd->name));

	if (len < 0)
		return -1;
	s += len;
	bd->mem = DOMU_DEFAULT_MEM;
	bd->weight = SCHED_DEFAULT_WEIGHT;
	while (*s == ',') {
		len = parse_domu_option(s, bd);
		if (len < 0)
			return -1;
		s += len;
	}
	if (*s && *s != ' ')
		return -1;
	while (*s == ' ')
		s++;
	bd->cmdline = s;
	return 0;
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

static bool start(const struct boot_domain *bd, uint16_t domid)
{
	struct domain *d = domain_create(domid, bd->name, bd->dom0);
	struct pv_build_request req = {
		.kernel = phys_to_virt(bd->kernel->start),
		.kernel_size = bd->kernel->end - bd->kernel->start,
		.initrd = bd->initrd ? phys_to_virt(bd->initrd->start) : NULL,
		.initrd_size = bd->initrd ? bd->initrd->end - bd->initrd->start : 0,
		.cmdline = bd->cmdline,
		.nr_pages = bd->mem >> PAGE_SHIFT,
	};

	if (!d) {
		printk(LOG_ERR "%s: out of memory\n", bd->name);
		return false;
	}
	d->console_access = true;
	printk("Building d%u (%s): %lu MiB, command line '%s'\n", domid, bd->name,
	       bd->mem >> 20, bd->cmdline);
	if (pv_build_domain(d, &req) || !set_sched_params(d, bd)) {
		printk(LOG_ERR "d%u (%s) not started\n", domid, bd->name);
		domain_destroy(d);
		/* No guest runs yet: its memory goes back now, for the next domains. */
		domain_reap();
		return false;
	}
	return true;
}

unsigned int boot_domains_create(const struct boot_info *bi)
{
	struct boot_domain bds[BOOT_MAX_MODULES];
	unsigned int count = collect(bi, bds), started = 0;
	uint16_t next_domu = 1;

	for (unsigned int i = 0; i < count; i++) {
		if (bds[i].dom0)
			bds[i].mem = dom0_mem ? dom0_mem : dom0_default_mem(bds, count);
	}
	for (unsigned int i = 0; i < count; i++)
		started += start(&bds[i], bds[i].dom0 ? 0 : next_domu++);
	return started;
}
