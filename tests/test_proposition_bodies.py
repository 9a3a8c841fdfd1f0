"""Each proposition's built form kept in the ledger (``propositions.body``, migration m005) is
the proposition ``PropositionIndex._build`` builds from its member claims and equals a full
regrouping, also after a stored document gains a syndicated copy (its outlets change), on
SQLite and on PostgreSQL; a ledger whose propositions have no stored form gets it on first use."""

from __future__ import annotations

import random

import pytest
from conftest import make_analyzed
from test_stored_propositions import _same, generated

from fogofwar.ledger import PropositionIndex, compute
from fogofwar.ledger.proposition_json import from_json, to_json
from fogofwar.store import open_store


def copy_of(analyzed, doc_id: str, source: str):
    """The same text as another outlet carried it: stored as a copy, not as a document."""
    return make_analyzed(analyzed.article.text, doc_id=doc_id, published=analyzed.article.published,
                         claims=analyzed.claims, source=source)  # fmt: skip


def _stored_equal_built(store) -> int:
    """Every stored body equals what ``_build`` makes of the proposition's claims; how many."""
    index = PropositionIndex(store)
    rows = store._read("SELECT id, body FROM propositions ORDER BY id", ())
    assert rows and all(row[1] for row in rows)
    built = {p.id: p for p in index._build([row[0] for row in rows])}
    for pid, body in rows:
        assert from_json(body) == built[pid]
        assert to_json(built[pid]) == body
    return len(rows)


def test_stored_bodies_are_the_propositions_built_from_their_claims(new_ledger_url):
    docs = generated(40, 11)
    copies = [copy_of(docs[i], f"copy{i}", f"Wire {i % 2}") for i in (0, 4, 9)]
    with open_store(new_ledger_url()) as store:
        store.add_many(docs[:20] + copies[:1])
        store.add_many(docs[20:] + copies[1:])
        assert len(store.document_copies()) == 3
        assert _stored_equal_built(store) > 10
        _same(store)


@pytest.mark.parametrize("settle", [True, False])
def test_a_copy_added_later_refreshes_the_stored_propositions_of_its_document(new_ledger_url, settle):
    docs = generated(30, 12)
    target = next(d for d in docs if len(d.claims) > 1)
    with open_store(new_ledger_url()) as store:
        store.add_many(docs)
        index = PropositionIndex(store)
        before = {p.id: p for p in index.query() if target.article.id in {f.doc for f in p.figures}}
        assert before and all("Copy Outlet" not in p.outlets for p in before.values())
        assert store.add_many([copy_of(target, "late-copy", "Copy Outlet")], settle=settle) == 0
        after = {p.id: p for p in index.query() if p.id in before}
        assert set(after) == set(before)
        for pid, p in after.items():
            assert "Copy Outlet" in p.outlets and p.publications == before[pid].publications + 1
        _same(store)
        _stored_equal_built(store)


def test_copies_and_new_documents_in_any_order_equal_a_full_regrouping(new_ledger_url):
    docs = generated(36, 13)
    writes = docs + [copy_of(docs[i], f"copy{i}", f"Wire {i}") for i in range(0, 36, 5)]
    random.Random(13).shuffle(writes)
    with open_store(new_ledger_url()) as store:
        for start in range(0, len(writes), 4):
            store.add_many(writes[start : start + 4], settle=start % 8 == 0)
            _same(store)


def test_a_ledger_without_stored_bodies_gets_them_on_first_use(tmp_path):
    path = str(tmp_path / "old.sqlite")
    with open_store(path) as store:
        store.add_many(generated(25, 14))
        expected = compute(store).propositions
        store._conn.execute("UPDATE propositions SET body = NULL")  # as written before migration m005
    with open_store(path) as store:
        assert not store._read("SELECT 1 FROM propositions WHERE body IS NULL", ())
        assert PropositionIndex(store).query() == list(expected)


def test_a_read_only_ledger_without_stored_bodies_is_grouped_in_memory(tmp_path):
    path = tmp_path / "old.sqlite"
    with open_store(str(path)) as store:
        store.add_many(generated(25, 15))
        store._conn.execute("UPDATE propositions SET body = NULL")
    path.chmod(0o444)
    try:
        with open_store(str(path)) as store:
            index = PropositionIndex(store)
            assert not index.stored
            assert index.query() == list(compute(store).propositions)
    finally:
        path.chmod(0o644)


def test_a_body_of_another_version_is_built_from_the_claims(tmp_path):
    with open_store(str(tmp_path / "ledger.sqlite")) as store:
        store.add_many(generated(25, 16))
        expected = compute(store).propositions
        store._conn.execute("UPDATE propositions SET body = '{\"v\": 0}'")
        index = PropositionIndex(store)
        assert index.query() == list(expected)
        assert index.get(expected[0].id) == expected[0]
