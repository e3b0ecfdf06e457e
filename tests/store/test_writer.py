"""The writer: one transaction per document, idempotent adds, re-coding, every layer stored."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from tests.conftest import EXAMPLES
from thucydides import Pipeline, read_text_document
from thucydides.coding import LocalCoder
from thucydides.model import (
    Actor,
    ActorRef,
    Agreement,
    Document,
    EventDate,
    Evidence,
    Quote,
    Record,
    Sentence,
    Span,
    Stance,
)
from thucydides.store import Store
from thucydides.store.ingest import Skipped, Stored, recode
from thucydides.store.writer import COLUMNS

TEXT = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")


def _count(store: Store, table: str) -> int:
    return int(store.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_record_is_stored_whole_and_only_once(tmp_path: Path, pipeline: Pipeline) -> None:
    record = pipeline(read_text_document(TEXT, published=date(2025, 7, 29), doc_id="thai"))
    with Store(tmp_path / "s.sqlite") as store:
        assert store.writer.add(record, "v1")
        assert not store.writer.add(record, "v1")
        copy = read_text_document(TEXT, published=date(2025, 7, 29), doc_id="other-id")
        assert not store.writer.add(pipeline(copy), "v1")  # same text under another id
        assert _count(store, "documents") == 1
        assert _count(store, "events") == len(record.events) > 0
        assert _count(store, "sentences") == len(record.sentences)
        assert _count(store, "timexes") == len(record.timexes)
        assert _count(store, "mentions") == len(record.mentions)
        assert _count(store, "quotes") == len(record.quotes)
        stored = json.loads(next(store.reader.record_lines()))
        assert stored["doc"]["id"] == "thai"
        assert len(stored["events"]) == len(record.events)


def test_recode_replaces_what_another_engine_version_coded(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    record = pipeline(read_text_document(TEXT, published=date(2025, 7, 29), doc_id="thai"))
    with Store(tmp_path / "s.sqlite") as store:
        store.writer.add(record, "old")
        store.merge()
        assert [d.id for d in store.reader.documents("new")] == ["thai"]
        outcomes = list(recode(store, LocalCoder(pipeline), "new"))
        assert outcomes == [Stored("thai", record.document.source, len(record.events))]
        assert list(store.reader.documents("new")) == []
        assert list(recode(store, LocalCoder(pipeline), "new")) == []
        assert _count(store, "events") == len(record.events)  # replaced, not added
        row = store.connection.execute("SELECT engine_version FROM documents").fetchone()
        assert row[0] == "new"
        store.merge(rebuild=True)
        unmerged = store.connection.execute(
            "SELECT COUNT(*) FROM events WHERE factuality = 'asserted' "
            "AND rowid NOT IN (SELECT event FROM merged_mentions)"
        ).fetchone()[0]
        assert unmerged == 0


def _ref(text: str, start: int, code: str, country: str, name: str | None = None) -> ActorRef:
    return ActorRef(text, Span(start, start + len(text)), Actor(code, country, "GOV", name))


def _speech_record(doc_id: str, day: date, position: Literal["support", "oppose"]) -> Record:
    quote = '"We will not accept it," the minister said'
    text = f"India {position}s mediation on Kashmir. {quote} ({doc_id})."
    india = _ref("India", 0, "INDGOV", "IND", "Ministry of External Affairs")
    evidence = Evidence(text[:40], Span(0, 40))
    return Record(
        document=Document(doc_id, text, f"{doc_id}.txt", day),
        sentences=(Sentence(0, Span(0, 40)), Sentence(1, Span(41, len(text)))),
        quotes=(Quote(india, "We will not accept it,", Span(42, 64), "said", "direct"),),
        stances=(
            Stance(
                india,
                "third-party mediation",
                None,
                position,
                "Simla Agreement",
                EventDate(day.isoformat(), "day", None, "document"),
                evidence,
            ),
        ),
        agreements=(
            Agreement(
                "Simla Agreement",
                (india, _ref("Pakistan", 0, "PAK", "PAK")),
                EventDate("1972", "year", "1972", "explicit"),
                "in_force",
                evidence,
            ),
        ),
    )


def test_quotes_stances_and_agreements_are_stored_and_stances_queried(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.writer.add(_speech_record("a", date(2025, 5, 1), "support"), "v1")
        store.writer.add(_speech_record("b", date(2025, 8, 9), "oppose"), "v1")
        store.writer.add(_speech_record("c", date(2025, 8, 10), "oppose"), "v1")
        assert _count(store, "quotes") == 3
        assert _count(store, "agreements") == 3
        assert _count(store, "agreement_parties") == 6
        history = store.reader.stances("MEDIATION")
        assert [(s.holder, s.position, s.changed, s.date) for s in history] == [
            ("INDGOV", "support", False, "2025-05-01"),
            ("INDGOV", "oppose", True, "2025-08-09"),
            ("INDGOV", "oppose", False, "2025-08-10"),
        ]
        assert store.reader.stances("trade") == []


def test_skipped_outcome_names_the_document() -> None:
    assert Skipped("x", "x.txt").doc_id == "x"


def test_the_writer_names_every_column_of_every_layer(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        for table, columns in COLUMNS.items():
            info = store.connection.execute(f"PRAGMA table_info({table})").fetchall()
            assert set(columns) == {row[1] for row in info} - {"rowid"}, table
            assert len(columns) == len(set(columns)), table
