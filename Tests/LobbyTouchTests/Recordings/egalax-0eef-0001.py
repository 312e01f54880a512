#!/usr/bin/env python3
"""Writes egalax-0eef-0001.evemu: a synthetic evemu 1.3 recording of an eGalax kiosk controller
under hid-generic (0eef:0001, "eGalax Inc. USB TouchController Touchscreen"): BTN_TOOL_PEN and
BTN_TOUCH with ABS_X 30..4040 / ABS_Y 60..4035, MSC_SCAN, no input properties -- the device
description the panel's published evemu recording shows. The events are made up here: six taps,
one long press and one drag, with the jitter and timing of a finger on a resistive panel.

    python3 egalax-0eef-0001.py > egalax-0eef-0001.evemu
"""
import random

rng = random.Random(20260312)
SCAN = 852034  # MSC_SCAN: the HID usage of the tip switch (0x000d0042)

header = """# EVEMU 1.3
# Kernel: 6.1.0-synthetic
# DMI: dmi:synthetic
# Input device name: "eGalax Inc. USB TouchController Touchscreen"
# Input device ID: bus 0x03 vendor 0xeef product 0x01 version 0x210
# Supported events:
#   Event type 0 (EV_SYN)
#     Event code 0 (SYN_REPORT)
#     Event code 1 (SYN_CONFIG)
#     Event code 2 (SYN_MT_REPORT)
#     Event code 3 (SYN_DROPPED)
#     Event code 4 ((null))
#     Event code 15 (SYN_MAX)
#   Event type 1 (EV_KEY)
#     Event code 320 (BTN_TOOL_PEN)
#     Event code 330 (BTN_TOUCH)
#   Event type 3 (EV_ABS)
#     Event code 0 (ABS_X)
#       Value     2235
#       Min         30
#       Max       4040
#       Fuzz         0
#       Flat         0
#       Resolution   0
#     Event code 1 (ABS_Y)
#       Value     1755
#       Min         60
#       Max       4035
#       Fuzz         0
#       Flat         0
#       Resolution   0
#   Event type 4 (EV_MSC)
#     Event code 4 (MSC_SCAN)
# Properties:
N: eGalax Inc. USB TouchController Touchscreen
I: 0003 0eef 0001 0210
P: 00 00 00 00 00 00 00 00
B: 00 0b 00 00 00 00 00 00 00
"""
key_lines = ["B: 01 00 00 00 00 00 00 00 00"] * 12
key_lines[5] = "B: 01 01 04 00 00 00 00 00 00"  # BTN_TOOL_PEN (0x140), BTN_TOUCH (0x14a)
header += "\n".join(key_lines) + "\n"
header += """B: 02 00 00 00 00 00 00 00 00
B: 03 03 00 00 00 00 00 00 00
B: 04 10 00 00 00 00 00 00 00
B: 05 00 00 00 00 00 00 00 00
B: 11 00 00 00 00 00 00 00 00
B: 12 00 00 00 00 00 00 00 00
B: 14 00 00 00 00 00 00 00 00
B: 15 00 00 00 00 00 00 00 00
B: 15 00 00 00 00 00 00 00 00
A: 00 30 4040 0 0 0
A: 01 60 4035 0 0 0
################################
#      Waiting for events      #
################################
"""

lines = []
last = [None]


def event(t, type_, code, value, remark):
    lines.append("E: %d.%06d %04x %04x %04d\t# %s" % (int(t), round((t - int(t)) * 1e6), type_, code, value, remark))


def frame(t, x=None, y=None, touch=None):
    event(t, 4, 4, SCAN, "EV_MSC / MSC_SCAN             %d" % SCAN)
    if touch is not None:
        event(t, 1, 0x14a, touch, "EV_KEY / BTN_TOUCH            %d" % touch)
    if x is not None:
        event(t, 3, 0, x, "EV_ABS / ABS_X                %d" % x)
    if y is not None:
        event(t, 3, 1, y, "EV_ABS / ABS_Y                %d" % y)
    delta = "+0ms" if last[0] is None else "+%dms" % round((t - last[0]) * 1000)
    last[0] = t
    lines.append("E: %d.%06d 0000 0000 0000\t# ------------ SYN_REPORT (0) ---------- %s" % (int(t), round((t - int(t)) * 1e6), delta))


def contact(t, x, y, duration, dx=0, dy=0):
    """A finger down at (x, y) for `duration` s, frames every 6 ms, moving by (dx, dy) in all."""
    frame(t, x, y, touch=1)
    steps = max(1, int(duration / 0.006))
    px, py = x, y
    for i in range(1, steps):
        nx = x + round(dx * i / steps) + rng.randint(-2, 2)
        ny = y + round(dy * i / steps) + rng.randint(-2, 2)
        if (nx, ny) != (px, py):
            frame(t + i * 0.006, nx if nx != px else None, ny if ny != py else None)
            px, py = nx, ny
    frame(t + duration, touch=0)
    return t + duration


t = 0.000001
for x, y, duration in [(2035, 2047, 0.180), (3500, 600, 0.150), (560, 3700, 0.210), (2100, 3000, 0.240), (900, 900, 0.170),
                       (3300, 3300, 0.200)]:
    t = contact(t, x, y, duration) + rng.uniform(0.6, 1.4)
t = contact(t, 1500, 1500, 1.300) + 1.0          # long press
t = contact(t, 1000, 2000, 0.400, dx=1400) + 0.5  # drag: rejected as moved
print(header + "\n".join(lines))
