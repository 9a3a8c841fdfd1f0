"""Propositions across documents, built from hand-made claims stored in a real ledger (each test
runs on SQLite and on PostgreSQL: the ``new_ledger_url`` fixture)."""

from __future__ import annotations

from datetime import date

from conftest import make_analyzed, make_claim

from fogofwar.ledger import compute, find_syndicated, is_cumulative, outcomes_compatible
from fogofwar.models import Place, TimeRef
from fogofwar.store import open_store

BELGOROD = Place(0, 8, "Belgorod", name="Belgorod", country="RUS", admin1="Belgorod Oblast",
                 latitude=50.6, longitude=36.6, precision="city")  # fmt: skip
KURSK = Place(0, 5, "Kursk region", name="Kursk", country="RUS", admin1="Kursk Oblast",
              latitude=51.73, longitude=36.19, precision="admin1")  # fmt: skip

MOD = "Two employees were wounded when debris fell on the fuel depot, the Russian defence ministry said."
GOV = "Five people were wounded when Ukrainian drones attacked a fuel depot outside Belgorod, the governor said."
WIRE = (
    "At least 300 North Korean soldiers have been killed or wounded in the Kursk region, Ukraine's "
    "military intelligence said on Wednesday, raising its estimate from about 200 last week. The agency "
    "said the attacks were carried out on foot, across open fields, and were easy targets for drones. "
    "The figures could not be independently verified by reporters working in the region this week."
)


def _wounded(text, doc, value, claimant, published=date(2024, 11, 21), place=BELGOROD, side="RUS"):
    phrase = text.split(",")[0]
    claim = make_claim(text, phrase, outcome="wounded", value=value, affected=("people", side),
                       claimant=claimant, place=place)  # fmt: skip
    return make_analyzed(text, doc_id=doc, published=published, claims=[claim], source=f"{doc} news")


def _props(target, docs):
    with open_store(target) as store:
        store.add_many(docs)
        return compute(store).propositions


def test_two_claimants_with_different_figures_make_one_disputed_proposition(new_ledger_url):
    props = _props(new_ledger_url(), [_wounded(MOD, "a", 2, "the Russian defence ministry"),
                              _wounded(GOV, "b", 5, "the governor")])  # fmt: skip
    assert len(props) == 1
    p = props[0]
    assert p.disputed and p.agree is False
    assert p.independent_claimants == 2 and p.sources == 2
    assert p.disagreements[0].values == (("the Russian defence ministry", 2.0), ("the governor", 5.0))


def test_same_figure_from_two_claimants_agrees(new_ledger_url):
    props = _props(new_ledger_url(), [_wounded(MOD, "a", 2, "the ministry"), _wounded(GOV, "b", 2, "the governor")])
    assert len(props) == 1 and props[0].agree is True and not props[0].disputed


def test_claims_a_month_apart_are_different_propositions(new_ledger_url):
    props = _props(new_ledger_url(), [_wounded(MOD, "a", 2, "the ministry"),
                              _wounded(GOV, "b", 5, "the governor", published=date(2024, 12, 25))])  # fmt: skip
    assert len(props) == 2 and not any(p.disputed for p in props)


def test_different_affected_sides_are_not_grouped(new_ledger_url):
    props = _props(new_ledger_url(), [_wounded(MOD, "a", 2, "the ministry"),
                              _wounded(GOV, "b", 5, "the governor", side="UKR")])  # fmt: skip
    assert len(props) == 2


def test_different_places_are_not_grouped_but_a_claim_without_place_joins(new_ledger_url):
    props = _props(new_ledger_url(), [_wounded(MOD, "a", 2, "the ministry"),
                              _wounded(GOV, "b", 5, "the governor", place=KURSK),
                              _wounded(MOD + " Later.", "c", 2, "the ministry", place=None)])  # fmt: skip
    assert len(props) == 2
    assert sorted(len(p.figures) for p in props) == [1, 2]


def test_killed_or_wounded_is_compatible_with_killed_but_killed_is_not_wounded():
    assert outcomes_compatible("killed_or_wounded", "killed")
    assert outcomes_compatible("wounded", "killed_or_wounded")
    assert not outcomes_compatible("killed", "wounded")
    assert not outcomes_compatible("killed", "captured")


