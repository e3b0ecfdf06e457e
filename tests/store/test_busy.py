"""A second writer waits its turn, one that waits too long gets a catalogued error, and a
store whose merged events are inconsistent is repaired rather than crashing a command."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.store.canonical import merge_problems, merged_events
from thucydides import Pipeline, Record, read_text_document
from thucydides.errors import ConfigError
from thucydides.store import Store, schema

TEXT = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def records(pipeline: Pipeline) -> list[Record]:
    """The same article as three documents, reported on three days."""
    return [
        pipeline(
            read_text_document(
                f"{TEXT}\n\nReport {n}.", published=date(2025, 7, 27 + n), doc_id=f"r{n}"
            )
        )
        for n in range(3)
    ]


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    locked = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait()
    return thread


def test_a_second_writer_waits_for_the_first(tmp_path: Path, records: list[Record]) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        thread = _hold_write_lock(path, 0.5)
        assert store.writer.add(records[0], "v1")  # waits, then writes
        thread.join()
        assert merge_problems(path) == []


def test_a_writer_kept_waiting_too_long_gets_E047(
    tmp_path: Path, records: list[Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite"
    monkeypatch.setattr(schema, "BUSY_SECONDS", 0.2)
    with Store(path) as store:
        thread = _hold_write_lock(path, 1.0)
        with pytest.raises(ConfigError, match=r"E047 the store is busy.* 0\.2 s"):
            store.writer.add(records[0], "v1")
        thread.join()
        assert store.writer.add(records[0], "v1")


def test_a_failed_write_is_E048_and_leaves_nothing(tmp_path: Path, records: list[Record]) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON merged_events "
            "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
        )
        with pytest.raises(ConfigError, match="E048 cannot write to the store: disk trouble"):
            store.writer.add(records[0], "v1")
        assert store.reader.counts().documents == 0


def _break_as_an_old_recode_did(store: Store, doc_id: str) -> None:
    """What a recode killed between deleting a document's events and merging again left:
    merged events whose mentions and first report are gone."""
    store.connection.execute(
        "DELETE FROM events WHERE doc = (SELECT rowid FROM documents WHERE id = ?)", (doc_id,)
    )


def test_an_inconsistent_store_is_merged_again_by_the_next_ingest(
    tmp_path: Path, records: list[Record]
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.writer.add(records[0], "v1")
        store.writer.add(records[1], "v1")
        _break_as_an_old_recode_did(store, "r0")
        assert merge_problems(path) != []
        store.writer.replace(records[0], "v1")  # the events come back, ids collide
        assert store.writer.add(records[2], "v1")
        assert merge_problems(path) == []
        before = merged_events(store.connection)
        store.merge(rebuild=True)
        assert merged_events(store.connection) == before


def test_a_store_merged_by_an_older_version_is_merged_again(
    tmp_path: Path, records: list[Record]
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.writer.add(records[0], "v1")
        store.connection.execute("UPDATE merged_events SET component = NULL")  # as migrated
        plan = store.merge()
        assert plan.rebuild
        assert merge_problems(path) == []
        assert store.connection.execute(
            "SELECT COUNT(*) FROM merged_events WHERE component IS NULL"
        ).fetchone() == (0,)
