"""Claim scoring behind ``fogofwar eval claims``: predicted claims against the gold claims.

The rule is FORMAT.md section 2. A predicted claim matches a gold claim of the same document
when ``kind`` and ``outcome`` agree (absent is null) and either

* both quantities agree: equal ``value``, or both vague with the same ``vague`` words; or
* the gold claim has no quantity and the predicted evidence overlaps the gold evidence.

Each gold claim matches at most one prediction and each prediction at most one gold claim.
Within a document the assignment is a maximum matching chosen deterministically: as many pairs
as possible, then the greatest total evidence overlap, then pairs closest in order. Evidence
is located in the document text when ``texts`` has it, else compared as strings, so the
scorer works with or without the documents. Over matched pairs the report gives how often
each field agrees (``fogofwar.eval.report.FIELDS``), then the misses, the false alarms and the
field disagreements, each with the sentence behind it.

The files are read in ``fogofwar.eval.claim_files``; claims are located and paired in
``fogofwar.eval.claim_matching``; this module scores the pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fogofwar.eval.claim_matching import (
    Located,
    as_number,
    assign_required_first,
    is_optional,
    locate_gold,
    locate_predicted,
    quantity,
)
from fogofwar.eval.normalise import (
    is_country_name,
    norm_code,
    norm_label,
    norm_name,
    same_name,
    sentence_around,
    texts_agree,
)
from fogofwar.eval.report import (
    FIELDS,
    ClaimRef,
    ClaimReport,
    Counts,
    FieldDiff,
    FieldRate,
    MatchedPair,
)

# --- fields -----------------------------------------------------------------------------------


def _sub(claim: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    value = claim.get(key)
    return value if isinstance(value, dict) else None


def _claimant_text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, str) and norm_name(value):
        return value
    return None


def claimant_agrees(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Same party by name or alias; gold ``claimant.also`` lists other answers (null: own voice)."""
    g = gold.get("claimant")
    accepted: list[str | None] = [_claimant_text(g)]
    if isinstance(g, dict) and isinstance(g.get("also"), list):
        accepted.extend(_claimant_text(a) for a in g["also"])
    said = _claimant_text(predicted.get("claimant"))
    if said is None:
        return None in accepted
    return any(same_name(said, a) for a in accepted if a is not None)


def _country_of(claim: Mapping[str, Any], key: str) -> str | None:
    party = _sub(claim, key)
    return norm_code(party.get("country")) if party else None


def _place(claim: Mapping[str, Any]) -> dict[str, Any] | None:
    place = _sub(claim, "location")
    if place is None:
        return None
    if not any(norm_name(place.get(k)) for k in ("text", "name")) and not place.get("country"):
        return None
    return place


