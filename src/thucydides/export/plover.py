"""PLOVER event records as JSON Lines, with the field names of the POLECAT data set.

One JSON object per coded event. The names are POLECAT's columns in snake case
(``event_type``, ``event_mode``, ``contexts``, ``quad_code``, ``actor_name`` ...); the
fields POLECAT lacks and thucydides has are added after them (``cameo_code``,
``factuality``, ``date_precision``, ``actor_code`` ..., ``rule``). ``intensity`` carries the
Goldstein weight of the CAMEO code, not POLECAT's own intensity scale. The README lists
every field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from thucydides.export.typed import from_values, json_lines
from thucydides.output import SCHEMA_ID
from thucydides.store.reader import EventRow


@dataclass(frozen=True, slots=True)
class PloverEvent:
    event_id: str
    story_id: str
    sentence_number: int
    event_text: str  # the sentence the event was read from
    event_anchor: str  # the word that triggered it
    event_date: str | None
    event_type: str | None  # PLOVER type; None for CAMEO roots 01 (statements)
    event_mode: str | None
    contexts: tuple[str, ...]
    quad_code: int
    intensity: float
    actor_name: str | None
    actor_name_raw: str | None
    actor_country: str | None
    actor_sector: str | None
    actor_title: str | None
    recipient_name: str | None
    recipient_name_raw: str | None
    recipient_country: str | None
    recipient_sector: str | None
    recipient_title: str | None
    placename: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    publication_date: str | None
    headline: str | None
    source: str | None
    url: str | None
    version: str
    # thucydides' own, beyond POLECAT's fields
    cameo_code: str
    date_precision: str | None
    factuality: str
    actor_code: str | None
    recipient_code: str | None
    confidence: float
    rule: str | None = None  # the rule that coded it; absent from files written before it


def plover_event(row: EventRow) -> PloverEvent:
    return PloverEvent(
        event_id=row.event_id,
        story_id=row.doc_id,
        sentence_number=row.sentence,
        event_text=row.sentence_text or row.evidence,
        event_anchor=row.trigger_text,
        event_date=row.date_value,
        event_type=row.plover,
        event_mode=row.mode,
        contexts=tuple(c for c in row.context.split(";") if c),
        quad_code=row.quad,
        intensity=row.goldstein,
        actor_name=row.actor_name,
        actor_name_raw=row.actor_text,
        actor_country=row.actor_country,
        actor_sector=row.actor_sector,
        actor_title=row.actor_role,
        recipient_name=row.recipient_name,
        recipient_name_raw=row.recipient_text,
        recipient_country=row.recipient_country,
        recipient_sector=row.recipient_sector,
        recipient_title=row.recipient_role,
        placename=row.location_name,
        country=row.location_country,
        latitude=row.location_lat,
        longitude=row.location_lon,
        publication_date=row.published,
        headline=row.title,
        source=row.site,
        url=row.url,
        version=SCHEMA_ID,
        cameo_code=row.cameo,
        date_precision=row.date_precision,
        factuality=row.factuality,
        actor_code=row.actor_code,
        recipient_code=row.recipient_code,
        confidence=row.confidence,
        rule=row.rule,
    )


def write_plover(rows: Iterable[EventRow], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as sink:
        for row in rows:
            sink.write(json.dumps(asdict(plover_event(row)), ensure_ascii=False) + "\n")
            count += 1
    return count


def read_plover(path: Path) -> Iterator[PloverEvent]:
    for where, values in json_lines(path):
        yield from_values(PloverEvent, values, where, "PLOVER")
