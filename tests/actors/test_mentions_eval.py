"""The mention evaluator on sentences whose answers are known (not a gold set)."""

from __future__ import annotations

from datetime import date

from tests.conftest import CodeText
from thucydides.evaluate.mentions import evaluate_mentions
from thucydides.model import Record


def test_a_mention_is_scored_by_the_reference_over_its_words(code_text: CodeText) -> None:
    text = "Pakistan's Foreign Office welcomed the offer on Friday."
    items = [
        {
            "text": text,
            "mention": "Pakistan's Foreign Office",
            "start": 0,
            "end": 25,
            "doc_date": "2025-08-08",
            "gold": {"country": "PAK", "sector": "GOV"},
        },
        {
            "text": text,
            "mention": "the offer",
            "start": 35,
            "end": 44,
            "doc_date": "2025-08-08",
            "gold": {"country": "IND", "sector": None},
        },
    ]
    scores = evaluate_mentions(items, lambda t, day: code_text(t, published=day))
    assert scores.items == 2
    assert scores.country.correct == 1  # PAK right; the offer names no one, IND is missed
    assert scores.sector.correct == 2  # GOV right; no sector and none expected
    assert scores.country.errors == [("the offer", "IND", "")]


def test_the_dates_are_the_items_own(code_text: CodeText) -> None:
    seen: list[date | None] = []

    def spy(text: str, day: date | None) -> Record:
        seen.append(day)
        return code_text(text, published=day)

    item = {"text": "Talks resumed.", "mention": "Talks", "start": 0, "end": 5,
            "doc_date": "1996-03-01", "gold": {"country": None, "sector": None}}  # fmt: skip
    evaluate_mentions([item], spy)
    assert seen == [date(1996, 3, 1)]
