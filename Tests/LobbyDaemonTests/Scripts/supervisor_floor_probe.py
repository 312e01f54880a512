#!/usr/bin/env python3
"""Plays a supervisor's part against lobbyd's floor page in headless Chromium over the DevTools
protocol (a pipe, standard library only).

Usage: supervisor_floor_probe.py BASE_URL TECH_TOKEN CONTROL_FILE CONTROL_PREFIX SHOT_DIR

The queue is driven over HTTP with the technician's token and the daemon's clock is moved with
the fault shim's control file. The page is signed in by running fetch('/api/v1/session/login')
in it. Prints one JSON object of what the page showed at each step; exits non-zero (with the
reason) when the page never reaches a state it waits for.
"""
import base64, json, os, sys, time, urllib.request

from devtools_pipe import Chromium

base, token, control, prefix, shots = sys.argv[1:6]
browser = Chromium(shots + "/chrome-profile", 1280, 1000)
send = browser.send
session = None
report = {}


def evaluate(expr, wait=False):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": wait}, session)
    if "exceptionDetails" in r: raise SystemExit("page error: %s" % r["exceptionDetails"])
    return r.get("result", {}).get("value")


def until(expr, what, seconds=25):
    deadline = time.time() + seconds
    while True:
        v = evaluate(expr)
        if v: return v
        if time.time() > deadline: raise SystemExit("the page never showed " + what)
        time.sleep(0.1)


def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body or {}).encode() if method == "POST" else None,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r: return json.loads(r.read())
    except urllib.error.HTTPError as e:
        return {"status": e.code, **json.loads(e.read() or b"{}")}


def clock_offset(ms):
    with open(control + ".new", "w") as f: f.write("prefix %s\nclock-offset-ms %d\n" % (prefix, ms))
    os.rename(control + ".new", control)


def shot(name):
    png = base64.b64decode(send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)["data"])
    with open(os.path.join(shots, name), "wb") as f: f.write(png)


def key(k, code, text=None):
    for kind in ("keyDown", "keyUp"):
        p = {"type": kind, "key": k, "code": code, "windowsVirtualKeyCode": {"Enter": 13, "Tab": 9}.get(k, 0)}
        if text and kind == "keyDown": p["text"] = text
        send("Input.dispatchKeyEvent", p, session)


