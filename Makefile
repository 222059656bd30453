# Ringvisor top-level build.  Everything lands in build/.
#   make            hypervisor ELF (build/hypervisor.elf, symbols in build/hypervisor.debug)
#   make iso        GRUB 2 BIOS image (build/boot.iso)
#   make run        boot the ISO in QEMU with the console on this terminal
#   make run-xen    Debian Linux dom0 (kernel + our initramfs) on Xen 4.17, GRUB, shell here
#   make xen-linux-check  the Linux system tests against Xen 4.17
#   make xen-guest-check  our PV test kernels as dom0 on Xen 4.17: where our answers differ
#   make test       the whole suite; last line "N passed, N failed"
#   make unit-test  host unit tests only (ASan + UBSan)
#   make bench      benchmarks (scripts/bench.sh, scripts/linux-bench.sh; results in docs/benchmarks.md)

BUILD := build
DEPS_STAMP := $(BUILD)/.deps-installed

CC := gcc
LD := ld
OBJCOPY := objcopy

HV_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-common \
	-fpie -fno-plt -mno-red-zone -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-fno-tree-loop-distribute-patterns \
	-I. -Ihypervisor/include -include hypervisor/include/compiler.h -MMD -MP
HV_ASFLAGS := -D__ASSEMBLY__ -I. -Ihypervisor/include -g -MMD -MP
HV_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --build-id=none

HV_C_SRCS := $(shell find hypervisor -name '*.c' | sort)
HV_S_SRCS := $(shell find hypervisor -name '*.S' | sort)
HV_OBJS := $(HV_C_SRCS:%.c=$(BUILD)/%.o) $(HV_S_SRCS:%.S=$(BUILD)/%.o)

# Portable hypervisor code that the host unit tests link.
UNIT_HV_SRCS := $(shell find hypervisor/common hypervisor/arch/x86_64/pv/mm -name '*.c' | sort)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_CFLAGS := -std=c11 -DHOST_BUILD -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-I. -Ihypervisor/include -Itests/unit -include hypervisor/include/compiler.h \
	-include tests/unit/string_rename.h -MMD -MP
UNIT_OBJS := $(UNIT_HV_SRCS:%.c=$(BUILD)/unit/%.o) $(UNIT_SRCS:%.c=$(BUILD)/unit/%.o)

.PHONY: all deps iso run run-xen linux linux-if-available xen-linux-check xen-guest-check test unit-test \
	bench bench-guests clean guests FORCE
all: $(BUILD)/hypervisor.elf guests

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh
	@mkdir -p $(BUILD)
	@scripts/install-deps.sh
	@touch $@

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HV_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HV_ASFLAGS) -c $< -o $@

$(BUILD)/hypervisor.lds: hypervisor/arch/x86_64/hypervisor.lds hypervisor/include/arch/layout.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -x c -D__ASSEMBLY__ -Ihypervisor/include $< -o $@

# The loadable ELF keeps its symbol table (exception reports are read with
# it) but its DWARF goes to hypervisor.debug, linked back by debuglink.
$(BUILD)/hypervisor.elf: $(HV_OBJS) $(BUILD)/hypervisor.lds scripts/check-image.sh
	$(LD) $(HV_LDFLAGS) -T $(BUILD)/hypervisor.lds $(HV_OBJS) -o $@.full
	scripts/check-image.sh $@.full
	$(OBJCOPY) --only-keep-debug $@.full $(BUILD)/hypervisor.debug
	$(OBJCOPY) --strip-debug --add-gnu-debuglink=$(BUILD)/hypervisor.debug $@.full $@
	@rm -f $@.full

# Rebuild the ISO when HV_CMDLINE changes.
$(BUILD)/hv-cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(HV_CMDLINE)' | cmp -s - $@ || echo '$(HV_CMDLINE)' > $@

iso: $(BUILD)/boot.iso
$(BUILD)/boot.iso: $(BUILD)/hypervisor.elf $(BUILD)/hv-cmdline scripts/make-iso.sh
	scripts/make-iso.sh $(BUILD) $@ "$(HV_CMDLINE)"

