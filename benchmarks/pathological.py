"""Seconds per pathological article: inputs that once hung the pipeline or ran in super-linear time.

    python benchmarks/pathological.py               # every case, 60 s limit each
    python benchmarks/pathological.py --limit 20 giant_number repeats_800

The pipeline is loaded (and warmed up) once; each case then runs in a forked child so that a
case that hangs is stopped at ``--limit`` seconds and reported as such, without stalling the
cases after it. Figures are wall-clock seconds of ``Pipeline().analyze_many`` on one article,
as ``fogofwar extract`` runs it (start-up not included). Run on purpose; tests never time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import warnings
from collections.abc import Callable

from fogofwar.models import Article
from fogofwar.pipeline import Pipeline

CLAIM = "Russian forces killed at least 12 civilians in Kharkiv on Friday, the governor said."
PARAGRAPH = (
    "Ukrainian forces destroyed 14 Russian tanks near Bakhmut on Friday, the General Staff said. "
    "At least 40 soldiers were killed in the attack, according to the regional governor."
)
ODD_DATES = "on 31 February 2024, on 99/99/9999, last Blursday, "


def _repeats(n: int) -> str:
    return "\n\n".join([PARAGRAPH] * n)


def _comma_list(n: int) -> str:
    names = ", ".join(f"{w}{i}" for i, w in zip(range(n), ["Kupiansk", "Izium", "Lyman", "Siversk"] * n))
    return f"Strikes hit {names} on Friday, killing 3 people, officials said."


def _to_size(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


CASES: dict[str, Callable[[], str]] = {
    "giant_number": lambda: f"Officials said {'7' * 100_000} soldiers were killed in Kharkiv.",
    "nested_parens": lambda: "(" * 20_000 + CLAIM + ")" * 20_000,
    "repeats_100": lambda: _repeats(100),
    "repeats_200": lambda: _repeats(200),
    "repeats_400": lambda: _repeats(400),
    "repeats_800": lambda: _repeats(800),
    "repeats_3000": lambda: _repeats(3000),
    "odd_dates_100k": lambda: "Fighting continued " + _to_size(ODD_DATES, 100_000) + "officials said.",
    "nested_quotes_10k": lambda: "“‘\"" * 1700 + CLAIM + "\"’”" * 1700,
    "comma_list_5k": lambda: _comma_list(5_000),
    "comma_list_20k": lambda: _comma_list(20_000),
    "one_sentence_100k": lambda: "Russian forces shelled " + _to_size("the village and the town and ", 100_000)
    + "killed 12 people, officials said.",
    "no_spaces_100k": lambda: _to_size("killed12Kharkiv", 100_000),
    "digits_and_dots": lambda: _to_size("1.2.3,4,5-6 ", 100_000),
}


def _run_case(pipeline: Pipeline, text: str, out: multiprocessing.Queue) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        (doc,) = pipeline.analyze_many([Article(id="case", text=text)])
        out.put((time.perf_counter() - start, len(doc.claims), len(caught)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help=f"cases to run (default: all): {', '.join(CASES)}")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a case counts as hung")
    args = parser.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    pipeline = Pipeline()
    list(pipeline.analyze_many([Article(id="warm", text=PARAGRAPH)]))  # load the models once
    context = multiprocessing.get_context("fork")
    print(f"{'case':<20} {'KB':>7} {'seconds':>9} {'claims':>7} {'warnings':>9}")
    for name in args.cases or CASES:
        text = CASES[name]()
        queue = context.Queue()
        child = context.Process(target=_run_case, args=(pipeline, text, queue))
        child.start()
        child.join(args.limit)
        if child.is_alive():
            child.kill()
            child.join()
            print(f"{name:<20} {len(text) / 1000:>7.1f} {'>' + format(args.limit, '.0f'):>9} {'-':>7} {'-':>9}")
            continue
        if child.exitcode != 0:
            print(f"{name:<20} {len(text) / 1000:>7.1f} {'crashed':>9} (exit {child.exitcode})")
            continue
        seconds, claims, warned = queue.get()
        print(f"{name:<20} {len(text) / 1000:>7.1f} {seconds:>9.2f} {claims:>7} {warned:>9}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
