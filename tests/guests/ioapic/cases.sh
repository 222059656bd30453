# QEMU test cases for tests/guests/ioapic (sourced by guest-tests.sh).

# The I/O APIC: masked at boot, apic_read, a read-only mapping (tests/guests/ioapic).
test_guest_ioapic() {
	guest_case ioapic 1 "$GUEST_DIR/ioapic.elf,$GUEST_DIR/ioapic.elf domU=apic,,mem=16M" \
		"IO-APIC 0: id 0, version 0x20, address 0xfec00000, GSI 0-23, all masked$" \
		"${D0}ioapic: apic_read: version 0x20, 24 inputs, all masked; alloc_irq_vector$" \
		"${D0}ioapic: its page maps read-only, aligned stores dropped$" \
		"${D0}Test result: SUCCESS$" \
		'^\(d1\) ioapic: domU refused as Xen$' \
		'^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_ioapic"
