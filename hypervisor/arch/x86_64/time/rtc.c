/*
 * The CMOS real-time clock, read once at boot for the guests' wall clock.
 * Registers are read through the index/data ports 0x70/0x71 (NMIs stay
 * enabled: bit 7 of the index clear).  Values are BCD or binary and the
 * hour 12- or 24-hour as status register B says; the RTC is taken to hold
 * UTC.  A read is repeated until two in a row agree, after waiting out an
 * update in progress.
 */
#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/time.h"
#include "lib/string.h"
#include "pvclock.h"

#define RTC_INDEX 0x70
#define RTC_DATA 0x71

#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32 /* common, not universal: checked for sanity */

#define STATUS_A_UIP 0x80
#define STATUS_B_24H 0x02
#define STATUS_B_BINARY 0x04
#define HOUR_PM 0x80

struct rtc_raw {
	uint8_t sec, min, hour, day, month, year, century;
};

static uint8_t cmos_read(uint8_t reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

static void read_raw(struct rtc_raw *r)
{
	for (unsigned int i = 0; i < 1000000 && (cmos_read(RTC_STATUS_A) & STATUS_A_UIP); i++)
		cpu_relax();
	r->sec = cmos_read(RTC_SEC);
	r->min = cmos_read(RTC_MIN);
	r->hour = cmos_read(RTC_HOUR);
	r->day = cmos_read(RTC_DAY);
	r->month = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = cmos_read(RTC_CENTURY);
}

static unsigned int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 0xf);
}

uint64_t rtc_read_epoch_seconds(void)
{
	struct rtc_raw a, b;
	uint8_t status_b;
	unsigned int sec, min, hour, day, month, year, century;
	bool pm;

	read_raw(&b);
	for (unsigned int tries = 0; tries < 10; tries++) {
		a = b;
		read_raw(&b);
		if (!memcmp(&a, &b, sizeof(a)))
			break;
	}
	status_b = cmos_read(RTC_STATUS_B);
	pm = b.hour & HOUR_PM;
	b.hour &= ~HOUR_PM;
	if (status_b & STATUS_B_BINARY) {
		sec = b.sec, min = b.min, hour = b.hour, day = b.day;
		month = b.month, year = b.year, century = b.century;
	} else {
		sec = bcd(b.sec), min = bcd(b.min), hour = bcd(b.hour), day = bcd(b.day);
		month = bcd(b.month), year = bcd(b.year), century = bcd(b.century);
	}
	if (!(status_b & STATUS_B_24H)) {
		/* 12-hour: 12 AM is midnight, 12 PM noon. */
		hour %= 12;
		if (pm)
			hour += 12;
	}
	if (century >= 19 && century <= 21)
		year += century * 100;
	else
		year += year < 70 ? 2000 : 1900;
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return 0;
	return epoch_seconds(year, month, day, hour, min, sec);
}
