"""Headless Chromium driven over the DevTools protocol through a pipe (standard library only):
the tests' one browser driver for lobbyd's pages (hall, console, supervisor, ticket status)."""
import json, os, subprocess


class DevToolsError(SystemExit):
    """A DevTools command failed or Chromium went away; ends a script unless it is caught."""


class Chromium:
    """One headless Chromium; `send` runs one DevTools command and returns its result.

    `extra_args` are more Chromium switches; `on_event` is called with every event message that
    arrives while a command waits for its answer."""

    def __init__(self, profile_dir, width, height, extra_args=(), on_event=None):
        chrome = next(p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p))
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        self.proc = subprocess.Popen(
            [chrome, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             "--window-size=%d,%d" % (width, height), "--no-first-run", "--user-data-dir=" + profile_dir]
            + list(extra_args) + ["about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)))
        os.close(to_r); os.close(from_w)
        self.buf, self.msg_id, self.on_event = b"", 0, on_event

    def send(self, method, params=None, session=None):
        """Sends one command and waits for its answer (events in between go to `on_event`)."""
        self.msg_id += 1
        m = {"id": self.msg_id, "method": method, "params": params or {}}
        if session: m["sessionId"] = session
        os.write(self.to_w, json.dumps(m).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.from_r, 1 << 20)
                if not chunk: raise DevToolsError("FAIL chromium closed the pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if "method" in reply and self.on_event: self.on_event(reply)
            if reply.get("id") == self.msg_id:
                if "error" in reply: raise DevToolsError("FAIL devtools error in %s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    def open_page(self, url, width=None, height=None):
        """Opens a new tab at `url` (with the viewport set when given) and returns its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", None, session)
        if width and height:
            self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.navigate", {"url": url}, session)
        return session

    def close(self):
        self.proc.kill()
        self.proc.wait()
