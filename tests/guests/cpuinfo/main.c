/*
 * cpuinfo: dom0's physical CPU queries, platform_op get_cpuinfo and
 * get_cpu_version and the mca hypercall (physcpuinfo, fetch), with their
 * error codes.
 *
 * As dom0: CPU 0 is online with the vendor CPUID shows, other numbers are
 * answered as absent, physcpuinfo counts one CPU and writes one record
 * holding MCG_CAP, fetch finds no telemetry, bad pointers are -EFAULT.
 * As a domU (the command line's "role=" says which): -EPERM for all.
 */
#include "guest.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/mca.h"
#include "hypercall-abi/platform.h"
#include "lib/string.h"

static struct pv_platform_op pop;
static struct pv_mc mop;
static struct pv_mc_logical_cpu records[4];

static long platform_op(uint32_t cmd, uint32_t cpu)
{
	memset(&pop, 0, sizeof(pop));
	pop.cmd = cmd;
	pop.interface_version = PV_XENPF_INTERFACE_VERSION;
	memcpy(pop.u.pad, &cpu, sizeof(cpu));
	return HYPERCALL1(platform_op, &pop);
}

static long mca(uint32_t cmd, uint32_t count_or_flags, void *buffer)
{
	memset(&mop, 0, sizeof(mop));
	mop.cmd = cmd;
	mop.interface_version = PV_XEN_MCA_INTERFACE_VERSION;
	if (cmd == PV_XEN_MC_fetch) {
		mop.u.mc_fetch.flags = count_or_flags;
		mop.u.mc_fetch.data = (uint64_t)buffer;
	} else {
		mop.u.mc_physcpuinfo.ncpus = count_or_flags;
		mop.u.mc_physcpuinfo.info = (uint64_t)buffer;
	}
	return HYPERCALL1(arch_0, &mop);
}

static void check_platform_op(void)
{
	struct cpuid_vendor {
		uint32_t ebx, edx, ecx;
	} vendor;
	struct pv_platform_pcpuinfo info;
	struct pv_platform_pcpu_version ver;
	uint32_t eax;

	__asm__ volatile("cpuid" : "=a"(eax), "=b"(vendor.ebx), "=c"(vendor.ecx), "=d"(vendor.edx)
			 : "a"(0), "c"(0));
	CHECK_EQ(platform_op(PV_XENPF_get_cpuinfo, 0), 0);
	memcpy(&info, pop.u.pad, sizeof(info));
	CHECK_EQ(info.flags, PV_XEN_PCPU_FLAGS_ONLINE);
	CHECK_EQ(info.max_present, 0);
	CHECK_EQ(platform_op(PV_XENPF_get_cpu_version, 0), 0);
	memcpy(&ver, pop.u.pad, sizeof(ver));
	CHECK(!memcmp(ver.vendor_id, &vendor, 12));
	CHECK(ver.family != 0);
	printf("cpuinfo: cpu 0 online, apic %u acpi %u, %.12s family %u model %u stepping %u\n",
	       info.apic_id, info.acpi_id, ver.vendor_id, ver.family, ver.model, ver.stepping);

	CHECK_EQ(platform_op(PV_XENPF_get_cpuinfo, 1), 0);
	memcpy(&info, pop.u.pad, sizeof(info));
	CHECK_EQ(info.flags, PV_XEN_PCPU_FLAGS_INVALID);
	CHECK_EQ(info.max_present, 0);
	CHECK_EQ(platform_op(PV_XENPF_get_cpu_version, 0xffffffff), 0);
	memcpy(&ver, pop.u.pad, sizeof(ver));
	CHECK_EQ(ver.family, 0);
	CHECK_EQ(ver.vendor_id[0], 0);
	CHECK_EQ(HYPERCALL1(platform_op, 0), -PV_EFAULT);
	printf("cpuinfo: absent cpus flagged\n");
}

static void check_mca(void)
{
	CHECK_EQ(mca(PV_XEN_MC_physcpuinfo, 0, NULL), 0);
	CHECK_EQ(mop.u.mc_physcpuinfo.ncpus, 1);
	CHECK_EQ(mca(PV_XEN_MC_physcpuinfo, 0, records), -PV_EINVAL);
	memset(records, 0xa5, sizeof(records));
	CHECK_EQ(mca(PV_XEN_MC_physcpuinfo, 4, records), 0);
	CHECK_EQ(mop.u.mc_physcpuinfo.ncpus, 1);
	CHECK_EQ(records[0].mc_cpunr, 0);
	CHECK_EQ(records[0].mc_nmsrvals, 1);
	CHECK_EQ(records[0].mc_msrvalues[0].reg, 0x179);
	CHECK(records[0].mc_family != 0);
	CHECK_EQ(records[1].mc_cpunr, 0xa5a5a5a5);
	printf("cpuinfo: mca cpu 0 %.12s vendor %#x family %u MCG_CAP %#lx\n",
	       records[0].mc_vendorid, records[0].mc_vendor, records[0].mc_family,
	       (unsigned long)records[0].mc_msrvalues[0].value);
	CHECK_EQ(mca(PV_XEN_MC_physcpuinfo, 4, (void *)0x100000000000ul), -PV_EFAULT);
	CHECK_EQ(mop.u.mc_physcpuinfo.ncpus, 1);
	CHECK_EQ(mca(PV_XEN_MC_fetch, PV_XEN_MC_URGENT, records), 0);
	CHECK_EQ(mop.u.mc_fetch.flags, PV_XEN_MC_NODATA);
	CHECK_EQ(mca(PV_XEN_MC_fetch, PV_XEN_MC_URGENT | PV_XEN_MC_NONURGENT, records),
		 -PV_EINVAL);
	CHECK_EQ(mca(PV_XEN_MC_notifydomain, 0, NULL), -PV_EINVAL);
	CHECK_EQ(mca(PV_XEN_MC_mceinject, 0, NULL), -PV_ENODEV);
	CHECK_EQ(HYPERCALL1(arch_0, 0), -PV_EFAULT);
	printf("cpuinfo: mca answers checked\n");
}

static void check_refused(void)
{
	CHECK_EQ(platform_op(PV_XENPF_get_cpuinfo, 0), -PV_EPERM);
	CHECK_EQ(platform_op(PV_XENPF_get_cpu_version, 0), -PV_EPERM);
	CHECK_EQ(mca(PV_XEN_MC_physcpuinfo, 0, NULL), -PV_EPERM);
	CHECK_EQ(mop.u.mc_physcpuinfo.ncpus, 0);
	CHECK_EQ(HYPERCALL1(arch_0, 0), -PV_EPERM);
	printf("cpuinfo: refused with -EPERM\n");
}

void test_main(const struct pv_start_info *si)
{
	char role[8];

	(void)si;
	CHECK(cmdline_value("role", role, sizeof(role)) != NULL);
	if (!strcmp(role, "dom0")) {
		printf("cpuinfo: running as dom0\n");
		check_platform_op();
		check_mca();
	} else {
		printf("cpuinfo: running as domU\n");
		check_refused();
	}
}
