"""Events as flat tables: CSV (header line, one event per row) and Parquet.

The columns are the fields of :class:`~thucydides.store.reader.EventRow`, in order.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from thucydides.errors import ConfigError, Msg
from thucydides.export.typed import field_types, from_cells, from_values, to_cells
from thucydides.store.reader import EventRow

_COLUMNS = list(field_types(EventRow))


def write_csv(rows: Iterable[EventRow], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.writer(sink)
        writer.writerow(_COLUMNS)
        for row in rows:
            writer.writerow(to_cells(row))
            count += 1
    return count


def read_csv(path: Path) -> Iterator[EventRow]:
    with path.open(encoding="utf-8", newline="") as source:
        for number, cells in enumerate(csv.DictReader(source), start=2):
            yield from_cells(EventRow, cells, f"{path}:{number}", "CSV")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ConfigError(Msg.E043, extra="parquet") from exc
    return pyarrow


def _arrow_schema(pa: Any) -> Any:
    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return pa.schema(
        [
            pa.field(name, kinds[base], nullable=optional)
            for name, (base, optional) in field_types(EventRow).items()
        ]
    )


def write_parquet(rows: Iterable[EventRow], path: Path) -> int:
    pa = _pyarrow()
    materialised = list(rows)
    columns = {name: [getattr(r, name) for r in materialised] for name in _COLUMNS}
    table = pa.table(columns, schema=_arrow_schema(pa))
    pa.parquet.write_table(table, path)
    return len(materialised)


def read_parquet(path: Path) -> Iterator[EventRow]:
    pa = _pyarrow()
    table = pa.parquet.read_table(path)
    for number, values in enumerate(table.to_pylist(), start=1):
        yield from_values(EventRow, values, f"{path}:row {number}", "Parquet")
