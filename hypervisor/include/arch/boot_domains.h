/* Boot-time domains, built from the multiboot modules (boot-domains.c). */
#ifndef ARCH_BOOT_DOMAINS_H
#define ARCH_BOOT_DOMAINS_H

#include "bootinfo.h"

/*
 * Builds dom0 from the first module (the next one is its initrd) and a
 * boot-time domU from every module whose command line starts with
 * `domU=<name>[,mem=<size>]`.  A module that is not a usable PV kernel is
 * reported and skipped.  Returns the number of domains started.
 */
unsigned int boot_domains_create(const struct boot_info *bi);

#endif
