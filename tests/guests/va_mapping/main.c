/*
 * update_va_mapping and multicall, from inside a guest.
 *
 * A page-aligned "window" in our .bss is remapped to frames beyond the
 * bootstrap area (pfns the domain owns but nothing maps) and back, with
 * each flush variant, checking what the window shows each time (a stale
 * TLB entry would show the old frame).  Then the error answers, and a
 * multicall batch whose entries succeed and fail independently.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/multicall.h"
#include "hypercall-abi/version.h"

#define PAGE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

static volatile uint64_t window[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t vcpu_mask = 1;

static long map_window(uint64_t mfn, uint64_t flags)
{
	return HYPERCALL3(update_va_mapping, (uint64_t)window, mfn << 12 | PAGE_FLAGS, flags);
}

/* The pfn of the @n-th page after the bootstrap area (free, unmapped). */
static uint64_t spare_pfn(unsigned int n)
{
	return va_to_pfn(bootstrap_end()) + n;
}

static void check_remaps(void)
{
	uint64_t own = va_to_mfn(window);
	uint64_t a = pfn_to_mfn(spare_pfn(0)), b = pfn_to_mfn(spare_pfn(1));
	uint64_t mask_flags = PV_UVMF_INVLPG | (uint64_t)&vcpu_mask;

	window[0] = 0x1111;
	CHECK_EQ(map_window(a, PV_UVMF_INVLPG | PV_UVMF_LOCAL), 0);
	window[0] = 0xaaaa;
	CHECK_EQ(map_window(b, PV_UVMF_TLB_FLUSH | PV_UVMF_ALL), 0);
	CHECK_EQ(window[0], 0); /* a fresh frame of ours: zeroed by the builder */
	window[0] = 0xbbbb;
	CHECK_EQ(map_window(a, mask_flags), 0);
	CHECK_EQ(window[0], 0xaaaa);
	CHECK_EQ(map_window(b, PV_UVMF_INVLPG | PV_UVMF_ALL), 0);
	CHECK_EQ(window[0], 0xbbbb);
	CHECK_EQ(map_window(own, PV_UVMF_INVLPG), 0);
	CHECK_EQ(window[0], 0x1111);
	printf("va_mapping: remapped the window to pfns %#lx and %#lx and back\n",
	       spare_pfn(0), spare_pfn(1));
}

static void check_errors(void)
{
	uint64_t own = va_to_mfn(window);
	uint64_t l4 = va_to_mfn((const void *)boot_start_info->pt_base);

	/* No L1 maps these addresses, or they are not the guest's. */
	CHECK_EQ(HYPERCALL3(update_va_mapping, 0x100000000000ul, 0, 0), -PV_EINVAL);
	CHECK_EQ(HYPERCALL3(update_va_mapping, 0xffff830000000000ul, 0, 0), -PV_EINVAL);
	CHECK_EQ(HYPERCALL3(update_va_mapping, 0x0000800000000000ul, 0, 0), -PV_EINVAL);
	/* Frames that are not ours; a writable page-table frame; bad flags. */
	CHECK_EQ(map_window(0x200, 0), -PV_EBUSY);
	CHECK_EQ(map_window(l4, 0), -PV_EBUSY);
	if (boot_start_info->flags & PV_SIF_PRIVILEGED) {
		/* dom0 may map I/O memory and choose caching. */
		CHECK_EQ(map_window(0xfffffff, 0), 0);
		CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)window,
				    own << 12 | PAGE_FLAGS | PTE_PCD, 0), 0);
	} else {
		CHECK_EQ(map_window(0xfffffff, 0), -PV_EPERM);
		CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)window,
				    own << 12 | PAGE_FLAGS | PTE_PCD, 0), -PV_EINVAL);
	}
	/* The change is made, then the bad vCPU bitmap is reported. */
	CHECK_EQ(map_window(own, PV_UVMF_TLB_FLUSH | 0x100000000000ul), -PV_EFAULT);
	window[0] = 0x2222;
	CHECK_EQ(window[0], 0x2222);
	printf("va_mapping: errors answered, window still mapped\n");
}

static void check_multicall(void)
{
	static struct pv_multicall_entry calls[6], nested[1];
	static const char text[] = "va_mapping: written from a multicall\n";

	calls[0] = (struct pv_multicall_entry){ .op = PV_HYPERVISOR_xen_version };
	calls[1] = (struct pv_multicall_entry){
		.op = PV_HYPERVISOR_console_io,
		.args = { PV_CONSOLEIO_write, sizeof(text) - 1, (uint64_t)text } };
	calls[2] = (struct pv_multicall_entry){
		.op = PV_HYPERVISOR_update_va_mapping, .args = { 0x100000000000ul } };
	calls[3] = (struct pv_multicall_entry){ .op = 200 };
	calls[4] = (struct pv_multicall_entry){
		.op = PV_HYPERVISOR_multicall, .args = { (uint64_t)nested, 1 } };
	calls[5] = (struct pv_multicall_entry){
		.op = PV_HYPERVISOR_xen_version, .args = { PV_XENVER_pagesize } };
	CHECK_EQ(HYPERCALL2(multicall, calls, 6), 0);
	CHECK_EQ(calls[0].result, 0x40011);
	CHECK_EQ(calls[1].result, 0);
	CHECK_EQ(calls[2].result, -PV_EINVAL);
	CHECK_EQ(calls[3].result, -PV_ENOSYS);
	CHECK_EQ(calls[4].result, -PV_EINVAL); /* no nesting */
	CHECK_EQ(calls[5].result, 4096);
	CHECK_EQ(HYPERCALL2(multicall, calls, 0), 0);
	CHECK_EQ(HYPERCALL2(multicall, 0x100000000000ul, 1), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(multicall, 0xffff830000000000ul, 1), -PV_EFAULT);
	printf("va_mapping: multicall results as expected\n");
}

void test_main(const struct pv_start_info *si)
{
	(void)si;
	check_remaps();
	check_errors();
	check_multicall();
}
