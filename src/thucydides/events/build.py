"""Turn sentence-level codings into finished :class:`~thucydides.model.Event` records:
CAMEO-derived fields, date, place, a stable id and a confidence."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from thucydides.cameo import Codebook
from thucydides.events.coder import Coding
from thucydides.model import ActorRef, Document, Event, Location, Span, Trigger
from thucydides.places import Gazetteer, event_location
from thucydides.time.anchor import EventDater

# Sectors whose members belong to the country where the event happened when the text
# names no other: "26 tourists" massacred in Pahalgam were in India.
PLACE_BOUND_SECTORS = frozenset({"CVL", "REF", "MED", "EDU", "HLH", "LAB", "BUS", "COP"})


def build_events(
    document: Document,
    codings: Sequence[Coding],
    codebook: Codebook,
    dater: EventDater,
    gazetteer: Gazetteer,
) -> list[Event]:
    events = []
    taken: set[str] = set()
    for coding in codings:
        sentence = coding.trigger.sent
        location = event_location(coding.trigger, gazetteer)
        actor = _place_country(coding.actor, location)
        recipient = _place_country(coding.recipient, location)
        trigger_span = Span(coding.trigger.idx, coding.trigger.idx + len(coding.trigger.text))
        events.append(
            Event(
                id=_event_id(document.id, trigger_span, coding, taken),
                sentence=coding.sentence,
                span=Span(sentence.start_char, sentence.end_char),
                trigger=Trigger(coding.trigger.text, trigger_span),
                type=codebook[coding.code],
                actor=actor,
                recipient=recipient,
                date=dater.date_for(coding.sentence, coding.trigger, coding.reporter),
                location=location,
                factuality=coding.factuality,
                speaker=coding.speaker,
                confidence=_confidence(coding),
                rule=coding.rule or None,
            )
        )
    return events


def _place_country(ref: ActorRef | None, location: Location | None) -> ActorRef | None:
    if ref is None or location is None or location.country is None:
        return ref
    actor = ref.actor
    if actor.country is not None or actor.sector not in PLACE_BOUND_SECTORS:
        return ref
    country = location.country
    return replace(ref, actor=replace(actor, country=country, code=f"{country}{actor.sector}"))


def _event_id(doc_id: str, span: Span, coding: Coding, taken: set[str]) -> str:
    """A stable id, unique in the document: coordinated actors of one trigger ("Rubio and
    Vance spoke with India") share codes, so the id of a second such event also names where
    its actor and recipient stand, and an index as a last resort. ``taken`` collects the
    ids given so far; an event with no twin keeps the id it always had."""
    actor = coding.actor.actor.code if coding.actor else ""
    recipient = coding.recipient.actor.code if coding.recipient else ""
    basis = f"{doc_id}|{span.start}|{coding.code}|{actor}|{recipient}"
    candidate = _digest(basis)
    if candidate in taken:
        basis += f"|{_start(coding.actor)}|{_start(coding.recipient)}"
        candidate = _digest(basis)
    index = 1
    while candidate in taken:
        candidate = _digest(f"{basis}|{index}")
        index += 1
    taken.add(candidate)
    return candidate


def _start(ref: ActorRef | None) -> str:
    return str(ref.span.start) if ref else ""


def _digest(basis: str) -> str:
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _confidence(coding: Coding) -> float:
    """A heuristic score, not a calibrated probability: specific patterns, resolved codes
    and explicit roles raise it; inferred actors and missing recipients lower it."""
    score = 0.6 + 0.08 * min(coding.specificity, 3)
    if coding.inferred:
        score -= 0.1
    if coding.recipient is None:
        score -= 0.1
    if coding.actor is None or coding.actor.actor.code is None:
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)
