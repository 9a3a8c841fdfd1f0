"""Load: concurrent clients against a real ``fogofwar serve`` (uvicorn) on a 100,000-claim ledger.

``--clients`` (50) asyncio clients (httpx) for ``--seconds`` (60): ``--writers`` (2) of them post
a short generated report to ``POST /documents`` with the token, then pause ``--write-pause``
seconds; the others loop over reads (claims with and without filters, documents, one document,
propositions, disputes, entities), each pausing a random ``--think`` × (0.5 to 1.5) seconds
between two requests as a person at a page does (``--think 0``: no pause, every client asks
again the moment it has its answer, which measures the server's throughput, not a user's wait). Prints p50/p95/p99 per endpoint, requests, errors (any answer
that is not 2xx, and any failed connection) and throughput. The ledger is generated as in
``api_latency.py`` (no NLP); the proposition index is computed once before the clock starts.
Run on purpose: ``python benchmarks/load.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from api_latency import SIDES, build_ledger  # noqa: E402
from test_api import running_server  # noqa: E402

from fogofwar.bench import make_corpus  # noqa: E402

TOKEN = "load-test-token"


def read_request(rnd: random.Random, documents: int) -> tuple[str, str, dict]:
    """(label, path, params) of one read, drawn by weight."""
    choices = [
        (30, "/claims", "/claims", lambda: {"limit": 50, "offset": rnd.randrange(0, 5000)}),
        (15, "/claims?kind&country", "/claims", lambda: {"kind": "casualties", "country": rnd.choice(SIDES),
                                                           "limit": 50, "offset": rnd.randrange(0, 2000)}),
        (10, "/claims?claimant&from", "/claims", lambda: {"claimant": "gur", "from": "2024-06-01", "limit": 50}),
        (10, "/documents", "/documents", lambda: {"limit": 50, "offset": rnd.randrange(0, 5000)}),
        (10, "/documents/{id}", f"/documents/bench:{rnd.randrange(documents)}", dict),
        (10, "/propositions", "/propositions", lambda: {"limit": 50, "offset": rnd.randrange(0, 500)}),
        (5, "/disputes", "/disputes", lambda: {"limit": 50}),
        (10, "/entities", "/entities", lambda: {"limit": 100, "offset": rnd.randrange(0, 1000)}),
    ]
    weights = [c[0] for c in choices]
    _, label, path, params = rnd.choices(choices, weights)[0]
    return label, path, params()


async def reader(client: httpx.AsyncClient, rnd: random.Random, stop: float, documents: int, think: float,
                 log: dict) -> None:  # fmt: skip
    await asyncio.sleep(rnd.uniform(0, think))  # clients start spread out, not in one burst
    while time.perf_counter() < stop:
        label, path, params = read_request(rnd, documents)
        await timed(client, log, label, "GET", path, params=params)
        if think:
            await asyncio.sleep(think * rnd.uniform(0.5, 1.5))


async def writer(client: httpx.AsyncClient, texts: list[str], stop: float, pause: float, log: dict) -> None:
    n = 0
    while time.perf_counter() < stop:
        body = {"id": f"load:{id(texts)}:{n}", "text": texts[n % len(texts)] + f"\n\n(copy {n})"}
        await timed(client, log, "POST /documents", "POST", "/documents", json=body,
                    headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        n += 1
        await asyncio.sleep(pause)


async def timed(client: httpx.AsyncClient, log: dict, label: str, method: str, path: str, **kwargs) -> None:
    t = time.perf_counter()
    try:
        r = await client.request(method, path, **kwargs)
        ok = 200 <= r.status_code < 300
        if not ok:
            log["errors"].append(f"{label}: {r.status_code} {r.text[:200]}")
    except httpx.HTTPError as exc:
        ok = False
        log["errors"].append(f"{label}: {type(exc).__name__} {exc}")
    log[label].append(((time.perf_counter() - t) * 1000, ok))


async def run_load(base: str, args: argparse.Namespace, documents: int) -> dict:
    log: dict = defaultdict(list)
    texts = [a.text for a in make_corpus(20, seed=3, include_samples=False)]
    limits = httpx.Limits(max_connections=args.clients + 5, max_keepalive_connections=args.clients + 5)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        stop = time.perf_counter() + args.seconds
        tasks = [writer(client, texts, stop, args.write_pause, log) for _ in range(args.writers)]
        tasks += [reader(client, random.Random(i), stop, documents, args.think, log)
                  for i in range(args.clients - args.writers)]
        await asyncio.gather(*tasks)
    return log


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def report(log: dict, seconds: float) -> None:
    errors = log.pop("errors", [])
    total = sum(len(v) for v in log.values())
    print(f"{'endpoint':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    reads: list[float] = []
    for label in sorted(log):
        times = sorted(ms for ms, _ in log[label])
        failed = sum(1 for _, ok in log[label] if not ok)
        if not label.startswith("POST"):
            reads += times
        print(f"{label:24} {len(times):6} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f}"
              f" {percentile(times, 0.99):8.1f} {failed:7}")  # fmt: skip
    reads.sort()
    print(f"{'all reads':24} {len(reads):6} {statistics.median(reads):8.1f} {percentile(reads, 0.95):8.1f}"
          f" {percentile(reads, 0.99):8.1f}")  # fmt: skip
    print(f"requests: {total:,} in {seconds:.0f} s ({total / seconds:.0f}/s); errors: {len(errors)}")
    for line in errors[:10]:
        print(f"  {line}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--write-pause", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause of a reader between requests (s)")
    ap.add_argument("--ledger", type=Path, help="keep the generated ledger here and start from a copy of it"
                    " on later runs (the run writes to the copy)")  # fmt: skip
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.sqlite"
        if args.ledger and args.ledger.exists():
            shutil.copyfile(args.ledger, db)
            print(f"ledger: a copy of {args.ledger}")
        else:
            print(build_ledger(db, args.claims))
            if args.ledger:
                shutil.copyfile(db, args.ledger)
        with running_server(db, token=TOKEN) as base:
            t = time.perf_counter()
            httpx.get(f"{base}/propositions", params={"limit": 1}, timeout=300).raise_for_status()
            httpx.post(f"{base}/documents", json={"text": "Two soldiers were wounded near Kursk, the army said."},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300).raise_for_status()  # fmt: skip
            print(f"warm-up (proposition index, NLP model): {time.perf_counter() - t:.1f} s")
            print(f"{args.clients} clients ({args.writers} writing, readers pausing about {args.think:g} s)"
                  f" for {args.seconds:.0f} s against {base}")
            log = asyncio.run(run_load(base, args, args.claims // 5))
        report(log, args.seconds)


if __name__ == "__main__":
    main()
