"""articles/s of ``fogofwar batch`` (Ray Data, 1 and 2 workers) against one process, and memory
while many short articles stream through ``batch``. Run on purpose; prints figures.

    python benchmarks/batch_scale.py -n 300 --stream 20000     # needs pip install -e ".[batch]"

Speed: the generated corpus of ``fogofwar.bench.make_corpus(n)`` (the samples and ``n`` reports
of 150-400 words) as one JSON Lines dump, run once each way:
  - ``fogofwar ingest --jsonl`` and ``fogofwar extract --jsonl`` as subprocesses (wall clock:
    Python start and model load included) into a fresh SQLite ledger / a claims file;
  - in this process, ``Pipeline()`` and one warm-up article (the model load, timed apart), then
    ``analyze_many`` over the corpus (what extract does);
  - ``run_batch`` with 1 and 2 workers (a local Ray started and stopped by each run): wall
    clock (Ray start included), the job's own time, each worker's model load.
Memory: ``--stream`` short generated articles (one paragraph each) through ``run_batch`` with 2
workers, no ledger; the resident memory of the driver and of each worker sampled every
``--every`` articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from time import perf_counter

from fogofwar.batch import BatchOptions, run_batch
from fogofwar.bench import make_corpus
from fogofwar.models import Article


def write_dump(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                                  "published": a.published.isoformat() if a.published else None}) + "\n")


def short_dump(n: int, path: Path, unit: str = "paragraph") -> None:
    """``n`` short articles cut from the generated corpus (distinct by a closing line): one
    paragraph each, or one sentence each (``unit="sentence"``, for runs of a million)."""
    paragraphs = [p for a in make_corpus(200, seed=1, include_samples=False)
                  for p in a.text.split("\n\n")[1:] if len(p.split()) > 12]
    pieces = paragraphs
    if unit == "sentence":
        pieces = [s if s.endswith(".") else s + "." for p in paragraphs for s in p.split(". ") if len(s.split()) > 8]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = f"{pieces[i % len(pieces)]}\n\nFiled as report {i}."
            out.write(json.dumps({"id": f"s{i}", "text": text, "published": "2024-06-01"}) + "\n")


def timed_command(args: list[str]) -> float:
    started = perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return perf_counter() - started


def speed(n: int, folder: Path) -> None:
    from fogofwar.pipeline import Pipeline

    articles = make_corpus(n)
    dump = folder / "corpus.jsonl"
    write_dump(articles, dump)
    count = len(articles)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {count} articles, {words:,} words ({dump.stat().st_size / 1e6:.1f} MB)")
    exe = str(Path(sys.executable).with_name("fogofwar"))
    t = timed_command([exe, "ingest", "--jsonl", str(dump), "--db", str(folder / "ingest.sqlite"), "-q"])
    print(f"fogofwar ingest (1 process):  {t:6.1f} s wall  {count / t:5.1f} articles/s (start + model load included)")
    t = timed_command([exe, "extract", "--jsonl", str(dump), "--format", "claims-jsonl", "-o", str(folder / "x.jsonl")])
    print(f"fogofwar extract (1 process): {t:6.1f} s wall  {count / t:5.1f} articles/s (start + model load included)")
    started = perf_counter()
    pipeline = Pipeline()
    pipeline.analyze(Article(id="w", text="Two soldiers were killed in Kharkiv on Monday, officials said."))
    load = perf_counter() - started
    started = perf_counter()
    claims = sum(len(d.claims) for d in pipeline.analyze_many(articles))
    run = perf_counter() - started
    print(f"in process: model load {load:.1f} s, then {run:.1f} s: {count / run:.1f} articles/s without load, "
          f"{count / (run + load):.1f} with; {claims} claims")
    for workers in (1, 2):
        started = perf_counter()
        result = run_batch(BatchOptions([str(dump)], str(folder / f"batch{workers}"), workers=workers, redo=True))
        wall = perf_counter() - started
        load = sum(result.load_s) / len(result.load_s)
        print(f"fogofwar batch, {workers} worker(s): {wall:6.1f} s wall  {count / wall:5.1f} articles/s (Ray start "
              f"+ model load included); job {result.seconds:.1f} s, model load {load:.1f} s per worker, "
              f"{count / (result.seconds - load):.1f} articles/s after the load; {result.claims} claims")
    ledger = (folder / "ingest.sqlite").stat().st_size
    parquet = sum(p.stat().st_size for p in (folder / "batch2" / "claims").glob("*.parquet"))
    print(f"sizes: SQLite ledger {ledger / 1e6:.1f} MB = {ledger / claims:,.0f} bytes per claim, {ledger / count:,.0f} per "
          f"article (text included); Parquet claims {parquet / 1e3:.0f} kB = {parquet / claims:,.0f} bytes per claim; "
          f"{claims / count:.2f} claims per article")


def watch_memory(started: float, stop: threading.Event, every_s: float = 60) -> None:
    """Print, every ``every_s`` seconds while the run lasts, the resident memory of this process
    and of each Ray worker process (``ray::`` in its command line), so a run cut short still
    shows its trend (the batch's progress bar gives the articles done at that moment)."""
    while not stop.wait(every_s):
        workers = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                if (proc / "cmdline").read_bytes().startswith(b"ray::"):
                    workers.append(_rss_mb(proc))
            except OSError:
                continue
        print(f"[memory] {perf_counter() - started:7.0f} s  driver {_rss_mb(Path('/proc/self')):.0f} MB  Ray workers"
              f" {' '.join(f'{mb:.0f}' for mb in sorted(workers))} MB", flush=True)  # fmt: skip


def _rss_mb(proc: Path) -> float:
    for line in (proc / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory(n: int, every: int, folder: Path, unit: str = "paragraph") -> None:
    dump = folder / "short.jsonl"
    short_dump(n, dump, unit)
    print(f"stream: {n:,} short articles of one {unit} ({dump.stat().st_size / 1e6:.1f} MB), 2 workers, no ledger")
    started = perf_counter()
    stop = threading.Event()
    threading.Thread(target=watch_memory, args=(started, stop), daemon=True).start()
    try:
        result = run_batch(BatchOptions([str(dump)], str(folder / "stream"), workers=2, redo=True, progress=True),
                           sample_every=every)  # fmt: skip
    finally:
        stop.set()
    wall = perf_counter() - started
    print(f"{result.articles:,} articles, {result.claims:,} claims in {wall:.0f} s ({result.articles / wall:.1f} articles/s)")
    print("articles   seconds  driver MB  workers MB")
    for s in result.memory:
        workers = " ".join(f"{mb:.0f}" for _, mb in sorted(s.workers_mb.items()))
        print(f"{s.articles:8,}  {s.seconds:8.0f}  {s.driver_mb:9.0f}  {workers}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="generated reports for the speed runs")
    parser.add_argument("--stream", type=int, default=20000, help="short articles for the memory run (0: skip)")
    parser.add_argument("--every", type=int, default=1000, help="sample memory every N articles")
    parser.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph",
                        help="how long each streamed article is")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_speed:
            speed(args.n, Path(tmp))
        if args.stream:
            memory(args.stream, args.every, Path(tmp), args.unit)


if __name__ == "__main__":
    main()
