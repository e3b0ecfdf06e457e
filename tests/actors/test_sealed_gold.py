"""The sealed actor set of #15 (tests/fixtures/actors_sealed_gold.jsonl: 274 actor mentions
in 177 news sentences, 1990-2025, 37% unnamed or descriptive, written by a helper who never
saw the engine; see actors_sealed_README.md), scored with thucydides.evaluate.mentions.

Scored once, before any change to the actor layer (engine 2026-12-07): country accuracy
0.766, sector accuracy 0.730. Nobody reads its per-item errors: only these totals, before
and after a change. Floors are the levels reached, only ever raised."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, CodeText
from thucydides.evaluate.mentions import evaluate_mentions

COUNTRY_FLOOR = 0.76
SECTOR_FLOOR = 0.72


def test_sealed_actor_floors(code_text: CodeText) -> None:
    lines = (FIXTURES / "actors_sealed_gold.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    scores = evaluate_mentions(items, lambda text, day: code_text(text, published=day))
    assert scores.items == 274
    assert scores.country.accuracy >= COUNTRY_FLOOR, scores.country.accuracy
    assert scores.sector.accuracy >= SECTOR_FLOOR, scores.sector.accuracy
