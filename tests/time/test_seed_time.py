"""Issue 5, acceptance 2: the seed article's time expressions and event dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SEED, need_shared
from thucydides import Pipeline, read_text_document, record_json


@pytest.fixture(scope="module")
def record(pipeline: Pipeline) -> dict[str, Any]:
    text = need_shared(SEED).read_text(encoding="utf-8")
    return record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Friday, August 8, 2025", "2025-08-08"),
        ("May", "2025-05"),
        ("April 22, 2025", "2025-04-22"),
        ("May 7, 2025", "2025-05-07"),
        ("four days", "P4D"),
        ("May 10, 2025", "2025-05-10"),
        ("1972", "1972"),
    ],
)
def test_seed_time_expressions(record: dict[str, Any], text: str, value: str) -> None:
    values = {t["value"] for t in record["timexes"] if t["text"] == text}
    assert values == {value}


def test_accusation_and_suspension_are_dated_april_2025(record: dict[str, Any]) -> None:
    dated = {e["cameo"][:2]: e["date"] for e in record["events"] if e["sentence"] == 15}
    for root in ("11", "16"):
        assert (dated[root]["value"], dated[root]["precision"]) == ("2025-04", "month")
