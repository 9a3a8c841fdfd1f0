// The offline base map (vendor/naturalearth.json, built by scripts/build_map.py from Natural
// Earth, public domain; see vendor/NOTICE) and a Web Mercator projection fitted to a box.
let BASE = null;

function decodeArcs(layer, scale) {
  return layer.arcs.map(flat => {
    const pts = [];
    let x = 0, y = 0;
    for (let i = 0; i < flat.length; i += 2) { x += flat[i]; y += flat[i + 1]; pts.push([x / scale, y / scale]); }
    return pts;
  });
}

// rings of [lon, lat] from arc indices (~i is arc i reversed; shared end points counted once)
function ring(indices, arcs) {
  const out = [];
  for (const i of indices) {
    const pts = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    out.push(...(out.length ? pts.slice(1) : pts));
  }
  return out;
}

function features(layer, scale) {
  const arcs = decodeArcs(layer, scale);
  return layer.features.map(f => {
    const polygons = f.arcs.map(poly => poly.map(r => ring(r, arcs)));
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const poly of polygons) for (const [x, y] of poly[0]) {
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    return { id: f.id, name: f.name, country: f.country, polygons, bbox: [x0, y0, x1, y1] };
  });
}

export async function baseMap() {
  if (!BASE) {
    BASE = fetch("/static/vendor/naturalearth.json").then(r => {
      if (!r.ok) throw new Error(`base map: ${r.status}`);
      return r.json();
    }).then(d => ({ countries: features(d.countries, d.scale), admin1: features(d.admin1, d.scale), source: d.source }));
  }
  return BASE;
}

const merc = (lon, lat) => {
  const s = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
};

// a projection of the box [lon0, lat0, lon1, lat1] into W×H (aspect kept, centred);
// .view is the [lon0, lat0, lon1, lat1] actually shown, .scale the pixels per world width
export function fit(box, W, H, pad) {
  const [mx0, my1] = merc(box[0], box[1]), [mx1, my0] = merc(box[2], box[3]);
  const scale = Math.min((W - 2 * pad) / Math.max(mx1 - mx0, 1e-6), (H - 2 * pad) / Math.max(my1 - my0, 1e-6));
  const cx = (mx0 + mx1) / 2, cy = (my0 + my1) / 2;
  const project = (lon, lat) => { const [x, y] = merc(lon, lat); return [W / 2 + (x - cx) * scale, H / 2 + (y - cy) * scale]; };
  const unmerc = (x, y) => [x * 360 - 180, Math.atan(Math.sinh((0.5 - y) * 2 * Math.PI)) * 180 / Math.PI];
  const [lonA, latA] = unmerc(cx - W / 2 / scale, cy + H / 2 / scale), [lonB, latB] = unmerc(cx + W / 2 / scale, cy - H / 2 / scale);
  return { project, scale, cx, cy, view: [lonA, latA, lonB, latB] };
}

export function visible(feature, view) {
  const [x0, y0, x1, y1] = feature.bbox;
  return x1 >= view[0] && x0 <= view[2] && y1 >= view[1] && y0 <= view[3];
}

// SVG path data of a feature's polygons (holes included; fill-rule evenodd)
export function pathData(feature, project) {
  const parts = [];
  for (const poly of feature.polygons) for (const r of poly) {
    let d = "";
    for (let i = 0; i < r.length; i++) {
      const [x, y] = project(r[i][0], r[i][1]);
      d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    }
    parts.push(d + "Z");
  }
  return parts.join("");
}
