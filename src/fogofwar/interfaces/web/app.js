// fogofwar web page: plain ES modules, no build step, no network beyond this server (and the tile
// server when FOGOFWAR_TILES is set). The views and the router; charts and the map live in
// their own modules. Untrusted text is only put into the page as text, never as HTML.
import { el, show, api, qs, paramsFromHash, hashPath, figure, docLink, propLink, legend, KINDS, COLORS } from "./dom.js";
import { claimSpan, span, dayOf } from "./dates.js";
import { claimMap } from "./map.js";
import { timeline } from "./timeline.js";
import { intervalRows, intervalsChart, seriesChart, summary, ruleOf } from "./proposition.js";

const PAGE = 50, ALL = 1000;  // a table page; the most claims drawn on the timeline and the map
let CONFIG = { tiles: null };

function setNav(which) {
  for (const id of ["nav-claims", "nav-props", "nav-docs"]) document.getElementById(id).classList.toggle("active", id === which);
}
// 'ready' is cleared at once, not at the hashchange event (which comes later): between the two
// the address would already be the new one while 'ready' still spoke of the old view
function go(path, params) {
  const before = location.hash, ready = document.body.dataset.ready;
  document.body.dataset.ready = "";
  location.hash = `#${path}?${qs(params)}`;
  if (location.hash === before) document.body.dataset.ready = ready;  // the same address: no new view comes
}
// the page's filters → the API's query: dates are from/to in the page (as in the CLI) and are
// sent as date_from/date_to, which every version of the API reads
function toApi({ from, to, ...rest }) { return { ...rest, date_from: from, date_to: to }; }

// -- filters: the same date range on every view ----------------------------------------------------
function dateInputs(state) {
  return [
    el("label", {}, "from", el("input", { type: "date", name: "from", id: "f-from", value: state.from || "" })),
    el("label", {}, "to", el("input", { type: "date", name: "to", id: "f-to", value: state.to || "" })),
  ];
}
function form(fields, onApply) {
  const f = el("form", { class: "filters", id: "filters" }, fields,
    el("button", { type: "submit", id: "f-apply" }, "Filter"),
    el("button", { type: "button", id: "f-clear-dates", onclick: () => {
      f.querySelector("#f-from").value = ""; f.querySelector("#f-to").value = ""; f.requestSubmit();
    } }, "all dates"));
  f.addEventListener("submit", ev => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(f).entries());
    const box = f.querySelector("input[type=checkbox]");
    if (box) data[box.name] = box.checked ? "true" : "";
    onApply(data);
  });
  return f;
}
function claimFields(state) {
  const input = (name, label, size) => el("label", {}, label, el("input", { name, id: `f-${name}`, size: size || 12, value: state[name] || "" }));
  return [
    el("label", {}, "kind", el("select", { name: "kind", id: "f-kind" }, el("option", { value: "" }, "any kind"),
      KINDS.map(k => el("option", { value: k, selected: state.kind === k ? "selected" : null }, k)))),
    input("country", "country (ISO3)", 6), input("claimant", "claimant"), input("place", "place"), input("text", "text", 16),
    dateInputs(state),
  ];
}
function pager(total, offset, to) {
  const end = Math.min(offset + PAGE, total);
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: offset <= 0 ? "disabled" : null, onclick: () => to(Math.max(0, offset - PAGE)) }, "‹ previous"),
    el("span", { class: "count" }, total ? `${offset + 1}–${end} of ${total}` : "none"),
    el("button", { type: "button", disabled: end >= total ? "disabled" : null, onclick: () => to(offset + PAGE) }, "next ›"));
}
function inRange(s, state) {
  if (!s) return !(state.from || state.to);
  return (!state.from || s.hi >= dayOf(state.from)) && (!state.to || s.lo <= dayOf(state.to));
}
const kindOf = k => k.kind + (k.outcome ? "/" + k.outcome : "");

