/*
 * Physical IRQs from inside a guest; run as dom0 and as a domU.
 *
 * Dom0 registers an EOI bitmap page, maps GSI 8 (the RTC's) to pirq 8,
 * binds an event channel to it (its bit in the bitmap is cleared: an
 * edge-triggered line needs no EOI), programs the RTC's periodic
 * interrupt through ports 0x70/0x71 and receives it as events (polling the pending bit: acknowledging the RTC
 * by reading its register C, then PHYSDEVOP_eoi), closes the port (the
 * edge-triggered input stays unmasked, as on Xen) and unmaps the pirq; it
 * checks Xen's answers for bad pirqs, double binding, an unmapped pirq,
 * a remap after unmap, MSI without a device with MSI, apic_write, and
 * the hypervisor's own serial IRQ.  A domU may not map, unmap, set up GSIs
 * or bind an unmapped pirq, but may ask for a free pirq and query one.
 */
#include "arch/io.h"
#include "guest.h"
#include "guest_events.h"
#include "guest_mm.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/physdev.h"

#define RTC_GSI 8
#define SERIAL_GSI 4
#define NO_SUCH_PIRQ 100000
#define IOAPIC_BASE 0xfec00000ul
#define RTE_MASKED (1u << 16)
#define RTC_INDEX 0x70
#define RTC_DATA 0x71
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_RATE_32HZ 0x0b
#define RTC_B_PERIODIC (1u << 6)
#define EVENTS_WANTED 5
#define NO_SUCH_FRAME 0xfffffffffull

/* The EOI bitmap page: bit N set says pirq N needs PHYSDEVOP_eoi. */
static volatile uint64_t eoi_map[512] __attribute__((aligned(4096)));

static uint8_t rtc_read(uint8_t reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

static void rtc_write(uint8_t reg, uint8_t value)
{
	outb(RTC_INDEX, reg);
	outb(RTC_DATA, value);
}

static long physdev(int cmd, void *arg)
{
	return HYPERCALL2(physdev_op, cmd, arg);
}

static long map_gsi(int gsi, int pirq, int *out)
{
	struct pv_physdev_map_pirq map = {
		.domid = PV_DOMID_SELF, .type = PV_MAP_PIRQ_TYPE_GSI, .index = gsi, .pirq = pirq,
	};
	long rc = physdev(PV_PHYSDEVOP_map_pirq, &map);

	if (out)
		*out = map.pirq;
	return rc;
}

static long unmap(int pirq)
{
	struct pv_physdev_unmap_pirq op = { .domid = PV_DOMID_SELF, .pirq = pirq };

	return physdev(PV_PHYSDEVOP_unmap_pirq, &op);
}

static long eoi(uint32_t pirq)
{
	struct pv_physdev_eoi op = { .irq = pirq };

	return physdev(PV_PHYSDEVOP_eoi, &op);
}

/* The port, or the error. */
static long bind_pirq(uint32_t pirq, uint32_t flags)
{
	struct pv_evtchn_bind_pirq b = { .pirq = pirq, .flags = flags };
	long rc = HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_pirq, &b);

	return rc ? rc : (long)b.port;
}

static long close_port(uint32_t port)
{
	struct pv_evtchn_close c = { .port = port };

	return HYPERCALL2(event_channel_op, PV_EVTCHNOP_close, &c);
}

static long query(uint32_t pirq, uint32_t *flags)
{
	struct pv_physdev_irq_status_query q = { .irq = pirq, .flags = 0xf0 };
	long rc = physdev(PV_PHYSDEVOP_irq_status_query, &q);

	*flags = q.flags;
	return rc;
}

static long get_free_pirq(int type, uint32_t *pirq)
{
	struct pv_physdev_get_free_pirq op = { .type = type };
	long rc = physdev(PV_PHYSDEVOP_get_free_pirq, &op);

	*pirq = op.pirq;
	return rc;
}

static uint32_t rte_low(unsigned int pin)
{
	struct pv_physdev_apic op = { .apic_physbase = IOAPIC_BASE, .reg = 0x10 + 2 * pin };

	CHECK_EQ(physdev(PV_PHYSDEVOP_apic_read, &op), 0);
	return op.value;
}

