"""Scoring typed entity spans against gold: precision, recall and F1 per type, exact and overlap.

Counting rule (re3d has gold spans annotated with several types, "Syria" as Location *and*
Organisation): gold entities on the same span are one *gold item* carrying all their types.
A prediction matches a gold item of its own type:

- exact: same document, same ``start`` and ``end``, and the item has the predicted type;
- overlap: the spans share at least one character and the item has the predicted type; among
  several candidates the one sharing the most characters is taken.

Matching is one to one (a gold item is matched at most once). A matched prediction is a true
positive of its type; an unmatched prediction a false positive of its type; an unmatched gold
item one false negative, charged to its first type in gold order. So a system that calls
"Syria" a Location where gold says Location and Organisation loses nothing, and one that
misses it loses one entity, not two. Types outside ``types`` are ignored on both sides.
Micro averages sum the counts of every scored type.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fogofwar.eval.counts import Counts
from fogofwar.models import EntityType

SCORED_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)
MICRO = "micro"


@dataclass(frozen=True)
class EntitySpan:
    """One typed span of one document (gold or predicted); offsets into the document text."""

    doc_id: str
    start: int
    end: int
    type: str
    text: str = ""


@dataclass
class EntityReport:
    """Counts per type (and ``"micro"``) for exact-span and overlapping-span matching."""

    types: tuple[str, ...]
    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0

    @property
    def micro_exact(self) -> Counts:
        return self.exact[MICRO]

    @property
    def micro_overlap(self) -> Counts:
        return self.overlap[MICRO]

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "types": list(self.types),
            "exact": {k: v.to_json() for k, v in self.exact.items()},
            "overlap": {k: v.to_json() for k, v in self.overlap.items()},
        }

    def format_text(self) -> str:
        """A plain-text table: one row per type, then the micro average."""
        head = f"{'type':<17} {'gold':>5} {'pred':>5}  {'P':>5} {'R':>5} {'F1':>5}  | overlap {'P':>5} {'R':>5} {'F1':>5}"
        lines = [head, "-" * len(head)]
        for name in (*self.types, MICRO):
            e, o = self.exact[name], self.overlap[name]
            lines.append(
                f"{name:<17} {e.tp + e.fn:>5} {e.tp + e.fp:>5}  "
                f"{e.precision:>5.3f} {e.recall:>5.3f} {e.f1:>5.3f}  |         "
                f"{o.precision:>5.3f} {o.recall:>5.3f} {o.f1:>5.3f}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format_text()


@dataclass
class _GoldItem:
    start: int
    end: int
    types: list[str]
    matched: bool = False


def _gold_items(gold: Iterable[EntitySpan], types: Sequence[str]) -> dict[str, list[_GoldItem]]:
    by_span: dict[tuple[str, int, int], _GoldItem] = {}
    for g in gold:
        if g.type not in types:
            continue
        item = by_span.setdefault((g.doc_id, g.start, g.end), _GoldItem(g.start, g.end, []))
        if g.type not in item.types:
            item.types.append(g.type)
    out: dict[str, list[_GoldItem]] = defaultdict(list)
    for (doc_id, _, _), item in by_span.items():
        out[doc_id].append(item)
    return out


def _count(
    gold: dict[str, list[_GoldItem]], predicted: list[EntitySpan], types: Sequence[str], exact: bool
) -> dict[str, Counts]:
    counts = {t: Counts() for t in types}
    for items in gold.values():
        for item in items:
            item.matched = False
    for p in sorted(predicted, key=lambda s: (s.doc_id, s.start, s.end)):
        best: _GoldItem | None = None
        best_shared = 0
        for item in gold.get(p.doc_id, ()):
            if item.matched or p.type not in item.types:
                continue
            if exact:
                if item.start == p.start and item.end == p.end:
                    best = item
                    break
                continue
            shared = min(item.end, p.end) - max(item.start, p.start)
            if shared > best_shared:
                best, best_shared = item, shared
        if best is None:
            counts[p.type].fp += 1
        else:
            best.matched = True
            counts[p.type].tp += 1
    for items in gold.values():
        for item in items:
            if not item.matched:
                counts[item.types[0]].fn += 1
    counts[MICRO] = Counts(
        tp=sum(c.tp for c in counts.values()),
        fp=sum(c.fp for c in counts.values()),
        fn=sum(c.fn for c in counts.values()),
    )
    return counts


def score_entities(
    gold: Iterable[EntitySpan],
    predicted: Iterable[EntitySpan],
    types: Sequence[str] = SCORED_TYPES,
) -> EntityReport:
    """Score ``predicted`` spans against ``gold`` (rule in the module docstring)."""
    types = tuple(types)
    gold = list(gold)
    items = _gold_items(gold, types)
    preds = [p for p in predicted if p.type in types]
    return EntityReport(
        types=types,
        exact=_count(items, preds, types, exact=True),
        overlap=_count(items, preds, types, exact=False),
        documents=len({g.doc_id for g in gold} | {p.doc_id for p in preds}),
    )


def predict_entities(documents: Iterable[tuple[str, str]], pipeline: Any = None) -> list[EntitySpan]:
    """The entities of ``(doc_id, text)`` pairs as spans, from the whole extraction pipeline.

    The very ``Pipeline`` that ``fogofwar extract`` and ``ingest`` run (default stages), and
    the same ``AnalyzedArticle.entities()`` that ``extract --format claims-jsonl`` prints and
    ``ingest`` stores, so what is scored here is what users get.
    """
    from fogofwar.models import Article
    from fogofwar.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    articles = (Article(id=doc_id, text=text) for doc_id, text in documents)
    return [
        EntitySpan(doc.article.id, m.start, m.end, m.type.value, m.text)
        for doc in pipeline.analyze_many(articles)
        for m in doc.entities()
    ]


def evaluate_re3d(folder: Any, pipeline: Any = None) -> EntityReport:
    """Read a re3d folder, run the pipeline over its documents and score their mentions
    (``fogofwar eval entities``)."""
    from fogofwar.eval.re3d import read_re3d

    docs = read_re3d(folder)
    predicted = predict_entities(((d.id, d.text) for d in docs), pipeline)
    report = score_entities((e for d in docs for e in d.entities), predicted)
    report.documents = len(docs)
    return report


def report_json(report: EntityReport) -> str:
    return json.dumps(report.to_json(), indent=2)
