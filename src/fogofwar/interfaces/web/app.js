// fogofwar web page: plain JS, no build step, no network beyond this server (and the tile
// server when FOGOFWAR_TILES is set). Untrusted text (articles, claims) is only ever put into
// the page with textContent / createTextNode: never innerHTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const KINDS = ["casualties", "equipment_loss", "attack", "deployment", "supply", "territory", "displacement"];
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const PAGE = 50;
let CONFIG = { tiles: null };

// -- DOM helpers (text only) ---------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  return node;
}
function show(...nodes) {
  const app = document.getElementById("app");
  app.replaceChildren(...nodes.filter(n => n !== null && n !== undefined));
}
async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${r.status} ${(await r.json().catch(() => ({}))).detail || r.statusText}`);
  return r.json();
}
function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}
function figure(q) {
  if (!q) return "";
  if (q.vague) return q.vague;
  if (q.value === null || q.value === undefined) return "";
  const words = { approximately: "about ", at_least: "at least ", more_than: "over ", at_most: "up to ",
                  less_than: "under ", nearly: "nearly ", range: "" };
  if (q.hedge === "range" && q.high !== null && q.high !== undefined) return `${q.value}–${q.high}`;
  return `${words[q.hedge] || ""}${Number(q.value).toLocaleString("en")}`;
}
function docLink(id, label) { return el("a", { href: `#/doc/${encodeURIComponent(id)}`, class: "doclink" }, label || id); }
function propLink(id, label) { return el("a", { href: `#/prop/${encodeURIComponent(id)}`, class: "proplink" }, label || id); }
function setNav(which) {
  for (const id of ["nav-claims", "nav-props", "nav-docs"]) document.getElementById(id).classList.toggle("active", id === which);
}

// -- claims ledger -------------------------------------------------------------------------------
function filterForm(state, onApply, extra) {
  const kind = el("select", { name: "kind", id: "f-kind" }, el("option", { value: "" }, "any kind"),
    KINDS.map(k => el("option", { value: k, selected: state.kind === k ? "selected" : null }, k)));
  const input = (name, label, size) =>
    el("label", {}, label, el("input", { name, id: `f-${name}`, size: size || 12, value: state[name] || "" }));
  const form = el("form", { class: "filters", id: "filters" },
    el("label", {}, "kind", kind), input("country", "country (ISO3)", 6), input("claimant", "claimant"),
    input("place", "place"), input("text", "text", 18), extra || null,
    el("button", { type: "submit", id: "f-apply" }, "Filter"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    if (extra && extra.querySelector("input[type=checkbox]")) data.disputed = extra.querySelector("input").checked ? "true" : "";
    onApply(data);
  });
  return form;
}
function pager(total, offset, go) {
  const end = Math.min(offset + PAGE, total);
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: offset <= 0 ? "disabled" : null, onclick: () => go(Math.max(0, offset - PAGE)) }, "‹ previous"),
    el("span", { class: "count" }, total ? `${offset + 1}–${end} of ${total}` : "none"),
    el("button", { type: "button", disabled: end >= total ? "disabled" : null, onclick: () => go(offset + PAGE) }, "next ›"));
}
function paramsFromHash() { return Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] || "")); }

