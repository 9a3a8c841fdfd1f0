"""Wire datelines: where a report was filed is kept out of every claim, offsets stay true."""

import pytest

import fogofwar
from fogofwar.ingest.dateline import find_dateline


@pytest.mark.parametrize("text, place, date, agency", [
    ("KYIV, March 3 (Reuters) - Russian forces killed four civilians.", "KYIV", "March 3", "Reuters"),
    ("KYIV (Wire) - Russian forces killed four civilians.", "KYIV", None, "Wire"),
    ("BEIRUT — An Israeli airstrike killed three people.", "BEIRUT", None, None),
    ("GAZA CITY, Jan. 5, 2025 (AP) -- Israeli strikes killed 12 people.", "GAZA CITY", "Jan. 5, 2025", "AP"),
    ("Kyiv, Ukraine (CNN) — Russia launched 90 drones overnight.", "Kyiv, Ukraine", None, "CNN"),
])
def test_datelines_are_found_with_offsets_into_the_text(text, place, date, agency):
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert text[found.place_start:found.place_end] == place
    assert text[found.end:found.end + 1].isupper()  # the story starts right after it


def test_a_dateline_after_a_headline_is_found():
    text = "Russian strike kills four in Kharkiv\nKHARKIV, Ukraine, March 3 (Reuters) - Four people were killed."
    found = find_dateline(text)
    assert found is not None and text[found.place_start:found.place_end] == "KHARKIV, Ukraine"


@pytest.mark.parametrize("text", [
    "Syria\n.       Near Ar Raqqah, five strikes engaged two ISIL tactical units.",
    "On Jan. 10, Coalition military forces conducted 23 strikes.",
    "US - led forces struck the town.",
    "UPDATE 2-Russia says it downed 30 drones",
])
def test_ordinary_openings_are_no_datelines(text):
    assert find_dateline(text) is None


def test_the_dateline_is_not_the_place_of_a_claim():
    text = ("KYIV, March 3 (Reuters) - Russian forces killed four civilians in a missile strike "
            "on the city of Kharkiv overnight, the regional governor said.")
    doc = fogofwar.analyze(text)
    assert doc.dateline == (0, 26)
    assert all(p.start >= 26 for p in doc.places)
    killed = [c for c in doc.claims if c.kind.value == "casualties"]
    assert killed and killed[0].location is not None and "Kharkiv" in killed[0].location.text


def test_a_bare_dateline_gives_no_place_at_all():
    doc = fogofwar.analyze("BEIRUT — An Israeli airstrike killed three Hezbollah fighters on Tuesday, the group said.")
    killed = [c for c in doc.claims if c.kind.value == "casualties"]
    assert killed and killed[0].location is None
    assert killed[0].evidence[0].text in doc.text  # provenance: offsets into the original text


def test_the_filing_date_of_a_dateline_dates_no_claim():
    doc = fogofwar.analyze("KYIV, March 3 (Reuters) - Russian forces killed four civilians in Kharkiv, "
                           "the regional governor said.", published="2025-03-03")
    assert all(t.start >= doc.dateline[1] for t in doc.times)
    assert all(c.time is None for c in doc.claims)


def test_the_dateline_is_no_part_of_the_first_sentence():
    text = ("MOSCOW, Jan 8 (Wire) - Russian troops have seized full control of the town of Kurakhove "
            "in Ukraine's Donetsk region, Russia's Defence Ministry said on Wednesday.")
    doc = fogofwar.analyze(text)
    first = doc.sentences[0]
    assert first.text.startswith("Russian troops") and text[first.start:first.end] == first.text
    seized = [c for c in doc.claims if c.kind.value == "territory"]
    assert seized and seized[0].agent is not None and seized[0].agent.text == "Russian troops"
    assert seized[0].agent.country == "RUS"
