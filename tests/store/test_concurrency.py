"""Two ``thucydides ingest`` processes on one store: both succeed, nothing is lost, and the
store holds what one process ingesting everything would have stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.corpus import fill, synthetic_documents, write_jsonl
from tests.store.canonical import dump, integrity_ok, same_data
from thucydides import Pipeline
from thucydides.store import Store

DOCUMENTS = 24
TRIALS = 2


def _ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "thucydides", "ingest", str(source), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_two_ingests_at_once_store_what_one_would(tmp_path: Path, pipeline: Pipeline) -> None:
    documents = synthetic_documents(DOCUMENTS)
    halves = [
        write_jsonl(documents[0::2], tmp_path / "even.jsonl"),
        write_jsonl(documents[1::2], tmp_path / "odd.jsonl"),
    ]
    sequential = tmp_path / "sequential.sqlite"
    with Store(sequential) as store:
        fill(store, pipeline, *halves)
    expected = dump(sequential)
    for trial in range(TRIALS):
        db = tmp_path / f"together{trial}.sqlite"  # a fresh store: both create it at once
        processes = [_ingest(half, db) for half in halves]
        for process in processes:
            _, stderr = process.communicate(timeout=300)
            assert process.returncode == 0, stderr.decode()
        assert integrity_ok(db)
        assert same_data(dump(db), expected)
