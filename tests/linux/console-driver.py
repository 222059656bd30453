#!/usr/bin/env python3
"""Drives a shell through QEMU's serial console for the Linux system tests.

Usage: console-driver.py LOG TIMEOUT MARKER PROMPT [COMMAND...] -- QEMU-COMMAND...

Runs QEMU-COMMAND (which must put the console on stdio), copies everything
it prints to LOG, waits for a line matching the regular expression MARKER,
then, at each shell prompt (regular expression PROMPT), types a COMMAND
followed by an echo of its exit status, a line ":rc=N:", and waits for
that line.  After the last
command (poweroff, say) it waits for QEMU to exit.  Exits with QEMU's exit
status, or 124 when TIMEOUT seconds pass first (QEMU is then killed).
"""
import os
import re
import select
import subprocess
import sys
import time

# Lines from dom0 end in "\r\r\n": its tty and the hypervisor's console
# each put a CR before the LF.
STATUS_LINE = re.compile(rb"^:rc=[0-9]+:\r*$", re.M)


class Console:
    def __init__(self, log, deadline, qemu):
        self.log = log
        self.deadline = deadline
        self.qemu = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.seen = b""

    def _read(self, wait):
        """Reads what QEMU printed within WAIT seconds; False at its end."""
        ready, _, _ = select.select([self.qemu.stdout], [], [], wait)
        if not ready:
            return True
        data = os.read(self.qemu.stdout.fileno(), 65536)
        if not data:
            return False
        self.log.write(data)
        self.log.flush()
        self.seen += data
        return True

    def expect(self, pattern):
        """Waits for PATTERN in output not matched before; False on timeout or exit."""
        while True:
            match = pattern.search(self.seen)
            if match:
                self.seen = self.seen[match.end():]
                return True
            left = self.deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 1.0)):
                return False

    def send(self, line):
        self.qemu.stdin.write(line.encode() + b"\n")
        self.qemu.stdin.flush()

    def finish(self):
        """Waits for QEMU to exit; its status, or 124 after the deadline."""
        while self.deadline > time.monotonic() and self._read(1.0):
            pass
        try:
            return self.qemu.wait(max(self.deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            self.qemu.kill()
            self.qemu.wait()
            return 124


def main(argv):
    if "--" not in argv or argv.index("--") < 5:
        sys.exit(__doc__)
    split = argv.index("--")
    log_path, timeout, marker, prompt = argv[1], float(argv[2]), argv[3], argv[4]
    commands, qemu = argv[5:split], argv[split + 1:]
    prompt = re.compile(prompt.encode())
    with open(log_path, "wb") as log:
        console = Console(log, time.monotonic() + timeout, qemu)
        if console.expect(re.compile(marker.encode(), re.M)):
            for command in commands:
                if not console.expect(prompt):
                    break
                console.send(command + '; echo ":rc=$?:"')
                if not console.expect(STATUS_LINE):
                    break
        return console.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
