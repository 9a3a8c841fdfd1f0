"""Syndication groups kept in the ledger (``store.syndication_table``): documents joined a block
at a time (one bulk run) get the groups they get joined one at a time (a write each), including
when buckets of shared sketch hashes grow past ``MAX_BUCKET`` and when two groups merge; on
SQLite and on PostgreSQL."""

from __future__ import annotations

import random

import pytest
from conftest import make_analyzed, make_claim
from test_stored_propositions import _same

from fogofwar.ledger import find_syndicated
from fogofwar.ledger.syndication import MAX_BUCKET
from fogofwar.store import open_store, syndication_table


def variants(bases: int, per_base: int, seed: int) -> list[str]:
    """Distinct texts: ``bases`` random texts of 60 words, each in ``per_base`` variants with 1-2
    of their last 6 words changed: pairs on both sides of the similarity threshold, and the
    sketch hashes of a base's first words shared by more than ``MAX_BUCKET`` documents."""
    rnd = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    out = []
    for _ in range(bases):
        base = [rnd.choice(vocabulary) for _ in range(60)]
        for _ in range(per_base):
            words = list(base)
            for _ in range(rnd.randrange(1, 3)):
                words[rnd.randrange(54, 60)] = rnd.choice(vocabulary)
            out.append(" ".join(words) + ".")
    out = list(dict.fromkeys(out))
    rnd.shuffle(out)
    return out


def _groups(store) -> dict[str, str]:
    return {row[0]: row[1] for row in store._read("SELECT doc, grp FROM document_groups", ())}


@pytest.mark.parametrize("kept_bytes", [None, 4096])  # 4096: shingles of a few documents kept, then dropped
def test_a_bulk_run_groups_documents_as_one_write_each_does(new_ledger_url, monkeypatch, kept_bytes):
    if kept_bytes:
        monkeypatch.setattr(syndication_table, "SHINGLE_BYTES", kept_bytes)
    docs = [make_analyzed(text, doc_id=f"d{i:04d}", claims=[]) for i, text in enumerate(variants(2, 300, 1))]
    assert len(docs) > 500  # two blocks in one run
    with open_store(new_ledger_url()) as one_each, open_store(new_ledger_url()) as bulk:
        for doc in docs:
            one_each.add_many([doc])
        for start in range(0, len(docs), 50):  # two runs, each grouped once at its end
            bulk.add_many(docs[start : start + 50], settle=False)
            if start == 100:
                bulk.settle_propositions()
        bulk.settle_propositions()
        expected = _groups(one_each)
        assert len(expected) == len(docs)
        assert 2 < len(set(expected.values())) < len(docs) - 50  # copies were grouped, not all
        assert _groups(bulk) == expected
        sizes = one_each._read("SELECT count(*) FROM document_sketches GROUP BY hash ORDER BY 1 DESC", ())
        assert sizes[0][0] > MAX_BUCKET  # boilerplate met


@pytest.mark.parametrize("together", [False, True])
def test_a_document_copying_two_groups_merges_them(new_ledger_url, together):
    rnd = random.Random(2)
    base = " ".join(f"w{rnd.randrange(5000)}" for _ in range(120))
    tails = [" ".join(f"t{n}x{i}" for i in range(20)) for n in range(2)]
    texts = {"a": f"{base} {tails[0]}.", "c": f"{base} {tails[1]}.", "m": f"{base}."}  # m is near both
    found = find_syndicated(texts.items())
    assert len({found.of(d) for d in texts}) == 1 and len(found.pairs) == 2  # a~m, m~c, not a~c

    def article(doc: str):
        sentence = f"{10 + len(doc)} soldiers were killed"
        text = f"{texts[doc]} {sentence}, officials said."
        claim = make_claim(text, sentence, value=10 + len(doc), affected=("soldiers", "UKR"), claimant="GUR")
        return make_analyzed(text, doc_id=doc, claims=[claim], source=f"Outlet {doc}")

    with open_store(new_ledger_url()) as store:
        if together:  # one block (a, c, m in id order): the merge happens among documents not written yet
            store.add_many([article("m"), article("c"), article("a")])
        else:
            store.add_many([article("a")])
            store.add_many([article("c")])
            assert len(set(_groups(store).values())) == 2
            store.add_many([article("m")])
        assert _groups(store) == {"a": "a", "c": "a", "m": "a"}
        _same(store)
