"""The publication date from a dateline: "March 01, 2008" on a line of its own under the
headline, or "WASHINGTON, May 10, 2025 (Reuters) -" opening the first paragraph."""

from __future__ import annotations

import re
from datetime import date

from thucydides.time.normalise import normalise

_DATELINE_LEAD = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},\s+(?P<date>[^()\-—–]{6,40}?)\s*(?:\(|-|—|–)"
)
# A dateline sits in the first lines of an article.
_LINES_SEARCHED = 4


def find_dateline(text: str) -> date | None:
    """The full calendar date of the article's dateline, if it has one."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines[:_LINES_SEARCHED]:
        for candidate in (line, *_lead(line)):
            result = normalise(candidate, None)
            if result is not None and result.precision == "day":
                return date.fromisoformat(result.value)
    return None


def _lead(line: str) -> tuple[str, ...]:
    match = _DATELINE_LEAD.match(line)
    return (match["date"],) if match else ()
