"""What the engine finds in real news nobody tuned it to (#14, point 6).

Usage: python benchmarks/realnews.py [STORIES.jsonl] [--json OUT.json]

By default it reads the 39 Voice of America stories of ``../shared/data/voa/stories.jsonl``
(public domain, no labels) and prints, over all stories:

- the share of sentences with at least one asserted event;
- events per story (all, and asserted only);
- the share of asserted events whose actor, and whose recipient, has a country.

There is no gold here: these figures say how much the coder reads of real text, not whether
it reads it right. Exits with a message, and status 0, when the stories are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT.parent / "shared" / "data" / "voa" / "stories.jsonl"


def read_stories(path: Path) -> list[tuple[str, str, date | None]]:
    stories = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        published = str(row.get("published") or "")[:10]
        day = date.fromisoformat(published) if published else None
        stories.append((str(row["id"]), str(row["text"]), day))
    return stories


def measure(path: Path) -> dict[str, float]:
    from thucydides import Pipeline, read_text_document

    pipeline = Pipeline()
    sentences = with_asserted = events = asserted = with_actor = with_recipient = 0
    stories = read_stories(path)
    for story_id, text, published in stories:
        record = pipeline(read_text_document(text, published=published, doc_id=story_id))
        sentences += len(record.sentences)
        facts = [event for event in record.events if event.factuality == "asserted"]
        with_asserted += len({event.sentence for event in facts})
        events += len(record.events)
        asserted += len(facts)
        with_actor += sum(1 for e in facts if e.actor is not None and e.actor.actor.country)
        with_recipient += sum(
            1 for e in facts if e.recipient is not None and e.recipient.actor.country
        )
    return {
        "stories": len(stories),
        "sentences": sentences,
        "sentences_with_asserted_event": round(with_asserted / max(sentences, 1), 3),
        "events_per_story": round(events / max(len(stories), 1), 2),
        "asserted_events_per_story": round(asserted / max(len(stories), 1), 2),
        "asserted_with_actor_country": round(with_actor / max(asserted, 1), 3),
        "asserted_with_recipient_country": round(with_recipient / max(asserted, 1), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", type=Path, default=STORIES)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not args.stories.exists():
        print(f"skipped: {args.stories} not found (the ../shared folder is absent)")
        return 0
    figures = measure(args.stories)
    for name, value in figures.items():
        print(f"{name:34} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