async function claimsView() {
  setNav("nav-claims");
  const state = paramsFromHash();
  const offset = Number(state.offset || 0);
  const data = await api(`/claims?${qs({ ...state, limit: PAGE, offset })}`);
  const go = (o) => { location.hash = `#/?${qs({ ...state, offset: o })}`; };
  const rows = data.items.map(c => {
    const k = c.claim, loc = k.location || {}, who = k.affected || k.target || k.recipient || {};
    return el("tr", { class: "claim-row" },
      el("td", {}, (k.time && k.time.date) || c.published || ""),
      el("td", {}, k.kind + (k.outcome ? "/" + k.outcome : "")),
      el("td", { class: "num" }, figure(k.quantity)),
      el("td", {}, who.text || ""),
      el("td", {}, loc.name || loc.text || ""),
      el("td", { class: "claimant" }, (k.claimant && k.claimant.text) || "—"),
      el("td", {}, docLink(c.doc)));
  });
  show(
    el("h2", {}, "Claims"),
    filterForm(state, d => { location.hash = `#/?${qs(d)}`; }),
    pager(data.total, offset, go),
    el("table", { id: "claims" },
      el("thead", {}, el("tr", {}, ["date", "kind", "figure", "affected / target", "place", "claimant", "document"].map(h => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

// -- documents -----------------------------------------------------------------------------------
async function documentsView() {
  setNav("nav-docs");
  const state = paramsFromHash();
  const offset = Number(state.offset || 0);
  const data = await api(`/documents?${qs({ limit: PAGE, offset })}`);
  show(el("h2", {}, "Documents"), pager(data.total, offset, o => { location.hash = `#/documents?offset=${o}`; }),
    el("table", { id: "documents" },
      el("thead", {}, el("tr", {}, ["published", "title", "source", "claims"].map(h => el("th", {}, h)))),
      el("tbody", {}, data.items.map(d => el("tr", {},
        el("td", {}, d.published || ""), el("td", {}, docLink(d.id, d.title || d.id)),
        el("td", {}, d.source || ""), el("td", { class: "num" }, d.claim_count))))));
}

function highlighted(text, claims) {
  // evidence spans → non-overlapping marks; the text between them is plain text nodes
  const spans = [];
  for (const c of claims) for (const e of c.evidence) spans.push({ start: e.start, end: e.end, claim: c.id });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const box = el("div", { class: "text", id: "article-text" });
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end <= s.start || s.end > text.length) continue;
    box.appendChild(document.createTextNode(text.slice(at, s.start)));
    box.appendChild(el("mark", { class: "evidence", "data-claim": s.claim, id: `ev-${s.claim}` }, text.slice(s.start, s.end)));
    at = s.end;
  }
  box.appendChild(document.createTextNode(text.slice(at)));
  return box;
}

async function documentView(id) {
  setNav("nav-docs");
  const d = await api(`/documents/${encodeURIComponent(id)}`);
  const focus = (claimId) => {
    for (const m of document.querySelectorAll("mark.evidence")) m.classList.toggle("focus", m.dataset.claim === String(claimId));
    const m = document.getElementById(`ev-${claimId}`);
    if (m) m.scrollIntoView({ block: "center", behavior: "smooth" });
  };
  const list = el("ol", { class: "claims", id: "doc-claims" }, d.claims.map(c => {
    const k = c.claim, loc = k.location || {};
    return el("li", { onclick: () => focus(c.id) },
      el("strong", {}, k.kind + (k.outcome ? "/" + k.outcome : "")), " ", figure(k.quantity), " ",
      (k.affected || k.target || k.recipient || {}).text || "", loc.name ? ` · ${loc.name}` : "",
      k.claimant ? ` · says ${k.claimant.text}` : "",
      el("div", { class: "meta" }, k.evidence || ""));
  }));
  show(
    el("h2", { id: "doc-title" }, d.title || d.id),
    el("p", { class: "meta" }, [d.source, d.published, d.url].filter(Boolean).join(" · ")),
    el("div", { class: "article" }, highlighted(d.text, d.claims),
      el("div", {}, el("h3", {}, `${d.claims.length} claim(s)`), list)));
}

// -- propositions --------------------------------------------------------------------------------
async function propositionsView() {
  setNav("nav-props");
  const state = paramsFromHash();
  const offset = Number(state.offset || 0);
  const data = await api(`/propositions?${qs({ ...state, limit: PAGE, offset })}`);
  const disputed = el("label", {}, "only disputed",
    el("input", { type: "checkbox", name: "disputed", id: "f-disputed", checked: state.disputed === "true" ? "checked" : null }));
  show(
    el("h2", {}, "Propositions"),
    filterForm(state, d => { location.hash = `#/propositions?${qs(d)}`; }, disputed),
    pager(data.total, offset, o => { location.hash = `#/propositions?${qs({ ...state, offset: o })}`; }),
    el("table", { id: "propositions" },
      el("thead", {}, el("tr", {}, ["dates", "proposition", "place", "claimants", "sources", "figures", ""].map(h => el("th", {}, h)))),
      el("tbody", {}, data.items.map(p => el("tr", { class: "prop-row" },
        el("td", {}, p.date_from === p.date_to ? p.date_from : `${p.date_from} – ${p.date_to}`),
        el("td", {}, propLink(p.id, title(p))),
        el("td", {}, p.place || p.admin1 || ""),
        el("td", {}, p.claimants.join("; ")),
        el("td", { class: "num" }, p.sources),
        el("td", {}, p.figures.map(f => figure(f)).filter(Boolean).join(", ")),
        el("td", {}, status(p)))))));
}
function title(p) {
  return `${p.kind}${p.outcomes.length ? " / " + p.outcomes.join(", ") : ""} — ${p.affected || p.side || "?"}${p.cumulative ? " (running total)" : ""}`;
}
function status(p) {
  if (p.disputed) return el("span", { class: "badge disputed" }, "disputed");
  if (p.agree) return el("span", { class: "badge agreed" }, "agreed");
  return el("span", { class: "badge" }, "single claimant");
}

async function propositionView(id) {
  setNav("nav-props");
  const p = await api(`/propositions/${encodeURIComponent(id)}`);
  const colors = {};
  p.claimants.forEach((c, i) => { colors[c] = COLORS[i % COLORS.length]; });
  for (const f of p.figures) if (!(f.voice in colors)) colors[f.voice] = COLORS[Object.keys(colors).length % COLORS.length];
  show(
    el("h2", { id: "prop-title" }, title(p), " ", status(p)),
    el("p", { class: "meta" }, `${p.place || p.admin1 || "place not stated"} · ${p.date_from || "?"} – ${p.date_to || "?"} · `
      + `${p.independent_claimants} independent claimant(s), ${p.sources} source(s) (syndicated copies counted once)`),
    p.disagreements.length ? el("ul", { class: "error", id: "disagreements" }, p.disagreements.map(d =>
      el("li", {}, `${d.period === "event" ? "" : d.period + ": "}${d.outcome || ""} — ` + d.values.map(([c, v]) => `${c} says ${v}`).join("; ")))) : null,
    el("div", { class: "panels" },
      el("div", { class: "panel" }, el("h3", {}, "Figures over time, by claimant"), chart(p.series, colors), legend(colors)),
      el("div", { class: "panel" }, el("h3", {}, "Places"), map(p.figures))),
    el("table", { id: "figures" },
      el("thead", {}, el("tr", {}, ["date", "figure", "outcome", "claimant", "place", "evidence", "document"].map(h => el("th", {}, h)))),
      el("tbody", {}, p.figures.map(f => el("tr", {},
        el("td", {}, f.date || ""), el("td", { class: "num" }, figure(f)), el("td", {}, f.outcome || ""),
        el("td", {}, f.voice), el("td", {}, f.place || f.admin1 || ""), el("td", {}, f.evidence || ""),
        el("td", {}, docLink(f.doc, f.publisher || f.doc)))))));
}
function legend(colors) {
  return el("div", { class: "legend" }, Object.entries(colors).map(([name, c]) => {
    const sw = el("i", {}); sw.style.background = c; return el("span", {}, sw, name);
  }));
}

function chart(series, colors) {
  const W = 560, H = 280, L = 56, R = 14, T = 12, B = 34;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id: "chart", role: "img", "aria-label": "figures over time" });
  if (!series.length) { root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated figures")); return root; }
  const day = s => Date.parse(s + "T00:00:00Z") / 864e5;
  let x0 = Math.min(...series.map(s => day(s.date))), x1 = Math.max(...series.map(s => day(s.date)));
  if (x1 - x0 < 2) { x0 -= 1; x1 += 1; }
  const ymax = Math.max(...series.map(s => s.value)) * 1.1 || 1;
  const sx = d => L + (d - x0) / (x1 - x0) * (W - L - R), sy = v => H - B - v / ymax * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const v = ymax * i / 4, y = sy(v);
    root.appendChild(svg("line", { x1: L, x2: W - R, y1: y, y2: y, class: "grid" }));
    root.appendChild(svg("text", { x: L - 6, y: y + 4, "text-anchor": "end" }, Math.round(v).toLocaleString("en")));
  }
  const ticks = Math.min(5, Math.round(x1 - x0));
  for (let i = 0; i <= ticks; i++) {
    const d = x0 + (x1 - x0) * i / ticks, x = sx(d);
    root.appendChild(svg("line", { x1: x, x2: x, y1: H - B, y2: H - B + 4, class: "axis" }));
    root.appendChild(svg("text", { x, y: H - B + 16, "text-anchor": "middle" }, new Date(d * 864e5).toISOString().slice(0, 10)));
  }
  root.appendChild(svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
  root.appendChild(svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
  const by = {};
  for (const s of series) (by[s.claimant] = by[s.claimant] || []).push(s);
  for (const [who, pts] of Object.entries(by)) {
    const c = colors[who] || "#333";
    if (pts.length > 1) root.appendChild(svg("polyline", {
      points: pts.map(s => `${sx(day(s.date))},${sy(s.value)}`).join(" "), fill: "none", stroke: c, "stroke-width": 2, class: "series-line" }));
    for (const s of pts) root.appendChild(svg("circle", { cx: sx(day(s.date)), cy: sy(s.value), r: 4.5, fill: c, class: "point" },
      svg("title", {}, `${s.date}: ${who} says ${s.value}${s.outcome ? " " + s.outcome : ""}`)));
  }
  return root;
}

// Web Mercator, so that tiles (FOGOFWAR_TILES) line up when configured; offline: graticule only
function map(figures) {
  const W = 560, H = 320, pad = 30;
  const pts = figures.filter(f => f.latitude !== null && f.longitude !== null);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id: "map", role: "img", "aria-label": "map of claim places" });
  root.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#eef3f7" }));
  if (!pts.length) { root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no place with coordinates")); return root; }
  const merc = (lon, lat) => { const s = Math.sin(lat * Math.PI / 180); return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)]; };
  let lon0 = Math.min(...pts.map(f => f.longitude)) - 2, lon1 = Math.max(...pts.map(f => f.longitude)) + 2;
  let lat0 = Math.max(-80, Math.min(...pts.map(f => f.latitude)) - 1.5), lat1 = Math.min(80, Math.max(...pts.map(f => f.latitude)) + 1.5);
  const [mx0, my1] = merc(lon0, lat0), [mx1, my0] = merc(lon1, lat1);
  const scale = Math.min((W - 2 * pad) / (mx1 - mx0), (H - 2 * pad) / (my1 - my0));
  const cx = (mx0 + mx1) / 2, cy = (my0 + my1) / 2;
  const proj = (lon, lat) => { const [x, y] = merc(lon, lat); return [W / 2 + (x - cx) * scale, H / 2 + (y - cy) * scale]; };
  if (CONFIG.tiles) {
    const z = Math.max(0, Math.min(18, Math.floor(Math.log2(scale / 256))));
    const n = 2 ** z, size = scale / n;
    const tx0 = Math.floor((cx - W / 2 / scale) * n), tx1 = Math.floor((cx + W / 2 / scale) * n);
    const ty0 = Math.max(0, Math.floor((cy - H / 2 / scale) * n)), ty1 = Math.min(n - 1, Math.floor((cy + H / 2 / scale) * n));
    for (let tx = tx0; tx <= tx1; tx++) for (let ty = ty0; ty <= ty1; ty++) {
      const url = CONFIG.tiles.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
      root.appendChild(svg("image", { href: url, x: W / 2 + (tx / n - cx) * scale, y: H / 2 + (ty / n - cy) * scale, width: size, height: size }));
    }
  }
  const span = Math.max(lon1 - lon0, lat1 - lat0), step = span > 40 ? 10 : span > 12 ? 5 : span > 5 ? 2 : 1;
  const g = svg("g", { class: "graticule" });
  for (let lon = Math.ceil(lon0 - 20); lon <= lon1 + 20; lon++) if (lon % step === 0) {
    const [x] = proj(lon, 0); g.appendChild(svg("line", { x1: x, x2: x, y1: 0, y2: H, class: "grid" }));
    g.appendChild(svg("text", { x: x + 2, y: H - 4 }, `${lon}°E`));
  }
  for (let lat = Math.ceil(lat0 - 20); lat <= lat1 + 20; lat++) if (lat % step === 0 && Math.abs(lat) < 85) {
    const [, y] = proj(0, lat); g.appendChild(svg("line", { x1: 0, x2: W, y1: y, y2: y, class: "grid" }));
    g.appendChild(svg("text", { x: 2, y: y - 2 }, `${lat}°N`));
  }
  root.appendChild(g);
  const seen = new Set();
  for (const f of pts) {
    const [x, y] = proj(f.longitude, f.latitude);
    root.appendChild(svg("circle", { cx: x, cy: y, r: 6, fill: "#d62728", "fill-opacity": 0.75, stroke: "#fff", class: "place" },
      svg("title", {}, `${f.place || f.admin1 || ""} (${f.latitude}, ${f.longitude}): ${f.voice}`)));
    const label = f.place || f.admin1;
    if (label && !seen.has(label)) { seen.add(label); root.appendChild(svg("text", { x: x + 8, y: y + 4, class: "place-label" }, label)); }
  }
  return root;
}

// -- router --------------------------------------------------------------------------------------
async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path] = hash.split("?");
  try {
    if (path.startsWith("/doc/")) await documentView(decodeURIComponent(path.slice(5)));
    else if (path.startsWith("/prop/")) await propositionView(decodeURIComponent(path.slice(6)));
    else if (path === "/propositions") await propositionsView();
    else if (path === "/documents") await documentsView();
    else await claimsView();
    document.body.dataset.ready = path;
  } catch (err) {
    show(el("p", { class: "error", id: "error" }, String(err.message || err)));
    document.body.dataset.ready = "error";
  }
}

async function start() {
  try { CONFIG = await api("/config"); } catch (e) { /* defaults */ }
  if (CONFIG.tiles) document.getElementById("tiles-note").textContent = " over configured tiles";
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; route(); });
  route();
}
start();
