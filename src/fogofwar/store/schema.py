"""The SQLite schema of the ledger, as migrations (add a new function; never edit an old one).

Tables: ``documents`` (one row per distinct text), ``sentences``, ``entities``, ``claims``
(one column per filterable field plus ``json``, the full claim dict), ``evidence`` (the spans
of each claim) and ``evidence_fts`` (FTS5 over evidence text and its sentence, rowid =
evidence id). ``claims.date_lo``/``date_hi`` hold the days a claim's date covers (falling back
to its document's published date) so date filters are two indexed comparisons;
``claimant_key``/``place_key`` are case-folded copies for substring filters.
"""

from __future__ import annotations

import sqlite3

from fogofwar.store.migrations import Migrations

migrations = Migrations("fogofwar")


def _run(conn: sqlite3.Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(statement)


@migrations()
def m001_initial(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            source TEXT,
            url TEXT,
            published TEXT,
            origin TEXT,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_published ON documents (published)",
        """CREATE TABLE sentences (
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (doc, idx)
        ) WITHOUT ROWID""",
        """CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            type TEXT NOT NULL,
            text TEXT NOT NULL,
            country TEXT,
            canonical TEXT,
            source TEXT
        )""",
        "CREATE INDEX entities_doc ON entities (doc)",
        "CREATE INDEX entities_type ON entities (type)",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            outcome TEXT,
            value REAL,
            low REAL,
            high REAL,
            hedge TEXT,
            vague TEXT,
            affected_text TEXT,
            affected_country TEXT,
            affected_civilian INTEGER,
            agent_text TEXT,
            agent_country TEXT,
            target_text TEXT,
            target_country TEXT,
            recipient_text TEXT,
            recipient_country TEXT,
            item TEXT,
            weapon TEXT,
            place_name TEXT,
            place_text TEXT,
            country TEXT,
            admin1 TEXT,
            lat REAL,
            lon REAL,
            geo_precision TEXT,
            time_text TEXT,
            date TEXT,
            time_precision TEXT,
            claimant TEXT,
            claimant_cue TEXT,
            trigger TEXT,
            date_lo TEXT,
            date_hi TEXT,
            claimant_key TEXT,
            place_key TEXT,
            json TEXT NOT NULL,
            UNIQUE (doc, idx)
        )""",
        "CREATE INDEX claims_kind ON claims (kind)",
        "CREATE INDEX claims_kind_outcome ON claims (kind, outcome)",
        "CREATE INDEX claims_outcome ON claims (outcome)",
        "CREATE INDEX claims_affected_country ON claims (affected_country)",
        "CREATE INDEX claims_agent_country ON claims (agent_country)",
        "CREATE INDEX claims_country ON claims (country)",
        "CREATE INDEX claims_date_lo ON claims (date_lo, date_hi)",
        "CREATE INDEX claims_date_hi ON claims (date_hi, date_lo)",
        "CREATE INDEX claims_claimant_key ON claims (claimant_key)",
        "CREATE INDEX claims_place_key ON claims (place_key)",
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            sentence_index INTEGER
        )""",
        "CREATE INDEX evidence_claim ON evidence (claim)",
        """CREATE VIRTUAL TABLE evidence_fts USING fts5 (
            text, sentence, tokenize = 'porter unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN
            DELETE FROM evidence_fts WHERE rowid = old.id;
        END""",
    )


@migrations()
def m002_document_copies(conn: sqlite3.Connection) -> None:
    """Syndicated copies: the same text (same content hash) from another publisher or URL."""
    _run(
        conn,
        """CREATE TABLE document_copies (
            id INTEGER PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            source TEXT,
            url TEXT,
            published TEXT,
            title TEXT,
            ingested_at TEXT NOT NULL,
            copy_key TEXT NOT NULL,
            UNIQUE (doc, copy_key)
        )""",
    )


@migrations()
def m003_propositions(conn: sqlite3.Connection) -> None:
    """Propositions kept in the ledger (``store.proposition_table``), filled on first use."""
    _run(conn, *PROPOSITION_TABLES)


PROPOSITION_TABLES = (
    "ALTER TABLE claims ADD COLUMN proposition_key TEXT",
    "ALTER TABLE claims ADD COLUMN group_day TEXT",
    "CREATE INDEX claims_proposition_key ON claims (proposition_key, group_day)",
    """CREATE TABLE propositions (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        side TEXT,
        disputed INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        figures INTEGER NOT NULL,
        date_from TEXT NOT NULL,
        reach TEXT
    )""",
    "CREATE INDEX propositions_key ON propositions (key, reach)",
    "CREATE INDEX propositions_order ON propositions (sources DESC, figures DESC, date_from, id)",
    "CREATE INDEX propositions_disputed ON propositions (disputed, sources DESC, figures DESC, date_from, id)",
    """CREATE TABLE proposition_claims (
        claim BIGINT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        proposition TEXT NOT NULL
    )""",
    "CREATE INDEX proposition_claims_proposition ON proposition_claims (proposition)",
    """CREATE TABLE document_groups (
        doc TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        grp TEXT NOT NULL
    )""",
    "CREATE INDEX document_groups_grp ON document_groups (grp)",
    """CREATE TABLE document_sketches (
        doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX document_sketches_hash ON document_sketches (hash)",
)


@migrations()
def m004_pending_documents(conn: sqlite3.Connection) -> None:
    """Documents written but not yet grouped into propositions (``store.proposition_table``):
    a bulk ingest regroups once at its end, a read of propositions first regroups what is left."""
    _run(conn, *PENDING_TABLES)


PENDING_TABLES = (
    "CREATE TABLE pending_documents (doc TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE)",
)


@migrations()
def m005_proposition_bodies(conn: sqlite3.Connection) -> None:
    """Each proposition's built form (``propositions.body``, ``ledger.proposition_json``), so a
    page is one read; documents that gained a syndicated copy since their propositions were
    built are listed (``refresh_documents``, by a trigger) and rebuilt at the next regrouping.
    Rows of an older ledger have no body: they are filled on first use."""
    _run(conn, *BODY_TABLES,
         """CREATE TRIGGER document_copies_refresh AFTER INSERT ON document_copies BEGIN
             INSERT OR IGNORE INTO refresh_documents (doc) VALUES (new.doc);
         END""")  # fmt: skip


BODY_TABLES = (
    "ALTER TABLE propositions ADD COLUMN body TEXT",
    "CREATE INDEX propositions_unbuilt ON propositions (id) WHERE body IS NULL",
    "CREATE TABLE refresh_documents (doc TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE)",
)
