#!/usr/bin/env python3
"""Drives the lab guest's QEMU over QMP from the host (manual use; the Swift tests have their own client).

    Tests/Lab/qmp.py SOCKET tap X Y [HOLD_MS]   usb-tablet tap at absolute X, Y (0..32767)
    Tests/Lab/qmp.py SOCKET unplug              device_del of the usb-tablet (id tablet0)
    Tests/Lab/qmp.py SOCKET replug              device_add of a usb-tablet (id tablet0, bus xhci.0)
    Tests/Lab/qmp.py SOCKET raw JSON            any QMP command, e.g. '{"execute":"query-status"}'

Events sent before the guest opened the device are lost: wait for the probe's READY line.
"""
import json
import socket
import sys
import time


class QMP:
    """A QMP session on a unix socket: greeting, capabilities negotiation, commands."""

    def __init__(self, path, timeout=10.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buffer = b""
        self._message()  # greeting
        self.execute("qmp_capabilities")

    def _message(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("QMP socket closed")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def execute(self, command, arguments=None):
        message = {"execute": command}
        if arguments is not None:
            message["arguments"] = arguments
        self.sock.sendall(json.dumps(message).encode() + b"\n")
        while True:
            reply = self._message()
            if "event" in reply:
                continue
            if "error" in reply:
                raise RuntimeError(f"{command}: {reply['error']}")
            return reply.get("return")

    def events(self, events):
        return self.execute("input-send-event", {"events": events})


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    qmp = QMP(argv[1])
    action = argv[2]
    if action == "tap" and len(argv) in (5, 6):
        x, y = int(argv[3]), int(argv[4])
        hold = int(argv[5]) / 1000 if len(argv) == 6 else 0.15
        qmp.events([
            {"type": "abs", "data": {"axis": "x", "value": x}},
            {"type": "abs", "data": {"axis": "y", "value": y}},
            {"type": "btn", "data": {"down": True, "button": "left"}},
        ])
        time.sleep(hold)
        qmp.events([{"type": "btn", "data": {"down": False, "button": "left"}}])
    elif action == "unplug":
        qmp.execute("device_del", {"id": "tablet0"})
    elif action == "replug":
        qmp.execute("device_add", {"driver": "usb-tablet", "id": "tablet0", "bus": "xhci.0"})
    elif action == "raw" and len(argv) == 4:
        message = json.loads(argv[3])
        print(json.dumps(qmp.execute(message["execute"], message.get("arguments"))))
    else:
        print(__doc__, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
