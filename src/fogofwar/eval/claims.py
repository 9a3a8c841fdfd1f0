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
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogofwar.errors import FogError, GoldError, InputError
from fogofwar.eval.normalise import (
    find_all,
    is_country_name,
    norm_code,
    norm_label,
    norm_name,
    same_fragment,
    same_name,
    sentence_around,
    span_overlap,
    string_overlap,
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
from fogofwar.models import ClaimKind

KINDS = frozenset(k.value for k in ClaimKind)

# --- reading ----------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The records of a gold claims file (``claims-dev.jsonl``), checked line by line.

    Raises ``GoldError`` naming ``file:line`` for a line that is not a JSON object with a
    ``doc`` string and a ``claims`` list of claims, each with a known ``kind`` and an
    ``evidence`` string, and for a document given twice.
    """
    records = _read_jsonl(Path(path), GoldError)
    seen: dict[str, str] = {}
    for where, record in records:
        _check_record(record, where, GoldError, gold=True)
        doc = record["doc"]
        if doc in seen:
            raise GoldError(f"document '{doc}' is given twice (first at {seen[doc]})", where)
        seen[doc] = where
    return [record for _, record in records]


def load_predicted(path: str | Path) -> list[dict[str, Any]]:
    """Predicted records (``--format claims-jsonl``); ``InputError`` with ``file:line`` if malformed."""
    records = _read_jsonl(Path(path), InputError)
    for where, record in records:
        _check_record(record, where, InputError, gold=False)
    return [record for _, record in records]


def _read_jsonl(path: Path, error: type[FogError]) -> list[tuple[str, Any]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot read claims file: {exc.strerror}", str(path)) from None
    out: list[tuple[str, Any]] = []
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    out.append((where, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise error(
                        f"not a JSON line ({exc.msg} at column {exc.colno}); "
                        "each line must be one JSON object",
                        where,
                    ) from None
        except UnicodeDecodeError:
            raise error("not UTF-8 text", str(path)) from None
    return out


def _check_record(record: Any, where: str, error: type[FogError], gold: bool) -> None:
    if not isinstance(record, dict):
        raise error('a record must be a JSON object {"doc": ..., "claims": [...]}', where)
    if not isinstance(record.get("doc"), str) or not record["doc"]:
        raise error('the record has no "doc" string', where)
    claims = record.get("claims")
    if not isinstance(claims, list):
        raise error(f'"claims" of {record["doc"]} must be a list', where)
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            raise error(f"claim {i} of {record['doc']} is not a JSON object", where)
        kind = claim.get("kind")
        if kind not in KINDS:
            raise error(
                f"claim {i} of {record['doc']} has kind {kind!r}; expected one of "
                + ", ".join(sorted(KINDS)),
                where,
            )
        if gold and (not isinstance(claim.get("evidence"), str) or not claim["evidence"].strip()):
            raise error(f'claim {i} of {record["doc"]} has no "evidence" text', where)
        quantity = claim.get("quantity")
        if quantity is not None and not isinstance(quantity, dict):
            raise error(f'"quantity" of claim {i} of {record["doc"]} must be an object', where)


def load_texts(
    gold_path: str | Path,
    docs: Iterable[str],
    re3d_dir: str | Path | None = None,
    seed_dir: str | Path | None = None,
    inline: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Texts of the gold documents ``docs`` that can be found.

    ``inline`` holds texts that the gold records carry themselves (a ``"text"`` field, as in
    the challenge set); the others are read from folders.

    ``seed:<file>`` is read from ``seed_dir`` (default: ``../seed`` beside the gold folder)
    and ``re3d:<id>`` from ``<re3d_dir>/*/documents.json`` (default: ``re3d-dev`` in the
    gold folder), as FORMAT.md lays them out. Documents not found are left out; the scorer
    then compares their evidence as strings.
    """
    gold_dir = Path(gold_path).resolve().parent
    seeds = Path(seed_dir) if seed_dir is not None else gold_dir.parent / "seed"
    re3d = Path(re3d_dir) if re3d_dir is not None else gold_dir / "re3d-dev"
    wanted = set(docs)
    texts: dict[str, str] = dict(inline or {})
    for doc in sorted(wanted):
        if doc.startswith("seed:"):
            file = seeds / doc[len("seed:") :]
            if file.is_file():
                texts[doc] = file.read_text(encoding="utf-8")
    if any(doc.startswith("re3d:") for doc in wanted):
        for _, row in _re3d_rows(re3d):
            doc = f"re3d:{row.get('_id')}"
            if doc in wanted and isinstance(row.get("text"), str):
                texts[doc] = row["text"]
    return texts


def document_sources(gold_path: str | Path, docs: Iterable[str], re3d_dir: str | Path | None = None) -> dict[str, str]:
    """The source of each gold document: a re3d document's source folder ("CENTCOM", "BBC
    Online"), else the prefix of its name ("seed", "challenge"). Used to split the dev gold."""
    re3d = Path(re3d_dir) if re3d_dir is not None else Path(gold_path).resolve().parent / "re3d-dev"
    wanted = set(docs)
    sources = {doc: doc.split(":", 1)[0] for doc in wanted}
    if any(doc.startswith("re3d:") for doc in wanted):
        for folder, row in _re3d_rows(re3d):
            doc = f"re3d:{row.get('_id')}"
            if doc in wanted:
                sources[doc] = folder
    return sources


def _re3d_rows(re3d: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """(source folder, document row) of every document of a re3d folder."""
    for documents in sorted(re3d.glob("*/documents.json")):
        for line in documents.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict):
                yield documents.parent.name, row


# --- one claim, located -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    """A claim with its place in its record and its evidence spans in the document (if known)."""

    doc: str
    index: int
    claim: dict[str, Any]
    spans: tuple[tuple[int, int], ...]  # empty when the text is unknown or the evidence not found
    alternatives: tuple[tuple[int, int], ...] = ()  # other occurrences of a gold fragment

    @property
    def kind(self) -> str | None:
        return norm_label(self.claim.get("kind"))

    @property
    def outcome(self) -> str | None:
        return norm_label(self.claim.get("outcome"))

    @property
    def evidence(self) -> str | None:
        return _evidence_text(self.claim)


def _evidence_text(claim: Mapping[str, Any]) -> str | None:
    evidence = claim.get("evidence")
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, list):
        parts = [e for e in evidence if isinstance(e, str)]
        return parts[0] if parts else None
    return None


