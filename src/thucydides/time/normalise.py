"""Normalise one time expression to a TIMEX3 type, value and precision.

:func:`normalise` tries, in order:

1. our own rules for the forms news writes most and general-purpose parsers get wrong:
   full and partial calendar dates with the year inferred from the publication date, week
   days relative to the publication day ("Friday" in a Friday article is that day), named
   relative days and periods ("yesterday", "last week", "earlier this month"), "N units
   ago", decades, durations ("four days", "a four-day battle"), sets ("weekly") and
   present references ("now");
2. dateparser, for whatever the rules do not cover, with the publication date as base;
3. otherwise nothing: the expression is left unresolved rather than guessed.

Relative expressions need a publication date; without one only absolute ones resolve.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from thucydides.model import Precision, TimexType
from thucydides.resources import data_path, read_yaml

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WORDS = read_yaml(data_path("time", "words.yaml"))
NUMBER_WORDS: dict[str, int | None] = {str(k): v for k, v in _WORDS["numbers"].items()}
SETS: dict[str, str] = {str(k): str(v) for k, v in _WORDS["sets"].items()}
PRESENT = frozenset(str(w) for w in _WORDS["present"])
PAST_WORDS = frozenset(str(w) for w in _WORDS["past"])
FUTURE_WORDS = frozenset(str(w) for w in _WORDS["future"])
SEASONS: dict[str, str] = {str(k): str(v) for k, v in _WORDS["seasons"].items()}
QUARTERS: dict[str, int] = {str(k): int(v) for k, v in _WORDS["quarters"].items()}
_RELATIVE_DAYS: dict[str, int] = {str(k): int(v) for k, v in _WORDS["relative_days"].items()}
UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
TIME_UNITS = frozenset({"second", "minute", "hour"})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_ON = r"^(?:on\s+)?"
_OPTIONAL_YEAR = rf"(?:,?\s+(?:of\s+)?{_YEAR})?$"
MONTH_DAY_YEAR = re.compile(rf"{_ON}{_WEEKDAY}{_MONTH}\s+{_DAY}{_OPTIONAL_YEAR}", re.I)
DAY_MONTH_YEAR = re.compile(
    rf"{_ON}{_WEEKDAY}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}{_OPTIONAL_YEAR}", re.I
)
MONTH_YEAR = re.compile(
    r"^(?:(?:in|early|late|mid|mid-|the\s+end\s+of|the\s+start\s+of)\s*)?"
    + _MONTH
    + _OPTIONAL_YEAR,
    re.I,
)
YEAR_ONLY = re.compile(r"^(?:in\s+|the\s+year\s+)?(?P<year>1[5-9]\d\d|20\d\d)$", re.I)
DECADE = re.compile(r"^(?:the\s+)?'?(?:(?P<century>1[5-9]|20)?(?P<decade>\d)0'?s)$", re.I)
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})$")
WEEKDAY_ONLY = re.compile(
    r"^(?:on\s+)?(?P<which>last|next|this|this\s+coming|this\s+past)?\s*"
    r"(?P<weekday>" + "|".join(WEEKDAYS) + r")$",
    re.I,
)
RELATIVE_PERIOD = re.compile(
    r"^(?P<which>last|next|this|past|coming|previous|current|earlier\s+this|later\s+this)"
    r"\s+(?P<unit>week|month|year|weekend|decade|century)$",
    re.I,
)
UNITS_AGO = re.compile(
    r"^(?P<n>[\w-]+)\s+(?P<unit>day|week|month|year|decade)s?"
    r"\s+(?P<dir>ago|earlier|before|later|from\s+now|hence)$",
    re.I,
)
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")"
_DURATION_LEAD = (
    r"^(?:(?:the\s+)?(?:past|last|next|first|coming|previous)\s+|for\s+|over\s+|about\s+"
    r"|nearly\s+|almost\s+|more\s+than\s+|some\s+|a\s+)*"
)
DURATION = re.compile(
    _DURATION_LEAD
    + _AMOUNT
    + r"[\s-]+(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie)s?"
    r"(?:[\s-]+long)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Normalised:
    type: TimexType
    value: str
    precision: Precision | None


def normalise(text: str, anchor: date | None, *, future: bool = False) -> Normalised | None:
    """TIMEX3 type, value and precision of ``text``, or None if it cannot be resolved.

    ``anchor`` is the publication date; ``future`` says the clause is about the future
    (so a bare "May" or "Friday" means the next one rather than the last one).
    """
    cleaned = " ".join(text.replace("’", "'").split()).strip(" ,.")
    for rule in (
        _set,
        _present,
        _reference,
        _time_of_day,
        _quarter,
        _season,
        _fuzzy_year,
        _span_of_period,
        _iso,
        _numeric,
        _month_day_year,
        _day_month_year,
        _month_year,
        _year,
        _decade,
        _duration,
        _weekday,
        _relative_day,
        _relative_period,
        _units_ago,
    ):
        result = rule(cleaned, anchor, future)
        if result is not None:
            return result
    return _dateparser(cleaned, anchor)


# ---- rules ---------------------------------------------------------------------------------


EVERY_WEEKDAY = re.compile(r"^(?:every|each)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")$", re.I)


def _set(text: str, anchor: date | None, future: bool) -> Normalised | None:
    value = SETS.get(text.lower())
    if value:
        return Normalised("SET", value, None)
    match = EVERY_WEEKDAY.match(text)
    if match:  # "every Monday": TIMEX3 XXXX-WXX-1
        return Normalised("SET", f"XXXX-WXX-{WEEKDAYS[match['weekday'].lower()] + 1}", None)
    return None


def _present(text: str, anchor: date | None, future: bool) -> Normalised | None:
    return Normalised("DATE", "PRESENT_REF", None) if text.lower() in PRESENT else None


def _reference(text: str, anchor: date | None, future: bool) -> Normalised | None:
    lowered = text.lower()
    if lowered in PAST_WORDS:
        return Normalised("DATE", "PAST_REF", None)
    if lowered in FUTURE_WORDS:
        return Normalised("DATE", "FUTURE_REF", None)
    return None


TIME_OF_DAY = re.compile(
    r"^(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?P<zone>UTC|GMT)[^)]*\)?)?$",
    re.I,
)


def _time_of_day(text: str, anchor: date | None, future: bool) -> Normalised | None:
    """ "18:00 UTC", "6:40 p.m.": a time on the publication day."""
    match = TIME_OF_DAY.match(text)
    if not match or not (match["m"] or match["ampm"]):
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"] and match["ampm"].lower().startswith("p") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    zone = "Z" if match["zone"] else ""
    return Normalised("TIME", f"{day}T{hour:02d}:{minute:02d}{zone}", None)


QUARTER = re.compile(
    r"^(?:the\s+)?(?P<which>first|1st|second|2nd|third|3rd|fourth|4th|last|previous|final"
    r"|this|current|next|coming)\s+(?:fiscal\s+|financial\s+)?quarter"
    r"(?:\s+of\s+(?:the\s+year\s+)?(?P<year>\d{4}))?$",
    re.I,
)


def _quarter(text: str, anchor: date | None, future: bool) -> Normalised | None:
    """ "the fourth quarter" is the last fourth quarter before publication."""
    match = QUARTER.match(text)
    if not match:
        return None
    which = match["which"].lower()
    if match["year"]:
        year = int(match["year"])
        number = QUARTERS.get(which)
        return Normalised("DATE", f"{year}-Q{number}", "quarter") if number else None
    if anchor is None:
        return None
    current = (anchor.month - 1) // 3 + 1
    index = anchor.year * 4 + current - 1
    if which in QUARTERS:
        target = QUARTERS[which]
        index = anchor.year * 4 + target - 1
        if not future and target > current:
            index -= 4
    elif which in ("last", "previous", "final"):
        index -= 1
    elif which in ("next", "coming"):
        index += 1
    return Normalised("DATE", f"{index // 4}-Q{index % 4 + 1}", "quarter")


SEASON = re.compile(
    r"^(?:(?P<which>this|last|next|early|late|mid)\s+)?(?:the\s+)?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$",
    re.I,
)


def _season(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = SEASON.match(text)
    if not match:
        return None
    code = SEASONS[match["season"].lower()]
    if match["year"]:
        return Normalised("DATE", f"{match['year']}-{code}", "season")
    if anchor is None:
        return None
    step = {"last": -1, "next": 1}.get((match["which"] or "").lower(), 0)
    return Normalised("DATE", f"{anchor.year + step}-{code}", "season")


FUZZY_YEAR = re.compile(
    r"^(?:early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)[\s-]*(?P<year>\d{4})$",
    re.I,
)
PERIOD_OF_YEAR = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|rest|remainder)\s+of\s+"
    r"(?P<which>the|this|last|next)\s+year$",
    re.I,
)


def _fuzzy_year(text: str, anchor: date | None, future: bool) -> Normalised | None:
    """ "early 2009", "mid-2011", "the end of this year": the year, at year precision."""
    match = FUZZY_YEAR.match(text)
    if match:
        return Normalised("DATE", match["year"], "year")
    match = PERIOD_OF_YEAR.match(text)
    if match and anchor is not None:
        step = {"last": -1, "next": 1}.get(match["which"].lower(), 0)
        return Normalised("DATE", f"{anchor.year + step}", "year")
    return None


SPAN_OF_PERIOD = re.compile(
    r"^the\s+(?:past|last|next|coming|previous)\s+(?P<unit>decade|year|month|week|century)$",
    re.I,
)


def _span_of_period(text: str, anchor: date | None, future: bool) -> Normalised | None:
    """ "the past decade" is a duration (P10Y); "last year" without "the" is a date."""
    match = SPAN_OF_PERIOD.match(text)
    if not match:
        return None
    value = {"decade": "P10Y", "year": "P1Y", "month": "P1M", "week": "P1W", "century": "P100Y"}[
        match["unit"].lower()
    ]
    return Normalised("DURATION", value, None)


def _iso(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = ISO_DATE.match(text)
    if not match:
        return None
    return _day(int(match["year"]), int(match["month"]), int(match["day"]))


def _numeric(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = NUMERIC_DATE.match(text)
    if not match:
        return None
    first, second = int(match["a"]), int(match["b"])
    # Month first (US style) unless that is impossible.
    month, day = (first, second) if first <= 12 else (second, first)
    return _day(int(match["year"]), month, day)


def _month_day_year(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = MONTH_DAY_YEAR.match(text)
    return _calendar_day(match, anchor, future) if match else None


def _day_month_year(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = DAY_MONTH_YEAR.match(text)
    return _calendar_day(match, anchor, future) if match else None


def _calendar_day(match: re.Match[str], anchor: date | None, future: bool) -> Normalised | None:
    month = MONTHS[match["month"].lower()]
    day = int(match["day"])
    if match["year"]:
        return _day(int(match["year"]), month, day)
    if anchor is None:
        return Normalised("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    year = _nearest_year(anchor, month, day, future)
    return _day(year, month, day)


def _month_year(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = MONTH_YEAR.match(text)
    if not match:
        return None
    month = MONTHS[match["month"].lower()]
    if match["year"]:
        return Normalised("DATE", f"{int(match['year']):04d}-{month:02d}", "month")
    if anchor is None:
        return Normalised("DATE", f"XXXX-{month:02d}", "month")
    year = _nearest_year(anchor, month, 15, future)
    return Normalised("DATE", f"{year:04d}-{month:02d}", "month")


def _year(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = YEAR_ONLY.match(text)
    return Normalised("DATE", match["year"], "year") if match else None


def _decade(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = DECADE.match(text)
    if not match:
        return None
    century = match["century"] or "19"
    return Normalised("DATE", f"{century}{match['decade']}", "decade")


def _duration(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = DURATION.match(text)
    if not match:
        return None
    amount = _number(match["n"])
    unit = match["unit"].lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    code = UNITS[unit]
    quantity = "X" if amount is None else _format_amount(amount)
    if unit in TIME_UNITS:
        return Normalised("DURATION", f"PT{quantity}{code}", None)
    if unit == "decade":
        return Normalised("DURATION", f"P{quantity}0Y" if amount is not None else "PXDE", None)
    if unit == "century":
        return Normalised("DURATION", f"P{quantity}00Y" if amount is not None else "PXCE", None)
    return Normalised("DURATION", f"P{quantity}{code}", None)


def _weekday(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = WEEKDAY_ONLY.match(text)
    if not match:
        return None
    if anchor is None:
        return None
    target = WEEKDAYS[match["weekday"].lower()]
    which = (match["which"] or "").lower().split()
    if "next" in which or "coming" in which or (future and not which):
        delta = (target - anchor.weekday()) % 7 or 7
        if future and not which and target == anchor.weekday():
            delta = 0
        result = anchor + timedelta(days=delta)
    else:
        # A bare or "last" week day is the latest such day on or before the publication day:
        # "Friday" in an article published on a Friday is that very day.
        delta = (anchor.weekday() - target) % 7
        if "last" in which and delta == 0:
            delta = 7
        result = anchor - timedelta(days=delta)
    return _day(result.year, result.month, result.day)


def _relative_day(text: str, anchor: date | None, future: bool) -> Normalised | None:
    offset = _RELATIVE_DAYS.get(text.lower())
    if offset is None or anchor is None:
        return None
    result = anchor + timedelta(days=offset)
    return _day(result.year, result.month, result.day)


def _relative_period(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = RELATIVE_PERIOD.match(text)
    if not match or anchor is None:
        return None
    which = " ".join(match["which"].lower().split())
    unit = match["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        iso = monday.isocalendar()
        suffix = "-WE" if unit == "weekend" else ""
        return Normalised("DATE", f"{iso.year:04d}-W{iso.week:02d}{suffix}", "week")
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return Normalised("DATE", f"{index // 12:04d}-{index % 12 + 1:02d}", "month")
    if unit == "year":
        return Normalised("DATE", f"{anchor.year + step:04d}", "year")
    if unit == "decade":
        return Normalised("DATE", f"{(anchor.year // 10 + step):03d}", "decade")
    return Normalised("DATE", f"{(anchor.year // 100 + step):02d}", "century")


def _units_ago(text: str, anchor: date | None, future: bool) -> Normalised | None:
    match = UNITS_AGO.match(text)
    if not match or anchor is None:
        return None
    amount = _number(match["n"])
    if amount is None:
        return None
    sign = -1 if match["dir"].lower() in ("ago", "earlier", "before") else 1
    unit = match["unit"].lower()
    n = int(amount) * sign
    if unit == "day":
        result = anchor + timedelta(days=n)
        return _day(result.year, result.month, result.day)
    if unit == "week":
        result = anchor + timedelta(weeks=n)
        iso = result.isocalendar()
        return Normalised("DATE", f"{iso.year:04d}-W{iso.week:02d}", "week")
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + n
        return Normalised("DATE", f"{index // 12:04d}-{index % 12 + 1:02d}", "month")
    if unit == "year":
        return Normalised("DATE", f"{anchor.year + n:04d}", "year")
    return Normalised("DATE", f"{(anchor.year + 10 * n) // 10:03d}", "decade")


RANGE_WORDS = re.compile(r"\b(?:and|to|through|between)\b|\d\s*[-–]\s*\d", re.I)


def _dateparser(text: str, anchor: date | None) -> Normalised | None:
    """Fallback: dateparser, trusted only when it reports what it found."""
    if anchor is None or not re.search(r"\d|" + "|".join(MONTHS), text, re.I):
        return None
    if RANGE_WORDS.search(text):
        return None  # dateparser reads "May 7 and 10" as one day; the extractor splits it
    from datetime import datetime

    import dateparser  # imported lazily: it takes a second to load

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "REQUIRE_PARTS": ["year"],
    }
    parsed = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return None
    value = parsed.date_obj.date()
    if parsed.period == "year":
        return Normalised("DATE", f"{value.year:04d}", "year")
    if parsed.period == "month":
        return Normalised("DATE", f"{value.year:04d}-{value.month:02d}", "month")
    return _day(value.year, value.month, value.day)


# ---- helpers -------------------------------------------------------------------------------


def _day(year: int, month: int, day: int) -> Normalised | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return Normalised("DATE", value.isoformat(), "day")


def _nearest_year(anchor: date, month: int, day: int, future: bool) -> int:
    """The year that puts month/day nearest the anchor, in the past unless ``future``."""
    day = min(day, 28 if month == 2 else day)
    this_year = date(anchor.year, month, min(day, calendar.monthrange(anchor.year, month)[1]))
    if future:
        return anchor.year if this_year >= anchor - timedelta(days=7) else anchor.year + 1
    # News reports the past: a date more than a month ahead of publication is last year's.
    return anchor.year if this_year <= anchor + timedelta(days=31) else anchor.year - 1


def _number(word: str) -> float | None:
    lowered = word.lower()
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS[lowered]
    try:
        return float(lowered)
    except ValueError:
        return None


def _format_amount(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount)
