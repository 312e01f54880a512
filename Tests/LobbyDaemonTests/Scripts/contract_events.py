#!/usr/bin/env python3
"""Checks lobbyd's event streams against Docs/openapi.yaml (x-events) and Last-Event-ID resume.

Usage: contract_events.py --doc Docs/openapi.yaml --url http://127.0.0.1:PORT --token TOKEN --mode live|restarted
  live:      every event of /api/v1/display/events and /api/v1/events conforms to its schema while
             a ticket goes through a window; a client resuming with Last-Event-ID gets exactly the
             records after it; an id past the journal gets a `reset`; a malformed id is a 400.
  restarted: (run after lobbyd restarted on the same journal) an old id gets a `reset`.
Prints one line per check; exits 1 with the reason on the first failure.
"""
import argparse
import http.client
import json
import sys
import urllib.parse

import jsonschema
import yaml


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


class Stream:
    """One Server-Sent Events response, read event by event."""

    def __init__(self, url, token, path, last_event_id=None):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
        headers = {"Accept": "text/event-stream", "Authorization": "Bearer " + token}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        self.conn.request("GET", path, headers=headers)
        self.response = self.conn.getresponse()

    def next(self):
        """(event, id, data) of the next event; comments and `retry:` are skipped."""
        event, ident, data = "message", None, None
        while True:
            raw = self.response.readline()
            if not raw:
                fail("the stream ended")
            line = raw.decode("utf-8").rstrip("\n")
            if line == "":
                if data is not None:
                    return event, ident, data
                event, ident = "message", None
                continue
            if line.startswith(":") or line.startswith("retry:"):
                continue
            field, _, value = line.partition(": ")
            if field == "event":
                event = value
            elif field == "id":
                ident = value
            elif field == "data":
                data = json.loads(value)

    def close(self):
        self.conn.close()


