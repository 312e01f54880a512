#!/usr/bin/env python3
"""Opens a ticket's status page in headless Chromium (DevTools protocol over a pipe, standard
library only) and waits until its live part shows a text, without reloading the page.

Usage: status_page_probe.py URL EXPECTED SECONDS PROFILE_DIR

Prints "READY <live text>" once the page's script runs, then one JSON object: whether EXPECTED
appeared in the live part, the live text then, how many updates the page made, and whether the
page was navigated (reloaded) meanwhile.
"""
import json, sys, time

from devtools_pipe import Chromium

url, expected, seconds, profile = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
navigations = 0


def count_navigations(event):
    global navigations
    if event.get("method") == "Page.frameNavigated": navigations += 1


browser = Chromium(profile, 1280, 900, on_event=count_navigations)
send = browser.send
session = None

def evaluate(expr):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session)
    return r.get("result", {}).get("value")

try:
    session = browser.open_page(url)
    deadline = time.time() + 20
    while evaluate("document.body && document.body.dataset.live") != "yes":
        if time.time() > deadline: raise SystemExit("the page's script never ran")
        time.sleep(0.05)
    before = navigations
    print("READY " + (evaluate("document.getElementById('live').textContent") or ""), flush=True)
    found = False
    start = time.time()
    while time.time() - start < seconds:
        if expected in (evaluate("document.getElementById('live').textContent") or ""):
            found = True
            break
        time.sleep(0.1)
    print(json.dumps({"found": found, "live": evaluate("document.getElementById('live').textContent"),
                      "updates": evaluate("document.body.dataset.updates"), "reloaded": navigations > before}), flush=True)
finally:
    browser.close()
