#!/bin/bash
# make bench, Linux part: Debian's kernel and our initramfs booted three
# ways under the same QEMU TCG configuration, in the same run:
#   native     Linux directly on QEMU (console ttyS0, mem=DOM0_MEM)
#   ringvisor  Linux as PV dom0 of Ringvisor (dom0_mem=DOM0_MEM)
#   xen        Linux as PV dom0 of Xen 4.17 (dom0_mem=DOM0_MEM)
# Each boot runs our pvbench (tests/bench/linux/pvbench.c) from the
# initramfs's init ("pvbench=ROUNDS" on the kernel command line) and
# powers off.  Boot-to-shell time: from QEMU's start to the initramfs's
# "shell ready" line on the serial console, measured by polling the log.
# The configurations are interleaved, RUNS boots each; the report
# (scripts/linux-bench-report.py) prints medians and ratios to native,
# writes BUILD/bench/linux.json, draws the chart with gnuplot and
# updates docs/benchmarks.md.  One QEMU at a time, each under timeout.
#
# Usage: scripts/linux-bench.sh BUILD_DIR
# Environment: LINUX_BENCH_RUNS (3), LINUX_BENCH_ROUNDS (3),
# LINUX_BENCH_CONFIGS ("native ringvisor xen"), BENCH_DOC (docs/benchmarks.md,
# "none" to leave it alone).
set -euo pipefail

BUILD=${1:-build}
OUT=$BUILD/bench
LINUX=$BUILD/linux
RUNS=${LINUX_BENCH_RUNS:-3}
ROUNDS=${LINUX_BENCH_ROUNDS:-3}
CONFIGS=${LINUX_BENCH_CONFIGS:-native ringvisor xen}
DOM0_MEM=512M
LIMIT=600
MARK='ringvisor-initramfs: shell ready'

needed="$LINUX/vmlinuz $LINUX/initramfs.cpio.gz"
case " $CONFIGS " in *" ringvisor "*) needed="$needed $BUILD/hypervisor.elf" ;; esac
case " $CONFIGS " in *" xen "*) needed="$needed $BUILD/xen.elf" ;; esac
for f in $needed; do
	[ -f "$f" ] || { echo "linux-bench: $f missing (run make bench)" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/linux-*.log "$OUT"/linux-*.log.qemu "$OUT"/linux-boot-times

QEMU=(qemu-system-x86_64 -accel tcg -cpu 'max,-smap' -m 1024 -smp 1 -net none -no-reboot
	-display none -monitor none)
ARGS="pvbench=$ROUNDS loglevel=4"

# boot CONFIG N: one boot; its serial log is OUT/linux-CONFIG-N.log and its
# boot-to-shell seconds go to OUT/linux-boot-times.
boot() {
	local config=$1 n=$2 log=$OUT/linux-$1-$2.log pid start shell="" qemu_args
	case $config in
	native)
		qemu_args=(-kernel "$LINUX/vmlinuz" -initrd "$LINUX/initramfs.cpio.gz"
			-append "console=ttyS0 mem=$DOM0_MEM $ARGS") ;;
	ringvisor)
		qemu_args=(-kernel "$BUILD/hypervisor.elf" -append "dom0_mem=$DOM0_MEM"
			-initrd "$LINUX/vmlinuz console=hvc0 $ARGS,$LINUX/initramfs.cpio.gz") ;;
	xen)
		qemu_args=(-kernel "$BUILD/xen.elf" -append "console=com1 dom0_mem=$DOM0_MEM"
			-initrd "$LINUX/vmlinuz console=hvc0 $ARGS,$LINUX/initramfs.cpio.gz") ;;
	esac
	start=$(date +%s.%N)
	timeout "$LIMIT" "${QEMU[@]}" "${qemu_args[@]}" -serial "file:$log" >"$log.qemu" 2>&1 &
	pid=$!
	# Xen halts rather than powering off: stop QEMU once pvbench is done.
	while kill -0 "$pid" 2>/dev/null; do
		if [ -z "$shell" ] && grep -aq "$MARK" "$log" 2>/dev/null; then
			shell=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
		fi
		if [ "$config" = xen ] && grep -aq 'Hardware Dom0 halted' "$log" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
		fi
		sleep 0.1
	done
	wait "$pid" 2>/dev/null || true
	sed -i 's/\r$//' "$log"
	if [ -z "$shell" ] || ! grep -aq '^pvbench done' "$log"; then
		echo "linux-bench: $config boot $n failed; see $log" >&2
		exit 1
	fi
	echo "$config $n $shell" >> "$OUT/linux-boot-times"
	echo "linux-bench: $config boot $n: shell after $shell s, done in" \
		"$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
}

for n in $(seq 1 "$RUNS"); do
	for config in $CONFIGS; do
		boot "$config" "$n"
	done
done

python3 scripts/linux-bench-report.py "$OUT" "${BENCH_DOC:-docs/benchmarks.md}" \
	"$(cat "$LINUX/version")" "$CONFIGS"
