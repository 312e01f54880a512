// The operator console (Docs/Console.md). Everything it shows comes from
// GET /api/v1/windows/N/console, read again whenever the event stream reports a change; every
// action is a POST with an Idempotency-Key made from the action and the journal sequence the
// operator saw, so a double click (or the same click in two tabs) acts once.
const $ = id => document.getElementById(id);
const ACTIONS = [
  // id, key, string, path (window command) or handler name
  {id: "callNext", key: "n", path: "call-next", done: "done.callNext"},
  {id: "recall", key: "r", path: "recall", done: "done.recall"},
  {id: "start", key: "s", path: "start", done: "done.start"},
  {id: "noShow", key: "x", path: "no-show", done: "done.noShow"},
  {id: "finish", key: "f", path: "finish", done: "done.finish"},
  {id: "transfer", key: "t", dialog: "transfer"},
  {id: "park", key: "p", path: "park", done: "done.park"},
  {id: "unpark", key: "u", unpark: true},
  {id: "pause", key: "z", dialog: "pause"},
  {id: "resume", key: "o", path: "open", done: "done.open"},
  {id: "close", key: "c", dialog: "close"},
  {id: "reprint", key: "k", reprint: true},
];
const REASONS = ["break", "lunch", "technical", "meeting", "endOfShift", "other"];
let session = null, view = null, services = [], lang = "az", online = false, busy = false, es = null, refreshTimer = null, leaving = false;

function t(key, values) {
  let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
  for (const [k, v] of Object.entries(values || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}
function local(names) { return names ? (names[lang] || names.en || names.az || "") : ""; }
function say(text, kind) { const m = $("message"); m.textContent = text; m.className = kind || ""; document.body.dataset.message = kind || ""; }
function refusal(body) {
  const key = "error." + (body && body.error);
  return STRINGS.en[key] ? t(key) : t("error.other", {message: (body && body.message) || "?"});
}
function toLogin(reason) {
  const q = new URLSearchParams({next: "/console"}); if (reason) q.set("reason", reason);
  if (es) es.close();
  location.replace("/login?" + q.toString());
}
/** The session ended: at the day's end it says so, otherwise that the session expired. */
function sessionEnded(dayEnded) {
  if (!leaving) toLogin(dayEnded || (session && serverNow() >= Date.parse(session.dayEnd) - 1000) ? "dayEnded" : "expired");
}
/** lobbyd's clock (from its answers' Date header): the day ends by the server's clock, not the PC's. */
let clockOffset = 0;
function serverNow() { return Date.now() + clockOffset; }

async function api(method, path, body, key) {
  const headers = {"X-CSRF-Token": session ? session.csrfToken : ""};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (key) headers["Idempotency-Key"] = key;
  const r = await fetch(path, {method, headers, credentials: "same-origin", cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body)});
  const date = Date.parse(r.headers.get("Date") || "");
  if (!isNaN(date)) clockOffset = date - Date.now();
  const data = await r.json().catch(() => ({}));
  if (r.status === 401) { sessionEnded(data.error === "session-day-ended"); throw new Error("session"); }
  return {ok: r.ok, status: r.status, data};
}

function renderStatic() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  $("status").textContent = online ? t("console.online") : t("console.offline");
  $("status").className = online ? "" : "down";
  const choice = $("reason-choice"), selected = choice.value;
  choice.innerHTML = "";
  for (const r of REASONS) { const o = document.createElement("option"); o.value = r; o.textContent = t("reason." + r); choice.append(o); }
  if (selected) choice.value = selected;
  const box = $("actions");
  if (!box.children.length) {
    for (const a of ACTIONS) {
      const b = document.createElement("button");
      b.type = "button"; b.id = "act-" + a.id; b.dataset.action = a.id;
      b.setAttribute("aria-keyshortcuts", a.key.toUpperCase() + " Alt+" + a.key.toUpperCase());
      b.append(document.createElement("span"), document.createElement("kbd"));
      b.onclick = () => act(a);
      box.append(b);
    }
  }
  for (const a of ACTIONS) {
    const b = $("act-" + a.id);
    b.firstChild.textContent = t("action." + a.id);
    b.lastChild.textContent = a.key.toUpperCase();
  }
  renderView();
}

