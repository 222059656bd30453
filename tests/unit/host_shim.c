/*
 * The arch hooks the portable hypervisor code needs, for the host unit
 * tests: the console appends to a capture buffer that tests can inspect,
 * heap pages come from aligned_alloc, and arch_halt() (reached through
 * panic) aborts, since a panic in a unit test is always a failure.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/cache.h"
#include "arch/guest_access.h"
#include "arch/ioapic.h"
#include "arch/pagetable.h"
#include "arch/pv_segments.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall.h"
#include "m2p.h"
#include "arch/pv_context.h"
#include "arch/tlb.h"
#include "evtchn.h"
#include "page_type.h"
#include "pcpu.h"
#include "sched.h"
#include "time.h"
#include "pvclock.h"
#include "timer.h"

static char captured[65536];
static size_t captured_len;

void arch_console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
	for (size_t i = 0; i < len && captured_len + 1 < sizeof(captured); i++)
		captured[captured_len++] = s[i];
	captured[captured_len] = '\0';
}

const char *console_captured(void)
{
	return captured;
}

void console_capture_reset(void)
{
	captured_len = 0;
	captured[0] = '\0';
}

void arch_halt(void)
{
	abort();
}

void *heap_pages_alloc(unsigned order)
{
	return aligned_alloc(4096, (size_t)4096 << order);
}

void heap_pages_free(void *p, unsigned order)
{
	(void)order;
	free(p);
}

/* Frames have no memory behind them in host tests. */
void arch_clear_frame(uint64_t frame)
{
	(void)frame;
}

/* ---- PV page types (page_type.h) ---- */

static uint64_t *frame_memory;
static uint64_t frame_memory_frames;
unsigned int host_type_flushes;
unsigned int host_flush_old_type, host_flush_new_type;

void host_frame_memory_set(uint64_t *mem, uint64_t frames)
{
	frame_memory = mem;
	frame_memory_frames = mem ? frames : 0;
}

uint64_t *pv_frame_table_entries(uint64_t mfn)
{
	return mfn < frame_memory_frames ? frame_memory + mfn * PT_ENTRIES : NULL;
}

void pv_l4_install_hypervisor_slots(uint64_t *l4)
{
	for (unsigned int i = PV_L4_HV_FIRST_SLOT; i <= PV_L4_HV_LAST_SLOT; i++)
		l4[i] = HOST_L4_HV_ENTRY(i);
}

void pv_flush_for_type_change(const struct domain *d, uint64_t mfn,
			      enum pv_page_type old_type, enum pv_page_type new_type)
{
	(void)d;
	(void)mfn;
	host_type_flushes++;
	host_flush_old_type = old_type;
	host_flush_new_type = new_type;
}

/* ---- Hypercall context (host_guest.h) ---- */

uint8_t host_guest_memory[HOST_GUEST_SIZE];
struct domain *host_current_domain;
bool host_preempt;
unsigned int host_continued_nr, host_continued_nargs, host_reschedules;
uint64_t host_continued_args[5];

struct domain *current_domain(void)
{
	return host_current_domain;
}

/* The first vCPU of the current domain (tests give it one). */
struct vcpu *calling_vcpu(void)
{
	return host_current_domain->vcpus[0];
}

static void *guest_ptr(uint64_t va, size_t len)
{
	if (va < HOST_GUEST_BASE || len > HOST_GUEST_SIZE ||
	    va - HOST_GUEST_BASE > HOST_GUEST_SIZE - len)
		return NULL;
	return host_guest_memory + (va - HOST_GUEST_BASE);
}

bool guest_range_ok(uint64_t va, size_t len)
{
	return guest_ptr(va, len) != NULL;
}

int copy_from_guest(void *dst, uint64_t guest_va, size_t len)
{
	void *src = guest_ptr(guest_va, len);

	if (!src)
		return -PV_EFAULT;
	memcpy(dst, src, len);
	return 0;
}

