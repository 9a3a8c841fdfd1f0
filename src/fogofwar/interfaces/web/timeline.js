// A timeline of claims, one lane per kind: a claim dated to the day is a dot, a claim dated to a
// week, month or year (or a period) is a bar over the days it covers. Dragging across the chart
// (the brush) picks a date range: onPick(fromIso, toIso).
import { svg, KIND_COLORS } from "./dom.js";
import { ticks, isoOf, spanLabel } from "./dates.js";

const W = 1000, L = 110, R = 16, T = 8, B = 26, LANE = 22;

export function timeline(items, { from = null, to = null, onPick = null, id = "timeline" } = {}) {
  const dated = items.filter(i => i.span);
  const kinds = [...new Set(dated.map(i => i.kind))].sort();
  const H = T + Math.max(1, kinds.length) * LANE + B;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id, class: "timeline", role: "img", "aria-label": "claims over time" });
  if (!dated.length) {
    root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated claims"));
    return root;
  }
  let d0 = Math.min(...dated.map(i => i.span.lo)), d1 = Math.max(...dated.map(i => i.span.hi)) + 1;
  if (d1 - d0 < 6) { d0 -= 3; d1 += 3; }
  const x = d => L + (d - d0) / (d1 - d0) * (W - L - R);
  const day = px => d0 + (px - L) / (W - L - R) * (d1 - d0);
  const axisY = H - B;
  for (const t of ticks(d0, d1, 8)) {
    const tx = x(t.day), anchor = tx > W - R - 40 ? "end" : tx < L + 30 ? "start" : "middle";
    root.append(svg("line", { x1: tx, x2: tx, y1: T, y2: axisY + 4, class: "grid" }),
                svg("text", { x: tx, y: axisY + 17, "text-anchor": anchor, class: "tick" }, t.label));
  }
  root.appendChild(svg("line", { x1: L, x2: W - R, y1: axisY, y2: axisY, class: "axis" }));
  kinds.forEach((k, lane) => {
    const y = T + lane * LANE + LANE / 2;
    root.appendChild(svg("text", { x: L - 8, y: y + 4, "text-anchor": "end", class: "lane" }, k));
    for (const i of dated.filter(i => i.kind === k)) {
      const title = svg("title", {}, `${spanLabel(i.span)}${i.span.precision === "published" ? " (published)" : ""}: ${i.title}`);
      const color = KIND_COLORS[k] || "#555";
      if (i.span.lo === i.span.hi) {
        root.appendChild(svg("circle", { cx: x(i.span.lo + 0.5), cy: y, r: 4.5, fill: color, class: "claim-mark point", "data-precision": i.span.precision }, title));
      } else {
        root.appendChild(svg("rect", { x: x(i.span.lo), y: y - 5, width: Math.max(3, x(i.span.hi + 1) - x(i.span.lo)), height: 10, fill: color,
                                       class: "claim-mark span", "data-precision": i.span.precision }, title));
      }
    }
  });
  const sel = svg("rect", { x: 0, y: T, width: 0, height: axisY - T, class: "brush-selection" });
  if (from || to) {
    const a = from ? Math.max(d0, Date.parse(from) / 864e5) : d0, b = to ? Math.min(d1, Date.parse(to) / 864e5 + 1) : d1;
    if (b > a) { sel.setAttribute("x", x(a)); sel.setAttribute("width", x(b) - x(a)); }
  }
  root.appendChild(sel);
  if (onPick) brush(root, sel, { W, L, R, T, axisY, day, x, onPick });
  return root;
}

function brush(root, sel, { W: width, L: left, R: right, T: top, axisY, day, x, onPick }) {
  const overlay = svg("rect", { x: left, y: top, width: width - left - right, height: axisY - top, class: "brush-overlay" });
  root.appendChild(overlay);
  const at = ev => {
    const r = root.getBoundingClientRect();
    return Math.max(left, Math.min(width - right, (ev.clientX - r.left) * width / r.width));
  };
  let start = null;
  overlay.addEventListener("pointerdown", ev => {
    start = at(ev);
    overlay.setPointerCapture(ev.pointerId);
    sel.setAttribute("x", start); sel.setAttribute("width", 0);
  });
  overlay.addEventListener("pointermove", ev => {
    if (start === null) return;
    const now = at(ev);
    sel.setAttribute("x", Math.min(start, now)); sel.setAttribute("width", Math.abs(now - start));
  });
  overlay.addEventListener("pointerup", ev => {
    if (start === null) return;
    const end = at(ev), a = Math.min(start, end), b = Math.max(start, end);
    start = null;
    if (b - a < 3) return;
    const lo = Math.floor(day(a)), hi = Math.max(lo, Math.ceil(day(b)) - 1);
    sel.setAttribute("x", x(lo)); sel.setAttribute("width", x(hi + 1) - x(lo));
    onPick(isoOf(lo), isoOf(hi));
  });
}
