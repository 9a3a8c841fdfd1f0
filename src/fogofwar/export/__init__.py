"""Output formats: claims-jsonl (the gold shape), JSON, CSV (ACLED-like) and GeoJSON, and a
readable terminal table. Every format is built from ``Claim.to_dict()`` records, so a claim
has one shape wherever it goes."""
