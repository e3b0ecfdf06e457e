"""CAMEO events as tab-separated values in the Phoenix data set's column layout.

The 26 columns of the Phoenix data (the output of the Phoenix pipeline around PETRARCH),
without a header line, one coded event per row: see :data:`COLUMNS` and the README.
Phoenix dates every event to a day; an event thucydides dates less precisely (a month, a
year) takes its article's publication date, as PETRARCH dates events by their story.
Tabs and line breaks inside values become spaces.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thucydides.errors import InputError, Msg
from thucydides.export.typed import field_types, from_cells, to_cells
from thucydides.store.reader import EventRow


@dataclass(frozen=True, slots=True)
class PhoenixRow:
    EventID: str
    Date: str  # YYYYMMDD
    Year: int | None
    Month: int | None
    Day: int | None
    SourceActorFull: str  # the CAMEO-style composite code: PAKGOV, KHMMILRCAF
    SourceActorEntity: str  # its country (ISO 3166-1 alpha-3) or IGO/NGO
    SourceActorRole: str  # its sector: GOV, MIL, REB ...
    SourceActorAttribute: str  # the rest of the code after country and sector
    TargetActorFull: str
    TargetActorEntity: str
    TargetActorRole: str
    TargetActorAttribute: str
    EventCode: str
    EventRootCode: str
    QuadClass: int
    GoldsteinScore: float
    Issues: str
    Lat: float | None
    Lon: float | None
    LocationName: str
    StateName: str
    CountryCode: str
    SentenceID: str  # document id and sentence index
    URLs: str
    NewsSources: str


COLUMNS = tuple(field_types(PhoenixRow))


def phoenix_row(row: EventRow) -> PhoenixRow:
    day = _day_of(row)
    year, month, dom = (int(day[:4]), int(day[4:6]), int(day[6:])) if day else (None, None, None)
    return PhoenixRow(
        EventID=_clean(row.event_id),
        Date=day,
        Year=year,
        Month=month,
        Day=dom,
        SourceActorFull=_clean(row.actor_code),
        SourceActorEntity=_clean(row.actor_country),
        SourceActorRole=_clean(row.actor_sector),
        SourceActorAttribute=_attribute(row.actor_code, row.actor_country, row.actor_sector),
        TargetActorFull=_clean(row.recipient_code),
        TargetActorEntity=_clean(row.recipient_country),
        TargetActorRole=_clean(row.recipient_sector),
        TargetActorAttribute=_attribute(
            row.recipient_code, row.recipient_country, row.recipient_sector
        ),
        EventCode=row.cameo,
        EventRootCode=row.root,
        QuadClass=row.quad,
        GoldsteinScore=row.goldstein,
        Issues="",
        Lat=row.location_lat,
        Lon=row.location_lon,
        LocationName=_clean(row.location_name),
        StateName="",
        CountryCode=_clean(row.location_country),
        SentenceID=_clean(f"{row.doc_id}-{row.sentence}"),
        URLs=_clean(row.url),
        NewsSources=_clean(row.site),
    )


def _day_of(row: EventRow) -> str:
    if row.date_precision == "day" and row.date_value:
        return row.date_value.replace("-", "")
    return (row.published or "").replace("-", "")


def _attribute(code: str | None, country: str | None, sector: str | None) -> str:
    prefix = (country or "") + (sector or "")
    return _clean(code[len(prefix) :] if code and prefix and code.startswith(prefix) else "")


def _clean(value: str | None) -> str:
    return " ".join((value or "").replace("\t", " ").splitlines())


def write_cameo_tsv(rows: Iterable[EventRow], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as sink:
        for row in rows:
            sink.write("\t".join(to_cells(phoenix_row(row))) + "\n")
            count += 1
    return count


def read_cameo_tsv(path: Path) -> Iterator[PhoenixRow]:
    with path.open(encoding="utf-8", newline="") as source:
        for number, cells in enumerate(csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)):
            where = f"{path}:{number + 1}"
            if len(cells) != len(COLUMNS):
                detail = f"{len(cells)} columns, expected {len(COLUMNS)}"
                raise InputError(where, Msg.E042, kind="CAMEO TSV", detail=detail)
            yield from_cells(PhoenixRow, dict(zip(COLUMNS, cells, strict=True)), where, "CAMEO TSV")
