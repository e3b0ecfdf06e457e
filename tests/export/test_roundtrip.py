"""Every export format read back by its reader gives what was written."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.corpus import OVERLAPPING, fill
from thucydides import Pipeline
from thucydides.cli import app
from thucydides.errors import InputError
from thucydides.export import ExportFormat, export
from thucydides.export.cameo import COLUMNS, phoenix_row, read_cameo_tsv
from thucydides.export.jsonl import read_jsonl
from thucydides.export.plover import plover_event, read_plover
from thucydides.export.table import read_csv, read_parquet
from thucydides.store import EventFilter, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("export") / "s.sqlite") as filled:
        fill(filled, pipeline, OVERLAPPING)
        yield filled


def test_jsonl_gives_back_the_records_as_coded(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert export(store.reader, ExportFormat.JSONL, path) == 11
    assert list(read_jsonl(path)) == [json.loads(line) for line in store.reader.record_lines()]


@pytest.mark.parametrize("kind", [ExportFormat.CSV, ExportFormat.PARQUET])
def test_tables_give_back_every_event_row(store: Store, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"out.{kind}"
    rows = store.reader.events()
    assert export(store.reader, ExportFormat(kind), path) == len(rows) > 0
    reader = read_csv if kind == ExportFormat.CSV else read_parquet
    assert list(reader(path)) == rows


def test_event_exports_carry_the_rule_and_read_files_written_before_it(
    store: Store, tmp_path: Path
) -> None:
    rows = store.reader.events()
    assert rows and any(r.rule for r in rows)
    table = tmp_path / "out.csv"
    export(store.reader, ExportFormat.CSV, table)
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-3:] == ["confidence", "merged_id", "rule"]  # added last: nothing moves
    with table.open(encoding="utf-8", newline="") as source:
        old_rows = [{k: v for k, v in row.items() if k != "rule"} for row in csv.DictReader(source)]
    with table.open("w", encoding="utf-8", newline="") as sink:  # as an older version wrote it
        writer = csv.DictWriter(sink, fieldnames=header[:-1])
        writer.writeheader()
        writer.writerows(old_rows)
    assert list(read_csv(table)) == [replace(r, rule=None) for r in rows]
    plover = tmp_path / "out.plover.jsonl"
    export(store.reader, ExportFormat.PLOVER, plover)
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert all(list(r)[-2:] == ["confidence", "rule"] for r in records)
    assert [r["rule"] for r in records] == [row.rule for row in rows]
    plover.write_text(
        "".join(json.dumps({k: v for k, v in r.items() if k != "rule"}) + "\n" for r in records)
    )
    assert list(read_plover(plover)) == [replace(plover_event(r), rule=None) for r in rows]


def test_a_missing_column_without_a_default_is_still_an_input_error(
    store: Store, tmp_path: Path
) -> None:
    table = tmp_path / "out.csv"
    export(store.reader, ExportFormat.CSV, table)
    with table.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with table.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.DictWriter(sink, fieldnames=[k for k in rows[0] if k != "confidence"])
        writer.writeheader()
        writer.writerows({k: v for k, v in row.items() if k != "confidence"} for row in rows)
    with pytest.raises(InputError, match="E042"):
        list(read_csv(table))


def test_plover_records(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.plover.jsonl"
    rows = store.reader.events()
    export(store.reader, ExportFormat.PLOVER, path)
    assert list(read_plover(path)) == [plover_event(r) for r in rows]
    first = json.loads(path.read_text().splitlines()[0])
    for name in (
        "event_id",
        "event_date",
        "event_type",
        "event_mode",
        "contexts",
        "quad_code",
        "actor_country",
        "recipient_country",
        "placename",
        "story_id",
    ):
        assert name in first


def test_cameo_tsv_in_the_phoenix_layout(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    where = EventFilter(factuality="asserted")
    rows = store.reader.events(where)
    export(store.reader, ExportFormat.CAMEO_TSV, path, where)
    assert list(read_cameo_tsv(path)) == [phoenix_row(r) for r in rows]
    lines = path.read_text().splitlines()
    assert all(len(line.split("\t")) == len(COLUMNS) == 26 for line in lines)
    envoy = next(line.split("\t") for line in lines if "\t161\t" in line)
    assert envoy[1:5] == ["20250723", "2025", "7", "23"]
    assert envoy[9:13] == ["KHMGOV", "KHM", "GOV", ""]


def test_a_broken_row_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("only\tthree\tcolumns\n")
    with pytest.raises(InputError, match="E042"):
        list(read_cameo_tsv(path))


def test_export_command(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    args = ["export", "--db", str(store.path), "--format", "csv", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--factuality", "asserted", "--since", "2025-06"])
    assert result.exit_code == 0, result.stderr
    rows = list(read_csv(out))
    assert rows and {r.factuality for r in rows} == {"asserted"}
    assert min(r.date_value or "" for r in rows) >= "2025-06"
    assert "events written" in result.stderr