def _locate_gold(doc: str, index: int, claim: dict[str, Any], text: str | None) -> _Located:
    evidence = _evidence_text(claim)
    spans: tuple[tuple[int, int], ...] = ()
    alternatives: tuple[tuple[int, int], ...] = ()
    if text is not None and evidence:
        found = find_all(text, evidence)
        if found:
            spans, alternatives = (found[0],), tuple(found[1:])
    return _Located(doc, index, claim, spans, alternatives)


def _locate_predicted(doc: str, index: int, claim: dict[str, Any], text: str | None) -> _Located:
    """Spans from ``evidence_spans`` when they fit this text, else the evidence found in it.

    Given spans are trusted unless the first one does not read as the ``evidence`` string
    (the prediction was made on a differently cleaned text); then the string is searched.
    """
    if text is None:
        return _Located(doc, index, claim, ())
    evidence = _evidence_text(claim)
    spans = tuple(_given_spans(claim.get("evidence_spans"), len(text)))
    if spans and evidence and not same_fragment(text[spans[0][0] : spans[0][1]], evidence):
        spans = ()
    if not spans:
        found = find_all(text, evidence) if evidence else []
        spans = tuple(found[:1])
    return _Located(doc, index, claim, spans)


def _given_spans(raw: Any, length: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in item)
            and 0 <= item[0] < item[1] <= length
        ):
            out.append((item[0], item[1]))
    return out


def evidence_overlap(gold: _Located, predicted: _Located) -> float:
    """Overlap of the two evidences, 0..1: as document spans when both are located, else strings."""
    if gold.spans and predicted.spans:
        best = span_overlap(gold.spans, predicted.spans)
        for alt in gold.alternatives:
            best = max(best, span_overlap((alt,), predicted.spans))
        return best
    return string_overlap(gold.evidence, predicted.evidence)


# --- the matching rule ------------------------------------------------------------------------


def _quantity(claim: Mapping[str, Any]) -> dict[str, Any] | None:
    q = claim.get("quantity")
    return q if isinstance(q, dict) else None


