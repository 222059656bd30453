/*
 * Clocks and the timer interrupt.  The TSC is the time base (now()); the
 * PIT is only a reference of known frequency, used to calibrate the TSC and
 * the local APIC timer and to cross-check them in self-tests.  The local
 * APIC timer (x2APIC mode when the CPU has it) runs one-shot: it fires
 * once at the deadline last programmed.
 */
#ifndef ARCH_TIME_H
#define ARCH_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/traps.h"

#define PIT_HZ 1193182

/* Calibrates the TSC and the APIC timer against the PIT; starts now(). */
void time_init(void);

uint64_t tsc_hz(void);

/* Local APIC. */
void lapic_init(void);
bool lapic_is_x2apic(void);
/* This CPU's APIC ID. */
uint32_t lapic_id(void);
void lapic_eoi(void);
/* Counts the APIC timer makes in @pit_ticks of the PIT (used once). */
uint32_t lapic_timer_measure_start(void);
uint32_t lapic_timer_measure_stop(uint32_t start_count);
void lapic_timer_set_hz(uint64_t hz);
/* Programs the one-shot timer @counts ahead (0 stops it). */
void lapic_timer_oneshot(uint32_t counts);
uint64_t lapic_timer_hz(void);

/*
 * Arms the one-shot timer to interrupt at @deadline (ns, now() base); a
 * deadline in the past fires at once.  Zero disarms.  @fn is called from
 * the interrupt with interrupts off.
 */
void timer_init(void);
void timer_set_deadline(uint64_t deadline);
/* Whether the armed deadline is past (its interrupt may be held off). */
bool timer_deadline_passed(void);
void timer_set_handler(void (*fn)(struct cpu_regs *regs));

/* The CMOS RTC's time of day (taken as UTC), in seconds since 1970. */
uint64_t rtc_read_epoch_seconds(void);

/* PIT channel 2 helpers. */
void pit_oneshot_start(uint16_t count);
bool pit_oneshot_done(void);
void pit_free_run_start(void);
/* PIT ticks since the last call (the caller must call it every < 50 ms). */
uint32_t pit_free_run_elapsed(void);

#endif
