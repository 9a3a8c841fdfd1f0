"""``fogofwar extract --jsonl`` over the re3d-dev documents writes valid claims-jsonl for each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.eval.claim_files import load_predicted
from fogofwar.interfaces.cli import main
from fogofwar.models import ClaimKind

RE3D = Path(__file__).resolve().parents[2] / "shared" / "gold" / "re3d-dev"
KINDS = {k.value for k in ClaimKind}


@pytest.mark.skipif(not RE3D.is_dir(), reason="../shared is not beside this clone")
def test_every_re3d_document_gives_a_valid_claims_line(tmp_path, capsys):
    dump = tmp_path / "re3d.jsonl"
    texts = {}
    with dump.open("w", encoding="utf-8") as out:
        for documents in sorted(RE3D.glob("*/documents.json")):
            for line in documents.read_text(encoding="utf-8").splitlines():
                doc = json.loads(line)
                texts[doc["_id"]] = doc["text"]
                out.write(json.dumps({"id": doc["_id"], "text": doc["text"], "title": doc["title"],
                                      "url": doc["sourceUrl"], "source": doc["sourceName"]}) + "\n")
    result = tmp_path / "claims.jsonl"
    assert main(["extract", "--jsonl", str(dump), "--format", "claims-jsonl", "-o", str(result)]) == 0
    records = load_predicted(result)  # the scorer's own reader validates the shape
    assert [r["doc"] for r in records] == list(texts)
    for record in records:
        text = texts[record["doc"]]
        for claim in record["claims"]:
            assert claim["kind"] in KINDS
            for start, end in claim["evidence_spans"]:
                assert 0 <= start < end <= len(text)
            assert claim["evidence"] in text
        for entity in record["entities"]:
            assert text[entity["start"]:entity["end"]] == entity["text"]
