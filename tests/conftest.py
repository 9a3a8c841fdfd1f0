"""Shared fixtures: hand-built analysed articles (no NLP pipeline) and a fresh ledger, SQLite and
PostgreSQL (a throwaway server, ``pgserver.py``)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from fogofwar.models import (
    AnalyzedArticle,
    Article,
    Attribution,
    Claim,
    ClaimKind,
    EntityType,
    Evidence,
    Mention,
    Party,
    Place,
    Quantity,
    Sentence,
    TimeRef,
)

SEED_TEXT = (
    "According to the Main Intelligence Directorate of Ukraine, North Korea has suffered its "
    "first losses in Russia. Approximately 200 North Korean soldiers were killed due to "
    "kamikaze drone (FPV) attacks carried out by the Ukrainian Armed Forces in the Kursk region."
)


def make_claim(
    text: str,
    phrase: str,
    kind: ClaimKind = ClaimKind.CASUALTIES,
    outcome: str | None = "killed",
    value: float | None = None,
    affected: tuple[str, str | None] | None = None,
    agent: tuple[str, str | None] | None = None,
    claimant: str | None = None,
    place: Place | None = None,
    when: TimeRef | None = None,
    sentence_index: int = 0,
) -> Claim:
    """A claim whose evidence is ``phrase``, located in ``text``."""
    start = text.index(phrase)
    quantity = Quantity(start, start + 3, str(value), value) if value is not None else None
    return Claim(
        kind=kind,
        outcome=outcome,
        evidence=[Evidence(start, start + len(phrase), phrase, sentence_index)],
        quantity=quantity,
        affected=Party(affected[0], country=affected[1], civilian=False) if affected else None,
        agent=Party(agent[0], country=agent[1]) if agent else None,
        location=place,
        time=when,
        attribution=Attribution(sentence_index, claimant, cue="according_to") if claimant else None,
    )


def make_analyzed(
    text: str = SEED_TEXT,
    doc_id: str = "seed",
    published: date | None = date(2024, 12, 15),
    claims: list[Claim] | None = None,
    source: str | None = "Example News",
) -> AnalyzedArticle:
    """An analysed article with one sentence per ". "-separated part and the given claims."""
    sentences, start = [], 0
    for index, part in enumerate(text.split(". ")):
        sentences.append(Sentence(index, start, start + len(part), part))
        start += len(part) + 2
    mentions = []
    if "Kursk" in text:
        at = text.index("Kursk")
        mentions.append(Mention(at, at + 5, "Kursk", EntityType.LOCATION, country="RUS"))
    return AnalyzedArticle(
        article=Article(id=doc_id, text=text, published=published, source=source),
        sentences=sentences,
        mentions=mentions,
        claims=claims if claims is not None else [],
    )


def seed_analyzed() -> AnalyzedArticle:
    """The seed excerpt with one fully filled casualties claim."""
    claim = make_claim(
        SEED_TEXT,
        "Approximately 200 North Korean soldiers were killed",
        value=200,
        affected=("North Korean soldiers", "PRK"),
        agent=("the Ukrainian Armed Forces", "UKR"),
        claimant="Main Intelligence Directorate of Ukraine",
        place=Place(0, 5, "Kursk region", name="Kursk", country="RUS", admin1="Kursk Oblast",
                    latitude=51.73, longitude=36.19, precision="admin1"),
        when=TimeRef(0, 5, "on 14 December", date="2024-12-14", precision="day"),
        sentence_index=1,
    )  # fmt: skip
    return make_analyzed(claims=[claim])


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (``pgserver.py``); skips where none can start."""
    from pgserver import NoServer, PgServer

    server = PgServer()
    try:
        server.start()
    except (NoServer, ImportError) as exc:
        server.stop()
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_ledger_url(request, tmp_path):
    """Gives where a fresh, empty ledger opens, anew on each call: an SQLite file, then (the
    test's second run) a schema on the PostgreSQL server."""
    if request.param == "sqlite":
        numbers = itertools.count()
        return lambda: str(tmp_path / f"ledger{next(numbers) or ''}.sqlite")
    return request.getfixturevalue("pg_server").fresh_url


@pytest.fixture
def ledger_url(new_ledger_url):
    """Where a fresh, empty ledger opens (SQLite, then PostgreSQL)."""
    return new_ledger_url()


@pytest.fixture
def store(ledger_url):
    from fogofwar.store import open_store

    ledger = open_store(ledger_url)
    yield ledger
    ledger.close()
