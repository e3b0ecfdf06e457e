"""Killing an ingest with SIGKILL loses no committed document and leaves none half-written;
running it again finishes the job without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus import synthetic_documents, write_jsonl

DOCUMENTS = 120


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def _check_whole(db: Path) -> list[str]:
    """Every stored document has exactly the rows its stored record says it has."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = []
        for rowid, doc_id, record in connection.execute("SELECT rowid, id, record FROM documents"):
            coded = json.loads(record)
            for table, key in (
                ("events", "events"),
                ("timexes", "timexes"),
                ("mentions", "actors"),
            ):
                count = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE doc = ?", (rowid,))
                assert count.fetchone()[0] == len(coded[key]), (doc_id, table)
            sentences = connection.execute("SELECT COUNT(*) FROM sentences WHERE doc = ?", (rowid,))
            assert sentences.fetchone()[0] > 0, doc_id
            ids.append(doc_id)
    return ids


def _ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "thucydides", "ingest", str(source), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_midway_then_resume(tmp_path: Path) -> None:
    source = write_jsonl(synthetic_documents(DOCUMENTS), tmp_path / "docs.jsonl")
    db = tmp_path / "store.sqlite"
    process = _ingest(source, db)
    deadline = time.monotonic() + 120
    while _stored(db) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    committed = _check_whole(db)
    assert 20 <= len(committed) < DOCUMENTS, "the kill should land midway"

    resumed = _ingest(source, db)
    _, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr.decode()
    summary = stderr.decode()
    assert f"{DOCUMENTS - len(committed)} documents stored" in summary
    assert f"{len(committed)} already stored" in summary
    ids = _check_whole(db)
    assert sorted(ids) == [f"doc-{n:05d}" for n in range(DOCUMENTS)]
    assert set(committed) <= set(ids)
