import HTTPTypes
import Hummingbird

/// The hall display page served at `/`: live calls from the display event stream.
///
/// A new call is highlighted for at least `HIGHLIGHT_MS` even when calls come quickly (they
/// queue); the last calls stay listed; the page reconnects by itself and shows when it is
/// disconnected. Labels are in Azerbaijani, Russian and English together.
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
      html, body { margin: 0; height: 100%; background: #0b1f3a; color: #fff; font-family: "DejaVu Sans", sans-serif; }
      body { display: grid; grid-template-rows: auto 1fr auto; }
      header { display: flex; justify-content: space-between; padding: 2vh 3vw; font-size: 3vh; background: #102b52; }
      #status { font-size: 2.4vh; }
      #status.down { color: #ffd24d; }
      main { display: grid; grid-template-columns: 3fr 2fr; gap: 2vw; padding: 2vh 3vw; }
      #current { display: flex; flex-direction: column; justify-content: center; align-items: center; border: 0.6vh solid #24487a; border-radius: 2vh; }
      #current.fresh { background: #ffd24d; color: #0b1f3a; border-color: #fff; }
      #current .ticket { font-size: 22vh; font-weight: bold; line-height: 1; }
      #current .arrow { font-size: 6vh; margin: 1vh 0; }
      #current .window { font-size: 12vh; font-weight: bold; }
      .label { font-size: 2.6vh; opacity: 0.85; }
      table { width: 100%; border-collapse: collapse; font-size: 7vh; }
      th { font-size: 2.4vh; text-align: left; opacity: 0.8; padding-bottom: 1vh; }
      td { padding: 0.6vh 0; border-top: 0.3vh solid #24487a; font-weight: bold; }
      td.recall::after { content: " ↻"; font-size: 4vh; }
      footer { padding: 1vh 3vw; font-size: 2.2vh; opacity: 0.8; }
    </style>
    </head>
    <body>
    <header><span id="title">Növbə · Очередь · Queue</span><span id="clock"></span><span id="status">…</span></header>
    <main>
      <section id="current" aria-live="assertive">
        <div class="label">Bilet · Талон · Ticket</div>
        <div class="ticket" id="cur-ticket">—</div>
        <div class="arrow">➜</div>
        <div class="label">Pəncərə · Окно · Window</div>
        <div class="window" id="cur-window">—</div>
      </section>
      <section>
        <table>
          <thead><tr><th>Bilet · Талон · Ticket</th><th>Pəncərə · Окно · Window</th></tr></thead>
          <tbody id="recent"></tbody>
        </table>
      </section>
    </main>
    <footer>Nömrənizi gözləyin · Ожидайте свой номер · Please wait for your number</footer>
    <script>
    const HIGHLIGHT_MS = 6000, KEEP = 8;
    const params = new URLSearchParams(location.search);
    const highlightMs = Number(params.get("highlight") || HIGHLIGHT_MS);
    let recent = [], pending = [], showingUntil = 0, timer = null, seen = new Set(), highlightSeq = 0;
    const $ = id => document.getElementById(id);
    function renderList() {
      const body = $("recent"); body.innerHTML = "";
      for (const c of recent.slice(-KEEP).reverse()) {
        const tr = document.createElement("tr");
        const t = document.createElement("td"); t.textContent = c.ticket; if (c.recall) t.className = "recall";
        const w = document.createElement("td"); w.textContent = c.window;
        tr.append(t, w); body.append(tr);
      }
    }
    function showNext() {
      timer = null;
      if (!pending.length) { $("current").classList.remove("fresh"); return; }
      const c = pending.shift();
      $("cur-ticket").textContent = c.ticket; $("cur-window").textContent = c.window;
      $("current").classList.add("fresh");
      document.body.dataset.highlighted = c.ticket;
      document.body.dataset.highlightSeq = String(++highlightSeq);
      document.body.dataset.highlightAt = String(Math.round(performance.now()));
      showingUntil = Date.now() + highlightMs;
      timer = setTimeout(showNext, highlightMs);
    }
    function addCall(c, live) {
      if (seen.has(c.sequence + ":" + c.ticket)) return;
      seen.add(c.sequence + ":" + c.ticket);
      recent.push(c); if (recent.length > 50) recent.shift();
      renderList();
      if (live) { pending.push(c); if (!timer) showNext(); }
      else { $("cur-ticket").textContent = c.ticket; $("cur-window").textContent = c.window; }
    }
    function connect() {
      const es = new EventSource("/api/v1/display/events");
      es.onopen = () => { $("status").textContent = "●"; $("status").className = ""; document.body.dataset.connected = "yes"; };
      es.addEventListener("snapshot", e => { for (const c of JSON.parse(e.data).calls) addCall(c, false); });
      es.addEventListener("call", e => addCall(JSON.parse(e.data), true));
      es.onerror = () => {
        $("status").textContent = "Bağlantı yoxdur · Нет связи · Reconnecting…"; $("status").className = "down";
        document.body.dataset.connected = "no";
        if (es.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
      };
    }
    setInterval(() => { $("clock").textContent = new Date().toLocaleTimeString("az-AZ", {hour: "2-digit", minute: "2-digit"}); }, 1000);
    connect();
    </script>
    </body>
    </html>
    """
}
