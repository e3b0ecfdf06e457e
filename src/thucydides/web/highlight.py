"""Cutting a document's text into pieces marked by the layers that cover them.

The document view highlights events, their triggers, actors, time expressions and quotes,
which overlap and nest freely. Rather than nesting markup, the text is cut at every span
boundary into flat pieces, each carrying the set of layers over it; the template escapes
each piece's text, so nothing of the article ever reaches the page as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from thucydides.web.queries import MATCH_CLOSE, MATCH_OPEN


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    layer: str  # event | trigger | actor | time | quote
    label: str  # what the layer says about this span, shown on hover
    anchor: str | None = None  # an id placed where the span starts ("ev-3")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    layers: tuple[str, ...]
    labels: tuple[str, ...]
    anchors: tuple[str, ...]


def pieces(text: str, marks: Iterable[Mark], sentence_starts: Sequence[int] = ()) -> list[Piece]:
    """The text cut at every mark boundary (and sentence start), each piece with its marks.

    Marks outside the text or empty are dropped; sentence ``n`` gets the anchor ``s-n``.
    """
    size = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end <= size]
    cuts = {0, size, *(m.start for m in kept), *(m.end for m in kept)}
    cuts.update(s for s in sentence_starts if 0 <= s < size)
    sentence_anchor = {start: f"s-{n}" for n, start in enumerate(sentence_starts)}
    bounds = sorted(cuts)
    result: list[Piece] = []
    for start, end in pairwise(bounds):
        over = [m for m in kept if m.start <= start and end <= m.end]
        anchors = [m.anchor for m in kept if m.start == start and m.anchor]
        if start in sentence_anchor:
            anchors.insert(0, sentence_anchor[start])
        result.append(
            Piece(
                text[start:end],
                tuple(sorted({m.layer for m in over})),
                tuple(dict.fromkeys(m.label for m in over)),
                tuple(dict.fromkeys(anchors)),
            )
        )
    return result


def record_marks(record: dict[str, Any]) -> list[Mark]:
    """The highlightable spans of a ``thucydides/1`` record."""
    marks: list[Mark] = []
    for n, event in enumerate(record.get("events", [])):
        label = f"event {n + 1}: {event.get('cameo')} {event.get('cameo_name')}"
        marks += _span_mark(event, "event", label, f"ev-{n}")
        marks += _span_mark(event.get("trigger"), "trigger", f"trigger of event {n + 1}")
    for actor in record.get("actors", []):
        marks += _span_mark(actor, "actor", f"actor {actor.get('code') or actor.get('text')}")
    for timex in record.get("timexes", []):
        marks += _span_mark(timex, "time", f"time {timex.get('type')} {timex.get('value')}")
    for n, quote in enumerate(record.get("quotes", [])):
        speaker = (quote.get("speaker") or {}).get("code") or "unknown speaker"
        marks += _span_mark(quote, "quote", f"quote ({speaker})", f"q-{n}")
    return marks


def _span_mark(item: object, layer: str, label: str, anchor: str | None = None) -> list[Mark]:
    """A mark for an item of the record with a well-formed ``span``; none otherwise."""
    if not isinstance(item, dict):
        return []
    span = item.get("span")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) for v in span)):
        return []
    return [Mark(span[0], span[1], layer, label, anchor)]


def matched_pieces(marked: str) -> list[tuple[str, bool]]:
    """A sentence that FTS5 marked up, as (text, is_a_match) pieces."""
    result: list[tuple[str, bool]] = []
    for n, chunk in enumerate(marked.split(MATCH_OPEN)):
        if n == 0:
            result.append((chunk, False))
            continue
        inside, _, after = chunk.partition(MATCH_CLOSE)
        result += [(inside, True), (after, False)]
    return [(text, match) for text, match in result if text]
