#!/usr/bin/env python3
"""Pictures of the kiosk's check-in by ID document for Docs/images, taken from a real lobbyd:
a headless 540x960 kiosk whose serial MRZ reader is a pseudo-terminal this script writes a
synthetic document into (no real person). Build first (`swift build --product lobbyd`), then:

    scripts/kiosk-document-screens.py
"""
import os, sys, json, subprocess, tempfile, time, socket, http.client, tty
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
master, slave = os.openpty()
tty.setraw(slave)
path = os.ttyname(slave)
d = tempfile.mkdtemp(prefix="lobby-shots-")
conf = open(ROOT + "/Docs/Examples/lobby.yaml").read()
conf = conf.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:0\n  socket: %s/lobbyd.sock" % d)
conf += "\njournal: %s/journal.db\nprivacy:\n  personKey: \"%s\"\ndevices:\n  kiosk:\n    name: entrance\n    display: {backend: none, width: 540, height: 960}\n    touchscreen: {enabled: false}\n    mrzReader: {serial: %s, baud: 9600}\n" % (d, "3c" * 32, path)
if "privacy:" in open(ROOT + "/Docs/Examples/lobby.yaml").read(): raise SystemExit("example has privacy")
open(d + "/lobby.yaml", "w").write(conf)
for f in ["journal.db", "journal.db-wal", "journal.db-shm"]:
    try: os.remove(d + "/" + f)
    except FileNotFoundError: pass
p = subprocess.Popen([ROOT + "/.build/debug/lobbyd", "--config", d + "/lobby.yaml"], stdout=open(d + "/log", "w"), stderr=subprocess.STDOUT)
class C(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX); self.sock.connect(d + "/lobbyd.sock")
def call(m, path, body=None):
    c = C("x"); c.request(m, path, body=json.dumps(body) if body is not None else None, headers={"Content-Type": "application/json"})
    r = c.getresponse(); data = r.read(); c.close(); return data
time.sleep(3)
def tap(action):
    st = json.loads(call("GET", "/api/v1/kiosk"))
    b = next(b for b in st["buttons"] if action in b["action"] and b["enabled"])
    call("POST", "/api/v1/kiosk/tap", {"x": b["x"] + b["width"] // 2, "y": b["y"] + b["height"] // 2})
    time.sleep(0.4)
def shot(name):
    time.sleep(0.5)
    open(os.path.join(ROOT, "Docs/images", name), "wb").write(call("GET", "/api/v1/kiosk/screen.png"))
    print(name, json.loads(call("GET", "/api/v1/kiosk"))["screen"])
tap("start"); tap("chooseLanguage:en"); tap("openCheckIn")
shot("kiosk-checkin-document-en.png")
os.write(master, b"I<UTOY987654324<<<<<<<<<<<<<<<\r\n9907205F3105054UTO<<<<<<<<<<<0\r\nTESTER<<YOUNG<SYNTHETIC<<<<<<<\r\n")
time.sleep(1.5)
shot("kiosk-checkin-document-failure-en.png")
p.terminate(); p.wait()
