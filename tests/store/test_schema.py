"""The store's schema: migrations in order, WAL, full-text search, refusal of newer stores."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from thucydides import Pipeline, read_text_document
from thucydides.errors import ConfigError
from thucydides.export import ExportFormat, export
from thucydides.export.jsonl import read_jsonl
from thucydides.store import Store
from thucydides.store import schema as schema_module
from thucydides.store.schema import SCHEMA_VERSION, schema_version


def test_new_store_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        db = store.connection
        assert schema_version(db) == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in (
            "documents",
            "events",
            "quotes",
            "stances",
            "agreements",
            "timexes",
            "merged_events",
            "merged_mentions",
            "sentences_fts",
        ):
            assert table in tables


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with Store(path) as store:
        rows = store.connection.execute("SELECT version FROM schema_version").fetchall()
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    with pytest.raises(ConfigError, match="E041"):
        Store(path)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("plain text, not SQLite " * 100)
    with pytest.raises(ConfigError, match="E040"):
        Store(path)


def test_a_store_of_schema_version_1_is_migrated_and_merged_again(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "s.sqlite"
    text = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")
    with Store(path) as store:
        store.writer.add(pipeline(read_text_document(text, published=date(2025, 7, 29))), "v1")
        merged = store.reader.counts().merged_events
    with sqlite3.connect(path) as db:  # undo migrations 3 and 2: a store of the first release
        db.execute("ALTER TABLE events DROP COLUMN rule")
        db.execute("DROP TABLE recode_queue")
        db.execute("DROP INDEX merged_events_component")
        db.execute("ALTER TABLE merged_events DROP COLUMN component")
        db.execute("DELETE FROM schema_version WHERE version >= 2")
    with Store(path) as store:
        assert schema_version(store.connection) == SCHEMA_VERSION
        assert store.merge().rebuild  # no merged event knows its component yet
        assert store.reader.counts().merged_events == merged
        assert not store.merge().rebuild


# Every table a store of schema version 2 holds data in, parents before children.
_V2_TABLES = (
    "documents",
    "sentences",
    "events",
    "mentions",
    "timexes",
    "quotes",
    "stances",
    "agreements",
    "agreement_parties",
    "merged_events",
    "merged_mentions",
)


def _columns(db: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA {schema}.table_info({table})")]


def _without_rules(record: str) -> str:
    """A thucydides/1 record as versions before the ``rule`` field wrote it."""
    loaded = json.loads(record)
    for event in loaded["events"]:
        del event["rule"]
    return json.dumps(loaded, ensure_ascii=False)


def test_a_store_of_schema_version_2_gains_the_rule_column_with_no_rules(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")
    current = tmp_path / "current.sqlite"
    with Store(current) as store:
        store.writer.add(pipeline(read_text_document(text, published=date(2025, 7, 29))), "v2")
        coded = store.reader.events()
    assert coded and any(row.rule for row in coded)  # a current store keeps the rules
    # A store of the previous release: only its migrations, holding the same data.
    old = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr(schema_module, "SCHEMA_VERSION", 2)
        Store(old).close()
    with sqlite3.connect(old) as db:
        assert schema_version(db) == 2
        assert "rule" not in _columns(db, "events")
        db.execute("ATTACH DATABASE ? AS current", (str(current),))
        for table in _V2_TABLES:
            names = ", ".join(f'"{c}"' for c in _columns(db, table))
            db.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM current.{table}")
        db.create_function("without_rules", 1, _without_rules)
        db.execute("UPDATE documents SET record = without_rules(record)")
    db.close()
    with Store(old) as store:
        assert schema_version(store.connection) == SCHEMA_VERSION
        events = store.reader.events()
        assert events == [replace(row, rule=None) for row in coded]
        assert not store.merge().rebuild  # the merged events came through untouched
        records = tmp_path / "records.jsonl"
        export(store.reader, ExportFormat.JSONL, records)
        (record,) = read_jsonl(records)  # a record without rules is still valid
        assert record["events"] and all("rule" not in e for e in record["events"])
        # Documents stored after the migration keep their rules beside the old ones.
        new = read_text_document("France condemned Russia on Monday.", doc_id="new")
        store.writer.add(pipeline(new), "v3")
        added = [row for row in store.reader.events() if row.doc_id == "new"]
        assert added and all(row.rule for row in added)
