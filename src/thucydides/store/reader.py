"""Reading a store: the analysts' queries, the rows exports are made of, and merge inputs.

Every query returns typed rows (frozen dataclasses) that the command line renders as a
table, JSON or CSV. Actor arguments match a CAMEO-style code by prefix ("PAK" matches
PAKGOV and PAKMIL) or a country code exactly.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

from thucydides.errors import Msg, QueryError
from thucydides.model import Document

Period = Literal["day", "week", "month"]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventRow:
    """One coded event with its document: the store's events table, flat."""

    doc_id: str
    published: str | None
    url: str | None
    title: str | None
    site: str | None
    event_id: str
    position: int
    sentence: int
    span_start: int
    span_end: int
    evidence: str
    sentence_text: str | None
    trigger_text: str
    trigger_start: int
    trigger_end: int
    cameo: str
    cameo_name: str
    root: str
    plover: str | None
    mode: str | None
    context: str  # the PLOVER contexts joined by ";"
    quad: int
    goldstein: float
    actor_text: str | None
    actor_start: int | None
    actor_end: int | None
    actor_code: str | None
    actor_country: str | None
    actor_sector: str | None
    actor_name: str | None
    actor_role: str | None
    recipient_text: str | None
    recipient_start: int | None
    recipient_end: int | None
    recipient_code: str | None
    recipient_country: str | None
    recipient_sector: str | None
    recipient_name: str | None
    recipient_role: str | None
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    speaker_name: str | None
    date_value: str | None
    date_precision: str | None
    date_text: str | None
    date_source: str | None
    location_name: str | None
    location_country: str | None
    location_lat: float | None
    location_lon: float | None
    factuality: str
    confidence: float
    merged_id: str | None
    # The rule that coded it (``patterns.yaml#111.criticize``); None for events stored before
    # rules were kept. Last, with a default, so that files exported before it still read.
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One merged event: each real-world event once, with how widely it was reported."""

    date: str | None
    precision: str | None
    actor: str | None
    cameo: str
    plover: str | None
    recipient: str | None
    quad: int
    goldstein: float
    location: str | None
    sources: int
    articles: int
    mentions: int
    first_reported: str | None
    evidence: str
    doc_id: str
    merged_id: str


@dataclass(frozen=True, slots=True)
class DyadRow:
    period: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float


@dataclass(frozen=True, slots=True)
class StanceRow:
    holder: str | None
    holder_name: str | None
    topic: str
    position: str
    changed: bool  # differs from this holder's previous position on the topic
    date: str | None
    target: str | None
    reason: str | None
    evidence: str
    doc_id: str


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # code prefix or country
    recipient: str | None = None
    country: str | None = None  # actor's, recipient's or the place's country
    plover: str | None = None
    cameo: str | None = None  # code prefix: "19" is every ASSAULT-root code
    quad: int | None = None
    factuality: str | None = None
    since: str | None = None  # ISO date, compared with the event's date value
    until: str | None = None
    text: str | None = None  # full-text search over the event's sentence
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class StoreCounts:
    documents: int
    events: int
    merged_events: int
    sentences: int


_EVENT_ROW_FIELDS = tuple(f.name for f in fields(EventRow))
EVENT_SELECT = """SELECT d.id AS doc_id, d.published, d.url, d.title, d.site, e.*,
  mm.merged AS merged_id
