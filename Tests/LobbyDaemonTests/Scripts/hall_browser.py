#!/usr/bin/env python3
"""Drives one headless Chromium page over the DevTools protocol (a pipe, standard library only),
for tests and the hall benchmark that ask the page itself what it shows.

Usage: hall_browser.py URL WIDTH HEIGHT PROFILE_DIR

Opens URL at WIDTH×HEIGHT, prints "READY" once the page has loaded, then reads one JSON command
per line on stdin and answers one JSON line on stdout:
  {"eval": "EXPRESSION"}            -> {"value": RESULT}   (JavaScript, result by value)
  {"shot": "PATH.png"}              -> {"ok": true}        (a screenshot of the viewport)
  {"size": [WIDTH, HEIGHT]}         -> {"ok": true}        (resize the viewport)
A DevTools error answers {"error": "..."}. Chromium is ended when stdin closes.
"""
import base64, json, os, subprocess, sys, time

url, width, height, profile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
chrome = next(p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p))
to_r, to_w = os.pipe()
from_r, from_w = os.pipe()
proc = subprocess.Popen(
    [chrome, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
     "--autoplay-policy=no-user-gesture-required", "--window-size=%d,%d" % (width, height), "--no-first-run",
     "--user-data-dir=" + profile, "about:blank"],
    pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)))
os.close(to_r)
os.close(from_w)
buf, msg_id, session = b"", 0, None


class DevToolsError(Exception):
    pass


def send(method, params=None):
    global msg_id, buf
    msg_id += 1
    m = {"id": msg_id, "method": method, "params": params or {}}
    if session:
        m["sessionId"] = session
    os.write(to_w, json.dumps(m).encode() + b"\0")
    while True:
        while b"\0" not in buf:
            chunk = os.read(from_r, 1 << 20)
            if not chunk:
                raise SystemExit("chromium closed the pipe")
            buf += chunk
        raw, buf = buf.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == msg_id:
            if "error" in reply:
                raise DevToolsError(str(reply["error"]))
            return reply.get("result", {})


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable")
    send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    send("Page.navigate", {"url": url})
    deadline = time.time() + 20
    while True:
        state = send("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True}).get("result", {}).get("value")
        if state == "complete":
            break
        if time.time() > deadline:
            raise SystemExit("the page did not load")
        time.sleep(0.05)
    answer("READY")
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        try:
            if "eval" in command:
                r = send("Runtime.evaluate", {"expression": command["eval"], "returnByValue": True})
                if "exceptionDetails" in r:
                    answer({"error": r["exceptionDetails"].get("text", "exception")})
                else:
                    answer({"value": r.get("result", {}).get("value")})
            elif "shot" in command:
                png = base64.b64decode(send("Page.captureScreenshot", {"format": "png"})["data"])
                with open(command["shot"], "wb") as f:
                    f.write(png)
                answer({"ok": True})
            elif "size" in command:
                w, h = command["size"]
                send("Emulation.setDeviceMetricsOverride", {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": False})
                answer({"ok": True})
            else:
                answer({"error": "unknown command %s" % sorted(command)})
        except DevToolsError as e:
            answer({"error": str(e)})
finally:
    proc.kill()
    proc.wait()