static long apic_write(uint32_t reg, uint32_t value)
{
	struct pv_physdev_apic op = { .apic_physbase = IOAPIC_BASE, .reg = reg, .value = value };

	return physdev(PV_PHYSDEVOP_apic_write, &op);
}

static bool take_event(uint32_t port)
{
	uint64_t bit = 1ull << (port % 64);

	return __atomic_fetch_and(&guest_shared->evtchn_pending[port / 64], ~bit,
				  __ATOMIC_SEQ_CST) & bit;
}

static void dom0_errors(void)
{
	struct pv_physdev_map_pirq map = { .domid = PV_DOMID_SELF, .type = 7, .index = 5, .pirq = 5 };
	uint32_t flags, pirq;
	int got;

	CHECK_EQ(bind_pirq(NO_SUCH_PIRQ, 0), -PV_EINVAL);
	CHECK_EQ(bind_pirq(RTC_GSI, 0), -PV_EPERM);
	CHECK_EQ(eoi(RTC_GSI), -PV_EINVAL);
	CHECK_EQ(eoi(NO_SUCH_PIRQ), -PV_EINVAL);
	CHECK_EQ(query(NO_SUCH_PIRQ, &flags), -PV_EINVAL);
	CHECK_EQ(query(RTC_GSI, &flags), 0);
	CHECK_EQ(flags, PV_XENIRQSTAT_needs_eoi);
	CHECK_EQ(unmap(RTC_GSI), -PV_EINVAL);
	CHECK_EQ(map_gsi(0, 0, NULL), -PV_EPERM);
	CHECK_EQ(map_gsi(-1, 0, NULL), -PV_EINVAL);
	CHECK_EQ(physdev(PV_PHYSDEVOP_map_pirq, &map), -PV_EINVAL);
	map = (struct pv_physdev_map_pirq){ .domid = PV_DOMID_SELF, .type = PV_MAP_PIRQ_TYPE_MSI,
					    .index = -1, .pirq = -1 };
	CHECK_EQ(physdev(PV_PHYSDEVOP_map_pirq, &map), -PV_ENODEV);
	CHECK_EQ(get_free_pirq(PV_MAP_PIRQ_TYPE_GSI, &pirq), 0);
	CHECK_EQ(pirq, 16);
	/* A reserved pirq has no IRQ. */
	CHECK_EQ(bind_pirq(pirq, 0), -PV_EPERM);
	/* The hypervisor's serial line maps, but does not bind. */
	CHECK_EQ(map_gsi(SERIAL_GSI, SERIAL_GSI, &got), 0);
	CHECK_EQ(got, SERIAL_GSI);
	CHECK_EQ(bind_pirq(SERIAL_GSI, 0), -PV_EBUSY);
	CHECK_EQ(unmap(SERIAL_GSI), 0);
	/* apic_write: only the low half of a redirection entry; fixed or lowest-priority delivery. */
	CHECK_EQ(apic_write(1, 0), 0);
	CHECK_EQ(apic_write(0x10 + 2 * 10 + 1, 0), 0);
	CHECK_EQ(apic_write(0x10 + 2 * 10, 0x200), -PV_EINVAL);
	CHECK_EQ(apic_write(0x10 + 2 * 10, 0xff), -PV_EINVAL); /* pirq 255: beyond dom0's */
	CHECK_EQ(apic_write(0x10 + 2 * 10, RTE_MASKED), 0);
	printf("pirq: dom0 errors as Xen\n");
}

static long register_eoi_map(uint64_t mfn)
{
	struct pv_physdev_pirq_eoi_gmfn op = { .gmfn = mfn };

	return physdev(PV_PHYSDEVOP_pirq_eoi_gmfn_v2, &op);
}