FROM events e JOIN documents d ON d.rowid = e.doc
LEFT JOIN merged_mentions mm ON mm.event = e.rowid"""


class StoreReader:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Result rows addressed by column name (of two columns of one name, the later)."""
        cursor = self.connection.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return StoreCounts(
            count("documents"), count("events"), count("merged_events"), count("sentences")
        )

    def events(self, where: EventFilter = EventFilter()) -> list[EventRow]:
        clauses, params = event_conditions(where)
        sql = f"{EVENT_SELECT} WHERE {' AND '.join(clauses) or '1'} ORDER BY d.rowid, e.position"
        if where.limit is not None:
            sql += f" LIMIT {int(where.limit)}"
        return [event_row(row) for row in self._rows(sql, params)]

    def record_lines(self) -> Iterator[str]:
        """The stored thucydides/1 records, as coded, in the order they were stored."""
        for (line,) in self.connection.execute("SELECT record FROM documents ORDER BY rowid"):
            yield str(line)

    def documents(self, engine_version: str | None = None) -> Iterator[Document]:
        """Stored documents (those coded by another engine version than the one given)."""
        sql = "SELECT id, text, source, published, title, url, language FROM documents"
        params: tuple[str, ...] = ()
        if engine_version is not None:
            sql += " WHERE engine_version != ?"
            params = (engine_version,)
        rows = self.connection.execute(sql + " ORDER BY rowid", params).fetchall()
        for doc_id, text, source, published, title, url, language in rows:
            day = date.fromisoformat(published) if published else None
            yield Document(doc_id, text, source, day, title, url, language)

    def timeline(
        self, dyad: tuple[str, str] | None = None, topic: str | None = None
    ) -> list[TimelineRow]:
        """Merged events of a dyad (both directions) or about a topic, in date order."""
        clauses: list[str] = []
        params: list[object] = []
        if dyad is not None:
            clause, values = _dyad_condition(dyad[0], dyad[1], directed=False)
            clauses.append(clause)
            params.extend(values)
        if topic:
            clauses.append(
                "m.id IN (SELECT mm.merged FROM merged_mentions mm JOIN events e2 "
                f"ON e2.rowid = mm.event WHERE {_TEXT_MATCH.format(alias='e2')})"
            )
            params.append(fts_query(topic))
        return [_timeline_row(row) for row in self._merged(clauses, params)]

    def dyad(self, a: str, b: str, by: Period = "month", directed: bool = False) -> list[DyadRow]:
        """Merged events between two actors per period: counts by quad class, Goldstein."""
        clause, params = _dyad_condition(a, b, directed)
        buckets: dict[str, list[Row]] = {}
        for row in self._merged([clause], params):
            buckets.setdefault(period_of(row["date_value"], row["date_precision"], by), []).append(
                row
            )
        return [_dyad_row(period, rows) for period, rows in sorted(buckets.items())]

    def stances(self, topic: str | None = None) -> list[StanceRow]:
        """Stances on a topic (substring, any case), each holder's history in date order."""
        sql = """SELECT s.*, d.id AS doc_id, d.published FROM stances s
                 JOIN documents d ON d.rowid = s.doc"""
        params: list[object] = []
        if topic:
            sql += " WHERE s.topic LIKE ? ESCAPE '\\'"
            params.append(f"%{_like_escape(topic)}%")
        sql += """ ORDER BY COALESCE(s.holder_code, s.holder_country, s.holder_text), s.topic,
                   COALESCE(s.date_value, d.published), d.rowid, s.position"""
        rows: list[StanceRow] = []
        previous: dict[tuple[str | None, str], str] = {}
        for row in self._rows(sql, params):
            holder = row["holder_code"] or row["holder_country"] or row["holder_text"]
            key = (holder, row["topic"])
            changed = key in previous and previous[key] != row["stance"]
            previous[key] = row["stance"]
            rows.append(
                StanceRow(
                    holder,
                    row["holder_name"],
                    row["topic"],
                    row["stance"],
                    changed,
                    row["date_value"] or row["published"],
                    row["target_code"],
                    row["reason"],
                    row["evidence"],
                    row["doc_id"],
                )
            )
        return rows

    def _merged(self, clauses: list[str], params: Sequence[object]) -> list[Row]:
        sql = f"""SELECT m.*, e.actor_code, e.recipient_code, e.quad, e.goldstein, e.evidence,
                    d.id AS doc_id
                  FROM merged_events m JOIN events e ON e.rowid = m.first_event
                  JOIN documents d ON d.rowid = e.doc
                  WHERE {" AND ".join(clauses) or "1"}
                  ORDER BY m.date_value, m.first_reported, m.id"""
        return self._rows(sql, params)


