#!/usr/bin/env python3
"""Benchmark (not a test): time from card insertion to identification (DG1 MRZ read) in the QEMU lab.

    swift build && Tests/Lab/card-bench.py [CYCLES] [--bac] [--protocol t1|t0] [--chunk N] [--no-wtx]

Boots the lab guest with the usb-ccid reader, runs `lobby-card-probe watch --lab` in it, and inserts and
removes the synthetic card CYCLES times (default 20) with Tests/Lab/card-player.py. Two numbers per cycle:
- guest: the probe's own measure, from the NotifySlotChange interrupt arriving to the MRZ parsed
  (power on, ATR, T=1 exchanges of SELECT, SELECT, READ BINARY ×2, parse);
- host: from the player sending the ATR to the probe's line arriving on the serial console.
With --bac the card is a BAC chip (`bac secure`) and the probe gets the MRZ (`--bac-mrz`): the guest number
then covers GET CHALLENGE, EXTERNAL AUTHENTICATE and the protected SELECT / READ BINARY; run the benchmark
with the venv's python (Tests/Lab/setup-card-venv.sh), whose interpreter also runs the player.
Run from the package root. Prints min / median / p90 / max in milliseconds.
"""
import os
import subprocess
import sys
import tempfile
import time

LAB = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(LAB))
# The player's SYNTHETIC_MRZ (card-player.py), as the kiosk's MRZ reader would deliver it.
BAC_MRZ = ("IDAZEAA123456782QW3ER5<<<<<<<<" "0102030M3402030AZE<<<<<<<<<<<7" "NUMUNOV<<SINAQ<TEST<<<<<<<<<<<")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Lines:
    """A child's output lines, read without blocking the benchmark."""

    def __init__(self, stream):
        import threading
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            with self.lock:
                self.lines.append((time.monotonic(), line))

    def wait(self, predicate, timeout, start=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for index in range(start, len(self.lines)):
                    if predicate(self.lines[index][1]):
                        return index, self.lines[index]
            time.sleep(0.005)
        raise TimeoutError("no matching line within %.0f s; last lines:\n%s" % (timeout, "\n".join(l for _, l in self.lines[-15:])))


def main(argv):
    counted = len(argv) > 1 and argv[1].isdigit()
    cycles = int(argv[1]) if counted else 20
    player_options = argv[2:] if counted else argv[1:]
    bac = "--bac" in player_options
    player_options = [option for option in player_options if option != "--bac"]
    probe = os.path.join(ROOT, ".build", "debug", "lobby-card-probe")
    if not os.path.exists(probe):
        print("build first: swift build", file=sys.stderr)
        return 1
    run_dir = tempfile.mkdtemp(prefix="lobby-card-bench-", dir="/tmp")
    socket_path = os.path.join(run_dir, "vsc.sock")
    prepared = subprocess.run(
        [os.path.join(LAB, "run-guest.sh"), "--no-tablet", "--run-dir", run_dir, "--print-qemu-args",
         os.path.join(LAB, "card-check.sh"), probe, "watch", "--lab", "--identifications", str(cycles), "--seconds", "600"]
        + (["--bac-mrz", BAC_MRZ] if bac else []),
        cwd=ROOT, capture_output=True, text=True)
    if prepared.returncode != 0:
        print(prepared.stderr, file=sys.stderr)
        return prepared.returncode
    arguments = prepared.stdout.splitlines() + [
        "-device", "usb-ccid,id=ccid0,bus=xhci.0",
        "-chardev", "socket,id=vsc0,path=%s,server=on,wait=off" % socket_path,
        "-device", "ccid-card-passthru,chardev=vsc0,bus=ccid0.0"]
    qemu = subprocess.Popen(["qemu-system-x86_64"] + arguments, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    player = None
    try:
        console = Lines(qemu.stdout)
        player = subprocess.Popen([sys.executable, os.path.join(LAB, "card-player.py"), socket_path] + player_options,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        player_lines = Lines(player.stdout)
        player_lines.wait(lambda line: line == "PLAYER ACK 0", 60)
        if bac:
            player.stdin.write(b"bac secure\n")
            player.stdin.flush()
            player_lines.wait(lambda line: line == "PLAYER BAC secure", 10)
        console.wait(lambda line: "LOBBY-PROBE READY" in line, 90)
        guest_ms, host_ms = [], []
        cursor = 0
        for cycle in range(cycles):
            sent = time.monotonic()
            player.stdin.write(b"insert\n")
            player.stdin.flush()
            cursor, (seen, line) = console.wait(lambda text: "EVENT card identified" in text or "EVENT card failed" in text, 30, cursor)
            cursor += 1
            if "identified" not in line or (bac and "emrtd (BAC): " not in line):
                raise RuntimeError(line)
            host_ms.append((seen - sent) * 1000)
            guest_ms.append(float(line.split(" in ")[1].split(" ms")[0]))
            if cycle == cycles - 1:
                break  # the probe ends after its last identification
            player.stdin.write(b"remove\n")
            player.stdin.flush()
            cursor, _ = console.wait(lambda text: "EVENT card removed" in text, 30, cursor)
            cursor += 1
        for name, values in (("guest (interrupt -> MRZ)", guest_ms), ("host (ATR sent -> line)", host_ms)):
            print("%-26s n=%d min %.1f median %.1f p90 %.1f max %.1f ms" % (
                name, len(values), min(values), percentile(values, 0.5), percentile(values, 0.9), max(values)))
        return 0
    finally:
        if player:
            try:
                player.stdin.write(b"quit\n")
                player.stdin.close()
            except OSError:
                pass
            player.wait(timeout=5)
        qemu.terminate()
        qemu.wait(timeout=10)
        import shutil
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
