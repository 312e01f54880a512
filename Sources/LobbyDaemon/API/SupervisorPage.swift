import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// The supervisor's floor page served at `/supervisor` (Docs/Supervisor.md): windows, lines,
/// alerts, actions and the day's audit, live from the event stream. A browser without a
/// supervisor's or manager's session is sent to the sign-in page.
extension APIRoutes {
    /// The page, or a redirect to `/login?next=/supervisor`.
    func supervisorPage(_ req: Request) async throws -> Response {
        let role: Role?
        if Authenticator.sessionCookie(req) != nil, let p = try? auth.principal(req) { role = p.role } else { role = nil }
        guard let role else {
            var h = HTTPFields()
            h[.location] = "/login?next=/supervisor"
            h[.cacheControl] = "no-store"
            return Response(status: .seeOther, headers: h)
        }
        guard [.supervisor, .manager, .admin].contains(role) else {
            throw APIError(.forbidden, "forbidden", "the floor page is for supervisors and managers; role '\(role.rawValue)' may not open it")
        }
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        h[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:"
        return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: SupervisorPage.html)))
    }
}

/// The page's HTML, with the staff strings of every language embedded.
enum SupervisorPage {
    /// The translation tables (Sources/LobbyDaemon/Staff/Strings/supervisor.*.json) as one JSON object by language.
    static let strings: String = {
        let tables: [(String, [UInt8])] = [("az", PackageResources.supervisor_az_json), ("ru", PackageResources.supervisor_ru_json),
                                           ("en", PackageResources.supervisor_en_json)]
        return "{" + tables.map { "\"\($0.0)\": " + String(decoding: $0.1, as: UTF8.self) }.joined(separator: ",") + "}"
    }()

