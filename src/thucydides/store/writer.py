"""The only code that writes to a store.

Every document is written in one transaction together with everything coded from it
(sentences, events, actor mentions, time expressions, quotes, stances, agreements) and the
merging of its events: a process killed at any moment leaves either the whole document,
merged, or none of it. Every write transaction starts with ``BEGIN IMMEDIATE`` and reads what
it decides on inside it, so a second writer (another process) waits its turn and never
plans on a state that changes under it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, date, datetime

from thucydides.errors import ConfigError, Msg
from thucydides.model import ActorRef, Document, Event, EventDate, Quote, Record, Stance
from thucydides.output import dumps
from thucydides.store.merge import (
    Block,
    Cluster,
    Mention,
    MergePlan,
    MergeSettings,
    block,
    plan_merge,
    same_event,
)

ActorColumns = tuple[
    str | None, int | None, int | None, str | None, str | None, str | None, str | None, str | None
]
DateColumns = tuple[str | None, str | None, str | None, str | None]


def _actor(prefix: str) -> tuple[str, ...]:
    """The columns :func:`actor_columns` fills, under a prefix."""
    names = ("text", "start", "end", "code", "country", "sector", "name", "role")
    return tuple(f"{prefix}_{name}" for name in names)


def _date(prefix: str) -> tuple[str, ...]:
    """The columns :func:`date_columns` fills, under a prefix."""
    return tuple(f"{prefix}_{name}" for name in ("value", "precision", "text", "source"))


# The columns each layer's rows give values for, in the order of those values.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sentences": ("doc", "idx", "start", "end", "text"),
    "events": (
        *("doc", "position", "event_id", "sentence", "span_start", "span_end", "evidence"),
        *("sentence_text", "trigger_text", "trigger_start", "trigger_end"),
        *("cameo", "cameo_name", "root", "plover", "mode", "context", "quad", "goldstein"),
        *_actor("actor"),
        *_actor("recipient"),
        *_actor("speaker"),
        *_date("date"),
        *("location_name", "location_country", "location_lat", "location_lon"),
        *("factuality", "confidence", "rule"),
    ),
    "mentions": ("doc", "position", *_actor("actor")),
    "timexes": (
        "doc",
        "position",
        "sentence",
        "text",
        "start",
        "end",
        "type",
        "value",
        "precision",
    ),
    "quotes": ("doc", "position", *_actor("speaker"), "text", "start", "end", "cue", "kind"),
    "stances": (
        *("doc", "position", *_actor("holder"), "topic", *_actor("target"), "stance"),
        *("reason", *_date("date"), "evidence", "evidence_start", "evidence_end"),
    ),
    "agreements": (
        *("doc", "position", "name", "status", *_date("signed")),
        *("evidence", "evidence_start", "evidence_end"),
    ),
    "agreement_parties": ("agreement", "position", *_actor("party")),
}


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

    def __init__(
        self, connection: sqlite3.Connection, settings: MergeSettings | None = None
    ) -> None:
        self.connection = connection
        self.settings = settings or MergeSettings()  # how each stored document is merged

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two writers queue (for the busy
        # timeout) instead of failing half-way through a document.
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            seconds = self.connection.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
            raise ConfigError(Msg.E047, seconds=seconds) from exc
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException as exc:
            if self.connection.in_transaction:  # some errors (a full disk) roll back alone
                self.connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ConfigError(Msg.E048, detail=exc) from exc
            raise

    def is_stored(self, doc_id: str, text_hash: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1", (doc_id, text_hash)
        ).fetchone()
        return row is not None

    def is_url_stored(self, url: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM documents WHERE url = ? LIMIT 1", (url,))
        return row.fetchone() is not None

    def add(self, record: Record, engine_version: str, site: str | None = None) -> bool:
        """Store a newly coded document and merge its events; False (and nothing written)
        if it is already there."""
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
            self._merge_document(db, cursor.lastrowid, set())
        return True

    def replace(self, record: Record, engine_version: str) -> bool:
        """Replace what is stored for an already stored document by a new coding of it, and
        re-merge what its old and new events touch; False if it is not stored."""
        document = record.document
        with self.transaction() as db:
            row = db.execute("SELECT rowid FROM documents WHERE id = ?", (document.id,)).fetchone()
            if row is None:
                return False
            doc = int(row[0])
            touched = _components_of(db, doc)
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
            db.execute("DELETE FROM recode_queue WHERE doc = ?", (doc,))
            self._insert_layers(db, doc, record)
            self._merge_document(db, doc, touched)
        return True

    def merge(self, settings: MergeSettings | None = None, rebuild: bool = False) -> MergePlan:
        """Merge the events not merged yet, or all of them again with ``rebuild`` or when the
        merged events are found inconsistent (a store written by an older version, or
        changed by hand): merging repairs them rather than failing."""
        settings = settings or self.settings
        with self.transaction() as db:
            if rebuild or not _merges_consistent(db):
                return _rebuild(db, settings)
            return _merge(db, settings, _mentions(db, _UNMERGED), set())

    def queue_recode(self) -> None:
        """Mark every document for re-coding, unless a run doing so is still unfinished: a
        ``recode --all`` killed half-way resumes where it stopped."""
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM recode_queue LIMIT 1").fetchone() is None:
                db.execute("INSERT INTO recode_queue (doc) SELECT rowid FROM documents")

    def unqueue(self, doc_id: str) -> None:
        """A document that could not be re-coded keeps its coding and leaves the queue."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM recode_queue WHERE doc IN (SELECT rowid FROM documents WHERE id = ?)",
                (doc_id,),
            )

    def to_recode(self, engine_version: str) -> list[Document]:
        """The documents coded by another engine version or marked for re-coding."""
        rows = self.connection.execute(
            "SELECT id, text, source, published, title, url, language FROM documents "
            "WHERE engine_version != ? OR rowid IN (SELECT doc FROM recode_queue) ORDER BY rowid",
            (engine_version,),
        ).fetchall()
        return [
            Document(doc_id, text, source, _day(published), title, url, language)
            for doc_id, text, source, published, title, url, language in rows
        ]

    def _merge_document(self, db: sqlite3.Connection, doc: int, touched: set[str]) -> None:
        new = _mentions(db, _UNMERGED + " AND e.doc = ?", (doc,))
        try:
            _merge(db, self.settings, new, touched)
        except sqlite3.IntegrityError:
            # Only merged events inconsistent with the store's events collide with the
            # ones planned (an older version's store, a hand edit): merge everything again.
            _rebuild(db, self.settings)

    def _insert_layers(self, db: sqlite3.Connection, doc: int, record: Record) -> None:
        text = record.document.text
        sentences = {s.index: text[s.span.start : s.span.end] for s in record.sentences}
        _insert(
            db,
            "sentences",
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
            rowid = _insert(db, "agreements", [row])
            _insert(
                db,
                "agreement_parties",
                [(rowid, k, *actor_columns(p)) for k, p in enumerate(agreement.parties)],
            )


def _insert(db: sqlite3.Connection, table: str, rows: Sequence[Sequence[object]]) -> int | None:
    """Insert rows of values for the table's :data:`COLUMNS`; return the rowid of the last
    row (``executemany`` does not tell it)."""
    if not rows:
        return None
    columns = COLUMNS[table]
    assert len(rows[0]) == len(columns), table
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({_placeholders(len(columns))})"
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
        event.rule,
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


def _day(published: str | None) -> date | None:
    return date.fromisoformat(published) if published else None


# A stored event as merging sees it, in the order of Mention's fields.
_MENTION = """SELECT e.rowid, d.id, e.position, COALESCE(d.published, d.ingested_at),
    COALESCE(d.site, 'doc:' || d.id), e.actor_country, e.actor_sector, e.recipient_country,
    e.recipient_sector, e.root, e.plover, e.cameo, e.date_value, e.date_precision,
    e.date_source, e.location_name, e.location_lat, e.location_lon, e.evidence{extra}
  FROM events e JOIN documents d ON d.rowid = e.doc{joins}
  WHERE e.factuality = 'asserted'"""
_ASSERTED = _MENTION.format(extra="", joins="")
_UNMERGED = _ASSERTED + " AND e.rowid NOT IN (SELECT event FROM merged_mentions)"
_MERGED_JOINS = (
    " JOIN merged_mentions mm ON mm.event = e.rowid JOIN merged_events m ON m.id = mm.merged"
)
_MERGED = _MENTION.format(extra=", m.component", joins=_MERGED_JOINS)
_IN_COMPONENTS = _MENTION.format(extra="", joins=_MERGED_JOINS) + (
    " AND m.component IN (SELECT value FROM json_each(?))"
)
_CLUSTER_INSERT = (
    f"INSERT INTO merged_events ({_CLUSTER_COLUMNS}) VALUES ({_placeholders(len(_CLUSTER_FIELDS))})"
)


def _mentions(db: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[Mention]:
    return [Mention(*row) for row in db.execute(sql, params)]


def _merge(
    db: sqlite3.Connection, settings: MergeSettings, new: list[Mention], touched: set[str]
) -> MergePlan:
    """Merge new mentions: re-merge, whole, the components they link to and those
    ``touched`` (whose events just changed), and write the result in their place."""
    replaced = touched | _linked_components(db, new, settings)
    members = _mentions(db, _IN_COMPONENTS, (_json(replaced),))
    plan = plan_merge([*members, *new], settings)
    plan = replace(plan, new_events=len(new), replaced=frozenset(replaced))
    db.execute(
        "DELETE FROM merged_events WHERE component IN (SELECT value FROM json_each(?))",
        (_json(replaced),),
    )  # their mentions go with them (ON DELETE CASCADE)
    _write_clusters(db, plan)
    return plan


def _rebuild(db: sqlite3.Connection, settings: MergeSettings) -> MergePlan:
    db.execute("DELETE FROM merged_events")
    mentions = _mentions(db, _ASSERTED)
    plan = replace(plan_merge(mentions, settings), new_events=len(mentions), rebuild=True)
    _write_clusters(db, plan)
    return plan


def _write_clusters(db: sqlite3.Connection, plan: MergePlan) -> None:
    db.executemany(_CLUSTER_INSERT, [_cluster_values(c) for c in plan.clusters])
    db.executemany("INSERT INTO merged_mentions (merged, event) VALUES (?, ?)", plan.assignments)


def _linked_components(
    db: sqlite3.Connection, new: Iterable[Mention], settings: MergeSettings
) -> set[str]:
    """The components of the merged mentions that new mentions may report one event with."""
    by_block: dict[Block, list[Mention]] = defaultdict(list)
    for mention in new:
        if mention.identifiable:
            by_block[block(mention)].append(mention)
    linked: set[str] = set()
    for (actor, recipient, kind), fresh in by_block.items():
        rows = db.execute(
            _MERGED + " AND e.actor_country IS ? AND e.recipient_country IS ? "
            "AND COALESCE(e.plover, 'cameo:' || e.root) = ?",
            (actor, recipient, kind),
        )
        for *values, component in rows:
            if component not in linked:
                member = Mention(*values)
                if any(same_event(member, mention, settings) for mention in fresh):
                    linked.add(component)
    return linked


def _components_of(db: sqlite3.Connection, doc: int) -> set[str]:
    rows = db.execute(
        "SELECT DISTINCT m.component FROM merged_mentions mm "
        "JOIN merged_events m ON m.id = mm.merged JOIN events e ON e.rowid = mm.event "
        "WHERE e.doc = ?",
        (doc,),
    )
    return {row[0] for row in rows}


def _merges_consistent(db: sqlite3.Connection) -> bool:
    """Every merged event belongs to a component and its first report is one of its
    mentions (it is not when a killed older version left it pointing at deleted events)."""
    broken = db.execute(
        """SELECT 1 FROM merged_events m WHERE m.component IS NULL OR NOT EXISTS
             (SELECT 1 FROM merged_mentions mm WHERE mm.event = m.first_event
              AND mm.merged = m.id) LIMIT 1"""
    ).fetchone()
    return broken is None


def _json(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))
