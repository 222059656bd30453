# QEMU test cases: kernels as users have them, compressed (xz, gzip, lz4
# legacy and frame) or in a bzImage
# (sourced by guest-tests.sh; no test kernel of its own: it packs multi.elf).

# le32 N: N as four little-endian bytes on stdout.
le32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"
}

# poke FILE OFFSET BYTES: overwrites FILE at OFFSET with printf's BYTES.
poke() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# bzimage ELF OUT VERSION: a minimal bzImage (setup header, one setup
# sector) of boot protocol VERSION (e.g. '\017\002' for 2.15) around ELF
# compressed with xz's x86 filter, its size appended as Linux's build does.
bzimage() {
	xz -c --x86 --lzma2=preset=6 < "$1" > "$2.xz"
	head -c 1024 /dev/zero > "$2"
	poke "$2" 497 '\001'			# setup_sects
	poke "$2" 510 '\125\252'		# boot_flag
	poke "$2" 514 'HdrS'
	poke "$2" 518 "$3"			# version
	le32 $(($(wc -c < "$2.xz") + 4)) |	# payload_length
		dd of="$2" bs=1 seek=588 conv=notrunc status=none
	cat "$2.xz" >> "$2"
	le32 "$(wc -c < "$1")" >> "$2"
	rm -f "$2.xz"
}

test_guest_compressed() {
	elf=$GUEST_DIR/multi.elf
	dir=$LOGS/compressed
	mkdir -p "$dir"
	xz -c --x86 --lzma2 < "$elf" > "$dir/multi.xz"
	gzip -c -9 < "$elf" > "$dir/multi.gz"
	lz4 -q -c -l -9 < "$elf" > "$dir/multi.lz4"
	lz4 -q -c -BD < "$elf" > "$dir/multi.lz4f"
	bzimage "$elf" "$dir/bzImage" '\017\002'
	bzimage "$elf" "$dir/bzImage-2.07" '\007\002'
	# A flipped byte in the middle of the xz stream; a gzip stream cut short.
	cp "$dir/multi.xz" "$dir/corrupt.xz"
	poke "$dir/corrupt.xz" $(($(wc -c < "$dir/multi.xz") / 2)) '\377'
	head -c $(($(wc -c < "$dir/multi.gz") - 100)) "$dir/multi.gz" > "$dir/truncated.gz"
	guest_case compressed 1 \
		"$dir/multi.xz,$dir/multi.gz domU=gz,,mem=16M,$dir/multi.lz4 domU=lz4,,mem=16M,$dir/bzImage domU=bz,,mem=16M,$dir/multi.lz4f domU=lz4f,,mem=16M,$dir/corrupt.xz domU=corrupt,$dir/truncated.gz domU=cut,$dir/bzImage-2.07 domU=old" \
		'^Building d0 \(dom0\): 32 MiB, xz kernel, ' \
		'^Building d1 \(gz\): 16 MiB, gzip kernel, ' \
		'^Building d2 \(lz4\): 16 MiB, lz4 kernel, ' \
		'^Building d3 \(bz\): 16 MiB, bzImage \(xz\) kernel, ' \
		'^Building d4 \(lz4f\): 16 MiB, lz4 frame kernel, ' \
		'^d5 \(corrupt\) not started: bad xz kernel image: xz: ' \
		'^d6 \(cut\) not started: bad gzip kernel image: gzip: ' \
		'^d7 \(old\) not started: bad bzImage kernel image: bzImage: boot protocol older than 2.08' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^\(d2\) Test result: SUCCESS$' '^\(d3\) Test result: SUCCESS$' \
		'^\(d4\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' '!^\(d[5-7]\) '
}
# The domain life-cycle self-test unpacks its module once for all cycles,
# and gives the buffer back: the frames are counted at the end.
test_guest_compressed_selftest() {
	log=$LOGS/guest-compressed_selftest.log
	mkdir -p "$LOGS/compressed"
	bzimage "$GUEST_DIR/multi.elf" "$LOGS/compressed/selftest-bzImage" '\017\002'
	run_qemu "$log" 120 -m 128 -kernel "$BUILD/hypervisor.elf" \
		-append "debug-exit=0xf4 selftest=domains" -initrd "$LOGS/compressed/selftest-bzImage"
	expect guest_compressed_selftest "$log" 1 \
		'selftest domains: 20 build/destroy cycles, every frame returned' \
		'selftest domains: PASS' '^Memory: every frame the domains used was returned' \
		"$NO_FAULT"
}
guest_tests="$guest_tests guest_compressed guest_compressed_selftest"
