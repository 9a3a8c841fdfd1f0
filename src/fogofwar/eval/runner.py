"""``fogofwar eval``: run the extractor over the gold documents and score it.

Claims: the gold file names its documents (``seed:<file>``, ``re3d:<id>``); their texts are
found with ``load_texts`` (``--seed``/``--re3d`` override the folders beside the gold file),
run through the full pipeline with the gold's publication date, and scored with
``score_claims``. Entities: every document of a re3d folder through the same pipeline,
its mentions scored with ``score_entities``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fogofwar.errors import GoldError
from fogofwar.eval.claim_files import document_sources, load_gold, load_texts
from fogofwar.eval.claims import score_claims
from fogofwar.eval.entities import EntityReport, evaluate_re3d
from fogofwar.eval.report import ClaimReport
from fogofwar.models import Article


def predict_claims(gold: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """claims-jsonl records of the pipeline for every gold document whose text is known."""
    from fogofwar.pipeline import Pipeline

    articles = [
        Article(id=r["doc"], text=texts[r["doc"]],
                published=date.fromisoformat(r["published"]) if r.get("published") else None)
        for r in gold if r["doc"] in texts
    ]
    return [analyzed.to_claims_record() for analyzed in Pipeline().analyze_many(articles)]


def eval_claims_command(
    gold_path: str | Path,
    re3d_dir: str | Path | None = None,
    seed_dir: str | Path | None = None,
    sources: Sequence[str] = (),
) -> ClaimReport:
    """Score the pipeline on a gold file; ``sources`` keeps only the documents of those sources
    (re3d source folders, or "seed"/"challenge"), to develop on one half and check on the other."""
    gold = load_gold(gold_path)
    if sources:
        source_of = document_sources(gold_path, [r["doc"] for r in gold], re3d_dir=re3d_dir)
        unknown = set(sources) - set(source_of.values())
        if unknown:
            raise GoldError(
                f"no document of source {min(unknown)!r}; sources here: "
                + ", ".join(sorted(set(source_of.values()))), str(gold_path)
            )
        gold = [r for r in gold if source_of[r["doc"]] in sources]
    inline = {r["doc"]: r["text"] for r in gold if isinstance(r.get("text"), str)}
    texts = load_texts(gold_path, [r["doc"] for r in gold], re3d_dir=re3d_dir, seed_dir=seed_dir, inline=inline)
    missing = [r["doc"] for r in gold if r["doc"] not in texts]
    if missing:
        raise GoldError(
            f"text not found for {len(missing)} document(s), e.g. {missing[0]}; "
            "give --re3d DIR and/or --seed DIR", str(gold_path)
        )
    return score_claims(gold, predict_claims(gold, texts), texts)


def eval_entities_command(re3d_dir: str | Path) -> EntityReport:
    if not Path(re3d_dir).is_dir():
        raise GoldError("not a folder of re3d sources (each with documents.json, entities.json)", str(re3d_dir))
    return evaluate_re3d(re3d_dir)
