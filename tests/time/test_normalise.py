"""Table-driven tests of time normalisation against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.time.normalise import normalise

FRI = date(2025, 8, 8)  # a Friday
SAT = date(2025, 8, 9)
NEW_YEAR = date(2026, 1, 2)  # a Friday, just after a year boundary

CASES = [
    # text, publication date, type, value, precision
    ("Friday, August 8, 2025", SAT, "DATE", "2025-08-08", "day"),
    ("Friday", FRI, "DATE", "2025-08-08", "day"),
    ("Friday", SAT, "DATE", "2025-08-08", "day"),
    ("on Monday", FRI, "DATE", "2025-08-04", "day"),
    ("last Friday", FRI, "DATE", "2025-08-01", "day"),
    ("next Tuesday", FRI, "DATE", "2025-08-12", "day"),
    ("in May", SAT, "DATE", "2025-05", "month"),
    ("May", SAT, "DATE", "2025-05", "month"),
    ("December", NEW_YEAR, "DATE", "2025-12", "month"),
    ("December 28", NEW_YEAR, "DATE", "2025-12-28", "day"),
    ("January 1", NEW_YEAR, "DATE", "2026-01-01", "day"),
    ("Wednesday", NEW_YEAR, "DATE", "2025-12-31", "day"),
    ("April 22, 2025", SAT, "DATE", "2025-04-22", "day"),
    ("April 22", SAT, "DATE", "2025-04-22", "day"),
    ("22 April 2025", SAT, "DATE", "2025-04-22", "day"),
    ("the 22nd of April", SAT, "DATE", "2025-04-22", "day"),
    ("May 7, 2025", SAT, "DATE", "2025-05-07", "day"),
    ("May 2025", SAT, "DATE", "2025-05", "month"),
    ("September 2024", SAT, "DATE", "2024-09", "month"),
    ("1972", SAT, "DATE", "1972", "year"),
    ("in 2019", SAT, "DATE", "2019", "year"),
    ("the 1990s", SAT, "DATE", "199", "decade"),
    ("2025-03-14", SAT, "DATE", "2025-03-14", "day"),
    ("yesterday", FRI, "DATE", "2025-08-07", "day"),
    ("today", FRI, "DATE", "2025-08-08", "day"),
    ("tomorrow", NEW_YEAR, "DATE", "2026-01-03", "day"),
    ("last week", FRI, "DATE", "2025-W31", "week"),
    ("this week", FRI, "DATE", "2025-W32", "week"),
    ("last month", NEW_YEAR, "DATE", "2025-12", "month"),
    ("earlier this month", FRI, "DATE", "2025-08", "month"),
    ("this year", FRI, "DATE", "2025", "year"),
    ("last year", NEW_YEAR, "DATE", "2025", "year"),
    ("next year", FRI, "DATE", "2026", "year"),
    ("two days ago", FRI, "DATE", "2025-08-06", "day"),
    ("three weeks ago", FRI, "DATE", "2025-W29", "week"),
    ("five years ago", FRI, "DATE", "2020", "year"),
    ("four days", SAT, "DURATION", "P4D", None),
    ("four-day", SAT, "DURATION", "P4D", None),
    ("six months", SAT, "DURATION", "P6M", None),
    ("48 hours", SAT, "DURATION", "PT48H", None),
    ("the past two years", SAT, "DURATION", "P2Y", None),
    ("several weeks", SAT, "DURATION", "PXW", None),
    ("weekly", SAT, "SET", "P1W", None),
    ("annually", SAT, "SET", "P1Y", None),
    ("now", SAT, "DATE", "PRESENT_REF", None),
    ("currently", SAT, "DATE", "PRESENT_REF", None),
]


@pytest.mark.parametrize(("text", "published", "kind", "value", "precision"), CASES)
def test_normalise(
    text: str, published: date, kind: str, value: str, precision: str | None
) -> None:
    result = normalise(text, published)
    assert result is not None, text
    assert (result.type, result.value, result.precision) == (kind, value, precision)


def test_future_clause_takes_the_next_weekday_and_month() -> None:
    result = normalise("Tuesday", FRI, future=True)
    assert result is not None and result.value == "2025-08-12"
    result = normalise("March", FRI, future=True)
    assert result is not None and result.value == "2026-03"


@pytest.mark.parametrize("text", ["yesterday", "last week", "Friday", "two days ago"])
def test_relative_expressions_stay_unresolved_without_a_publication_date(text: str) -> None:
    assert normalise(text, None) is None


def test_absolute_dates_need_no_publication_date() -> None:
    result = normalise("May 10, 2025", None)
    assert result is not None and result.value == "2025-05-10"
