"""The only code that writes to a store.

Every document is written in one transaction together with everything coded from it
(sentences, events, actor mentions, time expressions, quotes, stances, agreements): a
process killed at any moment leaves either the whole document or none of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime

from thucydides.model import ActorRef, Event, EventDate, Quote, Record, Stance
from thucydides.output import dumps
from thucydides.store.merge import Cluster, MergePlan

ActorColumns = tuple[
    str | None, int | None, int | None, str | None, str | None, str | None, str | None, str | None
]
DateColumns = tuple[str | None, str | None, str | None, str | None]


def content_hash(text: str) -> str:
    """The identity of a document's text, so that a copy under another id is not coded twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def actor_columns(ref: ActorRef | None) -> ActorColumns:
    if ref is None:
        return (None, None, None, None, None, None, None, None)
    actor = ref.actor
    return (
        ref.text,
        ref.span.start,
        ref.span.end,
        actor.code,
        actor.country,
        actor.sector,
        actor.name,
        actor.role,
    )


def date_columns(value: EventDate | None) -> DateColumns:
    if value is None:
        return (None, None, None, None)
    return (value.value, value.precision, value.text, value.source)


_CLUSTER_FIELDS = tuple(f.name for f in fields(Cluster))
_CLUSTER_COLUMNS = ", ".join(_CLUSTER_FIELDS)


def _cluster_values(cluster: Cluster) -> tuple[object, ...]:
    return tuple(getattr(cluster, name) for name in _CLUSTER_FIELDS)


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


