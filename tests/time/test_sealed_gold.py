"""The sealed time set of #17 (tests/fixtures/timex_sealed_gold.jsonl: 37 news texts, 357
time expressions, 1995-2025, written by a helper who never saw the engine; see
timex_sealed_README.md). Every sentence is annotated, so the whole text is scored.

Scored once, before any change to the time tagger (engine 2026-12-07): relaxed span F1
0.907 (P 0.993, R 0.835), strict F1 0.862, DATE value accuracy 0.879, value accuracy 0.866.
Nobody reads its per-item errors: only these totals, before and after a change. Floors are
the levels reached, only ever raised."""

from __future__ import annotations

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.evaluate.run import timex_tagger
from thucydides.evaluate.timex import evaluate_timexes, read_gold

RELAXED_F1_FLOOR = 0.90
DATE_VALUE_FLOOR = 0.87


def test_sealed_time_floors(pipeline: Pipeline) -> None:
    items = read_gold(FIXTURES / "timex_sealed_gold.jsonl")
    tagger, _ = timex_tagger(pipeline)
    scores = evaluate_timexes(items, tagger).as_dict()
    assert scores["gold"] == 357
    assert scores["relaxed_f1"] >= RELAXED_F1_FLOOR, scores["relaxed_f1"]
    assert scores["date_value_accuracy"] >= DATE_VALUE_FLOOR, scores["date_value_accuracy"]
