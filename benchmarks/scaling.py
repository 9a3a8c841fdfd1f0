"""Seconds per 100 KB of one article as it grows: the figure stays flat when every stage is linear.

    python benchmarks/scaling.py                     # 10 KB, 100 KB, 1 MB, 5 MB
    python benchmarks/scaling.py --sizes 10000 100000

Each article is real-looking text: the generated reports of ``fogofwar.bench.make_corpus``
joined one after another (paragraphs kept) until the size is reached, read as ONE article,
through ``Pipeline().analyze_many`` as ``fogofwar extract`` runs it. Models are loaded and warmed
before timing. Also printed: claims found and the peak resident memory so far (MB). Run on
purpose; tests never time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from fogofwar.bench import make_corpus
from fogofwar.models import Article
from fogofwar.pipeline import Pipeline

SIZES = (10_000, 100_000, 1_000_000, 5_000_000)


def article_of_size(size: int, seed: int = 0) -> Article:
    """One article of about ``size`` characters made of generated reports, cut at a paragraph."""
    parts: list[str] = []
    total = 0
    n = max(4, size // 1500)
    while total < size:
        for report in make_corpus(n, seed=seed, include_samples=False):
            parts.append(report.text)
            total += len(report.text) + 2
            if total >= size:
                break
        seed += 1
    return Article(id=f"scaling-{size}", text="\n\n".join(parts)[:size].rsplit("\n", 1)[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="article sizes in characters")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    list(pipeline.analyze_many([article_of_size(3_000, seed=99)]))  # load and warm the models
    print(f"{'size':>10} {'seconds':>9} {'s per 100 KB':>13} {'claims':>7} {'peak RSS MB':>12}")
    for size in args.sizes:
        article = article_of_size(size)
        start = time.perf_counter()
        (doc,) = pipeline.analyze_many([article])
        seconds = time.perf_counter() - start
        per = seconds / (len(article.text) / 100_000)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{len(article.text):>10} {seconds:>9.2f} {per:>13.2f} {len(doc.claims):>7} {rss:>12.0f}")
        sys.stdout.flush()
        del doc
    return 0


if __name__ == "__main__":
    sys.exit(main())