# By default make run boots Debian Linux as dom0; RUN_LINUX=no boots the
# hypervisor alone with a placeholder module.
RUN_LINUX ?= yes
RUN_QEMU := qemu-system-x86_64 -accel tcg -display none -serial stdio -monitor none -no-reboot
ifeq ($(RUN_LINUX),yes)
run: $(BUILD)/linux-ringvisor.iso
	$(RUN_QEMU) -m 1024 -cdrom $< -boot d
else
run: $(BUILD)/boot.iso
	$(RUN_QEMU) -m 512 -cdrom $< -boot d
endif

# Dom0's Debian Linux: the kernel and our initramfs in $(BUILD)/linux
# (scripts/mkinitramfs.sh; packages cached outside the tree).  The script
# decides what is out of date (the kernel package is resolved each time).
LINUX := $(BUILD)/linux
# Static programs of ours in the initramfs: the test workload and make
# bench's microbenchmarks.
LINUX_PROGRAMS := $(LINUX)/workload $(LINUX)/pvbench
$(LINUX)/workload: tests/linux/workload.c | $(DEPS_STAMP)
$(LINUX)/pvbench: tests/bench/linux/pvbench.c | $(DEPS_STAMP)
$(LINUX_PROGRAMS):
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -static $< -o $@

linux: $(LINUX_PROGRAMS)
	scripts/mkinitramfs.sh $(LINUX) $(LINUX_PROGRAMS)

# For make test: offline (status 2) the Linux tests say SKIP.
linux-if-available: $(LINUX_PROGRAMS)
	@scripts/mkinitramfs.sh $(LINUX) $(LINUX_PROGRAMS) || [ $$? -eq 2 ]

LINUX_MODULES = $(LINUX)/vmlinuz "vmlinuz console=hvc0" $(LINUX)/initramfs.cpio.gz initramfs
$(BUILD)/linux-ringvisor.iso: linux $(BUILD)/hypervisor.elf $(BUILD)/hv-cmdline scripts/make-iso.sh
	scripts/make-iso.sh $(BUILD) $@ "dom0_mem=512M $(HV_CMDLINE)" $(LINUX_MODULES)

$(BUILD)/linux-xen.iso: linux $(BUILD)/xen.elf scripts/make-iso.sh
	HV_IMAGE=$(BUILD)/xen.elf scripts/make-iso.sh $(BUILD) $@ \
		"console=com1 dom0_mem=512M bootscrub=false" $(LINUX_MODULES)

run-xen: $(BUILD)/linux-xen.iso
	$(RUN_QEMU) -m 1024 -cpu max,-smap -cdrom $< -boot d

xen-linux-check: linux $(BUILD)/xen.elf
	tests/linux/xen-check.sh $(BUILD)

xen-guest-check: guests $(BUILD)/xen.elf
	tests/xen-conformance.sh $(BUILD) $(T)

$(BUILD)/unit/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -c $< -o $@

# The ABI check includes Xen's public headers, and xen/hvm/save.h wants GNU
# C; its coverage test reads hypercall-abi/ from this tree.
$(BUILD)/unit/tests/unit/test_abi_check.o: UNIT_CFLAGS += -std=gnu11 \
	-DABI_SOURCE_ROOT='"$(CURDIR)"'

$(BUILD)/unit-tests: $(UNIT_OBJS)
	$(CC) -fsanitize=address,undefined $^ -o $@

unit-test: $(BUILD)/unit-tests
	$(BUILD)/unit-tests

# PV test kernels: tests/guests/<name>/*.c + the library in tests/guests/lib;
# benchmark kernels likewise from tests/bench/guests/<name>/*.c.
GUEST_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pic -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	-I. -Ihypervisor/include -Itests/guests/lib -Itests/bench/lib \
	-include hypervisor/include/compiler.h -MMD -MP
GUEST_LIB_SRCS := tests/guests/lib/head.S tests/guests/lib/guest.c tests/guests/lib/guest_mm.c \
	tests/guests/lib/guest_events.c tests/guests/lib/guest_user.c tests/guests/lib/guest_trap.c \
	hypervisor/common/lib/vsnprintf.c hypervisor/common/lib/string.c
