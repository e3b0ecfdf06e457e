"""What the command line shows: query results as a table, JSON or CSV, and a progress bar.

Part of the command-line shell, like :mod:`thucydides.cli`: the only modules that print.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, fields
from enum import StrEnum
from types import TracebackType
from typing import IO, Any, Generic, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from thucydides.errors import InputError
from thucydides.model import Record
from thucydides.output import (
    actor_json,
    agreement_json,
    event_json,
    quote_json,
    record_json,
    stance_json,
    timex_json,
)

T = TypeVar("T")

# The columns of `query events` as a table (JSON and CSV carry every field).
EVENT_TABLE_COLUMNS = (
    "doc_id",
    "date_value",
    "actor_code",
    "cameo",
    "plover",
    "recipient_code",
    "quad",
    "goldstein",
    "factuality",
    "evidence",
)


def write_record(sink: IO[str], record: Record) -> None:
    """Write one JSON line, the same bytes as :func:`~thucydides.output.dumps`, a finding at
    a time: the record of a long document holds hundreds of thousands of findings, and its
    JSON built whole (a dict, then a string) took gigabytes."""
    skeleton = record_json(Record(document=record.document, warnings=record.warnings))
    sink.write("{")
    for n, (key, value) in enumerate(skeleton.items()):
        sink.write(f"{', ' if n else ''}{json.dumps(key)}: ")
        if key not in _FINDINGS_JSON:  # the schema, the document and the warnings
            sink.write(json.dumps(value, ensure_ascii=False))
            continue
        field, to_json = _FINDINGS_JSON[key]
        sink.write("[")
        for i, finding in enumerate(getattr(record, field)):
            sink.write(f"{', ' if i else ''}{json.dumps(to_json(finding), ensure_ascii=False)}")
        sink.write("]")
    sink.write("}\n")


# The record's lists of findings: JSON key → (Record field, serialiser of one finding).
_FINDINGS_JSON: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "events": ("events", event_json),
    "quotes": ("quotes", quote_json),
    "stances": ("stances", stance_json),
    "agreements": ("agreements", agreement_json),
    "timexes": ("timexes", timex_json),
    "actors": ("mentions", actor_json),
}


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def render(rows: Sequence[Any], kind: OutputFormat, columns: Sequence[str] | None = None) -> str:
    """Rows (dataclasses) as text in the chosen format."""
    if kind is OutputFormat.JSON:
        return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n"
    names = list(columns) if columns else _field_names(rows)
    if kind is OutputFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_value(getattr(r, n)) for n in names] for r in rows)
        return buffer.getvalue()
    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*(_value(getattr(row, n)) for n in names))
    console = Console(file=io.StringIO(), width=_width(), record=True)
    console.print(table)
    return console.export_text()


def _field_names(rows: Sequence[Any]) -> list[str]:
    return [f.name for f in fields(rows[0])] if rows else []


def _value(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _width() -> int:
    return Console(file=sys.stdout).width if sys.stdout.isatty() else 200


class _Speed(ProgressColumn):
    """Documents per second since the start (rich's own speed is over the last seconds
    only, and documents come back a batch at a time)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        speed = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{speed:.1f} docs/s")


class Report(Generic[T]):
    """Progress of a long job on standard error, and one line per failed document.

    The bar shows only with ``show`` (default: when standard error is a terminal). To give
    an ETA it needs the number of documents: ``items`` are read ahead into a list when they
    are ``countable`` (local files are; documents still to be fetched are not).
    """

    def __init__(
        self,
        show: bool | None,
        items: Iterable[T] = (),
        *,
        countable: bool = True,
        total: int | None = None,
    ) -> None:
        self.visible = sys.stderr.isatty() if show is None else show
        if self.visible and countable and total is None:
            items = list(items)
            total = len(items)
        self.listed: Iterable[T] = items
        self.total = total
        self.failures = 0
        self.started = time.perf_counter()
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("coding"),
            BarColumn(),
            MofNCompleteColumn(),
            _Speed(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.visible,
        )
        self.task = self.progress.add_task("coding", total=total)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def advance(self) -> None:
        self.progress.advance(self.task)

    def fail(self, error: InputError) -> None:
        self.failures += 1
        self.advance()
        line = f"thucydides: {error}"
        if self.visible:
            self.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)

    def __enter__(self) -> Report[T]:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()
