"""Code every event-gold sentence, the VOA stories and the seed article; print the events.

One JSON line per event (input id, sentence, trigger text and span, CAMEO code, actor,
recipient, factuality, speaker, date, confidence), so that two runs can be compared with
``diff``: a refactoring of the event coder must leave this output byte-identical.

    PYTHONPATH=src python scripts/snapshot_events.py > /tmp/refactor/before.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from thucydides import Pipeline, read_text_document
from thucydides.model import ActorRef, Document, Record

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
VOA = SHARED / "data" / "voa" / "stories.jsonl"
SEED = SHARED / "seed"
SEED_PUBLISHED = date(2025, 8, 9)  # as in tests/test_seed.py


def _gold_files() -> list[Path]:
    return [*sorted(FIXTURES.glob("events_*_gold.jsonl")), FIXTURES / "gold_events.jsonl"]


def _inputs() -> Iterator[tuple[str, Document]]:
    for path in _gold_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            day = date.fromisoformat(item["doc_date"]) if item.get("doc_date") else None
            yield (
                f"{path.name}:{item['id']}",
                read_text_document(item["text"], published=day, source="<gold>"),
            )
    if VOA.exists():
        for line in VOA.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            published = datetime.strptime(story["published"], "%Y-%m-%d %H:%M:%SZ").date()
            yield (
                f"voa:{story['id']}",
                read_text_document(story["text"], published=published, source="<voa>"),
            )
    for path in sorted(SEED.glob("*.txt")) if SEED.exists() else []:
        text = path.read_text(encoding="utf-8")
        yield f"seed:{path.name}", read_text_document(text, published=SEED_PUBLISHED)


def _code(ref: ActorRef | None) -> str | None:
    return None if ref is None else ref.actor.code


def _lines(input_id: str, record: Record) -> Iterator[str]:
    text = record.document.text
    for event in record.events:
        sentence = record.sentences[event.sentence].span
        yield json.dumps(
            {
                "input": input_id,
                "sentence": text[sentence.start : sentence.end],
                "trigger": event.trigger.text,
                "trigger_span": event.trigger.span.as_list(),
                "cameo": event.type.cameo,
                "actor": _code(event.actor),
                "recipient": _code(event.recipient),
                "factuality": event.factuality,
                "speaker": _code(event.speaker),
                "date": None if event.date is None else [event.date.value, event.date.precision],
                "confidence": event.confidence,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


def main() -> None:
    pipeline = Pipeline()
    out = sys.stdout
    for input_id, document in _inputs():
        record = pipeline(document)
        for line in _lines(input_id, record):
            out.write(line + "\n")
        if not record.events:
            out.write(json.dumps({"input": input_id, "events": 0}) + "\n")


if __name__ == "__main__":
    main()
