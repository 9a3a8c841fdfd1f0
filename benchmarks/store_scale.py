"""The ledger at scale, SQLite beside PostgreSQL: ingest throughput and query latency (p50/p95).

Builds a ledger of ``--claims`` generated claims on each backend through ``add_many`` (batches of
``--batch`` articles, one transaction each; the hand-built articles of ``api_latency.py``, no
NLP; propositions grouped once at the end as ``fogofwar ingest`` does, timed with the ingest), then times ``--repeats`` calls of each query shape with random pages and filters. The
PostgreSQL side is a throwaway server started here with PostgreSQL's default durability (fsync
and synchronous commit on; ``tests/pgserver.py``), or the database of ``--pg URL``; SQLite runs
in WAL mode with ``synchronous=NORMAL`` as the store sets it. With ``--writers 2`` the
PostgreSQL ingest is also run by two processes at once into a fresh schema (half the
articles each).

Run on purpose: ``python benchmarks/store_scale.py --claims 100000``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from api_latency import CLAIMANTS, PLACES, SIDES, synthetic
from pgserver import PgServer

from fogofwar.store import ClaimFilter, LedgerStore, open_store

PER_DOC = 5


def ingest(target: str, n_claims: int, batch_size: int, part: tuple[int, int] = (0, 1),
           settle_each: bool = False) -> tuple[float, int, float]:
    """Seconds to add the generated ledger (this writer's share of documents), claims added,
    and the seconds of those spent grouping propositions once at the end (as ``fogofwar
    ingest`` does; ``settle_each``: in every batch instead, as one ``add_many`` does)."""
    index, parts = part
    step = max(n_claims // 10, 1)  # progress on stderr every tenth of the claims
    with open_store(target) as store:
        batch, added, spent = [], 0, 0.0
        for number, doc in enumerate(synthetic(n_claims, PER_DOC)):
            if number % parts != index:
                continue
            batch.append(doc)
            if len(batch) == batch_size:
                t = time.perf_counter()
                added += store.add_many(batch, settle=settle_each) * PER_DOC
                spent += time.perf_counter() - t
                batch = []
                if added % step < batch_size * PER_DOC:
                    print(f"  {target[:40]}: {added:,} claims written in {spent:.0f} s"
                          f" ({added / spent:,.0f} claims/s)", file=sys.stderr, flush=True)
        t = time.perf_counter()
        added += store.add_many(batch, settle=settle_each) * PER_DOC
        spent += time.perf_counter() - t
        print(f"  {added:,} claims written in {spent:.0f} s; grouping propositions", file=sys.stderr, flush=True)
        t = time.perf_counter()
        store.settle_propositions()
        settle = time.perf_counter() - t
        return spent + settle, added, settle


def _writer(args: tuple[str, int, int, int, int]) -> tuple[float, int, float]:
    target, n_claims, batch_size, index, parts = args
    return ingest(target, n_claims, batch_size, (index, parts))


def query_cases(store: LedgerStore, n_docs: int) -> dict[str, Callable[[random.Random], object]]:
    day = date(2024, 1, 1)
    return {
        "claims page": lambda r: store.claims(limit=50, offset=r.randrange(0, 5000)),
        "claims deep page": lambda r: store.claims(limit=50, offset=r.randrange(0, n_docs * PER_DOC - 50)),
        "claims kind+country": lambda r: store.claims(
            ClaimFilter(kind="casualties", country=r.choice(SIDES)), limit=50, offset=r.randrange(0, 2000)),
        "claims claimant": lambda r: store.claims(
            ClaimFilter(claimant=r.choice([c for c in CLAIMANTS if c])[:8]), limit=50),
        "claims place": lambda r: store.claims(ClaimFilter(place=r.choice(PLACES)[1][:6].lower()), limit=50),
        "claims week": lambda r: store.claims(
            ClaimFilter(date_from=day + timedelta(days=r.randrange(358)),
                        date_to=day + timedelta(days=r.randrange(358, 365))), limit=50),
        "claims text": lambda r: store.claims(ClaimFilter(text=f"soldiers {r.choice(PLACES)[0]}"), limit=50),
        "count kind+side": lambda r: store.count_claims(ClaimFilter(kind="casualties", side=r.choice(SIDES))),
        "count text": lambda r: store.count_claims(ClaimFilter(text=r.choice(PLACES)[0])),
        "document": lambda r: store.document(f"bench:{r.randrange(n_docs)}"),
        "documents page": lambda r: store.documents(limit=50, offset=r.randrange(0, n_docs - 50)),
    }  # fmt: skip


def time_queries(target: str, n_claims: int, repeats: int) -> dict[str, tuple[float, float]]:
    rnd, out = random.Random(1), {}
    with open_store(target) as store:
        for name, call in query_cases(store, n_claims // PER_DOC).items():
            for _ in range(3):
                call(rnd)
            times = []
            for _ in range(repeats):
                t = time.perf_counter()
                call(rnd)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            out[name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
        t = time.perf_counter()
        facts = sum(1 for _ in store.claim_facts())
        out[f"claim_facts (all {facts:,})"] = ((time.perf_counter() - t) * 1000,) * 2
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=50, help="articles per add_many (the CLI's default)")
    ap.add_argument("--repeats", type=int, default=100)
    ap.add_argument("--pg", metavar="URL", help="a PostgreSQL database to use instead of a throwaway server")
    ap.add_argument("--writers", type=int, default=1, help="also time this many PostgreSQL writers at once")
    ap.add_argument("--only", choices=("sqlite", "postgresql"))
    ap.add_argument("--settle-each", action="store_true",
                    help="group propositions in every batch (add_many's default) instead of once at the end")
    args = ap.parse_args()
    server = PgServer(durable=True)
    if args.pg:
        server.base_url = args.pg
    with tempfile.TemporaryDirectory() as tmp:
        if not args.pg and args.only != "sqlite":
            server.start()
        try:
            targets = {"sqlite": str(Path(tmp) / "bench.sqlite")}
            if args.only != "sqlite":
                targets["postgresql"] = server.fresh_url()
            if args.only:
                targets = {args.only: targets[args.only]}
            results = {}
            for name, target in targets.items():
                seconds, added, settle = ingest(target, args.claims, args.batch, settle_each=args.settle_each)
                print(f"{name}: ingest {added:,} claims ({added // PER_DOC:,} articles, batches of {args.batch})"
                      f" in {seconds:.1f} s = {added / seconds:,.0f} claims/s, {added / PER_DOC / seconds:,.0f} articles/s"
                      f" (propositions grouped {'in every batch' if args.settle_each else f'at the end: {settle:.1f} s'})")
                if name == "sqlite":
                    print(f"  file size: {Path(target).stat().st_size / 1e6:,.0f} MB")
                sys.stdout.flush()
                results[name] = time_queries(target, args.claims, args.repeats)
            if args.writers > 1 and "postgresql" in targets:
                target = server.fresh_url()
                t = time.perf_counter()
                with multiprocessing.Pool(args.writers) as pool:
                    parts = pool.map(_writer, [(target, args.claims, args.batch, i, args.writers)
                                               for i in range(args.writers)])
                wall = time.perf_counter() - t
                added = sum(n for _, n, _ in parts)
                print(f"postgresql, {args.writers} writers at once: {added:,} claims in {wall:.1f} s wall"
                      f" = {added / wall:,.0f} claims/s")
            names = list(results)
            print(f"\n{'query (ms)':28}" + "".join(f"{n + ' p50':>16}{n + ' p95':>16}" for n in names))
            for case in results[names[0]]:
                row = "".join(f"{results[n].get(case, (0, 0))[0]:16.1f}{results[n].get(case, (0, 0))[1]:16.1f}"
                              for n in names)
                print(f"{case:28}{row}")
            print(f"\npeak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
