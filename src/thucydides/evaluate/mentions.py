"""Actor mentions in their sentence: did the engine resolve the words a coder marked?

Gold format (one JSON object per line)::

    {"id", "text": <sentence>, "mention", "start", "end", "doc_date",
     "gold": {"country": ISO3 | "IGO" | "NGO" | "MNC" | null, "sector": code | null}}

The sentence is coded as a document published on ``doc_date``. The engine's actor for the
mention is the actor reference (a mention, or an event's actor or recipient) that overlaps
``[start, end)`` most; none is "no country, no sector". Country and sector are scored by
exact match as for NGEC actor strings (:mod:`thucydides.evaluate.actors`), a null gold
value meaning that the right answer is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from thucydides.evaluate.actors import ActorScores, country_for_gold
from thucydides.model import Actor, ActorRef, Record

CodeText = Callable[[str, date | None], Record]


def evaluate_mentions(items: Iterable[dict[str, Any]], code_text: CodeText) -> ActorScores:
    scores = ActorScores()
    for item in items:
        gold = item["gold"]
        scores.items += 1
        day = date.fromisoformat(item["doc_date"]) if item.get("doc_date") else None
        record = code_text(item["text"], day)
        actor = actor_at(record, int(item["start"]), int(item["end"]))
        country = gold.get("country") or ""
        scores.country.add(item["mention"], country, country_for_gold(actor, country))
        sector = gold.get("sector") or ""
        scores.sector.add(item["mention"], sector, (actor.sector if actor else None) or "")
    return scores


def actor_at(record: Record, start: int, end: int) -> Actor | None:
    """The actor of the reference that overlaps ``[start, end)`` most."""
    best: ActorRef | None = None
    best_overlap = 0
    for ref in _references(record):
        overlap = min(end, ref.span.end) - max(start, ref.span.start)
        if overlap > best_overlap:
            best, best_overlap = ref, overlap
    return best.actor if best is not None else None


def _references(record: Record) -> Iterable[ActorRef]:
    yield from record.mentions
    for event in record.events:
        for ref in (event.actor, event.recipient):
            if ref is not None:
                yield ref
