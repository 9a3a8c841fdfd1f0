"""The data that crosses stages: articles in, annotations along the way, claims out.

Every annotation carries ``start``/``end`` character offsets into ``Article.text`` so that
each value of a claim can point back at the words that support it (provenance first).
Models are plain dataclasses; ``to_dict`` helpers give the JSON shape of FORMAT.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any


class EntityType(str, Enum):
    """Entity types, named as in the re3d data set."""

    PERSON = "Person"
    ORGANISATION = "Organisation"
    LOCATION = "Location"
    NATIONALITY = "Nationality"
    WEAPON = "Weapon"
    MILITARY_PLATFORM = "MilitaryPlatform"
    QUANTITY = "Quantity"
    TEMPORAL = "Temporal"


class Hedge(str, Enum):
    """How a figure is qualified (FORMAT.md, ``quantity.hedge``)."""

    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    NEARLY = "nearly"
    RANGE = "range"


class ClaimKind(str, Enum):
    CASUALTIES = "casualties"
    EQUIPMENT_LOSS = "equipment_loss"
    ATTACK = "attack"
    DEPLOYMENT = "deployment"
    SUPPLY = "supply"
    TERRITORY = "territory"
    DISPLACEMENT = "displacement"


@dataclass(frozen=True)
class Article:
    """One report as read from its source, before any analysis."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None  # the publisher, never the claimant
    origin: str | None = None  # where it was read from: a path, "path:line", "<stdin>"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to store an article once."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity mention typed like re3d; ``country`` is the ISO alpha-3 side it names, if any."""

    start: int
    end: int
    text: str
    type: EntityType
    country: str | None = None
    canonical: str | None = None  # the vocabulary's name for it ("Main Intelligence Directorate")
    source: str = "ner"  # where it came from: "ner", "vocab", "propn", "rule", "group", "state", "nested"...


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    hedge: Hedge | None = None
    vague: str | None = None  # "dozens", "several hundred" (value is then None)
    unit: str | None = None  # "km", "mm", "%"... None for a count

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "hedge": self.hedge.value if self.hedge else None,
        }
        if self.vague:
            out["vague"] = self.vague
        return out


@dataclass(frozen=True)
class TimeRef:
    """A time phrase resolved against the publication date; ``date`` is ISO at ``precision``."""

    start: int
    end: int
    text: str
    date: str | None = None  # "2024-12-14", "2016-12", "2016"
    precision: str | None = None  # "hour", "day", "month", "year"
    time_of_day: str | None = None  # "12:00" when stated
    timezone: str | None = None  # "UTC" for "GMT" etc.


@dataclass(frozen=True)
class Place:
    """A place mention resolved to a gazetteer entry (or to a country only)."""

    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # "country", "admin1", "city", "site", "water" (a sea, a strait)
    gazetteer_id: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who a sentence says makes its claims; ``claimant`` None means the document's own voice."""

    sentence_index: int
    claimant: str | None
    start: int | None = None
    end: int | None = None
    cue: str = "none"  # "according_to", "reporting_verb", "quotation", "carried", "none"
    cue_text: str | None = None
    hedged: bool = False  # "reportedly", "allegedly", "is thought to"


@dataclass(frozen=True)
class Party:
    """A side in a claim: who did, suffered, received or was targeted."""

    text: str
    start: int | None = None
    end: int | None = None
    country: str | None = None
    civilian: bool | None = None

    def to_dict(self, with_civilian: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "country": self.country}
        if with_civilian:
            out["civilian"] = bool(self.civilian)
        return out


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    sentence_index: int


@dataclass
class Claim:
    kind: ClaimKind
    evidence: list[Evidence]
    outcome: str | None = None
    quantity: Quantity | None = None
    affected: Party | None = None
    agent: Party | None = None
    target: Party | None = None
    recipient: Party | None = None
    item: Mention | None = None
    weapon: Mention | None = None
    location: Place | None = None
    time: TimeRef | None = None
    attribution: Attribution | None = None
    trigger: str | None = None

    @property
    def claimant(self) -> str | None:
        return self.attribution.claimant if self.attribution else None

    def to_dict(self) -> dict[str, Any]:
        """The claim in the shape of ``claims-dev.jsonl`` (FORMAT.md), with provenance added."""
        out: dict[str, Any] = {"kind": self.kind.value}
        if self.outcome is not None:
            out["outcome"] = self.outcome
        out["quantity"] = self.quantity.to_dict() if self.quantity else None
        if self.kind in (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.DISPLACEMENT):
            out["affected"] = self.affected.to_dict(with_civilian=True) if self.affected else None
        if self.kind is ClaimKind.EQUIPMENT_LOSS or self.kind is ClaimKind.SUPPLY:
            out["item"] = {"text": self.item.text} if self.item else None
        out["agent"] = self.agent.to_dict() if self.agent else None
        if self.kind is ClaimKind.ATTACK:
            out["target"] = self.target.to_dict() if self.target else None
        if self.kind is ClaimKind.SUPPLY:
            out["recipient"] = self.recipient.to_dict() if self.recipient else None
        out["weapon"] = {"text": self.weapon.text} if self.weapon else None
        out["location"] = _place_dict(self.location)
        out["time"] = _time_dict(self.time)
        out["claimant"] = _claimant_dict(self.attribution)
        out["evidence"] = self.evidence[0].text
        out["evidence_spans"] = [[e.start, e.end] for e in self.evidence]
        return out


