"""``fogofwar batch``: a thin layer over ``fogofwar.batch.run_batch`` (Ray Data).

Registered by ``interfaces.cli._extend``. Prints each bad article's one-line error as
``extract`` does, a progress bar on a terminal, and one summary line; exits 1 when nothing
could be read, 130 when interrupted (finished inputs stay recorded; a re-run does the rest).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date


def register(sub: argparse._SubParsersAction, parse_date: Callable[[str], date]) -> None:
    p = sub.add_parser("batch", help="extract claims of JSON Lines or Parquet dumps on Ray into a Parquet dataset")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSON Lines dumps (as extract --jsonl reads) or .parquet files with the same "
                        "columns; local paths or URLs pyarrow opens (s3://, gs://, hdfs://)")
    p.add_argument("--output", "-o", required=True, metavar="DIR",
                   help="folder for the claims (DIR/claims/*.parquet) and DIR/manifest.json")
    p.add_argument("--db", metavar="FILE|URL", help="also store the articles and claims in this ledger")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="pipelines at once (actors; default 1)")
    p.add_argument("--address", metavar="ADDR",
                   help="join this Ray cluster (e.g. ray://head:10001 or auto) instead of starting a local Ray")
    p.add_argument("--published", type=parse_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that carry none")
    p.add_argument("--chunk-lines", type=int, default=200, metavar="N",
                   help="lines of a dump per unit of work (Parquet: one row group)")
    p.add_argument("--redo", action="store_true", help="run every input again, even those the manifest lists as done")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    from fogofwar.batch import BatchOptions, run_batch

    if args.workers < 1 or args.chunk_lines < 1:
        _err("--workers and --chunk-lines must be at least 1")
        return 2
    options = BatchOptions(
        inputs=args.inputs, output=args.output, db=args.db, workers=args.workers,
        address=args.address, published=args.published, chunk_lines=args.chunk_lines,
        progress=not args.quiet and sys.stderr.isatty(), redo=args.redo,
    )  # fmt: skip
    try:
        result = run_batch(options, report_error=_err)
    except KeyboardInterrupt:
        _err("interrupted: finished inputs are recorded in the manifest; run again to do the rest")
        return 130
    rate = result.articles / result.seconds if result.seconds else 0.0
    load = f", model load {max(result.load_s):.1f} s per worker" if result.load_s else ""
    stored = f"; {result.stored} new article(s) in {_redact(args.db)}" if args.db else ""
    skipped = f"; {len(result.skipped)} input(s) already done, skipped" if result.skipped else ""
    errors = f"; {result.errors} error(s)" if result.errors else ""
    print(f"batch: {result.articles} article(s), {result.claims} claim(s) from {len(result.finished)} input(s)"
          f" into {args.output}{stored}{skipped}{errors}; {result.seconds:.1f} s, {rate:.1f} articles/s{load}")
    if result.articles == 0 and not result.skipped and result.unreadable + result.errors > 0:
        _err("nothing could be read")
        return 1
    return 0


def _err(message: str) -> None:
    print(f"fogofwar: {message}", file=sys.stderr)


def _redact(db: str) -> str:
    from fogofwar.store import redact

    return redact(db)
