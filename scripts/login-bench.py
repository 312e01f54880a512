#!/usr/bin/env python3
"""Sign-in benchmark (not a test; Docs/Performance.md, "Staff sign-in"): starts lobbyd on a
private configuration, adds an account over the Unix socket, then times sign-ins over loopback:
SEQUENTIAL one after another, then CONCURRENT at once (operators at opening time). Prints the
latencies and lobbyd's peak resident memory (VmHWM) before and after, which shows that Argon2id's
64 MiB are used by one hash at a time.

    scripts/login-bench.py .build/release/lobbyd [SEQUENTIAL] [CONCURRENT]
"""
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

lobbyd = sys.argv[1]
sequential = int(sys.argv[2]) if len(sys.argv) > 2 else 20
concurrent = int(sys.argv[3]) if len(sys.argv) > 3 else 20
work = tempfile.mkdtemp(prefix="login-bench-")
sock = work + "/lobbyd.sock"
with open(work + "/lobby.yaml", "w") as f:
    f.write(f"""centre:
  name: {{en: "Bench"}}
  timeZone: Asia/Baku
agencies:
  - {{id: ag, name: {{en: "Agency"}}}}
services:
  - {{id: passport, agency: ag, name: {{en: "Passport"}}, prefix: P}}
windows:
  - {{number: 1, agency: ag, services: {{passport: 1}}}}
api:
  listen: 127.0.0.1:0
  socket: {sock}
journal: {work}/journal.db
""")
proc = subprocess.Popen([lobbyd, "--config", work + "/lobby.yaml"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
port = None
for line in proc.stdout:
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
    if m:
        port = int(m.group(1))
        break


class UnixConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(sock)


def call(connection, method, path, body):
    connection.request(method, path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    return response.status


def peak_kib():
    with open(f"/proc/{proc.pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))


def login():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.monotonic()
    status = call(c, "POST", "/api/v1/session/login", {"name": "bench", "password": "bench-password-1"})
    elapsed = time.monotonic() - start
    c.close()
    assert status == 200, status
    return elapsed


try:
    before = peak_kib()
    assert call(UnixConnection("x"), "POST", "/api/v1/accounts", {"name": "bench", "role": "supervisor", "password": "bench-password-1"}) == 201
    times = sorted(login() for _ in range(sequential))
    print(f"sequential: {sequential} sign-ins, p50 {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    results = []
    threads = [threading.Thread(target=lambda: results.append(login())) for _ in range(concurrent)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.monotonic() - start
    results.sort()
    print(f"concurrent: {concurrent} sign-ins at once, all done in {total:.2f} s, first {results[0] * 1000:.0f} ms, last {results[-1] * 1000:.0f} ms")
    print(f"lobbyd peak RSS: {before // 1024} MiB at start, {peak_kib() // 1024} MiB after the sign-ins")
finally:
    proc.terminate()
    proc.wait()
    subprocess.run(["rm", "-rf", work])
