"""The ledger, on SQLite and on PostgreSQL alike (the ``store``/``ledger_url`` fixtures run each
test on both): idempotent, atomic per batch, filters select what they should."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from conftest import SEED_TEXT, make_analyzed, make_claim, seed_analyzed

from fogofwar.errors import StoreError
from fogofwar.models import ClaimKind, Place, TimeRef
from fogofwar.store import ClaimFilter, LedgerStore, default_db_path, open_store
from fogofwar.store.schema import migrations

MIGRATIONS = migrations.names

GAZA = (
    "Israeli strikes killed 25 people in Gaza City on Tuesday, the Gaza health ministry said. "
    "Hamas fighters fired rockets at Ashkelon, the Israeli military said."
)
SYRIA = (
    "Human Rights Watch said an air strike in Daquq killed at least 13 women and children. "
    "The Syrian army recaptured the town of Palmyra."
)


def corpus() -> list:
    gaza = make_analyzed(
        GAZA, "gaza", date(2024, 3, 5), source="Wire", claims=[
            make_claim(GAZA, "Israeli strikes killed 25 people", value=25,
                       affected=("people", "PSE"), agent=("Israeli strikes", "ISR"),
                       claimant="the Gaza health ministry",
                       place=Place(0, 1, "Gaza City", name="Gaza", country="PSE")),
            make_claim(GAZA, "Hamas fighters fired rockets at Ashkelon", kind=ClaimKind.ATTACK,
                       outcome=None, agent=("Hamas fighters", "PSE"),
                       claimant="the Israeli military", sentence_index=1,
                       place=Place(0, 1, "Ashkelon", name="Ashkelon", country="ISR")),
        ],
    )  # fmt: skip
    syria = make_analyzed(
        SYRIA, "syria", None, source="HRW", claims=[
            make_claim(SYRIA, "an air strike in Daquq killed at least 13 women and children",
                       value=13, affected=("women and children", "IRQ"),
                       claimant="Human Rights Watch",
                       when=TimeRef(0, 1, "in December 2016", date="2016-12", precision="month")),
            make_claim(SYRIA, "The Syrian army recaptured the town of Palmyra",
                       kind=ClaimKind.TERRITORY, outcome="captured", agent=("The Syrian army", "SYR"),
                       sentence_index=1,
                       place=Place(0, 1, "Palmyra", name="Tadmur", country="SYR", admin1="Homs")),
        ],
    )  # fmt: skip
    return [seed_analyzed(), gaza, syria]


@pytest.fixture
def filled(store):
    assert store.add_many(corpus()) == 3
    return store


def evidence_of(claims) -> list[str]:
    return [c.claim["evidence"] for c in claims]


def test_store_implements_the_protocol(store):
    assert isinstance(store, LedgerStore)


def test_round_trip_keeps_the_claim_dict_and_document(store):
    analyzed = seed_analyzed()
    assert store.add(analyzed)
    doc = store.document("seed")
    assert doc.text == SEED_TEXT
    assert doc.published == date(2024, 12, 15) and doc.source == "Example News"
    assert doc.content_hash == analyzed.article.content_hash
    assert [c.claim for c in doc.claims] == [c.to_dict() for c in analyzed.claims]
    assert doc.claims[0].evidence == analyzed.claims[0].evidence
    assert doc.claims[0].publisher == "Example News"
    assert [(e.text, e.type, e.country) for e in doc.entities] == [("Kursk", "Location", "RUS")]


def test_same_article_twice_is_stored_once(store):
    assert store.add(seed_analyzed()) is True
    assert store.add(seed_analyzed()) is False
    assert store.add_many([seed_analyzed(), seed_analyzed()]) == 0
    assert store.stats().documents == 1
    assert store.count_claims() == 1


def test_same_id_with_other_text_is_kept_under_a_suffixed_id(store):
    store.add(make_analyzed(GAZA, "report"))
    store.add(make_analyzed(SYRIA, "report"))
    ids = [d.id for d in store.documents()]
    assert ids[0] == "report" and ids[1].startswith("report~") and len(ids) == 2


def test_batch_is_rolled_back_when_its_iterator_raises(store):
    store.add(make_analyzed(SYRIA, "before"))

    def batch():
        yield seed_analyzed()
        yield make_analyzed(GAZA, "gaza", claims=corpus()[1].claims)
        raise RuntimeError("pipeline crashed")

    with pytest.raises(RuntimeError):
        store.add_many(batch())
    assert [d.id for d in store.documents()] == ["before"]
    assert store.count_claims() == 0
    assert store.claims(ClaimFilter(text="soldiers")) == []


def test_batch_is_rolled_back_on_keyboard_interrupt(store):
    def batch():
        yield seed_analyzed()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_many(batch())
    assert store.stats().documents == 0
    assert store.add(seed_analyzed())  # the store is still usable


@pytest.mark.parametrize(
    "filters, expected",
    [
        (ClaimFilter(kind="attack"), ["Hamas fighters fired rockets at Ashkelon"]),
        (ClaimFilter(outcome="captured"), ["The Syrian army recaptured the town of Palmyra"]),
        (ClaimFilter(country="isr"), ["Israeli strikes killed 25 people"]),
        (ClaimFilter(country="PSE"), ["Israeli strikes killed 25 people",
                                      "Hamas fighters fired rockets at Ashkelon"]),
        (ClaimFilter(side="PSE"), ["Israeli strikes killed 25 people"]),
        (ClaimFilter(claimant="israeli MILITARY"), ["Hamas fighters fired rockets at Ashkelon"]),
        (ClaimFilter(place="homs"), ["The Syrian army recaptured the town of Palmyra"]),
        (ClaimFilter(place="palmyra"), ["The Syrian army recaptured the town of Palmyra"]),
        (ClaimFilter(place="kursk oblast"), ["Approximately 200 North Korean soldiers were killed"]),
        (ClaimFilter(date_from=date(2024, 12, 14), date_to=date(2024, 12, 14)),
         ["Approximately 200 North Korean soldiers were killed"]),
        (ClaimFilter(date_from=date(2016, 12, 25), date_to=date(2017, 1, 31)),
         ["an air strike in Daquq killed at least 13 women and children"]),
        (ClaimFilter(date_to=date(2024, 3, 5), date_from=date(2024, 3, 1)),
         ["Israeli strikes killed 25 people", "Hamas fighters fired rockets at Ashkelon"]),
        (ClaimFilter(text="rocket"), ["Hamas fighters fired rockets at Ashkelon"]),
        (ClaimFilter(text="Gaza health"), ["Israeli strikes killed 25 people"]),
        (ClaimFilter(text='"; DROP TABLE claims; --'), []),
        (ClaimFilter(doc="syria"), ["an air strike in Daquq killed at least 13 women and children",
                                    "The Syrian army recaptured the town of Palmyra"]),
        (ClaimFilter(kind="casualties", country="PSE", claimant="ministry"),
         ["Israeli strikes killed 25 people"]),
    ],
)  # fmt: skip
def test_claim_filters_select_what_they_should(filled, filters, expected):
    assert evidence_of(filled.claims(filters)) == expected
    assert filled.count_claims(filters) == len(expected)


def test_claims_carry_document_date_and_publisher(filled):
    (claim,) = filled.claims(ClaimFilter(kind="territory"))
    assert (claim.doc, claim.published, claim.publisher) == ("syria", None, "HRW")
    assert claim.index == 1


def test_limit_and_offset_page_through_claims(filled):
    everything = filled.claims(limit=100)
    assert len(everything) == 5
    assert filled.claims(limit=2, offset=2) == everything[2:4]


def test_documents_and_entities_list(filled):
    docs = filled.documents()
    assert [(d.id, d.claim_count) for d in docs] == [("seed", 1), ("gaza", 2), ("syria", 2)]
    assert filled.document("missing") is None
    assert [e.doc for e in filled.entities(type="Location")] == ["seed"]
    assert filled.entities(doc="gaza") == []


def test_stats_count_everything(filled):
    stats = filled.stats()
    assert (stats.documents, stats.claims, stats.evidence) == (3, 5, 5)
    assert stats.claims_by_kind == {"attack": 1, "casualties": 3, "territory": 1}
    assert (stats.first_published, stats.last_published) == (date(2024, 3, 5), date(2024, 12, 15))
    assert stats.migrations == MIGRATIONS


def test_reopening_keeps_data_and_does_not_rerun_migrations(ledger_url):
    with open_store(ledger_url) as first:
        first.add(seed_analyzed())
    with open_store(ledger_url) as again:
        assert again.count_claims() == 1
        assert again.stats().migrations == MIGRATIONS


def test_sqlite_ledger_is_in_wal_mode(tmp_path):
    path = str(tmp_path / "l.sqlite")
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unreachable_postgresql_is_one_line_store_error_without_the_password():
    with pytest.raises(StoreError, match="cannot open the ledger") as caught:
        open_store("postgresql://user:secret@db.invalid/ledger?connect_timeout=2")
    message = str(caught.value)
    assert "secret" not in message and "\n" not in message and "user:***@db.invalid" in message


def test_unknown_url_scheme_is_a_store_error():
    with pytest.raises(StoreError, match="unknown ledger URL scheme"):
        open_store("mysql://user:secret@db/ledger")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Kyiv said on Sunday that forty drones were shot down. " * 100)
    with pytest.raises(StoreError):
        open_store(str(path))


def test_default_db_path_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FOGOFWAR_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == str(tmp_path / "x.sqlite")
    monkeypatch.delenv("FOGOFWAR_DB")
    assert default_db_path().endswith("fogofwar.sqlite")


def test_property_claim_dicts_come_back_unchanged(ledger_url):
    pytest.importorskip("hypothesis")
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st

    from fogofwar.models import Hedge, Quantity

    ledger = open_store(ledger_url)
    nul = "\x00" if ledger_url.startswith("postgresql") else ""  # PostgreSQL text holds no NUL
    words = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters=nul), min_size=1, max_size=30
    )
    numbers = st.one_of(st.none(), st.integers(0, 10**7).map(float), st.floats(0, 1e6))
    hedges = st.sampled_from([*Hedge, None])

    @settings(max_examples=40, deadline=None)
    @given(words, words, numbers, hedges, st.sampled_from(list(ClaimKind)))
    def check(party, claimant, value, hedge, kind):
        text = f"{party} said that {claimant} lost {value} men ({hedge}, {kind})."
        claim = make_claim(
            text,
            text[:5],
            kind=kind,
            affected=(party, None),
            agent=(claimant, "UKR"),
            claimant=claimant,
        )
        claim.quantity = Quantity(0, 1, "x", value, low=value, hedge=hedge)
        analyzed = make_analyzed(text, "p", claims=[claim])
        assume(ledger.add(analyzed))
        (doc,) = [
            d for d in ledger.documents(limit=-1) if d.content_hash == analyzed.article.content_hash
        ]
        (stored,) = ledger.claims(ClaimFilter(doc=doc.id))
        assert stored.claim == claim.to_dict()

    try:
        check()
    finally:
        ledger.close()


def test_an_iso_week_date_covers_its_seven_days():
    from fogofwar.store.rows import date_span

    assert date_span("2024-W50", None) == ("2024-12-09", "2024-12-15")