class StoreWriter:
    """Owns every write to one store connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of failing
        # half-way through a document.
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def is_stored(self, doc_id: str, text_hash: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1", (doc_id, text_hash)
        ).fetchone()
        return row is not None

    def is_url_stored(self, url: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM documents WHERE url = ? LIMIT 1", (url,))
        return row.fetchone() is not None

    def add(self, record: Record, engine_version: str, site: str | None = None) -> bool:
        """Store a newly coded document; False (and nothing written) if it is already there."""
        document = record.document
        text_hash = content_hash(document.text)
        with self.transaction() as db:
            if self.is_stored(document.id, text_hash):
                return False
            stamp = now()
            cursor = db.execute(
                "INSERT INTO documents (id, content_hash, url, title, published, language, "
                "source, site, text, record, engine_version, coded_at, ingested_at) "
                f"VALUES ({_placeholders(13)})",
                (
                    document.id,
                    text_hash,
                    document.url,
                    document.title,
                    _iso(record),
                    document.language,
                    document.source,
                    site,
                    document.text,
                    dumps(record),
                    engine_version,
                    stamp,
                    stamp,
                ),
            )
            assert cursor.lastrowid is not None
            self._insert_layers(db, cursor.lastrowid, record)
        return True

    def replace(self, record: Record, engine_version: str) -> None:
        """Replace what is stored for an already stored document by a new coding of it."""
        document = record.document
        with self.transaction() as db:
            row = db.execute("SELECT rowid FROM documents WHERE id = ?", (document.id,)).fetchone()
            if row is None:
                return
            doc = int(row[0])
            for table in (
                "sentences",
                "events",
                "mentions",
                "timexes",
                "quotes",
                "stances",
                "agreements",
            ):
                db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
            db.execute(
                "UPDATE documents SET record = ?, engine_version = ?, coded_at = ? WHERE rowid = ?",
                (dumps(record), engine_version, now(), doc),
            )
            self._insert_layers(db, doc, record)

    def apply_merge(self, plan: MergePlan) -> None:
        """Write the outcome of a merge run: new merged events, new mentions, fresh counts."""
        with self.transaction() as db:
            if plan.rebuild:
                db.execute("DELETE FROM merged_events")
            db.executemany(
                f"INSERT INTO merged_events ({_CLUSTER_COLUMNS}, num_mentions, num_articles, "
                f"num_sources) VALUES ({_placeholders(len(_CLUSTER_FIELDS))}, 0, 0, 0)",
                [_cluster_values(c) for c in plan.new_clusters],
            )
            db.executemany(
                "INSERT INTO merged_mentions (merged, event) VALUES (?, ?)", plan.assignments
            )
            assignments = ", ".join(f"{name} = ?" for name in _CLUSTER_FIELDS[1:])
            db.executemany(
                f"UPDATE merged_events SET {assignments} WHERE id = ?",
                [(*_cluster_values(c)[1:], c.id) for c in plan.updated],
            )
            _refresh_counts(db)

    def _insert_layers(self, db: sqlite3.Connection, doc: int, record: Record) -> None:
        text = record.document.text
        sentences = {s.index: text[s.span.start : s.span.end] for s in record.sentences}
        _insert(
            db,
            'sentences (doc, idx, start, "end", text)',
            [
                (doc, s.index, s.span.start, s.span.end, sentences[s.index])
                for s in record.sentences
            ],
        )
        _insert(
            db,
            "events",
            [
                _event_row(doc, n, e, text, sentences.get(e.sentence))
                for n, e in enumerate(record.events)
            ],
            rowid=True,
        )
        _insert(
            db, "mentions", [(doc, n, *actor_columns(m)) for n, m in enumerate(record.mentions)]
        )
        _insert(
            db,
            "timexes",
            [
                (doc, n, t.sentence, t.text, t.span.start, t.span.end, t.type, t.value, t.precision)
                for n, t in enumerate(record.timexes)
            ],
        )
        _insert(db, "quotes", [_quote_row(doc, n, q) for n, q in enumerate(record.quotes)])
        _insert(db, "stances", [_stance_row(doc, n, s) for n, s in enumerate(record.stances)])
        for n, agreement in enumerate(record.agreements):
            row = (
                doc,
                n,
                agreement.name,
                agreement.status,
                *date_columns(agreement.signed),
                agreement.evidence.text,
                agreement.evidence.span.start,
                agreement.evidence.span.end,
            )
            rowid = _insert(db, "agreements", [row], rowid=True)
            _insert(
                db,
                "agreement_parties",
                [(rowid, k, *actor_columns(p)) for k, p in enumerate(agreement.parties)],
            )


def _insert(
    db: sqlite3.Connection, table: str, rows: Sequence[Sequence[object]], rowid: bool = False
) -> int | None:
    """Insert rows of values in column order (after a leading automatic rowid if ``rowid``);
    return the rowid of the last row (``executemany`` does not tell it)."""
    if not rows:
        return None
    marks = ("NULL, " if rowid else "") + ", ".join("?" * len(rows[0]))
    sql = f"INSERT INTO {table} VALUES ({marks})"
    db.executemany(sql, rows[:-1])
    return db.execute(sql, rows[-1]).lastrowid


def _iso(record: Record) -> str | None:
    published = record.document.published
    return published.isoformat() if published else None


def _event_row(
    doc: int, position: int, event: Event, text: str, sentence: str | None
) -> Sequence[object]:
    kind = event.type
    location = event.location
    return (
        doc,
        position,
        event.id,
        event.sentence,
        event.span.start,
        event.span.end,
        text[event.span.start : event.span.end],
        sentence,
        event.trigger.text,
        event.trigger.span.start,
        event.trigger.span.end,
        kind.cameo,
        kind.name,
        kind.cameo[:2],
        kind.plover,
        kind.mode,
        json.dumps(kind.context),
        kind.quad,
        kind.goldstein,
        *actor_columns(event.actor),
        *actor_columns(event.recipient),
        *actor_columns(event.speaker),
        *date_columns(event.date),
        location.name if location else None,
        location.country if location else None,
        location.lat if location else None,
        location.lon if location else None,
        event.factuality,
        event.confidence,
    )


def _quote_row(doc: int, position: int, quote: Quote) -> Sequence[object]:
    return (
        doc,
        position,
        *actor_columns(quote.speaker),
        quote.text,
        quote.span.start,
        quote.span.end,
        quote.cue,
        quote.kind,
    )


def _stance_row(doc: int, position: int, stance: Stance) -> Sequence[object]:
    return (
        doc,
        position,
        *actor_columns(stance.holder),
        stance.topic,
        *actor_columns(stance.target),
        stance.position,
        stance.reason,
        *date_columns(stance.date),
        stance.evidence.text,
        stance.evidence.span.start,
        stance.evidence.span.end,
    )


def _refresh_counts(db: sqlite3.Connection) -> None:
    """Recount every merged event's mentions, articles and sources; drop emptied ones.

    A document is one article however often it mentions the event; a source is the site a
    document came from, or the document itself when that is unknown.
    """
    db.execute("DELETE FROM merged_events WHERE id NOT IN (SELECT merged FROM merged_mentions)")
    db.execute(
        """UPDATE merged_events SET
             num_mentions = (SELECT COUNT(*) FROM merged_mentions m
                             WHERE m.merged = merged_events.id),
             num_articles = (SELECT COUNT(DISTINCT e.doc) FROM merged_mentions m
                             JOIN events e ON e.rowid = m.event
                             WHERE m.merged = merged_events.id),
             num_sources = (SELECT COUNT(DISTINCT COALESCE(d.site, 'doc:' || d.id))
                            FROM merged_mentions m JOIN events e ON e.rowid = m.event
                            JOIN documents d ON d.rowid = e.doc
                            WHERE m.merged = merged_events.id)"""
    )