GUEST_LIB_OBJS := $(patsubst %,$(BUILD)/guests/obj/%.o,$(basename $(GUEST_LIB_SRCS)))
GUEST_NAMES := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard tests/guests/*/main.c)))))
GUEST_ELFS := $(GUEST_NAMES:%=$(BUILD)/guests/%.elf)
BENCH_NAMES := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard tests/bench/guests/*/main.c)))))
BENCH_ELFS := $(BENCH_NAMES:%=$(BUILD)/bench/%.elf)
BENCH_LIB_OBJS = $(call guest_objs,tests/bench/lib)
# $(call guest_objs,DIR): the objects of the kernel whose sources are DIR/*.c.
guest_objs = $(addprefix $(BUILD)/guests/obj/,$(addsuffix .o,$(basename $(wildcard $(1)/*.c))))
define link_guest
$(LD) -nostdlib -static -z max-page-size=0x1000 -z noexecstack --build-id=none \
	-T tests/guests/lib/guest.lds $(filter %.o,$^) -o $@
endef

guests: $(GUEST_ELFS)
bench-guests: $(BENCH_ELFS)

$(BUILD)/guests/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/guests/obj/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -D__ASSEMBLY__ -I. -g -MMD -MP -c $< -o $@

# Keep the test kernels' objects: they are intermediate files otherwise.
.SECONDARY:
.SECONDEXPANSION:
$(BUILD)/guests/%.elf: $$(call guest_objs,tests/guests/$$*) $(GUEST_LIB_OBJS) tests/guests/lib/guest.lds
	@mkdir -p $(dir $@)
	$(link_guest)

$(BUILD)/bench/%.elf: $$(call guest_objs,tests/bench/guests/$$*) $(BENCH_LIB_OBJS) $(GUEST_LIB_OBJS) \
		tests/guests/lib/guest.lds
	@mkdir -p $(dir $@)
	$(link_guest)

test: $(BUILD)/hypervisor.elf $(GUEST_ELFS) $(BENCH_ELFS) $(BUILD)/unit-tests $(BUILD)/tests/badinfo-loader.elf \
		linux-if-available
	tests/run-all.sh $(BUILD) $(T)

# The badinfo preloader (tests/boot/badinfo.sh): a 32-bit multiboot1 kernel
# that boots the hypervisor with deliberately malformed boot information.
BADINFO_LOADER := $(BUILD)/tests/badinfo-loader.elf
BADINFO_SRCS := tests/boot/badinfo/entry.S tests/boot/badinfo/loader.c
BADINFO_CFLAGS := -m32 -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-pic \
	-fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only \
	-fno-tree-loop-distribute-patterns -Ihypervisor/include
BADINFO_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,tests/boot/badinfo/loader.lds \
	-Wl,--build-id=none -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack

$(BADINFO_LOADER): $(BADINFO_SRCS) tests/boot/badinfo/loader.lds hypervisor/include/multiboot1_abi.h
	@mkdir -p $(dir $@)
	$(CC) $(BADINFO_CFLAGS) $(BADINFO_LDFLAGS) $(BADINFO_SRCS) -o $@

# Benchmarks under QEMU (a few minutes; not part of CI): tables on stdout,
# JSON in build/bench/, the tables with their context in docs/benchmarks.md.
# The reference is Xen 4.17 from Debian (a bench-only dependency).
BENCH_DEPS_STAMP := $(BUILD)/.bench-deps-installed
$(BENCH_DEPS_STAMP): scripts/install-deps.sh | $(DEPS_STAMP)
	@scripts/install-deps.sh bench
	@touch $@

$(BUILD)/xen.elf: | $(BENCH_DEPS_STAMP)
	zcat /boot/xen-4.17-amd64.gz > $@.tmp && mv $@.tmp $@

bench: $(BUILD)/hypervisor.elf $(BENCH_ELFS) $(BUILD)/xen.elf scripts/bench.sh scripts/bench-lib.sh \
		linux scripts/linux-bench.sh scripts/linux-bench-report.py
	scripts/bench.sh $(BUILD)
	scripts/linux-bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