class Contract:
    def __init__(self, doc_path, url, token):
        with open(doc_path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.url, self.token = url, token

    def events_of(self, path):
        return self.doc["paths"][path]["get"]["x-events"]

    def check(self, schema, value, what):
        root = {"components": self.doc["components"], **schema}
        validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
        if errors:
            fail(f"{what} does not conform: {errors[0].message} at {list(errors[0].path)}: {json.dumps(value)}")

    def conforming(self, stream, path):
        """The next event of `stream`, checked against the schema its name has in `path`'s x-events."""
        event, ident, data = stream.next()
        schemas = self.events_of(path)
        if event not in schemas:
            fail(f"{path} sent an undocumented event '{event}'")
        self.check(schemas[event], data, f"{path} event '{event}'")
        return event, ident, data

    def request(self, method, path, body=None, headers=None):
        u = urllib.parse.urlparse(self.url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
        h = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"}
        h.update(headers or {})
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = conn.getresponse()
        answer = json.loads(r.read() or b"null")
        conn.close()
        return r.status, answer


def queue_events(contract, stream, count):
    """The next `count` queue events of /api/v1/events (device events in between are checked and skipped)."""
    found = []
    while len(found) < count:
        event, ident, data = contract.conforming(stream, "/api/v1/events")
        if event == "queue":
            if ident != str(data["sequence"]):
                fail(f"a queue event's id {ident} is not its sequence {data['sequence']}")
            found.append((ident, data))
        elif event != "device":
            fail(f"expected queue events, got '{event}'")
    return found


def live(contract):
    display = Stream(contract.url, contract.token, "/api/v1/display/events")
    event, _, _ = contract.conforming(display, "/api/v1/display/events")
    if event != "snapshot":
        fail(f"the display stream began with '{event}', not 'snapshot'")
    event, _, _ = contract.conforming(display, "/api/v1/display/events")
    if event != "hall":
        fail(f"after the snapshot the display stream sent '{event}', not 'hall' (the hall's settings)")
    events = Stream(contract.url, contract.token, "/api/v1/events")
    event, _, _ = contract.conforming(events, "/api/v1/events")
    if event != "devices":
        fail(f"the events stream began with '{event}', not 'devices'")
    print("ok: both streams begin with their documented snapshot")

    commands = [
        ("POST", "/api/v1/tickets", {"service": "passport", "language": "en", "print": False}),
        ("POST", "/api/v1/windows/1/sign-in", {"operator": "alice"}),
        ("POST", "/api/v1/windows/1/open", {}),
        ("POST", "/api/v1/windows/1/call-next", {}),
        ("POST", "/api/v1/windows/1/recall", {}),
        ("POST", "/api/v1/windows/1/start", {}),
        ("POST", "/api/v1/windows/1/finish", {}),
    ]
    for method, path, body in commands:
        status, answer = contract.request(method, path, body)
        if status not in (200, 201):
            fail(f"{method} {path} answered {status}: {answer}")
    records = queue_events(contract, events, len(commands))
    print(f"ok: {len(records)} queue events conform (ids {records[0][0]}..{records[-1][0]})")
    calls = [contract.conforming(display, "/api/v1/display/events") for _ in range(2)]
    if [c[0] for c in calls] != ["call", "call"] or [c[2]["recall"] for c in calls] != [False, True]:
        fail(f"the display stream sent {calls}, not a call and a recall")
    print("ok: the call and the recall conform, `at` is ISO 8601")
    display.close()

    # Resume after the second record: exactly the records after it, in order, then live ones.
    resumed = Stream(contract.url, contract.token, "/api/v1/events", last_event_id=records[1][0])
    contract.conforming(resumed, "/api/v1/events")
    again = queue_events(contract, resumed, len(records) - 2)
    if again != records[2:]:
        fail(f"resuming after {records[1][0]} gave ids {[i for i, _ in again]}, not {[i for i, _ in records[2:]]}")
    status, _ = contract.request("POST", "/api/v1/windows/1/pause", {})
    if status != 200:
        fail(f"pause answered {status}")
    (next_id, _), = queue_events(contract, resumed, 1)
    (live_id, _), = queue_events(contract, events, 1)
    if next_id != live_id or int(next_id) != int(records[-1][0]) + 1:
        fail(f"after the missed records the resumed stream sent {next_id}, the live one {live_id}")
    resumed.close()
    print(f"ok: Last-Event-ID {records[1][0]} resumes with {len(again)} missed records, then live ones, none twice")

    # Resuming at the newest record sends nothing missed.
    current = Stream(contract.url, contract.token, "/api/v1/events", last_event_id=live_id)
    contract.conforming(current, "/api/v1/events")
    contract.request("POST", "/api/v1/windows/1/open", {})
    (first, _), = queue_events(contract, current, 1)
    if int(first) != int(live_id) + 1:
        fail(f"resuming at the newest record {live_id} first sent {first}")
    current.close()
    print("ok: Last-Event-ID at the newest record sends only what follows")

    expect_reset(contract, "999999", "an id past the journal's end")

    status, answer = contract.request("GET", "/api/v1/events", headers={"Last-Event-ID": "yesterday"})
    contract.check({"$ref": "#/components/schemas/Error"}, answer, "the answer to a malformed Last-Event-ID")
    if status != 400 or answer["error"] != "invalid-parameter":
        fail(f"a malformed Last-Event-ID answered {status} {answer}")
    print("ok: a malformed Last-Event-ID is 400 invalid-parameter")
    events.close()


def expect_reset(contract, last_event_id, what):
    stream = Stream(contract.url, contract.token, "/api/v1/events", last_event_id=last_event_id)
    contract.conforming(stream, "/api/v1/events")
    event, ident, data = contract.conforming(stream, "/api/v1/events")
    if event != "reset" or data["lastEventId"] != last_event_id or ident != str(data["journalSequence"]):
        fail(f"{what} gave '{event}' {ident} {data}, not a reset whose id is the journal sequence")
    stream.close()
    print(f"ok: {what} ({last_event_id}) gets a reset: {data['reason']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--doc", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--mode", choices=["live", "restarted"], required=True)
    args = parser.parse_args()
    contract = Contract(args.doc, args.url, args.token)
    if args.mode == "live":
        live(contract)
    else:
        expect_reset(contract, "1", "an id from before the restart")


if __name__ == "__main__":
    main()