/** A reason as sent ("lunch" or "lunch: note") in the page's language. */
function reasonText(text) {
  const [code, ...rest] = text.split(": ");
  return (REASONS.includes(code) ? t("reason." + code) : code) + (rest.length ? ": " + rest.join(": ") : "");
}
function ticketState(tk) { return t("state." + (tk.state === "no-show" ? "noShow" : tk.state)); }

function renderView() {
  document.body.dataset.connected = online ? "yes" : "no";
  const signedIn = !!(view && session && view.window.operator === session.name);
  $("sign-in").hidden = signedIn;
  $("desk").hidden = !signedIn;
  document.body.dataset.window = signedIn ? String(view.window.number) : "";
  $("window-number").textContent = signedIn ? view.window.number : "—";
  const why = signedIn && view.window.stateReason ? ": " + reasonText(view.window.stateReason) : "";
  $("window-state").textContent = signedIn ? "(" + t("console.state." + view.window.state) + why + ")" : "";
  document.body.dataset.windowState = signedIn ? view.window.state : "";
  if (!signedIn) { setEnabled(); return; }
  const cur = view.current;
  $("current").hidden = !cur; $("current-none").hidden = !!cur;
  document.body.dataset.current = cur ? cur.number : "";
  if (cur) {
    $("current-number").textContent = cur.number;
    $("current-state").textContent = t("console.ticketState." + cur.state) + (cur.recallCount ? " · " + t("console.recalls", {count: cur.recallCount}) : "");
    $("current-service").textContent = local(cur.serviceName) || cur.service;
    $("current-priority").textContent = cur.priorityName ? local(cur.priorityName) : "—";
    $("current-appointment").textContent = cur.appointmentAt ? new Date(cur.appointmentAt).toLocaleTimeString(lang, {hour: "2-digit", minute: "2-digit"}) : "—";
    $("current-waited").textContent = t("console.minutes", {minutes: Math.floor((cur.waitedSeconds || 0) / 60)});
    const req = [];
    if (cur.requires && cur.requires.idDocument) req.push(t("console.requires.id"));
    if (cur.requires && cur.requires.appointment) req.push(t("console.requires.appointment"));
    $("current-requires").textContent = req.length ? req.join(", ") : t("console.requires.nothing");
  }
  const lines = $("lines"); lines.innerHTML = "";
  for (const l of view.lines) {
    const tr = document.createElement("tr"); tr.dataset.service = l.service;
    const a = document.createElement("td"); a.textContent = local(l.name) || l.service;
    const b = document.createElement("td"); b.textContent = l.waiting; b.className = "waiting";
    tr.append(a, b); lines.append(tr);
  }
  $("next").textContent = view.next ? view.next.number + " · " + (local(view.next.serviceName) || view.next.service) + " (" + t("console.reason." + view.next.reason) + ")" : t("console.nextNone");
  document.body.dataset.next = view.next ? view.next.number : "";
  const parked = $("parked"); parked.innerHTML = "";
  if (!view.parked.length) { const li = document.createElement("li"); li.className = "muted"; li.textContent = t("console.parkedNone"); parked.append(li); }
  for (const p of view.parked) {
    const li = document.createElement("li"); li.dataset.ticket = p.number;
    const name = document.createElement("b"); name.textContent = p.number + " ";
    const back = document.createElement("button"); back.type = "button"; back.textContent = t("action.unpark");
    back.setAttribute("aria-label", t("action.unpark") + " " + p.number); back.onclick = () => unpark(p, "back");
    const front = document.createElement("button"); front.type = "button"; front.textContent = t("action.unparkFront");
    front.setAttribute("aria-label", t("action.unparkFront") + " " + p.number); front.onclick = () => unpark(p, "front");
    li.append(name, back, document.createTextNode(" "), front); parked.append(li);
  }
  document.body.dataset.parked = view.parked.map(p => p.number).join(",");
  const last = view.lastServed;
  $("last-served").textContent = last ? last.number + " · " + t("console.vote") + ": " + (last.vote == null ? t("console.noVote") : last.vote + " / 5") : "—";
  document.body.dataset.lastVote = last && last.vote != null ? String(last.vote) : "";
  setEnabled();
}

