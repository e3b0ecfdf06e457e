"""Serialise records to the ``thucydides/1`` JSON contract."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from thucydides.model import (
    ActorRef,
    Agreement,
    Event,
    EventDate,
    Location,
    Quote,
    Record,
    Stance,
    TimeRef,
)

SCHEMA_ID = "thucydides/1"


def actor_json(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    actor = ref.actor
    return {
        "text": ref.text,
        "span": ref.span.as_list(),
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "role": actor.role,
    }


def date_json(value: EventDate | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "value": value.value,
        "precision": value.precision,
        "text": value.text,
        "source": value.source,
    }


def location_json(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "name": location.name,
        "country": location.country,
        "lat": location.lat,
        "lon": location.lon,
    }


def event_json(event: Event) -> dict[str, Any]:
    kind = event.type
    return {
        "id": event.id,
        "sentence": event.sentence,
        "span": event.span.as_list(),
        "trigger": {"text": event.trigger.text, "span": event.trigger.span.as_list()},
        "cameo": kind.cameo,
        "cameo_name": kind.name,
        "root": kind.cameo[:2],
        "plover": kind.plover,
        "mode": kind.mode,
        "context": list(kind.context),
        "quad": kind.quad,
        "goldstein": kind.goldstein,
        "actor": actor_json(event.actor),
        "recipient": actor_json(event.recipient),
        "date": date_json(event.date),
        "location": location_json(event.location),
        "factuality": event.factuality,
        "speaker": actor_json(event.speaker),
        "confidence": event.confidence,
        "rule": event.rule,
    }


def timex_json(timex: TimeRef) -> dict[str, Any]:
    return {
        "text": timex.text,
        "span": timex.span.as_list(),
        "type": timex.type,
        "value": timex.value,
        "precision": timex.precision,
    }


def quote_json(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": actor_json(quote.speaker),
        "text": quote.text,
        "span": quote.span.as_list(),
        "cue": quote.cue,
        "kind": quote.kind,
    }


def stance_json(stance: Stance) -> dict[str, Any]:
    return {
        "id": stance.id,
        "holder": actor_json(stance.holder),
        "topic": stance.topic,
        "target": actor_json(stance.target),
        "position": stance.position,
        "reason": stance.reason,
        "date": date_json(stance.date),
        "evidence": {"text": stance.evidence.text, "span": stance.evidence.span.as_list()},
    }


def agreement_json(agreement: Agreement) -> dict[str, Any]:
    return {
        "key": agreement.key,
        "name": agreement.name,
        "parties": [actor_json(p) for p in agreement.parties],
        "signed": date_json(agreement.signed),
        "status": agreement.status,
        "status_by": actor_json(agreement.status_by),
        "status_date": date_json(agreement.status_date),
        "evidence": {"text": agreement.evidence.text, "span": agreement.evidence.span.as_list()},
    }


def record_json(record: Record) -> dict[str, Any]:
    doc = record.document
    return {
        "schema": SCHEMA_ID,
        "doc": {
            "id": doc.id,
            "url": doc.url,
            "title": doc.title,
            "published": doc.published.isoformat() if doc.published else None,
            "language": doc.language,
            "source": doc.source,
        },
        "events": [event_json(e) for e in record.events],
        "quotes": [quote_json(q) for q in record.quotes],
        "stances": [stance_json(s) for s in record.stances],
        "agreements": [agreement_json(a) for a in record.agreements],
        "timexes": [timex_json(t) for t in record.timexes],
        "actors": [actor_json(a) for a in record.mentions],
        "warnings": list(record.warnings),
    }


def dumps(record: Record) -> str:
    """One JSON Lines line (no trailing newline)."""
    return json.dumps(record_json(record), ensure_ascii=False)


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of ``thucydides/1`` shipped in the package."""
    text = resources.files("thucydides").joinpath("schema", "thucydides-1.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded
