"""Property-based tests: whatever the input, fogofwar answers with results or its own errors.

Over ``analyze``, the readers (text, HTML, JSON Lines) and the quantity and time parsers:
no exception other than a ``FogError``; every span inside the text and equal to the text it
points at; ``low <= value <= high`` where set; each example within a generous ``deadline``
(hypothesis fails an example that runs past it: a time bound, not a timing assertion).

The budget is a hypothesis profile: ``ci`` (the default, small, to keep the suite fast) or
``fuzz`` (thousands of examples): ``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz.py``.
``scripts/fuzz.py`` runs the same properties with a larger budget and prints what it tried.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fogofwar.errors import FogError, LongInputWarning
from fogofwar.models import AnalyzedArticle, Quantity

settings.register_profile(
    "ci", max_examples=12, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# pieces of reporting, of odd tokens and of pathological runs, joined at random
FRAGMENTS = [
    "Russian forces", "Ukrainian troops", "killed", "wounded", "at least", "about", "between", "and",
    "more than", "dozens of", "civilians", "soldiers", "tanks", "were destroyed", "near Bakhmut",
    "in the Kursk region", "Kharkiv", "on Friday", "last week", "on 31 February 2024", "on 99/99/9999",
    "last Blursday", "12", "1,200", "3.5", "2-3", "10 to 20", "40-plus", "$5m", "two hundred and fifty",
    "the governor said.", "according to the General Staff,", "reportedly", "\"", "“", "”", "'", "(", ")",
    "[3]", ",", ".", "\n", "\n\n", " ", "-", "—", "%", "km", "910-432-3383", "Mr", "Lt.", "al-", "ISIS",
    "7" * 250, "(" * 300, "\"" * 220, ", a" * 40, "x" * 260, "١٢٣", "ß", "\u200b", "\t", "\r\n",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("0123456789,.-–() \"'“”\n/:aAkmst")), max_size=400),
)
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _spans(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every dataclass with ``start``, ``end`` and ``text`` inside ``value``, with where it is."""
    found: list[tuple[str, Any]] = []
    if is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in fields(value)}
        if {"start", "end", "text"} <= names:
            found.append((path or type(value).__name__, value))
        for f in fields(value):
            if f.name in ("cache", "parses", "article"):
                continue
            found.extend(_spans(getattr(value, f.name), f"{path}.{f.name}"))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found.extend(_spans(item, f"{path}[{i}]"))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.extend(_spans(item, f"{path}[{key}]"))
    return found


def check_spans(text: str, value: Any) -> None:
    for where, span in _spans(value):
        if span.start is None or span.end is None:
            continue
        assert 0 <= span.start <= span.end <= len(text), f"{where}: {span.start}..{span.end} outside the text"
        assert text[span.start : span.end] == span.text, f"{where}: {span.text!r} is not the text it points at"


def check_bounds(quantity: Quantity | None) -> None:
    if quantity is None:
        return
    v, lo, hi = quantity.value, quantity.low, quantity.high
    if lo is not None and hi is not None:
        assert lo <= hi, quantity
    if v is not None and lo is not None:
        assert lo <= v, quantity
    if v is not None and hi is not None:
        assert v <= hi, quantity


def check_article(text: str, doc: AnalyzedArticle) -> None:
    check_spans(text, doc)
    for q in doc.quantities:
        check_bounds(q)
    for claim in doc.claims:
        check_bounds(claim.quantity)
        assert claim.evidence, claim
        json.dumps(claim.to_dict())  # every claim can be written out


@pytest.fixture(scope="module")
def warm() -> None:
    from fogofwar import analyze

    analyze("Russian forces killed 12 soldiers near Bakhmut on Friday, officials said.")


def _analyze(text: str, when: date | None) -> AnalyzedArticle | None:
    from fogofwar import analyze

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LongInputWarning)
            return analyze(text, published=when, doc_id="fuzz")
    except FogError:
        return None


@settings(PROFILE)
@given(text=texts, when=published)
@example(text="0" * 201 + " 00", when=None)  # once a mention across the end of a cut run
def test_analyze_any_text(warm: None, text: str, when: date | None) -> None:
    doc = _analyze(text, when)
    if doc is not None:
        check_article(text, doc)


def test_a_long_run_is_cut_with_a_warning_naming_the_document(warm: None) -> None:
    from fogofwar import analyze

    text = "(" * 5000 + " Russian forces killed 12 soldiers near Bakhmut, officials said. " + "7" * 3000
    with pytest.warns(LongInputWarning, match="long-doc"):
        doc = analyze(text, doc_id="long-doc")
    check_article(text, doc)
    assert doc.claims and doc.claims[0].quantity is not None and doc.claims[0].quantity.value == 12


def test_a_sentence_of_thousands_of_words_is_analysed_in_pieces(warm: None) -> None:
    from fogofwar import analyze
    from fogofwar.language.guard import MAX_SENTENCE

    text = "Strikes hit " + ", ".join(f"Village{i}" for i in range(3000)) + ", killing 3 people."
    with pytest.warns(LongInputWarning, match="cut into pieces"):
        doc = analyze(text, doc_id="list")
    assert all(s.end - s.start <= MAX_SENTENCE for s in doc.sentences)
    check_article(text, doc)


@settings(PROFILE)
@given(text=texts)
def test_quantity_parser(text: str) -> None:
    from fogofwar.language.quantities import parse_quantities

    for q in parse_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text, q
        check_bounds(q)


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")  # a day, a month, a year or an ISO week


@settings(PROFILE)
@given(text=texts, when=published)
def test_time_parser(text: str, when: date | None) -> None:
    from fogofwar.language.times import find_times

    for t in find_times(text, when):
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text, t
        if t.date is not None:
            assert _ISO.fullmatch(t.date), t
            if len(t.date) == 10:
                date.fromisoformat(t.date)


@settings(PROFILE)
@given(text=texts)
def test_text_reader(text: str) -> None:
    from fogofwar.ingest import article_from_text, decode_text

    for data in (text.encode("utf-8"), text.encode("utf-16"), text.encode("latin-1", "replace")):
        try:
            decoded = decode_text(data, "fuzz.txt")
            article = article_from_text(decoded, "fuzz", "fuzz.txt")
        except FogError as exc:
            assert "fuzz.txt" in str(exc) and "\n" not in str(exc)
            continue
        assert article.text == decoded


html_pages = st.one_of(st.binary(max_size=300), texts.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()))


@settings(PROFILE)
@given(data=html_pages)
def test_html_reader(data: bytes) -> None:
    from fogofwar.ingest import article_from_html

    try:
        article = article_from_html(data, "fuzz", "fuzz.html")
    except FogError as exc:
        assert "fuzz.html" in str(exc) and "\n" not in str(exc)
        return
    assert isinstance(article.text, str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "x"]), inner, max_size=4),
    max_leaves=8,
)
records = st.one_of(
    st.binary(max_size=120),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"text": texts}, optional={"id": json_values, "published": json_values, "title": json_values})
    .map(lambda v: json.dumps(v).encode()),
)
jsonl_dumps = st.lists(records, max_size=6)


@settings(PROFILE, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=jsonl_dumps)
def test_jsonl_reader(tmp_path, lines: list[bytes]) -> None:
    from fogofwar.ingest import read_jsonl

    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    for item in read_jsonl(path):
        if isinstance(item, FogError):
            assert str(path) in str(item) and "\n" not in str(item)
        else:
            assert isinstance(item.text, str) and item.text.strip()
