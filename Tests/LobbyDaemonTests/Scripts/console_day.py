#!/usr/bin/env python3
"""Plays an operator's day in lobbyd's console in headless Chromium, driven over the DevTools
protocol (a pipe, standard library only), with the keyboard as an operator would.

Usage: console_day.py BASE_URL NAME PASSWORD SHOTS_DIR [day|day-end]

`day-end` plays only the end of a day: sign in, then lobbyd's clock passes the day's end and
the next action sends the console to the sign-in page, which says why.

The test that starts it (ConsoleBrowserTests) answers on standard input: whenever this script
needs the world to do something (a keypad vote, a keypad key) or to check the queue, it prints
one line `NEED <what> <json>` and waits for one line back (a JSON object). At the end it prints
`RESULT <json>`: every check made on the page, with what was expected and what was found.
Any failed wait ends the script with `FAIL <what>` and a screenshot `failure.png`.
"""
import base64, json, os, sys, time
from devtools_pipe import Chromium

base, name, password, shots = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
mode = sys.argv[5] if len(sys.argv) > 5 else "day"


class Done(Exception):
    """The scenario ended early, as its mode asks."""
os.makedirs(shots, exist_ok=True)
browser = Chromium(os.path.join(shots, "chrome-profile"), 1280, 860)
send = browser.send
checks = []


