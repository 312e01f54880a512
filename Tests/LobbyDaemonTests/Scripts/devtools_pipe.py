"""Headless Chromium driven over the DevTools protocol through a pipe (standard library only):
the tests' browser for lobbyd's pages (hall display, operator console)."""
import json, os, subprocess


class Chromium:
    """One headless Chromium; `send` runs one DevTools command and returns its result."""

    def __init__(self, profile_dir, width, height):
        chrome = next(p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p))
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        self.proc = subprocess.Popen(
            [chrome, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             "--window-size=%d,%d" % (width, height), "--no-first-run", "--user-data-dir=" + profile_dir, "about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)))
        os.close(to_r); os.close(from_w)
        self.buf, self.msg_id = b"", 0

    def send(self, method, params=None, session=None):
        """Sends one command and waits for its answer (events in between are dropped)."""
        self.msg_id += 1
        m = {"id": self.msg_id, "method": method, "params": params or {}}
        if session: m["sessionId"] = session
        os.write(self.to_w, json.dumps(m).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.from_r, 1 << 20)
                if not chunk: raise SystemExit("FAIL chromium closed the pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.msg_id:
                if "error" in reply: raise SystemExit("FAIL devtools error in %s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    def close(self):
        self.proc.kill()
        self.proc.wait()