/** Which actions make sense now; offline or busy, none (the server still decides). */
function setEnabled() {
  const w = view && view.window, cur = view && view.current;
  const possible = {
    callNext: w && w.state === "open" && !cur, recall: !!cur && cur.state === "called", start: !!cur && cur.state === "called",
    noShow: !!cur && cur.state === "called", finish: !!cur && cur.state === "serving", transfer: !!cur, park: !!cur,
    unpark: !!(view && view.parked.length), pause: w && w.state === "open", resume: w && w.state !== "open",
    close: w && w.state !== "closed", reprint: !!cur,
  };
  for (const a of ACTIONS) {
    const b = $("act-" + a.id); if (!b) continue;
    b.setAttribute("aria-disabled", String(!online || busy || !possible[a.id]));
  }
  document.body.dataset.busy = busy ? "yes" : "no";
}

let reading = false, again = false;
/** Reads the session and the window's view; a change reported while a read is on its way reads once more after it. */
async function refresh() {
  refreshTimer = null;
  if (reading) { again = true; return; }
  reading = true;
  try {
    const s = await api("GET", "/api/v1/session");
    session = s.data;
    if (session.window == null) { view = null; renderView(); return; }
    const r = await api("GET", "/api/v1/windows/" + session.window + "/console");
    if (r.ok) { view = r.data; document.body.dataset.sequence = String(view.journalSequence); }
    else view = null;
    $("operator").textContent = session.displayName || session.name;
    renderView();
  } catch (e) {
    /* offline or signed out: handled elsewhere */
  } finally {
    reading = false;
  }
  if (again) { again = false; await refresh(); }
}
function scheduleRefresh() { if (!refreshTimer) refreshTimer = setTimeout(refresh, 0); }

/** The request id of an action: the same action on the same state is the same request. */
function keyFor(name, extra) {
  return ["console", session.name, view ? view.window.number : 0, name, view ? view.journalSequence : 0, extra || ""].join(":").slice(0, 128);
}

async function send(path, body, key, doneKey, values) {
  if (!online) { say(t("error.offline"), "refused"); return false; }
  if (busy) return false;
  busy = true; setEnabled();
  try {
    const r = await api("POST", path, body, key);
    if (!r.ok) { say(refusal(r.data), "refused"); return false; }
    const tk = r.data.ticket;
    say(t(doneKey, Object.assign({ticket: tk ? tk.number : "", window: view ? view.window.number : ""}, values || {})), "done");
    return true;
  } catch (e) {
    if (e.message !== "session") say(t("error.offline"), "refused");
    return false;
  } finally {
    // A read that began before the answer may miss it: wait for it, then read afresh.
    while (reading) await new Promise(r => setTimeout(r, 5));
    await refresh();
    busy = false; setEnabled();
  }
}

function windowPath(command) { return "/api/v1/windows/" + view.window.number + "/" + command; }

function act(a) {
  if (!view) return;
  if (!online) { say(t("error.offline"), "refused"); return; }
  if (busy) return;
  if (a.dialog === "transfer") return openTransfer();
  if (a.dialog) return openReason(a.dialog);
  if (a.unpark) { if (view.parked.length) unpark(view.parked[0], "back"); return; }
  if (a.reprint) {
    const cur = view.current; if (!cur) return;
    return send("/api/v1/tickets/" + cur.id + "/reprint", {}, keyFor("reprint", cur.id), "done.reprint");
  }
  return send(windowPath(a.path), {}, keyFor(a.id), a.done);
}
function unpark(p, position) {
  return send("/api/v1/tickets/" + p.id + "/unpark", {position}, keyFor("unpark", p.id + position), "done.unpark", {ticket: p.number});
}