def test_running_totals_form_a_growing_series(new_ledger_url):
    docs = []
    for n, (value, day) in enumerate([(200, 14), (300, 18), (400, 20)]):
        text = f"As of {day} December, {value} North Korean soldiers have been killed or wounded in the Kursk region, GUR said."
        claim = make_claim(text, text.split(", GUR")[0], outcome="killed_or_wounded", value=value,
                           affected=("North Korean soldiers", "PRK"), claimant="GUR", place=KURSK,
                           when=TimeRef(0, 5, f"{day} December", date=f"2024-12-{day}", precision="day"))  # fmt: skip
        docs.append(make_analyzed(text, doc_id=f"nk{n}", published=date(2024, 12, day), claims=[claim]))
    props = _props(new_ledger_url(), docs)
    assert len(props) == 1
    p = props[0]
    assert p.cumulative and not p.disputed
    assert [(s.date, s.value) for s in p.series] == [("2024-12-14", 200), ("2024-12-18", 300), ("2024-12-20", 400)]
    assert p.independent_claimants == 1


def test_syndicated_copies_count_as_one_source(new_ledger_url):
    copy = "Kyiv raises its estimate\n" + WIRE
    original = "North Korean losses rise to 300\n" + WIRE
    docs = []
    for doc, text in (("wire", original), ("copy", copy)):
        claim = make_claim(text, "At least 300 North Korean soldiers have been killed or wounded",
                           outcome="killed_or_wounded", value=300, affected=("soldiers", "PRK"), place=KURSK)  # fmt: skip
        docs.append(make_analyzed(text, doc_id=doc, published=date(2024, 12, 18), claims=[claim]))
    props = _props(new_ledger_url(), docs)
    assert len(props) == 1 and len(props[0].figures) == 2
    assert props[0].sources == 1 and props[0].independent_claimants == 1


def test_near_duplicates_found_but_different_reports_are_not():
    other = "Missile strike on Kharkiv kills four people and wounds eleven, regional officials said on Friday morning."
    groups = find_syndicated([("a", "Headline one\n" + WIRE), ("b", "Headline two\n" + WIRE), ("c", other)])
    assert groups.of("b") == "a" and groups.of("c") == "c"
    assert groups.copies("a") == ["a", "b"]


def test_proposition_ids_do_not_depend_on_storage_order(new_ledger_url):
    a, b = _wounded(MOD, "a", 2, "the ministry"), _wounded(GOV, "b", 5, "the governor")
    first = _props(new_ledger_url(), [a, b])
    second = _props(new_ledger_url(), [b, a])
    assert [p.id for p in first] == [p.id for p in second]


def test_cumulative_cues_are_read_from_the_data_file():
    assert is_cumulative("about 200 soldiers have been killed or wounded so far")
    assert not is_cumulative("three people were killed on Thursday")


def test_in_memory_claim_filter_agrees_with_the_store(store):
    """The proposition index answers kind/outcome/side/country filters from memory: same ids."""
    from conftest import make_analyzed, make_claim

    from fogofwar.ledger.index import compute
    from fogofwar.models import ClaimKind
    from fogofwar.store import ClaimFilter

    text = "Ten soldiers were killed. Two tanks were destroyed. Five soldiers were wounded"
    claims = [
        make_claim(text, "Ten soldiers were killed", value=10, affected=("soldiers", "RUS"), agent=("x", "UKR")),
        make_claim(text, "Two tanks were destroyed", kind=ClaimKind.EQUIPMENT_LOSS, outcome="destroyed",
                   value=2, affected=("tanks", "UKR"), sentence_index=1),
        make_claim(text, "Five soldiers were wounded", outcome="wounded", value=5,
                   affected=("soldiers", "UKR"), agent=("y", "RUS"), sentence_index=2),
    ]
    store.add(make_analyzed(text, doc_id="d", claims=claims))
    snap = compute(store)
    for f in (ClaimFilter(country="RUS"), ClaimFilter(side="ukr"), ClaimFilter(kind="casualties", country="UKR"),
              ClaimFilter(outcome="wounded"), ClaimFilter(kind="supply")):
        assert snap.claim_ids(f) == store.claim_ids(f), f
    assert snap.claim_ids(ClaimFilter(claimant="x")) is None  # needs the store
