"""The publication date read from a dateline when none is given."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.ingest import read_text_document
from thucydides.time.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Airbus wins contract\nMarch 01, 2008\nAirbus said on Friday ...", date(2008, 3, 1)),
        ("WASHINGTON, May 10, 2025 (Reuters) - The United States said ...", date(2025, 5, 10)),
        ("KYIV, 3 June 2024 — Ukraine said ...", date(2024, 6, 3)),
        ("India and Pakistan agreed on Saturday to a ceasefire.", None),
        ("Talks in May\nThe two sides met in May.", None),
    ],
)
def test_find_dateline(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected


def test_documents_without_a_date_take_their_dateline() -> None:
    doc = read_text_document("Airbus wins contract\nMarch 01, 2008\nAirbus said on Friday.")
    assert doc.published == date(2008, 3, 1)
    given = read_text_document("Title\nMarch 01, 2008\nBody.", published=date(2008, 3, 2))
    assert given.published == date(2008, 3, 2)
