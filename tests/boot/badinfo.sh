# Malformed boot information: the hypervisor must say what is wrong and
# stop, never fault.  Sourced by tests/run-all.sh (BUILD names the build
# directory).  Each case boots the preloader build/tests/badinfo-loader.elf
# (tests/boot/badinfo/), which loads build/hypervisor.elf from its module 0
# and hands it the malformed tables the case names.
#
#   for c in $badinfo_cases; do run_badinfo_case "$c" "$LOGS"; done
#
# run_badinfo_case NAME LOGDIR returns 0 only if LOGDIR/badinfo-NAME.log has
# "Boot information is malformed: <the expected reason>" and "Cannot boot:
# stopped.", no "Hypervisor exception" or "PANIC", and QEMU exited with
# status 7 (debug-exit code 3).  bad-magic is the exception: with a bad magic
# the hypervisor cannot read its command line, so no debug-exit; QEMU must
# still be running once the messages are out, and is then ended.

badinfo_cases="mb1-mmap-overrun mb1-module-unmapped mb1-too-many-modules
mb1-module-overlap mb1-module-outside-ram mb1-no-ram mb2-no-end-tag
mb2-bad-tag-size bad-magic"

# badinfo_reason NAME: the reason the hypervisor must give for case NAME.
badinfo_reason() {
	case $1 in
	mb1-mmap-overrun) echo 'memory map entry at offset 24 is malformed' ;;
	mb1-module-unmapped) echo 'module list at 0xfffffff0 is not readable' ;;
	mb1-too-many-modules) echo '40 modules, at most 32 supported' ;;
	mb1-module-overlap) echo 'modules 0 and 1 overlap' ;;
	mb1-module-outside-ram) echo 'module 0 [0xf0000000, 0xf0001000) is not in RAM' ;;
	mb1-no-ram) echo 'the memory map has no RAM' ;;
	mb2-no-end-tag) echo 'multiboot2 info has no end tag' ;;
	mb2-bad-tag-size) echo 'tag 4 at offset 144 has bad size 4096' ;;
	bad-magic) echo 'not started by a multiboot loader (magic 0x12345678)' ;;
	*) return 1 ;;
	esac
}

# badinfo_fail NAME WHY: explains a failure (the caller records it).
badinfo_fail() {
	echo "  badinfo $1: $2" >&2
	return 1
}

run_badinfo_case() {
	local name=$1 logdir=$2 build=${BUILD:-build}
	local log=$2/badinfo-$1.log reason pid status=0 ticks=0 killed=0

	reason=$(badinfo_reason "$name") || { badinfo_fail "$name" "unknown case"; return 1; }
	mkdir -p "$logdir"
	rm -f "$log"
	timeout 60 qemu-system-x86_64 -accel tcg -m 256 -display none -no-reboot \
		-monitor none -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$build/tests/badinfo-loader.elf" -append "$name" \
		-initrd "$build/hypervisor.elf" >"$log.qemu" 2>&1 &
	pid=$!
	if [ "$name" = bad-magic ]; then
		# Up to 20 s for the stop message, then 1 s for anything after it.
		while [ $ticks -lt 100 ] && kill -0 "$pid" 2>/dev/null &&
			! grep -aqF 'Cannot boot: stopped.' "$log" 2>/dev/null; do
			sleep 0.2
			ticks=$((ticks + 1))
		done
		sleep 1
		if kill -0 "$pid" 2>/dev/null; then
			killed=1
			kill "$pid"
		fi
	fi
	wait "$pid" || status=$?

	if [ "$name" = bad-magic ]; then
		[ $killed = 1 ] ||
			{ badinfo_fail "$name" "QEMU ended by itself (status $status)"; return 1; }
	elif [ "$status" != 7 ]; then
		badinfo_fail "$name" "QEMU exit status $status, expected 7"
		return 1
	fi
	grep -aqF "badinfo-loader: case $name" "$log" ||
		{ badinfo_fail "$name" "the preloader did not run the case"; return 1; }
	grep -aqF "Boot information is malformed: $reason" "$log" ||
		{ badinfo_fail "$name" "no 'Boot information is malformed: $reason'"; return 1; }
	grep -aqF 'Cannot boot: stopped.' "$log" ||
		{ badinfo_fail "$name" "no 'Cannot boot: stopped.'"; return 1; }
	if grep -aqE 'Hypervisor exception|PANIC' "$log"; then
		badinfo_fail "$name" "the hypervisor faulted"
		return 1
	fi
	return 0
}
