/*
 * Test-kernel helpers for events: mapping the shared_info page, its
 * system time, and an event upcall.  The upcall (registered by
 * register_event_upcall()) counts itself in upcalls, clears vCPU 0's
 * upcall flag and selector, calls upcall_hook (if set) with Xen's frame,
 * then, unless upcall_clear_all is false, clears every pending event (a
 * hook then takes the ports it wants, e.g. with event_take()).  It runs
 * with events masked and returns with the iret hypercall.
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "guest.h"
#include "hypercall-abi/shared_info.h"

#define MS 1000000ull

/* The shared_info page once mapped by map_shared_info(), else NULL. */
extern volatile struct pv_shared_info *guest_shared;

/* Upcalls taken so far. */
extern volatile unsigned int upcalls;

/*
 * Called from the upcall with Xen's frame: RCX, R11, RIP, CS (previous
 * mask in bits 32+), RFLAGS, RSP, SS.
 */
extern void (*upcall_hook)(const uint64_t *frame);

/* Whether the upcall clears every pending event (the default: true). */
extern bool upcall_clear_all;

/* Maps start_info's shared_info page (checked) and returns it. */
volatile struct pv_shared_info *map_shared_info(const struct pv_start_info *si);

/* Registers the upcall as the event callback (checked). */
void register_event_upcall(void);

/*
 * Timer ticks: count_timer_ticks() registers the upcall to count the
 * events of VIRQ_TIMER, binds it (checked) to timer_port, and leaves
 * other ports pending.  Each tick adds to ticks and sets tick_time to
 * the system time it was taken at.
 */
extern volatile unsigned int ticks;
extern unsigned int timer_port;
extern volatile uint64_t tick_time;
void count_timer_ticks(void);

/* Clears @port's pending bit; returns whether it was set. */
bool event_take(unsigned int port);

/* The system time (ns) from vCPU 0's time info in shared_info. */
uint64_t system_time(void);

/* Spins for @ms milliseconds of system time. */
void wait_ms(uint64_t ms);

#endif
