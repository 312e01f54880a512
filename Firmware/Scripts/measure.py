#!/usr/bin/env python3
"""Measure the firmware images in QEMU: stack high-water mark under a protocol workload.

Usage (after `make BOARD=...`):  python3 Scripts/measure.py mps2-an386|microbit

Starts each image, drives it as the bus master over the emulated UART (identify, polls,
8 lines of text, full frame-buffer read-back, bad frames, retries; keypads: vote sessions,
injected keys, event polls), then dumps RAM through the QEMU monitor (memsave: the CPU view; the nRF51 RAM is not in the system address space) and counts how much of
the painted stack (see Support/startup.c) was overwritten.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "LobbyWireTests", "Vectors"))
from make_vectors import cobs, crc16, text_lines, wire  # noqa: E402  (reference implementation)

PAINT = 0x57AC57AC
RAM_BASE = 0x20000000
RAM = {"mps2-an386": 64 * 1024, "microbit": 16 * 1024}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def symbol(elf, name):
    out = subprocess.run(["llvm-nm", elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise SystemExit(f"{elf}: no symbol {name}")


class Device:
    def __init__(self, machine, elf):
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="lobby-measure-")
        self.monitor_path = os.path.join(self.directory, "monitor")
        self.qemu = subprocess.Popen(
            ["timeout", "-s", "KILL", "60", "qemu-system-arm", "-M", machine, "-nographic",
             "-monitor", f"unix:{self.monitor_path},server=on,wait=off",
             "-serial", f"tcp:127.0.0.1:{self.port},server=on,wait=on,nodelay=on", "-kernel", os.path.abspath(elf)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.directory)
        deadline = time.time() + 10
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port))
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.sock.settimeout(1)
        time.sleep(0.2)
        self.sequence = 0

    def request(self, dst, mtype, payload=b"", retry=False):
        if not retry:
            self.sequence = (self.sequence + 1) & 0xFF
        self.sock.sendall(b"\x00" + wire(dst, 0, self.sequence, mtype, payload))
        data = b""
        try:
            while not data.endswith(b"\x00"):
                chunk = self.sock.recv(512)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            pass
        return data

    def raw(self, data):
        self.sock.sendall(data)
        time.sleep(0.05)

    def dump_ram(self, size):
        # A relative name: the monitor would parse "size /path" as a division.
        name = "ram.bin"
        path = os.path.join(self.directory, name)
        with socket.socket(socket.AF_UNIX) as monitor:
            monitor.connect(self.monitor_path)
            monitor.settimeout(0.1)
            monitor.sendall(f"memsave 0x{RAM_BASE:x} {size} {name}\r".encode())
            deadline = time.time() + 5
            seen = b""
            # Keep reading: the monitor echoes each character and stalls if nobody reads.
            while not os.path.exists(path) or os.path.getsize(path) < size:
                if time.time() > deadline:
                    raise SystemExit(f"memsave did not complete: {seen[-300:]!r}")
                try:
                    seen += monitor.recv(65536)
                except socket.timeout:
                    pass
            time.sleep(0.1)
        with open(path, "rb") as handle:
            data = handle.read()
        os.unlink(path)
        return data

    def close(self):
        self.sock.close()
        # SIGTERM to `timeout`, which passes it on to QEMU (killing `timeout` would orphan QEMU).
        self.qemu.terminate()
        self.qemu.wait()
        for name in os.listdir(self.directory):
            os.unlink(os.path.join(self.directory, name))
        os.rmdir(self.directory)


def board_workload(device, address, lines):
    device.request(address, 0x20)
    device.request(address, 0x10)
    texts = [(i, (i % 3) | 0x08, "Növbə Ə%02d → Окно %d" % (i, i)) for i in range(lines)]
    for start in range(0, lines, 4):
        device.request(address, 0x30, text_lines(*texts[start:start + 4]))
    device.request(address, 0x30, text_lines(*texts[:1]), retry=True)
    offset = 0
    while offset < 2048:
        reply = device.request(address, 0x34, struct.pack("<HB", offset, 192))
        if not reply:
            break
        offset += 192
    device.request(address, 0x33, bytes([2]))
    device.request(address, 0x31)
    device.raw(b"\x00" + wire(address, 0, 200, 0x10, b"", version=2))
    device.raw(b"\x00" + wire(address, 0, 201, 0x5A, b""))
    device.raw(bytes([0x55]) * 400 + b"\x00")


def keypad_workload(device, address, test_hooks):
    device.request(address, 0x20)
    for round_ in range(3):
        device.request(address, 0x40, struct.pack("<IH", 1000 + round_, 30))
        if test_hooks:
            device.request(address, 0x7E, bytes([round_, 5]))
            time.sleep(0.2)
        device.request(address, 0x10)
    device.request(address, 0x42, text_lines((0, 0x01, "A123")))
    device.request(address, 0x43, bytes([2, 50, 1, 10]))
    device.request(address, 0x10, struct.pack("<H", 3))
    device.request(address, 0x10, struct.pack("<H", 3), retry=True)


IMAGES = [("board-window", 0x10), ("board-hall", 0x11), ("keypad", 0x20), ("keypad-test", 0x20), ("selftest", None)]


def main():
    board = sys.argv[1] if len(sys.argv) > 1 else "mps2-an386"
    build = os.path.join(HERE, "..", "build", board)
    print(f"{'image (' + board + ')':24} {'stack used':>10} {'stack size':>10}")
    for image, address in IMAGES:
        elf = os.path.join(build, image + ".elf")
        bottom, top = symbol(elf, "__stack_bottom"), symbol(elf, "__stack_top")
        device = Device(board, elf)
        try:
            if image.startswith("board"):
                board_workload(device, address, 8 if image == "board-hall" else 1)
            elif image.startswith("keypad"):
                keypad_workload(device, address, image == "keypad-test")
            else:
                time.sleep(1.0)
            ram = device.dump_ram(RAM[board])
        finally:
            device.close()
        words = struct.unpack("<%dI" % ((top - bottom) // 4), ram[bottom - RAM_BASE:top - RAM_BASE])
        untouched = 0
        for word in words:
            if word != PAINT:
                break
            untouched += 1
        print(f"{image:24} {top - bottom - untouched * 4:>10} {top - bottom:>10}")


if __name__ == "__main__":
    main()
