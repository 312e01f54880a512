#!/usr/bin/env python3
"""Opens a ticket's status page in headless Chromium (DevTools protocol over a pipe, standard
library only) and waits until its live part shows a text, without reloading the page.

Usage: status_page_probe.py URL EXPECTED SECONDS PROFILE_DIR

Prints "READY <live text>" once the page's script runs, then one JSON object: whether EXPECTED
appeared in the live part, the live text then, how many updates the page made, and whether the
page was navigated (reloaded) meanwhile.
"""
import json, os, subprocess, sys, time

url, expected, seconds, profile = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
chrome = next(p for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] if os.path.exists(p))
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
proc = subprocess.Popen(
    [chrome, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
     "--user-data-dir=" + profile, "about:blank"],
    pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)))
os.close(to_chrome_r); os.close(from_chrome_w)
buf = b""
msg_id = 0
navigations = 0

def send(method, params=None, session=None):
    global msg_id, buf, navigations
    msg_id += 1
    m = {"id": msg_id, "method": method, "params": params or {}}
    if session: m["sessionId"] = session
    os.write(to_chrome_w, json.dumps(m).encode() + b"\0")
    while True:
        while b"\0" not in buf:
            chunk = os.read(from_chrome_r, 1 << 20)
            if not chunk: raise SystemExit("chromium closed the pipe")
            buf += chunk
        raw, buf = buf.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("method") == "Page.frameNavigated": navigations += 1
        if reply.get("id") == msg_id:
            if "error" in reply: raise SystemExit("devtools error: %s" % reply["error"])
            return reply.get("result", {})

def evaluate(expr):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session)
    return r.get("result", {}).get("value")

try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", None, session)
    send("Page.navigate", {"url": url}, session)
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
    proc.kill()
    proc.wait()