def location_agrees(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Same country, and the same place by text (one holds the other) or one names the country."""
    g, p = _place(gold), _place(predicted)
    if g is None or p is None:
        return g is None and p is None
    gc, pc = norm_code(g.get("country")), norm_code(p.get("country"))
    if gc != pc:
        return False
    gold_text = g.get("text") or g.get("name")
    pred_texts = [t for t in (p.get("text"), p.get("name")) if isinstance(t, str) and t.strip()]
    if any(texts_agree(gold_text, t) for t in pred_texts):
        return True
    if gc is None:
        return False
    gold_country_only = not norm_name(gold_text) or is_country_name(gold_text, gc)
    pred_country_only = (
        norm_label(p.get("precision")) == "country"
        or not pred_texts
        or any(is_country_name(t, pc) for t in pred_texts)
    )
    return gold_country_only or pred_country_only


def _time_date(claim: Mapping[str, Any]) -> str | None:
    time = _sub(claim, "time")
    date = time.get("date") if time else None
    return (str(date).strip() or None) if date is not None else None


def _hedge(claim: Mapping[str, Any]) -> str | None:
    q = quantity(claim)
    return norm_label(q.get("hedge")) if q else None


def _field_values(name: str, claim: Mapping[str, Any], gold: bool) -> Any:
    """What to show for a field in a disagreement."""
    if name == "claimant":
        value = claim.get("claimant")
        if not isinstance(value, dict):
            return value
        keys = ("text", "also") if gold else ("text",)
        return {k: value[k] for k in keys if k in value}
    if name == "affected.country":
        return _country_of(claim, "affected")
    if name == "agent.country":
        return _country_of(claim, "agent")
    if name == "location":
        place = _place(claim)
        if place is None:
            return None
        return {k: place.get(k) for k in ("text", "name", "country") if place.get(k) is not None}
    if name == "location.country":  # the "place country agreement"
        place = _place(claim)
        return place.get("country") if place else None
    if name == "time.date":
        return _time_date(claim)
    if name == "quantity.hedge":
        return _hedge(claim)
    raise KeyError(name)


def field_agrees(name: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Whether a matched pair agrees on one of ``FIELDS`` (both null counts as agreement)."""
    if name == "claimant":
        return claimant_agrees(gold, predicted)
    if name == "location":
        return location_agrees(gold, predicted)
    if name in ("affected.country", "agent.country", "location.country", "time.date", "quantity.hedge"):
        return _field_values(name, gold, True) == _field_values(name, predicted, False)
    raise KeyError(name)


# --- scoring ----------------------------------------------------------------------------------


def _claims_of(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    claims = record.get("claims")
    if not isinstance(claims, list):
        return []
    return [c for c in claims if isinstance(c, dict)]


def _by_doc(records: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        doc = record.get("doc")
        if isinstance(doc, str):
            out.setdefault(doc, []).extend(_claims_of(record))
    return out


def _quantity_label(claim: Mapping[str, Any]) -> str | None:
    q = quantity(claim)
    if q is None:
        return None
    value = as_number(q.get("value"))
    if value is not None:
        return str(int(value)) if value.is_integer() else str(value)
    return norm_label(q.get("vague"))


def _ref(located: Located, text: str | None) -> ClaimRef:
    evidence = located.evidence
    sentence = evidence
    if text is not None and located.spans:
        start = min(s for s, _ in located.spans)
        end = max(e for _, e in located.spans)
        sentence = sentence_around(text, start, end)
    return ClaimRef(
        doc=located.doc,
        index=located.index,
        kind=str(located.claim.get("kind")),
        outcome=located.outcome,
        quantity=_quantity_label(located.claim),
        evidence=evidence,
        sentence=sentence,
    )


def score_claims(
    gold: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    texts: dict[str, str] | None = None,
) -> ClaimReport:
    """Score predicted claim records against gold records (FORMAT.md section 2).

    ``texts`` maps a ``doc`` to its text; with it evidence is compared as spans of the document
    and misses are shown with their sentence, without it evidence is compared as strings.
    A gold document with no predicted record counts all its claims as misses; predicted
    documents absent from the gold are listed in ``unscored_documents`` and not counted.
    """
    texts = texts or {}
    gold_docs = _by_doc(gold)
    pred_docs = _by_doc(predicted)
    by_kind: dict[str, Counts] = {}
    agree = {name: 0 for name in FIELDS}
    matches: list[MatchedPair] = []
    misses: list[ClaimRef] = []
    false_alarms: list[ClaimRef] = []

    def count(kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        by_kind[kind] = by_kind.get(kind, Counts()) + Counts(tp, fp, fn)

    for doc, gold_claims in gold_docs.items():
        text = texts.get(doc)
        golds = [locate_gold(doc, i, c, text) for i, c in enumerate(gold_claims)]
        preds = [locate_predicted(doc, i, c, text) for i, c in enumerate(pred_docs.get(doc, []))]
        pairs, excused = assign_required_first(golds, preds)
        matched_g = {gi for gi, _, _ in pairs}
        matched_p = {pi for _, pi, _ in pairs} | excused
        for gi, pi, overlap in pairs:
            g, p = golds[gi], preds[pi]
            diffs = []
            for name in FIELDS:
                if field_agrees(name, g.claim, p.claim):
                    agree[name] += 1
                else:
                    diffs.append(
                        FieldDiff(
                            name,
                            _field_values(name, g.claim, True),
                            _field_values(name, p.claim, False),
                        )
                    )
            matches.append(MatchedPair(_ref(g, text), _ref(p, text), overlap, tuple(diffs)))
            count(str(g.kind), tp=1)
        for gi, g in enumerate(golds):
            if gi not in matched_g and not is_optional(g.claim):
                misses.append(_ref(g, text))
                count(str(g.kind), fn=1)
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                false_alarms.append(_ref(p, text))
                count(str(p.kind), fp=1)

    overall = sum(by_kind.values(), Counts())
    n = overall.tp
    return ClaimReport(
        overall=overall,
        by_kind=by_kind,
        fields={name: FieldRate(agree[name], n) for name in FIELDS},
        matches=matches,
        misses=misses,
        false_alarms=false_alarms,
        documents=len(gold_docs),
        unscored_documents=sorted(d for d in pred_docs if d not in gold_docs),
    )
