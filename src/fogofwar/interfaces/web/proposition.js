// A proposition's figures: each claimant's interval side by side, and the series of running
// totals over time by claimant. Intervals come from the API when it gives them; otherwise from
// the figure's value, bounds and hedge by RULE below.
import { el, svg } from "./dom.js";
import { span, ticks, spanLabel } from "./dates.js";

export const RULE = "exact N = [N, N]; about N = N ± 10 %; nearly N = [0.9 N, N]; at least / more than N = [N, ∞); "
  + "up to / fewer than N = [0, N]; a range = its bounds";

const num = v => (v === null || v === undefined || v === "" ? null : Number(v));

// {low, best, high} of one figure (high may be Infinity); null when it has no number
export function interval(f) {
  if (f.interval_low !== undefined && f.interval_low !== null) {  // the ledger's own interval (high null: unbounded)
    return { low: num(f.interval_low), best: num(f.value), high: f.interval_high === null || f.interval_high === undefined ? Infinity : num(f.interval_high) };
  }
  const v = num(f.value), lo = num(f.low), hi = num(f.high);
  if (v === null && lo === null && hi === null) return null;
  switch (f.hedge) {
    case "approximately": return { low: 0.9 * v, best: v, high: 1.1 * v };
    case "nearly": return { low: 0.9 * v, best: v, high: v };
    case "at_least": case "more_than": return { low: lo ?? v, best: v, high: Infinity };
    case "at_most": case "less_than": return { low: 0, best: v, high: hi ?? v };
    case "range": return { low: lo ?? v, best: v, high: hi ?? v };
    default:
      if (lo !== null || hi !== null) return { low: lo ?? v, best: v, high: hi ?? v ?? Infinity };
      return { low: v, best: v, high: v };
  }
}

// one row per claimant (the API's own per-claimant intervals when present), else per figure
export function intervalRows(p, figures) {
  if (Array.isArray(p.intervals) && p.intervals.length) {
    return p.intervals.map(i => ({
      claimant: i.claimant || i.voice || "?", outcome: i.outcome || "", date: i.date || i.date_to || "",
      low: num(i.low), best: num(i.best), high: i.high === null || i.high === undefined ? Infinity : num(i.high),
    }));
  }
  const rows = [];
  for (const f of figures) {
    const iv = interval(f);
    if (iv) rows.push({ claimant: f.voice || f.claimant || "?", outcome: f.outcome || "", date: f.date || f.published || "", ...iv });
  }
  return rows.sort((a, b) => a.claimant.localeCompare(b.claimant) || a.date.localeCompare(b.date));
}

export function intervalsChart(rows, colors) {
  const W = 640, L = 250, R = 44, T = 6, ROW = 24, B = 24;
  const H = T + Math.max(1, rows.length) * ROW + B;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id: "intervals", role: "img", "aria-label": "each claimant's interval" });
  if (!rows.length) { root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no figures")); return root; }
  const finite = rows.flatMap(r => [r.low, r.best, r.high]).filter(v => v !== null && Number.isFinite(v));
  const vmax = Math.max(1, ...finite) * 1.15;
  const x = v => L + Math.min(v, vmax) / vmax * (W - L - R);
  for (let i = 0; i <= 4; i++) {
    const v = vmax * i / 4;
    root.append(svg("line", { x1: x(v), x2: x(v), y1: T, y2: H - B, class: "grid" }),
                svg("text", { x: x(v), y: H - B + 15, "text-anchor": i === 4 ? "end" : "middle", class: "tick" }, Math.round(v).toLocaleString("en")));
  }
  rows.forEach((r, i) => {
    const y = T + i * ROW + ROW / 2, c = colors[r.claimant] || "#333";
    const label = `${r.claimant}${r.outcome ? " · " + r.outcome : ""}${r.date ? " · " + r.date : ""}`;
    const open = !Number.isFinite(r.high);
    const low = r.low ?? 0, high = open ? vmax : r.high;
    const g = svg("g", { class: "interval", "data-claimant": r.claimant, "data-open": open ? "true" : "false" },
      svg("text", { x: L - 8, y: y + 4, "text-anchor": "end" }, label.length > 40 ? label.slice(0, 39) + "…" : label),
      svg("rect", { x: x(low), y: y - 5, width: Math.max(2, x(high) - x(low)), height: 10, fill: c, class: open ? "bar open" : "bar" }),
      svg("title", {}, `${label}: ${fmt(r.low)} – ${open ? "∞" : fmt(r.high)}${r.best !== null ? ", best " + fmt(r.best) : ""}`));
    if (r.best !== null && Number.isFinite(r.best)) g.appendChild(svg("circle", { cx: x(r.best), cy: y, r: 4, class: "best" }));
    if (open) g.appendChild(svg("text", { x: W - R + 4, y: y + 4, class: "open-end" }, "→ ∞"));
    root.appendChild(g);
  });
  return root;
}

