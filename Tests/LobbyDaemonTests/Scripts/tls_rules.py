#!/usr/bin/env python3
"""The role matrix, CSRF and lockout rules of Docs/API.md through the TLS listener (nginx in
front of lobbyd). Standard library only. Exits 0 when every rule holds, else prints each
broken rule and exits 1."""
import argparse
import http.client
import json
import ssl
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--host", required=True)
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--ca", required=True)
parser.add_argument("--api-md", required=True)
args = parser.parse_args()

TOKENS = {"kiosk": "kiosk-token-123456", "operator": "alice-token-123456", "technician": "tech-token-1234567"}
ACCOUNTS = {"supervisor": ("nigar", "floor-keeper-7"), "manager": ("farid", "centre-manager-1")}
CALLERS = ["nobody", "kiosk", "operator", "supervisor", "manager", "technician"]
problems = []
context = ssl.create_default_context(cafile=args.ca)


def request(method, path, body=None, headers=None):
    """One request over a new TLS connection; (status, headers, parsed JSON or None)."""
    connection = http.client.HTTPSConnection(args.host, args.port, context=context, timeout=20)
    try:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if data is not None else {}
        sent.update(headers or {})
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        if response.getheader("Content-Type", "").startswith("text/event-stream"):
            return response.status, dict(response.getheaders()), None  # a stream never ends: the head is enough
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed
    finally:
        connection.close()


def login(name, password):
    status, headers, body = request("POST", "/api/v1/session/login", {"name": name, "password": password})
    if status != 200:
        raise SystemExit(f"sign-in as {name} over TLS refused: {status} {body}")
    cookie = headers.get("set-cookie", "")
    for flag in ("HttpOnly", "SameSite=Strict", "Secure"):
        if flag not in cookie:
            problems.append(f"the session cookie lacks {flag} behind TLS: {cookie}")
    return {"Cookie": cookie.split(";")[0], "X-CSRF-Token": body["csrfToken"]}


def caller_headers(caller, sessions):
    if caller in TOKENS:
        return {"Authorization": "Bearer " + TOKENS[caller]}
    return dict(sessions.get(caller, {}))


# 1. The certificate: trusted through the centre CA only, for this host name.
try:
    bare = http.client.HTTPSConnection(args.host, args.port, context=ssl.create_default_context(cafile=None), timeout=10)
    bare.request("GET", "/healthz")
    bare.getresponse()
    problems.append("a client that does not trust the centre CA connected")
except ssl.SSLCertVerificationError:
    pass
status, _, health = request("GET", "/healthz")
if status != 200:
    problems.append(f"/healthz over TLS: {status}")

# 2. The role matrix of Docs/API.md, every route with every caller (the socket's admin is local only).
routes = []
text = open(args.api_md, encoding="utf-8").read()
section = text.split("## Endpoints", 1)[1]
for line in section.split("\n"):
    if line.startswith("## "):
        break
    cells = [c.strip() for c in line.split("|")]
    if len(cells) > 3 and cells[1].startswith("`") and cells[1].endswith("`"):
        method, path = cells[1].strip("`").split(" ")
        routes.append((method, path, {r.strip() for r in cells[2].split(",")}))
if len(routes) < 51:
    problems.append(f"the Endpoints table lost rows: {len(routes)}")
sessions = {c: login(*ACCOUNTS[c]) for c in ACCOUNTS}
request("POST", "/api/v1/windows/1/open", {}, caller_headers("technician", sessions))
request("POST", "/api/v1/windows/1/sign-in", {}, caller_headers("operator", sessions))
request("POST", "/api/v1/tickets", {"service": "passport", "print": False}, caller_headers("kiosk", sessions))
checked = 0
for method, template, roles in routes:
    path = (template.replace("{id}", "1").replace("{n}", "1").replace("{code}", "AB2C3D4E")
            .replace("{number}", "P001").replace("{name}", "target"))
    for caller in CALLERS:
        body = None if method in ("GET", "DELETE") else {}
        status, _, answer = request(method, path, body, caller_headers(caller, sessions))
        code = (answer or {}).get("error") if isinstance(answer, dict) else None
        refused = status == 401 or (status == 403 and code == "forbidden")
        allowed = "public" in roles or ("any" in roles and caller != "nobody") or caller in roles
        if refused == allowed:
            problems.append(f"{method} {template} as {caller} over TLS: {status} {code} (roles {sorted(roles)})")
        checked += 1
        if path == "/api/v1/session/logout" and caller in ACCOUNTS:
            sessions[caller] = login(*ACCOUNTS[caller])

# 3. CSRF: a change made with the cookie needs the session's token.
cookie_only = {"Cookie": sessions["supervisor"]["Cookie"]}
status, _, answer = request("POST", "/api/v1/windows/2/open", {}, cookie_only)
if (status, (answer or {}).get("error")) != (403, "csrf-token-missing"):
    problems.append(f"a change without X-CSRF-Token over TLS: {status} {answer}")
status, _, answer = request("POST", "/api/v1/windows/2/open", {}, dict(cookie_only, **{"X-CSRF-Token": "forged"}))
if (status, (answer or {}).get("error")) != (403, "csrf-token-invalid"):
    problems.append(f"a change with a forged X-CSRF-Token over TLS: {status} {answer}")
status, _, _ = request("POST", "/api/v1/windows/2/open", {}, sessions["supervisor"])
if status != 200:
    problems.append(f"a change with the session's token over TLS: {status}")

# 4. Lockout: five free failures, then 429 with Retry-After, even for the right password.
answers = [request("POST", "/api/v1/session/login", {"name": "locked", "password": f"wrong-{n}"}) for n in range(6)]
if [a[0] for a in answers] != [401] * 5 + [429]:
    problems.append(f"lockout over TLS: {[a[0] for a in answers]}")
if int(answers[5][1].get("retry-after", "0")) < 20:
    problems.append(f"lockout without Retry-After: {answers[5][1]}")
status, _, _ = request("POST", "/api/v1/session/login", {"name": "locked", "password": "locked-out-123"})
if status != 429:
    problems.append(f"the right password while locked over TLS: {status}")

print(json.dumps({"checked": checked, "routes": len(routes), "problems": problems}))
sys.exit(1 if problems else 0)