static void dom0_rtc_events(void)
{
	struct pv_evtchn_status st = { .dom = PV_DOMID_SELF };
	unsigned int events = 0;
	uint64_t end;
	long port;
	int got;

	eoi_map[0] = ~0ull;
	CHECK_EQ(register_eoi_map(NO_SUCH_FRAME), -PV_EINVAL);
	CHECK_EQ(register_eoi_map(va_to_mfn(eoi_map)), 0);
	CHECK_EQ(register_eoi_map(va_to_mfn(eoi_map)), -PV_EBUSY);

	CHECK_EQ(map_gsi(RTC_GSI, RTC_GSI, &got), 0);
	CHECK_EQ(got, RTC_GSI);
	CHECK_EQ(map_gsi(RTC_GSI, -1, &got), 0);
	CHECK_EQ(got, RTC_GSI);
	CHECK_EQ(map_gsi(RTC_GSI, 9, NULL), -PV_EEXIST);
	port = bind_pirq(RTC_GSI, 0);
	CHECK(port > 0);
	CHECK_EQ(bind_pirq(RTC_GSI, PV_BIND_PIRQ__WILL_SHARE), -PV_EEXIST);
	st.port = (uint32_t)port;
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_status, &st), 0);
	CHECK_EQ(st.status, PV_EVTCHNSTAT_pirq);
	CHECK_EQ(st.u.pirq, RTC_GSI);
	CHECK_EQ(rte_low(RTC_GSI) & RTE_MASKED, 0);
	/* The RTC's line is edge-triggered: binding cleared its bit, and only it. */
	CHECK_EQ(eoi_map[0], ~(1ull << RTC_GSI));

	rtc_write(RTC_REG_A, (uint8_t)((rtc_read(RTC_REG_A) & 0xf0) | RTC_RATE_32HZ));
	(void)rtc_read(RTC_REG_C);
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_B_PERIODIC);
	end = system_time() + 2000 * MS;
	while (events < EVENTS_WANTED && system_time() < end) {
		if (!take_event((uint32_t)port))
			continue;
		events++;
		(void)rtc_read(RTC_REG_C);
		CHECK_EQ(eoi(RTC_GSI), 0);
	}
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) & ~RTC_B_PERIODIC);
	(void)rtc_read(RTC_REG_C);
	CHECK_EQ(events, EVENTS_WANTED);
	printf("pirq: %u RTC interrupts as events on port %ld\n", events, port);

	/* An edge-triggered line is left enabled, as Xen leaves it. */
	CHECK_EQ(close_port((uint32_t)port), 0);
	CHECK_EQ(rte_low(RTC_GSI) & RTE_MASKED, 0);
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_status, &st), 0);
	CHECK_EQ(st.status, PV_EVTCHNSTAT_closed);
	CHECK_EQ(eoi(RTC_GSI), 0);
	CHECK_EQ(unmap(RTC_GSI), 0);
	CHECK_EQ(unmap(RTC_GSI), -PV_EINVAL);
	/* Unmapping took dom0's access to the IRQ away, as on Xen. */
	CHECK_EQ(map_gsi(RTC_GSI, RTC_GSI, NULL), -PV_EPERM);
	printf("pirq: closed, unmapped\n");
}

static void domu_refused(void)
{
	struct pv_physdev_setup_gsi gsi = { .gsi = RTC_GSI };
	uint32_t flags, pirq;

	CHECK_EQ(map_gsi(RTC_GSI, RTC_GSI, NULL), -PV_EPERM);
	CHECK_EQ(unmap(RTC_GSI), -PV_EPERM);
	CHECK_EQ(physdev(PV_PHYSDEVOP_setup_gsi, &gsi), -PV_EPERM);
	CHECK_EQ(bind_pirq(RTC_GSI, 0), -PV_EPERM);
	CHECK_EQ(bind_pirq(NO_SUCH_PIRQ, 0), -PV_EINVAL);
	CHECK_EQ(eoi(RTC_GSI), -PV_EINVAL);
	CHECK_EQ(query(RTC_GSI, &flags), 0);
	CHECK_EQ(flags, PV_XENIRQSTAT_needs_eoi);
	CHECK_EQ(get_free_pirq(PV_MAP_PIRQ_TYPE_GSI, &pirq), 0);
	CHECK_EQ(pirq, 16);
	CHECK_EQ(eoi(pirq), 0);
	printf("pirq: domU refused as Xen\n");
}

void test_main(const struct pv_start_info *si)
{
	map_shared_info(si);
	if (si->flags & PV_SIF_PRIVILEGED) {
		struct pv_physdev_set_iopl iopl = { .iopl = 1 };

		CHECK_EQ(physdev(PV_PHYSDEVOP_set_iopl, &iopl), 0);
		dom0_errors();
		dom0_rtc_events();
	} else {
		domu_refused();
	}
}
