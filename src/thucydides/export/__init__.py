"""Exports of a store, each format with a reader that gives back what was written.

========== ============================================== ===================================
format     what                                           reader
========== ============================================== ===================================
jsonl      the ``thucydides/1`` records as coded          :func:`jsonl.read_jsonl` (dicts)
plover     PLOVER/POLECAT event records, JSON Lines       :func:`plover.read_plover`
cameo-tsv  CAMEO events, Phoenix/PETRARCH TSV columns     :func:`cameo.read_cameo_tsv`
csv        one row per event (EventRow columns)           :func:`table.read_csv`
parquet    the same, as Parquet (extra ``parquet``)       :func:`table.read_parquet`
========== ============================================== ===================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from thucydides.export.cameo import write_cameo_tsv
from thucydides.export.jsonl import write_jsonl
from thucydides.export.plover import write_plover
from thucydides.export.table import write_csv, write_parquet
from thucydides.store.reader import EventFilter, EventRow, StoreReader


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    PLOVER = "plover"
    CAMEO_TSV = "cameo-tsv"
    CSV = "csv"
    PARQUET = "parquet"


_EVENT_WRITERS: dict[ExportFormat, Callable[[Iterable[EventRow], Path], int]] = {
    ExportFormat.PLOVER: write_plover,
    ExportFormat.CAMEO_TSV: write_cameo_tsv,
    ExportFormat.CSV: write_csv,
    ExportFormat.PARQUET: write_parquet,
}


ALL_EVENTS = EventFilter()


def export(
    reader: StoreReader, kind: ExportFormat, path: Path, where: EventFilter = ALL_EVENTS
) -> int:
    """Write a store's records (``jsonl``) or events (every other format, filtered by
    ``where``) to ``path``; return how many were written."""
    if kind is ExportFormat.JSONL:
        return write_jsonl(reader.record_lines(), path)
    return _EVENT_WRITERS[kind](reader.events(where), path)


__all__ = ["ExportFormat", "export"]
