"""Read queries the web face needs beyond :class:`~thucydides.store.StoreReader`'s.

Pages of events with their total, quotes, agreements with their status history, documents,
one document with its coded record, and full-text search over sentences. Every query here
is a SELECT run on a read-only connection; event filters are the store's own, so the API
filters exactly as ``thucydides query events`` does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from thucydides.store.reader import (
    EVENT_SELECT,
    EventFilter,
    EventRow,
    StanceRow,
    actor_condition,
    event_conditions,
    event_row,
    fts_query,
)

T = TypeVar("T")
Row = dict[str, Any]

# Marks that FTS5's highlight() puts around matched terms: control characters, which a
# sentence of a coded document cannot contain unescaped in the output we render.
MATCH_OPEN = "\x02"
MATCH_CLOSE = "\x03"

_SENTENCE_MATCH = """SELECT s.doc, s.idx FROM sentences_fts
  JOIN sentences s ON s.rowid = sentences_fts.rowid WHERE sentences_fts MATCH ?"""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    doc_id: str
    published: str | None
    title: str | None
    position: int
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    speaker_name: str | None
    speaker_role: str | None
    text: str
    start: int
    end: int
    cue: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Party:
    text: str | None
    code: str | None
    country: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One report of an agreement's status: what, when, by whom, and where it was read."""

    status: str
    date: str | None
    by: str | None
    doc_id: str
    position: int
    published: str | None
    evidence: str


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    key: str
    name: str
    status: str  # the latest reported status
    signed: str | None
    parties: list[Party]
    history: list[StatusChange]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str | None
    url: str | None
    published: str | None
    site: str | None
    source: str
    events: int


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    id: str
    title: str | None
    url: str | None
    published: str | None
    site: str | None
    source: str
    language: str
    engine_version: str
    coded_at: str
    text: str
    sentences: list[tuple[int, int]]
    record: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SentenceHit:
    doc_id: str
    title: str | None
    published: str | None
    sentence: int
    start: int
    end: int
    text: str
    marked: str  # the text with matched terms between MATCH_OPEN and MATCH_CLOSE


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Documents published in a date range, with a sentence matching ``text`` and an
    event matching ``events`` (whose own date and text filters are not used)."""

    since: str | None = None
    until: str | None = None
    text: str | None = None
    events: EventFilter = field(default_factory=EventFilter)


def _dicts(cursor: sqlite3.Cursor) -> list[Row]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _where(clauses: Sequence[str]) -> str:
    return " AND ".join(clauses) or "1"


class ReadConnection(sqlite3.Connection):
    """A connection of a request thread: it remembers the row counts of the queries it
    ran (a page's total) until anyone commits to the store."""

    MAX_COUNTS = 4096

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counts: dict[tuple[str, tuple[object, ...]], int] = {}
        self.version: int | None = None

    def count(self, sql: str, params: Sequence[object]) -> int:
        # data_version changes when another connection has committed since it was last read.
        version = int(self.execute("PRAGMA data_version").fetchone()[0])
        if version != self.version or len(self.counts) > self.MAX_COUNTS:
            self.counts.clear()
            self.version = version
        key = (sql, tuple(params))
        if key not in self.counts:
            found = self.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
            self.counts[key] = int(found)
        return self.counts[key]


def open_read_only(path: Path) -> ReadConnection:
    """A connection that can only read the store (for the request threads)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False, factory=ReadConnection)
    connection.execute("PRAGMA query_only=ON")
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


def _count(db: sqlite3.Connection, sql: str, params: Sequence[object]) -> int:
    if isinstance(db, ReadConnection):
        return db.count(sql, params)
    return int(db.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0])


def _page(
    db: sqlite3.Connection,
    sql: str,
    params: Sequence[object],
    order: str,
    limit: int,
    offset: int,
    build: Callable[[Row], T],
) -> Page[T]:
    """One page of a query's rows in ``order``, with the number of rows in all pages."""
    total = _count(db, sql, params)
    cursor = db.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page([build(row) for row in _dicts(cursor)], total, limit, offset)


def slice_page(rows: Sequence[T], limit: int, offset: int) -> Page[T]:
    """A page of rows a store query returned whole."""
    return Page(list(rows[offset : offset + limit]), len(rows), limit, offset)


def event_page(
    db: sqlite3.Connection, where: EventFilter, limit: int, offset: int
) -> Page[EventRow]:
    """A page of events in the store's order (document, then position in it)."""
    clauses, params = event_conditions(replace(where, limit=None))
    matching = f"SELECT e.rowid FROM events e WHERE {_where(clauses)}"
    total = _count(db, matching, params)
    # The page's events first, by the unique (doc, position) index, with no join: the rows
    # skipped by the offset cost little; then those events joined with their documents.
    ids = [row[0] for row in db.execute(
        f"{matching} ORDER BY e.doc, e.position LIMIT ? OFFSET ?", [*params, limit, offset]
    )]  # fmt: skip
    marks = ", ".join("?" * len(ids))
    cursor = db.execute(
        f"{EVENT_SELECT} WHERE e.rowid IN ({marks}) ORDER BY e.doc, e.position", ids
    )
    return Page([event_row(row) for row in _dicts(cursor)], total, limit, offset)


def _date_conditions(
    column: str, since: str | None, until: str | None
) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        # "until 2025-05" takes in every day of May.
        clauses.append(f"substr({column}, 1, length(?)) <= ?")
        params.extend([until, until])
    return clauses, params


def _words_condition(column: str, text: str | None) -> tuple[list[str], list[object]]:
    words = (text or "").split()
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return (
        [f"{column} LIKE ? ESCAPE '\\'" for _ in words],
        [f"%{word}%" for word in escaped],
    )


def quote_page(
    db: sqlite3.Connection,
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    limit: int,
    offset: int,
) -> Page[QuoteRow]:
    """Quotations by speaker (code prefix or country), speaker's country, publication date
    and words of the quotation."""
    clauses, params = _date_conditions("d.published", since, until)
    if actor:
        clause, values = actor_condition("q.speaker", actor)
        clauses.append(clause)
        params.extend(values)
    if country:
        clauses.append("q.speaker_country = ?")
        params.append(country.upper())
    words, values = _words_condition("q.text", text)
    clauses += words
    params += values
    sql = f"""SELECT d.id AS doc_id, d.published, d.title, q.position, q.speaker_text,
                q.speaker_code, q.speaker_country, q.speaker_name, q.speaker_role, q.text,
                q.start, q."end" AS "end", q.cue, q.kind
              FROM quotes q JOIN documents d ON d.rowid = q.doc WHERE {_where(clauses)}"""
    order = "d.published, d.rowid, q.position"
    return _page(db, sql, params, order, limit, offset, lambda row: QuoteRow(**row))


def filter_stances(
    rows: Iterable[StanceRow], actor: str | None, since: str | None, until: str | None
) -> list[StanceRow]:
    """Stances whose holder's code starts with ``actor`` (a country code prefixes its
    actors' codes), dated in a range."""
    spec = (actor or "").upper()
    return [
        row
        for row in rows
        if (row.holder or "").upper().startswith(spec)
        and (not since or (row.date or "") >= since)
        and (not until or (row.date or "")[: len(until)] <= until)
    ]


def agreements(
    db: sqlite3.Connection,
    actor: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
) -> list[AgreementSummary]:
    """Every agreement named in the store, its reports merged by key: its parties and the
    history of its status, in date order. ``actor`` matches any party (code prefix or
    country), ``status`` the latest status, ``text`` words of the name."""
    clauses, params = _date_conditions("d.published", since, until)
    words, values = _words_condition("a.name", text)
    sql = f"""SELECT a.rowid AS agreement, a.position, a.name, a.status, a.signed_value,
                a.evidence, d.id AS doc_id, d.published, d.record
              FROM agreements a JOIN documents d ON d.rowid = a.doc
              WHERE {_where(clauses + words)} ORDER BY d.published, d.rowid, a.position"""
    rows = _dicts(db.execute(sql, params + values))
    parties = _parties(db, [int(r["agreement"]) for r in rows])
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        coded = _coded_agreement(row)
        key = str(coded.get("key") or row["name"].casefold())
        grouped.setdefault(key, []).append({**row, "coded": coded})
    summaries = [_summary(key, group, parties) for key, group in grouped.items()]
    return [
        s
        for s in summaries
        if (not status or s.status == status) and (not actor or _has_party(s, actor))
    ]


def _coded_agreement(row: Row) -> dict[str, Any]:
    """The agreement as coded in the stored record (it has fields the table lacks)."""
    coded = json.loads(row["record"]).get("agreements", [])
    position = int(row["position"])
    found = coded[position] if position < len(coded) else {}
    return found if isinstance(found, dict) else {}


def _parties(db: sqlite3.Connection, ids: list[int]) -> dict[int, list[Party]]:
    found: dict[int, list[Party]] = {}
    if not ids:
        return found
    marks = ", ".join("?" * len(ids))
    cursor = db.execute(
        f"""SELECT agreement, party_text, party_code, party_country, party_name
            FROM agreement_parties WHERE agreement IN ({marks}) ORDER BY agreement, position""",
        ids,
    )
    for agreement, text, code, country, name in cursor.fetchall():
        found.setdefault(int(agreement), []).append(Party(text, code, country, name))
    return found


def _summary(key: str, rows: list[Row], parties: dict[int, list[Party]]) -> AgreementSummary:
    history = sorted(
        (_change(row) for row in rows), key=lambda c: (c.date or "", c.published or "")
    )
    union: dict[str, Party] = {}
    for row in rows:
        for party in parties.get(int(row["agreement"]), []):
            union.setdefault(party.code or party.country or party.text or "", party)
    signed = next((r["signed_value"] for r in rows if r["signed_value"]), None)
    return AgreementSummary(
        key, rows[-1]["name"], history[-1].status, signed, list(union.values()), history
    )


def _change(row: Row) -> StatusChange:
    coded = row["coded"]
    by = (coded.get("status_by") or {}) if isinstance(coded.get("status_by"), dict) else {}
    when = coded.get("status_date") if isinstance(coded.get("status_date"), dict) else None
    return StatusChange(
        row["status"],
        (when or {}).get("value") or row["published"],
        by.get("code") or by.get("country") or by.get("text"),
        row["doc_id"],
        int(row["position"]),
        row["published"],
        row["evidence"],
    )


def _has_party(summary: AgreementSummary, actor: str) -> bool:
    spec = actor.upper()
    return any(
        (p.code or "").upper().startswith(spec) or (p.country or "") == spec
        for p in summary.parties
    )


def document_page(
    db: sqlite3.Connection, where: DocumentFilter, limit: int, offset: int
) -> Page[DocumentRow]:
    clauses, params = _date_conditions("d.published", where.since, where.until)
    if where.text:
        clauses.append(f"d.rowid IN (SELECT doc FROM ({_SENTENCE_MATCH}))")
        params.append(fts_query(where.text))
    event_clauses, event_params = event_conditions(where.events)
    if event_clauses:
        clauses.append(
            f"EXISTS (SELECT 1 FROM events e WHERE e.doc = d.rowid AND {_where(event_clauses)})"
        )
        params.extend(event_params)
    sql = f"""SELECT d.id, d.title, d.url, d.published, d.site, d.source,
                (SELECT COUNT(*) FROM events e WHERE e.doc = d.rowid) AS events
              FROM documents d WHERE {_where(clauses)}"""
    order = "d.published DESC, d.rowid"
    return _page(db, sql, params, order, limit, offset, lambda row: DocumentRow(**row))


def document(db: sqlite3.Connection, doc_id: str) -> DocumentDetail | None:
    cursor = db.execute(
        """SELECT rowid, id, title, url, published, site, source, language, engine_version,
             coded_at, text, record FROM documents WHERE id = ?""",
        (doc_id,),
    )
    rows = _dicts(cursor)
    if not rows:
        return None
    row = rows[0]
    sentences = db.execute(
        'SELECT start, "end" FROM sentences WHERE doc = ? ORDER BY idx', (row.pop("rowid"),)
    ).fetchall()
    record = json.loads(row.pop("record"))
    return DocumentDetail(**row, sentences=[(int(a), int(b)) for a, b in sentences], record=record)


def sentence_page(
    db: sqlite3.Connection,
    text: str,
    since: str | None,
    until: str | None,
    events: EventFilter,
    limit: int,
    offset: int,
) -> Page[SentenceHit]:
    """Sentences matching every word of ``text`` (FTS5, best match first), in documents
    published in a range, holding an event that matches ``events`` when it filters."""
    clauses, params = _date_conditions("d.published", since, until)
    event_clauses, event_params = event_conditions(events)
    if event_clauses:
        clauses.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.doc = s.doc AND e.sentence = s.idx "
            f"AND {_where(event_clauses)})"
        )
        params.extend(event_params)
    sql = f"""SELECT d.id AS doc_id, d.title, d.published, s.idx AS sentence, s.start,
                s."end" AS "end", s.text,
                highlight(sentences_fts, 0, '{MATCH_OPEN}', '{MATCH_CLOSE}') AS marked
              FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid
              JOIN documents d ON d.rowid = s.doc
              WHERE sentences_fts MATCH ? AND {_where(clauses)}"""
    return _page(
        db,
        sql,
        [fts_query(text), *params],
        "sentences_fts.rank, d.rowid, s.idx",
        limit,
        offset,
        lambda row: SentenceHit(**row),
    )


def first_report_positions(db: sqlite3.Connection, merged_ids: Sequence[str]) -> dict[str, int]:
    """The position, in its document, of the first report of each merged event."""
    if not merged_ids:
        return {}
    marks = ", ".join("?" * len(merged_ids))
    cursor = db.execute(
        f"""SELECT m.id, e.position FROM merged_events m JOIN events e ON e.rowid = m.first_event
            WHERE m.id IN ({marks})""",
        list(merged_ids),
    )
    return {str(merged): int(position) for merged, position in cursor.fetchall()}


@dataclass(frozen=True, slots=True)
class DyadCount:
    a: str
    b: str
    events: int


def top_dyads(db: sqlite3.Connection, count: int = 10) -> list[DyadCount]:
    """The pairs of countries with the most merged events between them (either way)."""
    cursor = db.execute(
        """SELECT MIN(actor_country, recipient_country) AS a,
             MAX(actor_country, recipient_country) AS b, COUNT(*) AS events
           FROM merged_events
           WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL
             AND actor_country != recipient_country
           GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""",
        (count,),
    )
    return [DyadCount(str(a), str(b), int(n)) for a, b, n in cursor.fetchall()]
