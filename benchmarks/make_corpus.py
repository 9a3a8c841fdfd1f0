"""Write the benchmark corpus as JSON Lines, to feed any fogofwar command that reads inputs.

python benchmarks/make_corpus.py corpus.jsonl --n 500 --seed 0
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fogofwar.bench import corpus_records, make_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the .jsonl file to write")
    parser.add_argument("--n", type=int, default=500, help="generated articles (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-samples", action="store_true", help="leave the bundled samples out")
    args = parser.parse_args()
    articles = make_corpus(args.n, seed=args.seed, include_samples=not args.no_samples)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in corpus_records(articles):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(articles)} articles to {args.out}")


if __name__ == "__main__":
    main()