@dataclass
class AnalyzedArticle:
    """An article with everything the stages found in it; the pipeline fills it in order."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    candidate_sentences: set[int] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    attributions: dict[int, Attribution] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    parses: dict[int, Any] = field(default_factory=dict)  # sentence index -> spaCy Doc
    done: list[str] = field(default_factory=list)  # names of the stages that have run
    # indexes derived from the lists above, built on demand (fogofwar.language.article_index)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def dateline(self) -> tuple[int, int] | None:
        """The span of a wire dateline ("KYIV, March 3 (Reuters) - ") at the start of the text:
        where the report was filed, never where its events happened; stages skip it."""
        from fogofwar.ingest.dateline import find_dateline  # cached per text

        found = find_dateline(self.article.text)
        return (found.start, found.end) if found else None

    def without_parses(self) -> AnalyzedArticle:
        """The article with what the stages found, without the spaCy parses and the indexes
        derived on the way (what outlives a memory zone, what the ledger stores)."""
        return replace(self, parses={}, cache={})

    def to_claims_record(self) -> dict[str, Any]:
        """One line of ``--format claims-jsonl``."""
        return {
            "doc": self.article.id,
            "published": self.article.published.isoformat() if self.article.published else None,
            "claims": [c.to_dict() for c in self.claims],
            "entities": [
                {"start": m.start, "end": m.end, "type": m.type.value, "text": m.text}
                for m in self.entities()
            ],
        }

    def entities(self) -> list[Mention]:
        """The mentions, with the figures and time phrases of their own stages added where the
        mentions stage has none of that type overlapping them.

        Figures follow re3d's convention for Quantity: a count or a measure. Sums of money
        and frequencies (re3d's Money and Frequency types), the word "one" ("one child", "one
        strike": a determiner, not a figure), map coordinates, a number that is part of a name
        ("Radio 4", "NileSat 102") and a figure that is itself a time phrase ("two years",
        Temporal) are left out. Claims read ``quantities`` itself, which keeps them all.
        """
        out = list(self.mentions)
        times = {(m.start, m.end) for m in self.mentions if m.type is EntityType.TEMPORAL}
        times |= {(t.start, t.end) for t in self.times}
        for kind, spans in ((EntityType.QUANTITY, self.quantities), (EntityType.TEMPORAL, self.times)):
            taken = [(m.start, m.end) for m in self.mentions if m.type is kind]
            for x in spans:
                if isinstance(x, Quantity) and not _figure_is_entity(x, self.article.text, times):
                    continue
                if not any(s < x.end and x.start < e for s, e in taken):
                    out.append(Mention(x.start, x.end, x.text, kind, source=kind.value.lower()))
        return sorted(out, key=lambda m: (m.start, m.end))


_CURRENCY = re.compile(r"[A-Z]{3}")  # the quantities stage's unit for money: "USD", "EUR"
_FREQUENCY_UNITS = {"Hz", "kHz", "MHz", "GHz"}
_TIME_UNITS = {"year", "month", "week", "day", "h", "min", "s"}
_ONE = re.compile(r"(?i)one\b")
_COORDINATE = re.compile(r"\.\d{4,}")  # "35.0325", "43.6463889"
# a capitalised word, not the first of its sentence, just before a bare number: "Radio 4"
_NAME_BEFORE = re.compile(r"(?<![.!?\n]\s)(?<![.!?\n])\b[A-Z][\w-]*[ \xa0]$")


def _figure_is_entity(q: Quantity, text: str, times: set[tuple[int, int]]) -> bool:
    """Whether a figure of the quantities stage is an entity as re3d annotates Quantity."""
    if q.unit is not None and (_CURRENCY.fullmatch(q.unit) or q.unit in _FREQUENCY_UNITS):
        return False
    if _ONE.match(q.text) or _COORDINATE.search(q.text):
        return False
    if q.unit in _TIME_UNITS and (q.start, q.end) in times and not q.text.endswith("old"):
        return False  # "two years" is a time phrase; an age ("14-year-old") is a figure
    # a bare number after a capitalised word is part of a name
    return not (q.text.isdigit() and _NAME_BEFORE.search(text, max(0, q.start - 40), q.start))


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _place_dict(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    d = {k: v for k, v in asdict(p).items() if k not in ("start", "end")}
    return d


def _time_dict(t: TimeRef | None) -> dict[str, Any]:
    if t is None:
        return {"text": None, "date": None}
    return {"text": t.text, "date": t.date, "precision": t.precision}


def _claimant_dict(a: Attribution | None) -> dict[str, Any] | None:
    if a is None or a.claimant is None:
        return None
    return {"text": a.claimant, "cue": a.cue}
