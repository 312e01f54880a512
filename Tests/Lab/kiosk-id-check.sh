#!/bin/sh
# Runs INSIDE the lab guest: lobbyd's kiosk (headless) with both ID readers on a real kernel: the
# CCID card reader (QEMU's usb-ccid, the card played by the host's card-player.py) and a
# keyboard-wedge MRZ reader (a uinput keyboard typing through `lobby-mrz-probe type`). A citizen
# checks an appointment in by the card's chip, then by the MRZ; another document finds none.
# The host inserts and removes the card when asked (`LOBBY-PROBE WANT insert|remove`).
#
#   Tests/Lab/run-guest.sh Tests/Lab/kiosk-id-check.sh LOBBYD LOBBY-MRZ-PROBE
lobbyd=$1 probe=$2
dir=/tmp/kiosk-id
mkdir -p "$dir"
if [ -x /lib/systemd/systemd-udevd ]; then
    /lib/systemd/systemd-udevd --daemon >/dev/null 2>&1 && udevadm trigger --action=add >/dev/null 2>&1 && udevadm settle --timeout=5 >/dev/null 2>&1
fi
say() { echo "LOBBY-PROBE $*"; }

# The wedge reader: documents written to the fifo are typed by keycode.
mkfifo "$dir/mrz"
"$probe" type < "$dir/mrz" > "$dir/probe.out" 2>&1 &
exec 3> "$dir/mrz"
round=0
until grep -q "READER " "$dir/probe.out" 2>/dev/null; do
    round=$((round + 1)); [ "$round" -gt 100 ] && { say "FAIL no uinput reader: $(cat "$dir/probe.out")"; echo "LOBBY-LAB-RESULT 1"; exit 1; }
    sleep 0.1
done
reader=$(sed -n 's/.*READER \(.*\)/\1/p' "$dir/probe.out" | head -1)
say "READER $reader"

cat > "$dir/lobby.yaml" <<CONF
centre:
  name: {az: "Sınaq", ru: "Тест", en: "Test"}
  timeZone: Asia/Baku
agencies:
  - {id: ag, name: {en: "Agency"}}
services:
  - {id: passport, agency: ag, name: {en: "Passport"}, prefix: P}
  - {id: birth, agency: ag, name: {en: "Birth certificate"}, prefix: B}
windows:
  - {number: 1, agency: ag, services: {passport: 1, birth: 1}}
api:
  listen: 127.0.0.1:8321
  socket: $dir/lobbyd.sock
  tokens:
    - {role: technician, token: tech-token-1234567}
    - {role: admin, token: admin-token-1234567}
journal: $dir/journal.db
privacy:
  personKey: "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c"
devices:
  kiosk:
    name: lab
    display: {backend: none}
    touchscreen: {enabled: false}
    mrzReader: {device: $reader}
    cardReader: true
CONF
"$lobbyd" --config "$dir/lobby.yaml" > "$dir/lobbyd.log" 2>&1 &
pid=$!

# kiosk.py COMMAND …: the kiosk over lobbyd's API (status, tap ACTION, wait SCREEN [ROUNDS], book, health, services).
cat > "$dir/kiosk.py" <<'PY'
import json, sys, time, datetime, http.client, socket
SOCKET = "/tmp/kiosk-id/lobbyd.sock"  # the guest's loopback interface is down: the Unix socket
class Connection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(SOCKET)
def call(method, path, body=None, token="tech-token-1234567"):
    connection = Connection("lobbyd")
    data = json.dumps(body) if body is not None else None
    connection.request(method, path, body=data, headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, json.loads(payload or b"{}")
command = sys.argv[1]
if command == "status":
    print(call("GET", "/api/v1/kiosk")[1].get("screen"))
elif command == "tap":
    buttons = call("GET", "/api/v1/kiosk")[1].get("buttons", [])
    b = next((b for b in buttons if sys.argv[2] in b["action"] and b["enabled"]), None)
    if b is None:
        print("no button " + sys.argv[2]); sys.exit(1)
    call("POST", "/api/v1/kiosk/tap", {"x": b["x"] + b["width"] // 2, "y": b["y"] + b["height"] // 2})
elif command == "wait":
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    screen = None
    for _ in range(rounds):  # rounds, not seconds: the guest's clock may jump
        try:
            screen = call("GET", "/api/v1/kiosk")[1].get("screen")
        except Exception as error:
            screen = "unreachable (%s)" % error
        if screen == sys.argv[2]:
            print(screen); sys.exit(0)
        time.sleep(0.2)
    print(screen); sys.exit(1)
elif command == "book":
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body = call("POST", "/api/v1/appointments", {"bookingCode": sys.argv[2], "service": "birth", "at": at,
                                                         "personalNumber": "2QW3ER5"}, token="admin-token-1234567")
    print(status, json.dumps(body, sort_keys=True)); sys.exit(0 if status == 201 else 1)
elif command in ("health", "services"):
    path = "/healthz" if command == "health" else "/api/v1/services"
    print(json.dumps(call("GET", path)[1], separators=(",", ":"), sort_keys=True))
PY
k() { python3 "$dir/kiosk.py" "$@"; }

fail() { say "FAIL $*"; say "LOG $(tail -c 1500 "$dir/lobbyd.log" | tr '\n' ' ')"; kill -TERM $pid; wait $pid; echo "LOBBY-LAB-RESULT 1"; exit 1; }
screen=$(k wait attract 600) || fail "lobbyd's kiosk never came up: $screen"
# The card reader and the MRZ reader report themselves to /healthz.
round=0
until k health | grep -q '"kiosk:lab/card-reader":"ok"'; do
    round=$((round + 1)); [ "$round" -gt 300 ] && fail "the card reader never became healthy: $(k health)"
    sleep 0.2
done
say "HEALTH $(k health)"
booked=$(k book "$3") || fail "booking: $booked"
say "BOOKED"

# 1. The appointment checked in by the card's chip (plain DG1), presented on the check-in keypad.
k tap start; k tap "chooseLanguage:en"; k tap openCheckIn
k wait checkIn >/dev/null || fail "no check-in keypad"
say "WANT insert"
screen=$(k wait doneUnprinted 600) || fail "the card did not check in: the kiosk shows $screen"
say "CHECKED-IN card"
say "WANT remove"
k tap home

# 2. Another document by the MRZ reader: no appointment; then the citizen's own: the same ticket.
k tap start; k tap "chooseLanguage:en"; k tap openCheckIn
k wait checkIn >/dev/null || fail "no check-in keypad (2)"
printf '%s\n' "I<UTOY987654324<<<<<<<<<<<<<<<|9907205F3105054UTO<<<<<<<<<<<0|TESTER<<YOUNG<SYNTHETIC<<<<<<<" >&3
screen=$(k wait checkInFailure 300) || fail "another document was not refused: $screen"
say "REFUSED other"
printf '%s\n' "IDAZEAA123456782QW3ER5<<<<<<<<|0102030M3402030AZE<<<<<<<<<<<7|NUMUNOV<<SINAQ<TEST<<<<<<<<<<<" >&3
screen=$(k wait doneUnprinted 300) || fail "the MRZ did not check in: $screen"
say "CHECKED-IN mrz"
say "SERVICES $(k services)"
exec 3>&-
kill -TERM $pid
wait $pid
code=$?
say "STOPPED $code"
grep -c "2QW3ER5\|NUMUNOV\|AA1234567" "$dir/lobbyd.log" | sed 's/^/LOBBY-PROBE PERSONAL-IN-LOG /'
echo "LOBBY-LAB-RESULT $code"
