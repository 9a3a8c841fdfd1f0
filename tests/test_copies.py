"""Syndicated copies (#11): the same text from another publisher or URL is kept as a copy of the
stored document, a second source of its claims counted once among independent sources. Through
the bundled samples 10 (Harbour Wire) and 11 (Northern Courier), analysed by the real pipeline,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from fogofwar.interfaces.api import create_app
from fogofwar.interfaces.cli import main
from fogofwar.ledger import compute
from fogofwar.samples import sample_articles
from fogofwar.store import open_store

ORIGINAL, SYNDICATED = "sample:10_kursk_nk_300", "sample:11_kursk_nk_300_syndicated"


@pytest.fixture(scope="module")
def analyzed():
    """Sample 10 analysed, and the same text as Northern Courier carried it (sample 11's outlet,
    URL and headline): a copy with the same content hash."""
    from fogofwar.pipeline import Pipeline

    by_id = {a.id: a for a in sample_articles(include_html=False)}
    original, other = by_id[ORIGINAL], by_id[SYNDICATED]
    copy = replace(original, id=other.id, source=other.source, url=other.url, title=other.title,
                   published=other.published)  # fmt: skip
    assert copy.content_hash == original.content_hash and other.content_hash != original.content_hash
    pipeline = Pipeline()
    return pipeline.analyze(original), pipeline.analyze(copy)


def test_the_same_text_from_another_outlet_is_kept_as_a_copy(ledger_url, analyzed):
    original, copy = analyzed
    with open_store(ledger_url) as store:
        assert store.add_many([original]) == 1
        assert store.add_many([copy]) == 0  # not a new document: its text is stored
        copies = store.document_copies(ORIGINAL)
        assert [(c.doc, c.source, c.url) for c in copies] == [
            (ORIGINAL, "Northern Courier", copy.article.url)]
        assert store.document(ORIGINAL).copies == copies
        assert store.count_documents() == 1


def test_re_ingesting_the_same_outlet_and_url_is_a_no_op(ledger_url, analyzed):
    original, copy = analyzed
    with open_store(ledger_url) as store:
        store.add_many([original, copy])
        before = (store.stats(), store.document_copies())
        assert store.add_many([original, copy]) == 0
        assert store.add_many([original]) == 0
        assert (store.stats(), store.document_copies()) == before
        assert len(before[1]) == 1


def test_a_copy_is_a_second_outlet_of_the_propositions_but_one_independent_source(ledger_url, analyzed):
    original, copy = analyzed
    with open_store(ledger_url) as store:
        store.add_many([original])
        alone = {p.id: p for p in compute(store).propositions}
        store.add_many([copy])
        both = {p.id: p for p in compute(store).propositions}
    assert alone and set(alone) == set(both)
    for pid, p in both.items():
        assert p.sources == alone[pid].sources == 1
        assert p.independent_claimants == alone[pid].independent_claimants
        assert p.outlets == ("Harbour Wire", "Northern Courier") and alone[pid].outlets == ("Harbour Wire",)
        assert p.publications == 2 and alone[pid].publications == 1


def test_copies_are_shown_by_the_api_and_by_show(ledger_url, analyzed, capsys):
    original, copy = analyzed
    with open_store(ledger_url) as store:
        store.add_many([original, copy])
    with TestClient(create_app(ledger_url)) as client:
        body = client.get(f"/documents/{ORIGINAL}").json()
    assert [(c["source"], c["url"], c["published"]) for c in body["copies"]] == [
        ("Northern Courier", copy.article.url, "2024-12-18")]
    assert main(["show", ORIGINAL, "--db", ledger_url, "--no-color"]) == 0
    assert f"syndicated copy: Northern Courier   published: 2024-12-18   url: {copy.article.url}" in capsys.readouterr().out
