"""Ledger commands of the ``fogofwar`` CLI: propositions, disputes, export and serve.

Registered by ``interfaces.cli._extend``; each command is a thin layer over
``fogofwar.ledger`` (propositions), ``fogofwar.export.writers`` (export) and
``fogofwar.interfaces.api`` (serve).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from fogofwar.export.table import figure
from fogofwar.interfaces.output import output as _output

TOKEN_ENV = "FOGOFWAR_TOKEN"
EXPORT_PAGE = 5000


def register(
    sub: argparse._SubParsersAction,
    add_db: Callable[[argparse.ArgumentParser], None],
    add_filters: Callable[[argparse.ArgumentParser], None],
    filters: Callable[[argparse.Namespace], Any],
) -> None:
    """Add the ledger commands to the ``fogofwar`` parser."""
    for name, only_disputed, help_text in (
        ("propositions", None, "claims from several documents grouped by what they state"),
        ("disputes", True, "propositions whose figures disagree between claimants"),
    ):
        p = sub.add_parser(name, help=help_text)
        add_db(p)
        add_filters(p)
        p.add_argument("--format", choices=("table", "json"), default="table")
        p.set_defaults(func=lambda args, d=only_disputed: cmd_propositions(args, filters, d))

    p = sub.add_parser("export", help="write the ledger's claims as jsonl, csv (ACLED-like) or geojson")
    add_db(p)
    add_filters(p)
    p.set_defaults(limit=-1)
    p.add_argument("--format", choices=("jsonl", "csv", "geojson"), required=True)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=lambda args: cmd_export(args, filters))

    p = sub.add_parser("serve", help="serve the HTTP API and the web page over the ledger")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", default=os.environ.get(TOKEN_ENV) or None,
                   help=f"bearer token that allows POST /documents (default: ${TOKEN_ENV}; none: read-only)")
    p.set_defaults(func=cmd_serve)


def _store(args: argparse.Namespace):
    from fogofwar.store import open_store

    return open_store(args.db)


def cmd_propositions(args: argparse.Namespace, filters: Callable, disputed: bool | None) -> int:
    from fogofwar.ledger import PropositionIndex

    store = _store(args)
    try:
        total, page = PropositionIndex(store).page(filters(args), disputed, args.limit, args.offset)
    finally:
        store.close()
    if args.format == "json":
        for p in page:
            print(json.dumps(proposition_dict(p), ensure_ascii=False))
        return 0
    for p in page:
        print(proposition_text(p))
    print(f"-- {len(page)} of {total} proposition(s)")
    return 0


def proposition_dict(p) -> dict[str, Any]:
    out = asdict(p)
    out.update(disputed=p.disputed, agree=p.agree)
    return out


def proposition_text(p) -> str:
    """A proposition as lines: its title, what it is, the estimate, each figure, each dispute."""
    outcome = "/".join(p.outcomes)
    where = p.place or p.admin1 or "?"
    if p.admin1 and p.place and p.admin1 != p.place:
        where = f"{p.place} ({p.admin1})"
    flag = "DISPUTED" if p.disputed else ("agreed" if p.agree else "single claimant")
    shape = {"running_total": "running total", "period": "period toll"}.get(p.time_shape, "event")
    lines = [
        p.title,
        f"  {p.id}  {p.kind}{'/' + outcome if outcome else ''}  side={p.side or '?'}  {where}  {shape}"
        f"  {p.independent_claimants} claimant(s), {p.sources} independent source(s)"
        f"{f', {p.publications} publication(s)' if p.publications > p.sources else ''}  {flag}",
    ]
    for e in p.estimates:
        high = "∞" if e.high is None else f"{e.high:,g}"
        lines.append(f"    estimate {e.outcome or ''}: low {e.low:,g} / best {e.best:,g} / high {high};"
                     f" most conservative {e.conservative:,g} ({e.claimants} claimant(s))")
    for f in p.figures:
        q = {"value": f.value, "high": f.high, "hedge": f.hedge, "vague": f.vague}
        lines.append(f"    {_span(f):23}  {figure(q) or '-':>14}  {f.outcome or '':18} {f.voice}  [{f.doc}]")
    for d in p.disagreements:
        lines.append(f"    ! {d.period} {d.outcome}: " + ", ".join(
            f"{c} says {lo:,g}–{'∞' if hi is None else f'{hi:,g}'}" for c, lo, hi in d.intervals))
    return "\n".join(lines)


def _span(f) -> str:
    """A figure's dates as a span: "2024-12-09..2024-12-15", "..2024-12-18" (an open start)."""
    if f.date_basis == "publication" and f.time_shape != "running_total":
        return f"(published {f.published or '?'})"
    if f.date_first == f.date_last:
        return f.date_first or ""
    return f"{f.date_first or ''}..{f.date_last or ''}"


def cmd_export(args: argparse.Namespace, filters: Callable) -> int:
    from fogofwar.export.writers import WRITERS, ClaimRecord

    store = _store(args)
    try:
        flt = filters(args)

        def records() -> Iterator[ClaimRecord]:
            offset, left = args.offset, args.limit if args.limit is not None and args.limit >= 0 else None
            while left is None or left > 0:
                size = EXPORT_PAGE if left is None else min(EXPORT_PAGE, left)
                rows = store.claims(flt, limit=size, offset=offset)
                for r in rows:
                    yield ClaimRecord(r.doc, r.published.isoformat() if r.published else None, r.publisher, r.claim)
                if len(rows) < size:
                    return
                offset += size
                if left is not None:
                    left -= size

        with _output(args.output) as out:
            n = WRITERS[args.format](records(), out)
    finally:
        store.close()
    if args.output and args.output != "-":
        print(f"wrote {n} {'feature' if args.format == 'geojson' else 'claim'}(s) to {args.output}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from fogofwar.interfaces.api import create_app
    from fogofwar.store import redact

    app = create_app(args.db, args.token)
    writes = "POST /documents needs the bearer token" if args.token else "read-only (no token)"
    print(f"fogofwar: serving {redact(args.db)} on http://{args.host}:{args.port}/ ({writes})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
