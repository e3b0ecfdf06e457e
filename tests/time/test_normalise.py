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
    # week days and month names around year boundaries
    ("Monday", date(2026, 1, 1), "DATE", "2025-12-29", "day"),
    ("Thursday", date(2026, 1, 1), "DATE", "2026-01-01", "day"),
    ("next Monday", date(2025, 12, 31), "DATE", "2026-01-05", "day"),
    ("last Sunday", date(2026, 1, 2), "DATE", "2025-12-28", "day"),
    ("on Saturday", date(2026, 1, 3), "DATE", "2026-01-03", "day"),
    ("November", date(2026, 1, 15), "DATE", "2025-11", "month"),
    ("January", date(2025, 12, 20), "DATE", "2025-01", "month"),
    ("December 31", date(2026, 1, 4), "DATE", "2025-12-31", "day"),
    ("January 3", date(2025, 12, 31), "DATE", "2025-01-03", "day"),
    ("January 5", date(2026, 1, 6), "DATE", "2026-01-05", "day"),
    ("February 29, 2024", SAT, "DATE", "2024-02-29", "day"),
    ("Dec. 25", date(2026, 1, 2), "DATE", "2025-12-25", "day"),
    ("Sept. 11, 2001", SAT, "DATE", "2001-09-11", "day"),
    ("5 January 2026", SAT, "DATE", "2026-01-05", "day"),
    ("Tuesday, December 30, 2025", NEW_YEAR, "DATE", "2025-12-30", "day"),
    ("last month", date(2026, 1, 31), "DATE", "2025-12", "month"),
    ("next month", date(2025, 12, 1), "DATE", "2026-01", "month"),
    ("this month", date(2026, 1, 1), "DATE", "2026-01", "month"),
    ("last week", date(2026, 1, 1), "DATE", "2025-W52", "week"),
    ("next week", date(2025, 12, 29), "DATE", "2026-W02", "week"),
    ("this week", date(2025, 12, 31), "DATE", "2026-W01", "week"),
    ("yesterday", date(2026, 1, 1), "DATE", "2025-12-31", "day"),
    ("tomorrow", date(2025, 12, 31), "DATE", "2026-01-01", "day"),
    ("two days ago", date(2026, 1, 1), "DATE", "2025-12-30", "day"),
    ("a week ago", FRI, "DATE", "2025-W31", "week"),
    ("two months ago", date(2026, 1, 15), "DATE", "2025-11", "month"),
    ("a year ago", FRI, "DATE", "2024", "year"),
    ("ten years earlier", FRI, "DATE", "2015", "year"),
    ("three days later", FRI, "DATE", "2025-08-11", "day"),
    ("last weekend", FRI, "DATE", "2025-W31-WE", "week"),
    ("this decade", FRI, "DATE", "202", "decade"),
    ("the 1980s", SAT, "DATE", "198", "decade"),
    ("the 2010s", SAT, "DATE", "201", "decade"),
    ("the '90s", SAT, "DATE", "199", "decade"),
    ("1947", SAT, "DATE", "1947", "year"),
    ("in March 2003", SAT, "DATE", "2003-03", "month"),
    ("early 2009", SAT, "DATE", "2009", "year"),
    ("mid-2024", SAT, "DATE", "2024", "year"),
    ("late 2019", SAT, "DATE", "2019", "year"),
    ("the end of this year", SAT, "DATE", "2025", "year"),
    ("the fourth quarter", date(2026, 2, 1), "DATE", "2025-Q4", "quarter"),
    ("the first quarter of 2009", SAT, "DATE", "2009-Q1", "quarter"),
    ("last quarter", date(2026, 2, 1), "DATE", "2025-Q4", "quarter"),
    ("spring", date(2009, 6, 1), "DATE", "2009-SP", "season"),
    ("winter of 2022", SAT, "DATE", "2022-WI", "season"),
    ("18:00 UTC", date(2009, 12, 15), "TIME", "2009-12-15T18:00Z", None),
    ("6:40 p.m.", FRI, "TIME", "2025-08-08T18:40", None),
    ("10:30 am", FRI, "TIME", "2025-08-08T10:30", None),
    ("recently", SAT, "DATE", "PAST_REF", None),
    ("in the past", SAT, "DATE", "PAST_REF", None),
    ("in the future", SAT, "DATE", "FUTURE_REF", None),
    ("ongoing", SAT, "DATE", "PRESENT_REF", None),
    ("the past decade", SAT, "DURATION", "P10Y", None),
    ("the next year", SAT, "DURATION", "P1Y", None),
    ("two weeks", SAT, "DURATION", "P2W", None),
    ("a decade", SAT, "DURATION", "P10Y", None),
    ("90 minutes", SAT, "DURATION", "PT90M", None),
    ("eleven days", SAT, "DURATION", "P11D", None),
    ("a five-year", SAT, "DURATION", "P5Y", None),
    ("more than three years", SAT, "DURATION", "P3Y", None),
    ("daily", SAT, "SET", "P1D", None),
    ("monthly", SAT, "SET", "P1M", None),
    ("every year", SAT, "SET", "P1Y", None),
    ("quarterly", SAT, "SET", "P3M", None),
    ("every Monday", SAT, "SET", "XXXX-WXX-1", None),
    ("each Friday", SAT, "SET", "XXXX-WXX-5", None),
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
