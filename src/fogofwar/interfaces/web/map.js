// The map: Natural Earth countries and admin-1 areas (offline), claims as clustered points,
// sized by the sum of their figures and coloured by kind, with a legend.
import { el, svg, KIND_COLORS, legend } from "./dom.js";
import { baseMap, fit, visible, pathData } from "./geo.js";

const W = 900, H = 440, PAD = 36, CLUSTER_PX = 22;
const FALLBACK_BOX = [20, 10, 55, 58];  // Eastern Europe to the Gulf, when no claim has coordinates

function box(points) {
  if (!points.length) return FALLBACK_BOX;
  const lons = points.map(p => p.lon), lats = points.map(p => p.lat);
  let b = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const grow = Math.max(0, 10 - (b[2] - b[0]), 6 - (b[3] - b[1])) / 2;  // at least a few degrees around a single place
  return [b[0] - grow - 0.5, Math.max(-80, b[1] - grow - 0.5), b[2] + grow + 0.5, Math.min(80, b[3] + grow + 0.5)];
}

// greedy clustering in screen space: the biggest figures first, each point joins the first
// cluster whose centre is within CLUSTER_PX
export function clusters(points, project) {
  const out = [];
  const sorted = points.map(p => ({ p, xy: project(p.lon, p.lat) })).sort((a, b) => (b.p.value || 0) - (a.p.value || 0));
  for (const { p, xy } of sorted) {
    const c = out.find(c => Math.hypot(c.x - xy[0], c.y - xy[1]) <= CLUSTER_PX);
    if (c) { c.members.push(p); c.total += p.value || 0; }
    else out.push({ x: xy[0], y: xy[1], members: [p], total: p.value || 0 });
  }
  for (const c of out) {
    const by = {};
    for (const m of c.members) by[m.kind] = (by[m.kind] || 0) + 1;
    c.kind = Object.entries(by).sort((a, b) => b[1] - a[1])[0][0];
    c.kinds = Object.keys(by);
  }
  return out;
}

function tiles(root, proj, template) {
  const z = Math.max(0, Math.min(18, Math.floor(Math.log2(proj.scale / 256))));
  const n = 2 ** z, size = proj.scale / n;
  const tx0 = Math.floor((proj.cx - W / 2 / proj.scale) * n), tx1 = Math.floor((proj.cx + W / 2 / proj.scale) * n);
  const ty0 = Math.max(0, Math.floor((proj.cy - H / 2 / proj.scale) * n)), ty1 = Math.min(n - 1, Math.floor((proj.cy + H / 2 / proj.scale) * n));
  for (let tx = tx0; tx <= tx1; tx++) for (let ty = ty0; ty <= ty1; ty++) {
    const url = template.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
    root.appendChild(svg("image", { href: url, x: W / 2 + (tx / n - proj.cx) * proj.scale, y: H / 2 + (ty / n - proj.cy) * proj.scale, width: size, height: size }));
  }
}

// points: [{lon, lat, kind, value, label, title}]; returns a panel (svg + legend)
export async function claimMap(points, { id = "map", tilesUrl = null } = {}) {
  const base = await baseMap();
  const placed = points.filter(p => Number.isFinite(p.lon) && Number.isFinite(p.lat));
  const proj = fit(box(placed), W, H, PAD);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id, class: "map", role: "img", "aria-label": "map of claim places" });
  root.project = proj.project;  // for tests and tools: lon/lat → viewBox coordinates
  root.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  if (tilesUrl) tiles(root, proj, tilesUrl);
  const land = svg("g", { class: tilesUrl ? "land over-tiles" : "land" });
  for (const f of base.countries) if (visible(f, proj.view))
    land.appendChild(svg("path", { d: pathData(f, proj.project), class: "country", "data-id": f.id }, svg("title", {}, f.name)));
  const areas = svg("g", { class: "admin1-areas" });
  for (const f of base.admin1) if (visible(f, proj.view))
    areas.appendChild(svg("path", { d: pathData(f, proj.project), class: "admin1", "data-id": f.id }, svg("title", {}, f.name)));
  root.append(land, areas);
  if (!placed.length) root.appendChild(svg("text", { x: W / 2, y: 24, "text-anchor": "middle", class: "map-note" }, "no claim with coordinates"));
  const groups = clusters(placed, proj.project);
  const maxTotal = Math.max(1, ...groups.map(c => c.total));
  const dots = svg("g", { class: "clusters" });
  for (const c of groups.sort((a, b) => b.total - a.total)) {
    const r = 5 + 19 * Math.sqrt(c.total / maxTotal);
    const names = [...new Set(c.members.map(m => m.label).filter(Boolean))];
    const g = svg("g", { class: "cluster", "data-count": c.members.length, "data-kind": c.kind, "data-total": c.total },
      svg("circle", { cx: c.x.toFixed(1), cy: c.y.toFixed(1), r: r.toFixed(1), fill: KIND_COLORS[c.kind] || "#555",
                      class: c.kinds.length > 1 ? "mixed" : "" }),
      svg("title", {}, `${names.join(", ") || "?"}: ${c.members.length} claim(s)` +
        (c.total ? `, figures summing to ${c.total.toLocaleString("en")}` : "") + "\n" +
        c.members.slice(0, 12).map(m => m.title).join("\n") + (c.members.length > 12 ? "\n…" : "")));
    if (c.members.length > 1) g.appendChild(svg("text", { x: c.x.toFixed(1), y: (c.y + 4).toFixed(1), "text-anchor": "middle", class: "cluster-count" }, c.members.length));
    if (names[0]) g.appendChild(svg("text", { x: (c.x + r + 3).toFixed(1), y: (c.y + 4).toFixed(1), class: "place-label" }, names[0]));
    dots.appendChild(g);
  }
  root.appendChild(dots);
  const kinds = [...new Set(placed.map(p => p.kind))];
  return el("div", { class: "map-box" }, root,
    legend(kinds.map(k => [k, KIND_COLORS[k] || "#555"]), `${id}-legend`),
    el("p", { class: "meta small" }, "Circle area grows with the sum of the figures at a place; a number is how many claims a circle holds. ",
      "Borders and admin-1 areas: Natural Earth (public domain)."));
}