_TEXT_MATCH = """({alias}.doc, {alias}.sentence) IN (SELECT s.doc, s.idx FROM sentences_fts
  JOIN sentences s ON s.rowid = sentences_fts.rowid WHERE sentences_fts MATCH ?)"""


# FTS5's query parser ends a string at a NUL ("unterminated string"); no control character
# is part of a word, so they all separate words.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fts_query(text: str) -> str:
    """Every word of a free-text query as a quoted FTS5 term: no operator surprises. A text
    with no words (blank, or only control characters) is a QueryError, not an FTS5 syntax
    error."""
    words = _CONTROL.sub(" ", text).split()
    if not words:
        raise QueryError(Msg.E059)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_condition(column: str, spec: str) -> tuple[str, list[object]]:
    spec = spec.upper()
    return (
        f"({column}_code LIKE ? ESCAPE '\\' OR {column}_country = ?)",
        [f"{_like_escape(spec)}%", spec],
    )


def event_conditions(where: EventFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []

    def add(clause: str, *values: object) -> None:
        clauses.append(clause)
        params.extend(values)

    for column, spec in (("e.actor", where.actor), ("e.recipient", where.recipient)):
        if spec:
            clause, values = actor_condition(column, spec)
            add(clause, *values)
    if where.country:
        country = where.country.upper()
        add("? IN (e.actor_country, e.recipient_country, e.location_country)", country)
    if where.plover:
        add("e.plover = ?", where.plover.upper())
    if where.cameo:
        add("e.cameo LIKE ?", f"{_like_escape(where.cameo)}%")
    if where.quad is not None:
        add("e.quad = ?", where.quad)
    if where.factuality:
        add("e.factuality = ?", where.factuality)
    if where.since:
        add("e.date_value >= ?", where.since)
    if where.until:
        add("e.date_value <= ?", where.until)
    if where.text:
        add(_TEXT_MATCH.format(alias="e"), fts_query(where.text))
    return clauses, params


def _dyad_condition(a: str, b: str, directed: bool) -> tuple[str, list[object]]:
    a_to_b = _pair_condition(a, b)
    if directed:
        return a_to_b
    b_to_a = _pair_condition(b, a)
    return f"({a_to_b[0]} OR {b_to_a[0]})", a_to_b[1] + b_to_a[1]


def _pair_condition(actor: str, recipient: str) -> tuple[str, list[object]]:
    left, left_params = actor_condition("e.actor", actor)
    right, right_params = actor_condition("e.recipient", recipient)
    return f"({left} AND {right})", left_params + right_params


def period_of(value: str | None, precision: str | None, by: Period) -> str:
    """The period a date falls in; a date less precise than the period stays as it is."""
    if value is None:
        return "unknown"
    if precision == "day":
        day = date.fromisoformat(value[:10])
        if by == "day":
            return day.isoformat()
        if by == "week":
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return day.isoformat()[:7]
    if precision == "month" and by == "month":
        return value[:7]
    return value


def event_row(row: Row) -> EventRow:
    values = {name: row[name] for name in _EVENT_ROW_FIELDS if name != "context"}
    return EventRow(context=";".join(json.loads(row["context"])), **values)


def _timeline_row(row: Row) -> TimelineRow:
    return TimelineRow(
        row["date_value"],
        row["date_precision"],
        row["actor_code"] or row["actor_country"],
        row["cameo"],
        row["plover"],
        row["recipient_code"] or row["recipient_country"],
        row["quad"],
        row["goldstein"],
        row["location_name"],
        row["num_sources"],
        row["num_articles"],
        row["num_mentions"],
        row["first_reported"],
        row["evidence"],
        row["doc_id"],
        row["id"],
    )


def _dyad_row(period: str, rows: list[Row]) -> DyadRow:
    quads = [int(r["quad"]) for r in rows]
    total = sum(float(r["goldstein"]) for r in rows)
    return DyadRow(
        period,
        len(rows),
        quads.count(1),
        quads.count(2),
        quads.count(3),
        quads.count(4),
        round(total, 2),
        round(total / len(rows), 2),
    )
