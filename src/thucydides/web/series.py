"""The dyad chart's data: one point per period from the first to the last, empty ones too.

The store counts a dyad's merged events per period; periods with no event are simply
absent, and an event dated less precisely than the period ("2025" by month) keeps its
own coarser period. A chart needs an unbroken axis, so the periods in between are filled
with zeros and the coarser ones are set aside (the page says how many events they hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from thucydides.store.reader import DyadRow, Period, period_of

# An axis longer than this is not filled (a century by day): the periods are shown as given.
MAX_FILLED = 3660

_PATTERNS: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "week": re.compile(r"\d{4}-W\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
}


@dataclass(frozen=True, slots=True)
class Series:
    by: str
    periods: list[str]
    verbal_coop: list[int]
    material_coop: list[int]
    verbal_conflict: list[int]
    material_conflict: list[int]
    goldstein_mean: list[float | None]
    goldstein_sum: list[float]
    coarser: list[DyadRow]  # periods less precise than ``by``, not on the axis

    def as_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "periods": self.periods,
            "verbal_coop": self.verbal_coop,
            "material_coop": self.material_coop,
            "verbal_conflict": self.verbal_conflict,
            "material_conflict": self.material_conflict,
            "goldstein_mean": self.goldstein_mean,
            "goldstein_sum": self.goldstein_sum,
        }


def series(rows: list[DyadRow], by: Period) -> Series:
    precise = {r.period: r for r in rows if _PATTERNS[by].fullmatch(r.period)}
    coarser = [r for r in rows if r.period not in precise]
    axis = _axis(sorted(precise), by)
    found = [precise.get(p) for p in axis]
    return Series(
        by,
        axis,
        [r.verbal_coop if r else 0 for r in found],
        [r.material_coop if r else 0 for r in found],
        [r.verbal_conflict if r else 0 for r in found],
        [r.material_conflict if r else 0 for r in found],
        [r.goldstein_mean if r else None for r in found],
        [r.goldstein_sum if r else 0.0 for r in found],
        coarser,
    )


def _axis(periods: list[str], by: Period) -> list[str]:
    """Every period from the first to the last given, or the given ones if too many."""
    if not periods:
        return []
    first, last = _start(periods[0], by), _start(periods[-1], by)
    step = {"day": 1, "week": 7}.get(by)
    if step is not None and (last - first).days // step > MAX_FILLED:
        return periods
    axis: list[str] = []
    current = first
    while current <= last and len(axis) <= MAX_FILLED:
        axis.append(period_of(current.isoformat(), "day", by))
        current = _next(current, by)
    return axis


def _start(period: str, by: Period) -> date:
    if by == "day":
        return date.fromisoformat(period)
    if by == "week":
        return date.fromisocalendar(int(period[:4]), int(period[6:8]), 1)
    return date(int(period[:4]), int(period[5:7]), 1)


def _next(day: date, by: Period) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