// -- claims: timeline with a brush, map, table -----------------------------------------------------
async function claimsView() {
  setNav("nav-claims");
  const state = paramsFromHash();
  const { offset: _o, ...filters } = state;
  const offset = Number(state.offset || 0);
  const [page, all] = await Promise.all([
    api(`/claims?${qs({ ...toApi(filters), limit: PAGE, offset })}`),
    api(`/claims?${qs({ ...toApi(filters), limit: ALL, offset: 0 })}`),
  ]);
  const items = all.items.map(c => ({ c, span: claimSpan(c), kind: c.claim.kind }));
  const points = items.map(({ c }) => {
    const k = c.claim, loc = k.location || {}, q = k.quantity || {};
    return { lon: loc.longitude, lat: loc.latitude, kind: k.kind, value: Number(q.value) || 0, label: loc.name || loc.text,
             title: `${kindOf(k)} ${figure(k.quantity)} ${(k.affected || k.target || {}).text || ""} · ${(k.claimant && k.claimant.text) || "no claimant"}` };
  });
  const rows = page.items.map(c => {
    const k = c.claim, loc = k.location || {}, who = k.affected || k.target || k.recipient || {};
    const s = claimSpan(c), t = k.time || {};
    return el("tr", { class: "claim-row" },
      el("td", { class: "date", title: s ? `${s.precision}` : "" }, t.date || (c.published ? `${c.published} (published)` : "")),
      el("td", {}, kindOf(k)), el("td", { class: "num" }, figure(k.quantity)), el("td", {}, who.text || ""),
      el("td", {}, loc.name || loc.text || ""), el("td", { class: "claimant" }, (k.claimant && k.claimant.text) || "—"),
      el("td", {}, docLink(c.doc)));
  });
  const capped = all.total > all.items.length ? ` (the first ${all.items.length} of ${all.total} drawn)` : "";
  show(
    el("h2", {}, "Claims"),
    form(claimFields(state), d => go("/", d)),
    el("div", { class: "panel wide" }, el("h3", {}, `Timeline of ${all.total} claim(s)${capped}: drag across it to pick dates`),
      timeline(items.map(i => ({ ...i, title: points[items.indexOf(i)].title })),
        { from: state.from, to: state.to, onPick: (a, b) => go("/", { ...filters, from: a, to: b }) })),
    el("div", { class: "panel wide" }, el("h3", {}, "Map"), await claimMap(points, { tilesUrl: CONFIG.tiles })),
    pager(page.total, offset, o => go("/", { ...filters, offset: o })),
    el("table", { id: "claims" },
      el("thead", {}, el("tr", {}, ["date", "kind", "figure", "affected / target", "place", "claimant", "document"].map(h => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

// -- documents -------------------------------------------------------------------------------------
async function documentsView() {
  setNav("nav-docs");
  const state = paramsFromHash();
  const offset = Number(state.offset || 0);
  const data = await api(`/documents?${qs({ limit: ALL, offset: 0 })}`);
  const docs = data.items.filter(d => inRange(span(d.published), state));
  const shown = docs.slice(offset, offset + PAGE);
  show(el("h2", {}, "Documents"),
    form(dateInputs(state), d => go("/documents", d)),
    pager(docs.length, offset, o => go("/documents", { ...state, offset: o })),
    el("table", { id: "documents" },
      el("thead", {}, el("tr", {}, ["published", "title", "source", "claims"].map(h => el("th", {}, h)))),
      el("tbody", {}, shown.map(d => el("tr", { class: "doc-row" },
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
      el("strong", {}, kindOf(k)), " ", figure(k.quantity), " ",
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

// -- propositions ----------------------------------------------------------------------------------
function title(p) {
  if (p.title) return p.title;
  return `${p.kind}${p.outcomes.length ? " / " + p.outcomes.join(", ") : ""} — ${p.affected || p.side || "?"}${p.cumulative ? " (running total)" : ""}`;
}
// the days a figure covers: the ledger's span when the API gives it, else its date at its precision
function figureSpan(f) {
  if (f.date_first && f.date_last) return { lo: dayOf(f.date_first), hi: dayOf(f.date_last), precision: f.date_precision || "span" };
  return span(f.date || f.published);
}
function shapeOf(p) { return p.time_shape || p.shape || (p.cumulative ? "running_total" : null); }
function status(p) {
  if (p.disputed) return el("span", { class: "badge disputed" }, "disputed");
  if (p.agree) return el("span", { class: "badge agreed" }, "agreed");
  return el("span", { class: "badge" }, "single claimant");
}

async function propositionsView() {
  setNav("nav-props");
  const state = paramsFromHash();
  const { offset: _o, ...filters } = state;
  const offset = Number(state.offset || 0);
  const data = await api(`/propositions?${qs({ ...toApi(filters), limit: PAGE, offset })}`);
  const disputed = el("label", {}, "only disputed",
    el("input", { type: "checkbox", name: "disputed", id: "f-disputed", checked: state.disputed === "true" ? "checked" : null }));
  show(
    el("h2", {}, "Propositions"),
    form([claimFields(state), disputed], d => go("/propositions", d)),
    pager(data.total, offset, o => go("/propositions", { ...filters, offset: o })),
    el("table", { id: "propositions" },
      el("thead", {}, el("tr", {}, ["dates", "proposition", "place", "claimants", "sources", "figures", ""].map(h => el("th", {}, h)))),
      el("tbody", {}, data.items.map(p => el("tr", { class: "prop-row" },
        el("td", {}, p.date_from === p.date_to ? p.date_from || "" : `${p.date_from || "?"} – ${p.date_to || "?"}`),
        el("td", {}, propLink(p.id, title(p))),
        el("td", {}, p.place || p.admin1 || ""),
        el("td", {}, p.claimants.join("; ")),
        el("td", { class: "num" }, p.sources),
        el("td", {}, p.figures.map(f => figure(f)).filter(Boolean).join(", ")
          + (p.figures_total > p.figures.length ? ` … (${p.figures_total} in all)` : "")),
        el("td", {}, status(p)))))));
}

async function propositionView(id) {
  setNav("nav-props");
  const state = paramsFromHash();
  const p = await api(`/propositions/${encodeURIComponent(id)}`);
  const figures = p.figures.filter(f => inRange(figureSpan(f), state));
  const series = p.series.filter(s => inRange(span(s.date), state));
  const colors = {};
  for (const c of [...p.claimants, ...p.figures.map(f => f.voice)]) if (!(c in colors)) colors[c] = COLORS[Object.keys(colors).length % COLORS.length];
  const shape = shapeOf(p), running = shape === "running_total";
  const hidden = p.figures.length - figures.length;
  show(
    el("h2", { id: "prop-title" }, title(p), " ", status(p)),
    el("p", { class: "meta" }, `${p.place || p.admin1 || "place not stated"} · ${p.date_from || "?"} – ${p.date_to || "?"} · `
      + (shape ? `${shape.replace("_", " ")} · ` : "")
      + `${p.independent_claimants} independent claimant(s), ${p.sources} source(s) (syndicated copies counted once)`),
    form(dateInputs(state), d => go(`/prop/${encodeURIComponent(id)}`, d)),
    hidden ? el("p", { class: "meta", id: "hidden-figures" }, `${hidden} figure(s) outside the dates picked are not shown.`) : null,
    summary(p),
    p.disagreements.length ? el("ul", { class: "error", id: "disagreements" }, p.disagreements.map(d =>
      el("li", {}, `${d.period === "event" ? "" : d.period + ": "}${d.outcome || ""} — ` + d.values.map(([c, v]) => `${c} says ${v}`).join("; ")))) : null,
    el("div", { class: "panels" },
      el("div", { class: "panel" }, el("h3", {}, "Each claimant's interval"), intervalsChart(intervalRows(p, figures), colors),
        el("p", { class: "meta small", id: "interval-rule" }, ruleOf(p))),
      el("div", { class: "panel" }, el("h3", {}, running ? "Running totals over time, by claimant" : "Figures over time, by claimant"),
        seriesChart(series, colors), legend(Object.entries(colors), "chart-legend"))),
    el("div", { class: "panel wide" }, el("h3", {}, "Places"), await claimMap(figures.map(f => ({
      lon: f.longitude, lat: f.latitude, kind: p.kind, value: Number(f.value) || 0, label: f.place || f.admin1,
      title: `${f.voice}: ${figure(f)}${f.outcome ? " " + f.outcome : ""}` })), { tilesUrl: CONFIG.tiles })),
    el("table", { id: "figures" },
      el("thead", {}, el("tr", {}, ["date", "figure", "outcome", "claimant", "place", "evidence", "document"].map(h => el("th", {}, h)))),
      el("tbody", {}, figures.map(f => el("tr", {},
        el("td", {}, f.date || ""), el("td", { class: "num" }, figure(f)), el("td", {}, f.outcome || ""),
        el("td", {}, f.voice), el("td", {}, f.place || f.admin1 || ""), el("td", {}, f.evidence || ""),
        el("td", {}, docLink(f.doc, f.publisher || f.doc)))))));
}

// -- router ----------------------------------------------------------------------------------------
async function route() {
  const path = hashPath();
  const hash = location.hash;
  try {
    if (path.startsWith("/doc/")) await documentView(decodeURIComponent(path.slice(5)));
    else if (path.startsWith("/prop/")) await propositionView(decodeURIComponent(path.slice(6)));
    else if (path === "/propositions") await propositionsView();
    else if (path === "/documents") await documentsView();
    else await claimsView();
    if (location.hash === hash) document.body.dataset.ready = path;  // a later navigation is queued
  } catch (err) {
    show(el("p", { class: "error", id: "error" }, String(err.message || err)));
    document.body.dataset.ready = "error";
  }
}

// Views render one after another, in the order of navigation: a slow earlier view (the page
// before a brush picked dates) can never draw over a later one.
let routing = Promise.resolve();
function navigate() { routing = routing.then(route); }

async function start() {
  try { CONFIG = await api("/config"); } catch (e) { /* defaults */ }
  if (CONFIG.tiles) document.getElementById("tiles-note").textContent = " over configured tiles";
  window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; navigate(); });
  navigate();
}
start();
