#!/bin/bash
# Our PV test kernels (build/guests/*.elf) booted as dom0 on real Xen 4.17
# (BUILD/xen.elf): every check a kernel fails there is an answer of ours
# that differs from Xen's.  Prints each kernel's result and its FAIL lines,
# then a summary; differences listed in EXPECTED below (Ringvisor-specific
# checks, documented in docs/abi.md) do not count.  Not part of make test
# (make xen-guest-check).
# Usage: tests/xen-conformance.sh BUILD_DIR [NAME-SUBSTRING]
set -u
BUILD=${1:-build}
FILTER=${2:-}
GUESTS=$BUILD/guests
LOGS=$BUILD/tests/xen-guests
mkdir -p "$LOGS"

# KERNELS: name|dom0 command line|extra Xen options.  Dom0's options are
# those tests/guests/*/cases.sh gives dom0.
KERNELS='
console_shutdown|reason=poweroff|
cpuinfo|role=dom0|
emul||
evtchn_fifo||dom0_max_vcpus=2
fpu||
hypercall_errors|role=dom0|
ioapic||
ioport||
mmu_update|role=dom0|
mmuext||
multi|lines=20|
pcidev||
pirq||
ptwr||
pvclock||
reservation||
segments||
smp|vcpus=4|dom0_max_vcpus=4
start_info|role=dom0 pages=8192|
timer||
traps||
upcall||
va_mapping||
xen_version|role=dom0|
'

# SKIPPED: kernels that cannot run as a lone dom0 on Xen, and why.
SKIPPED='
block|needs its boot-time domU (the back end in dom0 serves the domU front end)
console_input|needs a boot-time domU and input typed on the serial line in step
cpuhog|measures scheduler shares between boot-time domUs
crash|faults on purpose: on Xen a crashing dom0 takes the machine with it
evtchn|needs its boot-time domU as the other end of its channels
gnttab|needs its boot-time domU to grant pages to
compressed|no kernel of its own (multi.elf, compressed)
'

# EXPECTED: kernel~grep -E pattern on a FAIL line~why it is not a bug.
# Each is documented in docs/abi.md ("Differences from Xen 4.17 that our
# test kernels see").
EXPECTED='
cpuinfo~PV_XEN_MC_mceinject~no machine-check banks: -ENODEV (Xen on QEMU max CPU injects)
emul~r\.b & \(BIT\(0\) . BIT\(7\)~FSGSBASE hidden: PV kernels use set_segment_base
emul~r\.a >= 0x80000001 && r\.a <= 0x80000008~extended CPUID leaves capped at 0x80000008
hypercall_errors~unimplemented\[i\]~no kexec or profiler: kexec_op, xenoprof_op -ENOSYS
mmu_update~OUTSIDE_RAM_MFN~AMD HyperTransport hole not kept from dom0
mmu_update~entry_of\(test_va, 1\) & \(PTE_PCD~the mapping above was refused on Xen
va_mapping~map_window\(0xfffffff, 0\)~AMD HyperTransport hole not kept from dom0
pvclock~PV_PVCLOCK_TSC_STABLE_BIT~our clock source is the TSC
pvclock~tsc_to_system_mul|diff <= 16~our TSC scale is not recalibrated
segments~failsafe|read_ds\(\) == 0:~the failsafe needs a vCPU switch: dom0 runs alone here
smp~copy\.system_time|copy\.tsc_timestamp~time records are stamped when written, not at calibration
start_info~first_p2m_pfn~Xen puts the size of its first allocation there
xen_version~build_id~no build id: -ENODATA
xen_version~-ringvisor~our extraversion
'

# run_xen LOG TIMEOUT XEN-OPTIONS MODULES: boots Xen with MODULES (QEMU's
# -initrd list) and stops QEMU once dom0 has halted, crashed or rebooted
# (Xen then only halts the CPUs) or after TIMEOUT seconds.  The CPU is
# QEMU's max less SMAP (Xen 4.17 under TCG needs that; XEN_QEMU_CPU
# overrides it), so CPUID answers follow that model.
run_xen() {
	log=$1 limit=$2
	timeout "$limit" qemu-system-x86_64 -accel tcg ${XEN_QEMU_CPU:--cpu max,-smap} -m 1024 -display none \
		-no-reboot -monitor none -serial "file:$log" -kernel "$BUILD/xen.elf" \
		-append "console=com1 dom0_mem=32M bootscrub=false $3" -initrd "$4" \
		>"$log.qemu" 2>&1 &
	qemu=$!
	waited=0
	while kill -0 "$qemu" 2>/dev/null; do
		waited=$((waited + 1))
		if [ "$waited" -gt 90 ] && ! grep -aqv '^(XEN)' "$log"; then
			kill "$qemu" 2>/dev/null # no dom0 output after 45 s: stuck
			break
		elif grep -aqE '^\(XEN\) (Hardware Dom0 (halted|shutdown|crashed)|.*Panic on CPU)' "$log" 2>/dev/null; then
			sleep 1
			kill "$qemu" 2>/dev/null
			break
		fi
		sleep 0.5
	done
	wait "$qemu" 2>/dev/null
	sed -i 's/\r$//' "$log"
}

# expected_reason NAME LINE: why LINE of kernel NAME is an expected
# difference (empty if it is not).
expected_reason() {
	echo "$EXPECTED" | while IFS='~' read -r kernel pattern why; do
		[ "$kernel" = "$1" ] && printf '%s\n' "$2" | grep -qE -- "$pattern" && {
			echo "$why"
			break
		}
	done
}

differences=0 expected=0 failed_kernels="" passed=0
while IFS='|' read -r name args options; do
	[ -n "$name" ] || continue
	case $name in *"$FILTER"*) ;; *) continue ;; esac
	log=$LOGS/$name.log
	# Xen under TCG now and then stops before it starts dom0: try again.
	for _ in 1 2 3; do
		run_xen "$log" 120 "$options" "$GUESTS/$name.elf${args:+ $args}"
		grep -aqv '^(XEN)' "$log" && break
	done
	result=$(grep -a '^Test result: ' "$log" | tail -n 1)
	echo "== $name: ${result:-no result line (log: $log)}"
	unexpected=0
	while IFS= read -r line; do
		why=$(expected_reason "$name" "$line")
		if [ -n "$why" ]; then
			expected=$((expected + 1))
			echo "   expected: $line ($why)"
		else
			unexpected=$((unexpected + 1))
			echo "   $line"
		fi
	done < <(grep -a '^FAIL ' "$log" | sort -u)
	differences=$((differences + unexpected))
	if [ "$unexpected" -gt 0 ] || [ -z "$result" ]; then
		failed_kernels="$failed_kernels $name"
	else
		passed=$((passed + 1))
	fi
done <<<"$KERNELS"

echo "$SKIPPED" | while IFS='|' read -r name why; do
	[ -n "$name" ] && echo "SKIP $name: $why"
done
[ -z "$failed_kernels" ] || echo "Differ from Xen:$failed_kernels"
echo "$passed kernels as on Xen but for expected differences, $differences differences, $expected expected"
[ -z "$failed_kernels" ]
