"""Propositions right after a write: the first page of /propositions after a one-article write
beside its p95 on an unchanged ledger, and what a full regrouping (the old path) costs.

Builds the generated ledger of ``api_latency.py`` (``--claims``), then, through the store and
``PropositionIndex`` as the API uses them: times 50 first pages (unchanged ledger; read as
stored, ``propositions.body``), the same pages built from their member claims' facts (the path
before bodies were stored), one one-article write (the regrouping happens inside it), the first
page right after it, and ``ledger.compute`` (every claim grouped in memory, what each write cost
before propositions were kept in the ledger).
Run on purpose: ``python benchmarks/propositions_write.py --claims 20000``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import build_ledger, synthetic  # noqa: E402

from fogofwar.ledger import PropositionIndex, compute  # noqa: E402
from fogofwar.store import ClaimFilter, open_store  # noqa: E402


def ms(f) -> tuple[float, object]:
    t = time.perf_counter()
    out = f()
    return (time.perf_counter() - t) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=20_000)
    ap.add_argument("--db", default=None, help="a postgresql:// URL instead of a temporary SQLite file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or str(Path(tmp) / "bench.sqlite")
        print(build_ledger(target, args.claims))
        with open_store(target) as store:
            index = PropositionIndex(store)
            times = sorted(ms(lambda: index.page(limit=50))[0] for _ in range(50))
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"/propositions first page, unchanged ledger: p50 {statistics.median(times):.1f} ms,"
                  f" p95 {p95:.1f} ms; {index.page(limit=1)[0]:,} propositions")
            ids = store.proposition_page(ClaimFilter(), None, 50, 0)[1]
            built = sorted(ms(lambda: index._build(ids))[0] for _ in range(10))
            print(f"  the same page built from its claims' facts (before bodies were stored):"
                  f" p50 {statistics.median(built):.1f} ms, max {built[-1]:.1f} ms;"
                  f" {sum(len(p.figures) for p in index.page(limit=50)[1]):,} figures on the page")
            size = store._read("SELECT sum(length(body)), max(length(body)) FROM propositions", ())[0]
            print(f"  stored bodies: {size[0] / 1e6:,.1f} MB in all, largest {size[1] / 1e3:,.0f} kB")
            extra = list(synthetic(args.claims + 5, 5, seed=99))[-1]
            extra = type(extra)(article=type(extra.article)(**{**extra.article.__dict__, "id": "bench:new"}),
                                sentences=extra.sentences, claims=extra.claims)  # fmt: skip
            write_ms, _ = ms(lambda: store.add_many([extra]))
            after_ms, _ = ms(lambda: index.page(limit=50))
            print(f"one-article write (5 claims, regrouped inside): {write_ms:.1f} ms;"
                  f" first page right after it: {after_ms:.1f} ms")
            full_ms, snap = ms(lambda: compute(store))
            print(f"full regrouping in memory (the old path after every write): {full_ms / 1000:.1f} s")


if __name__ == "__main__":
    main()
