"""Propositions kept in the ledger and regrouped on write (``store.proposition_table``) are the
propositions a full regrouping gives (``ledger.compute``), whatever order articles arrive in:
on SQLite and on PostgreSQL, for generated claims and for the bundled samples."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from conftest import make_analyzed, make_claim

from fogofwar.ledger import PropositionIndex, compute
from fogofwar.models import Place, TimeRef
from fogofwar.store import ClaimFilter, open_store

PLACES = [Place(0, 5, "Kursk", name="Kursk", country="RUS", admin1="Kursk Oblast", precision="city"),
          Place(0, 5, "Sudzha", name="Sudzha", country="RUS", admin1="Kursk Oblast", precision="city"),
          Place(0, 5, "Kharkiv", name="Kharkiv", country="UKR", admin1="Kharkiv Oblast", precision="city"),
          None]  # fmt: skip
WHEN = [None, "since they entered combat", "over the past three days", "on Monday"]


def generated(n: int, seed: int, days: int = 60) -> list:
    """``n`` small articles whose claims overlap in place, time, side and claimant, published
    over ``days`` days."""
    rnd = random.Random(seed)
    out = []
    for d in range(n):
        published = date(2024, 11, 1) + timedelta(days=rnd.randrange(days))
        claims, parts = [], []
        for i in range(rnd.randrange(1, 4)):
            value, who = rnd.randrange(1, 400), rnd.choice(["GUR", "the governor", "the ministry", None])
            sentence = f"Item {d}-{i}: {value} soldiers were killed, {who or 'officials'} said"
            parts.append(sentence)
            when = rnd.choice(WHEN)
            time = TimeRef(0, 3, when, date=published.isoformat() if when == "on Monday" else None,
                           precision="day" if when == "on Monday" else None) if when else None  # fmt: skip
            claims.append((sentence, value, who, time, rnd.choice(["killed", "wounded", "killed_or_wounded"]),
                           rnd.choice(["RUS", "UKR"]), rnd.choice(PLACES)))  # fmt: skip
        text = ". ".join(parts) + "."
        if d % 7 == 3 and out:  # a near copy of an earlier text from another outlet
            text = out[-1].article.text + " Reporting by staff."
            claims = []
        made = [make_claim(text, sentence, outcome=outcome, value=value, affected=("soldiers", side),
                           claimant=who, place=place, when=time, sentence_index=i)
                for i, (sentence, value, who, time, outcome, side, place) in enumerate(claims)]  # fmt: skip
        out.append(make_analyzed(text, doc_id=f"g{d}", published=None if d % 11 == 5 else published,
                                 claims=made, source=f"Outlet {d % 5}"))  # fmt: skip
    return out


def _same(store) -> None:
    expected = compute(store).propositions
    index = PropositionIndex(store)
    assert index.stored
    got = index.query()
    assert [(p.id, p.claim_ids, p.sources, p.disputed) for p in got] == [
        (p.id, p.claim_ids, p.sources, p.disputed) for p in expected]
    assert got == list(expected)


@pytest.mark.parametrize("seed", [1, 2])
def test_regrouping_on_each_write_equals_a_full_regrouping(new_ledger_url, seed):
    docs = generated(40, seed)
    random.Random(seed).shuffle(docs)
    with open_store(new_ledger_url()) as store:
        for start in range(0, len(docs), 3):
            store.add_many(docs[start : start + 3])
            _same(store)


def test_pages_filters_and_disputes_are_read_from_the_ledger(new_ledger_url):
    with open_store(new_ledger_url()) as store:
        store.add_many(generated(30, 3))
        index = PropositionIndex(store)
        expected = compute(store).propositions
        total, page = index.page(limit=5, offset=3)
        assert total == len(expected) and page == list(expected[3:8])
        total, disputed = index.page(disputed=True)
        assert disputed == [p for p in expected if p.disputed] and total == len(disputed)
        side = ClaimFilter(side="UKR")
        ids = store.claim_ids(side)
        assert index.query(side) == [p for p in expected if set(p.claim_ids) & ids]
        assert index.get(expected[0].id) == expected[0] and index.get("p-none") is None


def test_a_ledger_without_stored_propositions_is_filled_on_first_use(tmp_path):
    path = str(tmp_path / "old.sqlite")
    with open_store(path) as store:
        store.add_many(generated(20, 4))
        store._conn.execute("UPDATE claims SET proposition_key = NULL")  # as before migration m003
        store._conn.execute("DELETE FROM propositions")
        store._conn.execute("DELETE FROM proposition_claims")
    with open_store(path) as store:
        _same(store)


def test_the_samples_group_the_same_whether_stored_or_computed(ledger_url):
    from fogofwar.pipeline import Pipeline
    from fogofwar.samples import sample_articles

    analyzed = list(Pipeline().analyze_many(sample_articles()))
    random.Random(5).shuffle(analyzed)
    with open_store(ledger_url) as store:
        for a in analyzed:
            store.add_many([a])
        _same(store)


def _pending(store) -> bool:
    from fogofwar.store.proposition_table import has_pending

    return has_pending(store._read)


@pytest.mark.parametrize("days", [60, 700])
def test_writes_left_pending_and_grouped_later_equal_a_full_regrouping(new_ledger_url, days):
    # over 700 days a key's new claims are regrouped in several stretches of days
    docs = generated(60, 6, days)
    random.Random(6).shuffle(docs)
    with open_store(new_ledger_url()) as store:
        store.add_many(docs[:10])  # grouped at once
        for start in range(10, 40, 6):  # a bulk run: grouped once, at its end
            store.add_many(docs[start : start + 6], settle=False)
        assert _pending(store)
        assert store.settle_propositions() and not _pending(store)
        _same(store)
        store.add_many(docs[40:50], settle=False)
        store.add_many(docs[50:52])  # a write that groups groups what was left pending too
        assert not _pending(store)
        _same(store)
        store.add_many(docs[52:], settle=False)
        _same(store)  # a read of propositions groups what is pending first
        assert not _pending(store)


def test_a_bulk_run_into_an_empty_ledger_groups_every_claim_once(new_ledger_url):
    docs = generated(80, 7, 700)
    with open_store(new_ledger_url()) as store:
        for start in range(0, len(docs), 10):
            store.add_many(docs[start : start + 10], settle=False)
        assert store._read("SELECT count(*) FROM proposition_claims", ())[0][0] == 0
        store.settle_propositions()
        grouped = store._read("SELECT count(*) FROM proposition_claims", ())[0][0]
        assert grouped == store.stats().claims
        _same(store)


def test_documents_left_pending_stay_pending_when_the_ledger_is_reopened(tmp_path):
    path = str(tmp_path / "ledger.sqlite")
    with open_store(path) as store:
        store.add_many(generated(30, 8), settle=False)  # as an ingest stopped before its end
    with open_store(path) as store:
        assert _pending(store)  # not rebuilt on opening: left for the next read or write
        _same(store)


def test_a_read_only_ledger_with_pending_documents_groups_them_in_memory(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with open_store(str(path)) as store:
        store.add_many(generated(20, 9))
        store.add_many(generated(30, 9)[20:], settle=False)
    path.chmod(0o444)
    try:
        with open_store(str(path)) as store:
            assert store.read_only and not store.settle_propositions()
            index = PropositionIndex(store)
            assert index.query() == list(compute(store).propositions)
            assert _pending(store)
    finally:
        path.chmod(0o644)
