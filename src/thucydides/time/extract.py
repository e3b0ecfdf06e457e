"""Find time expressions in a parsed document and normalise them.

Candidates come from spaCy's DATE and TIME entities, widened or narrowed to the forms the
normaliser understands, plus a few patterns the small English model often misses
("four-day", week days, "earlier this month").
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc, Span

from thucydides.model import Span as TextSpan
from thucydides.model import TimeRef
from thucydides.nlp import doc_text, sentences
from thucydides.time.normalise import Normalised, normalise

# Leading words of an entity that are not part of the time expression itself.
_LEADING = re.compile(
    r"^(?:on|in|at|by|since|from|until|till|during|of|for|and|to|between|before|after)\s+",
    re.I,
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_EXTRA = re.compile(
    r"\b(?:(?:last|next|this|earlier this|later this)\s+(?:week|month|year)"
    r"|(?:yesterday|today|tomorrow|recently|currently|nowadays)"
    r"|(?:on\s+|every\s+|each\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|[a-z]+-(?:day|week|month|year)(?=\s+[a-z])"
    r"|(?:the\s+)?(?:first|second|third|fourth|last|previous)\s+quarter(?:\s+of\s+\d{4})?"
    r"|(?:early|late|mid)[\s-]*(?:19|20)\d\d"
    r"|\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:UTC|GMT))?"
    r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
    r"|\d{1,2}\s+" + _MONTHS + r"(?:\s+(?:19|20)\d\d)?"
    r"|" + _MONTHS + r"\s+(?:19|20)\d\d"
    r"|(?:in|since|until|from|and|to|by|of|between|before|after)\s+(?:19|20)\d\d(?![\d,.%-])"
    r")\b",
    re.I,
)
_FUTURE_MARKERS = frozenset({"will", "shall", "'ll"})
# "between May 7 and 10", "May 7-10, 2025": the second day borrows the first one's month.
_DAY_RANGE = re.compile(
    r"\b(?P<month>" + _MONTHS + r")\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:and|to|through|-|–)\s*"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)


def find_timexes(doc: Doc, published: date | None) -> list[TimeRef]:
    sentence_of = {sent.start: n for n, sent in enumerate(sentences(doc))}
    found: dict[tuple[int, int], TimeRef] = {}
    # The keys of ``found`` in order. No found span contains another (a span inside one found
    # is dropped, spans inside a new one are removed), so their ends are in order too, and
    # the spans that contain or lie inside a new one are found by bisection, not a scan.
    keys: list[tuple[int, int]] = []
    for span in _candidates(doc):
        text, start = _trim(span.text, span.start_char)
        if not text:
            continue
        sentence = span.sent
        result = normalise(text, published, future=_is_future(span))
        if result is None:
            continue
        key = (start, start + len(text))
        before = bisect.bisect_right(keys, (key[0], math.inf)) - 1
        if before >= 0 and keys[before][1] >= key[1]:
            continue  # inside a span already found
        first = last = bisect.bisect_left(keys, (key[0], -math.inf))
        while last < len(keys) and keys[last][1] <= key[1]:
            del found[keys[last]]
            last += 1
        keys[first:last] = [key]
        found[key] = _timex(text, key, result, sentence_of[sentence.start])
    for match in _DAY_RANGE.finditer(doc_text(doc)):
        _add_range_end(doc, match, published, sentence_of, found)
    return [found[k] for k in sorted(found)]


def _add_range_end(
    doc: Doc,
    match: re.Match[str],
    published: date | None,
    sentence_of: dict[int, int],
    found: dict[tuple[int, int], TimeRef],
) -> None:
    key = (match.start("day"), match.end("day"))
    for a, b in [k for k in found if k[0] <= key[0] < k[1]]:
        del found[(a, b)]  # "10, 2025" read alone as October: the range says otherwise
    year = f", {match['year']}" if match["year"] else ""
    for (a, b), timex in list(found.items()):
        if a == match.start() and year and timex.precision == "day":
            # "May 7 and 10, 2025": the year at the end belongs to both days.
            value = normalise(f"{timex.text}{year}", published)
            if value is not None:
                found[(a, b)] = _timex(timex.text, (a, b), value, timex.sentence)
    result = normalise(f"{match['month']} {match['day']}{year}", published)
    span = doc.char_span(*key, alignment_mode="expand")
    if result is None or span is None:
        return
    found[key] = _timex(match["day"], key, result, sentence_of[span.sent.start])


def _timex(text: str, key: tuple[int, int], result: Normalised, sentence: int) -> TimeRef:
    return TimeRef(
        text=text,
        span=TextSpan(*key),
        type=result.type,
        value=result.value,
        precision=result.precision,
        sentence=sentence,
    )


def _candidates(doc: Doc) -> Iterator[Span]:
    for entity in doc.ents:
        if entity.label_ in ("DATE", "TIME"):
            yield entity
    for match in _EXTRA.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            yield span


def _trim(text: str, start: int) -> tuple[str, int]:
    match = _LEADING.match(text)
    if match:
        start += match.end()
        text = text[match.end() :]
    stripped = text.rstrip(" ,.;:")
    return stripped, start


def _is_future(span: Span) -> bool:
    """Whether the clause the expression belongs to speaks of the future ("will meet again
    next week"), judged on the verb it modifies, not on the whole sentence."""
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    return any(c.lower_ in _FUTURE_MARKERS and c.tag_ == "MD" for c in verb.children)