int copy_to_guest(uint64_t guest_va, const void *src, size_t len)
{
	void *dst = guest_ptr(guest_va, len);

	if (!dst)
		return -PV_EFAULT;
	memcpy(dst, src, len);
	return 0;
}

/* Multicall entries run through this table in host tests (NULL: -ENOSYS). */
long (*host_hypercall_table[64])(const uint64_t *args);

long hypercall_invoke(uint64_t nr, const uint64_t *args)
{
	if (nr >= 64 || !host_hypercall_table[nr])
		return -PV_ENOSYS;
	return host_hypercall_table[nr](args);
}

long hypercall_continue(unsigned int nr, unsigned int nargs, const uint64_t *args)
{
	struct vcpu *v = host_current_domain && host_current_domain->vcpus[0] ?
				 host_current_domain->vcpus[0] : NULL;

	if (v && v->in_multicall) {
		for (unsigned int i = 0; i < 5; i++)
			v->mc_args[i] = i < nargs ? args[i] : 0;
		v->mc_continued = true;
		return 0x7fff;
	}
	host_continued_nr = nr;
	host_continued_nargs = nargs;
	for (unsigned int i = 0; i < nargs && i < 5; i++)
		host_continued_args[i] = args[i];
	return 0x7fff; /* what the handler passes back: tests compare it */
}

bool hypercall_preempt_check(void)
{
	return host_preempt;
}

const char *hypervisor_cmdline(void)
{
	return "loglvl=all dom0_mem=64M";
}

void request_reschedule(void)
{
	host_reschedules++;
}

/* Event kicks (evtchn.h): counted, with the last vCPU kicked. */
unsigned int host_vcpu_kicks;
struct vcpu *host_last_kicked;

void arch_vcpu_kick(struct vcpu *v)
{
	host_vcpu_kicks++;
	host_last_kicked = v;
}

uint64_t host_now;

uint64_t now(void)
{
	return host_now;
}

/* VCPUOP_initialise's arch part (arch/pv_vcpu.h): counted, answering host_initialise_rc. */
unsigned int host_initialises;
long host_initialise_rc;

long pv_vcpu_initialise(struct vcpu *v, const struct pv_vcpu_guest_context *c)
{
	(void)c;
	host_initialises++;
	if (!host_initialise_rc)
		v->initialised = true;
	return host_initialise_rc;
}

/* The clock pvclock_update_vcpu() samples: settable by tests. */
uint64_t host_tsc, host_system_time, host_boot_epoch_ns;
struct time_scale host_tsc_scale = { .mul_frac = 0x80000000u, .shift = 1 };

void time_sample(uint64_t *tsc, uint64_t *system_time)
{
	*tsc = host_tsc;
	*system_time = host_system_time;
}

struct time_scale time_tsc_scale(void)
{
	return host_tsc_scale;
}

uint64_t time_boot_epoch_ns(void)
{
	return host_boot_epoch_ns;
}

void time_set_boot_epoch_ns(uint64_t ns)
{
	host_boot_epoch_ns = ns;
}

/* The one-shot timer (timer.h): the last deadline programmed and how often. */
uint64_t host_timer_deadline;
unsigned int host_timer_programs;

void arch_timer_program(uint64_t deadline)
{
	host_timer_deadline = deadline;
	host_timer_programs++;
}

/* ---- M2P and TLB ---- */

#define HOST_M2P_ENTRIES 65536
static uint64_t host_m2p[HOST_M2P_ENTRIES];

void m2p_set(uint64_t mfn, uint64_t pfn)
{
	if (mfn < HOST_M2P_ENTRIES)
		host_m2p[mfn] = pfn;
}

uint64_t m2p_get(uint64_t mfn)
{
	return mfn < HOST_M2P_ENTRIES ? host_m2p[mfn] : M2P_INVALID;
}

uint64_t host_m2p_nr_entries = HOST_M2P_ENTRIES, host_m2p_first_mfn = 0x40000;

uint64_t m2p_nr_entries(void)
{
	return host_m2p_nr_entries;
}

