"""Every export format read back by its reader gives what was written."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
