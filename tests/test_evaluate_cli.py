"""`thucydides evaluate` on small gold files in the project's fixtures."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import FIXTURES
from thucydides.cli import app

runner = CliRunner()


def test_evaluate_timex_prints_engine_and_baseline() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "gold_timex.jsonl")])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["task"] == "timex"
    assert figures["engine"]["relaxed_f1"] == 1.0
    assert figures["engine"]["value_accuracy"] == 1.0
    assert "relaxed_f1" in figures["dateparser"]


def test_evaluate_actors() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "gold_actors.jsonl")])
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)["engine"]
    assert figures["items"] == 2  # the xfail item is skipped
    assert figures["country_accuracy"] == 1.0 and figures["sector_accuracy"] == 1.0


def test_unknown_gold_format_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "odd.jsonl"
    gold.write_text('{"id": 1, "gold": {"label": "x"}}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2 and "unknown gold format" in result.stderr