class Tab:
    """One page (a DevTools target)."""
    def __init__(self):
        self.target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        send("Page.enable", None, self.session)
        send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 860, "deviceScaleFactor": 1, "mobile": False}, self.session)

    def go(self, url):
        send("Page.navigate", {"url": url}, self.session)

    def js(self, expr):
        r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True}, self.session)
        if "exceptionDetails" in r: raise SystemExit("FAIL script error: %s in %s" % (r["exceptionDetails"].get("text"), expr[:80]))
        return r.get("result", {}).get("value")

    def wait(self, what, expr, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if self.js(expr): return
            except SystemExit:
                pass  # the page is between documents
            time.sleep(0.05)
        self.shot("failure")
        state = self.js("(() => { try { return JSON.stringify({message: document.getElementById('message').textContent, data: document.body.dataset, session, view}).slice(0, 1500); } catch (e) { return String(e); } })()")
        raise SystemExit("FAIL timed out waiting until %s (%s); page: %s" % (what, expr, state))

    def key(self, key, code=None, vk=None, text=None, alt=False):
        """A key press as the keyboard sends it (on the console, once the last action has settled:
        the console ignores keys while an action is on its way)."""
        if self.js("location.pathname") == "/console":
            self.wait("the console idle", "document.body.dataset.busy !== 'yes'")
        code = code or ("Key" + key.upper() if len(key) == 1 and key.isalpha() else key)
        vk = vk or (ord(key.upper()) if len(key) == 1 else {"Enter": 13, "Tab": 9, "Escape": 27, "ArrowDown": 40, "ArrowUp": 38}[key])
        params = {"key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": 1 if alt else 0}
        down = dict(params, type="keyDown")
        if text is None and len(key) == 1 and not alt: text = key
        if key == "Enter": text = "\r"
        if text: down["text"] = text
        else: down["type"] = "rawKeyDown"
        send("Input.dispatchKeyEvent", down, self.session)
        send("Input.dispatchKeyEvent", dict(params, type="keyUp"), self.session)

    def type(self, text):
        send("Input.insertText", {"text": text}, self.session)

    def shot(self, label):
        png = base64.b64decode(send("Page.captureScreenshot", {"format": "png"}, self.session)["data"])
        with open(os.path.join(shots, "console-%s.png" % label), "wb") as f: f.write(png)

    def data(self, key):
        return self.js("document.body && document.body.dataset.%s" % key)

    def text(self, element_id):
        return self.js("document.getElementById(%s).textContent" % json.dumps(element_id))


def check(what, expected, found):
    checks.append({"what": what, "expected": expected, "found": found, "ok": expected == found})


def need(what, **values):
    print("NEED %s %s" % (what, json.dumps(values)), flush=True)
    line = sys.stdin.readline()
    if not line: raise SystemExit("FAIL the test went away")
    return json.loads(line)


def audit(tab, label):
    """Every control has an accessible name; visible text has contrast of at least 4.5:1."""
    tree = send("Accessibility.getFullAXTree", None, tab.session)["nodes"]
    unnamed = []
    for n in tree:
        role = n.get("role", {}).get("value")
        if n.get("ignored") or role not in ("button", "textbox", "combobox", "radio", "checkbox", "spinbutton", "searchbox", "listbox"): continue
        if not (n.get("name", {}).get("value") or "").strip(): unnamed.append(role)
    check("%s: controls without a name" % label, [], unnamed)
    low = tab.js("""(() => {
      const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
      const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                         return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) out.push(el.tagName + '#' + el.id + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 30));
      }
      return out; })()""")
    check("%s: text below 4.5:1 contrast" % label, [], low)


try:
  try:
      tab = Tab()
      # 1. The console sends a browser without a session to the sign-in page, which comes back.
      tab.go(base + "/console")
      tab.wait("the sign-in page", "document.body && document.body.dataset.page === 'login' && document.body.dataset.ready === 'yes'")
      check("redirected to", "/login?next=%2Fconsole", tab.js("location.pathname + location.search"))
      tab.js("localStorage.setItem('lobby.lang', 'en')")
      tab.go(base + "/login?next=/console&lang=en")
      tab.wait("the sign-in page in English", "document.body && document.body.dataset.ready === 'yes' && document.documentElement.lang === 'en'")
      audit(tab, "sign-in page")
      # Keyboard only: the name field has the focus; Tab to the password; Enter signs in.
      check("focus on arrival", "name", tab.js("document.activeElement.id"))
      tab.type(name); tab.key("Tab"); tab.type("wrong-password"); tab.key("Enter")
      tab.wait("the refusal", "document.getElementById('error').textContent.length > 0")
      check("wrong password", "The name or the password is wrong.", tab.text("error"))
      tab.shot("login")
      tab.type(password); tab.key("Enter")
      tab.wait("the console", "location.pathname === '/console' && document.body.dataset.ready === 'yes' && document.body.dataset.connected === 'yes'")
      if mode == "day-end":
          tab.js("document.getElementById('sign-in-window').focus()")
          tab.type("1"); tab.key("Enter")
          tab.wait("signed in at window 1", "document.body.dataset.window === '1'")
          tab.js("document.activeElement.blur()")
          need("day-end")  # lobbyd's clock moves a minute past the end of the service day
          tab.key("o")
          tab.wait("the sign-in page", "location.pathname === '/login' && document.body.dataset.ready === 'yes'")
          check("day-end notice", "The working day has ended: you were signed out.", tab.text("notice"))
          check("back to the console after signing in", "/console", tab.js("new URLSearchParams(location.search).get('next')"))
          tab.shot("day-ended")
          raise Done()

      # 2. Window sign-in (the window field, then Enter).
      tab.wait("the window sign-in form", "!document.getElementById('sign-in').hidden")
      tab.js("document.getElementById('sign-in-window').focus()")
      tab.type("1"); tab.key("Enter")
      tab.wait("signed in at window 1", "document.body.dataset.window === '1'")
      check("window state after sign-in", "closed", tab.data("windowState"))
      tab.js("document.activeElement.blur()")
      tab.key("o")
      tab.wait("the window open", "document.body.dataset.windowState === 'open'")
      world = need("tickets")  # the test issues the day's first tickets
      tab.wait("the lines show the waiting tickets", "document.querySelectorAll('#lines td.waiting').length === 2 && [...document.querySelectorAll('#lines td.waiting')].reduce((a, c) => a + Number(c.textContent), 0) === %d" % world["waiting"])
      audit(tab, "console")
      tab.shot("signed-in")

      # 3. Call next: the one the console named as next is called.
      expected_next = tab.data("next")
      tab.key("n")
      tab.wait("a citizen called", "document.body.dataset.current !== ''")
      check("called the announced next", expected_next, tab.data("current"))
      q = need("window", window=1)
      check("the queue's current ticket", tab.data("current"), q["current"])
      check("service requirements shown", "nothing special", tab.text("current-requires"))
      tab.shot("called")

      # 4. Transfer with the service search in Russian, to the front of the line.
      first = tab.data("current")
      tab.key("t")
      tab.wait("the transfer dialog", "document.getElementById('transfer-dialog').open")
      tab.type("Свид")
      tab.wait("the search found the service", "document.querySelectorAll('#transfer-services input').length === 1")
      check("search result", "birth", tab.js("document.querySelector('#transfer-services input:checked').value"))
      tab.js("document.querySelector('#transfer-form input[value=front]').checked = true")
      tab.shot("transfer")
      tab.key("Enter")
      tab.wait("the transfer done", "document.body.dataset.current === '' && document.body.dataset.message === 'done'")
      q = need("ticket", number=first)
      check("transferred ticket's service", "birth", q["service"])
      check("transferred ticket's state", "waiting", q["state"])

      # 5. Call again, park, unpark.
      tab.key("n")
      tab.wait("a citizen called", "document.body.dataset.current !== ''")
      parked = tab.data("current")
      tab.key("p")
      tab.wait("the citizen parked", "document.body.dataset.parked === %s" % json.dumps(parked))
      check("nobody at the window after parking", "", tab.data("current"))
      tab.shot("parked")
      tab.key("u")
      tab.wait("the citizen unparked", "document.body.dataset.parked === ''")
      check("unparked ticket's state", "waiting", need("ticket", number=parked)["state"])

      # 6. The double click: two clicks on "call next" in one moment call one citizen, and so does
      # the same click in a second tab of the same operator (the same Idempotency-Key).
      before = need("called-count")["count"]
      second = Tab()
      second.go(base + "/console")
      second.wait("the second tab", "document.body && document.body.dataset.ready === 'yes' && document.body.dataset.connected === 'yes' && document.body.dataset.window === '1' && document.body.dataset.busy === 'no'")
      tab.wait("the first tab settled", "document.body.dataset.busy === 'no' && document.body.dataset.sequence === %s" % json.dumps(second.data("sequence")))
      tab.js("(() => { const b = document.getElementById('act-callNext'); b.click(); b.click(); b.dispatchEvent(new MouseEvent('dblclick', {bubbles: true})); })()")
      second.js("document.getElementById('act-callNext').click()")
      tab.wait("a citizen called", "document.body.dataset.current !== '' && document.body.dataset.busy === 'no'")
      second.wait("the second tab shows the same citizen", "document.body.dataset.current === %s" % json.dumps(tab.data("current")))
      after = need("called-count")["count"]
      check("citizens called by a double click in two tabs", 1, after - before)
      send("Target.closeTarget", {"targetId": second.target})

      # 7. No-show.
      gone = tab.data("current")
      tab.key("x")
      tab.wait("the no-show", "document.body.dataset.current === ''")
      check("no-show ticket's state", "noShow", need("ticket", number=gone)["state"])

      # 8. Call, start, finish; the citizen votes on the window's keypad; the console shows it.
      tab.key("n")
      tab.wait("a citizen called", "document.body.dataset.current !== ''")
      served = tab.data("current")
      tab.key("s")
      tab.wait("service started", "document.getElementById('current-state').textContent.startsWith('being served')")
      tab.key("f")
      tab.wait("service finished", "document.body.dataset.current === ''")
      need("keypad-vote", number=served, score=4)
      tab.wait("the vote shown", "document.body.dataset.lastVote === '4'")
      check("last served line", "%s · Vote: 4 / 5" % served, tab.text("last-served"))
      tab.shot("vote")

      # 9. The window's keypad calls: the console follows.
      q = need("keypad-call")
      tab.wait("the keypad's call shown", "document.body.dataset.current === %s" % json.dumps(q["current"]))
      # Someone is at the window: a call is refused by the queue, and the page says why. (The
      # button only looks unavailable: the queue decides, so the keypad and the console agree.)
      tab.js("document.getElementById('act-callNext').click()")
      tab.wait("the refusal", "document.body.dataset.message === 'refused' && document.body.dataset.busy === 'no'")
      check("refusal text", "Finish or park the current citizen first.", tab.text("message"))
      tab.key("s"); tab.wait("started", "document.getElementById('current-state').textContent.startsWith('being served') && document.body.dataset.busy === 'no'")
      tab.key("f"); tab.wait("finished", "document.body.dataset.current === '' && document.body.dataset.busy === 'no'")

      # 10. Find a ticket by number ("/" focuses the field), the waiting list (L).
      tab.key("/")
      check("focus after /", "find-number", tab.js("document.activeElement.id"))
      tab.type(parked.lower()); tab.key("Enter")
      tab.wait("the ticket found", "document.querySelector('#found p') !== null")
      check("found ticket", parked, tab.js("document.querySelector('#found p').dataset.ticket"))
      tab.js("document.activeElement.blur()")
      tab.key("l")
      tab.wait("the list", "document.getElementById('list-dialog').open")
      check("list rows", need("waiting-count", window=1)["count"], tab.js("document.querySelectorAll('#list tr').length"))
      tab.key("Escape")
      tab.wait("the list closed", "!document.getElementById('list-dialog').open")

      # 11. Pause with a reason (keyboard: Z, arrow to "Lunch", Enter), in Russian.
      tab.js("{ const s = document.getElementById('lang'); s.value = 'ru'; s.dispatchEvent(new Event('change')); }")
      tab.wait("the page in Russian", "document.documentElement.lang === 'ru'")
      check("Russian action label", "Вызвать следующего", tab.js("document.querySelector('#act-callNext span').textContent"))
      tab.key("z")
      tab.wait("the reason dialog", "document.getElementById('reason-dialog').open")
      tab.key("ArrowDown"); tab.key("Enter")
      tab.wait("the window paused", "document.body.dataset.windowState === 'paused'")
      check("pause reason shown", "(Перерыв: Обед)", tab.text("window-state"))
      tab.shot("paused-ru")
      check("the queue's window state", "paused", need("window", window=1)["state"])

      # 12. Offline: lobbyd goes away; the page says so and refuses actions; it comes back by itself.
      need("stop-daemon")
      tab.wait("offline shown", "document.body.dataset.connected === 'no'")
      tab.key("o")
      tab.wait("the refusal while offline", "document.body.dataset.message === 'refused'")
      check("offline refusal", "Нет связи: действие не отправлено.", tab.text("message"))
      tab.shot("offline-ru")
      need("start-daemon")
      tab.wait("online again", "document.body.dataset.connected === 'yes'", seconds=30)
      tab.js("{ const s = document.getElementById('lang'); s.value = 'en'; s.dispatchEvent(new Event('change')); }")
      tab.key("o")
      tab.wait("the window open again", "document.body.dataset.windowState === 'open'")

      # 13. Sign out (Alt+Q): the window is free and the sign-in page says so.
      tab.key("q", alt=True)
      tab.wait("the sign-in page", "location.pathname === '/login' && document.body.dataset.ready === 'yes'")
      check("signed-out notice", "You have signed out.", tab.text("notice"))
      check("window operator after sign-out", None, need("window", window=1)["operator"])
      tab.shot("signed-out")
      print("RESULT " + json.dumps({"checks": checks}), flush=True)
  except Done:
      print("RESULT " + json.dumps({"checks": checks}), flush=True)
  except SystemExit as e:
    print(str(e) if str(e).startswith("FAIL") else "FAIL %s" % e, flush=True)
    raise
finally:
    browser.close()
