// The staff sign-in page: posts to /api/v1/session/login (which sets the session cookie) and
// goes to ?next= (a path on this server only) or to the console.
const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
let lang = params.get("lang") || localStorage.getItem("lobby.lang") || document.documentElement.lang || "az";
if (!STRINGS[lang]) lang = "az";
function t(key, values) {
  let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
  for (const [k, v] of Object.entries(values || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}
/** Only a path on this server: no scheme, no host, no "//" (an open redirect would send staff elsewhere). */
function safeNext(text) {
  if (!text || !text.startsWith("/") || text.startsWith("//") || text.includes("\\")) return "/console";
  try { const u = new URL(text, location.origin); return u.origin === location.origin ? u.pathname + u.search + u.hash : "/console"; }
  catch (e) { return "/console"; }
}
function render() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  const reason = params.get("reason");
  $("notice").textContent = reason ? t("login." + reason) : "";
}
for (const l of Object.keys(STRINGS)) {
  const o = document.createElement("option"); o.value = l; o.textContent = STRINGS[l]["language.name"]; $("lang").append(o);
}
$("lang").value = lang;
$("lang").setAttribute("aria-label", t("console.language"));
$("lang").onchange = () => { lang = $("lang").value; localStorage.setItem("lobby.lang", lang); render(); };
$("form").onsubmit = async e => {
  e.preventDefault();
  $("error").textContent = "";
  $("submit").disabled = true; $("submit").textContent = t("login.busy");
  try {
    const r = await fetch("/api/v1/session/login", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({name: $("name").value.trim(), password: $("password").value}), credentials: "same-origin"});
    const body = await r.json().catch(() => ({}));
    if (r.ok) { document.body.dataset.signedIn = "yes"; location.replace(safeNext(params.get("next"))); return; }
    const codes = {"invalid-credentials": "login.invalid", "account-disabled": "login.disabled", "account-locked": "login.locked"};
    $("error").textContent = codes[body.error] ? t(codes[body.error], {seconds: r.headers.get("Retry-After") || "?"}) : (body.message || r.status);
    $("password").value = ""; $("password").focus();
  } catch (err) {
    $("error").textContent = t("login.offline");
  } finally {
    $("submit").disabled = false; $("submit").textContent = t("login.submit");
  }
};
render();
document.body.dataset.ready = "yes";
