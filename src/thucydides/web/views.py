"""What the dashboard pages show, built from the store's rows (no markup here)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from thucydides.store.reader import StanceRow, TimelineRow
from thucydides.web.queries import first_report_positions

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class TimelineItem:
    row: TimelineRow
    position: int | None  # of the first report in its document, for the evidence link

    @property
    def link(self) -> str:
        anchor = f"#ev-{self.position}" if self.position is not None else ""
        return f"/documents/{self.row.doc_id}{anchor}"


def timeline_items(db: sqlite3.Connection, rows: list[TimelineRow]) -> list[TimelineItem]:
    positions = first_report_positions(db, [r.merged_id for r in rows])
    return [TimelineItem(r, positions.get(r.merged_id)) for r in rows]


@dataclass(frozen=True, slots=True)
class Position:
    """An actor's stance on a topic: the latest one and every one before it."""

    current: StanceRow
    history: list[StanceRow]


@dataclass(frozen=True, slots=True)
class PositionRow:
    holder: str
    name: str | None
    cells: list[Position | None]  # one per topic of the table


@dataclass(frozen=True, slots=True)
class PositionTable:
    topics: list[str]
    rows: list[PositionRow]


def position_table(stances: list[StanceRow]) -> PositionTable:
    """Actors by topics; the store gives each holder's stances on a topic in date order."""
    topics = sorted({s.topic for s in stances}, key=str.casefold)
    history: dict[tuple[str, str], list[StanceRow]] = {}
    names: dict[str, str | None] = {}
    for stance in stances:
        holder = stance.holder or "?"
        history.setdefault((holder, stance.topic), []).append(stance)
        names[holder] = names.get(holder) or stance.holder_name
    rows = [
        PositionRow(
            holder,
            names[holder],
            [_position(history.get((holder, topic))) for topic in topics],
        )
        for holder in sorted(names)
    ]
    return PositionTable(topics, rows)


def _position(found: list[StanceRow] | None) -> Position | None:
    return Position(found[-1], found) if found else None
