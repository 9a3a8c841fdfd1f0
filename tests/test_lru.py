"""``SizedLRU``: the least recently used go first once the sizes pass the budget."""

from __future__ import annotations

from fogofwar.lru import SizedLRU


def test_the_least_recently_used_go_first_once_sizes_pass_the_budget() -> None:
    kept: SizedLRU[str, bytes] = SizedLRU(10, len)
    kept.put("a", b"1234")
    kept.put("b", b"1234")
    assert kept.get("a") == b"1234"  # now more recent than b
    kept.put("c", b"1234")  # 12 > 10: b goes
    assert "b" not in kept and kept.get("a") and kept.get("c") and kept.used == 8
    kept.put("a", b"12")  # replaced: its old size no longer counts
    assert kept.used == 6 and len(kept) == 2


def test_an_entry_larger_than_the_budget_is_kept_alone_and_counting_by_entries() -> None:
    kept: SizedLRU[str, bytes] = SizedLRU(3, len)
    kept.put("a", b"12")
    kept.put("big", b"123456")
    assert len(kept) == 1 and kept.get("big") == b"123456" and kept.get("a") is None
    counted: SizedLRU[int, str] = SizedLRU(2)
    for key in range(5):
        counted.put(key, str(key))
    assert [key for key in range(5) if key in counted] == [3, 4]