alerts = "document.body.dataset.alerts || ''"
try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", None, session)
    send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session)
    # Without a session the page sends the browser to the sign-in page.
    send("Page.navigate", {"url": base + "/supervisor"}, session)
    until("location.pathname === '/login' || document.readyState === 'complete'", "a page")
    time.sleep(0.3)
    report["redirectedTo"] = evaluate("location.pathname + location.search")
    signed = evaluate("fetch('/api/v1/session/login', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                      " body: JSON.stringify({name: 'nigar', password: 'floor-keeper-7'})}).then(r => r.status)", wait=True)
    report["signInStatus"] = signed
    send("Page.navigate", {"url": base + "/supervisor?lang=en"}, session)
    until("document.body && document.body.dataset.connected === 'yes' && document.body.dataset.refreshed", "a live floor")
    report["windowsShown"] = evaluate("[...document.querySelectorAll('#windows tr')].map(r => [...r.cells].map(c => c.textContent))")
    report["linesShown"] = evaluate("[...document.querySelectorAll('#lines tr')].map(r => [...r.cells].map(c => c.textContent))")
    report["alertsBefore"] = evaluate(alerts)
    # Eleven minutes later by the daemon's clock: B001 has waited past the 10-minute target.
    clock_offset(11 * 60 * 1000)
    until(alerts + ".includes('wait-past-target:birth')", "the wait-past-target alert")
    report["alertText"] = evaluate("document.querySelector('#alert-list li[data-key=\"wait-past-target:birth\"]').textContent")
    shot("supervisor-alert.png")
    # The line moves: window 1 calls B001, and the alert clears by itself.
    report["called1"] = api("POST", "/api/v1/windows/1/call-next").get("ticket", {}).get("number")
    until("!(" + alerts + ".includes('wait-past-target:birth'))", "the alert clear")
    report["alertsAfterCall"] = evaluate(alerts)
    report["currentShown"] = evaluate("document.querySelector('#windows tr[data-window=\"1\"]').cells[3].textContent")
    api("POST", "/api/v1/windows/1/finish")
    p001 = api("POST", "/api/v1/tickets", {"service": "passport", "print": False})["ticket"]["number"]
    b002 = api("POST", "/api/v1/tickets", {"service": "birth", "print": False})["ticket"]["number"]
    report["issued"] = [p001, b002]
    until("[...document.querySelectorAll('#lines tr')].some(r => r.dataset.service === 'birth' && r.cells[1].textContent === '1')", "B002 waiting")
    # Move the birth-certificate service to window 2 (which served only passports), with the mouse-free path: fill and click.
    evaluate("document.getElementById('s-number').value = '2'; document.getElementById('s-services').value = 'birth=1';"
             " document.getElementById('s-reason').value = 'Birth certificate line is long'; document.getElementById('b-services').click()")
    until("(document.body.dataset.audit || '').includes('assign-services')", "the assignment in the audit")
    report["result1"] = evaluate("document.getElementById('result').textContent")
    report["window2Services"] = evaluate("document.querySelector('#windows tr[data-window=\"2\"]').cells[5].textContent")
    # Move P001 to the birth line by keyboard alone: focus the ticket field, type, Tab through, Enter submits.
    evaluate("document.getElementById('t-number').focus()")
    send("Input.insertText", {"text": p001}, session)
    evaluate("document.getElementById('t-service').value = 'birth'")
    evaluate("document.getElementById('t-reason').focus()")
    send("Input.insertText", {"text": "Asked for the wrong service"}, session)
    key("Enter", "Enter", "\r")
    until("(document.body.dataset.audit || '').includes('move-ticket')", "the ticket move in the audit")
    report["audit"] = evaluate("[...document.querySelectorAll('#audit-rows tr')].map(r => [...r.cells].map(c => c.textContent))")
    # Who window 2 calls next changed: it now serves birth certificates, so B002 (or the moved P001), not a passport line.
    report["called2"] = api("POST", "/api/v1/windows/2/call-next").get("ticket", {}).get("number")
    until("document.querySelector('#windows tr[data-window=\"2\"]').cells[3].textContent.startsWith('" + str(report["called2"]) + "')",
          "window 2's call")
    # Accessibility: every control has a name, everything is reachable by Tab, text has enough contrast.
    report["unlabelled"] = evaluate("""[...document.querySelectorAll('input, select, button')].filter(el => {
        const byLabel = el.labels && [...el.labels].some(l => l.textContent.trim());
        return !(byLabel || el.textContent.trim() || el.getAttribute('aria-label'));
      }).map(el => el.id)""")
    report["notFocusable"] = evaluate("[...document.querySelectorAll('input, select, button')].filter(el => el.tabIndex < 0).map(el => el.id)")
    report["lowContrast"] = evaluate("""(() => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
        const bad = [];
        for (const el of document.querySelectorAll('body *')) {
          if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          if (el.closest('script, style, option')) continue;
          const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) bad.push((el.id || el.tagName) + ':' + ratio.toFixed(2));
        }
        return bad;
      })()""")
    report["languages"] = {}
    for lang in ("az", "ru"):
        evaluate("{ const s = document.getElementById('lang'); s.value = '%s'; s.dispatchEvent(new Event('change')) }" % lang)
        report["languages"][lang] = evaluate("document.getElementById('audit-h').textContent")
    evaluate("{ const s = document.getElementById('lang'); s.value = 'en'; s.dispatchEvent(new Event('change')) }")
    shot("supervisor-floor.png")
    print(json.dumps(report), flush=True)
finally:
    browser.close()