// Transfer: search the services in all three languages, then front or back.
function matches(s, q) {
  if (!q) return 1;
  const names = [s.name.az, s.name.ru, s.name.en, s.id].filter(Boolean).map(n => n.toLocaleLowerCase());
  if (names.some(n => n.startsWith(q))) return 2;
  if (names.some(n => n.split(/\s+/).some(w => w.startsWith(q)))) return 1.5;
  return names.some(n => n.includes(q)) ? 1 : 0;
}
function renderServices() {
  const q = $("transfer-search").value.trim().toLocaleLowerCase();
  const box = $("transfer-services"); box.innerHTML = "";
  const current = view.current && view.current.service;
  const found = services.filter(s => s.id !== current).map(s => [s, matches(s, q)]).filter(x => x[1] > 0).sort((a, b) => b[1] - a[1]);
  if (!found.length) { const p = document.createElement("p"); p.textContent = t("transfer.noMatch"); box.append(p); }
  found.forEach(([s], i) => {
    const label = document.createElement("label");
    const input = document.createElement("input"); input.type = "radio"; input.name = "service"; input.value = s.id; input.checked = i === 0;
    label.append(input, document.createTextNode(" " + local(s.name) + " (" + s.prefix + ")"));
    box.append(label);
  });
}
async function openTransfer() {
  if (!view.current) { say(t("error.no-current-ticket"), "refused"); return; }
  const r = await api("GET", "/api/v1/services");
  services = r.ok ? r.data.services : [];
  $("transfer-search").value = "";
  renderServices();
  $("transfer-dialog").showModal();
  $("transfer-search").focus();
}
$("transfer-search").oninput = renderServices;
$("transfer-form").onsubmit = e => {
  e.preventDefault();
  const chosen = document.querySelector("#transfer-services input:checked");
  if (!chosen) return;
  const position = document.querySelector("#transfer-form input[name=position]:checked").value;
  const s = services.find(x => x.id === chosen.value);
  $("transfer-dialog").close();
  send(windowPath("transfer"), {service: chosen.value, position}, keyFor("transfer", chosen.value + position), "done.transfer", {service: local(s.name)});
};

// Pause and close ask for a reason.
let reasonFor = null;
function openReason(kind) {
  reasonFor = kind;
  $("reason-heading").textContent = t("action." + kind).replace("…", "") + ": " + t("reason.title");
  $("reason-note").value = "";
  $("reason-dialog").showModal();
  $("reason-choice").focus();
}
$("reason-form").onsubmit = e => {
  e.preventDefault();
  $("reason-dialog").close();
  const note = $("reason-note").value.trim();
  const reason = $("reason-choice").value + (note ? ": " + note : "");
  send(windowPath(reasonFor), {reason}, keyFor(reasonFor), reasonFor === "pause" ? "done.pause" : "done.close");
};
// Enter on a list confirms the dialog too (a form submits by itself only from a text field).
for (const f of [$("reason-form"), $("transfer-form")]) {
  f.addEventListener("keydown", e => { if (e.key === "Enter" && e.target.tagName === "SELECT") { e.preventDefault(); f.requestSubmit(); } });
}
for (const b of document.querySelectorAll(".close-dialog")) b.onclick = () => b.closest("dialog").close();

// Finding tickets by number, the waiting and parked list.
$("find-form").onsubmit = async e => {
  e.preventDefault();
  const number = $("find-number").value.trim().toUpperCase();
  const out = $("found"); out.innerHTML = "";
  if (!number) return;
  try {
    const r = await api("GET", "/api/v1/tickets/by-number/" + encodeURIComponent(number));
    if (!r.ok) { out.textContent = t("find.notFound", {number}); return; }
    const tk = r.data, p = document.createElement("p");
    p.dataset.ticket = tk.number;
    p.textContent = tk.number + " · " + (local(tk.serviceName) || tk.service) + " · " + t("find.state") + ": " + ticketState(tk) +
      (tk.window != null ? " · " + t("console.window") + " " + tk.window : "");
    out.append(p);
    if (["waiting", "called", "serving", "parked"].includes(tk.state)) {
      const b = document.createElement("button"); b.type = "button"; b.textContent = t("action.reprint");
      b.setAttribute("aria-label", t("action.reprint") + " " + tk.number);
      b.onclick = () => send("/api/v1/tickets/" + tk.id + "/reprint", {}, keyFor("reprint", tk.id), "done.reprint", {ticket: tk.number});
      out.append(b);
    }
  } catch (err) { out.textContent = t("error.offline"); }
};
$("list-button").onclick = async () => {
  if (!view) return;
  const r = await api("GET", "/api/v1/tickets?window=" + view.window.number);
  const body = $("list"); body.innerHTML = "";
  const tickets = r.ok ? r.data.tickets : [];
  if (!tickets.length) { const tr = document.createElement("tr"); const td = document.createElement("td"); td.colSpan = 3; td.textContent = t("list.empty"); tr.append(td); body.append(tr); }
  for (const tk of tickets) {
    const tr = document.createElement("tr");
    for (const text of [tk.number, local(tk.serviceName) || tk.service, ticketState(tk)]) { const td = document.createElement("td"); td.textContent = text; tr.append(td); }
    body.append(tr);
  }
  $("list-dialog").showModal();
};