const fmt = v => (v === null || v === undefined ? "?" : Math.round(v).toLocaleString("en"));

// the series: a dot per day-dated figure, a bar over the week/month/year of a coarser one,
// a line per claimant through the running totals
export function seriesChart(series, colors) {
  const W = 640, H = 280, L = 60, R = 24, T = 12, B = 34;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id: "chart", role: "img", "aria-label": "running totals over time" });
  const pts = series.map(s => ({ ...s, span: span(s.date) })).filter(s => s.span && Number.isFinite(Number(s.value)));
  if (!pts.length) { root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated figures")); return root; }
  let x0 = Math.min(...pts.map(s => s.span.lo)), x1 = Math.max(...pts.map(s => s.span.hi)) + 1;
  if (x1 - x0 < 4) { x0 -= 2; x1 += 2; }
  const ymax = Math.max(...pts.map(s => Number(s.value))) * 1.1 || 1;
  const sx = d => L + (d - x0) / (x1 - x0) * (W - L - R), sy = v => H - B - v / ymax * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const v = ymax * i / 4, y = sy(v);
    root.append(svg("line", { x1: L, x2: W - R, y1: y, y2: y, class: "grid" }),
                svg("text", { x: L - 6, y: y + 4, "text-anchor": "end" }, Math.round(v).toLocaleString("en")));
  }
  for (const t of ticks(x0, x1, 5)) {
    const tx = sx(t.day), anchor = tx > W - R - 40 ? "end" : tx < L + 30 ? "start" : "middle";
    root.append(svg("line", { x1: tx, x2: tx, y1: H - B, y2: H - B + 4, class: "axis" }),
                svg("text", { x: tx, y: H - B + 16, "text-anchor": anchor, class: "tick" }, t.label));
  }
  root.append(svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }),
              svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
  const by = {};
  for (const s of pts) (by[s.claimant] = by[s.claimant] || []).push(s);
  for (const [who, list] of Object.entries(by)) {
    const c = colors[who] || "#333", mid = s => sx((s.span.lo + s.span.hi + 1) / 2);
    list.sort((a, b) => a.span.lo - b.span.lo);
    if (list.length > 1) root.appendChild(svg("polyline", {
      points: list.map(s => `${mid(s)},${sy(s.value)}`).join(" "), fill: "none", stroke: c, "stroke-width": 2, class: "series-line" }));
    for (const s of list) {
      const title = svg("title", {}, `${spanLabel(s.span)}: ${who} says ${s.value}${s.outcome ? " " + s.outcome : ""}`);
      if (s.span.lo === s.span.hi) root.appendChild(svg("circle", { cx: mid(s), cy: sy(s.value), r: 4.5, fill: c, class: "point" }, title));
      else root.appendChild(svg("rect", { x: sx(s.span.lo), y: sy(s.value) - 3, width: Math.max(3, sx(s.span.hi + 1) - sx(s.span.lo)), height: 6,
                                          fill: c, class: "point span", "data-precision": s.span.precision }, title));
    }
  }
  return root;
}

// the ledger's low / best / high per outcome across independent claimants, when the API gives them
export function summary(p) {
  const estimates = Array.isArray(p.estimates) ? p.estimates : [];
  if (!estimates.length) return null;
  return el("ul", { class: "meta", id: "prop-estimates" }, estimates.map(e => el("li", {},
    `${e.outcome || "all outcomes"}: low ${fmt(e.low)} · best ${fmt(e.best)} · high ${e.high === null || e.high === undefined ? "∞ (no upper bound)" : fmt(e.high)}`,
    e.conservative !== undefined && e.conservative !== null ? ` · most conservative ${fmt(e.conservative)} (as ACLED)` : "",
    e.claimants ? ` · ${e.claimants} independent claimant(s)` : "")));
}

export function ruleOf(p) {
  const e = Array.isArray(p.estimates) && p.estimates[0];
  return (e && e.rule) || p.rule || RULE;
}
