"""The store's schema: migrations in order, WAL, full-text search, refusal of newer stores."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from thucydides import Pipeline, read_text_document
from thucydides.errors import ConfigError
from thucydides.store import Store
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
    with sqlite3.connect(path) as db:  # undo migration 2, as a store of the first release
        db.execute("DROP TABLE recode_queue")
        db.execute("DROP INDEX merged_events_component")
        db.execute("ALTER TABLE merged_events DROP COLUMN component")
        db.execute("DELETE FROM schema_version WHERE version = 2")
    with Store(path) as store:
        assert schema_version(store.connection) == SCHEMA_VERSION
        assert store.merge().rebuild  # no merged event knows its component yet
        assert store.reader.counts().merged_events == merged
        assert not store.merge().rebuild
