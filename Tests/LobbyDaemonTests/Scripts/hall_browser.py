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
import base64, json, sys, time

from devtools_pipe import Chromium, DevToolsError

url, width, height, profile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
browser = Chromium(profile, width, height, extra_args=["--autoplay-policy=no-user-gesture-required"])
session = None


def send(method, params=None):
    return browser.send(method, params, session)


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    session = browser.open_page(url, width, height)
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
    browser.close()