def has_quantity(claim: Mapping[str, Any]) -> bool:
    """Whether a claim states an amount: a ``value`` or ``vague`` words."""
    q = _quantity(claim)
    return q is not None and (q.get("value") is not None or bool(norm_label(q.get("vague"))))


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def quantities_agree(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Equal ``value``, or (both without a value) the same ``vague`` words."""
    gq, pq = _quantity(gold), _quantity(predicted)
    if gq is None or pq is None:
        return False
    if gq.get("value") is not None:
        gv, pv = _as_number(gq.get("value")), _as_number(pq.get("value"))
        return gv is not None and pv is not None and abs(gv - pv) < 1e-9
    gvague, pvague = norm_label(gq.get("vague")), norm_label(pq.get("vague"))
    return gvague is not None and pq.get("value") is None and gvague == pvague


def can_match(gold: _Located, predicted: _Located, overlap: float) -> bool:
    """FORMAT.md's rule for one pair, given their evidence overlap."""
    if gold.kind != predicted.kind or gold.outcome != predicted.outcome:
        return False
    if has_quantity(gold.claim):
        return quantities_agree(gold.claim, predicted.claim)
    return overlap > 0.0


# Pair weights, compared lexicographically through integer scales: first the number of pairs,
# then the total evidence overlap (in thousandths), then closeness in order within the group.
_PAIR = 10**12
_OVERLAP = 10**6
_ORDER_SPAN = 999
_INF = 10**30


def _assign(golds: list[_Located], preds: list[_Located]) -> list[tuple[int, int, float]]:
    """The best one-to-one pairs (gold position, predicted position, overlap) of one document."""
    groups: dict[tuple[str | None, str | None], tuple[list[int], list[int]]] = {}
    for gi, g in enumerate(golds):
        groups.setdefault((g.kind, g.outcome), ([], []))[0].append(gi)
    for pi, p in enumerate(preds):
        key = (p.kind, p.outcome)
        if key in groups:
            groups[key][1].append(pi)
    pairs: list[tuple[int, int, float]] = []
    for key in sorted(groups, key=lambda k: (k[0] or "", k[1] or "")):
        gis, pis = groups[key]
        if not pis:
            continue
        weights: list[list[int]] = []
        overlaps: dict[tuple[int, int], float] = {}
        for rg, gi in enumerate(gis):
            row = []
            for rp, pi in enumerate(pis):
                overlap = evidence_overlap(golds[gi], preds[pi])
                if can_match(golds[gi], preds[pi], overlap):
                    overlaps[(rg, rp)] = overlap
                    order = _ORDER_SPAN - min(abs(rg - rp), _ORDER_SPAN)
                    row.append(_PAIR + round(overlap * 1000) * _OVERLAP + order)
                else:
                    row.append(0)
            weights.append(row)
        for rg, rp in _max_weight_assignment(weights):
            if (rg, rp) in overlaps:
                pairs.append((gis[rg], pis[rp], overlaps[(rg, rp)]))
    return sorted(pairs)


def is_optional(claim: Mapping[str, Any]) -> bool:
    """A borderline gold claim (``"optional": true``): neither credited nor missed."""
    return claim.get("optional") is True


def _assign_required_first(
    golds: list[_Located], preds: list[_Located]
) -> tuple[list[tuple[int, int, float]], set[int]]:
    """Pairs of required gold claims first; then the predictions left over that match an
    optional gold claim, which are excused (neither credited nor false alarms)."""
    required = [gi for gi, g in enumerate(golds) if not is_optional(g.claim)]
    optional = [gi for gi, g in enumerate(golds) if is_optional(g.claim)]
    pairs = [(required[g], p, o) for g, p, o in _assign([golds[gi] for gi in required], preds)]
    taken = {p for _, p, _ in pairs}
    rest = [pi for pi in range(len(preds)) if pi not in taken]
    excused = {rest[p] for _, p, _ in _assign([golds[gi] for gi in optional], [preds[pi] for pi in rest])}
    return sorted(pairs), excused


def _max_weight_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Rows paired with columns for the greatest total weight (Hungarian method, exact ints)."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    if not n_rows or not n_cols:
        return []
    size = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # Square cost matrix, 1-based as in the classic formulation; padding costs as "no pair".
    cost = [[0] * (size + 1) for _ in range(size + 1)]
    for i in range(size):
        for j in range(size):
            w = weights[i][j] if i < n_rows and j < n_cols else 0
            cost[i + 1][j + 1] = top - w
    u = [0] * (size + 1)
    v = [0] * (size + 1)
    owner = [0] * (size + 1)  # owner[j]: the row given column j
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        owner[0] = i
        j0 = 0
        minv = [_INF] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = _INF
            j1 = 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                cur = cost[i0][j] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    out = []
    for j in range(1, size + 1):
        i = owner[j]
        if i and i <= n_rows and j <= n_cols and weights[i - 1][j - 1] > 0:
            out.append((i - 1, j - 1))
    return out


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
    q = _quantity(claim)
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
    q = _quantity(claim)
    if q is None:
        return None
    value = _as_number(q.get("value"))
    if value is not None:
        return str(int(value)) if value.is_integer() else str(value)
    return norm_label(q.get("vague"))


def _ref(located: _Located, text: str | None) -> ClaimRef:
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
        golds = [_locate_gold(doc, i, c, text) for i, c in enumerate(gold_claims)]
        preds = [_locate_predicted(doc, i, c, text) for i, c in enumerate(pred_docs.get(doc, []))]
        pairs, excused = _assign_required_first(golds, preds)
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