// Window sign-in and sign-out.
$("sign-in-form").onsubmit = async e => {
  e.preventDefault();
  if (!online) { say(t("error.offline"), "refused"); return; }
  const n = parseInt($("sign-in-window").value, 10);
  if (!(n > 0)) return;
  const r = await api("POST", "/api/v1/windows/" + n + "/sign-in", {}, "console:" + session.name + ":sign-in:" + n + ":" + Date.now());
  if (r.ok) say(t("done.signIn", {window: n}), "done"); else say(refusal(r.data), "refused");
  await refresh();
};

$("sign-out").onclick = async () => {
  leaving = true;
  if (es) es.close();
  try {
    if (view && view.window.operator === session.name) await api("POST", windowPath("sign-out"), {}, keyFor("sign-out"));
    await api("POST", "/api/v1/session/logout", {});
  } catch (e) { /* signed out already */ }
  toLogin("signedOut");
};

// Keyboard: each action's letter (or Alt+letter inside a text field); "/" finds; L lists.
document.addEventListener("keydown", e => {
  if (e.ctrlKey || e.metaKey) return;
  if (document.querySelector("dialog[open]")) return;
  const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
  if (typing && !e.altKey) return;
  const key = e.key.toLowerCase();
  if (e.altKey && key === "q") { e.preventDefault(); $("sign-out").click(); return; }
  if (key === "/") { e.preventDefault(); $("find-number").focus(); return; }
  if (key === "l") { e.preventDefault(); $("list-button").click(); return; }
  const a = ACTIONS.find(x => x.key === key);
  if (a && view) { e.preventDefault(); act(a); }
});

// Live: the event stream with the session cookie; any queue change reads the view again.
function connect() {
  es = new EventSource("/api/v1/events");
  es.onopen = () => { online = true; renderStatic(); scheduleRefresh(); };
  es.addEventListener("queue", scheduleRefresh);
  es.addEventListener("reset", scheduleRefresh);
  es.onerror = async () => {
    online = false; renderStatic();
    if (es.readyState === EventSource.CLOSED) {
      // Closed for good: the session may have ended (401), or lobbyd was away; ask, then retry.
      try { const r = await fetch("/api/v1/session", {credentials: "same-origin", cache: "no-store"}); if (r.status === 401) { sessionEnded(); return; } } catch (err) { /* offline */ }
      setTimeout(connect, 2000);
    }
  };
}
// The day's end ends the session: the page goes to the sign-in page when it comes.
// (No polling otherwise: a request would keep an idle session alive.)
setInterval(() => { if (session && serverNow() >= Date.parse(session.dayEnd)) refresh(); }, 5000);
setInterval(() => { if (view && view.current && online) scheduleRefresh(); }, 60000);

async function start() {
  let r;
  try { r = await fetch("/api/v1/session", {credentials: "same-origin", cache: "no-store"}); } catch (e) { setTimeout(start, 2000); return; }
  if (r.status === 401) { toLogin(); return; }
  session = await r.json();
  if (session.role !== "operator") { say(t("error.not-an-operator"), "refused"); }
  lang = localStorage.getItem("lobby.console.lang." + session.name) || localStorage.getItem("lobby.lang") || document.documentElement.lang || "az";
  if (!STRINGS[lang]) lang = "az";
  for (const l of Object.keys(STRINGS)) {
    const o = document.createElement("option"); o.value = l; o.textContent = STRINGS[l]["language.name"]; $("lang").append(o);
  }
  $("lang").value = lang;
  $("lang").onchange = () => { lang = $("lang").value; localStorage.setItem("lobby.console.lang." + session.name, lang); renderStatic(); };
  $("operator").textContent = session.displayName || session.name;
  renderStatic();
  await refresh();
  connect();
  document.body.dataset.ready = "yes";
}
start();
