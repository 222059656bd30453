# QEMU test cases for tests/guests/ioport (sourced by guest-tests.sh).

# Port I/O, IOPL and physdev_op (tests/guests/ioport), as dom0 and domU.
test_guest_ioport() {
	guest_case ioport 1 "$GUEST_DIR/ioport.elf,$GUEST_DIR/ioport.elf domU=io,,mem=16M" \
		"${D0}ioport: physdev_op errors as Xen$" \
		"${D0}ioport: IOPL 0: in, out, ins, outs, cli, sti #GP\(0\)$" \
		"${D0}ioport: IOPL 1: cli/sti pass, upcall mask unchanged$" \
		"${D0}ioport: rtc [0-9]{2}:[0-9]{2} matches the wall clock$" \
		"${D0}ioport: pci config through 0xcf8/0xcfc: host bridge 8086:[0-9a-f]{4}$" \
		"${D0}ioport: dma page register direct; pit, pic, console uart: all ones$" \
		"${D0}ioport: pit channel 2 through 0x42/0x43/0x61 counts down$" \
		"${D0}ioport: rep ins/outs through buffers, #PF part way, #GP for bad addresses$" \
		"${D0}ioport: architectural_iopl: kernel is ring 0, iopl kept through iret$" \
		"${D0}ioport: user mode: bitmap ports work, others and cli #GP$" \
		"${D0}Test result: SUCCESS$" \
		'^\(d1\) ioport: physdev_op errors as Xen$' \
		'^\(d1\) ioport: IOPL 0: in, out, ins, outs, cli, sti #GP\(0\)$' \
		'^\(d1\) ioport: domU with IOPL 3: no port of its own, all ones, no #GP$' \
		'^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_ioport"
