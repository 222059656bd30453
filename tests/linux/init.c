/*
 * The /init of the tiny initramfs tests/linux/linux-tests.sh boots Linux
 * with as dom0: it says it ran, then powers the machine off, so reaching
 * it is the test's milestone.  Built static: the initramfs holds nothing
 * else.
 */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	printf("ringvisor-linux-init: /init reached, powering off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}
