"""Run an evaluation for ``thucydides evaluate``: detect the gold format, score the engine
(and, for time expressions, the dateparser baseline) and return the figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.actors.kb import INTERNATIONAL, composite_code
from thucydides.errors import ConfigError, Msg
from thucydides.evaluate import actors as actor_eval
from thucydides.evaluate import events as event_eval
from thucydides.evaluate import speech as speech_eval
from thucydides.evaluate import timex as timex_eval
from thucydides.ingest import read_text_document
from thucydides.model import ActorRef, Record
from thucydides.nlp import parse
from thucydides.pipeline import Pipeline
from thucydides.time.dateline import find_dateline
from thucydides.time.extract import find_timexes

# MEANTIME annotates the headline, the dateline and the first sentences: six in all.
MEANTIME_ANNOTATED_SENTENCES = 6


def detect_task(items: list[dict[str, Any]]) -> str:
    gold = items[0].get("gold", {}) if items else {}
    if "timexes" in gold:
        return "timex"
    if "events" in gold:
        return "events"
    if {"quotes", "stances", "agreements"} & set(gold):
        return "speech"
    if "country" in gold or "sector" in gold:
        return "actors"
    return "unknown"


def evaluate_file(
    path: Path,
    pipeline: Pipeline,
    task: str = "auto",
    baseline: bool = True,
    dyadic: bool = False,
) -> dict[str, Any]:
    items = timex_eval.read_gold(path)
    task = detect_task(items) if task == "auto" else task
    if task == "actors":
        return {
            "task": task,
            "engine": actor_eval.evaluate_actors(items, pipeline.resolve_actor).as_dict(),
        }
    if task == "timex":
        tagger, region = timex_tagger(pipeline)
        result: dict[str, Any] = {
            "task": task,
            "engine": timex_eval.evaluate_timexes(items, tagger, region).as_dict(),
        }
        if baseline:
            result["dateparser"] = timex_eval.evaluate_timexes(
                items, timex_eval.dateparser_tagger, region
            ).as_dict()
        return result
    if task == "events":
        sector_level = items[0]["gold"].get("actor_level") == "sector"
        coder = event_coder(pipeline, sector_level)
        return {
            "task": task,
            "engine": event_eval.evaluate_events(items, coder, dyadic).as_dict(),
        }
    if task == "speech":
        scores = speech_eval.evaluate_speech(
            items, speech_coder(pipeline), agreement_canonical(pipeline)
        )
        return {"task": task, "engine": scores.as_dict()}
    raise ConfigError(
        Msg.E021,
        path=path,
        detail="unknown gold format (expected gold.timexes, gold.events, "
        "gold.quotes/stances/agreements or gold.country/gold.sector)",
    )


def speech_coder(pipeline: Pipeline) -> speech_eval.Coder:
    def code(text: str, published: str | None) -> Record:
        return _code_gold(pipeline, text, date.fromisoformat(published) if published else None)

    return code


def _code_gold(pipeline: Pipeline, text: str, published: date | None) -> Record:
    return pipeline(read_text_document(text, published=published, source="<gold>"))


def agreement_canonical(pipeline: Pipeline) -> speech_eval.Canonical:
    """An agreement's canonical name: the knowledge base's, for any of its aliases."""
    treaties = {alias.lower(): t.name for alias, t in
                pipeline.engine.agreements.lexicon.treaties.items()}  # fmt: skip

    def canonical(name: str) -> tuple[str, bool]:
        known = treaties.get(name.lower())
        return (known or name).lower(), known is not None

    return canonical


def event_coder(pipeline: Pipeline, sector_level: bool = False) -> event_eval.Coder:
    """(actor code, recipient code, CAMEO code, factuality) of a sentence's events; with
    ``sector_level`` the codes stop at country and sector ("PAKINSTTP" → "PAKINS")."""

    def code(text: str, anchor: date | None) -> set[event_eval.Coded]:
        record = _code_gold(pipeline, text, anchor)
        return {
            (
                _code_of(e.actor, sector_level),
                _code_of(e.recipient, sector_level),
                e.type.cameo,
                e.factuality,
            )
            for e in record.events
        }

    return code


def _code_of(ref: ActorRef | None, sector_level: bool = False) -> str:
    if ref is None:
        return event_eval.NO_ACTOR
    actor = ref.actor
    if sector_level and actor.country is not None and actor.country not in INTERNATIONAL:
        return composite_code(actor.country, actor.sector) or event_eval.NO_ACTOR
    return actor.code or event_eval.NO_ACTOR


def timex_tagger(pipeline: Pipeline) -> tuple[timex_eval.Tagger, Callable[[str], int]]:
    """Our time tagger and the end of the annotated region, sharing one parse per text."""
    parsed: dict[str, Any] = {}

    def doc_of(text: str) -> Any:
        if text not in parsed:
            parsed.clear()
            parsed[text] = next(parse(pipeline.engine.nlp, [text]))
        return parsed[text]

    def tag(text: str, anchor: date | None) -> list[timex_eval.Prediction]:
        anchor = anchor or find_dateline(text)
        return [
            (t.span.start, t.span.end, t.type, t.value) for t in find_timexes(doc_of(text), anchor)
        ]

    def region(text: str) -> int:
        sentences = list(doc_of(text).sents)
        return int(sentences[min(MEANTIME_ANNOTATED_SENTENCES, len(sentences)) - 1].end_char)

    return tag, region
