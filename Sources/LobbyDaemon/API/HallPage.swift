import HTTPTypes
import Hummingbird

/// The hall display page served at `/`: several "now calling" slots fed by the display event
/// stream, the centre's name, the notice line, the recent calls and (optionally) waiting per
/// agency, in landscape and portrait.
///
/// Slots: as many as the centre has windows, capped by what the screen shows legibly (tiles at
/// least a tenth of the screen's shorter side high), or `?slots=N`. A new call takes a free slot
/// at once (an empty one, else the one shown longest whose minimum time `?highlight=MS`, 6 s by
/// default, has passed) and is highlighted for that minimum time; calls wait only when every slot
/// is still within its minimum time (Docs/Hall.md states the bound). Every placement is logged in
/// `window.hallLog` with lobbyd's call time and the page's clock, for tests and benchmarks.
/// A lost stream shows a full-width banner and dims the calls until the page reconnects by itself.
/// With `?sound=1` the page says each call from lobbyd's rendering (`/api/v1/display/announcement`).
enum HallPage {
    static func response() -> Response {
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static let html = """
    <!doctype html>
    <html lang="az">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Lobby</title>
    <style>
      html, body { margin: 0; height: 100%; background: #0b1f3a; color: #fff; font-family: "DejaVu Sans", sans-serif; overflow: hidden; }
      body { display: flex; flex-direction: column; }
      header { display: flex; justify-content: space-between; align-items: center; gap: 2vw; padding: 1.5vh 3vw; background: #102b52; }
      #centre { font-size: 3.6vh; font-weight: bold; }
      #centre small { display: block; font-size: 2vh; font-weight: normal; opacity: 0.8; }
      #clock { font-size: 4vh; font-weight: bold; }
      #status { font-size: 2.2vh; }
      #notice { padding: 1.2vh 3vw; font-size: 3.4vh; line-height: 1.3; background: #1d4f91; border-bottom: 0.4vh solid #8fb8ff; }
      #notice[hidden] { display: none; }
      #notice::before { content: "i"; display: inline-block; width: 1.2em; height: 1.2em; line-height: 1.2em; margin-right: 0.5em;
                        text-align: center; border-radius: 50%; background: #fff; color: #1d4f91; font-weight: bold; }
      main { flex: 1; display: grid; grid-template-columns: 72fr 28fr; gap: 2vw; padding: 1.5vh 3vw; min-height: 0; }
      #slots { display: grid; gap: 1vh; min-height: 0; }
      .slot { display: flex; align-items: center; justify-content: center; gap: 0.3em; border: 0.5vh solid #24487a; border-radius: 1.5vh;
              font-size: var(--tile-font, 8vh); font-weight: bold; min-height: 0; overflow: hidden; white-space: nowrap; }
      .slot.fresh { background: #ffd24d; color: #0b1f3a; border-color: #fff; }
      .slot.speaking { outline: 1vh solid #fff; outline-offset: -0.2vh; }
      #tap { display: none; position: fixed; left: 0; right: 0; bottom: 0; padding: 2.5vh 3vw; background: #ffd24d; color: #0b1f3a;
             font-size: 3.4vh; font-weight: bold; text-align: center; border: 0; width: 100%; z-index: 9; cursor: pointer; }
      .slot.recall .ticket::after { content: " ↻"; font-size: 0.5em; }
      .slot .arrow { font-size: 0.6em; opacity: 0.8; }
      .slot:empty::before, .slot .ticket:empty + .arrow { visibility: hidden; }
      aside { display: flex; flex-direction: column; gap: 2vh; min-height: 0; overflow: hidden; }
      table { width: 100%; border-collapse: collapse; font-size: 4.5vh; }
      th { font-size: 2vh; text-align: left; opacity: 0.8; padding-bottom: 0.6vh; }
      td { padding: 0.4vh 0; border-top: 0.3vh solid #24487a; font-weight: bold; }
      td.recall::after { content: " ↻"; font-size: 3vh; }
      #waiting { display: none; font-size: 2.6vh; }
      #waiting.on { display: block; }
      #waiting div { display: flex; justify-content: space-between; border-top: 0.2vh solid #24487a; padding: 0.4vh 0; }
      footer { padding: 1vh 3vw; font-size: 2.2vh; opacity: 0.8; display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 2vw; }
      #offline { display: none; position: fixed; left: 0; right: 0; top: 0; padding: 4vh 3vw; background: #b71c1c; color: #fff;
                 text-align: center; z-index: 10; border-bottom: 1vh solid #fff; }
      #offline b { display: block; font-size: 6vh; }
      #offline span { font-size: 3vh; }
      body.offline #offline { display: block; }
      body.offline main, body.offline #notice { filter: grayscale(1); opacity: 0.3; }
      @media (orientation: portrait) {
        main { grid-template-columns: 1fr; grid-template-rows: 62fr 38fr; }
        table { font-size: 3.4vh; }
        #notice { font-size: 2.6vh; }
      }
    </style>
    </head>
    <body data-connected="no">
    <header><div id="centre">Növbə · Очередь · Queue</div><span id="clock"></span><span id="status">…</span></header>
    <div id="notice" hidden></div>
    <main>
      <section id="slots" aria-live="assertive"></section>
      <aside>
        <table>
          <thead><tr><th>Bilet · Талон · Ticket</th><th>Pəncərə · Окно · Window</th></tr></thead>
          <tbody id="recent"></tbody>
        </table>
        <div id="waiting"></div>
      </aside>
    </main>
    <footer><span>Nömrənizi gözləyin · Ожидайте свой номер · Please wait for your number</span><span id="quiet"></span></footer>
    <button id="tap">♪ Səsi açmaq üçün toxunun · Нажмите, чтобы включить звук · Tap to enable sound</button>
    <div id="offline" role="alert"><b>Bağlantı kəsilib · Нет связи · Connection lost</b>
      <span>Yenidən qoşulur… · Переподключение… · Reconnecting… <span id="offline-for"></span></span></div>
    <script>
    const P = new URLSearchParams(location.search);
    const HIGHLIGHT_MS = Number(P.get("highlight") || 6000), KEEP = 8, SHOW_WAITING = P.get("waiting") === "1", SOUND = P.get("sound") === "1";
    const $ = id => document.getElementById(id);
    let slots = [], pending = [], recent = [], seen = new Set(), timer = null, highlightSeq = 0, early = [], lostAt = 0;
    window.hallLog = []; window.soundLog = [];
    // Served audio (`?sound=1`): each highlighted call is said in turn from lobbyd's rendering
    // (chime and the voice pack's clips), never two at once; its slot is marked while it plays.
    // When the browser refuses to play without a tap, a bar asks for one and the calls wait.
    let sounds = [], playing = null, quiet = false;
    function announce(c, i) {
      if (!SOUND || quiet) return;
      sounds.push({c, i, queuedAt: Date.now()});
      if (!playing) playNext();
    }
    function playNext() {
      // A call that waited longer than its slot's minimum time is not said any more (stale).
      while (sounds.length && Date.now() - sounds[0].queuedAt > Math.max(HIGHLIGHT_MS, 30000)) sounds.shift();
      const item = sounds.shift();
      if (!item) { playing = null; return; }
      const a = new Audio("/api/v1/display/announcement?ticket=" + encodeURIComponent(item.c.ticket) + "&window=" + item.c.window
                          + "&recall=" + (item.c.recall ? "true" : "false"));
      playing = a;
      const el = slots[item.i].el;
      a.onplaying = () => { el.classList.add("speaking"); soundLog.push({ticket: item.c.ticket, window: item.c.window, startedAt: Date.now()}); };
      a.onended = a.onerror = () => { el.classList.remove("speaking"); playNext(); };
      a.play().catch(err => {
        if (err && err.name === "NotAllowedError") { sounds.unshift(item); playing = null; $("tap").style.display = "block"; document.body.dataset.sound = "blocked"; }
      });
    }
    function fitSlots(windows) {
      const portrait = innerHeight > innerWidth;
      const areaW = portrait ? innerWidth * 0.94 : innerWidth * 0.68, areaH = portrait ? innerHeight * 0.5 : innerHeight * 0.72;
      const tileH = Math.min(innerWidth, innerHeight) / 10, tileW = tileH * 2.2;
      const fit = Math.max(1, Math.floor(areaW / tileW) * Math.floor(areaH / tileH));
      return Math.max(1, Math.min(windows || 1, fit));
    }
    function layout() {
      const box = $("slots"), n = slots.length, w = box.clientWidth || innerWidth * 0.68, h = box.clientHeight || innerHeight * 0.7;
      // The font that fits "A123 ➜ 12" (about 6 em wide) in a tile, for the best number of columns.
      let best = 1, size = 0;
      for (let cols = 1; cols <= n; cols++) {
        const rows = Math.ceil(n / cols), f = Math.min((w / cols) / 6.4, (h / rows) * 0.6);
        if (f > size) { size = f; best = cols; }
      }
      const rows = Math.ceil(n / best);
      box.style.gridTemplateColumns = `repeat(${best}, 1fr)`; box.style.gridTemplateRows = `repeat(${rows}, 1fr)`;
      box.style.setProperty("--tile-font", Math.floor(size) + "px");
    }
    function buildSlots(windows) {
      if (slots.length) return;
      const n = Number(P.get("slots")) || fitSlots(windows);
      for (let i = 0; i < n; i++) {
        const el = document.createElement("div"); el.className = "slot"; el.id = "slot-" + i;
        el.innerHTML = '<span class="ticket"></span><span class="arrow">➜</span><span class="window"></span>';
        $("slots").append(el); slots.push({el, call: null, shownAt: 0, until: 0, fresh: false});
      }
      document.body.dataset.slots = String(n);
      layout();
      for (const c of early.splice(0)) place(c, false);
      schedule();
    }
    function fill(i, c, fresh, now, waited) {
      const s = slots[i];
      s.call = c; s.shownAt = now; s.until = fresh ? now + HIGHLIGHT_MS : 0; s.fresh = fresh;
      s.el.querySelector(".ticket").textContent = c.ticket; s.el.querySelector(".window").textContent = c.window;
      s.el.classList.toggle("fresh", fresh); s.el.classList.toggle("recall", !!c.recall);
      if (!fresh) return;
      document.body.dataset.highlighted = c.ticket;
      document.body.dataset.highlightSeq = String(++highlightSeq);
      document.body.dataset.highlightAt = String(Math.round(performance.now()));
      hallLog.push({ticket: c.ticket, window: c.window, recall: !!c.recall, sequence: c.sequence, at: Date.parse(c.at),
                    receivedAt: c.receivedAt, shownAt: now, waited: !!waited, slot: i});
      announce(c, i);
    }
    function freeSlot(c, now) {
      let i = slots.findIndex(s => s.call && s.call.window === c.window && s.until <= now);
      if (i < 0) i = slots.findIndex(s => !s.call);
      if (i < 0) slots.forEach((s, k) => { if (s.until <= now && (i < 0 || s.shownAt < slots[i].shownAt)) i = k; });
      return i;
    }
    function place(c, fresh) {
      if (!slots.length) { early.push(c); return; }
      if (!fresh) { const i = slots.findIndex(s => !s.call); if (i >= 0) fill(i, c, false, Date.now()); return; }
      pending.push(c); schedule(c);
    }
    // Places waiting calls in free slots; `arriving` is the call that just came (placed now, it did not wait).
    function schedule(arriving) {
      if (timer) { clearTimeout(timer); timer = null; }
      if (typeof arriving !== "object") arriving = null;
      const now = Date.now();
      for (const s of slots) if (s.fresh && s.until <= now) { s.fresh = false; s.el.classList.remove("fresh"); }
      while (pending.length) {
        const i = freeSlot(pending[0], now);
        if (i < 0) break;
        const c = pending.shift();
        fill(i, c, true, now, c !== arriving);
      }
      const next = Math.min(...slots.filter(s => s.fresh).map(s => s.until));
      if (isFinite(next)) timer = setTimeout(schedule, Math.max(5, next - Date.now()));
    }
    function renderList() {
      const body = $("recent"); body.innerHTML = "";
      for (const c of recent.slice(-KEEP).reverse()) {
        const tr = document.createElement("tr");
        const t = document.createElement("td"); t.textContent = c.ticket; if (c.recall) t.className = "recall";
        const w = document.createElement("td"); w.textContent = c.window;
        tr.append(t, w); body.append(tr);
      }
    }
    function addCall(c, live) {
      const key = c.sequence + ":" + c.ticket;
      if (seen.has(key)) return;
      seen.add(key); c.receivedAt = Date.now();
      recent.push(c); if (recent.length > 50) recent.shift();
      renderList();
      place(c, live);
    }
    function names(t) { return ["az", "ru", "en"].map(l => t && t[l]).filter(Boolean); }
    function showHall(h) {
      const n = names(h.name);
      if (n.length) {
        $("centre").textContent = n[0];
        if (n.length > 1) { const s = document.createElement("small"); s.textContent = n.slice(1).join(" · "); $("centre").append(s); }
      }
      $("notice").hidden = !h.notice; $("notice").textContent = h.notice ? h.notice.text : "";
      document.body.dataset.notice = h.notice ? h.notice.text : "";
      $("quiet").textContent = h.quiet ? "Səssiz rejim · Без звука · Quiet mode" : "";
      document.body.dataset.quiet = h.quiet ? "yes" : "no";
      quiet = !!h.quiet;
      const w = $("waiting"); w.classList.toggle("on", SHOW_WAITING); w.innerHTML = "";
      if (SHOW_WAITING) for (const a of h.agencies || []) {
        const row = document.createElement("div"), name = document.createElement("span"), count = document.createElement("b");
        name.textContent = names(a.name)[0] || a.id; count.textContent = a.waiting; row.append(name, count); w.append(row);
      }
      buildSlots(h.windows);
    }
    // Waiting per agency changes with every call and ticket: read again shortly after a call, and every 20 s.
    let refreshing = null;
    function refreshWaiting() {
      if (!SHOW_WAITING || refreshing) return;
      refreshing = setTimeout(() => {
        fetch("/api/v1/display/hall").then(r => r.ok ? r.json() : null).then(h => { if (h) showHall(h); })
          .catch(() => {}).finally(() => { refreshing = null; });
      }, 500);
    }
    if (SHOW_WAITING) setInterval(refreshWaiting, 20000);
    function setConnected(yes) {
      document.body.dataset.connected = yes ? "yes" : "no";
      document.body.classList.toggle("offline", !yes);
      $("status").textContent = yes ? "●" : "";
      if (!yes && !lostAt) lostAt = Date.now();
      if (yes) lostAt = 0;
    }
    function connect() {
      const es = new EventSource("/api/v1/display/events");
      es.onopen = () => setConnected(true);
      es.addEventListener("snapshot", e => { setConnected(true); for (const c of JSON.parse(e.data).calls) addCall(c, false); });
      es.addEventListener("hall", e => showHall(JSON.parse(e.data)));
      es.addEventListener("call", e => { addCall(JSON.parse(e.data), true); refreshWaiting(); });
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
      };
    }
    function tick() {
      $("clock").textContent = new Date().toLocaleTimeString("az-AZ", {hour: "2-digit", minute: "2-digit"});
      $("offline-for").textContent = lostAt ? "(" + Math.round((Date.now() - lostAt) / 1000) + " s)" : "";
    }
    tick(); setInterval(tick, 1000);
    addEventListener("resize", () => { if (slots.length) layout(); });
    $("tap").onclick = () => { $("tap").style.display = "none"; document.body.dataset.sound = "on"; playNext(); };
    // Without a hall event (an older lobbyd) one slot per call still works.
    setTimeout(() => buildSlots(1), 3000);
    connect();
    </script>
    </body>
    </html>
    """
}
