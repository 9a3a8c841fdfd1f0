"""API latency on a large ledger: p50/p95 of /claims, /documents and /propositions (paged).

Builds a ledger of ``--claims`` synthetic claims (default 100,000) through ``add_many`` with
hand-built ``AnalyzedArticle``s (no NLP), starts ``fogofwar serve`` on it in a subprocess,
warms the proposition cache once (timed and reported), then times ``--requests`` GETs per
endpoint over several pages and filters. Run on purpose: ``python benchmarks/api_latency.py``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_api import running_server  # noqa: E402

from fogofwar.models import (  # noqa: E402
    AnalyzedArticle, Article, Attribution, Claim, ClaimKind, Evidence, Party, Place, Quantity, Sentence, TimeRef,
)  # fmt: skip
from fogofwar.store import open_store  # noqa: E402

PLACES = [("Kursk", "Kursk Oblast", "RUS", 51.73, 36.19), ("Belgorod", "Belgorod Oblast", "RUS", 50.6, 36.6),
          ("Kharkiv", "Kharkiv Oblast", "UKR", 49.99, 36.23), ("Pokrovsk", "Donetsk Oblast", "UKR", 48.28, 37.18),
          ("Kupiansk", "Kharkiv Oblast", "UKR", 49.71, 37.62), ("Aleppo", "Aleppo", "SYR", 36.2, 37.16),
          ("Mosul", "Nineveh", "IRQ", 36.34, 43.13), ("Zaporizhzhia", "Zaporizhzhia Oblast", "UKR", 47.84, 35.14)]  # fmt: skip
CLAIMANTS = ["GUR", "the Russian defence ministry", "the governor", "the General Staff", "a monitor", None]
OUTCOMES = ["killed", "wounded", "killed_or_wounded"]
SIDES = ["RUS", "UKR", "PRK", "SYR"]


def synthetic(n_claims: int, per_doc: int, seed: int = 7):
    rnd = random.Random(seed)
    start = date(2024, 1, 1)
    for d in range(n_claims // per_doc):
        published = start + timedelta(days=rnd.randrange(365))
        place = rnd.choice(PLACES)
        parts, claims, at = [], [], 0
        for i in range(per_doc):
            value = rnd.randrange(1, 500)
            side, outcome, who = rnd.choice(SIDES), rnd.choice(OUTCOMES), rnd.choice(CLAIMANTS)
            sentence = f"Report {d}-{i}: {value} soldiers were {outcome.replace('_', ' ')} near {place[0]}, {who or 'officials'} said."
            ev = Evidence(at, at + len(sentence) - 1, sentence[:-1], i)
            claims.append(Claim(
                kind=ClaimKind.CASUALTIES, outcome=outcome, evidence=[ev],
                quantity=Quantity(at, at + 3, str(value), float(value)),
                affected=Party("soldiers", country=side, civilian=False),
                location=Place(at, at + 5, place[0], name=place[0], admin1=place[1], country=place[2],
                               latitude=place[3], longitude=place[4], precision="city"),
                time=TimeRef(at, at + 3, "on Monday", date=published.isoformat(), precision="day"),
                attribution=Attribution(i, who, cue="reporting_verb") if who else None,
            ))  # fmt: skip
            parts.append(Sentence(i, at, at + len(sentence), sentence))
            at += len(sentence) + 1
        text = " ".join(s.text for s in parts)
        yield AnalyzedArticle(article=Article(id=f"bench:{d}", text=text, published=published, source=f"Outlet {d % 40}"),
                              sentences=parts, claims=claims)  # fmt: skip


def build_ledger(db: Path, claims: int, per_doc: int = 5) -> str:
    """A generated ledger of about ``claims`` claims at ``db``; a line saying what was built."""
    t = time.perf_counter()
    with open_store(db) as store:
        batch = []
        for doc in synthetic(claims, per_doc):
            batch.append(doc)
            if len(batch) == 2000:
                store.add_many(batch, settle=False)
                batch = []
        store.add_many(batch, settle=False)
        store.settle_propositions()  # once, as ``fogofwar ingest`` does
        stats = store.stats()
    return f"ledger: {stats.claims:,} claims in {stats.documents:,} documents, built in {time.perf_counter() - t:.1f} s"


def timed(client: httpx.Client, url: str, params: dict) -> float:
    t = time.perf_counter()
    r = client.get(url, params=params)
    r.raise_for_status()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--per-doc", type=int, default=5)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        print(build_ledger(db, args.claims, args.per_doc))
        with running_server(db) as base, httpx.Client(base_url=base, timeout=120) as client:
            t = time.perf_counter()
            total = client.get("/propositions", params={"limit": 1}).json()["total"]
            print(f"propositions: {total:,}, first computation (then cached until the ledger changes): "
                  f"{time.perf_counter() - t:.2f} s")
            rnd = random.Random(1)
            cases = {
                "/claims": lambda: {"limit": 50, "offset": rnd.randrange(0, 5000)},
                "/claims?kind&country": lambda: {"kind": "casualties", "country": rnd.choice(SIDES), "limit": 50,
                                                 "offset": rnd.randrange(0, 2000)},
                "/claims?claimant": lambda: {"claimant": "gur", "limit": 50, "offset": rnd.randrange(0, 2000)},
                "/documents": lambda: {"limit": 50, "offset": rnd.randrange(0, 5000)},
                "/propositions": lambda: {"limit": 50, "offset": rnd.randrange(0, 500)},
                "/propositions?country": lambda: {"country": rnd.choice(SIDES), "limit": 50},
                "/disputes": lambda: {"limit": 50, "offset": rnd.randrange(0, 200)},
            }
            print(f"{'endpoint':24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests} each)")
            for name, params in cases.items():
                path = name.split("?")[0]
                for _ in range(5):
                    timed(client, path, params())
                times = sorted(timed(client, path, params()) for _ in range(args.requests))
                p95 = times[int(0.95 * (len(times) - 1))]
                print(f"{name:24} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")


if __name__ == "__main__":
    main()
