"""Proposition lists show at most ``figures`` figures of each (``figures_total`` says how many it
has; ``/propositions/{id}`` gives all), and a list read after a write shows the write, although
pages are made from stored forms kept between calls."""

from __future__ import annotations

from datetime import date

from conftest import make_analyzed, make_claim
from fastapi.testclient import TestClient
from test_api import KURSK, demo_ledger

from fogofwar.interfaces.api import create_app
from fogofwar.models import TimeRef
from fogofwar.store import open_store


def _series_item(items: list[dict]) -> dict:
    return next(p for p in items if p["side"] == "PRK")


def _gur_report(day: int, value: int):
    text = f"As of {day} December, {value} North Korean soldiers have been killed or wounded in the Kursk region, GUR said."
    claim = make_claim(text, text.split(", GUR")[0], outcome="killed_or_wounded", value=value,
                       affected=("North Korean soldiers", "PRK"), claimant="GUR", place=KURSK,
                       when=TimeRef(0, 5, f"{day} December", date=f"2024-12-{day}", precision="day"))  # fmt: skip
    return make_analyzed(text, doc_id=f"nk-{day}", published=date(2024, 12, day), claims=[claim], source="Other Wire")


def test_a_list_caps_the_figures_of_each_proposition_and_says_how_many_it_has(tmp_path):
    db = tmp_path / "ledger.sqlite"
    demo_ledger(db)
    with TestClient(create_app(db)) as client:
        full = _series_item(client.get("/propositions").json()["items"])
        assert full["figures_total"] == len(full["figures"]) == 3
        capped = _series_item(client.get("/propositions", params={"figures": 2}).json()["items"])
        assert len(capped["figures"]) == 2 and len(capped["series"]) <= 2 and capped["figures_total"] == 3
        assert capped["figures"] == full["figures"][:2]
        one = client.get(f"/propositions/{capped['id']}").json()
        assert len(one["figures"]) == one["figures_total"] == 3
        assert client.get("/propositions", params={"figures": -1}).status_code == 422


def test_a_list_read_after_a_write_shows_the_write(tmp_path):
    db = tmp_path / "ledger.sqlite"
    demo_ledger(db)
    with TestClient(create_app(db)) as client:
        before = _series_item(client.get("/propositions").json()["items"])
        with open_store(db) as writer:  # another writer, as the API's worker process is
            writer.add(_gur_report(22, 500))
        after = _series_item(client.get("/propositions").json()["items"])
        assert after["figures_total"] == before["figures_total"] + 1
        assert 500 in [f["value"] for f in after["figures"]]
        assert client.get("/propositions").json() == client.get("/propositions").json()


def test_a_rendering_is_kept_until_its_proposition_changes(tmp_path):
    from fogofwar.ledger import PropositionIndex

    db = tmp_path / "ledger.sqlite"
    demo_ledger(db)
    made: list[str] = []

    def render(p) -> bytes:
        made.append(p.id)
        return f"{p.id}:{len(p.figures)}".encode()

    with open_store(db) as store:
        index = PropositionIndex(store)
        total, first = index.page_rendered(render, "test")
        assert len(first) == total and len(made) == total  # each made once
        assert index.page_rendered(render, "test")[1] == first and len(made) == total  # none again
        store.add(_gur_report(22, 500))  # one proposition grows
        total, after = index.page_rendered(render, "test")
        assert len(made) == len(first) + 1  # only the changed one is made again
        changed = [a for a in after if a not in first]
        assert len(changed) == 1 and changed[0].endswith(b":4")