uint64_t m2p_backing_mfn(uint64_t offset)
{
	return offset < host_m2p_nr_entries * 8 ? host_m2p_first_mfn + (offset >> 12) : FRAME_NONE;
}

unsigned int host_tlb_flushes;

void flush_tlb_local(void)
{
	host_tlb_flushes++;
}

uint64_t host_invlpg_last;

void flush_tlb_one_local(uint64_t va)
{
	host_invlpg_last = va;
	host_tlb_flushes++;
}

/* ---- CR3 reloads and cache flushes (mmuext_op) ---- */

unsigned int host_cr3_reloads, host_cache_flushes;
uint64_t host_cr3_loaded;

void arch_reload_cr3(struct vcpu *v)
{
	host_cr3_reloads++;
	host_cr3_loaded = v->arch.kernel_mode ? v->arch.kernel_cr3 : v->arch.user_cr3;
}

/* ---- Descriptor tables shown to the CPU (descriptor-tables.c) ---- */

unsigned int host_descriptor_table_changes;

void pv_descriptor_tables_changed(struct vcpu *v)
{
	(void)v;
	host_descriptor_table_changes++;
}

/* Host tests have no FPU state to release. */
void fpu_vcpu_release(struct vcpu *v)
{
	(void)v;
}

void cache_flush_local(void)
{
	host_cache_flushes++;
}

struct pcpu_identity host_pcpu_identity = {
	.apic_id = 3,
	.acpi_id = 3,
	.vendor_id = "GenuineIntel",
	.family = 6,
	.model = 0x55,
	.stepping = 7,
};

void pcpu_identify(struct pcpu_identity *id)
{
	*id = host_pcpu_identity;
}

void pcpu_mc_logical_cpu(struct pv_mc_logical_cpu *cpu)
{
	memset(cpu, 0, sizeof(*cpu));
	cpu->mc_apicid = host_pcpu_identity.apic_id;
	cpu->mc_family = host_pcpu_identity.family;
	memcpy(cpu->mc_vendorid, host_pcpu_identity.vendor_id, 12);
	cpu->mc_nmsrvals = 1;
	cpu->mc_msrvalues[0].reg = 0x179;
	cpu->mc_msrvalues[0].value = 0x1000a;
}

uint32_t host_ioapic_regs[256];

int ioapic_guest_read(uint64_t physbase, uint32_t reg, uint32_t *value)
{
	if (physbase != HOST_IOAPIC_BASE)
		return -PV_EINVAL;
	*value = host_ioapic_regs[reg & 0xff];
	return 0;
}

unsigned int ioapic_gsi_end(void)
{
	return HOST_IOAPIC_GSIS;
}

bool ioapic_has_gsi(unsigned int gsi)
{
	return gsi < HOST_IOAPIC_GSIS;
}

uint32_t host_gsi_mode[HOST_IOAPIC_GSIS];

void ioapic_set_gsi_mode(unsigned int gsi, bool level, bool active_low)
{
	host_gsi_mode[gsi] = HOST_GSI_SET | (level ? HOST_GSI_LEVEL : 0) |
			     (active_low ? HOST_GSI_ACTIVE_LOW : 0);
}

bool ioapic_gsi_is_level(unsigned int gsi)
{
	return host_gsi_mode[gsi] & HOST_GSI_LEVEL;
}

bool host_gsi_enabled[HOST_IOAPIC_GSIS];

void ioapic_gsi_enable(unsigned int gsi)
{
	host_gsi_enabled[gsi] = true;
}

void ioapic_gsi_mask(unsigned int gsi, bool masked)
{
	host_gsi_enabled[gsi] = !masked;
}

int ioapic_guest_gsi(uint64_t physbase, uint32_t reg)
{
	if (physbase != HOST_IOAPIC_BASE)
		return -PV_EINVAL;
	if (reg < 0x10 || (reg & 1))
		return IOAPIC_NOT_AN_RTE;
	return (reg - 0x10) / 2 < HOST_IOAPIC_GSIS ? (int)(reg - 0x10) / 2 : -PV_EINVAL;
}
