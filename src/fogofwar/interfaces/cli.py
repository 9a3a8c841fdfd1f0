"""The ``fogofwar`` command: a thin layer over the Python API.

Each sub-command parses its options, calls library functions and prints. Errors a user can
cause are printed as one line on standard error (``fogofwar: [F100] path: what went wrong``);
a command exits 1 when nothing it was asked to read could be read, and 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TextIO

from fogofwar._version import __version__
from fogofwar.errors import FogError, InputError
from fogofwar.interfaces.output import output as _output
from fogofwar.models import AnalyzedArticle, Article

OUTPUT_FORMATS = ("table", "json", "claims-jsonl", "csv")


# --- helpers ---------------------------------------------------------------------------------

def _err(message: str) -> None:
    print(f"fogofwar: {message}", file=sys.stderr)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _articles(paths: list[str], jsonl: list[str], published: date | None, counts: dict[str, int]) -> Iterator[Article]:
    """Articles from paths and dumps; each unreadable input is reported and skipped."""
    from fogofwar.ingest.jsonl import read_jsonl
    from fogofwar.ingest.sources import read_inputs

    streams: list[Iterable[Article | InputError]] = []
    if paths:
        streams.append(read_inputs(paths, published=published))
    for dump in jsonl:
        streams.append(read_jsonl(dump, published=published))
    for stream in streams:
        for item in stream:
            if isinstance(item, InputError):
                counts["errors"] += 1
                _err(str(item))
                continue
            counts["read"] += 1
            yield item


def _analyzed(args: argparse.Namespace, counts: dict[str, int]) -> Iterator[AnalyzedArticle]:
    from fogofwar.pipeline import Pipeline

    # batched like the benchmark: candidate sentences of several articles parsed in one stream
    yield from Pipeline().analyze_many(_articles(args.paths, args.jsonl or [], args.published, counts))


def _finish(counts: dict[str, int]) -> int:
    if counts["read"] == 0:
        _err("nothing could be read" + (f" ({counts['errors']} input(s) failed)" if counts["errors"] else ""))
        return 1
    return 0


# --- extract -----------------------------------------------------------------------------------

def cmd_extract(args: argparse.Namespace) -> int:
    counts = {"read": 0, "errors": 0}
    if not args.paths and not args.jsonl:
        _err("give one or more PATHs (files, folders, - for standard input) or --jsonl DUMP")
        return 2
    try:
        with _output(args.output) as out:
            _write_extracted(args, counts, out)
            if counts["read"] == 0:
                raise _NothingRead  # leaves no output file behind
    except _NothingRead:
        pass
    return _finish(counts)


class _NothingRead(Exception):
    """Raised inside an output file's context to discard it: no input could be read."""


def _write_extracted(args: argparse.Namespace, counts: dict[str, int], out: TextIO) -> None:
    from fogofwar.export.table import format_text
    from fogofwar.export.writers import ClaimRecord, write_csv

    if args.format == "csv":
        write_csv(
            (ClaimRecord(d.article.id, _iso(d.article.published), d.article.source, c.to_dict())
             for d in _analyzed(args, counts) for c in d.claims),
            out,
        )
    elif args.format == "json":
        records = [d.to_claims_record() for d in _analyzed(args, counts)]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for d in _analyzed(args, counts):
            if args.format == "claims-jsonl":
                out.write(json.dumps(d.to_claims_record(), ensure_ascii=False) + "\n")
            else:
                out.write(format_text(d.article.id, [c.to_dict() for c in d.claims], args.wide) + "\n\n")
            out.flush()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- ledger commands ------------------------------------------------------------------------------

def _store(args: argparse.Namespace):
    from fogofwar.store import open_store

    return open_store(args.db)


def ingest_articles(store, analyzed: Iterable[AnalyzedArticle], batch_size: int, progress: bool) -> tuple[int, int]:
    """Store analysed articles batch by batch (each batch all or nothing), then group their
    propositions once (a run stopped before that leaves them to the next read); (new, seen)."""
    from tqdm import tqdm

    new = seen = 0
    batch: list[AnalyzedArticle] = []
    bar = tqdm(unit="doc", disable=not progress, file=sys.stderr, desc="ingest")
    for doc in analyzed:
        batch.append(doc)
        bar.update(1)
        if len(batch) >= batch_size:
            added = store.add_many(batch, settle=False)
            new, seen = new + added, seen + len(batch)
            batch = []
    if batch:
        added = store.add_many(batch, settle=False)
        new, seen = new + added, seen + len(batch)
    bar.close()
    store.settle_propositions()
    return new, seen