    static let html = """
    <!doctype html>
    <html lang="az">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Lobby</title>
    <style>
      body { margin: 0; font-family: "DejaVu Sans", sans-serif; background: #f4f6f9; color: #111; font-size: 15px; }
      header { display: flex; gap: 1em; align-items: center; padding: .6em 1em; background: #0b1f3a; color: #fff; }
      header h1 { font-size: 1.2em; margin: 0; flex: 1; }
      header select, header button { font: inherit; }
      #status { padding: .2em .6em; border-radius: .3em; background: #1d6b35; color: #fff; }
      #status.down { background: #ffd24d; color: #111; }
      main { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; padding: 1em; }
      section { background: #fff; border: 1px solid #c5ccd6; border-radius: .4em; padding: .6em 1em; }
      section.wide { grid-column: 1 / -1; }
      h2 { font-size: 1.05em; margin: .2em 0 .6em; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: .3em .4em; border-bottom: 1px solid #dde2e8; vertical-align: top; }
      th { font-weight: bold; color: #333; }
      td.over { color: #a4000f; font-weight: bold; }
      #alerts ul { list-style: none; margin: 0; padding: 0; }
      #alerts li { padding: .5em .6em; margin: .3em 0; border-left: .4em solid #b35c00; background: #fff4e5; }
      #alerts li.urgent { border-left-color: #a4000f; background: #fde8ea; }
      form { display: flex; flex-wrap: wrap; gap: .5em; align-items: end; margin: .4em 0 .8em; }
      label { display: flex; flex-direction: column; font-size: .9em; color: #222; }
      input, select, button { font: inherit; padding: .3em .5em; border: 1px solid #5a6470; border-radius: .25em; }
      button { background: #0b3d91; color: #fff; border-color: #0b3d91; cursor: pointer; }
      button.secondary { background: #fff; color: #0b3d91; }
      :focus-visible { outline: 3px solid #ff9f1a; outline-offset: 2px; }
      #result { min-height: 1.4em; font-weight: bold; }
      #result.bad { color: #a4000f; }
      .muted { color: #4a5360; }
    </style>
    </head>
    <body>
    <header>
      <h1 id="title" data-t="title"></h1>
      <span id="who"></span>
      <label for="lang" class="sr" style="color:#fff" data-t="language"></label>
      <select id="lang"></select>
      <span id="status" role="status" aria-live="polite">…</span>
      <button id="signout" class="secondary" data-t="signOut"></button>
    </header>
    <main>
      <section id="alerts" class="wide" aria-labelledby="alerts-h"><h2 id="alerts-h" data-t="alerts"></h2><ul id="alert-list" aria-live="polite"></ul></section>
      <section aria-labelledby="windows-h"><h2 id="windows-h" data-t="windows"></h2>
        <table><thead><tr><th data-t="colWindow"></th><th data-t="colState"></th><th data-t="colOperator"></th><th data-t="colCurrent"></th><th data-t="colInService"></th><th data-t="colServices"></th></tr></thead><tbody id="windows"></tbody></table>
      </section>
      <section aria-labelledby="lines-h"><h2 id="lines-h" data-t="lines"></h2><p id="target" class="muted"></p>
        <table><thead><tr><th data-t="colService"></th><th data-t="colWaiting"></th><th data-t="colLongest"></th><th data-t="colEstimate"></th><th data-t="colOpenWindows"></th></tr></thead><tbody id="lines"></tbody></table>
      </section>
      <section class="wide" aria-labelledby="actions-h"><h2 id="actions-h" data-t="actions"></h2>
        <p id="result" role="status" aria-live="assertive"></p>
        <form id="f-window">
          <label><span data-t="windowField"></span><select id="w-number" name="window"></select></label>
          <label><span data-t="reason"></span><input id="w-reason" name="reason" required maxlength="500" size="30"></label>
          <button type="submit" id="b-open" data-action="open" data-t="openWindow"></button>
          <button type="submit" id="b-close" data-action="close" data-t="closeWindow"></button>
        </form>
        <form id="f-services">
          <label><span data-t="windowField"></span><select id="s-number" name="window"></select></label>
          <label><span data-t="servicesField"></span><input id="s-services" name="services" required size="30"></label>
          <label><span data-t="reason"></span><input id="s-reason" name="reason" required maxlength="500" size="30"></label>
          <button type="submit" id="b-services" data-t="assignServices"></button>
        </form>
        <form id="f-ticket">
          <label><span data-t="ticketField"></span><input id="t-number" name="ticket" required size="8" autocomplete="off"></label>
          <label><span data-t="serviceField"></span><select id="t-service" name="service"></select></label>
          <label style="flex-direction:row;align-items:center;gap:.3em"><input type="checkbox" id="t-front"><span data-t="front"></span></label>
          <label><span data-t="reason"></span><input id="t-reason" name="reason" required maxlength="500" size="30"></label>
          <button type="submit" id="b-move" data-action="move" data-t="moveTicket"></button>
          <button type="submit" id="b-cancel" data-action="cancel" data-t="cancelTicket"></button>
        </form>
      </section>
      <section id="audit" class="wide" aria-labelledby="audit-h"><h2 id="audit-h" data-t="audit"></h2>
        <table><thead><tr><th data-t="colTime"></th><th data-t="colWho"></th><th data-t="colAction"></th><th data-t="colWhere"></th><th data-t="colWhy"></th></tr></thead><tbody id="audit-rows"></tbody></table>
      </section>
    </main>
    <script>
    const S = \(strings);
    const $ = id => document.getElementById(id);
    const params = new URLSearchParams(location.search);
    let lang = params.get("lang") || localStorage.getItem("lobby.lang") || "az";
    if (!S[lang]) lang = "az";
    let csrf = null, floor = null, audit = [], refreshTimer = null, es = null;
    function t(key, vals) {
      let s = (S[lang] && S[lang][key]) || S.en[key] || key;
      for (const [k, v] of Object.entries(vals || {})) s = s.split("{" + k + "}").join(String(v));
      return s;
    }
    const minutes = s => Math.floor((s || 0) / 60);
    function clock(s) { const m = Math.floor(s / 60), r = s % 60; return m + ":" + String(r).padStart(2, "0"); }
    function cell(tr, text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.append(td); return td; }
    function serviceName(id) { const l = floor && floor.lines.find(x => x.service === id); return l ? (l.name[lang] || id) : id; }
    function translateStatic() {
      document.documentElement.lang = lang;
      for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
      document.title = t("title");
    }
    function alertText(a) {
      return t("alert." + a.kind, { service: a.service ? serviceName(a.service) : "", ticket: a.ticket || "", minutes: minutes(a.seconds),
        target: minutes(a.limitSeconds), limit: minutes(a.limitSeconds), waiting: a.waiting ?? "", window: a.window ?? "",
        device: a.device || "", state: a.deviceState || "" });
    }
    function fillSelect(sel, items) {
      const keep = sel.value; sel.innerHTML = "";
      for (const [value, text] of items) { const o = document.createElement("option"); o.value = value; o.textContent = text; sel.append(o); }
      if ([...sel.options].some(o => o.value === keep)) sel.value = keep;
    }
    function render() {
      if (!floor) return;
      const list = $("alert-list"); list.innerHTML = "";
      if (!floor.alerts.length) { const li = document.createElement("li"); li.className = "none"; li.style.borderLeftColor = "#1d6b35"; li.style.background = "#eaf6ee"; li.textContent = t("noAlerts"); list.append(li); }
      for (const a of floor.alerts) {
        const li = document.createElement("li"); li.textContent = alertText(a); li.dataset.kind = a.kind; li.dataset.key = a.key;
        if (a.urgent) li.className = "urgent"; list.append(li);
      }
      document.body.dataset.alerts = floor.alerts.map(a => a.key).join(" ");
      const wb = $("windows"); wb.innerHTML = "";
      for (const w of floor.windows) {
        const tr = document.createElement("tr"); tr.dataset.window = w.number;
        cell(tr, w.number); cell(tr, t("state." + w.state)); cell(tr, w.operator || "—");
        cell(tr, w.current ? w.current.number + " · " + serviceName(w.current.service) : "—");
        cell(tr, w.current ? clock(w.current.secondsInService) : "");
        cell(tr, Object.entries(w.services).sort().map(([s, n]) => s + "=" + n).join(", ") + (w.servicesAssigned ? " *" : ""));
        wb.append(tr);
      }
      $("target").textContent = t("targetNote", { n: minutes(floor.targetWaitSeconds) });
      const lb = $("lines"); lb.innerHTML = "";
      for (const l of floor.lines) {
        const tr = document.createElement("tr"); tr.dataset.service = l.service;
        cell(tr, l.prefix + " · " + (l.name[lang] || l.service)); cell(tr, l.waiting);
        cell(tr, l.waiting ? clock(l.longestWaitSeconds) : "—", l.overTarget ? "over" : "");
        cell(tr, t("minutes", { n: minutes(l.expectedWaitSeconds) })); cell(tr, l.openWindows);
        lb.append(tr);
      }
      const windows = floor.windows.map(w => [w.number, String(w.number)]);
      fillSelect($("w-number"), windows); fillSelect($("s-number"), windows);
      fillSelect($("t-service"), floor.lines.map(l => [l.service, l.prefix + " · " + (l.name[lang] || l.service)]));
      const ab = $("audit-rows"); ab.innerHTML = "";
      if (!audit.length) { const tr = document.createElement("tr"); cell(tr, t("noAudit")).colSpan = 5; ab.append(tr); }
      for (const e of audit) {
        const tr = document.createElement("tr"); tr.dataset.action = e.action;
        cell(tr, new Date(e.at).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
        cell(tr, e.actor); cell(tr, t("action." + e.action));
        let where = e.window != null ? t("colWindow") + " " + e.window : (e.ticket || "");
        if (e.services) where += ": " + Object.entries(e.services).sort().map(([s, n]) => s + "=" + n).join(", ");
        if (e.service) where += " → " + serviceName(e.service);
        cell(tr, where); cell(tr, e.reason);
        ab.append(tr);
      }
      document.body.dataset.audit = audit.map(e => e.action).join(" ");
    }
    async function api(path, options) {
      const r = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
      if (r.status === 401) { location.href = "/login?next=/supervisor"; throw new Error("signed out"); }
      const body = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error(body.message || ("HTTP " + r.status));
      return body;
    }
    async function refresh() {
      refreshTimer = null;
      try {
        const [f, a] = await Promise.all([api("/api/v1/supervisor/floor"), api("/api/v1/supervisor/audit")]);
        floor = f; audit = a.entries; render();
        document.body.dataset.refreshed = String(Date.now());
      } catch (e) { setOnline(false); }
    }
    function soon() { if (!refreshTimer) refreshTimer = setTimeout(refresh, 80); }
    function setOnline(up) {
      $("status").textContent = up ? t("connected") : t("offline"); $("status").className = up ? "" : "down";
      document.body.dataset.connected = up ? "yes" : "no";
      for (const b of document.querySelectorAll("form button")) b.disabled = !up;
    }
    function connect() {
      es = new EventSource("/api/v1/events");
      es.onopen = () => { setOnline(true); soon(); };
      for (const name of ["queue", "device", "devices", "reset"]) es.addEventListener(name, soon);
      es.onerror = () => { setOnline(false); if (es.readyState === EventSource.CLOSED) setTimeout(connect, 2000); };
    }
    async function act(path, body) {
      $("result").className = ""; $("result").textContent = "…";
      try {
        await api(path, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify(body) });
        $("result").textContent = t("done");
        await refresh();
        return true;
      } catch (e) {
        $("result").className = "bad"; $("result").textContent = t("refused", { message: e.message });
        return false;
      }
    }
    $("f-window").addEventListener("submit", async ev => {
      ev.preventDefault();
      const what = ev.submitter ? ev.submitter.dataset.action : "open";
      if (await act("/api/v1/supervisor/windows/" + $("w-number").value + "/" + what, { reason: $("w-reason").value })) $("w-reason").value = "";
    });
    $("f-services").addEventListener("submit", async ev => {
      ev.preventDefault();
      const services = {};
      for (const part of $("s-services").value.split(",")) {
        const [name, weight] = part.split("=").map(x => x.trim());
        if (name) services[name] = weight ? Number(weight) : 1;
      }
      if (await act("/api/v1/supervisor/windows/" + $("s-number").value + "/services", { services, reason: $("s-reason").value })) $("s-reason").value = "";
    });
    $("f-ticket").addEventListener("submit", async ev => {
      ev.preventDefault();
      const what = ev.submitter ? ev.submitter.dataset.action : "move";
      const number = $("t-number").value.trim().toUpperCase();
      let ticket = null;
      for (const l of (floor ? floor.lines : [])) for (const x of l.tickets) if (x.number === number) ticket = x;
      if (!ticket) { $("result").className = "bad"; $("result").textContent = t("unknownTicket", { number }); return; }
      const body = { reason: $("t-reason").value };
      if (what === "move") { body.service = $("t-service").value; body.position = $("t-front").checked ? "front" : "back"; }
      if (await act("/api/v1/supervisor/tickets/" + ticket.id + "/" + what, body)) { $("t-reason").value = ""; $("t-number").value = ""; }
    });
    $("signout").addEventListener("click", async () => {
      try { await fetch("/api/v1/session/logout", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: "{}" }); } catch (e) {}
      location.href = "/login?next=/supervisor";
    });
    fillSelect($("lang"), Object.keys(S).map(k => [k, S[k].languageName])); $("lang").value = lang;
    $("lang").addEventListener("change", () => { lang = $("lang").value; localStorage.setItem("lobby.lang", lang); translateStatic(); render(); });
    translateStatic();
    (async () => {
      const s = await api("/api/v1/session");
      csrf = s.csrfToken; $("who").textContent = t("signedInAs", { name: s.displayName || s.name || s.role });
      connect(); await refresh();
      setInterval(refresh, 5000);  // waits pass the target with no event: look again every few seconds
    })();
    </script>
    </body>
    </html>
    """
}
