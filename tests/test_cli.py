"""The command line: input order, standard output or -o, errors on stderr, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from thucydides.cli import app
from thucydides.output import schema

EXAMPLE = EXAMPLES / "thailand_cambodia_ceasefire.txt"
runner = CliRunner()


def test_code_writes_valid_jsonl_to_stdout() -> None:
    result = runner.invoke(app, ["code", str(EXAMPLE), "--date", "2025-07-29"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, schema())
    assert record["doc"]["id"] == "thailand_cambodia_ceasefire"
    assert record["doc"]["published"] == "2025-07-29"
    assert record["events"]


def test_bad_inputs_are_reported_and_the_rest_is_coded(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out.jsonl"
    args = [
        "code",
        str(empty),
        str(tmp_path / "missing.txt"),
        str(EXAMPLE),
        str(binary),
        "--date",
        "2025-07-29",
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "empty.txt: E002" in errors[0]
    assert "missing.txt: E001" in errors[1]
    assert "image.txt: E003" in errors[2]
    coded = out.read_text().strip().splitlines()
    assert [json.loads(line)["doc"]["id"] for line in coded] == ["thailand_cambodia_ceasefire"]


def test_jsonl_input_keeps_order_and_ids() -> None:
    result = runner.invoke(app, ["code", str(EXAMPLES / "articles.jsonl")])
    assert result.exit_code == 0, result.stderr
    ids = [json.loads(line)["doc"]["id"] for line in result.stdout.strip().splitlines()]
    assert ids == ["example-thai-cambodia", "example-prisoner-swap"]


def test_stdin(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["code", "-", "--date", "2025-07-29"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["doc"]["source"] == "<stdin>"


def test_bad_date_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["code", str(EXAMPLE), "--date", "29/07/2025"])
    assert result.exit_code == 2
    assert "E008" in result.stderr


def test_help_documents_the_command() -> None:
    result = runner.invoke(app, ["code", "--help"])
    assert result.exit_code == 0
    for option in ("--date", "--output", "INPUT"):
        assert option in result.stdout