def cmd_ingest(args: argparse.Namespace) -> int:
    from fogofwar.store import new_ledger_file, redact

    if not args.paths and not args.jsonl:
        _err("give one or more PATHs (files, folders, - for standard input) or --jsonl DUMP")
        return 2
    counts = {"read": 0, "errors": 0}
    created = new_ledger_file(args.db)
    store = _store(args)
    try:
        if hasattr(store, "check_writable"):
            store.check_writable()  # a read-only ledger is refused before any article is analysed
        progress = not args.quiet and sys.stderr.isatty()
        new, seen = ingest_articles(store, _analyzed(args, counts), args.batch_size, progress)
    except KeyboardInterrupt:
        _err("interrupted: the batch in progress was rolled back; earlier batches are stored")
        return 130
    finally:
        store.close()
    where = f"into {redact(args.db)}"
    if created and counts["read"] == 0:  # nothing could be read: no empty ledger left behind
        for leftover in (created, *(created.with_name(created.name + end) for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        where = f"(no ledger created at {redact(args.db)})"
    print(f"ingested {new} new article(s) of {seen} read {where}"
          + (f"; {counts['errors']} input(s) failed" if counts["errors"] else ""))
    return _finish(counts)


def _filters(args: argparse.Namespace):
    from fogofwar.store import ClaimFilter

    return ClaimFilter(
        kind=args.kind, outcome=args.outcome, country=args.country, side=args.side,
        claimant=args.claimant, place=args.place, date_from=args.date_from, date_to=args.date_to,
        text=args.text, doc=getattr(args, "doc", None),
    )


def cmd_claims(args: argparse.Namespace) -> int:
    from fogofwar.export.table import claim_line, header
    from fogofwar.export.writers import WRITERS, ClaimRecord

    store = _store(args)
    try:
        rows = store.claims(_filters(args), limit=args.limit, offset=args.offset)
        total = store.count_claims(_filters(args))
    finally:
        store.close()
    if args.format == "table":
        print(header(args.wide))
        for r in rows:
            print(claim_line(r.claim, args.wide) + f"  [{r.doc}]")
        print(f"-- {len(rows)} of {total} claim(s)")
    else:
        records = [ClaimRecord(r.doc, _iso(r.published), r.publisher, r.claim) for r in rows]
        WRITERS[args.format](records, sys.stdout)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from fogofwar.interfaces.highlight import highlight_document
    from fogofwar.store import redact

    store = _store(args)
    try:
        doc = store.document(args.doc)
    finally:
        store.close()
    if doc is None:
        _err(f"no document {args.doc!r} in {redact(args.db)}; list them with `fogofwar claims`")
        return 1
    print(highlight_document(doc, color=sys.stdout.isatty() and not args.no_color))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled sample reports (with their publishers and dates) and print the ledger."""
    from fogofwar.export.table import claim_line, header
    from fogofwar.pipeline import Pipeline
    from fogofwar.samples import sample_articles
    from fogofwar.store import ClaimFilter

    if args.fresh and os.path.exists(args.db):
        os.remove(args.db)
    store = _store(args)
    try:
        articles = sample_articles()
        new, seen = ingest_articles(store, Pipeline().analyze_many(articles), 50, progress=False)
        rows = store.claims(ClaimFilter(), limit=1000)
    finally:
        store.close()
    print(f"ingested {new} new sample report(s) of {seen} into {args.db}\n")
    print(header(args.wide))
    for r in rows:
        print(claim_line(r.claim, args.wide) + f"  [{r.doc}]")
    print(f"\n{len(rows)} claim(s) in {args.db}. Next: `fogofwar claims --db {args.db} --kind casualties`,"
          f" `fogofwar show --db {args.db} DOC`.")
    return 0


# --- bench and eval ------------------------------------------------------------------------------

def cmd_bench(args: argparse.Namespace) -> int:
    from fogofwar.bench import run_bench

    articles = None
    if args.jsonl:
        from fogofwar.ingest.jsonl import read_jsonl

        articles = [a for a in read_jsonl(args.jsonl) if not isinstance(a, FogError)]
        if not articles:
            _err(f"no article could be read from {args.jsonl}")
            return 1
    result = run_bench(n=args.n, articles=articles)
    print(result.format_text())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from fogofwar.eval.runner import eval_claims_command, eval_entities_command

    if args.what == "claims":
        report = eval_claims_command(args.gold, re3d_dir=args.re3d, seed_dir=args.seed, sources=args.source or ())
    else:
        report = eval_entities_command(args.gold)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.format_text())
    return 0


# --- parser -----------------------------------------------------------------------------------

def _add_filters(p: argparse.ArgumentParser) -> None:
    from fogofwar.models import ClaimKind

    p.add_argument("--kind", choices=[k.value for k in ClaimKind])
    p.add_argument("--outcome", help="killed, wounded, killed_or_wounded, captured, missing, destroyed, ...")
    p.add_argument("--country", help="ISO alpha-3 of the affected or the agent side (e.g. RUS)")
    p.add_argument("--side", help="ISO alpha-3 of the affected side only")
    p.add_argument("--claimant", help="substring of the claimant, case-insensitive")
    p.add_argument("--place", help="substring of the place name or region")
    p.add_argument("--from", dest="date_from", type=_date, help="first date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_date, help="last date (YYYY-MM-DD)")
    p.add_argument("--text", help="full-text search of the evidence")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)


def _add_db(p: argparse.ArgumentParser) -> None:
    from fogofwar.store import default_db_path

    p.add_argument("--db", default=default_db_path(),
                   help="the ledger: an SQLite file or a postgresql:// URL"
                        " (default: $FOGOFWAR_DB or ./fogofwar.sqlite: %(default)s)")


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help=".txt/.html files, folders, or - for standard input")
    p.add_argument("--jsonl", action="append", metavar="DUMP",
                   help='a JSON Lines dump, one article per line {"id","text"|"html","published","url","title","source"}')
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that carry none (without one, years are not guessed)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fogofwar",
        description="Turn conflict reporting into a ledger of attributed, checkable claims (offline).",
    )
    parser.add_argument("--version", action="version", version=f"fogofwar {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print the claims of articles")
    _add_inputs(p)
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="table")
    p.add_argument("--wide", action="store_true", help="print every field of the table whole")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="add articles to the ledger")
    _add_inputs(p)
    _add_db(p)
    p.add_argument("--batch-size", type=int, default=50, help="articles stored per transaction")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("claims", help="query the claims of the ledger")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--doc", help="only the claims of this document")
    p.add_argument("--format", choices=("table", "jsonl", "csv", "geojson"), default="table")
    p.add_argument("--wide", action="store_true", help="print every field of the table whole")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("show", help="print an article with its claims and highlighted evidence")
    _add_db(p)
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--no-color", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("demo", help="ingest the bundled sample reports and print the ledger")
    p.add_argument("--db", default="fogofwar-demo.sqlite", help="ledger file (default: %(default)s)")
    p.add_argument("--keep", dest="fresh", action="store_false", help="keep an existing demo ledger")
    p.add_argument("--wide", action="store_true", help="print every field of the table whole")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("bench", help="measure extraction speed against plain spaCy")
    p.add_argument("-n", type=int, default=500, help="articles in the generated corpus")
    p.add_argument("--jsonl", metavar="DUMP", help="time these articles (a JSON Lines dump) instead of the generated corpus")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("eval", help="score the extractor against gold data")
    p.add_argument("what", choices=("claims", "entities"))
    p.add_argument("gold", metavar="GOLD", help="claims: a gold .jsonl file; entities: a re3d folder")
    p.add_argument("--re3d", metavar="DIR", help="re3d folder for documents named re3d:<id>")
    p.add_argument("--seed", metavar="DIR", help="folder for documents named seed:<file>")
    p.add_argument("--source", action="append", metavar="NAME",
                   help="claims: only documents of this source (a re3d source folder, 'seed' or "
                        "'challenge'); repeat for several")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(func=cmd_eval)

    _extend(sub)
    return parser


def _extend(sub: argparse._SubParsersAction) -> None:
    """Commands of the ledger interfaces (propositions, export, serve) register here."""
    try:
        from fogofwar.interfaces import ledger_cli
    except ImportError:
        return
    ledger_cli.register(sub, add_db=_add_db, add_filters=_add_filters, filters=_filters)
    from fogofwar.interfaces import batch_cli

    batch_cli.register(sub, parse_date=_date)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except FogError as exc:
        _err(str(exc))
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
