"""Stances: holder, topic, position, reason and target."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SEED, CodeText, need_shared
from thucydides import Pipeline, read_text_document, record_json


def _stances(code_text: CodeText, text: str) -> list[tuple[Any, ...]]:
    return [
        (s["holder"]["code"], s["topic"], s["position"], s["reason"])
        for s in record_json(code_text(text))["stances"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkey welcomed the resumption of talks between the two sides.",
            ("TURGOV", "negotiations", "support"),
        ),
        ("Hungary is open to new sanctions on Russia.", ("HUNGOV", "sanctions", "support")),
        ("Israel rejected calls for a ceasefire in Gaza.", ("ISRGOV", "ceasefire", "oppose")),
        ("China does not support sanctions against Iran.", ("CHNGOV", "sanctions", "oppose")),
        ("The United States ruled out sending ground troops.", ("USAGOV", None, "oppose")),
    ],
)
def test_positions(code_text: CodeText, text: str, expected: tuple[Any, ...]) -> None:
    stances = _stances(code_text, text)
    holder, topic, position = expected
    if topic is None:
        # no topic of the lexicon in the object: no stance is invented from it
        assert all(s[0] != holder or s[2] != position or s[1] for s in stances)
        return
    assert any(s[0] == holder and topic in s[1] and s[2] == position for s in stances), stances


def test_reason_from_citing(code_text: CodeText) -> None:
    # a country takes its position through its government: EGYGOV
    text = "Citing security concerns, Egypt refused any international peacekeeping mission."
    ((holder, _, position, reason),) = _stances(code_text, text)
    assert (holder, position, reason) == ("EGYGOV", "oppose", "security concerns")


def test_seed_stances(pipeline: Pipeline) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    record = record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))
    stances = {(s["holder"]["country"], s["topic"], s["position"]): s for s in record["stances"]}
    assert ("PAK", "third-party mediation", "support") in stances
    india = stances[("IND", "third-party mediation", "oppose")]
    assert india["reason"] == "the 1972 Simla Agreement"
    assert all(len(s["id"]) == 16 for s in record["stances"])
