"""A page's total stays exact while claims are added, by this store or by another writer
(``store.claim_counts``: SQLite counts only what was added since; PostgreSQL counts afresh)."""

from __future__ import annotations

from datetime import date

from conftest import make_analyzed, make_claim

from fogofwar.store import ClaimFilter, open_store

FILTERS = [
    ClaimFilter(),
    ClaimFilter(kind="casualties", country="UKR"),
    ClaimFilter(country="RUS"),
    ClaimFilter(claimant="army", date_from=date(2024, 6, 1)),
    ClaimFilter(outcome="wounded"),
]


def _articles(start: int, n: int):
    out = []
    for i in range(start, start + n):
        side, who = ("UKR", "the Ukrainian army") if i % 2 else ("RUS", "the Russian governor")
        text = f"{i + 2} people were {'wounded' if i % 3 else 'killed'} in town number {i}, {who} said."
        claim = make_claim(text, text.split(" in town")[0], outcome="wounded" if i % 3 else "killed",
                           value=i + 2, affected=("people", side), claimant=who)  # fmt: skip
        out.append(make_analyzed(text, doc_id=f"d{i}", published=date(2024, 1 + i % 12, 10), claims=[claim]))
    return out


def _fresh(store, f: ClaimFilter) -> int:
    return sum(1 for _ in store.claims(f, limit=None))


def test_totals_stay_exact_as_claims_are_added_by_this_store_and_by_another(ledger_url):
    with open_store(ledger_url) as reader, open_store(ledger_url) as writer:
        writer.add_many(_articles(0, 12))
        first = [reader.count_claims(f) for f in FILTERS]
        assert first == [_fresh(reader, f) for f in FILTERS] and first[0] == 12
        writer.add_many(_articles(12, 7))  # another writer: the reader's counts must follow
        reader.add_many(_articles(19, 5))  # and its own writes
        assert [reader.count_claims(f) for f in FILTERS] == [_fresh(reader, f) for f in FILTERS]
        assert reader.count_claims() == 24 and reader.count_claims(FILTERS[1]) == 12
        writer.add_many(_articles(0, 3))  # stored already: nothing new to count
        assert reader.count_claims() == 24
