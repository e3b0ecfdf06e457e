"""The store's SQLite schema and its ordered migrations.

A store records the schema version it is at in ``schema_version``; opening it applies,
in order and each in its own transaction, every migration it has not seen. Migrations are
never edited once released: a change to the schema is a new entry at the end of
:data:`MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from thucydides.errors import ConfigError, Msg

# Columns of one actor reference, repeated under a prefix (actor_, recipient_, speaker_, ...).
_ACTOR = """{p}_text TEXT, {p}_start INTEGER, {p}_end INTEGER, {p}_code TEXT, {p}_country TEXT,
  {p}_sector TEXT, {p}_name TEXT, {p}_role TEXT"""
# Columns of one date with its precision.
_DATE = "{p}_value TEXT, {p}_precision TEXT, {p}_text TEXT, {p}_source TEXT"

_V1 = f"""
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  url TEXT, title TEXT, published TEXT, language TEXT NOT NULL, source TEXT NOT NULL,
  site TEXT,  -- the site (host of its URL) it came from, for counting distinct sources
  text TEXT NOT NULL,
  record TEXT NOT NULL, -- the thucydides/1 record exactly as coded
  engine_version TEXT NOT NULL,
  coded_at TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_engine ON documents(engine_version);

CREATE TABLE sentences (
  rowid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  UNIQUE (doc, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TABLE events (
  rowid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL, event_id TEXT NOT NULL, sentence INTEGER NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  evidence TEXT NOT NULL, sentence_text TEXT,
  trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  cameo TEXT NOT NULL, cameo_name TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, mode TEXT,
  context TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,
  {_ACTOR.format(p="actor")},
  {_ACTOR.format(p="recipient")},
  {_ACTOR.format(p="speaker")},
  {_DATE.format(p="date")},
  location_name TEXT, location_country TEXT, location_lat REAL, location_lon REAL,
  factuality TEXT NOT NULL, confidence REAL NOT NULL,
  UNIQUE (doc, position)
);
CREATE INDEX events_actor ON events(actor_code);
CREATE INDEX events_actor_country ON events(actor_country);
CREATE INDEX events_recipient ON events(recipient_code);
CREATE INDEX events_recipient_country ON events(recipient_country);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_cameo ON events(cameo);

CREATE TABLE mentions (
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  {_ACTOR.format(p="actor")},
  PRIMARY KEY (doc, position)
);

CREATE TABLE timexes (
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL, sentence INTEGER NOT NULL,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  type TEXT NOT NULL, value TEXT NOT NULL, precision TEXT,
  PRIMARY KEY (doc, position)
);

CREATE TABLE quotes (
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  {_ACTOR.format(p="speaker")},
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, cue TEXT, kind TEXT NOT NULL,
  PRIMARY KEY (doc, position)
);

CREATE TABLE stances (
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  {_ACTOR.format(p="holder")},
  topic TEXT NOT NULL,
  {_ACTOR.format(p="target")},
  stance TEXT NOT NULL, reason TEXT,
  {_DATE.format(p="date")},
  evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
  PRIMARY KEY (doc, position)
);
CREATE INDEX stances_topic ON stances(topic);

CREATE TABLE agreements (
  rowid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL, status TEXT NOT NULL,
  {_DATE.format(p="signed")},
  evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
  UNIQUE (doc, position)
);
CREATE TABLE agreement_parties (
  agreement INTEGER NOT NULL REFERENCES agreements(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  {_ACTOR.format(p="party")},
  PRIMARY KEY (agreement, position)
);

CREATE TABLE merged_events (
  id TEXT PRIMARY KEY,
  actor_country TEXT, actor_sector TEXT, recipient_country TEXT, recipient_sector TEXT,
  root TEXT NOT NULL, plover TEXT, cameo TEXT NOT NULL,
  date_value TEXT, date_precision TEXT, location_name TEXT,
  first_reported TEXT,
  first_event INTEGER NOT NULL,  -- the first report, whose evidence stands for the event
  num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL
);
CREATE TABLE merged_mentions (
  merged TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
  event INTEGER NOT NULL UNIQUE REFERENCES events(rowid) ON DELETE CASCADE
);
CREATE INDEX merged_mentions_merged ON merged_mentions(merged);
"""

# Merging re-merges whole components (see merge.py), so a merged event names its own; a
# ``recode --all`` records what it has still to do, so that a killed one resumes.
_V2 = """
ALTER TABLE merged_events ADD COLUMN component TEXT;
CREATE INDEX merged_events_component ON merged_events(component);
CREATE TABLE recode_queue (
  doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE
);
"""

# Each event names the rule that coded it (``patterns.yaml#111.criticize``,
# ``CAMEO.2.0.txt:5437``, ``coder:appeal``); events stored before it have none (NULL).
_V3 = """
ALTER TABLE events ADD COLUMN rule TEXT;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)
# How long a writer waits for another one (another process ingesting into the same store)
# to commit before giving up; every write transaction is one document, so seconds at most.
BUSY_SECONDS = 60


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a store and bring its schema up to date."""
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        _configure(connection)
        migrate(connection, path)
    except sqlite3.Error as exc:
        raise ConfigError(Msg.E040, path=path, detail=exc) from exc
    return connection


def _configure(connection: sqlite3.Connection) -> None:
    # WAL lets readers query while an ingest writes; synchronous=FULL makes every committed
    # document survive a crash of the machine too, not only of the process.
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")


def schema_version(connection: sqlite3.Connection) -> int:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations the store has not seen, each atomically with its version row.

    Two processes may open a new store at once: each migration reads the version inside
    its own write transaction, so the second one finds it applied and skips it."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise ConfigError(Msg.E041, path=path, found=found, supported=SCHEMA_VERSION)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        # executescript would commit on its own; run the statements inside one transaction.
        connection.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(connection) < version:
                _apply(connection, version)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _apply(connection: sqlite3.Connection, version: int) -> None:
    for statement in _statements(MIGRATIONS[version - 1]):
        connection.execute(statement)
    connection.execute(
        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
        (version, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers hold inner ``;``)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
