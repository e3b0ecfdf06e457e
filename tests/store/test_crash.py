"""A process killed (SIGKILL) at any moment of ``ingest``, ``recode`` or ``merge`` leaves a
sound store, and running the command again ends with what a run never killed stores."""

from __future__ import annotations

import os
import pickle
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.corpus import fill, synthetic_documents, write_jsonl
from tests.store.canonical import copy, dump, integrity_ok, merge_problems, same_data
from tests.store.crash_driver import run
from thucydides import Pipeline, Record
from thucydides.ingest import read_inputs
from thucydides.model import Document
from thucydides.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

OLD = "2000-01-01T00:00:00+00:00"


def _cli(*args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "thucydides", *args]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(process: subprocess.Popen[bytes]) -> None:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()


def _recoded(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            query = "SELECT COUNT(*) FROM documents WHERE coded_at > ?"
            return int(connection.execute(query, (OLD,)).fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_recode_all_killed_midway_then_run_again(tmp_path: Path, pipeline: Pipeline) -> None:
    source = write_jsonl(synthetic_documents(40), tmp_path / "docs.jsonl")
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        fill(store, pipeline, source)
        store.connection.execute("UPDATE documents SET coded_at = ?", (OLD,))
    clean = dump(db)
    process = _cli("recode", "--all", "--db", str(db))
    deadline = time.monotonic() + 120
    while _recoded(db) < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 8 <= _recoded(db) < 40, "the kill should land midway"
    assert integrity_ok(db)
    with Store(db) as store:  # whatever the kill left, merging works
        store.merge()
    _finish(_cli("recode", "--all", "--db", str(db)))
    assert integrity_ok(db)
    assert same_data(dump(db), clean)


# Kills at random points of runs through the library with a coder that hands out records
# coded beforehand: no spaCy to load, so many trials fit in seconds.
TRIALS = 5
DOCUMENTS = 40
DELAY = 0.01  # seconds per document "coded": the kill lands anywhere in the run


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> tuple[Path, Path]:
    """The records of DOCUMENTS documents, pickled, and a store made from them."""
    folder = tmp_path_factory.mktemp("recorded")
    source = write_jsonl(synthetic_documents(DOCUMENTS), folder / "docs.jsonl")
    documents = [d for d in read_inputs([str(source)]) if isinstance(d, Document)]
    records = [r for r in pipeline.pipe(documents) if isinstance(r, Record)]
    assert len(records) == DOCUMENTS
    pickled = folder / "records.pickle"
    pickled.write_bytes(pickle.dumps(records))
    clean = folder / "clean.sqlite"
    run("ingest", clean, records)
    return pickled, clean


def _records(pickled: Path) -> list[Record]:
    records: list[Record] = pickle.loads(pickled.read_bytes())
    return records


def _kill_midway(command: str, db: Path, pickled: Path, seconds: float) -> int:
    """Start the command, kill it after ``seconds``; the store must be sound at once.
    Return how many documents were done (stored, or re-coded) when it died."""
    args = ["-m", "tests.store.crash_driver", command, str(db), str(pickled), str(DELAY)]
    process = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"ready\n", process.communicate()[1].decode()
    time.sleep(seconds)
    process.kill()
    process.wait()
    if not db.exists():
        return 0
    assert integrity_ok(db)
    assert merge_problems(db, all_merged=command in ("ingest", "recode")) == []
    with sqlite3.connect(db) as connection:
        sql = {
            "ingest": "SELECT COUNT(*) FROM documents",
            "recode": "SELECT COUNT(*) - (SELECT COUNT(*) FROM recode_queue) FROM documents",
        }.get(command, "SELECT COUNT(*) FROM merged_events")
        try:
            return int(connection.execute(sql).fetchone()[0])
        except sqlite3.OperationalError:  # killed before the schema was made
            return 0


def _seconds(command: str, db: Path, records: list[Record]) -> float:
    """How long an unkilled run of the command takes (with the coding delay)."""
    start = time.monotonic()
    run(command, db, records, DELAY)
    return time.monotonic() - start


@pytest.mark.parametrize("command", ["ingest", "recode", "merge"])
def test_killed_at_random_points_then_run_again(
    command: str, tmp_path: Path, recorded: tuple[Path, Path]
) -> None:
    pickled, clean = recorded
    records = _records(pickled)
    expected = dump(clean)
    start = tmp_path / "start.sqlite"
    if command == "recode":  # coded first by an engine that found half the events
        run("ingest", start, [replace(r, events=r.events[::2]) for r in records])
    elif command == "merge":  # nothing merged yet
        copy(clean, start)
        with sqlite3.connect(start) as connection:
            connection.execute("DELETE FROM merged_mentions")
            connection.execute("DELETE FROM merged_events")
    duration = _seconds(command, copy(start, tmp_path / "timed.sqlite"), records)
    rng = random.Random(f"{command}-20")
    done = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.sqlite"
        if command != "ingest":  # ingest starts from no store at all
            copy(start, db)
        verb = "rebuild" if command == "merge" and trial % 2 else command
        done.append(_kill_midway(verb, db, pickled, rng.uniform(0, duration * 1.2)))
        run(verb, db, records)  # the same command again, to the end
        assert integrity_ok(db)
        assert dump(db) == expected, f"trial {trial}"
    if command != "merge":  # merging is one transaction: done or not
        assert any(0 < n < DOCUMENTS for n in done), f"no kill landed midway: {done}"
